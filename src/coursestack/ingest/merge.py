"""One course seen in several sources becomes one course.

Identity: the canonical URL when the course has one; otherwise the platform, the normalised
title and the normalised provider. A URL-less course also joins a course with a URL whose
platform+title+provider key is the same. Two courses with different URLs merge only when they
are one page under two addresses (`same_page`): the same platform and normalised title of at
least SAME_PAGE_WORDS words, and one URL's last segment ends the other's (edX's old
`/course/<slug>` and new `/learn/<topic>/<org>-<slug>`; an old slug cut at 50 characters
counts when it is long and starts a word of the other) or one URL is off the platform's site
(a curated entry keyed by the course's own site, cs50.harvard.edu/ai, beside its edX page);
the provider may be spelt two ways ('MITx', 'Massachusetts Institute of Technology'). Six
curated edX courses stood twice in the catalog, once with the dump's tags.

Field merge by source priority (lower rank wins; see SOURCE_RANK):
  0 curated catalog (hand-checked)
  1 detailed dumps: coursera-detailed, edx, openedx, and coursestack exports
  2 sparser dumps: coursera-programs, udemy, generic files
  3 sparse dumps: coursera-domains, coursera-votes
A missing value is always filled from any source; a present value is replaced only by a
strictly better-ranked source (ties and unknown sources keep what is there, so imports are
order-stable and idempotent). A language inferred from text (`rule:language-from-text`) ranks
below every stated one: a source stating the language replaces it, whatever its rank.
teaches/assumes: a curated course keeps its own lists; imported courses take the union, with
the higher level. `sources` and field provenance are kept from
every source."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from coursestack.domain import Course, CourseKind, Effort, Level, Price
from coursestack.engine.tagging import DENIED_PREFIX, TEACH_THRESHOLD, WEAK_PREFIX
from coursestack.ingest.fields import canonical_url, normalise_title
from coursestack.ingest.language import LANGUAGE_RULE

SOURCE_RANK: dict[str, int] = {
    "curated": 0,
    "coursera-detailed": 1,
    "edx": 1,
    "openedx": 1,
    "export": 1,
    "coursera-programs": 2,
    "udemy": 2,
    "generic": 2,
    "generic-json": 2,
    "generic-jsonl": 2,
    "coursera-domains": 3,
    "coursera-votes": 3,
}
UNKNOWN_RANK = 1  # a source from an earlier session whose format we no longer know
INFERRED_OFFSET = 10  # added to the rank of a value inferred from text: below any stated one

MERGED_FIELDS = (
    "title",
    "provider",
    "url",
    "kind",
    "level",
    "effort",
    "price",
    "certificate",
    "pedagogy",
    "hands_on",
    "data_realism",
    "language",
    "year_updated",
    "external_rating",
    "popularity",
    "description",
    "parts",
    "parts_total",
)
_SOURCE_IN_PROVENANCE = re.compile(r"^([^\s:#]+\.(?:csv|jsonl?|tsv))[:#]", re.IGNORECASE)

RankOf = Callable[[str], int]
_LIST_FIELDS = {"skills", "skills-long"}


def url_key(course: Course) -> str | None:
    return canonical_url(course.url) if course.url else None


def title_key(course: Course) -> str:
    """Platform + normalised title + normalised provider: the identity of a URL-less course."""
    title, provider = normalise_title(course.title), normalise_title(course.provider or "")
    return f"{course.platform}|{title}|{provider}"


def name_key(course: Course) -> str:
    """Platform + normalised title (no provider): where to look for one page under two URLs."""
    return f"{course.platform}|{normalise_title(course.title)}"


SAME_PAGE_WORDS = 3  # titles this long are specific enough to name one course per platform
# the platform's own site, by platform id, for the off-site test
PLATFORM_HOSTS = {"edx": "edx.org", "coursera": "coursera.org", "udemy": "udemy.com"}


def same_page(a: Course, b: Course) -> bool:
    """Whether two courses with different URLs, same platform and same normalised title are
    one course: a specific title, and slugs where one ends the other, or one URL off the
    platform's site (see the module docstring)."""
    if a.platform != b.platform or len(normalise_title(a.title).split()) < SAME_PAGE_WORDS:
        return False
    ua, ub = url_key(a), url_key(b)
    if ua is None or ub is None:
        return False
    host = PLATFORM_HOSTS.get(a.platform)
    if host is not None and (not ua.startswith(host + "/")) != (not ub.startswith(host + "/")):
        return True  # one is the course's own site, the other its platform page
    sa, sb = ua.rsplit("/", 1)[-1], ub.rsplit("/", 1)[-1]
    return _slug_within(sa, sb) or _slug_within(sb, sa)


# edX's old /course/ slugs stop at 50 characters, mid-word or mid-title (197 of the edX
# dump's 978 slugs are exactly this long; none is longer than 77)
TRUNCATED_SLUG = 50


