"""What a build runs: one job per notebook × snapshot (× department), each with its outputs.

A job id is self-describing and safe as a scheduler task id (letters, digits, ``.``, ``-``,
``_``): ``<as_of>.<notebook>`` for the whole bureau, ``<as_of>.<notebook>.<department slug>``
for one department. A job knows what its snapshot's report is about (bureau and years, read
from the report), which its page's title and section titles name. Reading notebooks here is
plain JSON (no Jupyter import), so planning a build that turns out to have nothing to do
stays fast.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..catalog import NOTEBOOKS_BY_STEM, titled
from ..errors import BuildError
from ..subject import Subject

NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
EACH = "each"
PARAMETERS_TAG = "parameters"
HOLDS_CHARS = 90

_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
_MARKDOWN_MARKS = re.compile(r"[*_`]+")


def department_slug(department: str) -> str:
    """Return the ASCII folder/id name of a department: 'department-' and 8 hex digits of
    its name's SHA-256 (the same name, the same slug, in every report of any bureau)."""
    return "department-" + hashlib.sha256(department.encode("utf-8")).hexdigest()[:8]


def snapshot_label(as_of: date) -> str:
    """Return a snapshot's label: '<year>년 <month>월 <day>일 기준'."""
    return f"{as_of.year}년 {as_of.month}월 {as_of.day}일 기준"


def report_name(subject: Subject | None) -> str:
    """Return what a report is called: its subject's '<bureau> 업무보고', or '업무보고' for a
    report that could not be read."""
    return subject.title if subject is not None else "업무보고"


def section_title(stem: str, title: str, subject: Subject | None) -> str:
    """Return a section's title for one report: the notebook's title with the year its
    catalog title names filled in from the report ('04. 회계연도 결산' → '04. <year> 회계연도
    결산'); as it is for a notebook the catalog does not know, or without a report."""
    known = NOTEBOOKS_BY_STEM.get(stem)
    if known is None or subject is None:
        return title
    bare, filled = titled(known.title), titled(known.title, subject)
    return title.replace(bare, filled, 1) if bare and bare != filled else title


@dataclass(frozen=True)
class NotebookInfo:
    """A section notebook as the runner sees it: path, title, parameters, imports, and whether
    it reads earlier snapshots (``reads_history``, from its catalog record: its page of month
    M depends on every snapshot up to M; a notebook the catalog does not list reads only its
    own snapshot)."""

    path: Path
    stem: str
    title: str
    parameters: tuple[str, ...]
    imports: tuple[str, ...]
    reads_history: bool = False
    holds: str = ""


@dataclass(frozen=True)
class Job:
    """One notebook run: which notebook, snapshot and department, and where outputs go."""

    id: str
    notebook: NotebookInfo
    as_of: date
    department: str | None
    report_path: Path
    parameters: dict[str, str] = field(hash=False)
    sections: tuple[tuple[str, str], ...] = ()  # (stem, title) of every section, in order
    subject: Subject | None = None  # what the snapshot's report is about (None: unread)

    @property
    def folder(self) -> str:
        """Return the outputs' folder relative to the reports folder (``<as_of>[/<slug>]``)."""
        base = self.as_of.isoformat()
        return base if self.department is None else f"{base}/{department_slug(self.department)}"

    def output(self, suffix: str, failed: bool = False) -> str:
        """Return an output's path relative to the reports folder (``.failed`` if failed)."""
        name = f"{self.notebook.stem}.failed{suffix}" if failed else f"{self.notebook.stem}{suffix}"
        return f"{self.folder}/{name}"

    @property
    def title(self) -> str:
        """Return the page's Korean title: section, department if any, snapshot date and the
        report ('<bureau> 업무보고')."""
        scope = f" · {self.department}" if self.department else ""
        section = section_title(self.notebook.stem, self.notebook.title, self.subject)
        return f"{section}{scope} — {snapshot_label(self.as_of)} {report_name(self.subject)}"


def job_id(as_of: date, stem: str, department: str | None) -> str:
    """Return the id of the job running notebook ``stem`` on a snapshot (and department)."""
    base = f"{as_of.isoformat()}.{stem}"
    return base if department is None else f"{base}.{department_slug(department)}"


def split_job_id(value: str, departments: Callable[[date], Sequence[str]]
                 ) -> tuple[date, str, str | None]:
    """Return (as_of, notebook stem, department) from a job id; ``departments(as_of)`` gives
    the snapshot's departments its department slug is one of.

    Raises BuildError saying what a job id looks like.
    """
    parts = value.split(".")
    shape = ("a job id looks like '<YYYY-MM-DD>.01_staffing' or "
             "'<YYYY-MM-DD>.01_staffing.department-<8 hex digits>' (see --list-jobs)")
    if len(parts) not in (2, 3) or not parts[1]:
        raise BuildError(f"job {value!r} is not a job id; {shape}")
    try:
        as_of = date.fromisoformat(parts[0])
    except ValueError:
        raise BuildError(f"job {value!r} does not start with a date; {shape}") from None
    department = None
    if len(parts) == 3:
        slugs = {department_slug(name): name for name in departments(as_of)}
        department = slugs.get(parts[2])
        if department is None:
            raise BuildError(f"job {value!r}: unknown department {parts[2]!r}; choose one of "
                             + ", ".join(slugs))
    return as_of, parts[1], department


def _cell_source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _python_source(text: str) -> str:
    """Return cell code with IPython magics and shell lines blanked (so ``ast`` can read it)."""
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line
                     for line in text.splitlines())


