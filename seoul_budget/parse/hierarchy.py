"""A hierarchy rebuilt from flat rows by what each row sums to.

Budget tables print a tree as flat rows, each row after the rows it belongs under: a total, its
categories, theirs, the items. Which row a row belongs under is found by the figures: a parent's
figures equal the sum of the rows under it, allowing one printed unit of rounding per summed
row in each column, and one column that does not add up at all (a single misprinted figure must
not change the tree; reconciliation reports it). A row marked ``leaf`` (an item: the layout
prints it in the item column, or without a label) belongs under the last open row above it and
holds nothing.

:func:`place` returns each row's parent: of the trees the figures allow, the one that fits
best (the least rounding left over). When two fit equally well the first row they place
differently is named (:class:`Ambiguous`), unless only rows printing no figure at all differ
(those stay under the innermost open row: nothing tells otherwise).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

ROOT = -1  # the parent of a row directly under the total
# How many tries :func:`place` makes before giving up: a report's table places in a few
# hundred; this bounds the work on a table no tree fits, however long (a try costs the
# tree's depth, a whole tree compared one try per row).
MAX_TRIES = 100_000


@dataclass(frozen=True)
class FlatRow:
    """A row to place: ``figures`` (one per summed column, in KRW) and whether it is a
    ``leaf`` (an item, under the last open row above it)."""

    figures: tuple[int, ...]
    leaf: bool = False

    @property
    def blank(self) -> bool:
        """Return True when the row prints no figure but zeros (its place is no matter of
        sums)."""
        return not any(self.figures)


@dataclass(frozen=True)
class Placed:
    """A tree: ``parents[i]`` is the index of row i's parent (:data:`ROOT`: the total)."""

    parents: tuple[int, ...]

    def path(self, index: int) -> tuple[int, ...]:
        """Return the rows from the top down to row ``index`` (itself included)."""
        out: list[int] = []
        while index != ROOT:
            out.append(index)
            index = self.parents[index]
        return tuple(reversed(out))


@dataclass(frozen=True)
class Ambiguous:
    """Two trees the figures allow: the first row they place differently and its parent in
    each (:data:`ROOT` for the total)."""

    row: int
    parents: tuple[int, int]


@dataclass(frozen=True)
class Unplaced:
    """No tree fits the figures: the last row a tree reached before it failed (the row whose
    place is wrong, or a row after it; len(rows) when every row was placed but the total does
    not add up)."""

    row: int


def adds_up(figures: Sequence[int], sums: Sequence[int], children: int,
            steps: Sequence[int], misprints: int = 1) -> bool:
    """Return True when ``children`` rows summing to ``sums`` add up to a row printing
    ``figures``: every column within one printed unit (``steps``) per row, but at most
    ``misprints`` columns, and one at least that is not zero on both sides (a row of zeros
    fits zeros)."""
    off = [abs(f - s) > step * children for f, s, step in zip(figures, sums, steps, strict=True)]
    informative = [not bad and (f or s) for f, s, bad in zip(figures, sums, off, strict=True)]
    return sum(off) <= misprints and (any(informative) or not any(figures))


