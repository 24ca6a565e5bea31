"""Size limits hold before any read or hash: a report over 5 MB, a ledger over 1 MB or a ledger
that is a folder is refused by a stat, with the file's real size, by every command and by the
library — and no kernel starts for a snapshot refused that way.

The large files are sparse (``truncate``): 200 MB or 4 GB on paper, no disk used. A spy on
``open`` proves that none of them is opened, so neither read nor hashed.
"""

from __future__ import annotations

import builtins
import pathlib
import shutil
from pathlib import Path

import pytest
from bundled import ALIASES, DAY, LEDGER, REPORT
from project import make_project

import seoul_budget as sb
from seoul_budget import notebook as nb
from seoul_budget.cli import main
from seoul_budget.errors import ErrataError, ReportParseError

MB = 1024 * 1024


def sparse(path: Path, size: int, head: bytes = b"") -> Path:
    """Write ``head`` then grow the file to ``size`` bytes without using disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        handle.write(head)
        handle.truncate(size)
    return path


def _reads(mode: str) -> bool:
    return not set(mode) & set("wax+")


@pytest.fixture
def opened(monkeypatch) -> list[Path]:
    """Every file opened for reading through ``open`` or ``Path.open`` during the test."""
    seen: list[Path] = []
    real_open, real_path_open = builtins.open, pathlib.Path.open

    def spy_open(file, mode="r", *args, **kwargs):
        if isinstance(file, (str, Path)) and _reads(mode):
            seen.append(Path(file).resolve())
        return real_open(file, mode, *args, **kwargs)

    def spy_path_open(self, mode="r", *args, **kwargs):
        if _reads(mode):
            seen.append(self.resolve())
        return real_path_open(self, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy_open)
    monkeypatch.setattr(pathlib.Path, "open", spy_path_open)
    return seen


def big_report(root: Path, size: int = 200 * MB) -> Path:
    """A snapshot whose report starts like the bundled one and is ``size`` bytes long."""
    return sparse(root / DAY / "report.txt", size, REPORT.read_bytes())


def big_ledger(root: Path, size: int = 200 * MB) -> Path:
    """The bundled snapshot beside a ``size``-byte ledger."""
    (root / DAY).mkdir(parents=True)
    shutil.copy(REPORT, root / DAY / "report.txt")
    return sparse(root / "errata.csv", size, LEDGER.read_bytes())


def test_a_huge_report_is_refused_by_its_real_size_unread(tmp_path, opened):
    path = big_report(tmp_path)
    with pytest.raises(ReportParseError) as caught:
        sb.load_report(path)
    assert "the file is 209,715,200 bytes, larger than any work report (limit 5,242,880)" \
        in str(caught.value)
    assert caught.value.path == str(path)
    assert path.resolve() not in opened


def test_a_huge_ledger_is_refused_by_its_real_size_unread(tmp_path, opened):
    ledger = big_ledger(tmp_path)
    with pytest.raises(ErrataError) as caught:
        sb.load_report(tmp_path / DAY / "report.txt")
    assert str(caught.value) == (f"{ledger}: the file is 209,715,200 bytes, larger than any "
                                 "errata ledger (limit 1,048,576)")
    assert ledger.resolve() not in opened


def test_notebooks_and_history_refuse_a_huge_report_unread(tmp_path, opened):
    path = big_report(tmp_path)
    processed = tmp_path / "processed"
    for call in (lambda: nb.setup(DAY, tmp_path, "all", processed),
                 lambda: sb.history("staffing", tmp_path, processed_dir=processed)):
        with pytest.raises(ReportParseError, match="209,715,200 bytes"):
            call()
    assert path.resolve() not in opened


@pytest.mark.parametrize("command", ["check", "parse"])
def test_check_and_parse_name_the_real_size_in_one_line(tmp_path, capsys, opened, command):
    path = big_report(tmp_path, 4 * 1024 * MB)
    assert main([command, "--data-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err == (f"seoul-budget: error: {path}: the file is 4,294,967,296 bytes, larger than "
                   "any work report (limit 5,242,880); expected a work report text\n")
    assert path.resolve() not in opened


def test_a_ledger_that_is_a_folder_is_an_error_not_no_ledger(tmp_path, capsys):
    (tmp_path / DAY).mkdir()
    shutil.copy(REPORT, tmp_path / DAY / "report.txt")
    (tmp_path / "errata.csv").mkdir()
    with pytest.raises(ErrataError, match="the errata ledger is a folder"):
        sb.load_report(tmp_path / DAY / "report.txt")
    assert main(["check", "--data-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{tmp_path / 'errata.csv'}: the errata ledger is a folder" \
        in err


def no_kernels(*args, **kwargs):
    raise AssertionError("a kernel pool was started")


@pytest.mark.parametrize("damage", ["report", "ledger", "ledger folder"])
def test_build_refuses_before_any_hash_or_kernel(tmp_path, monkeypatch, opened, damage):
    from seoul_budget.build import worker

    monkeypatch.setattr(worker.KernelPool, "__init__", no_kernels)
    project = make_project(tmp_path, {"10_staffing": "staffing_summary"})
    if damage == "report":
        bad = sparse(project.data / DAY / "report.txt", 4 * 1024 * MB, REPORT.read_bytes())
        message = "the file is 4,294,967,296 bytes, larger than any work report"
    elif damage == "ledger":
        bad = sparse(project.data / "errata.csv", 200 * MB, LEDGER.read_bytes())
        message = "the file is 209,715,200 bytes, larger than any errata ledger"
    else:
        bad = project.data / "errata.csv"
        bad.unlink()
        bad.mkdir()
        message = "the errata ledger is a folder; expected a regular file"
    status, out, err = project.build()
    assert status == 2
    alert = [line for line in err.splitlines() if "error" in line]
    assert len(alert) == 1 and f"not built: {bad}: {message}" in alert[0], err
    assert "Traceback" not in err
    assert out.splitlines()[-1].endswith("exit 2 — built 0, failed 0, up to date 0, not run 1; "
                                         "입력 오류: 2023-05-31")
    assert bad.resolve() not in opened
    assert not project.processed.exists()


# Special files: judged by a stat before they are opened, so none can hang a build or show
# another file's content in an error.

@pytest.fixture
def no_hang():
    """Fail (rather than hang the suite) when the test blocks for 30 seconds."""
    import signal

    def alarm(signum, frame):
        raise TimeoutError("blocked on a special file")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(30)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _special(path: Path, kind: str) -> Path:
    import os

    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "zero":
        path.symlink_to("/dev/zero")
    else:  # dangling: an unmounted share
        path.symlink_to(path.parent / "gone" / path.name)
    return path


def _snapshot(root: Path, without: str) -> Path:
    """The bundled snapshot and its aliases (unless ``without`` is the aliases) in ``root``."""
    (root / DAY).mkdir(parents=True)
    shutil.copy(REPORT, root / DAY / "report.txt")
    if without != "aliases.csv":
        shutil.copy(ALIASES, root / "aliases.csv")
    return root / DAY / "report.txt"


SPECIAL = ["fifo", "zero", "dangling"]
WORDS = {"fifo": "a pipe", "zero": "a device", "dangling": "a link to nothing"}


@pytest.mark.parametrize("kind", SPECIAL)
def test_a_special_report_is_refused_unopened(tmp_path, opened, no_hang, kind):
    path = _special(tmp_path / DAY / "report.txt", kind)
    with pytest.raises(ReportParseError, match=WORDS[kind]) as caught:
        sb.load_report(path)
    assert caught.value.path == str(path)
    assert path.resolve() not in opened


@pytest.mark.parametrize("name", ["errata.csv", "departments.csv", "aliases.csv",
                                  "project_programs.csv"])
@pytest.mark.parametrize("kind", SPECIAL)
def test_a_special_data_file_is_refused_unopened(tmp_path, opened, no_hang, kind, name):
    report = _snapshot(tmp_path, name)
    path = _special(tmp_path / name, kind)
    with pytest.raises(sb.SeoulBudgetError, match=WORDS[kind]) as caught:
        sb.load_report(report)
    assert caught.value.path == str(path)
    assert path.resolve() not in opened


@pytest.mark.parametrize("name", ["errata.csv", "departments.csv", "aliases.csv",
                                  "project_programs.csv"])
def test_a_data_file_linked_to_another_file_does_not_echo_it(tmp_path, name):
    report = _snapshot(tmp_path, name)
    secret = tmp_path / "elsewhere.txt"
    secret.write_text("root:x:0:0:secret-line\nmore\n", encoding="utf-8")
    (tmp_path / name).symlink_to(secret)
    with pytest.raises(sb.SeoulBudgetError) as caught:
        sb.load_report(report)
    assert "secret-line" not in str(caught.value)
    assert "header" in str(caught.value)


SECRET = "root:x:0:0:secret-line"
OUTSIDE = "reached through a link to outside its folder"


def _elsewhere(root: Path, text: str) -> Path:
    """A file outside the data folder ``root`` (beside it) holding ``text``."""
    path = root.parent / f"{root.name}-elsewhere" / "notes.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_report_linked_out_of_its_data_folder_is_refused_unopened(tmp_path, opened):
    # the linked file is a report whose department line names a department the staffing
    # table lacks: read, the error would quote that line
    text = REPORT.read_text(encoding="utf-8").replace("디지털정책담당관\t35", f"{SECRET}\t35", 1)
    secret = _elsewhere(tmp_path, text)
    path = tmp_path / DAY / "report.txt"
    path.parent.mkdir(parents=True)
    path.symlink_to(secret)
    with pytest.raises(ReportParseError, match=OUTSIDE) as caught:
        sb.load_report(path)
    assert "secret-line" not in str(caught.value)
    assert caught.value.path == str(path)
    assert secret not in opened


@pytest.mark.parametrize("name", ["errata.csv", "departments.csv", "aliases.csv",
                                  "project_programs.csv"])
def test_a_data_file_linked_out_of_its_folder_is_refused_unopened(tmp_path, opened, name):
    report = _snapshot(tmp_path, name)
    secret = _elsewhere(tmp_path, f"{SECRET}\nmore\n")
    (tmp_path / name).symlink_to(secret)
    with pytest.raises(sb.SeoulBudgetError, match=OUTSIDE):
        sb.load_report(report)
    assert secret not in opened


def test_a_snapshot_folder_linked_out_of_the_data_folder_is_refused(tmp_path, opened):
    outside = tmp_path.parent / f"{tmp_path.name}-elsewhere" / "x"
    outside.mkdir(parents=True)
    shutil.copy(REPORT, outside / "report.txt")
    (tmp_path / DAY).symlink_to(outside)
    with pytest.raises(ReportParseError, match=OUTSIDE):
        sb.load_report(tmp_path / DAY / "report.txt")
    assert outside / "report.txt" not in opened


def test_links_inside_the_data_folder_and_a_linked_data_folder_are_followed(tmp_path):
    # the data folder on a share (itself a link), a snapshot's report linked to a copy kept
    # beside the snapshots, the ledger linked to one in a subfolder: all inside the folder
    share = tmp_path / "share"
    (share / DAY).mkdir(parents=True)
    (share / "originals").mkdir()
    shutil.copy(REPORT, share / "originals" / "report.txt")
    (share / DAY / "report.txt").symlink_to(share / "originals" / "report.txt")
    shutil.copy(ALIASES, share / "aliases.csv")
    shutil.copy(LEDGER, share / "originals" / "errata.csv")
    (share / "errata.csv").symlink_to(Path("originals") / "errata.csv")
    (tmp_path / "raw").symlink_to(share)
    report = sb.load_report(tmp_path / "raw" / DAY / "report.txt")
    assert str(report.as_of) == DAY
    # 정원 of 디지털정책담당관 as printed on line 25: 35
    assert report.staffing.set_index("department").loc["디지털정책담당관", "authorized"] == 35
