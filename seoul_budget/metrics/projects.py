"""Key projects: the figures their text states, in views that hold for any list of projects —
a metric's rows, the series the text gives by month, figures given for two years, figures
set against their targets — and "N대 현안업무" from how many projects the report lists."""

from __future__ import annotations

import pandas as pd

from ..fiscal import year_elapsed_pct
from ..parse.dates import period_end, period_year
from ..parse.figure_labels import TARGET
from ..parse.projects import (
    BUDGET_STATE_TEXT,
    UNFUNDED,
    UNREAD,
    UNSTATED,
    budget_states,
)
from .common import rate_pct

_MONTH = r"^\d{4}-\d{2}$"


def headline(count: int) -> str:
    """Return how the report calls its key projects: 'N대 현안업무' (N: how many it lists)."""
    return f"{count}대 현안업무"


# How a project's program is known (``projects.program_link``), as a reader reads it.
LINKED_BY = {"declared": "지정", "budget": "예산 일치", "name+budget": "이름·예산 일치",
             "name": "이름 일치, 예산 착오", "text": "본문 기재"}


# The projects without a budget figure as a page lists them, by why (budget_states).
_WITHOUT_BUDGET = ((UNFUNDED, "예산 없이 추진하는 사업(비예산)"),
                   (UNSTATED, "사업예산이 원문에 적혀 있지 않은 사업"),
                   (UNREAD, "사업예산 행을 읽지 못한 사업(데이터 검증 결과 참고)"))


def without_budget(projects: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """Return the projects without a budget figure as (what a reader is told of them, their
    rows): 비예산, no budget line, a budget line not read; only the kinds there are."""
    states = budget_states(projects)
    return [(text, projects[states == state]) for state, text in _WITHOUT_BUDGET
            if (states == state).any()]


def linked_programs(projects: pd.DataFrame) -> pd.Series:
    """Return, per project, the program that funds it as a reader reads it: '대기측정망
    운영 (이름·예산 일치)', a program outside the report with its department ('녹색
    일자리사업 · 일자리지원과 (본문 기재)'), '연결된 사업 없음', or for a project without a
    budget figure why: '비예산', '사업예산이 원문에 적혀 있지 않음', '사업예산 행을 읽지
    못함'."""
    texts = []
    for row, state in zip(projects.itertuples(), budget_states(projects), strict=True):
        how = row.program_link if isinstance(row.program_link, str) else ""
        if not isinstance(row.program, str) or not row.program:
            texts.append(BUDGET_STATE_TEXT.get(state, "연결된 사업 없음"))
            continue
        outside = not isinstance(row.program_account, str) and isinstance(
            row.program_department, str) and row.program_department != row.department
        name = f"{row.program} · {row.program_department}" if outside else row.program
        texts.append(f"{name} ({LINKED_BY.get(how, how)})")
    return pd.Series(texts, index=projects.index, dtype=object)


def project_metric(project_metrics: pd.DataFrame, project: int, metric: str) -> pd.DataFrame:
    """Return the rows of one key-project figure (e.g. project 2, '월이용자_명'), sorted by
    period; empty when the report does not state it."""
    rows = project_metrics[(project_metrics["project"] == project)
                           & (project_metrics["metric"] == metric)]
    return rows.sort_values("period", kind="stable").reset_index(drop=True)


def monthly_series(project_metrics: pd.DataFrame, least: int = 3) -> list[pd.DataFrame]:
    """Return each metric the text gives for at least ``least`` months (periods 'YYYY-MM')
    as its rows of months, sorted by period: one frame per project and metric, in project
    order."""
    months = project_metrics[project_metrics["period"].astype(str).str.match(_MONTH)]
    series = []
    for _, rows in months.groupby(["project", "metric"], sort=True):
        if rows["period"].nunique() == len(rows) >= least:
            series.append(rows.sort_values("period").reset_index(drop=True))
    return series


def compare_years(project_metrics: pd.DataFrame) -> pd.DataFrame:
    """Return one row per metric the text gives for two years, once in each: ``project``,
    ``label``, ``unit``, ``before_year``/``before``, ``after_year``/``after`` (the latest
    year and the latest before it; values in ``unit``: money in 원), the lines they are
    printed on (``before_line``, ``after_line``) and ``change_rate`` (percent). A metric
    given twice in one of the two years is left out (which to compare is not the text's to
    say)."""
    rows = []
    frame = project_metrics.assign(year=[period_year(str(p)) for p in project_metrics["period"]])
    frame = frame.sort_values(["project", "source_line"], kind="stable")
    for (project, _), figures in frame.dropna(subset=["year"]).groupby(["project", "metric"],
                                                                       sort=False):
        years = sorted(set(figures["year"]))
        if len(years) < 2:
            continue
        before, after = (figures[figures["year"] == y] for y in years[-2:])
        if len(before) != 1 or len(after) != 1:
            continue
        rows.append({"project": project, "label": after["label"].iloc[0],
                     "unit": after["unit"].iloc[0], "before_year": int(years[-2]),
                     "before": float(before["value"].iloc[0]), "after_year": int(years[-1]),
                     "after": float(after["value"].iloc[0]),
                     "before_line": int(before["source_line"].iloc[0]),
                     "after_line": int(after["source_line"].iloc[0])})
    columns = ["project", "label", "unit", "before_year", "before", "after_year", "after",
               "before_line", "after_line"]
    out = pd.DataFrame(rows, columns=columns)
    out["change_rate"] = rate_pct(out["after"] - out["before"], out["before"])
    return out


def against_targets(project_metrics: pd.DataFrame) -> pd.DataFrame:
    """Return each figure the text sets a target for ('이용자' beside '이용자 목표', same
    project and unit): ``project``, ``label``, ``unit``, ``value`` (the latest figure of the
    target's year), ``as_of`` (the last day it covers), ``target``, ``share`` (value ÷ target,
    percent), ``elapsed`` (the share of the year gone by at ``as_of``, percent): a figure
    dated 6.1. is set against the year as of 6.1., not as of the report's date; and the
    lines the figure and the target are printed on (``value_line``, ``target_line``)."""
    rows = []
    suffix = f" {TARGET}"
    for goal in project_metrics[project_metrics["label"].astype(str).str.endswith(suffix)] \
            .itertuples():
        year = period_year(str(goal.period))
        label = str(goal.label)[: -len(suffix)]
        dated = [(period_end(str(r.period)), r) for r in project_metrics.itertuples()
                 if r.project == goal.project and r.unit == goal.unit and r.label == label]
        dated = [(day, r) for day, r in dated if day is not None and day.year == year]
        if not dated:
            continue
        day, figure = max(dated, key=lambda pair: pair[0])
        rows.append({"project": goal.project, "label": label, "unit": goal.unit,
                     "value": float(figure.value), "as_of": day, "target": float(goal.value),
                     "share": rate_pct(float(figure.value), float(goal.value)),
                     "elapsed": year_elapsed_pct(day),
                     "value_line": figure.source_line, "target_line": goal.source_line})
    return pd.DataFrame(rows, columns=["project", "label", "unit", "value", "as_of", "target",
                                       "share", "elapsed", "value_line", "target_line"])