class _Search:
    """Depth-first search of the trees the figures allow, innermost parent first, keeping the
    trees that fit best: the least rounding left over, summed over every row that holds rows
    (in printed units). Branch and bound: a partial tree already worse than the best whole one
    is dropped."""

    def __init__(self, total: tuple[int, ...] | None, rows: Sequence[FlatRow],
                 steps: Sequence[int], max_depth: int, leaf_depth: int,
                 signed: Sequence[bool]) -> None:
        self.total = total
        self.rows = rows
        self.steps = steps
        self.max_depth = max_depth
        self.leaf_depth = leaf_depth
        self.signed = signed
        self.best = math.inf
        self.found: list[tuple[int, ...]] = []  # the best trees (two at most, told apart)
        self.furthest = 0
        self.tries = 0

    def too_much(self, figures: tuple[int, ...], sums: list[int], children: int) -> bool:
        """Return True when rows summing to ``sums`` already exceed ``figures`` in two columns
        that cannot be negative (more rows can only add to them)."""
        over = sum(1 for f, s, step, signed in zip(figures, sums, self.steps, self.signed,
                                                    strict=True)
                   if not signed and s - f > step * children)
        return over >= 2

    def run(self) -> None:
        """Search, keeping the best trees in ``found``.

        The walk keeps its own stack of steps, not Python's (a table of thousands of rows is
        as deep as it is long), and one list of parents that each step extends and restores
        (a try costs the tree's depth, not its length)."""
        walk = [self._visit(0, [ROOT], {ROOT: [0] * len(self.steps)}, {ROOT: 0}, [], 0.0)]
        while walk:
            step = next(walk[-1], None)
            if step is None:
                walk.pop()
            else:
                walk.append(step)

    def _figures(self, node: int) -> tuple[int, ...] | None:
        return self.total if node == ROOT else self.rows[node].figures

    def _left_over(self, nodes: Sequence[int], sums: dict[int, list[int]],
                   counts: dict[int, int]) -> float | None:
        """Return the rounding the rows ``nodes`` leave when closed (printed units), or None
        when one of them does not add up."""
        left = 0.0
        for node in nodes:
            figures = self._figures(node)
            if counts[node] == 0 or figures is None:
                continue
            if not adds_up(figures, sums[node], counts[node], self.steps):
                return None
            left += sum(abs(f - s) / step
                        for f, s, step in zip(figures, sums[node], self.steps, strict=True))
        return left

    def _keep(self, parents: tuple[int, ...], score: float) -> None:
        if score < self.best:
            self.best, self.found = score, [parents]
        elif score == self.best and len(self.found) < 2 and any(
                a != b and not self.rows[i].blank
                for i, (a, b) in enumerate(zip(self.found[0], parents, strict=True))):
            self.found.append(parents)

    def _visit(self, index: int, stack: list[int], sums: dict[int, list[int]],
               counts: dict[int, int], parents: list[int],
               score: float) -> Iterator[Iterator[Any]]:
        """Place row ``index`` under each open row it may stand under in turn, yielding the
        step that places the rows after it (``run`` walks it before this one goes on)."""
        if self.tries > MAX_TRIES or score > self.best:
            return
        self.tries += 1
        self.furthest = max(self.furthest, index)
        if index == len(self.rows):
            left = self._left_over(stack[::-1], sums, counts)
            if left is not None:
                self.tries += len(parents)  # a whole tree compared is a try per row
                self._keep(tuple(parents), score + left)
            return
        row = self.rows[index]
        levels = [len(stack) - 1] if row.leaf else range(len(stack) - 1, -1, -1)
        for level in levels:
            closed = self._left_over(stack[level + 1:], sums, counts)
            if closed is None:
                break  # an inner row that does not add up closes no further out
            parent = stack[level]
            if level + 1 > (self.leaf_depth if row.leaf or level + 1 > self.max_depth
                            else self.max_depth):
                continue
            added = [s + f for s, f in zip(sums[parent], row.figures, strict=True)]
            figures = self._figures(parent)
            if figures is not None and self.too_much(figures, added, counts[parent] + 1):
                continue
            old_sum, old_count = sums[parent], counts[parent]
            sums[parent], counts[parent] = added, old_count + 1
            sums[index], counts[index] = [0] * len(self.steps), 0
            holds = not row.leaf and level + 1 <= self.max_depth  # may hold rows below
            opened = stack[:level + 1] + ([index] if holds else [])
            parents.append(parent)
            yield self._visit(index + 1, opened, sums, counts, parents, score + closed)
            parents.pop()
            sums[parent], counts[parent] = old_sum, old_count


def place(total: tuple[int, ...] | None, rows: Sequence[FlatRow], steps: Sequence[int],
          max_depth: int, leaf_depth: int | None = None,
          signed: Sequence[bool] | None = None) -> Placed | Ambiguous | Unplaced:
    """Return the tree of ``rows`` under a total printing ``total`` (None: no total printed,
    anything goes at the top).

    ``steps`` is each column's printed unit (KRW): the rounding one summed row may carry.
    Rows holding other rows stand at most ``max_depth`` levels down (1: under the total), rows
    holding none at most ``leaf_depth`` (default: one level further). ``signed`` marks the
    columns that may be negative (a change): the others prune a tree as soon as the rows under
    one row exceed it.
    """
    search = _Search(total, rows, steps, max_depth,
                     leaf_depth if leaf_depth is not None else max_depth + 1,
                     signed if signed is not None else [False] * len(steps))
    search.run()
    if not search.found:
        return Unplaced(search.furthest)
    first = search.found[0]
    if len(search.found) > 1:
        second = search.found[1]
        row = next(i for i, (a, b) in enumerate(zip(first, second, strict=True))
                   if a != b and not rows[i].blank)
        return Ambiguous(row, (first[row], second[row]))
    return Placed(first)
