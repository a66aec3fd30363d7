"""Catalog use cases: open the database, resolve a course, list / search / show, the advisor
context. CLI, API and web all call these."""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process, utils
from sqlalchemy.orm import Session

from coursestack import knowledge
from coursestack.domain import (
    AmbiguousError,
    Course,
    InvalidInputError,
    NotFoundError,
    Review,
    Role,
    Skill,
)
from coursestack.domain.urls import canonical_url, looks_like_url
from coursestack.engine import ratings
from coursestack.engine.context import AdvisorContext, resident
from coursestack.engine.effort_prior import typical_efforts_with_weekly, typical_prices
from coursestack.engine.rating_pipeline import estimate_reviews
from coursestack.engine.search_rank import corrected_query, rank_hits, relaxed, title_words
from coursestack.engine.taxonomy import Taxonomy
from coursestack.engine.topics import off_topic_courses, title_only_courses
from coursestack.settings import Settings
from coursestack.store.courses import CourseRepository
from coursestack.store.db import Database
from coursestack.store.meta import MetaRepository, local_write_count
from coursestack.store.reviews import ReviewRepository

SUGGESTIONS = 5


def open_database(settings: Settings | None = None) -> Database:
    """The configured database, migrated and filled with the built-in catalog if needed."""
    db = Database.from_settings(settings)
    db.ensure_ready()
    return db


@cache
def taxonomy() -> Taxonomy:
    return Taxonomy.build(knowledge.skills())


def list_skills(category: str | None = None) -> list[Skill]:
    """The taxonomy's skills, of one category when given (an unknown one is a NotFoundError
    with the closest names, not an empty list)."""
    skills = knowledge.skills()
    if category:
        categories = sorted({s.category for s in skills})
        if category not in categories:
            found = process.extract(category, categories, limit=SUGGESTIONS)
            raise NotFoundError("category", category, [name for name, _s, _i in found])
    return [s for s in skills if not category or s.category == category]


def list_roles() -> list[Role]:
    return list(knowledge.roles())


def get_role(role_id: str) -> Role:
    roles = {r.id: r for r in knowledge.roles()}
    if role_id in roles:
        return roles[role_id]
    found = process.extract(role_id, list(roles), limit=SUGGESTIONS)
    raise NotFoundError("role", role_id, [name for name, _s, _i in found])


def resolve_course(session: Session, query: str, *, near: bool = False) -> Course:
    """A course by id or exact title (case-insensitive); with `near` (the advisor's reads,
    never a write such as a review), also a title but for a spelling or the head of exactly
    one title (`near_title`); otherwise a NotFoundError or AmbiguousError naming the closest
    matches."""
    repo = CourseRepository(session)
    text = query.strip()
    course = repo.get(text) or repo.get(text.lower())
    if course is not None:
        return course
    if looks_like_url(text):
        course = repo.by_canonical_url(text)
        if course is not None:
            return course
        raise NotFoundError("course", query, [])
    matches = repo.by_title(text)
    titles = repo.titles()
    if len(matches) == 1:
        others = translated_exact(matches[0], text, titles)
        if not others:
            return matches[0]
        raise AmbiguousError(
            "course",
            query,
            [f"{matches[0].id} ({matches[0].title}, in {matches[0].language})"]
            + [f"{cid} ({titles[cid]})" for cid in others],
        )
    if len(matches) > 1:
        raise AmbiguousError(
            "course", query, [f"{c.id} ({c.platform}: {c.title})" for c in matches[:10]]
        )
    spelled = near_title(titles, text) if near else None
    if spelled is not None:
        found = repo.get(spelled)
        if found is not None:
            return found
    raise NotFoundError("course", query, closest_titles(titles, text))


def translated_exact(course: Course, text: str, titles: Mapping[str, str]) -> list[str]:
    """When an English-looking (plain ASCII) title names exactly a course stated to be in
    another language, the other courses whose titles start with it: the query may as well
    mean one of those ('Google Data Analytics' is the French copy's whole title and the head
    of the English 'Google Data Analytics Professional Certificate'). Empty otherwise."""
    if not text.isascii() or course.language is None or course.language.lower() == "en":
        return []
    head = " ".join(text.lower().split())
    return sorted(
        cid
        for cid, title in titles.items()
        if cid != course.id and " ".join(title.lower().split()).startswith(f"{head} ")
    )[:5]


# A title this close (whole-string ratio, case-insensitive) to one course and no other is that
# course spelled another way ('Deep Learning Specialisation').
SPELLING_SCORE = 95.0
SPELLING_MARGIN = 5.0


