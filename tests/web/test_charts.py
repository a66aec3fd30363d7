"""SVG charts: well-formed XML for any text (everything escaped), bars where the data says."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from coursestack.web import charts

NS = "{http://www.w3.org/2000/svg}"
texts = st.text(min_size=0, max_size=60)


@st.composite
def steps(draw: st.DrawFn) -> list[dict[str, object]]:
    out = []
    for _ in range(draw(st.integers(0, 8))):
        start = draw(st.floats(0, 100, allow_nan=False))
        out.append(
            {
                "course_id": draw(st.from_regex(r"[a-z0-9<>&\"'-]{1,20}", fullmatch=True)),
                "title": draw(texts),
                "platform": draw(st.sampled_from(["coursera", "<edx>", 'fast"ai', "&"])),
                "start_week": start,
                "end_week": start + draw(st.floats(0, 50, allow_nan=False)),
                "hours": draw(st.none() | st.floats(0, 500, allow_nan=False)),
            }
        )
    return out


@given(steps())
def test_timeline_is_well_formed_with_one_bar_per_step(plan: list[dict[str, object]]) -> None:
    svg = charts.timeline_svg(plan)
    root = ET.fromstring(svg)  # raises on any unescaped text
    groups = root.findall(f"{NS}g")
    assert len(groups) == len(plan)
    for group, step in zip(groups, plan, strict=True):
        assert group.get("data-course") == step["course_id"]
    assert "<script" not in svg


def test_timeline_bars_sit_at_their_weeks() -> None:
    plan = [
        {"course_id": "a", "title": "A", "platform": "x", "start_week": 0, "end_week": 5},
        {"course_id": "b", "title": "B", "platform": "y", "start_week": 5, "end_week": 10},
    ]
    root = ET.fromstring(charts.timeline_svg(plan, 10, width=400, label_width=100))
    bars = [g.find(f"{NS}rect") for g in root.findall(f"{NS}g")]
    xs = [(float(b.get("x", 0)), float(b.get("width", 0))) for b in bars if b is not None]
    assert xs[0][0] == 100 and xs[1][0] == xs[0][0] + xs[0][1]  # b starts where a ends
    assert bars[0] is not None and bars[1] is not None
    assert bars[0].get("class") != bars[1].get("class")  # two platforms, two colours


@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "skill": texts,
                "name": texts,
                "need": st.integers(1, 4),
                "before": st.integers(0, 4),
                "after": st.integers(0, 4),
                "weight": st.integers(1, 3),
            }
        ),
        max_size=12,
    )
)
def test_coverage_is_well_formed_and_marks_gaps(rows: list[dict[str, object]]) -> None:
    root = ET.fromstring(charts.coverage_svg(rows))
    groups = root.findall(f"{NS}g")
    assert len(groups) == len(rows)
    for group, row in zip(groups, rows, strict=True):
        met = int(row["after"]) >= int(row["need"])  # type: ignore[call-overload]
        assert (group.get("class") or "").endswith("met" if met else "gap")


def test_coverage_bar_lengths_follow_levels() -> None:
    rows = [{"skill": "s", "name": "S", "need": 4, "before": 1, "after": 3, "weight": 3}]
    root = ET.fromstring(charts.coverage_svg(rows, width=500, label_width=100))
    rects = {r.get("class"): float(r.get("width", 0)) for r in root.iter(f"{NS}rect")}
    assert rects["after"] == 3 * rects["before"] and rects["need"] == 4 * rects["before"]


def test_text_is_escaped() -> None:
    svg = charts.bars_svg([("<script>alert(1)</script>", 3.0)], title="a & b")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    ET.fromstring(svg)
