"""Load the curated tagging knowledge (knowledge/tagging_aliases.yaml) and build the default
tagger: alias automaton + fuzzy fallback, no model downloads."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from coursestack import knowledge
from coursestack.engine.matcher import SkillMatcher, normalise
from coursestack.engine.tagging import Tagger
from coursestack.engine.taxonomy import Taxonomy


def _curated() -> dict[str, Any]:
    text = resources.files(knowledge).joinpath("tagging_aliases.yaml").read_text("utf-8")
    data = yaml.safe_load(text) or {}
    if not isinstance(data, dict):
        raise ValueError("tagging_aliases.yaml must be a mapping")
    return data


@cache
def default_taxonomy() -> Taxonomy:
    return Taxonomy.build(knowledge.skills())


@cache
def default_tagger() -> Tagger:
    data = _curated()
    taxonomy = default_taxonomy()
    matcher = SkillMatcher.build(
        taxonomy,
        data.get("aliases") or {},
        labels=data.get("labels") or {},
        prose_excluded=data.get("prose_excluded") or (),
        dropped_aliases=data.get("dropped_aliases") or (),
        blocked=data.get("blocked") or (),
    )
    requires = {k: list(v) for k, v in (data.get("requires") or {}).items()}
    for skill_id, needs in requires.items():
        for sid in (skill_id, *needs):
            if sid not in taxonomy:
                raise ValueError(f"tagging_aliases.yaml requires: unknown skill {sid!r}")
    conflicts = {k: list(v) for k, v in (data.get("title_conflicts") or {}).items()}
    for skill_id, rivals in conflicts.items():
        for sid in (skill_id, *rivals):
            if sid not in taxonomy:
                raise ValueError(f"tagging_aliases.yaml title_conflicts: unknown skill {sid!r}")
    weak = frozenset(normalise(w) for w in data.get("weak_labels") or ())
    generic = frozenset(normalise(g) for g in data.get("generic") or ())
    context = {
        normalise(phrase): frozenset(normalise(c) for c in cues)
        for phrase, cues in (data.get("context") or {}).items()
    }
    languages = frozenset(data.get("languages") or ())
    for sid in languages:
        if sid not in taxonomy:
            raise ValueError(f"tagging_aliases.yaml languages: unknown skill {sid!r}")
    readings: dict[str, tuple[str, str]] = {}
    for sid, (area, reading) in (data.get("area_readings") or {}).items():
        for check in (sid, reading):
            if check not in taxonomy:
                raise ValueError(f"tagging_aliases.yaml area_readings: unknown skill {check!r}")
        readings[sid] = (str(area), str(reading))
    categories = {s.category for s in taxonomy.skills.values()}
    fields: dict[str, frozenset[str]] = {}
    for phrase, areas in (data.get("title_fields") or {}).items():
        unknown = set(areas) - categories
        if unknown:
            raise ValueError(f"tagging_aliases.yaml title_fields: unknown areas {sorted(unknown)}")
        fields[normalise(phrase)] = frozenset(areas)
    return Tagger(
        matcher, taxonomy, requires, weak, generic, conflicts, context, languages, readings, fields
    )
