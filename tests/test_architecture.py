"""The package's shape: imports point down (no cycle, lazy imports included), only the command
line sees argparse, no name starting with ``_`` of another package is used, importing changes
no global state."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "seoul_budget"


def module_name(path: Path) -> str:
    """Return the dotted module name of a file of the package."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Return every import statement, at any depth (lazy ones inside functions included),
    except those under ``if TYPE_CHECKING:`` (type hints only, never executed)."""
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking_only(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _resolve(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def import_graph() -> dict[str, set[str]]:
    """Return {module: package modules it imports}, lazy imports included."""
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        edges: set[str] = set()
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:  # the package runs first, then any submodule named
                base = _resolve(module, path, node)
                targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
            edges.update(t for t in targets if t in MODULES and t != module)
        graph[module] = edges
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """Return one import cycle as a list of modules (first = last), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return stack[stack.index(target):] + [target]
            if target not in state:
                cycle = visit(target)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_the_graph_sees_lazy_imports_and_skips_type_checking_ones():
    graph = import_graph()
    # report.py reconciles lazily (inside Report.findings) ...
    assert "seoul_budget.reconciliation" in graph["seoul_budget.report"]
    # ... and reconciliation names Report only for type hints
    assert "seoul_budget.report" not in graph["seoul_budget.reconciliation.cells"]


def test_no_import_cycle_lazy_imports_included():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_only_the_command_line_sees_argparse():
    users = sorted(module for module, path in MODULES.items()
                   if "argparse" in {alias.name for node in _imports(ast.parse(path.read_text()))
                                     if isinstance(node, ast.Import) for alias in node.names})
    assert users == ["seoul_budget.cli"]


def is_private(name: str) -> bool:
    """Return True for a name starting with ``_`` that is not a dunder (``__file__``)."""
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def own_names(trees: list[ast.AST]) -> set[str]:
    """Return every name the package defines or binds: functions, classes, assigned names and
    attributes, parameters, import aliases and what it imports from itself."""
    names: set[str] = set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Name | ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.id if isinstance(node, ast.Name) else node.attr)
            elif isinstance(node, ast.arg):
                names.add(node.arg)
            elif isinstance(node, ast.alias) and node.asname:
                names.add(node.asname)
            elif isinstance(node, ast.ImportFrom) and node.level:
                names.update(alias.name for alias in node.names)
    return names


def foreign_private_names(sources: dict[str, str]) -> list[str]:
    """Return 'module:line: name' for every use of another package's ``_`` name in
    ``sources`` ({module: code}): an import of a ``_`` module or name, an attribute ``._x``
    the package itself never defines, and ``getattr``/``setattr``/``hasattr``/``delattr``
    with a ``"_x"`` string."""
    trees = {module: ast.parse(code) for module, code in sources.items()}
    own = own_names(list(trees.values()))
    found: list[tuple[str, int, str]] = []
    for module, tree in trees.items():
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [part for alias in node.names for part in alias.name.split(".")]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [*(node.module or "").split("."),
                         *(alias.name for alias in node.names)]
                names = [] if names[0] == "seoul_budget" else names
            elif isinstance(node, ast.Attribute) and node.attr not in own:
                names = [node.attr]
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                  and node.func.id in ("getattr", "setattr", "hasattr", "delattr")
                  and len(node.args) > 1 and isinstance(node.args[1], ast.Constant)
                  and isinstance(node.args[1].value, str)):
                names = [node.args[1].value]
            found += [(module, node.lineno, name) for name in names if is_private(name)]
    return [f"{module}:{line}: {name}" for module, line, name in sorted(found)]


def test_the_private_name_finder_finds_each_kind_of_use():
    sources = {"a": "import pandas._config\nfrom papermill.execute import _x\n"
                    "from pandas._config.config import y\n",
               "b": "import warnings\nwarnings._filters_mutated()\n"
                    "getattr(warnings, '_filters_mutated', None)\n",
               "c": "class A:\n    def __init__(self):\n        self._mine = 1\n"
                    "    def f(self):\n        return self._mine, self._inherited, obj.__dict__\n",
               "d": "from seoul_budget.x import _helper\nfrom .y import _z\nimport os as _os\n"
                    "_os.path\n"}
    assert foreign_private_names(sources) == [
        "a:1: _config", "a:2: _x", "a:3: _config", "b:2: _filters_mutated",
        "b:3: _filters_mutated", "c:5: _inherited"]


def test_no_name_starting_with_an_underscore_of_another_package():
    """Other packages are used through their public API and extension points only: their
    ``_`` names change without notice (the package's own ``_`` names are its business)."""
    sources = {module: path.read_text(encoding="utf-8") for module, path in MODULES.items()}
    assert foreign_private_names(sources) == []


def test_importing_the_package_changes_no_global_state():
    code = ("import matplotlib, pandas; before = dict(matplotlib.rcParams); "
            "opts = pandas.get_option('display.max_rows'); "
            "import seoul_budget, seoul_budget.plotting, seoul_budget.notebook, "
            "seoul_budget.metrics, seoul_budget.formatting; "
            "changed = sorted(k for k, v in matplotlib.rcParams.items() if before[k] != v); "
            "assert not changed, changed; "
            "assert pandas.get_option('display.max_rows') == opts")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
