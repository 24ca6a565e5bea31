"""seoul_budget.parse.duties: a department's duties from the HTML list of its cell. The
cells are written by hand in the template's shape ('<ul> · a · b')."""

from __future__ import annotations

from seoul_budget.parse.duties import duty_lines


def test_each_bullet_is_one_duty_with_tags_dropped_and_entities_read():
    cell = "<ul><li>· 디지털 정책 수립</li><li>· 데이터 &amp; AI 기반 행정</li></ul>"
    assert duty_lines(cell) == ["디지털 정책 수립", "데이터 & AI 기반 행정"]


def test_a_middle_dot_between_words_is_not_a_bullet():
    assert duty_lines("· 민·관 협력 추진 · 스마트도시  조성") == \
        ["민·관 협력 추진", "스마트도시 조성"]


def test_an_empty_cell_has_no_duty():
    assert duty_lines("<ul></ul>") == []
