"""What a report is about: its bureau, the fiscal year its budget tables are for and the year
its settlement closes, as the report prints them (:mod:`seoul_budget.parse.cover` reads them).

Nothing here imports pandas: the build reads a snapshot's subject from its processed stamp,
or from the report's cover, to title its pages and to group its index by fiscal year.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# Which year a table's figures are for (the catalog says it per table).
FISCAL = "fiscal"  # the report's budget year: 세입·세출 예산, 집행현황, key projects
SETTLEMENT = "settlement"  # the settlement's year: 세입결산, 세출결산


@dataclass(frozen=True)
class Subject:
    """A report's bureau (its name as the cover prints it, whitespace collapsed), its
    ``fiscal_year`` (the budget year of the title, the headings and the budget tables'
    headers) and its ``settlement_year`` (the year of the settlement section's heading; None
    when the report prints no settlement)."""

    bureau: str
    fiscal_year: int
    settlement_year: int | None = None

    @property
    def previous_year(self) -> int:
        """Return the year before the fiscal year (the 최종예산 the budget tables compare
        with)."""
        return self.fiscal_year - 1

    @property
    def title(self) -> str:
        """Return what the pages call the report: '<bureau> 업무보고'."""
        return f"{self.bureau} 업무보고"

    @property
    def whole_bureau(self) -> str:
        """Return what the pages call all of the bureau's departments together:
        '<bureau> 전체' ('전체' for a subject read from tables alone, without a bureau)."""
        return f"{self.bureau} 전체" if self.bureau else "전체"

    def years(self) -> dict[str, int | None]:
        """Return the years by the names templates use: ``fiscal_year``, ``previous_year``
        and ``settlement_year``."""
        return {"fiscal_year": self.fiscal_year, "previous_year": self.previous_year,
                "settlement_year": self.settlement_year}

    def to_json(self) -> dict[str, Any]:
        """Return the subject as plain data (a processed stamp stores it)."""
        return {"bureau": self.bureau, "fiscal_year": self.fiscal_year,
                "settlement_year": self.settlement_year}


def subject_from_json(data: object) -> Subject | None:
    """Return the subject :meth:`Subject.to_json` stored, or None when ``data`` is not one
    (an older stamp)."""
    if not isinstance(data, Mapping):
        return None
    bureau, fiscal, settlement = (data.get("bureau"), data.get("fiscal_year"),
                                  data.get("settlement_year"))
    if not isinstance(bureau, str) or not isinstance(fiscal, int) or not (
            settlement is None or isinstance(settlement, int)):
        return None
    return Subject(bureau, fiscal, settlement)
