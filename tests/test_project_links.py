"""Key projects and the programs that fund them: seoul_budget.project_links (how a link is
found, and the declared links' file) and seoul_budget.reconciliation.funding (what a link
checks)."""

from __future__ import annotations

import random
from pathlib import Path

import generate as g
import pandas as pd
import pytest
from bundled import DAY, REPORT, with_aliases
from bundled import RAW as BUNDLED_RAW

import seoul_budget as sb
from seoul_budget.errors import ProjectLinkError
from seoul_budget.project_links import (
    link_projects,
    one_slip,
    read_project_programs,
    similar_name,
)

HEADER = "project,department,account,program,note\n"
METAVERSE = "2. 메타버스 서울 운영(1단계) 및 구축(2단계)"
DATA = "3. 민·관 데이터 융·결합 분석"


def load(folder: Path, edits: dict[int, tuple[str, str]] | None = None,
         links: str | None = None) -> sb.Report:
    """Load a copy of the bundled report (no ledger: figures as printed), each line of
    ``edits`` with one text replaced, beside ``links`` as project_programs.csv if given."""
    lines = REPORT.read_text(encoding="utf-8").split("\n")
    for number, (old, new) in (edits or {}).items():
        assert old in lines[number - 1], (number, old)
        lines[number - 1] = lines[number - 1].replace(old, new)
    path = with_aliases(folder / "raw") / DAY / "report.txt"
    path.parent.mkdir(parents=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    if links is not None:
        (folder / "raw" / "project_programs.csv").write_text(links, encoding="utf-8")
    return sb.load_report(path, errata=None)


def links_of(report: sb.Report) -> dict[int, tuple[object, ...]]:
    projects = report.projects.set_index("number")
    return {n: tuple(None if pd.isna(v) else v for v in row) for n, row in projects[
        ["program", "program_department", "program_account", "program_link"]].iterrows()}


def test_the_bundled_projects_are_linked_by_what_the_report_says(tmp_path):
    links = links_of(load(tmp_path))
    # 137: '※ 서울 동행일자리사업(일자리정책과) 예산 재배정': another bureau's, as the text says
    assert links[1] == ("서울 동행일자리사업", "일자리정책과", None, "text")
    # 172: 2,814백만원 = 메타버스 서울 추진 2,813,953천원 (493), whose name is in the title
    assert links[2] == ("메타버스 서울 추진", "디지털정책담당관", "일반회계", "name+budget")
    # 208: 2,081백만원 = 빅 데이터 분석 서비스 2,081,450천원 (508), the only one of 빅데이터담당관
    assert links[3] == ("빅 데이터 분석 서비스", "빅데이터담당관", "일반회계", "budget")
    # 4 is 비예산; 459, 2,423, 8,256 and 150백만원 are no program's 예산현액 rounded
    assert all(links[n] == (None, None, None, None) for n in (4, 5, 6, 7, 8))


def test_only_a_project_the_report_calls_bidyesan_is_noted_as_such(tmp_path):
    """Project 3's budget line (208) unreadable, project 5's (275) gone, project 4 비예산
    (245): each project without a budget figure says why, and only 4 says 비예산."""
    report = load(tmp_path, {208: ("2,081백만원", "총사업비 2,081백만원"),
                             275: ("- (사업예산) 459백만원", "")})
    notes = report.projects.set_index("number")["program_note"]
    assert (notes[3], notes[4], notes[5]) == ("사업예산 행을 읽지 못함", "비예산",
                                              "사업예산이 원문에 적혀 있지 않음")


def test_the_bundled_data_folder_declares_its_two_programs(report):
    links = links_of(report)
    assert links[2][3] == links[3][3] == "declared"
    assert report.projects.set_index("number").loc[3, "program_note"].startswith(
        "project_programs.csv 3행")


def test_linked_budgets_agree_and_the_others_are_notes(printed_findings):
    projects = printed_findings[printed_findings.table == "projects"]
    assert set(projects.severity) == {"info"}
    assert sorted(projects.source_line) == [137, 275, 309, 341, 378]  # not 172, 208 (linked)


@pytest.fixture(scope="module")
def printed_findings(report) -> pd.DataFrame:
    return report.findings


def test_a_misprinted_budget_of_a_declared_link_is_an_error_with_the_programs_figure(tmp_path):
    """208 prints 2,018 for 2,081 백만원 (two digits transposed): no program prints 2,018, so
    only the declaration links it, and the program's 2,081,450천원 says what it should be."""
    declared = HEADER + "민·관 데이터 융·결합 분석,빅데이터담당관,,빅 데이터 분석 서비스,\n"
    report = load(tmp_path, {208: ("2,081백만원", "2,018백만원")}, declared)
    errors = report.findings.query("severity == 'error' and table == 'projects'")
    assert list(zip(errors.key, errors.source_line, errors.suggestion, strict=True)) == [
        (DATA, 208, 2_081_000_000)]


def test_a_misprinted_budget_is_linked_by_name_when_one_slip_explains_it(tmp_path):
    """172 prints 2,841 for 2,814 백만원: 메타버스 서울 추진 has the title's words and
    2,813,953천원 → 2,814, one transposition away: linked by name, an error at 172."""
    report = load(tmp_path, {172: ("2,814백만원", "2,841백만원")})
    assert links_of(report)[2][3] == "name"
    errors = report.findings.query("severity == 'error' and table == 'projects'")
    assert list(zip(errors.key, errors.source_line, errors.suggestion, strict=True)) == [
        (METAVERSE, 172, 2_814_000_000)]


def test_a_budget_far_from_the_similar_programs_links_nothing(tmp_path):
    """2,814 → 3,500 백만원 is no printing slip of 2,814: the similar name alone links
    nothing (two programs of a department may share words with a project they do not
    fund); an info note names the similar program."""
    report = load(tmp_path, {172: ("2,814백만원", "3,500백만원")})
    project = report.projects.set_index("number").loc[2]
    assert pd.isna(project.program) and "'메타버스 서울 추진'" in project.program_note
    rows = report.findings.query("table == 'projects' and source_line == 172")
    assert list(rows.severity) == ["info"]


def test_a_declared_program_the_report_does_not_print_is_a_warning(tmp_path):
    declared = HEADER + "인공지능 행정 추진,,,인공지능 사업 발굴,폐지된 사업\n"
    report = load(tmp_path, links=declared)
    rows = report.findings.query("table == 'projects' and source_line == 275")
    assert list(rows.severity) == ["warning"]
    assert "project_programs.csv 2행" in rows.message.iloc[0]


def test_a_declaration_for_a_project_the_report_does_not_list_is_for_other_snapshots(
        tmp_path):
    report = load(tmp_path, links=HEADER + "내년의 새 사업,,,메타버스 서울 추진,\n")
    assert links_of(report)[2][3] == "name+budget"


# -- the declared links' file ---------------------------------------------------------------

@pytest.mark.parametrize(("text", "line", "says"), [
    ("project,program\n", 1, "expected project,department,account,program,note"),
    (HEADER + "가 사업,,,,\n", 2, "names the project"),
    (HEADER + ",부서,,사업,\n", 2, "names the project"),
    (HEADER + "가 사업,,,가 프로그램,,extra\n", 2, "more cells"),
    (HEADER + "가 사업,,,A,\n가  사업,,,B,\n", 3, "declared twice (line 2)"),
])
def test_a_malformed_map_names_its_file_and_row(tmp_path, text, line, says):
    path = tmp_path / "project_programs.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProjectLinkError) as caught:
        read_project_programs(path)
    assert (caught.value.path, caught.value.line) == (str(path), line)
    assert says in str(caught.value) and str(caught.value).startswith(f"{path}:{line}: ")


def test_the_map_reads_like_the_other_data_files(tmp_path):
    path = tmp_path / "project_programs.csv"
    assert read_project_programs(path) == ()  # no file: no declaration
    text = HEADER + "가 사업 , 나담당관,일반회계, 다 프로그램 ,메모\n"
    for data in (text.encode("cp949"), b"\xef\xbb\xbf" + text.encode("utf-8")):
        path.write_bytes(data)
        (link,) = read_project_programs(path)
        assert (link.project, link.department, link.account, link.program, link.note,
                link.line) == ("가 사업", "나담당관", "일반회계", "다 프로그램", "메모", 2)
    path.write_bytes(b"project\x00")
    with pytest.raises(ProjectLinkError, match="binary"):
        read_project_programs(path)
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    with pytest.raises(ProjectLinkError, match="folder"):
        read_project_programs(folder)


def test_a_map_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    import seoul_budget.limits as limits
    import seoul_budget.project_links as module

    path = tmp_path / "project_programs.csv"
    path.write_text(HEADER + "가,,,나,\n", encoding="utf-8")
    monkeypatch.setattr(module, "MAX_MAP_BYTES", 10)
    monkeypatch.setattr(limits, "open_regular", lambda *a: pytest.fail("opened"))
    with pytest.raises(ProjectLinkError, match="larger than any"):
        read_project_programs(path)


def test_a_changed_map_makes_the_processed_folder_stale(tmp_path):
    from seoul_budget.processed import write_processed
    from seoul_budget.stamp import processed_is_fresh

    raw = with_aliases(tmp_path / "raw")
    (raw / DAY).mkdir(parents=True)
    (raw / DAY / "report.txt").write_bytes(REPORT.read_bytes())
    (raw / "project_programs.csv").write_bytes((BUNDLED_RAW / "project_programs.csv")
                                               .read_bytes())
    path = raw / DAY / "report.txt"
    folder = write_processed(sb.load_report(path, errata=None), tmp_path / "processed")
    assert processed_is_fresh(folder, path, None)
    (raw / "project_programs.csv").write_text(HEADER, encoding="utf-8")
    assert not processed_is_fresh(folder, path, None)


# -- the rules, alone -------------------------------------------------------------------------

@pytest.mark.parametrize(("program", "title", "similar"), [
    ("대기측정망 운영", "대기측정망 확충 및 운영", True),
    ("에너지 자립마을 보급", "에너지 자립마을 확산", True),
    ("전기차 충전기 운영", "전기차 충전 기반 확대", False),  # 충전기 is not 충전
    ("폭염 쉼터 관리", "폭염 대응 쉼터 운영", False),  # not a run of the title's words
    ("서울 디지털 재단 출연", "하반기 디지털 안내사 채용", False),
    ("소음진동관리", "소음진동관리", True), ("도시숲", "도시숲 확대", True),
    ("도시숲", "도시 숲 확대", False),
])
def test_similar_name(program, title, similar):
    assert similar_name(program, title) is similar


@pytest.mark.parametrize(("printed", "program", "slip"), [
    (2_841, 2_813_953, True),  # 2,814 with two digits transposed
    (2_824, 2_813_953, True),  # one digit
    (2_814_000, 2_813_953, True),  # printed in 천원 under 백만원
    (2_814, 2_814, True),  # the program's table printed in 백만원 under a 천원 note
    (2_814, 2_813_953_000, True),  # the program printed in 원 under a 천원 note
    (2_814, 2_813_953, False),  # the same figure, no slip
    (3_500, 2_813_953, False), (1_414, 2_813_953, False)])
def test_one_slip(printed, program, slip):
    million = 1_000_000
    assert one_slip(printed * million, program * 1_000, million) is slip


@pytest.mark.parametrize("seed", range(12))
def test_generated_projects_are_linked_to_no_program_but_their_own(seed):
    """Another bureau's projects: a project funded by one program (its budget that program's
    예산현액 in 백만원) is linked to it, unless another program of the department rounds to
    the same budget; no project is ever linked to a program that does not fund it, whatever
    its title shares with the department's programs."""
    rng = random.Random(seed)
    model = g.other_bureau(g.bundled(), rng.choice((5, 11)), seed=100 + seed)
    if seed % 3 == 0:
        model = g.next_year(model)
    tables = g.expected_tables(model)
    expenditure = pd.DataFrame(tables["expenditure"]).assign(is_basic_expense=lambda f: f[
        "program"] == "기본경비")
    projects = pd.DataFrame(tables["projects"]).assign(
        program=None, program_department=None, program_account=None, program_link=None,
        program_note=None)
    linked = link_projects(projects, expenditure, (), None, "백만원")
    for row, project in zip(linked.itertuples(), model.projects, strict=True):
        if isinstance(row.program, str):
            assert project.programs == (row.program,), (row.number, row.program, project)
            assert row.program_link in ("budget", "name+budget")
        elif len(project.programs) == 1:
            rounded = [p for p in expenditure.itertuples() if p.department == row.department
                       and round(p.budget / 1e6 + 1e-9) * 1_000_000 == row.budget
                       and not p.is_basic_expense]
            assert len(rounded) > 1, (row.number, project)  # ambiguous: not linked


@pytest.mark.parametrize("seed", range(6))
def test_generated_projects_check_without_a_false_finding(seed):
    """Every link of another bureau's projects checks (its budget is its program's, rounded
    to 백만원) and no project is a warning or an error: a report that adds up says so."""
    from seoul_budget.reconciliation.cells import Sheet
    from seoul_budget.reconciliation.checks import FAIL
    from seoul_budget.reconciliation.funding import projects_vs_programs

    model = g.other_bureau(g.bundled(), 5 if seed % 2 else 11, seed=200 + seed)
    tables = g.expected_tables(model if seed < 3 else g.next_year(model))
    expenditure = pd.DataFrame(tables["expenditure"]).assign(
        is_basic_expense=lambda f: f["program"] == "기본경비",
        source_line=lambda f: range(1, len(f) + 1))
    projects = pd.DataFrame(tables["projects"]).assign(
        program=None, program_department=None, program_account=None, program_link=None,
        program_note=None, source_line=lambda f: range(1, len(f) + 1))
    linked = link_projects(projects, expenditure, (), None, "백만원")
    report = sb.Report(Path("report.txt"), model.as_of,
                       {"projects": linked, "expenditure": expenditure})
    sheet = Sheet(report)
    checks, notes = projects_vs_programs(sheet)
    assert len(checks) == linked["program"].notna().sum() > 0
    assert [c.label_ko for c in checks if c.state(sheet.value) == FAIL] == []
    assert {n.severity for n in notes} <= {"info"}
