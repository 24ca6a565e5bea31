"""environment.yml (conda) lists the same packages, with the same lower bounds, as pyproject."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


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
