"""The skill graph: lookup by id / alias / name, prerequisite closure, topological order."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from graphlib import CycleError, TopologicalSorter

from rapidfuzz import fuzz, process

from coursestack.domain import AmbiguousError, InvalidInputError, Level, NotFoundError, Skill

_SEP = re.compile(r"[\s_\-/]+")


# A misspelling of a skill name scores 83-97 against it (pandsa, pyton, kubernetis); a skill
# outside the taxonomy at most 73 against its nearest name (Google Analytics ~ text analytics).
TYPO_SCORE = 80
SUGGEST_SPREAD = 15.0  # suggestions within this WRatio of the closest


def normalize_name(text: str) -> str:
    """Case- and separator-insensitive key: 'Linear-Algebra' == 'linear algebra'."""
    return _SEP.sub(" ", text.strip().lower()).strip()


@dataclass
class Taxonomy:
    skills: dict[str, Skill]
    _by_name: dict[str, set[str]] = field(default_factory=dict, repr=False)
    # Computed once: every plan reads it, and a taxonomy is not edited once built.
    _order: tuple[str, ...] | None = field(default=None, repr=False)
    # A dotted id's broader skill ('ml.supervised.xgboost' -> 'ml.supervised'), where the
    # taxonomy has it.
    parent_of: dict[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, skills: Iterable[Skill]) -> Taxonomy:
        table = {s.id: s for s in skills}
        tax = cls(skills=table)
        for s in table.values():
            for key in (s.id, s.name, *s.aliases):
                tax._by_name.setdefault(normalize_name(key), set()).add(s.id)
        # The last id segment ('python' for 'prog.python') is a free alias when unambiguous.
        for s in table.values():
            tail = normalize_name(s.id.rsplit(".", 1)[-1])
            tax._by_name.setdefault(tail, set()).add(s.id)
        for sid in table:
            head = sid.rsplit(".", 1)[0]
            if head != sid and head in table:
                tax.parent_of[sid] = head
        tax.check()
        return tax

    def check(self) -> None:
        """Every prerequisite and implied skill exists, and the prerequisite graph is
        acyclic."""
        for s in self.skills.values():
            for p in s.prerequisites:
                if p.skill not in self.skills:
                    raise InvalidInputError(f"skill {s.id}: unknown prerequisite {p.skill!r}")
                if p.skill == s.id:
                    raise InvalidInputError(f"skill {s.id} lists itself as a prerequisite")
            for o in s.implies:
                if o.skill not in self.skills or o.skill == s.id:
                    raise InvalidInputError(f"skill {s.id}: cannot imply {o.skill!r}")
        try:
            self.topological_order()
        except CycleError as err:
            raise InvalidInputError(f"skill prerequisites form a cycle: {err.args[1]}") from err

    def __contains__(self, skill_id: object) -> bool:
        return skill_id in self.skills

    def __getitem__(self, skill_id: str) -> Skill:
        return self.skills[skill_id]

    def topological_order(self) -> tuple[str, ...]:
        """Skill ids, prerequisites first."""
        if self._order is None:
            graph = {s.id: {p.skill for p in s.prerequisites} for s in self.skills.values()}
            self._order = tuple(TopologicalSorter(graph).static_order())
        return self._order

    def lookup(self, text: str) -> str | None:
        """The one skill an id, name or alias names; None when none or several do (no
        suggestions computed: the fuzzy search for them costs milliseconds)."""
        if text in self.skills:
            return text
        hits = self._by_name.get(normalize_name(text), set())
        return next(iter(hits)) if len(hits) == 1 else None

    def resolve(self, text: str) -> str:
        """Skill id for an id, name or alias; NotFoundError (with suggestions) otherwise."""
        if text in self.skills:
            return text
        hits = self._by_name.get(normalize_name(text), set())
        if len(hits) == 1:
            return next(iter(hits))
        if len(hits) > 1:
            raise AmbiguousError("skill", text, sorted(hits))
        raise NotFoundError("skill", text, self.suggest(text))

    def misspells(self, text: str) -> bool:
        """Whether `text`, naming no skill, reads as a misspelt skill name or alias ('pyton',
        'tableu', 'machine learnig': whole-name similarity >= TYPO_SCORE) rather than a skill
        the taxonomy does not track ('Google Analytics', 'React', 'Figma': <= 73)."""
        found = process.extractOne(normalize_name(text), list(self._by_name), scorer=fuzz.ratio)
        return found is not None and found[1] >= TYPO_SCORE

    def suggest(self, text: str, limit: int = 5) -> list[str]:
        """Skill ids whose names or aliases are closest to `text`."""
        choices = list(self._by_name)
        found = process.extract(normalize_name(text), choices, limit=limit * 2)
        # names far behind the closest share a few letters by chance ('exel' listed testing
        # and software engineering after Excel)
        floor = found[0][1] - SUGGEST_SPREAD if found else 0.0
        out: list[str] = []
        for name, score, _ in found:
            if score < floor:
                break
            for sid in sorted(self._by_name[name]):
                if sid not in out:
                    out.append(sid)
        return out[:limit]

    def prerequisites_of(self, skill_id: str) -> dict[str, Level]:
        """Direct prerequisites with the level each needs."""
        return {p.skill: p.level for p in self.skills[skill_id].prerequisites}

    def closure(self, skill_ids: Sequence[str]) -> set[str]:
        """The skills and all their transitive prerequisites."""
        seen: set[str] = set()
        stack = list(skill_ids)
        while stack:
            sid = stack.pop()
            if sid in seen:
                continue
            seen.add(sid)
            stack.extend(p.skill for p in self.skills[sid].prerequisites)
        return seen
