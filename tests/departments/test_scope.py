"""One rule narrows rows to a department (``departments.for_department``): tables and histories
by their department column, findings and corrections by their key; 'all' narrows nothing.
One rule reads a reader's department (``check_department``): every department's short 관 form
and any spacing resolve; a name that resolves to none says which departments it may have meant
(the bundled report's staffing table, lines 36-44)."""

from __future__ import annotations

import pandas as pd
import pytest
from bundled import DEPARTMENTS

from seoul_budget.departments import check_department, for_department
from seoul_budget.errors import ParameterError

# Keys as the parser writes them (department > account > program), one with no department.
FINDINGS = pd.DataFrame({
    "key": ["서울기록원 > 일반회계 > 기본경비", "계", "데이터센터 > 일반회계", None,
            "소계 > 서울기록원"],
    "check": ["sum", "sum", "formula", "rate", "sum"],
})


def test_findings_by_key_keep_those_that_name_the_department():
    out = for_department(FINDINGS, "서울 기록원", by="key")  # spaced, as a reader may type it
    assert out["key"].tolist() == ["서울기록원 > 일반회계 > 기본경비", "소계 > 서울기록원"]
    assert out.index.tolist() == [0, 1]


def test_a_key_names_a_department_by_a_whole_part_never_by_a_name_containing_it():
    # 복지정책실 has a 복지정책과 and a 노인복지정책과: one's page never shows the other's errors
    keys = pd.DataFrame({"key": ["노인복지정책과 > 일반회계 > 실내공기질 관리",
                                 "복지정책과 > 일반회계", "복지정책과연구원 > 일반회계"]})
    departments = ("복지정책과", "노인복지정책과", "복지정책과연구원")
    assert for_department(keys, "복지정책과", departments, by="key")["key"].tolist() == [
        "복지정책과 > 일반회계"]


def test_no_findings_narrow_to_no_findings_with_every_column():
    none = FINDINGS.iloc[:0]
    assert for_department(none, "서울기록원", by="key").columns.tolist() == ["key", "check"]


def test_a_key_projects_findings_are_its_departments_whatever_its_title_says():
    # a key project's key is '<number>. <title>': whose it is, the projects table says
    projects = pd.DataFrame({"number": [1, 2], "title": ["데이터센터 신축", "녹지 확충"],
                             "department": ["정보시스템과", "데이터센터"]})
    findings = pd.DataFrame({"table": ["projects", "projects", "expenditure"],
                             "key": ["1. 데이터센터 신축", "2. 녹지 확충",
                                     "데이터센터 > 일반회계"]})
    departments = ("정보시스템과", "데이터센터")
    mine = for_department(findings, "데이터센터", departments, by="key",
                          owners={"projects": projects})
    assert mine["key"].tolist() == ["2. 녹지 확충", "데이터센터 > 일반회계"]
    theirs = for_department(findings, "정보시스템과", departments, by="key",
                            owners={"projects": projects})
    assert theirs["key"].tolist() == ["1. 데이터센터 신축"]


def test_a_department_of_a_later_snapshot_is_matched_as_given_when_no_list_is_passed():
    later = pd.DataFrame({"key": ["데이터융합담당관 > 일반회계", "계"]})
    assert len(for_department(later, "데이터융합담당관", by="key")) == 1
    # with the snapshot's departments, a name outside them is refused
    with pytest.raises(ParameterError, match="choose 'all' or one of: 서울기록원"):
        for_department(later, "데이터융합담당관", ("서울기록원",), by="key")


@pytest.mark.parametrize("whole", ["all", " All ", "전체", "", None])
def test_the_whole_bureau_keeps_every_row(whole):
    assert len(for_department(FINDINGS, whole, by="key")) == 5
    table = pd.DataFrame({"department": ["서울기록원", "데이터센터"]}, index=[7, 9])
    out = for_department(table, whole)
    assert out["department"].tolist() == ["서울기록원", "데이터센터"]
    assert out.index.tolist() == [0, 1]


def test_a_history_keeps_its_departments_rows_in_every_month():
    history = pd.DataFrame({"as_of": ["2023-05-31", "2023-05-31", "2023-06-30"],
                            "department": ["데이터센터", "서울기록원", "데이터센터"],
                            "budget": [1, 2, 3]})
    assert for_department(history, "데이터센터")["budget"].tolist() == [1, 3]


def test_a_categorical_column_resolves_against_its_categories():
    order = pd.CategoricalDtype(["서울기록원", "데이터융합담당관"], ordered=True)
    table = pd.DataFrame({"department": pd.Series(["서울기록원"], dtype=order)})
    assert for_department(table, "데이터융합담당관").empty  # a department with no rows here
    with pytest.raises(ParameterError, match="'빅데이터담당관'"):
        for_department(table, "빅데이터담당관")  # not a department of this snapshot


