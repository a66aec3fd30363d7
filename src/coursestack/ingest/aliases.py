"""Load the curated tagging knowledge (knowledge/tagging_aliases.yaml) and build the default
tagger: alias automaton + fuzzy fallback, no model downloads."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from coursestack import knowledge
from coursestack.engine.matcher import SkillMatcher, normalise
from coursestack.engine.tagging import Tagger
from coursestack.engine.taxonomy import Taxonomy


def _curated() -> dict[str, Any]:
    text = resources.files(knowledge).joinpath("tagging_aliases.yaml").read_text("utf-8")
    data = knowledge.load_yaml(text) or {}
    if not isinstance(data, dict):
        raise ValueError("tagging_aliases.yaml must be a mapping")
    return data


@cache
def default_taxonomy() -> Taxonomy:
    return Taxonomy.build(knowledge.skills())


def _translated(data: dict[str, Any], taxonomy: Taxonomy) -> dict[str, Any]:
    """`data` with each translation (`translations`: {English phrase: [phrases]}) given its
    English phrase's roles: the same skills as an alias, and the same entries in `labels`,
    `prose_excluded`, `weak_labels`, `generic`, `ambiguous`, `context` (as a gated phrase and as
    a cue) and `title_fields`. An English phrase in none of them is an error (a typo would translate
    nothing)."""
    pairs = [
        (normalise(str(en)), normalise(str(f)))
        for en, foreign in (data.get("translations") or {}).items()
        for f in foreign or ()
    ]
    if not pairs:
        return data
    skills_of: dict[str, set[str]] = {}
    for skill in taxonomy.skills.values():
        for phrase in (skill.name, *skill.aliases):
            skills_of.setdefault(normalise(phrase), set()).add(skill.id)
    for skill_id, phrases in (data.get("aliases") or {}).items():
        for phrase in phrases:
            skills_of.setdefault(normalise(phrase), set()).add(skill_id)
    dropped = {normalise(a) for a in data.get("dropped_aliases") or ()}
    out = dict(data)
    aliases = {k: list(v) for k, v in (data.get("aliases") or {}).items()}
    labels = {normalise(k): list(v or ()) for k, v in (data.get("labels") or {}).items()}
    sets = {
        key: {normalise(p) for p in data.get(key) or ()}
        for key in ("prose_excluded", "weak_labels", "generic", "ambiguous")
    }
    context = {
        normalise(k): [normalise(c) for c in v] for k, v in (data.get("context") or {}).items()
    }
    fields = {normalise(k): list(v) for k, v in (data.get("title_fields") or {}).items()}
    for english, foreign in pairs:
        known = False
        if english in skills_of and english not in dropped:
            for skill_id in sorted(skills_of[english]):
                aliases.setdefault(skill_id, []).append(foreign)
            known = True
        if english in labels:
            labels.setdefault(foreign, labels[english])
            known = True
        for members in sets.values():
            if english in members:
                members.add(foreign)
                known = True
        if english in context:
            context.setdefault(foreign, list(context[english]))
            known = True
        if any(english in cues for cues in context.values()):
            known = True  # a context cue: translated below, for every gated phrase
        if english in fields:
            fields.setdefault(foreign, fields[english])
            known = True
        if not known:
            raise ValueError(f"tagging_aliases.yaml translations: unknown phrase {english!r}")
    for cues in context.values():
        for english, foreign in pairs:
            if english in cues and foreign not in cues:
                cues.append(foreign)
    out.update(aliases=aliases, labels=labels, context=context, title_fields=fields)
    out.update({key: sorted(members) for key, members in sets.items()})
    return out


@cache
def default_tagger() -> Tagger:
    taxonomy = default_taxonomy()
    data = _translated(_curated(), taxonomy)
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
    ambiguous = frozenset(normalise(a) for a in data.get("ambiguous") or ())
    unknown_phrases = sorted(ambiguous - matcher.phrases.keys())
    if unknown_phrases:
        raise ValueError(f"tagging_aliases.yaml ambiguous: unknown phrases {unknown_phrases}")
    return Tagger(
        matcher,
        taxonomy,
        requires,
        weak,
        generic,
        conflicts,
        context,
        languages,
        readings,
        fields,
        ambiguous,
    )
