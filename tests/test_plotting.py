"""Charts: Hangul drawn with the bundled font and no glyph warning, one palette, report order."""

from __future__ import annotations

import warnings
from datetime import date
from pathlib import Path

import matplotlib
import numpy as np
import pytest
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

import seoul_budget as sb
from seoul_budget import metrics, plotting


@pytest.fixture(autouse=True)
def chart_style():
    """Charts are drawn in the project's style (nb.setup applies it in a notebook)."""
    plotting.use_style()


def draw_strictly(fig) -> None:
    """Render a figure with every warning an error (a missing glyph warns at draw time)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.canvas.draw()
    plotting.close(fig)


def texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_text()]


def test_the_korean_font_ships_with_the_python_dependencies():
    path = Path(plotting.font_path())
    assert path.name == "NanumGothic.ttf"
    assert "site-packages" in path.parts or "koreanize_matplotlib" in path.parts
    assert path.is_file()


def test_hangul_resolves_to_nanumgothic():
    props = font_manager.FontProperties(family=matplotlib.rcParams["font.family"])
    assert Path(font_manager.findfont(props)).name == "NanumGothic.ttf"
    charmap = FT2Font(plotting.font_path()).get_charmap()
    for char in "디지털정책관 정원 현원 집행률 억원 △ · 「」":
        assert char == " " or ord(char) in charmap, char


def test_a_missing_glyph_would_be_caught():
    """The strict draw really detects boxes: a character no bundled font has must warn."""
    fig, ax = matplotlib.pyplot.subplots()
    ax.set_title("\u0915")  # Devanagari KA: neither NanumGothic nor DejaVu Sans has it
    with pytest.warns(UserWarning, match="missing from font"):
        fig.canvas.draw()
    plotting.close(fig)


def test_department_colours_are_distinct_and_in_report_order():
    assert list(plotting.DEPARTMENT_COLORS) == list(sb.DEPARTMENTS)
    assert len(set(plotting.DEPARTMENT_COLORS.values())) == len(sb.DEPARTMENTS)
    assert plotting.department_color("없는 부서") == plotting.PALETTE["secondary"]


def test_in_report_order_puts_departments_first():
    labels = ["서울기록원", "기타", "디지털정책담당관"]
    assert plotting.in_report_order(labels) == ["디지털정책담당관", "서울기록원", "기타"]


def test_staffing_chart_in_report_order_with_shortages_marked(report):
    shuffled = report.staffing.sample(frac=1, random_state=3)
    fig = plotting.staffing_chart(shuffled)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert [label.split(" (")[0] for label in labels] == list(sb.DEPARTMENTS)
    assert "데이터센터 (△8)" in labels  # printed 과부족 △8
    assert ax.get_xlabel() == "인원 (명)"
    assert fig.get_suptitle() == "부서별 정원 대비 현원"
    draw_strictly(fig)


def test_money_bars_scale_to_the_unit_on_the_axis():
    fig = plotting.money_bars(["데이터센터"], {"2023": [54_736_110_000]}, title="예산",
                              unit="억원")
    ax = fig.axes[0]
    assert ax.get_xlabel() == "금액 (억원)"
    assert ax.patches[0].get_width() == pytest.approx(547.3611)
    draw_strictly(fig)


def test_number_axis_prints_triangles_for_negatives():
    fig, ax = matplotlib.pyplot.subplots()
    plotting.number_axis(ax, "x")
    formatter = ax.xaxis.get_major_formatter()
    assert formatter(-2500, 0) == "△2,500"
    assert formatter(1500, 0) == "1,500"
    plotting.close(fig)


def test_rate_vs_elapsed_colours_programs_behind_pace():
    elapsed = metrics.year_elapsed_pct(date(2023, 5, 31))
    fig = plotting.rate_vs_elapsed(["가", "나", "다", "라"], [0.0, 25.0, 50.0, 659.9], elapsed,
                                   title="집행률", rate_label="집행률 (원인행위)",
                                   threshold_pp=20)
    ax = fig.axes[0]
    bars = ax.containers[0]
    colours = [matplotlib.colors.to_hex(b.get_facecolor()) for b in bars]
    accent = plotting.PALETTE["accent"].lower()
    assert colours == [accent, plotting.PALETTE["primary"].lower(),
                       plotting.PALETTE["primary"].lower(), plotting.PALETTE["primary"].lower()]
    # An out-of-range printed rate stays on the chart with its true label.
    assert bars[3].get_width() == plotting.RATE_AXIS_MAX
    assert "▶ 659.9%" in texts(fig)
    assert "연간 경과율 41.4%" in [t.get_text() for t in fig.legends[0].get_texts()]
    draw_strictly(fig)


def test_heatmap_labels_only_nonzero_cells(report):
    matrix = metrics.headcount_matrix(report.staffing_by_category)
    fig = plotting.heatmap(matrix, title="부서별 직종별 현원", value_label="현원 (명)")
    ax = fig.axes[0]
    annotations = [t for t in ax.texts]
    assert len(annotations) == int((matrix.to_numpy() != 0).sum())
    assert "29" in [t.get_text() for t in annotations]  # 정보통신보안담당관 방송통신
    assert [t.get_text() for t in ax.get_yticklabels()] == list(sb.DEPARTMENTS)
    draw_strictly(fig)


def test_change_bars_show_notes_and_signs():
    fig = plotting.change_bars(["스마트챌린지", "위탁비반환수입"], [-2000.0, 11.199],
                               title="세입 증감", value_label="증감액 (백만원)",
                               notes=["전액 감소", "순증"])
    labels = texts(fig)
    assert "△2,000 (전액 감소)" in labels
    assert "11 (순증)" in labels
    draw_strictly(fig)


def test_stacked_shares_and_progress_and_monthly_line_draw_cleanly():
    figs = [
        plotting.stacked_shares(["디지털정책담당관"], {"지출": [93.1], "이월": [2.5],
                                                      "집행잔액": [4.4]}, title="결산"),
        plotting.progress_bars(["누적 방문수"], [58_696], [200_000], title="목표", unit="명",
                               elapsed=41.4),
        plotting.monthly_line(["2023-01", "2023-02"], [13_097, 14_013], title="월 방문수",
                              value_label="방문수 (명)", period_labels=["1월", "2월"],
                              average=13_555, average_label="월평균"),
    ]
    assert "누적 방문수\n58,696명 / 200,000명" in texts(figs[1])  # 58,696 ÷ 200,000 = 29.3%
    assert "29.3%" in texts(figs[1])
    assert "13,097" in texts(figs[2])
    for fig in figs:
        draw_strictly(fig)


def test_label_width_counts_hangul_double():
    assert plotting.label_width(["가나"]) == pytest.approx(plotting.label_width(["abcd"]))
    assert plotting.label_width([]) == 0


def test_scale_money_handles_missing_values():
    out = plotting.scale_money([100_000_000, None], "억원")
    assert out[0] == 1.0
    assert np.isnan(out[1])
