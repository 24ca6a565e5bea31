"""The README's five questions for analysts: each code block runs as written and gives the
answer the printed report gives, with later months present: the default data folder
(``SEOUL_BUDGET_DATA``) is the three months of ``tests/monthly.py`` (May as bundled, June and
July generated), so an example that is not pinned to 2023-05-31 would read July."""

from __future__ import annotations

import re

import pytest
from bundled import ROOT

CHEON, BAEKMAN = 1_000, 1_000_000


def analyst_blocks() -> list[str]:
    """Return the Python blocks of the README's 'For analysts' section, in order."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## For analysts", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


@pytest.fixture
def later_months(months_raw, monkeypatch):
    """The default data folder holds June and July after the bundled May."""
    monkeypatch.setenv("SEOUL_BUDGET_DATA", str(months_raw))
    return months_raw


def run(block: int, tmp_path, monkeypatch) -> dict:
    monkeypatch.chdir(tmp_path)  # from any folder
    namespace: dict = {}
    exec(compile(analyst_blocks()[block], f"README block {block + 1}", "exec"), namespace)
    return namespace


def test_there_are_five_questions():
    assert len(analyst_blocks()) == 5


def test_the_newest_month_is_a_later_one(later_months):
    import seoul_budget as sb

    assert sb.load_report().as_of.isoformat() == "2023-07-31"  # unpinned: not the answers'


def test_every_question_is_pinned_to_the_month_its_answer_quotes():
    for block in analyst_blocks():  # newer months in data/raw would change the answers
        assert 'sb.load_report(as_of="2023-05-31")' in block
        assert "sb.load_report()" not in block


def test_lowest_execution_over_100m(tmp_path, monkeypatch, later_months):
    lowest = run(0, tmp_path, monkeypatch)["lowest"]
    # lines 542, 566, 571: 532,000 / 0; 19,899,927 / 1,653; 1,115,074 / 304 천원, all 0.0%
    assert lowest["program"].tolist()[:2] == ["드론 공간 정보 운영", "정보자원 통합 관리"]
    assert lowest["program"].iloc[2].startswith("정보취약계층 정보격차 해소 (장애인")
    assert lowest["budget"].tolist() == [532_000 * CHEON, 19_899_927 * CHEON, 1_115_074 * CHEON]
    assert (lowest["committed_rate"] < 0.05).all()  # printed 0.0%


def test_budget_by_department(tmp_path, monkeypatch, later_months):
    table = run(1, tmp_path, monkeypatch)["by_department"].set_index("department")
    row = table.loc["빅데이터담당관"]  # line 91: 17,248,450 / 14,061,095 / 3,187,355 / 22.7%
    assert (row.budget, row.previous_budget, row.change) == (
        17_248_450 * CHEON, 14_061_095 * CHEON, 3_187_355 * CHEON)
    assert round(row.change_rate, 1) == 22.7
    assert table["budget"].sum() == 163_848_799 * CHEON  # line 87, 계


def test_revenue_shares(tmp_path, monkeypatch, later_months):
    shares = run(2, tmp_path, monkeypatch)["shares"]
    assert shares.index[0] == "세외수입"
    assert shares.iloc[0] == pytest.approx(13_218_894 / 13_941_956 * 100)  # lines 60-61
    assert shares.sum() == pytest.approx(100)


def test_unspent_2022_by_department(tmp_path, monkeypatch, later_months):
    unspent = run(3, tmp_path, monkeypatch)["unspent"]
    assert unspent.index[0] == "정보통신보안담당관"  # lines 612-613: 1,203 + 1,913
    assert unspent["unspent"].iloc[0] == (1_203 + 1_913) * BAEKMAN
    assert unspent.loc["빅데이터담당관", "unspent"] == 955 * BAEKMAN  # line 607
    assert unspent.loc["빅데이터담당관", "unspent_rate"] == pytest.approx(955 / 14_817 * 100)
    # lines 606-614 sum to 9,250 백만원; 총계 prints 9,251 (rounding of the 백만원 figures)
    assert unspent["unspent"].sum() == (812 + 955 + 362 + 377 + 741 + 1_203 + 1_913 + 2_633
                                        + 254) * BAEKMAN


def test_staffing_shortage(tmp_path, monkeypatch, later_months):
    names = run(4, tmp_path, monkeypatch)
    short = names["short"]
    # lines 25-32: 정보공개 25/23, 공간정보 25/24, 데이터센터 69/61, 서울기록원 24/23 short;
    # 디지털정책 35/36 over; 계 266/255 (line 24)
    assert (short.departments, short.total, short.net) == (4, 12, 11)
    assert (short.largest, short.largest_shortage) == ("데이터센터", 8)
    top = names["by_department"].iloc[0]
    assert (top.department, top.authorized, top.current, top.shortage) == ("데이터센터", 69, 61, 8)
