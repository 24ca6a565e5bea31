"""Month to month: execution by snapshot against the share of its fiscal year elapsed, and what
changed between two snapshots — programs added and removed, budgets changed (추경, 이용·전용),
programs whose execution did not move, departments added, removed, renamed, split or merged,
findings new or resolved.

Inputs are history tables (:func:`seoul_budget.history`: ``as_of`` first, ``fiscal_year`` on
every row of a year's figures, departments under their current names; a split department's
programs under the successor holding them). A fiscal year is a series of its own: a snapshot
is compared with the one before it in the same fiscal year (month to month), and the first
snapshot of a fiscal year with the previous fiscal year's at the same point of the year (year
on year: :func:`baseline` says which). A program is the same program in two snapshots when its
department, account and name agree with whitespace and separators ignored ('대기 측정망 운영'
is '대기측정망운영'); programs of one name merged into one department are compared together.
Money in KRW (``Int64``), rates in
percent, changes in KRW.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from ..parse.text import label_key
from ..snapshot_history import AS_OF, Renamer
from ..snapshots import parse_as_of
from .common import department_rank, year_elapsed_pct
from .execution import execution_by
from .printed import GRAND_TOTAL, SOURCE_LINE

ADDED, REMOVED, REBUDGETED, UNCHANGED = "신규", "삭제", "예산 변경", "변동 없음"
EXECUTED = "집행 변동"  # budget unchanged, committed or spent moved
DEPARTMENT_ADDED, DEPARTMENT_REMOVED, DEPARTMENT_RENAMED = "신설", "폐지", "명칭 변경"
DEPARTMENT_SPLIT, DEPARTMENT_MERGED = "분할", "통합"
# Every status of :func:`department_changes`, in the order a page names them.
DEPARTMENT_STATUSES: tuple[str, ...] = (DEPARTMENT_ADDED, DEPARTMENT_REMOVED, DEPARTMENT_RENAMED,
                                        DEPARTMENT_SPLIT, DEPARTMENT_MERGED)
SUCCESSORS_SEPARATOR = ", "  # between a split department's successors in ``new_name``
FINDING_NEW, FINDING_RESOLVED = "새로 발견", "해소"
# What makes two findings the same finding in two snapshots (lines move, values change).
FINDING_KEY: tuple[str, ...] = ("check", "severity", "table", "key", "column")
PROGRAM_KEY: tuple[str, ...] = ("department", "account", "program_key")
_MONEY = ("budget", "committed", "spent")


def snapshot_dates(history: pd.DataFrame) -> list[date]:
    """Return the snapshots a history table holds, oldest first."""
    return sorted({pd.Timestamp(value).date() for value in history[AS_OF]})


def previous_as_of(history: pd.DataFrame, as_of: object) -> date | None:
    """Return the date of the last snapshot of ``history`` before ``as_of`` (any date
    :func:`seoul_budget.snapshots.parse_as_of` takes), or None if there is none (its report
    file, from the data folder, is ``snapshots.previous_snapshot``)."""
    as_of = parse_as_of(as_of)
    earlier = [day for day in snapshot_dates(history) if day < as_of]
    return earlier[-1] if earlier else None


def snapshot_years(history: pd.DataFrame) -> dict[date, int]:
    """Return {snapshot: the fiscal year of its figures} of a history table with a
    ``fiscal_year`` column (a snapshot without rows of a year is left out)."""
    rows = history.dropna(subset=["fiscal_year"]).drop_duplicates([AS_OF])
    return {pd.Timestamp(day).date(): int(year)
            for day, year in zip(rows[AS_OF], rows["fiscal_year"], strict=True)}


def in_fiscal_year(history: pd.DataFrame, fiscal_year: int) -> pd.DataFrame:
    """Return the rows of a history table that are of one fiscal year (its series)."""
    return history[history["fiscal_year"] == fiscal_year].reset_index(drop=True)


def _year_earlier(day: date) -> date:
    """Return the same day a year earlier (29 February: the 28th)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February of a leap year
        return day.replace(year=day.year - 1, day=28)


@dataclass(frozen=True)
class Baseline:
    """What a snapshot is compared with: the snapshot (``as_of``; None: nothing earlier to
    compare with) and whether the comparison is ``year_on_year`` (the snapshot before it is
    of an earlier fiscal year: the previous fiscal year's at the same point of the year)."""

    as_of: date | None
    year_on_year: bool = False


