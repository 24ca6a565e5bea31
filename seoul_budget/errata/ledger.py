"""The errata ledger's file: its format, read into typed rows, and its figures as values.

Corrections to printed figures are named by what the figure is, never by where it is.

``data/raw/errata.csv`` has one row per corrected figure (UTF-8 with or without BOM, or
CP949/EUC-KR as Korean Excel saves it; at most 1 MB)::

    table,key,column,printed,corrected,as_of,from,to,reason,decided_by,decided_on
    expenditure,기후센터 > 일반회계 > 기본경비,committed,"30,048,210천원","30,048,210원",,,,
        …,분석팀,2031-06-02      (one line in the file)

- ``table``, ``key`` and ``column`` name the figure: the key is the row's path in its table
  ('기후센터 > 일반회계', '계', '소계 > 일반회계'; :mod:`seoul_budget.parse.keys`), a line
  item's or a printed total's. The line is found, never given: it is kept in
  ``report.corrections`` (``source_line``) and in the ``errata`` findings;
- ``printed`` and ``corrected`` are figures as a reader writes them, with their unit:
  '18,571백만원', '30,048,210원', '32.8%', '12명'; a bare number is KRW, persons or percent;
- ``as_of`` (optional) names the one snapshot the row is for: there it must match, or that
  snapshot fails (ErrataError naming the snapshot and the row) while the others load.
  Blank, the row applies to every snapshot where the key prints the printed value — a
  misprint repeated word for word every month needs one row; ``from``/``to`` (optional,
  inclusive, each a snapshot's date) narrow the snapshots where it is looked for;
- ``reason`` says why (it is shown wherever the corrected figure is);
- ``decided_by`` and ``decided_on`` (optional columns; a row that has the columns fills both)
  say who decided the correction and on which day (YYYY-MM-DD): the ledger is the analysts'
  own list of corrections, not an errata sheet the report's publisher issued, and pages say
  whose it is and when.

A malformed row is ErrataError here; an unknown table or column, a key that names several
figures and two rows for one figure when the rows are applied (:mod:`seoul_budget.errata.apply`);
a date no snapshot has and a row that applied to no snapshot at all when every snapshot is
loaded (:func:`seoul_budget.errata.check.check_ledger`, run by ``check``, ``parse`` and ``build``).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..datafile import data_source
from ..errors import ErrataError
from ..limits import MAX_LEDGER_BYTES
from ..parse.numbers import MAX_KRW, UNIT_TO_KRW, as_decimal, fits

LEDGER_COLUMNS = ("table", "key", "column", "printed", "corrected", "as_of", "from", "to",
                  "reason", "decided_by", "decided_on")
DECISION_COLUMNS = ("decided_by", "decided_on")
REQUIRED_COLUMNS = ("table", "key", "column", "printed", "corrected", "reason")
FIGURE = re.compile(r"^\s*(?P<sign>[△\-]?)\s*(?P<number>[0-9][0-9,]*(?:\.[0-9]+)?)\s*"
                    r"(?P<unit>원|천원|백만원|억원|명|%)?\s*$")


@dataclass(frozen=True)
class Correction:
    """One ledger row: which printed figure is replaced by which, where, and why.

    ``as_of`` names one snapshot (None: any); ``start``/``end`` bound the snapshots the row
    is looked for in (None: open); ``ledger_line`` is the row's 1-based line in the file;
    ``decided_by`` and ``decided_on`` who decided the correction and when ('' and None in a
    ledger without those columns).
    """

    table: str
    key: str
    column: str
    printed: str
    corrected: str
    reason: str
    ledger_line: int
    as_of: date | None = None
    start: date | None = None
    end: date | None = None
    decided_by: str = ""
    decided_on: date | None = None

    def in_scope(self, day: date) -> bool:
        """Return True if the row is looked for in the snapshot of ``day``."""
        if self.as_of is not None:
            return day == self.as_of
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def dates(self) -> list[date]:
        """Return the snapshot dates the row names (as_of, from, to)."""
        return [d for d in (self.as_of, self.start, self.end) if d is not None]


def read_ledger(path: str | Path) -> list[Correction]:
    """Return the corrections in a ledger file.

    Raises ErrataError naming the file and line for an unreadable file (missing, binary, not
    UTF-8 nor CP949, over 1 MB), a missing or unknown column, a retired line-keyed ledger, or
    a row that is not a correction (bad date, empty reason, a figure that is no figure).
    """
    return read_ledger_source(path)[0]


def read_ledger_source(path: str | Path) -> tuple[list[Correction], str]:
    """Return the corrections in a ledger file (as :func:`read_ledger`) and the SHA-256 of the
    very bytes they were read from (a stamp records it: an edit after the read is stale)."""
    path = Path(path)
    text, sha256 = data_source(path, "errata ledger", MAX_LEDGER_BYTES, ErrataError)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip() for name in (reader.fieldnames or [])]
    reader.fieldnames = header
    if "source_line" in header:
        raise ErrataError("the ledger names figures by line (source_line), a retired format; "
                          "name each figure by table, key and column (docs/data_notes.md): "
                          + ",".join(LEDGER_COLUMNS), path=str(path), line=1)
    if not set(header) & set(LEDGER_COLUMNS):  # another file: not a word of it in a log
        raise ErrataError("the first line is not a ledger's header; expected "
                          + ",".join(LEDGER_COLUMNS), path=str(path), line=1)
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    unknown = [c for c in header if c not in LEDGER_COLUMNS]
    if missing or unknown:
        problem = (f"lacks column(s) {', '.join(missing)}" if missing
                   else f"has unknown column(s) {', '.join(repr(c) for c in unknown)}")
        raise ErrataError(f"the errata ledger {problem}; expected {','.join(LEDGER_COLUMNS)}",
                          path=str(path), line=1)
    decided = all(c in header for c in DECISION_COLUMNS)
    if not decided and any(c in header for c in DECISION_COLUMNS):
        raise ErrataError("the errata ledger names who decided a correction with both "
                          "decided_by and decided_on, or neither", path=str(path), line=1)
    corrections = []
    for row in reader:
        number = reader.line_num
        if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
            continue
        corrections.append(_correction(path, number, row, decided))
    return corrections, sha256


def _correction(path: Path, number: int, row: dict[str, str | None],
                decided: bool = False) -> Correction:
    """Return one ledger row as a Correction (ErrataError naming the row if it is none);
    ``decided``: the ledger has the decided_by/decided_on columns, which the row must fill."""

    def field(name: str) -> str:
        value = row.get(name)
        return value.strip() if isinstance(value, str) else ""

    def fail(message: str) -> ErrataError:
        return ErrataError(message, path=str(path), line=number)

    def day(name: str) -> date | None:
        if not field(name):
            return None
        try:
            return date.fromisoformat(field(name))
        except ValueError:
            raise fail(f"{name} {field(name)!r} is not a date (YYYY-MM-DD)") from None

    if None in row:  # csv puts the cells beyond the header under the key None
        raise fail("the row has more cells than the header")
    absent = [name for name, value in row.items() if value is None]  # csv's filler: no cell
    needed = REQUIRED_COLUMNS + (DECISION_COLUMNS if decided else ())
    if any(name in needed for name in absent):  # a short row missing only optional cells is fine
        given = len(row) - len(absent)
        raise fail(f"the row has {given} field{'s' if given != 1 else ''} where the header has "
                   f"{len(row)}: no {', '.join(absent)} (a comma missing, or the row cut short)")
    for name in ("table", "key", "column"):
        if not field(name):
            raise fail(f"every correction names the figure's {name}")
    if not field("reason"):
        raise fail("every correction needs a reason")
    for name in ("printed", "corrected"):
        if not FIGURE.match(field(name)):
            raise fail(f"{name} {field(name)!r} is not a figure such as '30,048,210천원', "
                       "'32.8%' or '12명'")
        try:
            _number(field(name))
        except ValueError as exc:
            raise fail(f"{name}: {exc}") from None
    if field("printed").replace(" ", "") == field("corrected").replace(" ", ""):
        raise fail(f"printed and corrected are both {field('printed')!r}: the row corrects "
                   "nothing")
    if decided and not (field("decided_by") and field("decided_on")):
        raise fail("every correction names who decided it and when (decided_by, decided_on)")
    as_of, start, end = day("as_of"), day("from"), day("to")
    if as_of is not None and (start is not None or end is not None):
        raise fail("give either as_of (one snapshot) or from/to (a range), not both")
    if start is not None and end is not None and start > end:
        raise fail(f"from {start.isoformat()} is after to {end.isoformat()}")
    return Correction(field("table"), field("key"), field("column"), field("printed"),
                      field("corrected"), field("reason"), number, as_of, start, end,
                      field("decided_by"), day("decided_on"))


def figure_text(value: float, unit: str, like: str) -> str:
    """Return a table's figure (KRW, persons or percent, as :func:`figure_value` returns it)
    written in the unit of the ledger figure ``like``, labelled: 30,048,210,000 KRW beside
    '263,307천원' is '30,048,210천원'; beside a bare '263,307' it is '30,048,210,000원'."""
    _, printed_unit = _number(like)
    name = {"KRW": printed_unit or "원", "persons": "명"}.get(unit, "%")
    amount = as_decimal(value) / UNIT_TO_KRW[name] if unit == "KRW" else as_decimal(value)
    text = f"{abs(amount).normalize():,f}"
    return f"{'△' if amount < 0 else ''}{text}{name}"


def _number(text: str) -> tuple[Decimal, str | None]:
    """Return a ledger figure's signed number and the unit it names (None: bare); ValueError
    for no figure, or one longer than any figure (:data:`MAX_FIGURE_DIGITS` digits, or more
    won than :data:`MAX_KRW`)."""
    match = FIGURE.match(text)
    if not match:
        raise ValueError(f"not a figure: {text!r}")
    try:
        number = fits(Decimal(match["number"].replace(",", "")), repr(text))
    except InvalidOperation:
        raise ValueError(f"not a figure: {text!r}") from None
    if match["unit"] in UNIT_TO_KRW and abs(number) * UNIT_TO_KRW[match["unit"]] >= MAX_KRW:
        raise ValueError(f"{text!r} is more won than any budget")
    return (-number if match["sign"] else number), match["unit"]


def figure_value(text: str, unit: str) -> float:
    """Return a ledger figure in a table's unit: KRW for money, persons, or percent.

    '30,048,210천원' is 30,048,210,000 KRW; '18,571천원' in a 백만원 table is still KRW.
    Raises ValueError for a figure whose unit does not fit (a % for money …).
    """
    number, printed_unit = _number(text)
    if unit == "KRW":
        if printed_unit in ("명", "%"):
            raise ValueError(f"{text!r} is not an amount of money")
        krw = number * UNIT_TO_KRW[printed_unit or "원"]
        if krw != krw.to_integral_value():
            raise ValueError(f"{text!r} is not a whole number of won")
        return float(krw)
    if unit == "persons":
        if printed_unit not in (None, "명") or number != number.to_integral_value():
            raise ValueError(f"{text!r} is not a head count")
        return float(number)
    if printed_unit not in (None, "%"):
        raise ValueError(f"{text!r} is not a percentage")
    return float(number)