def near_title(titles: Mapping[str, str], text: str) -> str | None:
    """The id of the one course (among id -> title) that `text` names but for a spelling or
    a title's tail ('Deep Learning Specialisation', 'Python for Everybody'), else None."""
    if len(text) > NAME_MAX:
        return None
    # The head of a title first: 'CS229 Machine Learning' is 'CS229 Machine Learning (Autumn
    # 2018 lectures)', not 'XCS229 Machine Learning' a letter away.
    return _one_title_starting(titles, text) or _one_spelling_away(titles, text)


def _one_spelling_away(titles: Mapping[str, str], text: str) -> str | None:
    """The id of the one course whose whole title differs from `text` only by a spelling
    (a letter or two), or None when none or several do."""
    best = process.extract(
        text.lower(), {cid: t.lower() for cid, t in titles.items()}, scorer=fuzz.ratio, limit=2
    )
    if not best or best[0][1] < SPELLING_SCORE:
        return None
    if len(best) > 1 and best[1][1] > best[0][1] - SPELLING_MARGIN:
        return None
    return str(best[0][2])


def _one_title_starting(titles: Mapping[str, str], text: str) -> str | None:
    """The id of the one course whose title starts with `text` as whole words, punctuation
    aside ('Python for Everybody' is 'Python for Everybody Specialization', 'Tableau A-Z' is
    'Tableau A-Z: Hands-On Tableau Training ...'), or None when none or several do."""
    head = _words(text)
    # one word ('Python', 'Kubernetes') starts too many titles, or names a subject not a course
    if len(head) < 2 or len(" ".join(head)) < 8:
        return None
    n = len(head)
    hits = [cid for cid, title in titles.items() if _words(title)[:n] == head]
    return hits[0] if len(hits) == 1 else None


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


_WORD = re.compile(r"[^\W_]+|[+#]+")  # letters and digits; 'C++', 'C#' keep their signs


def closest_courses(repo: CourseRepository, text: str, limit: int = SUGGESTIONS) -> list[str]:
    return closest_titles(repo.titles(), text, limit)


def closest_titles(titles: Mapping[str, str], text: str, limit: int = SUGGESTIONS) -> list[str]:
    """'id (title)' of the courses whose titles are closest to `text`, those far behind the
    closest left out (a nonsense query listed trading courses after the one near miss).

    Case and punctuation aside (compared case-sensitively, 'machine learning spec' was
    nearer to 'Piano ... learning method' than to 'Machine Learning Specialization'); titles
    whose words start with the query's words, in order ('machine learning spec'), come first;
    ties by score, then id. Only the first NAME_MAX characters are compared."""
    query = utils.default_process(text[:NAME_MAX])
    if not query:
        return []
    by_title = process.extract(
        query, titles, scorer=fuzz.WRatio, processor=utils.default_process, limit=SHORTLIST
    )
    words = query.split()
    heads = {cid: title for cid, title in titles.items() if _starts_words(title, words)}
    scored = {cid: (cid in heads, score, title) for title, score, cid in by_title}
    for cid, title in heads.items():
        if cid not in scored:
            score = fuzz.WRatio(query, title, processor=utils.default_process)
            scored[cid] = (True, score, title)
    if not scored:
        return []
    top = max(score for _h, score, _t in scored.values())
    floor = max(top - 15, SUGGEST_FLOOR)
    ranked = sorted(scored.items(), key=lambda kv: (not kv[1][0], -kv[1][1], kv[0]))
    content = _content_words(query)
    return [
        f"{cid} ({title})"
        for cid, (head, score, title) in ranked
        if head or (score >= floor and _shares_a_word(content, title))
    ][:limit]


# Words too common in titles to make one a suggestion ('no such course' listed 'Crash Course
# on Python' and 'Applied No-Code AI').
GENERIC_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "of",
        "to",
        "for",
        "in",
        "on",
        "with",
        "by",
        "from",
        "your",
        "you",
        "no",
        "not",
        "such",
        "any",
        "this",
        "that",
        "course",
        "courses",
        "class",
        "introduction",
        "intro",
        "learn",
        "learning",
        "beginner",
        "beginners",
        "complete",
        "guide",
        "part",
        "program",
        "programme",
        "professional",
        "certificate",
        "specialization",
        "online",
        "basics",
        "some",
        "does",
        "what",
        "how",
        "why",
        "when",
        "where",
        "which",
        "who",
        "exist",
        "exists",
    ]
)


def _content_words(processed: str) -> list[str]:
    return [w for w in processed.split() if len(w) >= 3 and w not in GENERIC_WORDS]