def year_earlier(history: pd.DataFrame, as_of: object) -> date | None:
    """Return the previous fiscal year's snapshot at the same point of the year as ``as_of``
    (any date :func:`seoul_budget.snapshots.parse_as_of` takes): its last on or before the
    same day a year earlier (else its first); None when the history holds no snapshot of the
    previous fiscal year."""
    as_of = parse_as_of(as_of)
    years = snapshot_years(history)
    year = years.get(as_of)
    before = sorted(day for day, y in years.items() if year is not None and y == year - 1)
    point = [day for day in before if day <= _year_earlier(as_of)]
    return point[-1] if point else (before[0] if before else None)


def baseline(history: pd.DataFrame, as_of: object) -> Baseline:
    """Return what snapshot ``as_of`` (any date :func:`seoul_budget.snapshots.parse_as_of`
    takes) is compared with: the one before it in its fiscal year (month to month); for the
    first snapshot of a fiscal year, the previous fiscal year's at the same point of the year
    (:func:`year_earlier`), year on year; none when the history holds no earlier snapshot of
    either year."""
    as_of = parse_as_of(as_of)
    years = snapshot_years(history)
    same = [day for day, y in years.items() if y == years.get(as_of) and day < as_of]
    if same:
        return Baseline(max(same))
    earlier = year_earlier(history, as_of)
    return Baseline(earlier, year_on_year=earlier is not None)


def rows_at(history: pd.DataFrame, as_of: object) -> pd.DataFrame:
    """Return the rows of one snapshot (``as_of``: any date
    :func:`seoul_budget.snapshots.parse_as_of` takes), without the ``as_of`` column."""
    day = parse_as_of(as_of)
    rows = history[[pd.Timestamp(value).date() == day for value in history[AS_OF]]]
    return rows.drop(columns=[AS_OF]).reset_index(drop=True)


def execution_by_month(expenditure: pd.DataFrame, by: Sequence[str] = ()) -> pd.DataFrame:
    """Return per snapshot (and ``by``, e.g. department) its ``fiscal_year``, the programs,
    budget, committed and spent (KRW), ``committed_rate`` and ``spent_rate`` (percent of
    budget) and ``elapsed``, the share of its fiscal year gone at the snapshot's date
    (percent); oldest first, departments in report order. Two fiscal years are two series:
    select one with :func:`in_fiscal_year`."""
    keys = [AS_OF, "fiscal_year", *by]
    grouped = execution_by(expenditure, by=keys)
    order = [grouped[AS_OF].to_numpy()]
    if "department" in keys:
        order.insert(0, department_rank(grouped["department"]).to_numpy())
    grouped = grouped.iloc[np.lexsort(order)].reset_index(drop=True)
    grouped["fiscal_year"] = grouped["fiscal_year"].astype("Int64")
    grouped["elapsed"] = [year_elapsed_pct(pd.Timestamp(day).date(), int(year))
                          for day, year in zip(grouped[AS_OF], grouped["fiscal_year"],
                                               strict=True)]
    return grouped


def _group_key(group: object) -> tuple[object, ...]:
    """Return a groupby key of (``as_of``, …) as (its date, the other values as text)."""
    values = group if isinstance(group, tuple) else (group,)
    return (pd.Timestamp(values[0]).date(), *map(str, values[1:]))


def split_parts(history: pd.DataFrame, printed: pd.DataFrame,
                by: Sequence[str] = ("department",)) -> set[tuple[object, ...]]:
    """Return the groups (``as_of``'s date, then ``by``'s values as text) in which ``history``
    (departments under their current names) holds fewer rows than ``printed`` (the same
    history with every department as printed) holds under the same name that month: a
    department a later split left only a part of — its 기본경비 kept the name, the rest went
    to the successors."""
    def counts(frame: pd.DataFrame) -> dict[tuple[object, ...], int]:
        return {_group_key(group): len(rows) for group, rows in
                frame.groupby([AS_OF, *by], sort=False, observed=True)}

    whole = counts(printed)
    return {key for key, rows in counts(history).items() if rows < whole.get(key, 0)}


