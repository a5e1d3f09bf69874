"""Server-rendered SVG charts with text labels: no script, no library, legible when printed."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


@dataclass
class Segment:
    label: str
    value: int
    css: str  # a class naming the status, so colour follows the badges
    href: str


def stacked_bar(segments: list[Segment], *, title: str, width: int = 800) -> SafeString:
    """One horizontal bar split by share, every segment a link labelled with its count.

    `width` is the drawing's own; a chart drawn at two widths gets a title id for each.
    """
    total = sum(s.value for s in segments)
    height, bar_h = 64, 30
    parts = []
    x = 0.0
    for seg in segments:
        if not seg.value:
            continue
        w = width * seg.value / total
        label = f"{seg.label}: {seg.value}"
        text = (
            format_html(
                '<text x="{}" y="{}" class="chart-label-in" text-anchor="middle">{}</text>',
                f"{x + w / 2:.1f}",
                bar_h / 2 + 5,
                seg.value,
            )
            if w >= 28
            else ""
        )
        parts.append(
            format_html(
                '<a href="{}" aria-label="{}"><title>{}</title>'
                '<rect x="{}" y="0" width="{}" height="{}" class="seg {}"></rect>{}</a>',
                seg.href,
                label,
                label,
                f"{x:.1f}",
                f"{w:.1f}",
                bar_h,
                seg.css,
                text,
            )
        )
        x += w
    if not total:
        parts.append(
            format_html(
                '<text x="0" y="{}" class="chart-empty">No pledges yet</text>', bar_h / 2 + 5
            )
        )
    legend_y = bar_h + 24
    legend = []
    lx = 0
    for seg in segments:
        if not seg.value:
            continue
        item_w = 16 + 8 * (len(seg.label) + len(str(seg.value)) + 1) + 16
        if lx and lx + item_w > width:  # wrap the legend rather than widen the chart
            lx, legend_y = 0, legend_y + 20
        legend.append(
            format_html(
                '<a href="{}"><rect x="{}" y="{}" width="12" height="12" class="seg {}"></rect>'
                '<text x="{}" y="{}" class="chart-legend">{} {}</text></a>',
                seg.href,
                lx,
                legend_y - 11,
                seg.css,
                lx + 16,
                legend_y,
                seg.label,
                seg.value,
            )
        )
        lx += item_w
    height = legend_y + 8
    view_w = width
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}">'
        '<title id="{}">{}</title>{}{}</svg>',
        view_w,
        height,
        f"{_slug(title)}-{width}",
        f"{_slug(title)}-{width}",
        title,
        mark_safe("".join(parts)),
        mark_safe("".join(legend)),
    )


@dataclass
class Column:
    label: str  # e.g. "Mar 2025"
    stacks: list[Segment]


def stacked_columns(columns: list[Column], *, title: str, width: int = 800) -> SafeString:
    """Vertical stacked columns (e.g. pledges closed per month by outcome), labelled with totals."""
    height, top, bottom = 220, 20, 40
    plot_h = height - top - bottom
    peak = max([sum(s.value for s in c.stacks) for c in columns] + [1])
    slot = width / max(len(columns), 1)
    bar_w = min(44, slot * 0.6)
    parts = [
        format_html(
            '<line x1="0" y1="{}" x2="{}" y2="{}" class="axis"></line>',
            top + plot_h,
            width,
            top + plot_h,
        )
    ]
    for i, column in enumerate(columns):
        cx = slot * i + slot / 2
        y: float = top + plot_h
        total = 0
        for seg in column.stacks:
            if not seg.value:
                continue
            h = plot_h * seg.value / peak
            y -= h
            total += seg.value
            label = f"{column.label}, {seg.label}: {seg.value}"
            parts.append(
                format_html(
                    '<a href="{}" aria-label="{}"><title>{}</title>'
                    '<rect x="{}" y="{}" width="{}" height="{}" class="seg {}"></rect></a>',
                    seg.href,
                    label,
                    label,
                    f"{cx - bar_w / 2:.1f}",
                    f"{y:.1f}",
                    f"{bar_w:.1f}",
                    f"{h:.1f}",
                    seg.css,
                )
            )
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" class="chart-value">{}</text>',
                f"{cx:.1f}",
                f"{y - 5:.1f}",
                total,
            )
        )
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" class="chart-axis">{}</text>',
                f"{cx:.1f}",
                height - bottom + 18,
                column.label,
            )
        )
    outcomes = columns[0].stacks if columns else []
    legend = format_html_join(
        "",
        '<rect x="{}" y="{}" width="12" height="12" class="seg {}"></rect>'
        '<text x="{}" y="{}" class="chart-legend">{}</text>',
        (
            (i * 140, height - 14, seg.css, i * 140 + 16, height - 3, seg.label)
            for i, seg in enumerate(outcomes)
        ),
    )
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}">'
        '<title id="{}">{}</title>{}{}</svg>',
        width,
        height,
        f"{_slug(title)}-{width}",
        f"{_slug(title)}-{width}",
        title,
        mark_safe("".join(parts)),
        legend,
    )


def _slug(title: str) -> str:
    return "chart-" + "".join(ch if ch.isalnum() else "-" for ch in title.lower())