def _shares_a_word(content: list[str], title: str) -> bool:
    """Some content word of the query is a word of `title` but for a letter or two, or the
    start of one ('Machin' in 'Machine')."""
    words = _content_words(utils.default_process(title))
    return any(t.startswith(q) or fuzz.ratio(q, t) >= SPELLING_WORD for q in content for t in words)


SPELLING_WORD = 80.0


def _starts_words(title: str, words: list[str]) -> bool:
    """`words` begin consecutive words of `title` ('machine learning spec' in 'Mathematics
    for Machine Learning Specialization'), the last one as a prefix."""
    if not words:
        return False
    have = utils.default_process(title).split()
    n = len(words)
    for i in range(len(have) - n + 1):
        if have[i : i + n - 1] == words[:-1] and have[i + n - 1].startswith(words[-1]):
            return True
    return False


SHORTLIST = 50  # titles scored closely, before ranking the suggestions
# A name longer than any title (the longest in the real catalog has 243 characters): only its
# head is compared (fuzzy matching a 10,000-character name held an API worker for seconds).
NAME_MAX = 300


# Below this WRatio a title shares a word or two with the query by chance: 'nonexistent-xyz'
# scored 55-62 against forex and counselling courses, a near miss ('Machin Learning
# Specialisation') 95 against its course.
SUGGEST_FLOOR = 70.0


def list_courses(
    session: Session, *, platform: str | None = None, limit: int | None = None, offset: int = 0
) -> list[Course]:
    check_platform(session, platform)
    return CourseRepository(session).page(platform=platform, limit=limit, offset=offset)


def get_courses(session: Session, course_ids: Sequence[str]) -> dict[str, Course]:
    """The courses among these ids that exist, by id."""
    return CourseRepository(session).get_many(course_ids)


def count_courses(session: Session, *, platform: str | None = None) -> int:
    return CourseRepository(session).count(platform)


def list_platforms(session: Session) -> list[str]:
    """The platforms the catalog holds courses on, sorted (one DISTINCT query)."""
    return CourseRepository(session).platforms()


def check_platform(session: Session, platform: str | None) -> None:
    """A platform filter naming no platform of the catalog is a NotFoundError with the
    closest names (a typo gave an empty list, exit 0)."""
    if not platform:
        return
    known = CourseRepository(session).platforms()
    if platform not in known:
        _unknown_platform(platform, known)


def _unknown_platform(platform: str, known: Sequence[str]) -> None:
    found = process.extract(platform, known, limit=SUGGESTIONS)
    raise NotFoundError("platform", platform, [name for name, _s, _i in found])


def search_course_ids(
    session: Session, query: str, *, limit: int = 20, platform: str | None = None
) -> list[str]:
    """Ids of the courses whose title, provider, platform or skills match `query`, best
    first (`engine.search_rank`: the title equal to the query, then titles starting with
    it, then titles holding all its words, shorter titles first in each; then the rest in
    full-text order); when the query names a skill (name or alias), its teachers follow the
    text hits, highest level first."""
    check_platform(session, platform)
    repo = CourseRepository(session)
    found = rank_hits(query, repo.search_hits(query, platform=platform))[:limit]
    loose = relaxed(query)
    if loose and len(found) < limit:
        # 'sql for beginners' found nothing: every word must match; 'sql' alone then
        seen = set(found)
        more = rank_hits(loose, repo.search_hits(loose, platform=platform))
        found += [cid for cid in more if cid not in seen][: limit - len(found)]
    skill_id = taxonomy().lookup(query) or (taxonomy().lookup(loose) if loose else None)
    if skill_id is None or len(found) >= limit:
        return found
    seen = set(found)
    # enough rows to fill the page even when every text hit is also a teacher
    teachers = repo.teachers(skill_id, platform, limit=limit + len(found))
    more = [cid for cid in teachers if cid not in seen]
    return found + more[: limit - len(found)]


def search_courses(
    session: Session, query: str, *, limit: int = 20, platform: str | None = None
) -> list[Course]:
    """`search_course_ids`' courses, read from the database."""
    ids = search_course_ids(session, query, limit=limit, platform=platform)
    return _courses_in_order(session, ids)


def spelling_fix(session: Session, query: str) -> str | None:
    """For a query that found nothing: the query with its misspelt words replaced by the
    closest words of the catalog's titles and the taxonomy's skill names ('machne learning'
    -> 'machine learning'), or None. The vocabulary is cached per catalog version."""
    version = MetaRepository(session).get("catalog_version") or "0"
    url = str(session.get_bind().engine.url)
    cached = _vocabulary_cache.get(url)
    vocabulary = cached[1] if cached is not None and cached[0] == version else None
    if vocabulary is None:
        counts: Counter[str] = Counter()
        for title in CourseRepository(session).titles().values():
            counts.update(set(title_words(title)))
        for skill in knowledge.skills():
            for name in (skill.name, *skill.aliases):
                counts.update(w for w in title_words(name) if w not in counts)
        vocabulary = dict(counts)
        _vocabulary_cache[url] = (version, vocabulary)  # one per database: the newest version
    return corrected_query(query, vocabulary)


