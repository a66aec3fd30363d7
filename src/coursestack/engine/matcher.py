"""Text -> taxonomy skills: exact aliases through an Aho-Corasick automaton on word
boundaries, and a fuzzy fallback (rapidfuzz) for whole skill-list entries.

Pure: it receives the taxonomy and any extra aliases; it reads no files. Text is normalised
the same way for aliases and for the text searched (lower case, accents dropped, every run of
characters other than letters, digits, '+' and '#' turned into one space), and both are
padded with spaces, so a match always starts and ends on a word boundary ('r' never matches
inside 'error'; 'c++' keeps its pluses). Overlapping matches keep the longest span:
'supervised machine learning' yields supervised learning, not also 'machine learning'.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache

import ahocorasick
from rapidfuzz import fuzz, process

from coursestack.engine.taxonomy import Taxonomy

_NON_WORD = re.compile(r"[^0-9a-z+#]+")
FUZZY_CUTOFF = 92.0  # rapidfuzz ratio (0-100) a skill-list entry needs to count as an alias
FUZZY_MIN_LENGTH = 6  # short labels ('sql', 'aws') are never matched fuzzily


@lru_cache(maxsize=65536)
def _normalise_cached(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NON_WORD.sub(" ", ascii_text.lower()).strip()


def normalise(text: str) -> str:
    """'Scikit-Learn (ML)' -> 'scikit learn ml'; 'A/B Testing' -> 'a b testing'."""
    if len(text) > 512:  # long prose is not worth caching
        ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        return _NON_WORD.sub(" ", ascii_text.lower()).strip()
    return _normalise_cached(text)


def _fuzzy_compatible(label: str, phrase: str) -> bool:
    """A near-spelling is the same name only when symbols and short words agree: 'c
    programming' is not 'c++ programming', 'r programming' not 'go programming'."""
    if any(label.count(ch) != phrase.count(ch) for ch in "+#"):
        return False
    short_label = {w for w in label.split() if len(w) <= 2}
    short_phrase = {w for w in phrase.split() if len(w) <= 2}
    return short_label == short_phrase


@dataclass(frozen=True)
class SkillMatch:
    skill: str
    phrase: str  # the normalised alias (or label) that matched
    field: str  # which part of the course: title, skills, description, syllabus, ...
    score: float  # 100 for an exact alias, the fuzzy ratio otherwise
    start: int = 0  # offset of the phrase in the normalised field text
    end: int = 0


def _plural(phrase: str) -> str | None:
    """The regular plural of a multi-word alias ('data lake' -> 'data lakes'), or None when
    the alias is one word or its last word does not take a plain -s/-es."""
    words = phrase.split()
    last = words[-1] if words else ""
    if len(words) < 2 or len(last) < 3 or not last.isalpha() or last.endswith(("s", "y", "ing")):
        return None
    suffix = "es" if last.endswith(("x", "ch", "sh")) else "s"
    return f"{phrase}{suffix}"


