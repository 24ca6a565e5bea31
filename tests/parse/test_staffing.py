"""parse.staffing and parse.staffing_facts (issue 21): job groups and categories are the table's
own, read from its header; the counts stated under it are read by the sentence's shape, not by
one report's wording. Figures are the bundled report's (lines 21-36) or worked by hand."""

from __future__ import annotations

import pytest
from damage import report_lines, write_report

import seoul_budget as sb
from seoul_budget.parse.staffing_facts import clause, statement


def load(tmp_path, lines: list[str]) -> sb.Report:
    return sb.load_report(write_report(tmp_path / "2023-05-31", "\n".join(lines)), errata=None)


def test_job_categories_are_the_headers(report):
    # lines 22-23: 행정·기술직군 over 행정 … 기타, then four groups of one column each
    by_category = report.staffing_by_category
    first = by_category[by_category.department == "디지털정책담당관"]
    assert list(zip(first.job_group, first.job_category, strict=True)) == [
        ("행정·기술직군", "행정"), ("행정·기술직군", "전산"), ("행정·기술직군", "방송통신"),
        ("행정·기술직군", "지적"), ("행정·기술직군", "기타"), ("연구직", "연구직"),
        ("전문경력관", "전문경력관"), ("임기제", "임기제"), ("관리운영직", "관리운영직")]
    # line 25: 디지털정책담당관 35 36 | 19 10 3 . . . . 3 1
    assert first.headcount.tolist() == [19, 10, 3, 0, 0, 0, 0, 3, 1]


def test_a_category_no_list_knows_is_read_from_the_header(tmp_path):
    # the header prints '환경' where it printed '지적' (line 23) and a new last group
    # '공무직' with no one in it: the categories follow, the counts stay where they stand
    lines = report_lines()
    for number in (20, 21, 22):  # the three header rows: one more column before 과부족
        cells = lines[number].split("\t")
        cells.insert(12, {20: "", 21: "공무직", 22: ""}[number])
        lines[number] = "\t".join(cells)
    lines[22] = lines[22].replace("\t지적\t", "\t환경\t")
    for number in range(23, 32):  # 계 and the departments: an empty 공무직 cell
        cells = lines[number].split("\t")
        cells.insert(12, "0 (0.0%)" if number == 23 else "")
        lines[number] = "\t".join(cells)
    report = load(tmp_path, lines)
    by_category = report.staffing_by_category
    assert list(dict.fromkeys(by_category.job_category)) == [
        "행정", "전산", "방송통신", "환경", "기타", "연구직", "전문경력관", "임기제",
        "관리운영직", "공무직"]
    # 공간정보담당관 (line 29) has 9 in the fourth column, now 환경
    space = by_category[by_category.department == "공간정보담당관"].set_index("job_category")
    assert space.loc["환경", "headcount"] == 9 and space.loc["공무직", "headcount"] == 0
    assert report.staffing.current.sum() == 255  # 계 현원, line 24


def test_a_header_without_its_columns_is_an_error_at_the_header(tmp_path):
    lines = report_lines()
    lines[20] = lines[20].replace("과부족", "비고")
    with pytest.raises(sb.ReportParseError, match="정원, 현원 합계 and 과부족") as caught:
        load(tmp_path, lines)
    assert caught.value.line == 21


def test_a_statement_reads_as_a_whole_its_part_and_the_parts_breakdown():
    facts = statement("전체 직원(197명) 중 전문자격증 소지자(54.8%) : 토목 분야 45명, "
                      "녹지 분야 63명")
    assert [(path, f.count, f.share) for path, f in facts] == [
        (("전체 직원",), 197, None), (("전체 직원", "전문자격증 소지자"), None, 54.8),
        (("전체 직원", "전문자격증 소지자", "토목 분야"), 45, None),
        (("전체 직원", "전문자격증 소지자", "녹지 분야"), 63, None)]
    leaders = statement("※ 5급 팀장 이상 15명 중 관련분야 직렬(토목·녹지 등) 총 9명(60.0%)")
    assert [(f.label, f.count, f.share) for _, f in leaders] == [
        ("5급 팀장 이상", 15, None), ("관련분야 직렬(토목·녹지 등)", 9, 60.0)]
    assert leaders[1][0] == ("5급 팀장 이상", "관련분야 직렬")  # the words in () left out
    assert statement("- 직원 교육 연 2회 실시") == []  # no '… 중 …': no statement
    assert clause("5급 팀장 이상") is None  # no count, no share


def test_stated_counts_are_checked_whatever_they_count(tmp_path):
    # line 34: 36 of 43 team leaders is 83.7%; printed 38명 it is 88.4%, not 83.7%
    lines = report_lines()
    lines[33] = lines[33].replace("총 36명", "총 38명")
    findings = load(tmp_path, lines).findings
    errors = findings[(findings.severity == "error") & (findings.table == "staffing_facts")]
    assert set(zip(errors.key, errors.source_line, strict=True)) >= {
        ("5급 팀장 이상 > 관련분야 직렬", 34)}
    # line 36: (158 + 40) of 255 is 77.6%; with 168 it would be 81.6%
    lines = report_lines()
    lines[35] = lines[35].replace("158명", "168명")
    findings = load(tmp_path / "b", lines).findings
    errors = findings[(findings.severity == "error") & (findings.table == "staffing_facts")]
    assert set(errors.source_line) == {36}
