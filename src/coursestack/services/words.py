"""Sentences a plan's reader sees, the same in the CLI and on the web page: how the plan read
the learner (completed courses, levels taken as held or inferred, skills not tracked) and
its low-yield steps. Built from the plan's JSON (`advise.plan_for_case`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


def hours_text(hours: float | None) -> str:
    """'92 h', '7.5 h', '—' for unknown."""
    return "—" if hours is None else f"{hours:.0f} h" if hours >= 10 else f"{hours:.1f} h"


def untracked_words(rows: Sequence[Mapping[str, Any]]) -> str | None:
    """The skills the learner named that the taxonomy does not track, or None."""
    if not rows:
        return None
    named = ", ".join(f"{row['name']} {row['level']}" for row in rows)
    return f"Not tracked (outside the skill taxonomy; they count toward no goal): {named}."


def reading_notes(
    result: Mapping[str, Any], implied_shown: int | None = None
) -> list[tuple[str, str]]:
    """(kind, sentence) in reading order: 'completed', 'certificate', 'portfolio' (for a
    learner needing them), 'assumed' (one per skill),
    'low_yield', 'tracks', 'pedagogy', 'untracked', 'implied' (at most `implied_shown` levels
    named, the rest counted)."""
    learner = result["learner"]
    out: list[tuple[str, str]] = []
    done = learner.get("completed", [])
    if done:
        out.append(("completed", f"Completed, as read: {'; '.join(c['title'] for c in done)}."))
    needs = learner.get("needs", [])
    steps = result.get("steps", [])
    if "certificate" in needs:
        out.append(("certificate", certificate_line(steps)))
    if "portfolio" in needs:
        out.append(("portfolio", portfolio_line(steps)))
    for held in learner.get("assumed", []):
        out.append((
            "assumed",
            f"Taken as held: {held['name']} at level {held['level']} (school level); add it to "
            "your skills at 0 if you do not hold it.",
        ))  # fmt: skip
    tail = result.get("low_yield")
    if tail:
        one = len(tail["titles"]) == 1
        points = (result["coverage"]["after"] - tail["coverage_without"]) * 100
        out.append((
            "low_yield",
            f"Low-yield steps: {'; '.join(tail['titles'])} {'takes' if one else 'take'} "
            f"{hours_text(tail['hours'])} for {points:.1f} points of coverage; without "
            f"{'it' if one else 'them'} the plan reaches {tail['coverage_without']:.0%} in "
            f"{hours_text(result['total_hours'] - tail['hours'])}.",
        ))  # fmt: skip
    trade = _shorter_alternative(result)
    if trade:
        out.append(("trade", trade))
    if any(step.get("track", 0) for step in result.get("steps", [])):
        out.append((
            "tracks",
            "Where steps overlap in weeks, two run side by side, your weekly hours split "
            "between them.",
        ))  # fmt: skip
    against = result.get("against_pedagogy") or []
    if against:
        out.append((
            "pedagogy",
            f"Taught the way you did not ask for ({learner.get('pedagogy')} preferred): "
            f"{'; '.join(against)} — no course of your preferred style reaches the same "
            "coverage in your limits.",
        ))  # fmt: skip
    untracked = untracked_words(learner.get("untracked", []))
    if untracked:
        out.append(("untracked", untracked))
    implied = learner.get("implied", [])
    if implied:
        cap = len(implied) if implied_shown is None else implied_shown
        shown = ", ".join(f"{row['name']} {row['level']}" for row in implied[:cap])
        more = len(implied) - cap
        out.append((
            "implied",
            f"Inferred from your skills and completed courses: {shown}"
            f"{f' and {more} more (--json)' if more > 0 else ''}; state a skill's level to "
            "override it.",
        ))  # fmt: skip
    return out


def _shorter_alternative(result: Mapping[str, Any]) -> str | None:
    """When an alternative reaches the same coverage in fewer hours at no higher cost, what
    the plan's extra hours buy (a 51 h plan beside a 41 h 'fastest' one at the same price
    read as a mistake): the balanced objective weighs ratings, teaching style and topic too."""
    hours, cost = float(result["total_hours"]), float(result["total_cost"])
    after = float(result["coverage"]["after"])
    best: Mapping[str, Any] | None = None
    for alt in result.get("alternatives", []):
        t = alt["totals"]
        if (
            abs(float(t["coverage_after"]) - after) < 1e-4
            and float(t["cost"]) <= cost + 0.5
            and int(t.get("cost_unknown", 0)) <= int(result.get("cost_unknown_steps", 0))
            and float(t["hours"]) < hours - 1.0
            and (best is None or float(t["hours"]) < float(best["totals"]["hours"]))
        ):
            best = alt
    if best is None or not result.get("steps"):
        return None
    fewer = hours - float(best["totals"]["hours"])
    dearer = float(best["totals"]["cost"]) < cost - 0.5
    price = "for less money" if dearer else "at no higher cost"
    learner = result.get("learner", {})
    buys = ["courses rated higher"]
    if learner.get("pedagogy"):
        buys.append("taught your preferred way")
    needs = learner.get("needs", [])
    if "portfolio" in needs:
        buys.append("ending in projects")
    if "certificate" in needs:
        buys.append("giving certificates")
    buys.append("closer to the goal's subjects")
    what = ", ".join(buys[:-1]) + " or " + buys[-1]
    return (
        f"'{best['name']}' reaches the same coverage in {hours_text(best['totals']['hours'])} "
        f"({hours_text(fewer)} less) {price}; this plan spends those hours on {what}, as its "
        f"'{result.get('objective', 'balanced')}' objective weighs them (objective "
        f"'{best['name']}' takes the other)."
    )


def portfolio_line(steps: Sequence[Mapping[str, Any]]) -> str:
    """For a learner who needs portfolio work: which steps end in projects of their own."""
    made = [s["title"] for s in steps if s.get("hands_on") in ("independent-projects", "capstone")]
    unknown = sum(1 for s in steps if s.get("hands_on") is None)
    line = f"You need portfolio work: {len(made)} of {len(steps)} steps end in a project"
    if made:
        line += f" ({'; '.join(made)})"
    if unknown:
        line += f"; the catalog does not say for {unknown}"
    return line + "."


def certificate_line(steps: Sequence[Mapping[str, Any]]) -> str:
    """For a learner who needs certificates: which steps give one (verified tracks counted)."""
    give = sum(1 for s in steps if s.get("certificate") not in (None, "none"))
    none = [s["title"] for s in steps if s.get("certificate") == "none"]
    unknown = sum(1 for s in steps if s.get("certificate") is None)
    line = f"You need certificates: {give} of {len(steps)} steps give one"
    if none:
        line += f"; none from {', '.join(none)}"
    if unknown:
        line += f"; the catalog does not say for {unknown}"
    audit = any(str(s.get("cost_basis") or "").startswith("free to audit") for s in steps)
    if audit:  # said only where a step is one: beside a plan costing nothing it read as false
        line += " (free-to-audit courses are counted at their verified certificate's price)"
    return line + "."
