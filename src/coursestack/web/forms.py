"""The learner form of the home page -> the learner data the advisor services take."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from coursestack.api.schemas import LearnerIn
from coursestack.domain import InvalidInputError

_ITEM = re.compile(r"^(?P<name>.+?)\s*[:=]?\s*(?P<level>-?\d+)$")


def parse_skills(text: str) -> dict[str, int]:
    """`python: 2, linear algebra: 1` (commas or new lines; `:`, `=` or a space before the
    level) -> {name: level}. Names are resolved (ids or aliases) by the services."""
    skills: dict[str, int] = {}
    for raw in re.split(r"[,\n;]+", text):
        item = raw.strip()
        if not item:
            continue
        match = _ITEM.match(item)
        if match is None:
            raise InvalidInputError(
                f"skills: {item!r} needs a level 0-4, e.g. 'python: 2' (0 none, 1 aware, "
                "2 practised, 3 applied, 4 production)"
            )
        level = int(match["level"])
        if not 0 <= level <= 4:
            raise InvalidInputError(f"skills: level of {match['name']!r} must be 0-4, got {level}")
        skills[match["name"].strip()] = level
    return skills


def _number(form: Mapping[str, str], key: str, label: str) -> float | None:
    raw = (form.get(key) or "").strip()
    if not raw:
        return None
    try:
        return float(raw)
    except ValueError:
        raise InvalidInputError(f"{label}: {raw!r} is not a number") from None


def learner_from_form(
    form: Mapping[str, str], lists: Mapping[str, Sequence[str]]
) -> dict[str, Any]:
    """Validated learner data from the form fields (`lists` holds multi-valued fields)."""
    data: dict[str, Any] = {"skills": parse_skills(form.get("skills", ""))}
    completed = [c.strip() for c in re.split(r"[\n;]+", form.get("completed", "")) if c.strip()]
    if completed:
        data["completed"] = completed
    for key in ("goal", "pedagogy", "pace"):
        text = (form.get(key) or "").strip()
        if text:
            data[key] = text
    for key, label in (
        ("hours_per_week", "hours per week"),
        ("budget", "budget"),
        ("deadline_weeks", "deadline"),
    ):
        value = _number(form, key, label)
        if value is not None:
            data[key] = value
    if "hours_per_week" not in data:
        raise InvalidInputError("hours per week: how many hours a week can you study?")
    if lists.get("platforms"):
        data["platforms"] = list(lists["platforms"])
    languages = [x.strip() for x in re.split(r"[,;\s]+", form.get("languages") or "") if x.strip()]
    if languages:
        data["languages"] = languages
    if lists.get("needs"):
        data["needs"] = list(lists["needs"])
    try:
        return LearnerIn.model_validate(data).learner_data()
    except ValidationError as err:
        parts = []
        for e in err.errors():
            where = ".".join(str(x) for x in e["loc"]).replace("_", " ")
            parts.append(f"{where}: {e['msg']}")
        raise InvalidInputError("; ".join(parts)) from err
