"""The organisation comes from the report: the staffing table lists a snapshot's departments,
the other tables' names resolve against them, and the reorganisation map links them over time.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
import variants as v
from bundled import ALIASES, DEPARTMENTS, RAW, ROOT
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import seoul_budget as sb
from seoul_budget.aliases import read_aliases
from seoul_budget.departments import (
    Organisation,
    close_department,
    former_names,
    later_name,
    later_names,
    read_map,
    read_reorganisations,
)
from seoul_budget.errors import OrganisationError

FIXED = v.fix_execution_misprint(v.bundled_text())
HEADER = "old_name,new_name,effective_date,note\n"


write = v.write


@pytest.fixture(scope="module")
def fixed_tables(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    return sb.load_report(write(tmp_path_factory.mktemp("fixed"), FIXED), errata=None).tables()


# -- names ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("printed", "department"), [
    ("디지탈정책관", "디지털정책담당관"),  # 세출 총괄 (garbled, shortened)
    ("빅데이터관", "빅데이터담당관"),  # 세출 총괄 (shortened)
    ("정보당공개관", "정보공개담당관"),  # 세출 총괄 (garbled, shortened)
    ("공간당정보관", "공간정보담당관"),
    ("정보통신보안관", "정보통신보안담당관"),
    ("데이터센터소장", "데이터센터"),  # key project 8's contact line (the head's title)
    ("빅 데이터 담당관", "빅데이터담당관"),  # spaced (집행현황 prints it so)
    ("빅데이타담당관", "빅데이터담당관"),  # one syllable garbled
    ("정보공개당담관", "정보공개담당관"),  # two syllables swapped
    ("정보공개담담당관", "정보공개담당관"),  # one syllable too many
    ("서울기록원장", "서울기록원"),  # the head's title after the name
])
def test_slightly_garbled_names_resolve(printed, department):
    assert close_department(printed, DEPARTMENTS) == department


@pytest.mark.parametrize("printed", [
    "데이터융합담당관",  # 빅데이터담당관 less 빅, plus 융합: three syllables
    "디지털혁신담당관",  # 정책 -> 혁신: two
    "서울기록관",  # the last syllable says what kind of unit it is: 원 is not 관
    "정보시설팀관",  # too garbled for a tolerant match: the alias table reads it
])
def test_other_names_do_not(printed):
    assert close_department(printed, DEPARTMENTS) is None


def test_two_equally_close_departments_give_no_guess():
    assert close_department("가나마관", ["가나다담당관", "가나라담당관"]) is None
    assert close_department("가나다관", ["가나다담당관", "가나라담당관"]) == "가나다담당관"


def test_an_organisation_resolves_against_its_own_departments():
    organisation = Organisation(("데이터융합담당관", "서울기록원"), {"데이터융합담당관": 26})
    assert organisation.resolve("데이터 융합 담당관") == "데이터융합담당관"
    assert organisation.resolve("데이터융합관") == "데이터융합담당관"  # as 세출 총괄 shortens
    assert organisation.resolve("빅데이터담당관") is None  # a department of another snapshot
    assert organisation.resolve_former("빅 데 이 터 담 당 관") is None  # no list of names
    former = Organisation(organisation.departments, former=frozenset({"빅데이터담당관"}))
    assert former.resolve_former("빅 데 이 터 담 당 관") == "빅데이터담당관"  # the map's
    assert organisation.listed() == "데이터융합담당관 (line 26), 서울기록원"


def test_garbled_spellings_are_data():
    # 세출 총괄 line 92 prints 정보시스템담당관 as '정보시설팀관': no rule reads it, the
    # bundled data folder's aliases.csv does (and only for a report that has the department)
    aliases = read_aliases(ALIASES).of("department")
    assert aliases["정보시설팀관"] == "정보시스템담당관"
    organisation = Organisation(DEPARTMENTS, aliases=aliases)
    assert organisation.resolve("정보시설팀관", tolerant=False) == "정보시스템담당관"
    assert Organisation(DEPARTMENTS).resolve("정보시설팀관") is None
    assert Organisation(("서울기록원",), aliases=aliases).resolve("정보시설팀관") is None


def test_the_bundled_report_lists_the_eight_departments(report):
    assert report.departments == DEPARTMENTS


# -- the reorganisation map -------------------------------------------------------------------

def test_the_shipped_map_is_its_header(tmp_path):
    # The 2022→2023 change the report records moved a program (스마트서울 네트워크, 2,147,534
    # 천원) from 정보통신보안담당관 to 디지털정책담당관; no department was renamed or merged.
    for folder in (ROOT / "data" / "raw", RAW):
        assert (folder / "departments.csv").read_text(encoding="utf-8") == HEADER
        assert read_reorganisations(folder / "departments.csv") == ()
    assert read_reorganisations(tmp_path / "missing.csv") == ()


def test_later_name_follows_renames_and_merges_by_date(tmp_path):
    path = tmp_path / "departments.csv"
    path.write_text(HEADER
                    + "빅데이터담당관,데이터융합담당관,2023-07-01,개편\n"
                    + "데이터융합담당관,디지털데이터담당관,2024-01-01,통합\n"
                    + "정보공개담당관,디지털데이터담당관,2024-01-01,통합\n", encoding="cp949")
    changes = read_reorganisations(path)
    assert [c.line for c in changes] == [2, 3, 4]
    june, july, next_year = date(2023, 6, 30), date(2023, 7, 31), date(2024, 1, 31)
    assert later_name("빅데이터담당관", june, june, changes) == "빅데이터담당관"
    assert later_name("빅데이터담당관", june, july, changes) == "데이터융합담당관"
    assert later_name("빅 데이터 담당관", june, next_year, changes) == "디지털데이터담당관"
    assert later_name("정보공개담당관", july, next_year, changes) == "디지털데이터담당관"
    assert later_name("서울기록원", june, next_year, changes) == "서울기록원"
    assert later_name("데이터융합담당관", july, july, changes) == "데이터융합담당관"
    with pytest.raises(ValueError, match="before"):
        later_name("서울기록원", july, june, changes)
    assert "빅데이터담당관" in former_names(changes)


def test_a_split_is_one_row_per_successor(tmp_path):
    path = tmp_path / "departments.csv"
    path.write_text(HEADER + "공간정보담당관,공간데이터담당관,2023-07-01,분할\n"
                    + "공간정보담당관,측량정보담당관,2023-07-01,분할\n"
                    + "측량정보담당관,측량담당관,2024-01-01,개편\n", encoding="utf-8")
    changes = read_reorganisations(path)
    june, july, next_year = date(2023, 6, 30), date(2023, 7, 31), date(2024, 1, 31)
    assert later_names("공간정보담당관", june, july, changes) == ("공간데이터담당관",
                                                                  "측량정보담당관")
    assert later_names("공간정보담당관", june, next_year, changes) == ("공간데이터담당관",
                                                                       "측량담당관")
    assert later_names("공간정보담당관", june, june, changes) == ("공간정보담당관",)
    # a split department is none of its successors: it keeps its name
    assert later_name("공간정보담당관", june, next_year, changes) == "공간정보담당관"
    assert later_name("측량정보담당관", july, next_year, changes) == "측량담당관"


@pytest.mark.parametrize(("rows", "line", "message"), [
    ("a,b,2023-13-01,x\n", 2, "not a date"),
    ("a,,2023-07-01,x\n", 2, "old and the new"),
    ("빅 데이터 담당관,빅데이터담당관,2023-07-01,x\n", 2, "renamed to itself"),
    ("a,b,2023-07-01,x,y\n", 2, "more cells"),
])
def test_malformed_maps_name_their_row(tmp_path, rows, line, message):
    path = tmp_path / "departments.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    with pytest.raises(OrganisationError, match=message) as caught:
        read_reorganisations(path)
    assert caught.value.line == line


def test_a_map_with_another_header_is_refused(tmp_path):
    path = tmp_path / "departments.csv"
    path.write_text("old,new\n", encoding="utf-8")
    with pytest.raises(OrganisationError, match="expected old_name,new_name"):
        read_reorganisations(path)


def test_the_settlement_may_name_a_department_the_map_knows(tmp_path):
    # 2024's report: 빅데이터담당관 is 데이터융합담당관 everywhere; its 2023 settlement names
    # the department as 2023 did, 데이터전략담당관 (a name neither the report nor the built-in
    # list knows). Without the map that name is refused at its line; with it, it is read.
    text = v.rename_department(FIXED, "빅데이터담당관", "데이터융합담당관")
    lines = text.split("\n")
    assert lines[606].startswith("빅 데 이 터 담 당 관\t")
    lines[606] = lines[606].replace("빅 데 이 터 담 당 관", "데이터전략담당관", 1)
    path = write(tmp_path, "\n".join(lines))
    with pytest.raises(sb.ReportParseError) as caught:
        sb.load_report(path, errata=None)
    assert (caught.value.line, caught.value.found) == (607, "데이터전략담당관")
    (tmp_path / "departments.csv").write_text(
        HEADER + "데이터전략담당관,데이터융합담당관,2023-05-01,개편\n", encoding="utf-8")
    report = sb.load_report(path, errata=None)
    assert "데이터전략담당관" in set(report.settlement_expenditure.department)
    # a row that is no change fails only the snapshots printing a name it mentions
    good = "데이터전략담당관,데이터융합담당관,2023-05-01,개편\n"
    (tmp_path / "departments.csv").write_text(HEADER + good + "a,b,bad,x\n", encoding="utf-8")
    assert sb.load_report(path, errata=None).departments[1] == "데이터융합담당관"
    (tmp_path / "departments.csv").write_text(
        HEADER + good + "a,b,bad,x\n데이터전략담당관,정보전략담당관,bad,y\n", encoding="utf-8")
    with pytest.raises(OrganisationError, match=r"departments.csv:4: .*not a date"):
        sb.load_report(path, errata=None)
    assert [f.error.line for f in read_map(tmp_path / "departments.csv").faults] == [3, 4]


# -- a consistent rename changes nothing but the name ----------------------------------------

# Syllables no department name uses, so a new name is close to none of the old ones.
_NEW = st.text(alphabet="가나다라마바사아자차카타파하", min_size=2, max_size=4)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(renames=st.dictionaries(st.sampled_from(DEPARTMENTS), _NEW, min_size=1, max_size=3),
       shorten=st.booleans())
def test_a_consistent_rename_changes_only_the_name(tmp_path_factory, fixed_tables, renames,
                                                   shorten):
    new_names = {old: stem + ("센터" if old == "데이터센터" else "담당관")
                 for old, stem in renames.items()}
    assume(len(set(new_names.values())) == len(new_names))
    text = FIXED
    for old, new in new_names.items():
        # 세출 총괄 shortens divisions ('빅데이터관'): the new name too, when ``shorten``
        short = new[: -len("담당관")] + "관" if shorten and new.endswith("담당관") else None
        text = v.rename_department(text, old, new, summary_name=short)
    folder = tmp_path_factory.mktemp("renamed")
    # the 2022 settlement keeps the old names: the map links them to the new ones
    (folder / "departments.csv").write_text(HEADER + "".join(
        f"{old},{new},2023-01-01,개편\n" for old, new in new_names.items()), encoding="utf-8")
    report = sb.load_report(write(folder, text), errata=None)
    assert report.departments == tuple(new_names.get(d, d) for d in DEPARTMENTS)
    tables = report.tables()
    for name, before in fixed_tables.items():
        expected = before
        if "department" in before and name != "settlement_expenditure":
            expected = before.astype({"department": "str"}).replace({"department": new_names})
        if name == "projects":  # the department of the program that funds a project
            expected = expected.replace({"program_department": new_names})
        if name == "printed_totals":
            keys = before["key"].str.split(" > ")
            expected = before.assign(key=keys.map(
                lambda parts: " > ".join(new_names.get(p, p) for p in parts)).astype("string"))
            expected.loc[before["table"] == "settlement_expenditure", "key"] = \
                before["key"]
        if "department" in before:  # categories: the report's own departments, in its order
            assert list(tables[name]["department"].cat.categories)[:len(DEPARTMENTS)] == \
                list(report.departments)
            expected = expected.astype({"department": "str"})
        pd.testing.assert_frame_equal(tables[name].astype(
            {"department": "str"} if "department" in before else {}), expected, obj=name)
