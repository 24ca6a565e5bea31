"""Every value a notebook writes into Markdown goes through ``nb.md_text``: read each section
notebook's code and follow what reaches ``nb.md(...)``.

A string reaching ``nb.md`` may be built from literals, ``+``, ``"…".join(…)``, conditional
expressions and names assigned such strings anywhere in the notebook; every ``{…}`` of an
f-string among them must be ``nb.md_text(…)``, a figure (``fmt.…(…)``, ``len``, ``int``, the
snapshot date ``ctx.as_of…``, one of the report's years ``ctx.subject.fiscal_year`` …, an
integer the report's subject holds, or arithmetic on such figures) or a name that only ever
holds literals. Anything else — a
name from the data, a table's column, a library call — fails, with the notebook, the line
and the expression, so the rule holds for cells written later too.
"""

from __future__ import annotations

import ast
import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))
NB_SAFE = {"md_text", "exact_money"}  # nb functions whose result carries no markup
MARKDOWN_HELPERS = {"md_text", "section_links"}  # library calls returning safe Markdown
CTX_MARKDOWN = {"unit_phrase"}  # the context's methods whose result is escaped Markdown
FIGURES = {"len", "int"}
YEARS = {"fiscal_year", "previous_year", "settlement_year"}  # ints of the report's subject


def code_of(path: Path) -> str:
    """Return a notebook's code cells as one module (cells run in order, one namespace)."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")


class MarkdownFlow:
    """What reaches ``nb.md`` in one notebook, and which interpolations are not escaped."""

    def __init__(self, tree: ast.Module) -> None:
        self.values: dict[str, list[ast.expr]] = defaultdict(list)
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        self.values[target.id].append(node.value)
            elif isinstance(node, ast.AugAssign | ast.AnnAssign) and isinstance(
                    node.target, ast.Name) and node.value is not None:
                self.values[node.target.id].append(node.value)
        self.tree = tree

    def md_arguments(self) -> Iterator[ast.expr]:
        """Yield the argument of every ``nb.md(...)`` call."""
        for node in ast.walk(self.tree):
            if (isinstance(node, ast.Call) and _is_attr(node.func, "nb", "md")):
                yield from node.args

    def unsafe(self, node: ast.expr, seen: frozenset[str] = frozenset()) -> list[ast.AST]:
        """Return the parts of a Markdown-building expression that may carry raw data."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return []
        if isinstance(node, ast.JoinedStr):
            return [v.value for v in node.values if isinstance(v, ast.FormattedValue)
                    and not self.figure_or_escaped(v.value)]
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return self.unsafe(node.left, seen) + self.unsafe(node.right, seen)
        if isinstance(node, ast.IfExp):
            return self.unsafe(node.body, seen) + self.unsafe(node.orelse, seen)
        if isinstance(node, ast.ListComp | ast.GeneratorExp):
            return self.unsafe(node.elt, seen)
        if isinstance(node, ast.List | ast.Tuple):
            return [bad for elt in node.elts for bad in self.unsafe(elt, seen)]
        if isinstance(node, ast.Name):
            if node.id in seen:
                return []
            found = self.values.get(node.id)
            return [bad for value in found for bad in self.unsafe(value, seen | {node.id})] \
                if found else [node]
        if isinstance(node, ast.Call) and _is_join(node):
            return [bad for arg in node.args for bad in self.unsafe(arg, seen)]
        if isinstance(node, ast.Call) and any(_is_attr(node.func, "nb", name)
                                              for name in MARKDOWN_HELPERS):
            return []
        return [node]

    def figure_or_escaped(self, node: ast.expr, seen: frozenset[str] = frozenset()) -> bool:
        """Return True for an interpolation that cannot carry markup: escaped, a figure, the
        snapshot date, a literal, an item of a dict or list of such, or a name only ever
        assigned such values."""
        if isinstance(node, ast.Call):
            func = node.func
            return (any(_is_attr(func, "nb", name) for name in NB_SAFE)
                    or any(_is_attr(func, "ctx", name) for name in CTX_MARKDOWN)
                    or _root(func) == "fmt" or (isinstance(func, ast.Name) and func.id in FIGURES))
        if isinstance(node, ast.Attribute):
            return _dotted(node).startswith("ctx.as_of.") or (
                node.attr in YEARS and self.is_subject(node.value))
        if isinstance(node, ast.BinOp):
            return (self.figure_or_escaped(node.left, seen)
                    and self.figure_or_escaped(node.right, seen))
        if isinstance(node, ast.Constant):
            return True
        if isinstance(node, ast.Dict):
            return all(v is not None and self.figure_or_escaped(v, seen) for v in node.values)
        if isinstance(node, ast.List | ast.Tuple):
            return all(self.figure_or_escaped(elt, seen) for elt in node.elts)
        if isinstance(node, ast.DictComp):
            return self.figure_or_escaped(node.value, seen)
        if isinstance(node, ast.Subscript):
            return self.figure_or_escaped(node.value, seen)
        if isinstance(node, ast.IfExp):
            return (self.figure_or_escaped(node.body, seen)
                    and self.figure_or_escaped(node.orelse, seen))
        if isinstance(node, ast.Name) and node.id not in seen:
            found = self.values.get(node.id)
            return bool(found) and all(self.figure_or_escaped(v, seen | {node.id})
                                       for v in found)
        return False


    def is_subject(self, node: ast.expr) -> bool:
        """Return True for ``ctx.subject`` or a name only ever assigned it."""
        if _dotted(node) == "ctx.subject":
            return True
        found = self.values.get(node.id, []) if isinstance(node, ast.Name) else []
        return bool(found) and all(_dotted(value) == "ctx.subject" for value in found)


