"""Server-side SVG charts: pure functions from plan data to an SVG string.

Every piece of text is XML-escaped here, so templates may insert the result unescaped.
Colours come from CSS classes (static/style.css) with presentation-attribute fallbacks; no
inline style attributes, so the pages' Content-Security-Policy can forbid them."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

LEVEL_LABELS = ("none", "aware", "practised", "applied", "production")
WEIGHT_LABELS = {3: "core", 2: "important", 1: "useful"}
# Twelve hues: the real catalogs mix nine or more platforms in one plan, and a repeated colour
# made two platforms look like one.
PALETTE = (
    "#3b6ea8", "#d4803a", "#4f9a6a", "#a8508f", "#7a6fb8", "#b8a23a",
    "#4a9bb0", "#a85a4a", "#6b7f2e", "#d0607a", "#1f5f5b", "#8c8c8c",
)  # fmt: skip
FONT = 12
LABEL_CHARS = 40


# Characters XML 1.0 forbids even when escaped (control characters, lone surrogates).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _t(text: object) -> str:
    return escape(_NOT_XML.sub("", str(text)), quote=True)


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _clip(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _level(value: Any) -> int:
    level: int = min(4, max(0, int(value)))
    return level


def _week_ticks(total: float, max_ticks: int = 12) -> list[int]:
    if total <= 0:
        return [0]
    raw = total / max_ticks
    step = next(s for s in (1, 2, 4, 5, 8, 10, 13, 26, 52, 104, 260, 520, 10**9) if s >= raw)
    return [w for w in range(0, math.ceil(total) + 1, step) if w <= total]


def _svg_open(width: float, height: float, title: str, css_class: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {css_class}" role="img" '
        f'width="{_num(width)}" height="{_num(height)}" viewBox="0 0 {_num(width)} {_num(height)}" '
        f'aria-label="{_t(title)}" font-family="system-ui, sans-serif" font-size="{FONT}">'
        f"<title>{_t(title)}</title>"
    )


def _legend(names: Sequence[str], left: int, right: int) -> tuple[list[str], int]:
    """Colour keys for `names`, wrapped onto as many rows as the width needs."""
    out: list[str] = []
    lx, row = left, 0
    for i, name in enumerate(names):
        item_w = 28 + 7 * len(name)
        if lx + item_w > right and lx > left:
            lx, row = left, row + 1
        y = 8 + 18 * row
        colour = i % len(PALETTE)
        out.append(
            f'<rect class="c{colour}" x="{lx}" y="{y}" width="12" height="12" rx="2" '
            f'fill="{PALETTE[colour]}"/>'
            f'<text x="{lx + 16}" y="{y + 10}" fill="#333">{_t(name)}</text>'
        )
        lx += item_w
    return out, 20 + 18 * row


def timeline_svg(
    steps: Sequence[Mapping[str, Any]],
    total_weeks: float | None = None,
    *,
    width: int = 900,
    label_width: int = 290,
    row_height: int = 26,
) -> str:
    """A Gantt chart of the plan's calendar: one row per step, a bar from its start week to
    its end week, coloured by platform. `steps` carry title, platform, start_week, end_week
    (and optionally course_id, hours)."""
    bottom, right = 34, 24
    end = max([float(total_weeks or 0)] + [float(s["end_week"]) for s in steps] + [1.0])
    plot_w = width - label_width - right

    def x(week: float) -> float:
        return label_width + plot_w * float(week) / end

    platforms: list[str] = []
    for s in steps:
        if str(s.get("platform", "")) not in platforms:
            platforms.append(str(s.get("platform", "")))
    legend, legend_h = _legend(platforms, label_width, width - right)
    top = legend_h + 12
    height = top + bottom + max(1, len(steps)) * row_height
    title = f"Plan timeline: {len(steps)} courses over {_num(end)} weeks"
    out = [_svg_open(width, height, title, "timeline")]
    for week in _week_ticks(end):
        xx = x(week)
        out.append(
            f'<line class="grid" x1="{_num(xx)}" y1="{top - 6}" x2="{_num(xx)}" '
            f'y2="{height - bottom + 4}" stroke="#ddd"/>'
            f'<text class="tick" x="{_num(xx)}" y="{height - bottom + 18}" '
            f'text-anchor="middle" fill="#555">{week}</text>'
        )
    out.append(
        f'<text class="axis-label" x="{_num(label_width + plot_w / 2)}" y="{height - 2}" '
        f'text-anchor="middle" fill="#333">week</text>'
    )
    if not steps:
        out.append(
            f'<text x="{_num(label_width + plot_w / 2)}" y="{top + row_height / 2 + 4}" '
            f'text-anchor="middle" fill="#555">no courses in this plan</text>'
        )
    for i, step in enumerate(steps):
        y = top + i * row_height
        start, stop = float(step["start_week"]), float(step["end_week"])
        colour = platforms.index(str(step.get("platform", ""))) % len(PALETTE)
        full = str(step.get("title", step.get("course_id", "")))
        tip = f"{full} ({step.get('platform', '')}): weeks {_num(start)}–{_num(stop)}" + (
            f", {_num(float(step['hours']))} h" if step.get("hours") is not None else ""
        )
        out.append(
            f'<g class="step" data-course="{_t(step.get("course_id", ""))}">'
            f"<title>{_t(tip)}</title>"
            f'<text class="label" x="{label_width - 8}" y="{_num(y + row_height / 2 + 4)}" '
            f'text-anchor="end" fill="#222">{_t(_clip(full))}</text>'
            f'<rect class="bar c{colour}" x="{_num(x(start))}" y="{y + 4}" '
            f'width="{_num(max(2.0, x(stop) - x(start)))}" height="{row_height - 8}" rx="3" '
            f'fill="{PALETTE[colour]}"/></g>'
        )
    out.extend(legend)
    out.append("</svg>")
    return "".join(out)


def coverage_svg(
    rows: Sequence[Mapping[str, Any]],
    *,
    width: int = 900,
    label_width: int = 290,
    row_height: int = 24,
) -> str:
    """Role requirements against the learner before and after the plan: per skill, the
    required level (outlined), the level held before (light bar) and after (dark bar), on
    the 0-4 level scale. `rows` carry name (or skill), need, before, after, weight."""
    top, bottom, right = 34, 30, 140
    plot_w = width - label_width - right
    height = top + bottom + max(1, len(rows)) * row_height

    def x(level: float) -> float:
        return label_width + plot_w * float(level) / 4.0

    met_before = sum(1 for r in rows if _level(r["before"]) >= _level(r["need"]))
    met_after = sum(1 for r in rows if _level(r["after"]) >= _level(r["need"]))
    title = (
        f"Skill coverage: {met_before} of {len(rows)} requirements met before the plan, "
        f"{met_after} after"
    )
    out = [_svg_open(width, height, title, "coverage")]
    legend = (("need", "required level"), ("before", "before"), ("after", "after the plan"))
    lx = label_width
    for cls, text in legend:
        out.append(
            f'<rect class="{cls}" x="{lx}" y="8" width="14" height="12" '
            + (
                'fill="none" stroke="#222" stroke-dasharray="3 2"/>'
                if cls == "need"
                else f'fill="{"#b9cde3" if cls == "before" else "#3b6ea8"}"/>'
            )
            + f'<text x="{lx + 19}" y="18" fill="#333">{_t(text)}</text>'
        )
        lx += 40 + 7 * len(text)
    for level, name in enumerate(LEVEL_LABELS):
        xx = x(level)
        out.append(
            f'<line class="grid" x1="{_num(xx)}" y1="{top - 4}" x2="{_num(xx)}" '
            f'y2="{height - bottom + 2}" stroke="#ddd"/>'
            f'<text class="tick" x="{_num(xx)}" y="{height - bottom + 16}" text-anchor="middle" '
            f'fill="#555">{level} {name}</text>'
        )
    if not rows:
        out.append(
            f'<text x="{_num(label_width + plot_w / 2)}" y="{top + row_height / 2 + 4}" '
            f'text-anchor="middle" fill="#555">no requirements</text>'
        )
    for i, row in enumerate(rows):
        y = top + i * row_height
        need, before, after = (_level(row[k]) for k in ("need", "before", "after"))
        name = str(row.get("name") or row.get("skill", ""))
        weight = WEIGHT_LABELS.get(int(row.get("weight", 0)), "")
        status = "met" if after >= need else "gap"
        tip = (
            f"{name} ({row.get('skill', '')}, {weight}): need {need} {LEVEL_LABELS[need]}, "
            f"before {before} {LEVEL_LABELS[before]}, after {after} {LEVEL_LABELS[after]}"
        )
        bar_h = (row_height - 8) / 2
        mark = ("✓ met" if status == "met" else "✗ gap") + (f" · {weight}" if weight else "")
        mark_fill = "#2e7d32" if status == "met" else "#b3261e"
        out.append(
            f'<g class="skill {status}" data-skill="{_t(row.get("skill", ""))}">'
            f"<title>{_t(tip)}</title>"
            f'<text class="label" x="{label_width - 8}" y="{_num(y + row_height / 2 + 4)}" '
            f'text-anchor="end" fill="#222">{_t(_clip(name))}</text>'
            f'<rect class="need" x="{_num(x(0))}" y="{y + 2}" width="{_num(x(need) - x(0))}" '
            f'height="{row_height - 4}" fill="none" stroke="#222" stroke-dasharray="3 2"/>'
            f'<rect class="before" x="{_num(x(0))}" y="{y + 4}" '
            f'width="{_num(x(before) - x(0))}" height="{_num(bar_h)}" fill="#b9cde3"/>'
            f'<rect class="after" x="{_num(x(0))}" y="{_num(y + 4 + bar_h)}" '
            f'width="{_num(x(after) - x(0))}" height="{_num(bar_h)}" fill="#3b6ea8"/>'
            f'<text class="status {status}" x="{_num(x(4) + 10)}" '
            f'y="{_num(y + row_height / 2 + 4)}" fill="{mark_fill}">{_t(mark)}</text></g>'
        )
    out.append("</svg>")
    return "".join(out)


def bars_svg(
    items: Sequence[tuple[str, float]],
    *,
    title: str,
    unit: str = "",
    width: int = 640,
    label_width: int = 200,
    row_height: int = 22,
) -> str:
    """A plain horizontal bar chart of (label, value) pairs."""
    top, bottom, right = 10, 10, 70
    plot_w = width - label_width - right
    height = top + bottom + max(1, len(items)) * row_height
    peak = max([v for _l, v in items] + [1e-9])
    out = [_svg_open(width, height, title, "bars")]
    for i, (label, value) in enumerate(items):
        y = top + i * row_height
        w = plot_w * value / peak if peak > 0 else 0
        out.append(
            f"<g><title>{_t(label)}: {_t(_num(value))}{_t(unit)}</title>"
            f'<text class="label" x="{label_width - 8}" y="{y + row_height / 2 + 4}" '
            f'text-anchor="end" fill="#222">{_t(_clip(label, 30))}</text>'
            f'<rect class="bar c0" x="{label_width}" y="{y + 3}" width="{_num(max(w, 1.0))}" '
            f'height="{row_height - 6}" fill="{PALETTE[0]}"/>'
            f'<text x="{_num(label_width + w + 6)}" y="{y + row_height / 2 + 4}" fill="#333">'
            f"{_t(_num(value))}{_t(unit)}</text></g>"
        )
    out.append("</svg>")
    return "".join(out)