def _slug_within(long: str, short: str) -> bool:
    """`short` ends `long` after a '-' (edX's <org>-<slug>), or, cut at TRUNCATED_SLUG
    characters, stands in `long` from a word's start to a word's end: the old slug truncated
    ('machine-learning-with-python-from-linear-models-to' inside
    'massachusetts-institute-of-technology-machine-learning-with-python-from-linear-models-to-
    deep-learning')."""
    if long.endswith("-" + short):
        return True
    return len(short) == TRUNCATED_SLUG and ("-" + long).find("-" + short + "-") >= 0


def _is_unset(course: Course, name: str) -> bool:
    value: object = getattr(course, name)
    if value is None or value == [] or value == "":
        return True
    if name == "kind":
        return bool(value == CourseKind.COURSE and "kind" not in course.provenance)
    if name == "effort":
        return value == Effort()
    if name == "price":
        return value == Price()
    return False


def _inferred(course: Course, name: str) -> int:
    """INFERRED_OFFSET when `course.<name>` was inferred from text, else 0."""
    return INFERRED_OFFSET if course.provenance.get(name, "").startswith(LANGUAGE_RULE) else 0


def field_rank(course: Course, name: str, rank_of: RankOf) -> int:
    """Rank of the source that set `course.<name>`: the file named in its provenance, else the
    curated catalog when the course is curated, else the course's first source; a value
    inferred from text ranks INFERRED_OFFSET lower."""
    found = _SOURCE_IN_PROVENANCE.match(course.provenance.get(name, ""))
    if found:
        return rank_of(found.group(1))
    if course.curated:
        return _inferred(course, name)
    rank = rank_of(course.sources[0]) if course.sources else UNKNOWN_RANK
    return rank + _inferred(course, name)


def _course_rank(course: Course, rank_of: RankOf) -> int:
    return min((rank_of(s) for s in course.sources), default=UNKNOWN_RANK)


def merge_courses(existing: Course, incoming: Course, rank_of: RankOf) -> tuple[Course, list[str]]:
    """`existing` updated with `incoming`; the names of the fields that took incoming values."""
    data: dict[str, Any] = existing.model_dump()
    provenance = dict(existing.provenance)
    taken: list[str] = []
    incoming_rank = _course_rank(incoming, rank_of)
    for name in MERGED_FIELDS:
        if _is_unset(incoming, name):
            continue
        new_value = getattr(incoming, name)
        if getattr(existing, name) == new_value:
            continue
        rank = incoming_rank + _inferred(incoming, name)
        if _is_unset(existing, name) or rank < field_rank(existing, name, rank_of):
            data[name] = new_value
            if name in incoming.provenance:
                provenance[name] = incoming.provenance[name]
            else:
                provenance.pop(name, None)
            taken.append(name)
    curated_lists = existing.curated and bool(existing.teaches)
    if not curated_lists:
        for relation in ("teaches", "assumes"):
            merged = dict(getattr(existing, relation))
            for skill, level in getattr(incoming, relation).items():
                if level > merged.get(skill, 0):
                    merged[skill] = level
                    key = f"{relation}.{skill}"
                    if key in incoming.provenance:
                        provenance[key] = incoming.provenance[key]
                    if relation not in taken:
                        taken.append(relation)
            data[relation] = merged
        _corroborate(existing, incoming, data, provenance, taken)
        # a source whose text says the course does not teach a skill ('not intended to teach
        # you Python') outweighs another source's evidence for it: a title-only row of the
        # same course re-reads the title the described row has already judged
        for key, value in incoming.provenance.items():
            if key.startswith(DENIED_PREFIX):
                provenance.setdefault(key, value)
        for key in list(provenance):
            if key.startswith(DENIED_PREFIX):
                skill = key[len(DENIED_PREFIX) :]
                if data["teaches"].pop(skill, None) is not None:
                    provenance.pop(f"teaches.{skill}", None)
                    if "teaches" not in taken:
                        taken.append("teaches")
        # an assumption below the taught level is where the course starts (an advanced
        # course raising its own main skill, engine/tagging.py); one at or above it is one
        # the course cannot raise, and goes
        for skill in list(data["assumes"]):
            if skill in data["teaches"] and data["assumes"][skill] >= data["teaches"][skill]:
                del data["assumes"][skill]
                provenance.pop(f"assumes.{skill}", None)
    data["sources"] = list(dict.fromkeys([*existing.sources, *incoming.sources]))
    data["provenance"] = provenance
    data["id"] = existing.id
    return Course.model_validate(data), taken


def _weak_entries(course: Course) -> dict[str, tuple[int, int, str, str]]:
    out: dict[str, tuple[int, int, str, str]] = {}
    for key, value in course.provenance.items():
        if not key.startswith(WEAK_PREFIX):
            continue
        parts = value.split("|", 3)
        if len(parts) == 4 and parts[0].isdigit() and parts[1].isdigit():
            out[key[len(WEAK_PREFIX) :]] = (int(parts[0]), int(parts[1]), parts[2], parts[3])
    return out