def assigned_names(source: str) -> tuple[str, ...]:
    """Return the names a parameters cell assigns, in order (``as_of = "…"`` -> 'as_of')."""
    try:
        tree = ast.parse(_python_source(source))
    except SyntaxError:
        return tuple(re.findall(r"^(\w+)\s*(?::[^=\n]+)?=", source, flags=re.MULTILINE))
    names: list[str] = []
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else (
            [node.target] if isinstance(node, ast.AnnAssign) else [])
        names.extend(t.id for t in targets if isinstance(t, ast.Name) and t.id not in names)
    return tuple(names)


def imported_modules(sources: list[str]) -> tuple[str, ...]:
    """Return the absolute modules the code imports at cell level, sorted (for warm kernels).

    ``from a import b`` gives ``a`` and ``a.b`` (``b`` may be a submodule; a warm kernel's
    import of a name that is not a module just fails quietly).
    """
    found: set[str] = set()
    for source in sources:
        try:
            tree = ast.parse(_python_source(source))
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names
                             if alias.name != "*")
    return tuple(sorted(found))


def notebook_title(nb: dict, stem: str) -> str:
    """Return a notebook's Korean title: metadata title, first ``# heading``, or the catalog's."""
    title = nb.get("metadata", {}).get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            match = _H1.search(_cell_source(cell))
            if match:
                return _MARKDOWN_MARKS.sub("", match.group(1)).strip()
    known = NOTEBOOKS_BY_STEM.get(stem)
    return known.title if known is not None else stem


def notebook_holds(nb: dict, stem: str, limit: int = HOLDS_CHARS) -> str:
    """Return one line on what a notebook's page holds: the catalog's, else the first
    paragraph after its heading (Markdown marks removed, cut at ``limit`` characters)."""
    known = NOTEBOOKS_BY_STEM.get(stem)
    if known is not None and known.holds:
        return known.holds
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        for block in _cell_source(cell).split("\n\n"):
            text = " ".join(_MARKDOWN_MARKS.sub("", block).split())
            if text and not block.lstrip().startswith("#"):
                return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    return ""


def read_notebook_info(path: Path) -> NotebookInfo:
    """Return what the runner needs to know of a notebook file.

    Raises BuildError when the file is not a notebook or has no cell tagged ``parameters``.
    """
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
        cells = nb["cells"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BuildError(f"{path}: not a readable notebook ({exc})") from None
    params = [c for c in cells if PARAMETERS_TAG in c.get("metadata", {}).get("tags", [])]
    if not params:
        raise BuildError(f"{path}: no cell tagged {PARAMETERS_TAG!r}; the build passes "
                         "as_of, data_dir and department through it")
    code = [_cell_source(c) for c in cells if c.get("cell_type") == "code"]
    stem = path.stem
    if "." in stem:
        raise BuildError(f"{path}: a notebook name may not contain '.' (job ids use it)")
    known = NOTEBOOKS_BY_STEM.get(stem)
    return NotebookInfo(path=path, stem=stem, title=notebook_title(nb, stem),
                        parameters=assigned_names(_cell_source(params[0])),
                        imports=imported_modules(code),
                        reads_history=known is not None and known.reads_history,
                        holds=notebook_holds(nb, stem))


def discover_notebooks(folder: Path) -> list[NotebookInfo]:
    """Return the section notebooks (``NN_name.ipynb``) in ``folder``, in reading order.

    Raises BuildError if the folder is missing or holds none.
    """
    if not folder.is_dir():
        raise BuildError(f"notebooks folder {str(folder)!r} does not exist")
    paths = sorted(folder.glob(NOTEBOOK_GLOB))
    if not paths:
        raise BuildError(f"notebooks folder {str(folder)!r} holds no {NOTEBOOK_GLOB} notebook")
    return [read_notebook_info(path) for path in paths]


def notebook_parameters(info: NotebookInfo, as_of: date, data_dir: Path,
                        department: str | None, processed_dir: Path) -> dict[str, str]:
    """Return the parameters injected into a notebook: only names its parameters cell has.

    Raises BuildError if the notebook lacks ``as_of`` or ``data_dir``, or lacks ``department``
    when a department is asked for.
    """
    missing = [name for name in ("as_of", "data_dir") if name not in info.parameters]
    if department is not None and "department" not in info.parameters:
        missing.append("department")
    if missing:
        raise BuildError(f"{info.path}: the parameters cell has no {', '.join(missing)}")
    values = {"as_of": as_of.isoformat(), "data_dir": str(data_dir),
              "department": department or "all", "processed_dir": str(processed_dir)}
    return {name: value for name, value in values.items() if name in info.parameters}


def plan_jobs(notebooks: list[NotebookInfo], snapshots: dict[date, Path],
              departments: Sequence[str | None] | Mapping[date, Sequence[str | None]],
              data_dir: Path, processed_dir: Path,
              subjects: Mapping[date, Subject] | None = None) -> list[Job]:
    """Return every job: notebooks × snapshots × departments (None = whole bureau);
    ``departments`` the same for every snapshot, or each snapshot's own {as_of: [...]};
    ``subjects``: what each snapshot's report is about (a snapshot without one, whose report
    cannot be read, gets titles without a bureau or years)."""
    jobs = []
    sections = tuple((info.stem, info.title) for info in notebooks)
    for as_of, report_path in sorted(snapshots.items()):
        scopes = departments.get(as_of, ()) if isinstance(departments, Mapping) else departments
        for department in scopes:
            for info in notebooks:
                params = notebook_parameters(info, as_of, data_dir, department, processed_dir)
                jobs.append(Job(id=job_id(as_of, info.stem, department), notebook=info,
                                as_of=as_of, department=department, report_path=report_path,
                                parameters=params, sections=sections,
                                subject=(subjects or {}).get(as_of)))
    return jobs
