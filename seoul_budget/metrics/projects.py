"""Key projects: the figures their text states, one metric at a time."""

from __future__ import annotations

import pandas as pd

from ..parse.numbers import UNIT_TO_KRW
from .common import rate_pct

# Key-project figures stated for both 2022 and 2023: (project, metric, Korean label with the
# unit shown, divisor from the stated unit to the shown one).
YEAR_COMPARISONS: tuple[tuple[int, str, str, int], ...] = (
    (1, "routes", "디지털 안내사 운영 노선 (개)", 1),
    (1, "monthly_wage", "디지털 안내사 월 급여 (천원)", UNIT_TO_KRW["천원"]),
    (4, "teams", "소상공인 프로젝트 참여 팀 (팀)", 1),
    (4, "participants", "소상공인 프로젝트 참여 인원 (명)", 1),
    (4, "shops", "소상공인 프로젝트 지원 점포 (개)", 1),
)


def project_metric(project_metrics: pd.DataFrame, project: int, metric: str) -> pd.DataFrame:
    """Return the rows of one key-project figure (e.g. project 2, 'monthly_visits'), sorted
    by period; empty when the report does not state it."""
    rows = project_metrics[(project_metrics["project"] == project)
                           & (project_metrics["metric"] == metric)]
    return rows.sort_values("period", kind="stable").reset_index(drop=True)


def compare_years(project_metrics: pd.DataFrame, before: str = "2022", after: str = "2023",
                  comparisons: tuple[tuple[int, str, str, int], ...] = YEAR_COMPARISONS
                  ) -> pd.DataFrame:
    """Return one row per figure of ``comparisons`` stated for both years: ``label``
    (Korean, with its unit), ``before`` and ``after`` (in that unit: the monthly wage in
    천원) and ``change_rate`` (percent); figures missing a year are left out."""
    rows = []
    for project, metric, label, divisor in comparisons:
        values = project_metric(project_metrics, project, metric).set_index("period")["value"]
        if {before, after} <= set(values.index):
            rows.append({"label": label, "before": float(values[before]) / divisor,
                         "after": float(values[after]) / divisor})
    frame = pd.DataFrame(rows, columns=["label", "before", "after"])
    frame["change_rate"] = rate_pct(frame["after"] - frame["before"], frame["before"])
    return frame
