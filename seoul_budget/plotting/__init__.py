"""Charts for the section notebooks: one style (``style``: Korean font, palette, axes helpers,
applied by :func:`use_style`), layouts for the widths a page shows (``layout``), the charts
themselves (``charts``; ``months`` for charts over snapshots), their descriptions
(``describe``) and their page form (``figures``)."""

from .charts import (
    RATE_AXIS_MAX,
    change_bars,
    grouped_bars,
    heatmap,
    money_bars,
    monthly_line,
    progress_bars,
    rate_vs_elapsed,
    stacked_shares,
    staffing_chart,
)
from .figures import chart_output, figure_svg
from .layout import (
    NARROW,
    WIDE,
    Layout,
    alt_of,
    label_width,
    redraw,
    text_units,
    wrap_text,
)
from .months import rates_by_month
from .style import (
    CATEGORY_COLORS,
    DATA_COLORS,
    PALETTE,
    SEQUENTIAL_CMAP,
    TEXT_SIZE,
    category_color,
    close,
    contrast_ratio,
    in_report_order,
    legend_below,
    number_axis,
    percent_axis,
    scale_money,
    text_color_on,
    use_style,
)

__all__ = [
    "CATEGORY_COLORS", "DATA_COLORS", "Layout", "NARROW", "PALETTE", "RATE_AXIS_MAX",
    "SEQUENTIAL_CMAP", "TEXT_SIZE", "WIDE", "alt_of", "change_bars", "chart_output", "close",
    "category_color", "contrast_ratio", "figure_svg", "grouped_bars", "heatmap",
    "in_report_order", "label_width", "legend_below", "money_bars", "monthly_line",
    "number_axis", "percent_axis", "progress_bars", "rate_vs_elapsed", "rates_by_month",
    "redraw", "scale_money", "stacked_shares", "staffing_chart", "text_color_on", "text_units",
    "use_style", "wrap_text",
]