_vocabulary_cache: dict[str, tuple[str, dict[str, int]]] = {}


def search_or_fix(
    session: Session, query: str, *, limit: int = 20, platform: str | None = None
) -> tuple[list[Course], str | None]:
    """`search_courses`, and when it finds nothing, the same search for `spelling_fix`'s
    query: (courses, the corrected query or None)."""
    found = search_courses(session, query, limit=limit, platform=platform)
    if found:
        return found, None
    fixed = spelling_fix(session, query)
    if fixed is None:
        return [], None
    again = search_courses(session, fixed, limit=limit, platform=platform)
    return (again, fixed) if again else ([], None)  # a correction finding nothing is unsaid


def search_in_context(
    db: Database, query: str, *, limit: int = 20, platform: str | None = None,
    max_age: float = 0.0,
) -> list[Course]:  # fmt: skip
    """`search_courses` with the courses taken from the in-memory catalog (the database only
    ranks ids): no JSON parsed per hit on the service's hot path."""
    with db.read_session() as session:
        ids = search_course_ids(session, query, limit=limit, platform=platform)
    ctx = advisor_context(db, max_age)
    if all(cid in ctx.courses for cid in ids):
        return [ctx.courses[cid] for cid in ids]
    with db.read_session() as session:  # a course added since the context was validated
        return _courses_in_order(session, ids)


def search_in_context_or_fix(
    db: Database, query: str, *, limit: int = 20, platform: str | None = None,
    max_age: float = 0.0,
) -> tuple[list[Course], str | None]:  # fmt: skip
    """`search_in_context`, with `search_or_fix`'s second try for a query finding nothing."""
    found = search_in_context(db, query, limit=limit, platform=platform, max_age=max_age)
    if found:
        return found, None
    with db.read_session() as session:
        fixed = spelling_fix(session, query)
    if fixed is None:
        return [], None
    again = search_in_context(db, fixed, limit=limit, platform=platform, max_age=max_age)
    return (again, fixed) if again else ([], None)


def _courses_in_order(session: Session, ids: list[str]) -> list[Course]:
    """These courses from the database, in the order given (ids no longer there skipped)."""
    by_id = CourseRepository(session).get_many(ids)
    return [by_id[cid] for cid in ids if cid in by_id]


# ---------------------------------------------------------------- advisor context


@dataclass
class _CachedContext:
    key: tuple[str, str]
    context: AdvisorContext
    checked_at: float  # monotonic time the version tokens were last compared
    writes_seen: int  # this process's write count at that moment
    by_title: dict[str, list[str]]  # casefolded title -> course ids
    order: list[str]  # course ids by platform, then title (the list order)


_context_lock = threading.Lock()
_context_cache: dict[str, _CachedContext] = {}


def _fresh(cached: _CachedContext | None, max_age: float) -> bool:
    return (
        cached is not None
        and time.monotonic() - cached.checked_at < max_age
        and cached.writes_seen == local_write_count()
    )


def cached_context(db: Database, max_age: float) -> AdvisorContext | None:
    """The cached context when it was validated less than `max_age` seconds ago and this
    process wrote nothing since; None otherwise. No I/O: safe on an event loop."""
    cached = _context_cache.get(db.url)
    return cached.context if cached is not None and _fresh(cached, max_age) else None


