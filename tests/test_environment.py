"""environment.yml (conda) lists the same packages, with the same lower bounds, as pyproject;
every package the library imports is declared, and every declared one is used."""

from __future__ import annotations

import ast
import functools
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "seoul_budget"
# Declared, used, never imported: each with the file and the text that uses it.
USED_WITHOUT_IMPORT: dict[str, tuple[str, str]] = {
    # its NanumGothic files are found by name; importing it would restyle matplotlib
    "koreanize-matplotlib": ("seoul_budget/fonts.py", 'FONT_PACKAGE = "koreanize_matplotlib"'),
    "jupyterlab": ("Makefile", "/jupyter lab "),  # make lab
}


def requirement(spec: str) -> tuple[str, str]:
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", spec)
    assert match, spec
    return match.group(1).lower().replace("_", "-"), match.group(2).replace(" ", "")


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    wanted = dict(requirement(s) for s in project["dependencies"])
    wanted.update(requirement(s) for s in project["optional-dependencies"]["dev"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text("utf-8"))
    listed: dict[str, str] = {}
    for entry in env["dependencies"]:
        specs = entry["pip"] if isinstance(entry, dict) else [entry]
        for spec in specs:
            if spec.startswith("-e"):
                continue
            name, bound = requirement(spec)
            listed[name] = bound
    listed.pop("python", None)
    listed.pop("pip", None)
    assert listed == wanted
    assert ">=3.11" in project["requires-python"]


def test_readme_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text("utf-8")
    commands = re.findall(r"^make \w+", readme, flags=re.MULTILINE)
    assert commands[:2] == ["make reports", "make test"]


def declared_runtime() -> set[str]:
    """Return the runtime dependencies of pyproject.toml, names normalised."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    return {requirement(spec)[0] for spec in project["dependencies"]}


def third_party_imports() -> dict[str, set[str]]:
    """Return {top-level module: files of seoul_budget/ importing it} for every import that is
    neither the standard library nor the package itself, lazy imports included."""
    found: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top != "seoul_budget":
                    found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return found


@functools.cache
def providers() -> dict[str, list[str]]:
    """Return {top-level module: installed distributions providing it} (read once)."""
    return packages_distributions()


def distribution(module: str) -> str:
    """Return the normalised name of the installed distribution that provides ``module``."""
    return requirement(providers().get(module, [module])[0])[0]


def test_every_package_the_library_imports_is_declared():
    declared = declared_runtime()
    undeclared = {module: sorted(files) for module, files in third_party_imports().items()
                  if distribution(module) not in declared}
    assert not undeclared, undeclared


def test_every_declared_package_is_used():
    imported = {distribution(module) for module in third_party_imports()}
    unused = declared_runtime() - imported
    assert unused == set(USED_WITHOUT_IMPORT)
    for name, (path, text) in USED_WITHOUT_IMPORT.items():
        assert text in (ROOT / path).read_text("utf-8"), name
