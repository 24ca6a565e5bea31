"""Staffing: shortages against authorised posts, job categories and specialist shares."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from ..departments import department_choices
from ..parse.staffing_facts import SEP  # between a whole's label and its part's in a metric
from .common import order_by_department, rate_pct


def staffing_gaps(staffing: pd.DataFrame) -> pd.DataFrame:
    """Return staffing with ``shortage`` = 정원 − 현원 (persons; positive: posts unfilled,
    negative: over strength) and ``fill_rate`` = 현원 / 정원 (percent), in report order."""
    out = order_by_department(staffing).copy()
    out["shortage"] = (out["authorized"] - out["current"]).astype("Int64")
    out["fill_rate"] = rate_pct(out["current"], out["authorized"])
    return out.reset_index(drop=True)


@dataclass(frozen=True)
class Shortages:
    """Where posts go unfilled (persons): ``departments`` short of their 정원 and their
    ``total``; ``largest``, the department short of the most (None when none is short) and
    ``largest_shortage``; ``net``, 정원 − 현원 over every department (departments over
    strength offset the others)."""

    departments: int
    total: int
    largest: str | None
    largest_shortage: int
    net: int


def shortages(staffing: pd.DataFrame) -> Shortages:
    """Return the shortages of a staffing table (see :class:`Shortages`; persons). Ties for
    the largest go to the department first in report order."""
    gaps = staffing_gaps(staffing)
    short = gaps[gaps["shortage"] > 0]
    worst = short.sort_values("shortage", ascending=False, kind="stable")
    return Shortages(departments=len(short), total=int(short["shortage"].sum()),
                     largest=str(worst["department"].iloc[0]) if len(worst) else None,
                     largest_shortage=int(worst["shortage"].iloc[0]) if len(worst) else 0,
                     net=int(gaps["shortage"].sum()))


def headcount_matrix(staffing_by_category: pd.DataFrame) -> pd.DataFrame:
    """Return staff in post (persons) as a department × job category table: departments in
    report order as rows, job categories in the report's column order as columns."""
    categories = list(dict.fromkeys(staffing_by_category["job_category"]))
    matrix = staffing_by_category.pivot_table(index="department", columns="job_category",
                                              values="headcount", aggfunc="sum",
                                              fill_value=0, sort=False)
    rows = [d for d in department_choices(staffing_by_category["department"])
            if d in matrix.index]
    matrix = matrix.reindex(index=rows, columns=categories).fillna(0).astype("int64")
    matrix.index.name = "department"
    matrix.columns.name = "job_category"
    return matrix


def job_category_totals(staffing_by_category: pd.DataFrame) -> pd.DataFrame:
    """Return staff in post per job group and category (persons) and each one's share of all
    staff (percent), in the report's column order."""
    totals = (staffing_by_category.groupby(["job_group", "job_category"], sort=False)
              ["headcount"].sum().reset_index())
    totals["headcount"] = totals["headcount"].astype("Int64")
    totals["share"] = rate_pct(totals["headcount"], float(totals["headcount"].sum()))
    return totals


# The civil service's words for what is not technical in a job group of several series (직군
# over 직렬): the administrative series and the rest; and the job groups of one category that
# are specialist (연구직, 지도직, 전문경력관 — not 임기제, 관리운영직, 공무직 and the like).
NON_TECHNICAL_SERIES: tuple[str, ...] = ("행정", "기타")
SPECIALIST_GROUPS: tuple[str, ...] = ("연구직", "지도직", "전문경력관")


def specialist_categories(staffing_by_category: pd.DataFrame) -> list[str]:
    """Return the report's technical and specialist job categories, in its column order:
    every series of a job group of several but :data:`NON_TECHNICAL_SERIES`, and each job
    group of one category that is one of :data:`SPECIALIST_GROUPS`."""
    columns = staffing_by_category[["job_group", "job_category"]].drop_duplicates()
    series = columns.groupby("job_group", sort=False)["job_category"].transform("size") > 1
    chosen = ((series & ~columns["job_category"].isin(NON_TECHNICAL_SERIES))
              | (~series & columns["job_category"].isin(SPECIALIST_GROUPS)))
    return list(columns.loc[chosen, "job_category"])


def specialist_share(staffing_by_category: pd.DataFrame,
                     categories: Sequence[str] | None = None) -> pd.DataFrame:
    """Return per department (report order) ``headcount`` (all staff in post), ``specialists``
    (persons in ``categories``, by default the report's :func:`specialist_categories`) and
    ``specialist_share`` (percent of headcount)."""
    if categories is None:
        categories = specialist_categories(staffing_by_category)
    frame = staffing_by_category.assign(
        specialist=staffing_by_category["headcount"].where(
            staffing_by_category["job_category"].isin(list(categories)), 0))
    grouped = (frame.groupby("department", sort=False)
               .agg(headcount=("headcount", "sum"), specialists=("specialist", "sum"))
               .reset_index())
    grouped["headcount"] = grouped["headcount"].astype("Int64")
    grouped["specialists"] = grouped["specialists"].astype("Int64")
    grouped["specialist_share"] = rate_pct(grouped["specialists"], grouped["headcount"])
    return order_by_department(grouped).reset_index(drop=True)


@dataclass(frozen=True)
class StatedSum:
    """A count the text under the staffing table gives by its parts ('전문자격증 소지자(77.6%)
    : 전산 분야 158명, 정보통신 분야 40명') and the whole it is a share of ('전체 직원(255명)'):
    labels as printed, persons."""

    label: str
    parts: tuple[tuple[str, int], ...]
    whole: str
    of: int

    @property
    def total(self) -> int:
        """Return the parts' sum (persons)."""
        return sum(count for _, count in self.parts)


def stated_sums(facts: pd.DataFrame) -> list[StatedSum]:
    """Return each fact of ``staffing_facts`` stated without its own count but with a
    breakdown, and the whole it is part of, in the text's order."""
    values = dict(zip(facts["metric"], facts["value"], strict=True))
    labels = dict(zip(facts["metric"], facts["label"], strict=True))
    found = []
    for metric, value in values.items():
        whole = metric.rpartition(SEP)[0]
        parts = [m for m in values if m.rpartition(SEP)[0] == metric]
        if (pd.isna(value) and whole in values and not pd.isna(values[whole]) and parts
                and not any(pd.isna(values[m]) for m in parts)):
            found.append(StatedSum(labels[metric], tuple((labels[m], int(values[m]))
                                                         for m in parts),
                                   labels[whole], int(values[whole])))
    return found