def test_an_empty_table_without_categories_narrows_to_no_rows():
    # a table with no row, read back from a processed file (the department column then holds
    # plain text, no categories): any department's rows are none, not an unknown name
    empty = pd.DataFrame({"department": pd.Series([], dtype=object), "x": []})
    assert for_department(empty, "서울기록원").columns.tolist() == ["department", "x"]
    assert for_department(empty, "서울기록원").empty


def test_the_result_is_a_copy():
    table = pd.DataFrame({"department": ["서울기록원"], "x": [1]})
    for department in ("서울기록원", None):
        out = for_department(table, department)
        out.loc[0, "x"] = 99
    assert table["x"].tolist() == [1]


@pytest.mark.parametrize("name", [name for name in DEPARTMENTS if name.endswith("담당관")])
def test_every_division_resolves_by_its_short_form_and_spaced(name):
    short = name.removesuffix("담당관") + "관"  # 공간정보담당관 → 공간정보관
    assert check_department(short, DEPARTMENTS) == name
    assert check_department(" ".join(name), DEPARTMENTS) == name


@pytest.mark.parametrize("value", ["all", "ALL", " 전체 ", "", None])
def test_all_is_the_whole_bureau(value):
    assert check_department(value, DEPARTMENTS) is None


@pytest.mark.parametrize(("value", "meant"), [
    ("기록원", "서울기록원"),           # a part of the name
    ("공강정보담당관", "공간정보담당관"),  # one syllable garbled (rejected: not a known alias)
    ("데이타센타", "데이터센터"),         # two syllables off
])
def test_an_unknown_name_says_did_you_mean(value, meant):
    with pytest.raises(ParameterError, match=f"did you mean '{meant}'") as caught:
        check_department(value, DEPARTMENTS)
    assert "choose 'all' or one of: " + ", ".join(DEPARTMENTS) in str(caught.value)


def test_a_name_like_none_gets_no_guess():
    with pytest.raises(ParameterError) as caught:
        check_department("우주항공청", DEPARTMENTS)
    assert "did you mean" not in str(caught.value)


def spellings(name: str) -> list[str]:
    """Return the spellings a reader may type for a department: as printed, spaced syllable
    by syllable, padded, and a division's short 관 form (spaced too)."""
    short = name.removesuffix("담당관") + "관" if name.endswith("담당관") else name
    return list(dict.fromkeys([name, " ".join(name), f"  {name} ", short, " ".join(short)]))


@pytest.fixture(scope="module")
def other_bureau_folder(tmp_path_factory):
    """A generated bureau of 11 departments (담당관, 과, 센터, 원, 사업소), none bundled."""
    import generate as g

    folder = tmp_path_factory.mktemp("other-bureau")
    g.write_snapshot(folder, g.other_bureau(g.bundled(), 11, seed=2))
    return folder


def test_every_department_of_another_bureau_answers_to_every_spelling(other_bureau_folder):
    import seoul_budget as sb
    from seoul_budget.params import check_parameters

    report = sb.load_report(next(other_bureau_folder.glob("*/report.txt")))
    assert any(n.endswith("담당관") for n in report.departments)
    assert any(not n.endswith("담당관") for n in report.departments)
    for name in report.departments:
        mine = int((report.expenditure["department"] == name).sum())
        for spelling in spellings(name):
            # the notebooks' parameter, Report.for_department and metrics.for_department
            assert check_parameters(department=spelling,
                                    data_dir=other_bureau_folder).department == name, spelling
            narrowed = report.for_department(spelling)
            assert set(narrowed.staffing["department"].astype(str)) == {name}, spelling
            assert len(sb.metrics.for_department(report.expenditure, spelling)) == mine
    for whole in ("all", "ALL", " 전체 ", ""):
        assert check_parameters(department=whole, data_dir=other_bureau_folder).department \
            is None
        assert report.for_department(whole) is report
        assert len(sb.metrics.for_department(report.expenditure, whole)) == \
            len(report.expenditure)


def test_every_department_of_the_bundled_report_answers_on_every_route(report):
    import seoul_budget as sb

    for name in report.departments:
        for spelling in spellings(name):
            assert set(report.for_department(spelling).staffing["department"].astype(str)) \
                == {name}, spelling
            assert set(sb.metrics.for_department(report.expenditure, spelling)
                       ["department"].astype(str)) == {name}, spelling
    assert report.for_department("all") is report