def _dotted(node: ast.AST) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


def _root(node: ast.AST) -> str:
    return _dotted(node).split(".")[0]


def _is_attr(node: ast.AST, owner: str, name: str) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == name and _dotted(node) == \
        f"{owner}.{name}"


def _is_join(node: ast.Call) -> bool:
    func = node.func
    return (isinstance(func, ast.Attribute) and func.attr == "join"
            and isinstance(func.value, ast.Constant) and isinstance(func.value.value, str))


def unescaped(source: str) -> list[str]:
    """Return 'line N: expression' for every value reaching ``nb.md`` unescaped."""
    flow = MarkdownFlow(ast.parse(source))
    found = {(bad.lineno, ast.unparse(bad)) for arg in flow.md_arguments()
             for bad in flow.unsafe(arg)}
    return [f"line {line}: {text}" for line, text in sorted(found)]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_value_reaching_markdown_is_escaped(path):
    assert unescaped(code_of(path)) == [], f"{path.name}: wrap these in nb.md_text(...)"


def test_the_check_finds_raw_values_and_accepts_escaped_ones():
    raw = ('name = ctx.table("projects")["title"][0]\n'
           'lines = [f"- {row.title}: {fmt.format_money(row.budget)}" for row in rows]\n'
           'text = f"{len(rows)}개" + "\\n".join(lines)\n'
           'text += f" {name}"\n'
           'nb.md(text)\n'
           'nb.md(row.title)\n')
    assert unescaped(raw) == ["line 2: row.title", "line 4: name", "line 6: row.title"]
    safe = ('kind = {"a": "가", "b": "나"}[basis]\n'
            'lines = [f"- {nb.md_text(row.title)}: {fmt.format_money(row.budget)}" '
            'for row in rows]\n'
            'nb.md(f"{kind} {ctx.as_of.year}년 {len(rows)}개\\n" + "\\n".join(lines))\n'
            'nb.md(nb.section_links("overview"))\n'
            'years = ctx.subject\n'
            'year = years.settlement_year\n'
            'nb.md(f"{years.fiscal_year}년 {year}년 {year - 1}년 {nb.md_text(years.bureau)}")\n')
    assert unescaped(safe) == []
    assert unescaped('years = ctx.subject\nnb.md(f"{years.bureau}")\n') == [
        "line 2: years.bureau"]  # a name from the report: escaped or refused


RAW_HTML = ("to_html(", ".style", "HTML(", "Markdown(", "IPython")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_show_html_only_through_the_library(path):
    """Tables, cards and Markdown go through nb.* (escaped there); no notebook builds HTML
    itself with pandas (a Styler escapes no index label by default) or IPython."""
    code = code_of(path)
    assert [name for name in RAW_HTML if name in code] == []