def _corroborate(
    existing: Course,
    incoming: Course,
    data: dict[str, Any],
    provenance: dict[str, str],
    taken: list[str],
) -> None:
    """Rule: evidence too weak on its own in each of two different sources (a long skill list
    here, one prose mention there) adds up; at the tagging threshold the skill is taught,
    with both sources named in its provenance."""
    mine = _weak_entries(existing)
    for skill, (score, level, source, where) in _weak_entries(incoming).items():
        if skill in data["teaches"]:
            provenance.pop(f"{WEAK_PREFIX}{skill}", None)
            continue
        other = mine.get(skill)
        if other is None:
            key = f"{WEAK_PREFIX}{skill}"
            provenance.setdefault(key, incoming.provenance[key])
            continue
        both_lists = all(w.split(":", 1)[0] in _LIST_FIELDS for w in (other[3], where))
        if other[2] == source or both_lists or other[0] + score < TEACH_THRESHOLD:
            continue  # two skill lists of one platform page are one piece of evidence
        data["teaches"][skill] = Level(max(level, other[1]))
        provenance[f"teaches.{skill}"] = (
            f"rule:corroborated({other[2]} {other[3]} + {source} {where})"
        )
        provenance.pop(f"{WEAK_PREFIX}{skill}", None)
        if "teaches" not in taken:
            taken.append("teaches")
    for skill in list(data["teaches"]):
        provenance.pop(f"{WEAK_PREFIX}{skill}", None)


@dataclass(frozen=True)
class MergeEvent:
    course_id: str
    key: str  # the identity key that matched
    sources: tuple[str, ...]
    fields: tuple[str, ...]  # fields that took the incoming source's value


IndexState = tuple[dict[str, Course], dict[str, str], dict[str, str], dict[str, str]]


@dataclass
class CatalogIndex:
    """Courses by identity, for merging a stream of incoming courses in memory."""

    rank_of: RankOf
    courses: dict[str, Course] = field(default_factory=dict)  # by id
    _by_url: dict[str, str] = field(default_factory=dict)
    _by_title: dict[str, str] = field(default_factory=dict)
    _by_name: dict[str, str] = field(default_factory=dict)  # platform|title -> first id

    @classmethod
    def of(cls, courses: Iterable[Course], ranks: Mapping[str, int] | None = None) -> CatalogIndex:
        index = cls(rank_of=source_ranker(ranks or {}))
        for course in courses:
            index._put(course)
        return index

    def snapshot(self) -> IndexState:
        """State to `restore` if writing a file's merges fails."""
        return dict(self.courses), dict(self._by_url), dict(self._by_title), dict(self._by_name)

    def restore(self, state: IndexState) -> None:
        courses, by_url, by_title, by_name = state
        self.courses, self._by_url = dict(courses), dict(by_url)
        self._by_title, self._by_name = dict(by_title), dict(by_name)

    def _put(self, course: Course) -> None:
        self.courses[course.id] = course
        key = url_key(course)
        if key:
            self._by_url.setdefault(key, course.id)
        self._by_title.setdefault(title_key(course), course.id)
        self._by_name.setdefault(name_key(course), course.id)

    def find(self, course: Course) -> tuple[str, str] | None:
        """(existing id, matched key) for the course's identity, or None."""
        key = url_key(course)
        if key is not None:
            if key in self._by_url:
                return self._by_url[key], key
            found = self._by_title.get(title_key(course))
            if found is not None and url_key(self.courses[found]) is None:
                return found, title_key(course)
            named = self._by_name.get(name_key(course))
            if named is not None and same_page(self.courses[named], course):
                return named, name_key(course)
            return None
        tkey = title_key(course)
        return (self._by_title[tkey], tkey) if tkey in self._by_title else None

    def add(self, course: Course) -> tuple[str, Course, MergeEvent | None]:
        """('new' | 'merged' | 'unchanged', the resulting course, the merge event if any)."""
        hit = self.find(course)
        same = self.courses.get(course.id)
        if hit is None and same is not None and url_key(same) is None and url_key(course) is None:
            # The same id and no address on either side: one course whose title was edited
            # (an export re-imported); apart, the edit became a duplicate 'id-2'.
            hit = course.id, "id"
        if hit is None:
            if course.id in self.courses:  # same id from another identity: keep both apart
                course = course.model_copy(update={"id": _free_id(course.id, self.courses)})
            self._put(course)
            return "new", course, None
        existing_id, key = hit
        existing = self.courses[existing_id]
        merged, taken = merge_courses(existing, course, self.rank_of)
        if merged == existing:
            return "unchanged", existing, None
        self.courses[existing_id] = merged
        if merged.url and url_key(merged) not in self._by_url:
            self._by_url[url_key(merged) or ""] = existing_id
        event = MergeEvent(existing_id, key, tuple(merged.sources), tuple(taken))
        return "merged", merged, event


def _free_id(base: str, taken: Mapping[str, Any]) -> str:
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def source_ranker(ranks: Mapping[str, int]) -> RankOf:
    """Rank of a source name: 'curated' 0, a file imported now by its format, else unknown."""

    def rank_of(source: str) -> int:
        if source == "curated":
            return 0
        return ranks.get(source, UNKNOWN_RANK)

    return rank_of
