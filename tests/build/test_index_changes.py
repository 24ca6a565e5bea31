"""build/index.py: month-on-month changes, each snapshot's corrections and warnings counted,
build metadata at the foot. Rates worked by hand from the months' totals."""

from __future__ import annotations

from datetime import date

from seoul_budget.build.index import (
    SnapshotStatus,
    fiscal_year_groups,
    index_model,
    month_view,
    points_text,
    quality_text,
    render_index,
)
from seoul_budget.subject import Subject

SUBJECT = Subject(bureau="가나국", fiscal_year=2031, settlement_year=2030)
MAY, JUNE = date(2031, 5, 31), date(2031, 6, 30)


def status(committed: int, spent: int, **counts: int) -> SnapshotStatus:
    return SnapshotStatus(execution={"budget": 1_000, "committed": committed, "spent": spent},
                          subject=SUBJECT, **counts)


def test_a_change_is_in_percentage_points_with_its_sign():
    assert points_text("60.4%", "51.6%") == "+8.8%p"
    assert points_text("31.0%", "31.3%") == "△0.3%p"
    assert points_text("31.3%", "31.3%") == "0.0%p"
    assert points_text("31.3%", "") == ""
    assert points_text("54.4%", "40.8%") == "+13.6%p"  # the rates as the index shows them


def test_each_month_shows_its_change_since_the_month_before_in_its_year():
    # May: 516 / 1,000 = 51.6 %, 313 / 1,000 = 31.3 %; June: 604 → 60.4 %, 353 → 35.3 %
    months = [month_view(MAY, status(516, 313)), month_view(JUNE, status(604, 353))]
    (year,) = fiscal_year_groups(months)
    assert [(m["committed_change"], m["spent_change"]) for m in year["months"]] == \
        [("", ""), ("+8.8%p", "+4.0%p")]


def test_a_snapshot_counts_its_corrections_and_warnings_not_only_errors():
    assert quality_text(status(1, 1, errors=0, warnings=1, corrections=5)) == \
        "오류 0 · 경고 1 · 정정 5"
    assert quality_text(status(1, 1)) == ""  # findings not known: nothing claimed


def page(statuses: dict[date, SnapshotStatus]) -> str:
    model = index_model({}, [], sorted(statuses), [], statuses)
    return render_index(model, "2031-07-01T00:00:00Z")


def test_the_index_shows_changes_and_counts_and_ends_with_the_build_metadata():
    html = page({MAY: status(516, 313, errors=0, warnings=1, corrections=5),
                 JUNE: status(604, 353, errors=0, warnings=0, corrections=0)})
    assert "전월 대비 (원인행위)" in html and "+8.8%p" in html and "+4.0%p" in html
    assert "오류 0 · 경고 1 · 정정 5" in html and "오류 0 · 경고 0 · 정정 0" in html
    assert html.index("</main>") < html.index("마지막 빌드")


def test_a_month_with_corrections_is_not_called_clean():
    noted = page({MAY: status(516, 313, errors=0, warnings=0, corrections=2)})
    clean = page({MAY: status(516, 313, errors=0, warnings=0, corrections=0)})
    assert "status status-clean" not in noted and "status status-clean" in clean
