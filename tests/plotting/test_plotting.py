"""Charts: Hangul drawn with the bundled font and no glyph warning, one palette, report order."""

from __future__ import annotations

import base64
import re
import warnings
from datetime import date
from pathlib import Path

import matplotlib
import numpy as np
import pytest
from bundled import DEPARTMENTS
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

from seoul_budget import metrics, plotting
from seoul_budget.fonts import korean_font_path


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
    path = korean_font_path()
    assert path is not None and path.name == "NanumGothic.ttf"
    assert "site-packages" in path.parts or "koreanize_matplotlib" in path.parts
    assert path.is_file()


def test_hangul_resolves_to_nanumgothic():
    props = font_manager.FontProperties(family=matplotlib.rcParams["font.family"])
    assert Path(font_manager.findfont(props)).name == "NanumGothic.ttf"
    charmap = FT2Font(str(korean_font_path())).get_charmap()
    for char in "디지털정책관 정원 현원 집행률 억원 △ · 「」":
        assert char == " " or ord(char) in charmap, char


def test_a_missing_glyph_would_be_caught():
    """The strict draw really detects boxes: a character no bundled font has must warn."""
    fig, ax = matplotlib.pyplot.subplots()
    ax.set_title("\u0915")  # Devanagari KA: neither NanumGothic nor DejaVu Sans has it
    with pytest.warns(UserWarning, match="missing from font"):
        fig.canvas.draw()
    plotting.close(fig)


def test_category_colours_are_distinct_and_repeat_after_the_last():
    colours = plotting.CATEGORY_COLORS
    assert len(set(colours)) == len(colours)
    assert plotting.category_color(0) == plotting.category_color(len(colours)) == colours[0]


def test_in_report_order_puts_the_reports_departments_first():
    labels = ["서울기록원", "기타", "디지털정책담당관"]
    assert plotting.in_report_order(labels, DEPARTMENTS) == ["디지털정책담당관", "서울기록원",
                                                             "기타"]


def test_staffing_chart_in_report_order_with_shortages_marked(report):
    shuffled = report.staffing.sample(frac=1, random_state=3)
    fig = plotting.staffing_chart(shuffled)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert [label.split(" (")[0] for label in labels] == list(DEPARTMENTS)
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
    annotations = [t for t in ax.texts if t.get_text()]  # an empty text draws nothing
    assert len(annotations) == int((matrix.to_numpy() != 0).sum())
    assert "29" in [t.get_text() for t in annotations]  # 정보통신보안담당관 방송통신
    assert [t.get_text() for t in ax.get_yticklabels()] == list(DEPARTMENTS)
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


