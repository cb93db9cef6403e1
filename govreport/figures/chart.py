"""A trend as an inline SVG line chart: no script, the line in the text's own colour (so dark mode, high contrast and
print keep it readable), a marker and a direct label at each point, and a sentence that says the trend in words."""

from __future__ import annotations

from markupsafe import Markup, escape

from . import Trend, number

WIDTH, HEIGHT, PAD_X, TOP, BOTTOM = 600, 300, 70, 60, 60
MARKERS = ("circle", "square", "diamond")


def trend_words(trend: Trend) -> str:
    """The trend in one sentence: each year's value, then the change from first to last."""
    points = trend.points
    values = "，".join(f"{p.year} 年 {number(p.value)} {trend.unit}" for p in points)
    first, last = points[0].value, points[-1].value
    if last == first:
        change = "持平"
    else:
        direction = "上升" if last > first else "下降"
        change = f"{direction} {number(abs(last - first))} {trend.unit}"
        if first:
            change += f"（{number(round(abs(last - first) / abs(first) * 100, 1))}%）"
    return f"{trend.label}：{values}；{points[0].year} 年至 {points[-1].year} 年{change}。"


def trend_svg(trend: Trend, label_id: str) -> Markup:
    """The chart; `label_id` is the id of the element holding trend_words, which names the image."""
    points = trend.points
    low, high = min(0.0, *(p.value for p in points)), max(p.value for p in points) or 1.0
    span = (high - low) or 1.0
    step = (WIDTH - 2 * PAD_X) / max(len(points) - 1, 1)
    xy = [
        (PAD_X + i * step, TOP + (HEIGHT - TOP - BOTTOM) * (1 - (p.value - low) / span)) for i, p in enumerate(points)
    ]
    path = " ".join(f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(xy))
    base = HEIGHT - BOTTOM
    parts = [
        f'<svg class="trend-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{label_id}" '
        'focusable="false">',
        f'<line class="axis" x1="{PAD_X / 2}" y1="{base}" x2="{WIDTH - PAD_X / 2}" y2="{base}"/>',
        f'<path class="trend-line" d="{path}"/>',
    ]
    for (x, y), point in zip(xy, points):
        parts.append(f'<circle class="trend-marker" cx="{x:.1f}" cy="{y:.1f}" r="9"/>')
        value = escape(f"{number(point.value)} {trend.unit}")
        parts.append(f'<text class="trend-value" x="{x:.1f}" y="{y - 20:.1f}" text-anchor="middle">{value}</text>')
        parts.append(f'<text class="trend-year" x="{x:.1f}" y="{base + 38}" text-anchor="middle">{point.year}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