def execution_by_department(history: pd.DataFrame, printed: pd.DataFrame) -> pd.DataFrame:
    """Return :func:`execution_by_month` by department of ``history`` (departments under their
    current names), where a month's row of a department that a later split left only a part
    of (:func:`split_parts`) is the whole department as that month printed it, from
    ``printed`` (the same history with every department as printed:
    :func:`seoul_budget.snapshot_history.same_name`), so its figures are those of that
    month's own page. The successors' rows of that month keep the programs they hold later.
    Money in KRW, rates in percent."""
    out = execution_by_month(history, by=["department"])
    parts = split_parts(history, printed)
    if not parts:
        return out
    whole = execution_by_month(printed, by=["department"])
    at = {_group_key((day, name)): row for row, (day, name) in enumerate(
        zip(whole[AS_OF], whole["department"], strict=True))}
    figures = ["programs", *_MONEY, "committed_rate", "spent_rate"]
    for index, (day, name) in enumerate(zip(out[AS_OF], out["department"], strict=True)):
        key = _group_key((day, name))
        if key in parts:
            out.loc[index, figures] = whole.loc[at[key], figures].to_numpy()
    return out


def summed_lines(history: pd.DataFrame, printed_totals: pd.DataFrame, table: str,
                 by: Sequence[str] = (), key: str = GRAND_TOTAL,
                 printed: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return per snapshot (``as_of``, and ``by``: e.g. department) the lines of the report a
    sum of ``history``'s rows (:func:`execution_by_month`) is read from, as ``lines`` (a list
    of 1-based lines): the printed total's line where the snapshot prints one for that group
    (``printed_totals`` history of every snapshot; its key ``key`` without ``by``, else the
    group's ``by`` value, a department's subtotal), else every summed row's line.

    ``printed``, the same history with every department as printed, tells a group that holds
    only part of what its printed subtotal sums (:func:`split_parts`): it is read from its
    rows' lines, since the subtotal prints another figure."""
    keys = [AS_OF, *by]
    totals = printed_totals[printed_totals["table"] == table]
    at = {(pd.Timestamp(day).date(), name): int(line) for day, name, line in zip(
        totals[AS_OF], totals["key"], totals[SOURCE_LINE], strict=True)
        if not pd.isna(line)}
    parts = split_parts(history, printed, by) if printed is not None and by else set()
    rows = []
    for group, frame in history.groupby(keys, sort=False, observed=True):
        values = group if isinstance(group, tuple) else (group,)
        day = pd.Timestamp(values[0]).date()
        total = at.get((day, str(values[1]) if by else key))
        if _group_key(group) in parts:
            total = None  # part of the rows the printed subtotal sums
        lines = [total] if total is not None else [
            int(line) for line in frame[SOURCE_LINE] if not pd.isna(line)]
        rows.append((*values, lines))
    return pd.DataFrame(rows, columns=[*keys, "lines"])


def _keyed(programs: pd.DataFrame) -> pd.DataFrame:
    """Return one row per program key, money summed over the rows that share it and ``rows``
    the number of printed rows summed: a merge puts two departments' programs of one name
    (their 기본경비) under one department, and the merged department's one program of that
    name a month later is compared with both."""
    lines = programs[SOURCE_LINE] if SOURCE_LINE in programs else pd.NA
    out = programs[["department", "account", "program", *_MONEY]].assign(line=lines, rows=1)
    out["program_key"] = [label_key(str(name)) for name in out["program"]]
    if not out.duplicated(list(PROGRAM_KEY)).any():
        return out
    grouped = out.groupby(list(PROGRAM_KEY), sort=False, observed=True)
    summed = grouped[list(_MONEY)].sum(min_count=1)
    summed.insert(0, "program", grouped["program"].first())
    # a sum of several printed rows has no one line
    summed["line"] = grouped["line"].first().where(grouped.size() == 1)
    summed["rows"] = grouped.size()
    return summed.reset_index()[["department", "account", "program", *_MONEY, "line", "rows",
                                 "program_key"]]


def _keys(frame: pd.DataFrame) -> list[tuple[str, ...]]:
    return list(zip(*(frame[column] for column in PROGRAM_KEY), strict=True))


