"""Charts for the section notebooks: one style (``style``: Korean font, palette, axes helpers,
applied by :func:`use_style`) and the charts themselves (``charts``; ``months`` for charts
over snapshots)."""

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
from .months import rates_by_month
from .style import (
    DEPARTMENT_COLORS,
    FONT_FALLBACK,
    FONT_FAMILY,
    PALETTE,
    SEQUENTIAL_CMAP,
    STYLE,
    close,
    department_color,
    font_path,
    in_report_order,
    label_width,
    legend_below,
    number_axis,
    percent_axis,
    register_fonts,
    scale_money,
    use_style,
)

__all__ = [
    "DEPARTMENT_COLORS", "FONT_FALLBACK", "FONT_FAMILY", "PALETTE", "RATE_AXIS_MAX",
    "SEQUENTIAL_CMAP", "STYLE", "change_bars", "close", "department_color", "font_path",
    "grouped_bars", "heatmap", "in_report_order", "label_width", "legend_below", "money_bars",
    "monthly_line", "number_axis", "percent_axis", "progress_bars", "rate_vs_elapsed",
    "rates_by_month",
    "register_fonts", "scale_money", "stacked_shares", "staffing_chart", "use_style",
]
