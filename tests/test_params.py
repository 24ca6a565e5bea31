"""Parameters are checked before any work starts, with the value and the valid choices named."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from bundled import ALIASES, DEPARTMENTS

from seoul_budget.aliases import read_aliases
from seoul_budget.errors import ParameterError
from seoul_budget.params import check_department, check_parameters


@pytest.fixture()
def data_dir(tmp_path, report_path):
    for day in ("2023-05-31",):
        (tmp_path / day).mkdir()
        shutil.copy(report_path, tmp_path / day / "report.txt")
    (tmp_path / "notes").mkdir()  # not a snapshot: ignored
    return tmp_path


def test_defaults_pick_the_newest_snapshot_and_all_departments(data_dir):
    params = check_parameters(data_dir=data_dir)
    assert params.as_of == date(2023, 5, 31)
    assert params.department is None
    assert params.report_path == data_dir / "2023-05-31" / "report.txt"


@pytest.mark.parametrize("value", ["all", "ALL", "", None, "전체"])
def test_all_departments(value):
    assert check_department(value, DEPARTMENTS) is None


def test_department_aliases_are_canonical():
    assert check_department("정보통신보안담당관", DEPARTMENTS) == "정보통신보안담당관"
    assert check_department("정보 통신 보안 담당관", DEPARTMENTS) == "정보통신보안담당관"
    assert check_department("빅데이터관", DEPARTMENTS) == "빅데이터담당관"  # 세출 총괄's short form
    with pytest.raises(ParameterError):  # garbled: only the aliases file reads it
        check_department("디지탈정책관", DEPARTMENTS)
    aliases = read_aliases(ALIASES).of("department")
    assert check_department("디지탈정책관", DEPARTMENTS, aliases=aliases) == "디지털정책담당관"


def test_unknown_department_names_the_choices(data_dir):
    with pytest.raises(ParameterError) as caught:
        check_parameters(data_dir=data_dir, department="우주항공담당관")
    message = str(caught.value)
    assert "'우주항공담당관'" in message and "서울기록원" in message and "all" in message


@pytest.mark.parametrize("value", ["2023/05/31", "31-05-2023", "2023-13-01", "yesterday"])
def test_malformed_as_of(data_dir, value):
    with pytest.raises(ParameterError, match="not an ISO date|is not a date"):
        check_parameters(as_of=value, data_dir=data_dir)


def test_as_of_without_snapshot_lists_the_available_ones(data_dir):
    with pytest.raises(ParameterError) as caught:
        check_parameters(as_of="2023-06-30", data_dir=data_dir)
    assert "2023-06-30" in str(caught.value) and "2023-05-31" in str(caught.value)


def test_missing_data_dir(tmp_path):
    missing = tmp_path / "nowhere"
    with pytest.raises(ParameterError, match="nowhere"):
        check_parameters(data_dir=missing)


def test_data_dir_without_snapshots(tmp_path):
    with pytest.raises(ParameterError, match="no snapshot"):
        check_parameters(data_dir=tmp_path)


def test_a_department_resolves_against_its_own_snapshot(data_dir):
    """June renames 빅데이터담당관 데이터융합담당관 throughout: in June the new name is a
    department (any spacing) and the old one is not; May keeps the old one."""
    import monthly as m
    import variants as v

    m.write_month(data_dir, v.rename_department(m.june(), "빅데이터담당관", "데이터융합담당관"))
    june = check_parameters(as_of="2023-06-30", data_dir=data_dir, department="데이터 융합 담당관")
    assert june.department == "데이터융합담당관"
    may = check_parameters(as_of="2023-05-31", data_dir=data_dir, department="빅 데이터 담당관")
    assert may.department == "빅데이터담당관"
    with pytest.raises(ParameterError) as caught:
        check_parameters(as_of="2023-06-30", data_dir=data_dir, department="빅데이터담당관")
    message = str(caught.value)
    assert "in the 2023-06-30 report" in message and "데이터융합담당관" in message
    with pytest.raises(ParameterError, match="in the 2023-05-31 report"):
        check_parameters(as_of="2023-05-31", data_dir=data_dir, department="데이터융합담당관")