def compare_programs(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Return every program of two snapshots' ``expenditure`` tables, matched by department,
    account and name: ``status`` — 신규 (added), 삭제 (removed), 예산 변경 (its 예산현액
    changed), 집행 변동 (same budget, 원인행위액 or 지출액 moved), 변동 없음 (no figure
    moved) —, ``budget``, ``committed`` and ``spent`` ``_before`` and ``_after`` (KRW;
    missing where the program is absent) and their ``_change`` (after − before; a new
    program's whole figure, a removed one's negative), and the lines each snapshot prints the
    program on (``line_before``, ``line_after``; missing where absent or summed from several
    rows), and how many printed rows each snapshot sums into the program (``rows_before``,
    ``rows_after``; 0 where absent, 2 for two merged departments' 기본경비). Programs in the
    later snapshot's order, then the removed ones in the earlier order."""
    later, earlier = _keyed(after), _keyed(before)
    merged = later.merge(earlier, on=list(PROGRAM_KEY), how="outer",
                         suffixes=("_after", "_before"), indicator=True, sort=False)
    # Order: the later snapshot's programs as it prints them, then the removed ones.
    rank = {key: (0, i) for i, key in enumerate(_keys(later))}
    for i, key in enumerate(_keys(earlier)):
        rank.setdefault(key, (1, i))
    merged["_order"] = [rank[key] for key in _keys(merged)]
    merged = merged.sort_values("_order", kind="stable").reset_index(drop=True)
    out = pd.DataFrame({
        "department": merged["department"], "account": merged["account"],
        "program": merged["program_after"].fillna(merged["program_before"]),
    })
    out["line_before"] = merged["line_before"].astype("Int64")
    out["line_after"] = merged["line_after"].astype("Int64")
    out["rows_before"] = merged["rows_before"].fillna(0).astype("Int64")
    out["rows_after"] = merged["rows_after"].fillna(0).astype("Int64")
    for column in _MONEY:
        out[f"{column}_before"] = merged[f"{column}_before"].astype("Int64")
        out[f"{column}_after"] = merged[f"{column}_after"].astype("Int64")
        out[f"{column}_change"] = (out[f"{column}_after"].fillna(0)
                                   - out[f"{column}_before"].fillna(0)).astype("Int64")
    out.insert(3, "status", [
        ADDED if side == "left_only" else REMOVED if side == "right_only"
        else REBUDGETED if budget != 0 else EXECUTED if committed != 0 or spent != 0
        else UNCHANGED
        for side, budget, committed, spent in zip(
            merged["_merge"].astype(str), out["budget_change"], out["committed_change"],
            out["spent_change"], strict=True)])
    return out


def programs_added(compared: pd.DataFrame) -> pd.DataFrame:
    """Return the programs new in the later snapshot (rows of :func:`compare_programs`)."""
    return compared[compared["status"] == ADDED].reset_index(drop=True)


def programs_removed(compared: pd.DataFrame) -> pd.DataFrame:
    """Return the programs the later snapshot no longer prints."""
    return compared[compared["status"] == REMOVED].reset_index(drop=True)


def programs_combined(compared: pd.DataFrame) -> tuple[int, int]:
    """Return (printed rows before, programs after) of the programs in both snapshots that
    the later one prints on fewer rows than the earlier one summed (a merge: the merged
    departments' 기본경비, one row each, printed as one): the count of programs fell by the
    difference with no program added or removed; (0, 0) when none."""
    fewer = compared[(compared["rows_after"] > 0)
                     & (compared["rows_after"] < compared["rows_before"])]
    return int(fewer["rows_before"].sum()), int(fewer["rows_after"].sum())


def budget_changes_by_program(compared: pd.DataFrame) -> pd.DataFrame:
    """Return the programs in both snapshots whose 예산현액 changed (추경, 이용·전용 …),
    largest absolute change first (ties in report order)."""
    changed = compared[compared["status"] == REBUDGETED]
    order = np.argsort(-changed["budget_change"].astype("float64").abs().to_numpy(),
                       kind="stable")
    return changed.iloc[order].reset_index(drop=True)


def budget_changes_by_department(compared: pd.DataFrame) -> pd.DataFrame:
    """Return per department (report order) its 예산현액 ``budget_before`` and
    ``budget_after`` (all its programs, KRW), the ``change`` and what it is made of: programs
    ``added``, ``removed`` (negative) and ``rebudgeted`` (KRW); departments whose budget did
    not move at all are left out."""
    parts = {"added": ADDED, "removed": REMOVED, "rebudgeted": REBUDGETED}
    frame = compared.assign(**{
        name: compared["budget_change"].where(compared["status"] == status, 0)
        for name, status in parts.items()})
    grouped = (frame.groupby("department", sort=False)
               [["budget_before", "budget_after", "budget_change", *parts]].sum()
               .reset_index().rename(columns={"budget_change": "change"}))
    for column in ("budget_before", "budget_after", "change", *parts):
        grouped[column] = grouped[column].astype("Int64")
    moved = (grouped[["added", "removed", "rebudgeted"]] != 0).any(axis=1)
    grouped = grouped[moved]
    order = np.argsort(department_rank(grouped["department"]).to_numpy(), kind="stable")
    return grouped.iloc[order].reset_index(drop=True)


def stalled_programs(compared: pd.DataFrame) -> pd.DataFrame:
    """Return the programs in both snapshots whose 원인행위액 and 지출액 did not move although
    part of their budget is still unspent (지출액 below 예산현액), largest budget first."""
    both = compared[compared["status"].isin([REBUDGETED, EXECUTED, UNCHANGED])]
    still = both[(both["committed_change"] == 0) & (both["spent_change"] == 0)
                 & (both["spent_after"] < both["budget_after"])]
    order = np.argsort(-still["budget_after"].astype("float64").to_numpy(), kind="stable")
    return still.iloc[order].reset_index(drop=True)


def department_changes(before: Sequence[str], after: Sequence[str], before_as_of: date,
                       after_as_of: date,
                       rename: Callable[[str, date], str] | None = None) -> pd.DataFrame:
    """Return the departments added (신설), removed (폐지), renamed (명칭 변경), split (분할)
    or merged (통합) between two snapshots, given each snapshot's departments as printed.

    ``rename(name, as_of)`` gives a name's current name (a reorganisation map); without it a
    renamed department shows as one removed and one added. A merge is two or more earlier
    departments under one current name: one 통합 row each. A split is known from a
    :class:`seoul_budget.snapshot_history.Renamer` (its ``successors``): one 분할 row for the
    earlier department, its successors not listed again as new.

    Columns: ``department`` (as printed before; after for a new one), ``status`` (one of
    :data:`DEPARTMENT_STATUSES`), ``new_name`` (what it is in the later snapshot: the new
    name, the department it was merged into, each successor of a split in the later
    snapshot's order joined by ', '; a new department's own name; '' for a removed one).
    """
    current = rename or (lambda name, _day: name)
    was = {name: current(name, before_as_of) for name in before}
    now = {name: current(name, after_as_of) for name in after}
    sharing = Counter(was.values())
    rows, made = [], set()
    for name in before:
        parts = rename.successors(name, before_as_of) if isinstance(rename, Renamer) else ()
        successors = [n for n in after if now[n] in parts] if len(parts) > 1 else []
        later = [n for n in after if now[n] == was[name]]
        if successors:
            made.update(successors)
            rows.append((name, DEPARTMENT_SPLIT, SUCCESSORS_SEPARATOR.join(successors)))
        elif not later:
            rows.append((name, DEPARTMENT_REMOVED, ""))
        elif name not in later:
            status = DEPARTMENT_MERGED if sharing[was[name]] > 1 else DEPARTMENT_RENAMED
            rows.append((name, status, later[0]))
    known = set(was.values())
    rows += [(name, DEPARTMENT_ADDED, name) for name in after
             if now[name] not in known and name not in made]
    return pd.DataFrame(rows, columns=["department", "status", "new_name"])


def finding_changes(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Return the findings new in the later snapshot (새로 발견: its rows) and those it no
    longer has (해소: the earlier rows), a finding being the same when its check, severity,
    table, key and column agree (its line and values may move). Column ``status`` first."""
    def keys(frame: pd.DataFrame) -> list[tuple[str, ...]]:
        return list(zip(*(frame[column].astype(str) for column in FINDING_KEY), strict=True))

    old, new = set(keys(before)), set(keys(after))
    appeared = after[[key not in old for key in keys(after)]]
    resolved = before[[key not in new for key in keys(before)]]
    out = pd.concat([appeared.assign(status=FINDING_NEW), resolved.assign(status=FINDING_RESOLVED)],
                    ignore_index=True) if len(appeared) or len(resolved) else \
        after.iloc[:0].assign(status=pd.Series(dtype="str"))
    return out[["status", *[c for c in out.columns if c != "status"]]]