@dataclass
class SkillMatcher:
    """Build once per taxonomy (`SkillMatcher.build`), then match any number of texts."""

    phrases: dict[str, frozenset[str]]  # normalised alias -> skill ids
    prose_excluded: frozenset[str] = frozenset()
    labels: dict[str, tuple[str, ...]] = field(default_factory=dict)  # whole-label overrides
    # phrases that are other words and hide every alias they overlap: 'cutting-edge AI' is
    # not edge AI
    blocked: frozenset[str] = frozenset()
    _automaton: ahocorasick.Automaton | None = field(default=None, repr=False)
    _choices: list[str] = field(default_factory=list, repr=False)
    _by_length: dict[int, list[int]] = field(default_factory=dict, repr=False)
    _label_cache: dict[str, list[SkillMatch]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(
        cls,
        taxonomy: Taxonomy,
        extra_aliases: Mapping[str, Iterable[str]] | None = None,
        *,
        labels: Mapping[str, Iterable[str]] | None = None,
        prose_excluded: Iterable[str] = (),
        dropped_aliases: Iterable[str] = (),
        blocked: Iterable[str] = (),
    ) -> SkillMatcher:
        """Aliases: every skill's name and aliases, plus `extra_aliases` {skill: [phrase]}.

        `labels` maps whole skill-list entries (noisy dump labels) to skills, [] meaning
        "ignore this label". `prose_excluded` phrases count in titles and skill lists but
        not in descriptions (too ambiguous in prose: 'forecasting', 'classification').
        `dropped_aliases` are never used (taxonomy aliases that mislead on real catalogs).
        `blocked` phrases match nothing and cancel any alias span they overlap."""
        dropped = {normalise(a) for a in dropped_aliases}
        table: dict[str, set[str]] = {}

        def add(phrase: str, skill_id: str) -> None:
            key = normalise(phrase)
            if key and key not in dropped:
                table.setdefault(key, set()).add(skill_id)

        for skill in taxonomy.skills.values():
            add(skill.name, skill.id)
            for alias in skill.aliases:
                add(alias, skill.id)
        for skill_id, phrases in (extra_aliases or {}).items():
            if skill_id not in taxonomy:
                raise ValueError(f"extra alias for unknown skill {skill_id!r}")
            for phrase in phrases:
                add(phrase, skill_id)
        # 'data lakes', 'decision trees': a multi-word alias names its plural too (prose says
        # what a course covers in the plural); an explicit alias of that spelling wins
        excluded = {normalise(p) for p in prose_excluded}
        for key, skill_ids in list(table.items()):
            plural = _plural(key)
            if plural and plural not in table and plural not in dropped:
                table[plural] = set(skill_ids)
                if key in excluded:
                    excluded.add(plural)
        label_table: dict[str, tuple[str, ...]] = {}
        for label, ids in (labels or {}).items():
            ids = tuple(ids)
            for skill_id in ids:
                if skill_id not in taxonomy:
                    raise ValueError(f"label {label!r} maps to unknown skill {skill_id!r}")
            label_table[normalise(label)] = ids
        matcher = cls(
            phrases={k: frozenset(v) for k, v in table.items()},
            prose_excluded=frozenset(excluded),
            labels=label_table,
            blocked=frozenset(k for k in (normalise(b) for b in blocked) if k),
        )
        matcher._compile()
        return matcher

    def _compile(self) -> None:
        automaton = ahocorasick.Automaton()
        for phrase in (*self.phrases, *self.blocked):
            automaton.add_word(f" {phrase} ", phrase)
        automaton.make_automaton()
        self._automaton = automaton
        self._choices = [p for p in self.phrases if len(p) >= FUZZY_MIN_LENGTH]
        self._by_length = {}
        for i, p in enumerate(self._choices):
            self._by_length.setdefault(len(p), []).append(i)

    # ------------------------------------------------------------ matching

    def _spans(self, norm: str) -> list[tuple[int, int, str]]:
        """Longest non-contained alias spans in normalised text: (start, end, phrase)."""
        if not norm or self._automaton is None:
            return []
        padded = f" {norm} "
        found: list[tuple[int, int, str]] = []
        for end_index, phrase in self._automaton.iter(padded):
            end = end_index  # index of the trailing space in `padded`
            start = end - len(phrase) - 1  # index of the leading space
            found.append((start, end - 1, phrase))
        if self.blocked:
            stops = [s for s in found if s[2] in self.blocked]
            if stops:
                found = [
                    s
                    for s in found
                    if s[2] not in self.blocked
                    and not any(b[0] < s[1] and s[0] < b[1] for b in stops)
                ]
        if len(found) < 2:
            return found
        # Drop spans contained in a longer span (longest match wins).
        found.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        kept: list[tuple[int, int, str]] = []
        for span in found:
            if any(k[0] <= span[0] and span[1] <= k[1] for k in kept):
                continue
            kept.append(span)
        return kept

    def match_text(self, text: str, field_name: str, *, prose: bool = True) -> list[SkillMatch]:
        """Every alias occurrence in `text`. With `prose=True` (descriptions, syllabi), the
        phrases listed as too ambiguous for prose are skipped."""
        norm = normalise(text)
        out: list[SkillMatch] = []
        for start, end, phrase in self._spans(norm):
            if prose and phrase in self.prose_excluded:
                continue
            for skill_id in sorted(self.phrases[phrase]):
                out.append(SkillMatch(skill_id, phrase, field_name, 100.0, start, end))
        return out

    def _near_in_length(self, n: int) -> list[str]:
        """The fuzzy choices that can reach FUZZY_CUTOFF against a text of length n, in their
        usual order (so ties resolve as over all choices). ratio = 1 - d / (n + m) with the
        edit distance d >= |n - m|, so |n - m| <= (1 - cutoff) (n + m): m within
        n (1 -+ c) / (1 +- c) for c = 1 - cutoff; a little wider for rounding."""
        c = 1.0 - FUZZY_CUTOFF / 100.0
        lo = int(n * (1.0 - c) / (1.0 + c)) - 1
        hi = int(n * (1.0 + c) / (1.0 - c)) + 1
        near = sorted(i for m in range(lo, hi + 1) for i in self._by_length.get(m, ()))
        return [self._choices[i] for i in near]

    def match_label(self, label: str, field_name: str = "skills") -> list[SkillMatch]:
        """Skills for one skill-list entry: the curated label table first (which may say
        "nothing"), then the whole entry as an alias, then aliases inside it, then a fuzzy
        match of the whole entry against the aliases."""
        norm = normalise(label)
        cached = self._label_cache.get(norm)
        if cached is not None:
            # the cache is keyed by the label alone: the field is the caller's (a label seen
            # first in a short list must not keep 'skills' when it comes in a long one)
            if all(m.field == field_name for m in cached):
                return cached
            return [replace(m, field=field_name) for m in cached]
        result: list[SkillMatch]
        if norm in self.labels:
            result = [
                SkillMatch(s, norm, field_name, 100.0, 0, len(norm)) for s in self.labels[norm]
            ]
        elif norm in self.phrases:
            result = [
                SkillMatch(s, norm, field_name, 100.0, 0, len(norm))
                for s in sorted(self.phrases[norm])
            ]
        else:
            result = self.match_text(norm, field_name, prose=False)
            if not result and len(norm) >= FUZZY_MIN_LENGTH and self._choices:
                best = process.extractOne(
                    norm, self._near_in_length(len(norm)), scorer=fuzz.ratio,
                    score_cutoff=FUZZY_CUTOFF,
                )  # fmt: skip
                if best is not None and _fuzzy_compatible(norm, best[0]):
                    phrase, score = best[0], float(best[1])
                    result = [
                        SkillMatch(s, phrase, field_name, score, 0, len(norm))
                        for s in sorted(self.phrases[phrase])
                    ]
        self._label_cache[norm] = result
        return result