def advisor_context(db: Database, max_age: float = 0.0) -> AdvisorContext:
    """The whole catalog in memory for the engine, with each course's quality evidence
    (practitioner estimate, external rating); rebuilt only when courses or reviews changed.

    `max_age` > 0 trusts a recent validation for that many seconds (readers that accept
    seeing another process's catalog edit that much later); writes made by this process are
    always seen at once."""
    cached = _context_cache.get(db.url)
    if _fresh(cached, max_age):
        assert cached is not None
        return cached.context
    writes = local_write_count()
    with db.read_session() as session:
        meta = MetaRepository(session)
        key = (meta.get("catalog_version") or "0", meta.get("reviews_version") or "0")
        with _context_lock:
            cached = _context_cache.get(db.url)
            if cached is not None and cached.key == key:
                cached.checked_at, cached.writes_seen = time.monotonic(), writes
                return cached.context
        courses = resident(CourseRepository(session).each())
        reviews = ReviewRepository(session).all_current()
    tax = taxonomy()
    estimates = practitioner_estimates(courses, reviews, tax)
    ctx = AdvisorContext(
        courses=courses,
        taxonomy=tax,
        roles={r.id: r for r in knowledge.roles()},
        quality=ratings.course_quality(courses.values(), reviews, estimates=estimates),
        ratings=estimates,
        typical_effort=typical_efforts_with_weekly(courses.values()),
        typical_price=typical_prices(courses.values()),
        off_topic=off_topic_courses(courses.values(), knowledge.outside_topics()),
        title_only=title_only_courses(courses.values()),
    )
    by_title: dict[str, list[str]] = {}
    for c in courses.values():
        by_title.setdefault(c.title.casefold(), []).append(c.id)
    order = sorted(courses, key=lambda cid: (courses[cid].platform, courses[cid].title.casefold()))
    with _context_lock:
        _context_cache[db.url] = _CachedContext(key, ctx, time.monotonic(), writes, by_title, order)
    return ctx


def resolve_in_context(
    db: Database, ctx: AdvisorContext, query: str, *, near: bool = False
) -> Course:
    """`resolve_course` on the in-memory catalog: id, address or exact title; with `near`, a
    title's head or a spelling away; else the closest."""
    text = query.strip()
    found = ctx.courses.get(text) or ctx.courses.get(text.lower())
    if found is not None:
        return found
    if looks_like_url(text):
        return ctx.courses[id_by_url(ctx.courses, text, query)]
    cached = _context_cache.get(db.url)
    ids = cached.by_title.get(text.casefold(), []) if cached and cached.context is ctx else []
    if len(ids) == 1:
        return ctx.courses[ids[0]]
    if len(ids) > 1:
        raise AmbiguousError(
            "course",
            query,
            [f"{i} ({ctx.courses[i].platform}: {ctx.courses[i].title})" for i in ids[:10]],
        )
    titles = {cid: c.title for cid, c in ctx.courses.items()}
    close = near_title(titles, text) if near else None
    if close is not None:
        return ctx.courses[close]
    raise NotFoundError("course", query, closest_titles(titles, text))


def id_by_url(courses: Mapping[str, Course], url: str, where: str) -> str:
    """The id of the course at this address (any form of it: canonical_url), else a
    NotFoundError naming `where`: an address no course has is not guessed at."""
    key = canonical_url(url)
    hits = sorted(c.id for c in courses.values() if key and canonical_url(c.url) == key)
    if not hits:
        raise NotFoundError("course", where, [])
    return hits[0]


def page_in_context(
    db: Database, ctx: AdvisorContext, *, platform: str | None, limit: int, offset: int
) -> tuple[list[Course], int]:
    """A page of the list order (platform, then title) from the in-memory catalog."""
    cached = _context_cache.get(db.url)
    order = cached.order if cached and cached.context is ctx else sorted(ctx.courses)
    if platform:
        order = [cid for cid in order if ctx.courses[cid].platform == platform]
        if not order:
            _unknown_platform(platform, sorted({c.platform for c in ctx.courses.values()}))
    return [ctx.courses[cid] for cid in order[offset : offset + limit]], len(order)


def practitioner_estimates(
    courses: Mapping[str, Course], reviews: Sequence[Review], tax: Taxonomy
) -> dict[str, ratings.RatingEstimate]:
    """Bayesian estimates per reviewed course; flagged reviews enter down-weighted."""
    if not reviews:
        return {}
    return estimate_reviews(reviews, courses, tax).estimates


def course_summary(course: Course) -> dict[str, object]:
    """The short form of a course in lists and search results (JSON contract)."""
    rating = course.external_rating
    return {
        "course_id": course.id,
        "title": course.title,
        "platform": course.platform,
        "provider": course.provider,
        "kind": course.kind.value,
        "level": course.level.value if course.level else None,
        "hours": course.effort.total_hours(),
        "price_model": course.price.model.value if course.price.model else None,
        "url": course.url,
        "external_rating": (
            {
                "value": rating.value,
                "scale": rating.scale,
                "count": rating.count,
                "source": rating.source,
            }
            if rating
            else None
        ),
    }


def put_course(session: Session, course_id: str, course: Course) -> str:
    """Create or replace a course; 'inserted', 'updated' or 'unchanged'."""
    if course.id != course_id:
        raise InvalidInputError(f"body id {course.id!r} differs from the path's {course_id!r}")
    return CourseRepository(session).upsert(course)


def delete_course(session: Session, course_id: str) -> None:
    """Remove a course and its reviews."""
    if not CourseRepository(session).delete(course_id):
        raise NotFoundError("course", course_id)