def contrast(colour: str, background: str = "#ffffff") -> float:
    """WCAG contrast ratio of two sRGB colours."""
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    high, low = sorted((luminance(colour), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_colour_that_carries_data_stands_out_from_white():
    assert contrast("#A7B4C2") == pytest.approx(2.11, abs=0.01)  # the old 2022/정원 grey failed
    for name in plotting.DATA_COLORS:
        assert contrast(plotting.PALETTE[name]) >= 3.0, name
    for colour in plotting.CATEGORY_COLORS:
        assert contrast(colour) >= 3.0, colour


def test_a_chart_is_drawn_again_for_a_phone_with_its_labels_above_the_bars(report):
    behind = metrics.behind_pace(report.expenditure, date(2023, 5, 31), 20)
    labels = list(behind["program"] + " · " + behind["department"].astype(str))
    fig = plotting.rate_vs_elapsed(labels, behind["rate"], 41.4, title="집행 부진 사업",
                                   rate_label="집행률", threshold_pp=20)
    narrow = plotting.redraw(fig, plotting.NARROW)
    assert fig.get_figwidth() > 7 and narrow.get_figwidth() == plotting.NARROW.max_width
    wide_ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert [t.replace("\n", " ") for t in wide_ticks] == labels  # beside the bars, wrapped
    assert all(plotting.text_units(line) <= plotting.WIDE.label_units
               for label in wide_ticks for line in label.split("\n"))
    # On a phone the long program names leave the axis to the bars: each sits on its own
    # lines above its bar, across the chart's width, with all its words.
    assert {t.get_text() for t in narrow.axes[0].get_yticklabels()} == {""}
    above = [t.get_text() for t in narrow.axes[0].texts][-len(labels):]  # after the values
    assert [t.replace("\n", " ") for t in above] == labels
    assert all(plotting.text_units(line) <= 2 * plotting.NARROW.label_units
               for label in above for line in label.split("\n"))
    sizes = {t.get_fontsize() for t in narrow.findobj(matplotlib.text.Text) if t.get_text()}
    assert min(sizes) >= plotting.TEXT_SIZE  # 9 pt is 12 px at the chart's drawn width
    departments = plotting.redraw(plotting.staffing_chart(report.staffing), plotting.NARROW)
    assert [t.get_text().split()[0] for t in departments.axes[0].get_yticklabels()] == \
        list(DEPARTMENTS)  # short labels stay beside their bars
    draw_strictly(narrow)
    draw_strictly(fig)
    draw_strictly(departments)


def test_wrapping_keeps_korean_words_whole():
    assert plotting.wrap_text("정보취약계층 정보격차 해소", 14) == "정보취약계층\n정보격차 해소"
    # A word longer than the line is cut where the line ends: there is no space to break at.
    assert plotting.wrap_text("가나다라마바사아자", 8) == "가나다라\n마바사아\n자"


def test_a_chart_describes_its_title_and_main_figures(report):
    fig = plotting.staffing_chart(metrics.staffing_gaps(report.staffing))
    alt = plotting.alt_of(fig)
    assert alt.startswith("부서별 정원 대비 현원.")
    assert "정원 266명, 현원 255명" in alt and "데이터센터 △8명" in alt
    money = plotting.money_bars(["데이터센터", "서울기록원"],
                                {"2023": [54_736_110_000, 5_025_131_000]}, title="예산",
                                unit="억원")
    assert plotting.alt_of(money) == \
        "예산. 막대그림, 항목 2개. 데이터센터 547억원, 서울기록원 50억원."
    plotting.close(fig)
    plotting.close(money)


def test_chart_svg_is_compact_self_contained_and_unique_in_a_page():
    fig = plotting.change_bars(["<b>항목</b>", "나"], [-2000.0, 11.0], title="세입 & 증감",
                               value_label="증감액 (백만원)")
    chart = plotting.chart_output(fig)
    for svg in (chart.wide_svg, chart.narrow_svg):
        assert svg.startswith("<svg") and "<metadata" not in svg and "<?xml" not in svg
        assert "font-family" not in svg and "style=" not in svg  # styles became classes
        assert "&lt;b&gt;항목&lt;/b&gt;" in svg and "<b>" not in svg  # data text stays text
        ids = re.findall(r'id="([^"]+)"', svg)
        assert len(ids) == len(set(ids)) and all(i[0] in "wn" for i in ids)
    assert not set(re.findall(r'id="([^"]+)"', chart.wide_svg)) & set(
        re.findall(r'id="([^"]+)"', chart.narrow_svg))
    assert 'width="360"' in chart.narrow_svg  # 3.75 in at 96 px per inch
    assert chart.width_px == round(fig.get_figwidth() * 96)
    plotting.close(fig)


def test_an_embedded_raster_keeps_its_data_address_intact():
    # The heatmap is vector cells (seaborn's pcolormesh); a raster a chart may still embed
    # (an image, a rasterized artist) keeps its data address while #references get the
    # page-unique prefix.
    fig = matplotlib.figure.Figure(figsize=(2, 2))
    fig.add_subplot().imshow(np.arange(12.0).reshape(3, 4))
    svg = plotting.figure_svg(fig, "raster")
    images = re.findall(r'href="data:image/png;base64,([^"]+)"', svg)
    assert images and all(base64.b64decode(data).startswith(b"\x89PNG") for data in images)
