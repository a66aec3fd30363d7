"""Whether a course is about a subject outside the taxonomy (knowledge/outside_topics.yaml).

An imported course tagged with a taxonomy skill may be about something else: 'Transitioning
from Console to WinForms with Source Control' is tagged Git from its title, and plans picked
it over courses about Git because it was an hour shorter. Such a course is not excluded (its
tag may be right, and it may be the only course reaching a level); plans and prerequisite
routes weigh it a little more (planner_candidates.OFF_TOPIC_WEIGHT, fit's route), so that a
course about the skill wins when one covers as much. Curated courses are hand-tagged and
never weighed so.

Pure: the phrases come from the caller (services read the knowledge file).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from coursestack.domain import Course
from coursestack.engine.matcher import normalise


def outside_topic(title: str, phrases: Iterable[str]) -> str | None:
    """The first of `phrases` (in the title's order) the title names as whole words
    (normalised), else None."""
    found = _pattern(tuple(phrases)).search(f" {normalise(title)} ")
    return None if found is None else found.group(1)


@lru_cache(maxsize=8)
def _pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One alternation for all phrases, longest first ('game development' before 'game')."""
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<= )(" + "|".join(re.escape(p) for p in ordered) + r")(?= )")


def off_topic_courses(courses: Iterable[Course], phrases: Iterable[str]) -> dict[str, str]:
    """course id -> the outside subject its title names, for the imported courses whose
    titles name one (curated courses are left out: their tags are hand-checked)."""
    wanted = tuple(phrases)
    out: dict[str, str] = {}
    for course in courses:
        if course.curated:
            continue
        found = outside_topic(course.title, wanted)
        if found is not None:
            out[course.id] = found
    return out


# a course known by its title alone weighs this share of an off-topic course's penalty (plans)
# or extra hours (fit's prerequisite route)
TITLE_ONLY_SHARE = 0.5


def title_only_courses(courses: Iterable[Course]) -> frozenset[str]:
    """The imported courses the catalog knows by their title alone: no description, and
    every skill they teach read off the title ('Design A/B Tests for Financial Impact', a
    coursera-domains row with a title and a URL, was a step of 9 plans in an audit's 27).
    Plans weigh them half as much as an off-topic course (planner_candidates)."""
    out: set[str] = set()
    for course in courses:
        if course.curated or course.description or not course.teaches:
            continue
        if all("(title:" in course.provenance.get(f"teaches.{s}", "") for s in course.teaches):
            out.add(course.id)
    return frozenset(out)


def topic_words(off_topic: Mapping[str, str], course_id: str) -> str | None:
    """'its title is about WinForms' style words for an off-topic course, else None."""
    found = off_topic.get(course_id)
    return None if found is None else f"its title is about {found}, not the skill"


TITLE_ONLY_WORDS = "the catalog knows only its title"
