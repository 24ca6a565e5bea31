"""parse.hierarchy: a tree rebuilt from flat rows by what each row sums to (issue 21: revenue
categories placed by structure, not by a list). Figures are small and worked by hand; a row is
(budget, previous budget, change) in printed units of 1."""

from __future__ import annotations

from seoul_budget.parse import hierarchy
from seoul_budget.parse.hierarchy import ROOT, Ambiguous, FlatRow, Placed, Unplaced, place

STEPS = (1, 1, 1)
SIGNED = (False, False, True)


def rows(*figures: tuple[int, int, int], leaves: tuple[int, ...] = ()) -> list[FlatRow]:
    return [FlatRow(f, leaf=i in leaves) for i, f in enumerate(figures)]


def test_a_chain_of_equal_rows_is_read_down_when_the_total_says_so():
    # 계 30 = 장 A 20 (= 관 B 20 = 항 C 20 = items 12 + 8) + 장 D 10 (item 10)
    table = rows((20, 18, 2), (20, 18, 2), (20, 18, 2), (12, 10, 2), (8, 8, 0),
                 (10, 10, 0), (10, 10, 0), leaves=(3, 4, 6))
    placed = place((30, 28, 2), table, STEPS, 3, signed=SIGNED)
    assert isinstance(placed, Placed)
    assert placed.parents == (ROOT, 0, 1, 2, 2, ROOT, 5)
    assert [len(placed.path(i)) for i in range(7)] == [1, 2, 3, 4, 4, 1, 2]
    assert placed.path(4) == (0, 1, 2, 4) and 4 not in placed.parents


def test_rows_in_one_label_column_are_placed_by_their_sums_alone():
    # the revenue detail's third page: no column tells a category from an item
    table = rows((7, 5, 2), (3, 2, 1), (4, 3, 1), (2, 2, 0), (2, 2, 0))
    placed = place((9, 7, 2), table, STEPS, 3, signed=SIGNED)
    assert isinstance(placed, Placed)
    assert placed.parents == (ROOT, 0, 0, ROOT, 3)  # 7 = 3 + 4; 9 = 7 + 2; 2 = 2


def test_the_tree_that_leaves_the_least_rounding_wins():
    # in 백만원: 그외수입 822 = 798 + 0 + 24 exactly; 지난년도수입 2 (2,443 천원) holds the next
    # row, 2 (2,443 천원): under 그외수입 it would fit too within one unit per row (824 ≠ 822),
    # but leave 2 units over
    table = rows((822, 971, -149), (798, 775, 23), (0, 176, -176), (24, 19, 5),
                 (2, 3, 0), (2, 3, 0))
    placed = place((824, 974, -149), table, STEPS, 3, signed=SIGNED)
    assert isinstance(placed, Placed) and placed.parents == (ROOT, 0, 0, 0, ROOT, 4)


def test_one_misprinted_column_does_not_change_the_tree():
    # the first item's budget printed 21 for 12: its category still holds it by the previous
    # budget and the change (reconciliation reports the budget)
    table = rows((20, 18, 2), (21, 10, 2), (8, 8, 0), leaves=(1, 2))
    placed = place((20, 18, 2), table, STEPS, 3, signed=SIGNED)
    assert isinstance(placed, Placed) and placed.parents == (ROOT, 0, 0)


def test_two_trees_that_fit_equally_well_name_the_row_and_both_parents():
    # 계 10: A 5, B 5, C 5 — B under A (then C beside A) or C under B (B beside A)
    found = place((10, 10, 0), rows((5, 5, 0), (5, 5, 0), (5, 5, 0)), STEPS, 3, signed=SIGNED)
    assert found == Ambiguous(1, (0, ROOT))


def test_a_row_of_zeros_stays_under_the_innermost_row_that_can_hold_it():
    # nothing tells where a row printing only zeros belongs (under A or under the total): no
    # ambiguity is raised for it; under B, B's only row, it would leave B's 5 unaccounted for
    found = place((5, 5, 0), rows((5, 5, 0), (5, 5, 0), (0, 0, 0)), STEPS, 3, signed=SIGNED)
    assert isinstance(found, Placed) and found.parents == (ROOT, 0, 0)


def test_figures_no_tree_fits_are_unplaced():
    # 20 ≠ 4 + 5 in two columns, far beyond one unit per row
    found = place((20, 20, 0), rows((4, 4, 0), (5, 5, 0)), STEPS, 3, signed=SIGNED)
    assert isinstance(found, Unplaced)


def test_rows_deeper_than_the_levels_allow_are_not_placed_there():
    # three levels of categories and a leaf level: a fifth level does not exist
    table = rows((5, 5, 0), (5, 5, 0), (5, 5, 0), (5, 5, 0), (5, 5, 0))
    assert isinstance(place((5, 5, 0), table, STEPS, 3, signed=SIGNED), Unplaced)
    assert isinstance(place((5, 5, 0), table[:4], STEPS, 3, signed=SIGNED), Placed)


def test_a_table_of_thousands_of_rows_is_placed_row_after_row():
    # 3,000 categories of (30, 20, 10), each over two items (20, 10, 10) and (10, 10, 0): 계
    # is 3,000 × (30, 20, 10) = (90,000, 60,000, 30,000). The search is as deep as the table
    # is long, deeper than Python's recursion allows.
    table = rows(*[(30, 20, 10), (20, 10, 10), (10, 10, 0)] * 3000,
                 leaves=tuple(i for i in range(9000) if i % 3))
    placed = place((90_000, 60_000, 30_000), table, STEPS, 3, signed=SIGNED)
    assert isinstance(placed, Placed)
    assert placed.parents[:6] == (ROOT, 0, 0, ROOT, 3, 3)
    assert placed.parents[-3:] == (ROOT, 8997, 8997)


def test_a_long_table_no_tree_fits_is_given_up_after_a_bounded_search(monkeypatch):
    # 2,000 rows of 100 under a total of 700 (one column, so no sum is pruned early): every
    # row may stand under any open row, and no tree adds up (2,000 × 100 ≠ 700 however they
    # nest). The search stops after _BUDGET tries, each checking at most the open rows
    # (the levels plus the total) — not a number of sums that grows with the rows.
    checked = []
    real = hierarchy.adds_up
    monkeypatch.setattr(hierarchy, "adds_up", lambda *a, **k: checked.append(1) or real(*a, **k))
    found = place((700,), [FlatRow((100,)) for _ in range(2000)], (1,), 3)
    assert isinstance(found, Unplaced)
    assert len(checked) <= (3 + 1) * hierarchy.MAX_TRIES
