"""The plan's reader notes (services.words), shared by the CLI text and the web page."""

from __future__ import annotations

from typing import Any

from coursestack.services.words import reading_notes


def _result(**extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "objective": "balanced",
        "steps": [{"course_id": "a", "track": 0}],
        "total_hours": 51.0,
        "total_cost": 49.0,
        "cost_unknown_steps": 0,
        "coverage": {"before": 0.38, "after": 0.75},
        "alternatives": [],
        "learner": {},
    }
    return {**base, **extra}


def _alt(name: str, hours: float, cost: float, coverage: float = 0.75) -> dict[str, Any]:
    totals = {"hours": hours, "cost": cost, "cost_unknown": 0, "coverage_after": coverage,
              "weeks": hours / 6}  # fmt: skip
    return {"name": name, "course_ids": ["b"], "totals": totals}


def test_a_shorter_plan_of_the_same_coverage_and_cost_is_said_with_what_the_hours_buy() -> None:
    notes = dict(reading_notes(_result(alternatives=[_alt("fastest", 41, 49)])))
    assert "'fastest' reaches the same coverage in 41 h (10 h less)" in notes["trade"]
    assert "objective 'fastest' takes the other" in notes["trade"]
    assert "preferred way" not in notes["trade"]  # no preference stated
    # dearer, or less coverage, or hardly shorter: nothing to say
    for alt in (_alt("fastest", 41, 98), _alt("fastest", 41, 49, 0.7), _alt("fastest", 50.5, 49)):
        assert "trade" not in dict(reading_notes(_result(alternatives=[alt])))


def test_the_note_names_only_what_the_learner_asked_for_and_a_cheaper_alternative() -> None:
    learner = {"pedagogy": "code-first", "needs": ["portfolio"]}
    notes = dict(reading_notes(_result(learner=learner, alternatives=[_alt("fastest", 41, 0)])))
    assert "for less money" in notes["trade"]
    assert "taught your preferred way" in notes["trade"] and "ending in projects" in notes["trade"]
