"""Learners from YAML files or CLI options, with every name resolved against the catalog.

Errors name the field they come from ("skills.pyton: unknown skill; closest matches: ...")
so a user can fix the file without guessing. Unknown names raise NotFoundError (with the
closest matches); malformed values raise InvalidInputError.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import ValidationError
from rapidfuzz import fuzz, process

from coursestack import knowledge
from coursestack.domain import (
    AmbiguousError,
    InvalidInputError,
    Learner,
    Level,
    Need,
    NotFoundError,
    PaceProfile,
    Pedagogy,
)
from coursestack.domain.urls import looks_like_url
from coursestack.engine.context import AdvisorContext
from coursestack.ingest.fields import language_code
from coursestack.services.catalog import (
    closest_titles,
    id_by_url,
    near_title,
    translated_exact,
)

SUGGESTIONS = 5
# Plans use courses in English or of unknown language (mostly English) unless the learner lists
# others (then unknown-language courses only if English is among them), or
# writes `languages: any` (the catalogs are mostly English; edX lists ~200 other courses).
DEFAULT_LANGUAGES = ["en"]
ANY_LANGUAGE = "any"
FIELDS = (
    "skills",
    "completed",
    "goal",
    "targets",
    "hours_per_week",
    "budget",
    "deadline_weeks",
    "platforms",
    "languages",
    "pedagogy",
    "needs",
    "pace",
)
# Platforms named in the project brief; a catalog may add more (they are accepted too).
KNOWN_PLATFORMS = (
    "coursera", "edx", "udemy", "fast.ai", "kaggle-learn", "datacamp", "udacity", "mit-ocw",
    "stanford-online", "deeplearning.ai", "google", "hugging-face", "microsoft-learn",
    "aws-skill-builder", "datatalks-club", "full-stack-deep-learning", "made-with-ml",
    "youtube", "openai", "other",
)  # fmt: skip
_LEVEL_WORDS = {level.label: level for level in Level}
_E = TypeVar("_E", Pedagogy, PaceProfile, Need)


def _not_found(where: str, kind: str, query: str, suggestions: list[str]) -> NotFoundError:
    err = NotFoundError(kind, query, suggestions)
    msg = f"{where}: unknown {kind}"
    if suggestions:
        msg += "; closest matches: " + ", ".join(suggestions)
    err.args = (msg,)
    return err


def _invalid(where: str, message: str) -> InvalidInputError:
    return InvalidInputError(f"{where}: {message}")


# ---------------------------------------------------------------- reading


def read_learner_data(path: Path) -> dict[str, Any]:
    """The raw mapping of a learner YAML file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InvalidInputError(f"cannot read learner file {path}: {err}") from err
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(err, "problem", None) or str(err)
        raise InvalidInputError(f"{path}: not valid YAML{where}: {problem}") from err
    if data is None:
        raise InvalidInputError(f"{path}: the learner file is empty")
    if not isinstance(data, dict):
        raise InvalidInputError(
            f"{path}: a learner file is a mapping of fields ({', '.join(FIELDS)}), "
            f"got {type(data).__name__}"
        )
    return data


def load_learner_file(path: Path, ctx: AdvisorContext) -> Learner:
    return parse_learner(read_learner_data(path), ctx, source=str(path))


# ---------------------------------------------------------------- parsing


def parse_learner(
    data: Mapping[str, Any], ctx: AdvisorContext, *, source: str = "learner"
) -> Learner:
    """A Learner from a raw mapping (the learner-file contract in DESIGN.md)."""
    try:
        return _parse(data, ctx)
    except (NotFoundError, InvalidInputError) as err:
        err.args = (f"{source}: {err}",)
        raise


class _Problems:
    """The learner's problems, gathered so that one message names them all: a file with
    three misspelt skills took three runs to fix, one error at a time."""

    def __init__(self) -> None:
        self.errors: list[NotFoundError | InvalidInputError] = []

    @contextmanager
    def catch(self) -> Iterator[None]:
        try:
            yield
        except (NotFoundError, InvalidInputError) as err:
            self.errors.append(err)

    def raise_any(self) -> None:
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            lines = "\n".join(f"  - {err}" for err in self.errors)
            raise InvalidInputError(f"{len(self.errors)} problems:\n{lines}")


def _parse(data: Mapping[str, Any], ctx: AdvisorContext) -> Learner:
    problems = _Problems()
    for key in data:
        if key not in FIELDS:
            near = [m for m, _s, _i in process.extract(str(key), FIELDS, limit=3)]
            problems.errors.append(_not_found(str(key), "field", str(key), near))
    fields: dict[str, Any] = {}
    untracked: dict[str, Level] = {}
    with problems.catch():
        fields["skills"] = _skill_levels(data.get("skills"), "skills", ctx, untracked, problems)
    fields["untracked"] = untracked
    with problems.catch():
        fields["targets"] = _skill_levels(data.get("targets"), "targets", ctx, None, problems)
    with problems.catch():
        fields["completed"] = _courses(data.get("completed"), ctx, problems)
    goal = data.get("goal")
    if goal is not None:
        with problems.catch():
            fields["goal"] = _role(goal, ctx)
    for name in ("hours_per_week", "budget", "deadline_weeks"):
        if data.get(name) is not None:
            with problems.catch():
                fields[name] = _number(data[name], name)
    if data.get("platforms") is not None:
        with problems.catch():
            fields["platforms"] = _platforms(data["platforms"], ctx)
    languages = data.get("languages")
    with problems.catch():
        fields["languages"] = _languages(DEFAULT_LANGUAGES if languages is None else languages)
    if data.get("pedagogy") is not None:
        with problems.catch():
            fields["pedagogy"] = _choice(data["pedagogy"], "pedagogy", Pedagogy)
    if data.get("pace") is not None:
        with problems.catch():
            fields["pace"] = _choice(data["pace"], "pace", PaceProfile)
    with problems.catch():
        needs = _list(data.get("needs"), "needs")
        fields["needs"] = []
        for i, v in enumerate(needs):
            with problems.catch():
                fields["needs"].append(_choice(v, f"needs[{i}]", Need))
    try:
        learner = Learner(**fields)
    except ValidationError as err:
        for error in err.errors():
            message = str(error["msg"]).removeprefix("Value error, ")
            loc = ".".join(str(p) for p in error["loc"])
            # a field already reported above fails its range here too: said once
            if loc and any(str(e).startswith(f"{loc}:") for e in problems.errors):
                continue
            if not loc and problems.errors:
                continue  # "needs a goal" after the goal was misspelt: a consequence
            # a rule about the whole learner (no goal, no targets) has no field
            problems.errors.append(_invalid(loc, message) if loc else InvalidInputError(message))
        problems.raise_any()
        raise  # pragma: no cover - every validation error is gathered above
    problems.raise_any()
    return learner


def _list(value: Any, where: str) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str) or not isinstance(value, list):
        raise _invalid(where, f"expected a list, got {value!r}")
    return value


def parse_level(value: Any, where: str) -> Level:
    """0-4, or a level word (none, aware, practised, applied, production)."""
    if isinstance(value, str) and value.strip().lower() in _LEVEL_WORDS:
        return _LEVEL_WORDS[value.strip().lower()]
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 4:
        words = ", ".join(f"{lv.value} {lv.label}" for lv in Level)
        raise _invalid(where, f"level must be 0-4 ({words}), got {value!r}")
    return Level(value)


def _skill_levels(
    value: Any,
    where: str,
    ctx: AdvisorContext,
    untracked: dict[str, Level] | None = None,
    problems: _Problems | None = None,
) -> dict[str, Level]:
    """Skill ids and levels; with `untracked`, a held skill the taxonomy does not track
    (MATLAB, SAS, React, Google Analytics: one it neither knows nor reads as a misspelling of
    a name it knows) goes there instead of being an error."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _invalid(where, f"expected a mapping of skill: level, got {value!r}")
    out: dict[str, Level] = {}
    named: dict[str, str] = {}  # skill id -> the name that stated it
    gather = problems if problems is not None else _Problems()
    for name, raw in value.items():
        field = f"{where}.{name}"
        with gather.catch():
            level = parse_level(raw, field)
            if untracked is not None and _untracked(str(name), ctx):
                untracked[str(name).strip()] = level
                continue
            skill = resolve_skill(str(name), field, ctx)
            if skill in out and out[skill] != level:
                # 'sql: 3' and 'SQL: 1': which one the learner means is not ours to pick
                stated = f"{named[skill]!r} already states {skill} at {int(out[skill])}"
                raise _invalid(field, stated)
            out[skill] = level
            named.setdefault(skill, str(name))
    if problems is None:
        gather.raise_any()
    return out


def _untracked(name: str, ctx: AdvisorContext) -> bool:
    """A skill outside the taxonomy: listed as one (knowledge.outside_skills), or neither a
    skill name it knows nor a misspelling of one (those stay errors with suggestions)."""
    if _known_skill(name, ctx):
        return False
    if " ".join(name.lower().split()) in knowledge.outside_skills():
        return True
    return not ctx.taxonomy.misspells(name)


def _known_skill(name: str, ctx: AdvisorContext) -> bool:
    try:
        ctx.taxonomy.resolve(name)
    except AmbiguousError:  # the taxonomy knows the name, several ways
        return True
    except NotFoundError:
        return False
    return True


def resolve_skill(name: str, where: str, ctx: AdvisorContext) -> str:
    try:
        return ctx.taxonomy.resolve(name)
    except AmbiguousError as err:
        amb = AmbiguousError("skill", name, err.suggestions)
        amb.args = (f"{where}: ambiguous skill; use one of: {', '.join(err.suggestions)}",)
        raise amb from None
    except NotFoundError as err:
        raise _not_found(where, "skill", name, err.suggestions) from None


def resolve_course_id(text: str, where: str, ctx: AdvisorContext) -> str:
    """A course id from an id or an exact title (case-insensitive)."""
    query = text.strip()
    if query in ctx.courses:
        return query
    if query.lower() in ctx.courses:
        return query.lower()
    if looks_like_url(query):
        try:
            return id_by_url(ctx.courses, query, text)
        except NotFoundError:
            raise _not_found(where, "course", text, []) from None
    folded = query.casefold()
    matches = sorted(c.id for c in ctx.courses.values() if c.title.casefold() == folded)
    titles = {c.id: c.title for c in ctx.courses.values()}
    if len(matches) == 1:
        # an English-looking title naming exactly a translated copy may mean the original
        matches += translated_exact(ctx.courses[matches[0]], query, titles)
        if len(matches) == 1:
            return matches[0]
    if matches:
        amb = AmbiguousError("course", text, matches)
        amb.args = (f"{where}: ambiguous course title; use one of the ids: {', '.join(matches)}",)
        raise amb
    near = near_title(titles, query)  # the same tolerance as a course named on the command line
    if near is not None:
        return near
    raise _not_found(where, "course", text, closest_titles(titles, query, SUGGESTIONS))


def _courses(value: Any, ctx: AdvisorContext, problems: _Problems | None = None) -> list[str]:
    gather = problems if problems is not None else _Problems()
    out: list[str] = []
    for i, item in enumerate(_list(value, "completed")):
        with gather.catch():
            cid = resolve_course_id(str(item), f"completed[{i}] {item!r}", ctx)
            if cid not in out:
                out.append(cid)
    if problems is None:
        gather.raise_any()
    return out


def _role(value: Any, ctx: AdvisorContext) -> str:
    text = str(value).strip()
    if text in ctx.roles:
        return text
    by_name = [r.id for r in ctx.roles.values() if text.casefold() in (r.id, r.name.casefold())]
    if len(by_name) == 1:
        return by_name[0]
    choices = {r.id: f"{r.id} {r.name}" for r in ctx.roles.values()}
    found = process.extract(text, choices, scorer=fuzz.WRatio, limit=SUGGESTIONS)
    raise _not_found(f"goal {text!r}", "role", text, [rid for _n, _s, rid in found])


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _invalid(where, f"expected a number, got {value!r}")
    if not math.isfinite(value):  # 'inf' means no limit: leave the field out
        raise _invalid(where, f"expected a finite number, got {value!r} (leave it out for none)")
    return float(value)


def _platforms(value: Any, ctx: AdvisorContext) -> list[str]:
    known = {*KNOWN_PLATFORMS, *(c.platform for c in ctx.courses.values())}
    out: list[str] = []
    for i, item in enumerate(_list(value, "platforms")):
        slug = str(item).strip().lower()
        if slug not in known:
            near = [m for m, _s, _i in process.extract(slug, sorted(known), limit=SUGGESTIONS)]
            raise _not_found(f"platforms[{i}] {item!r}", "platform", str(item), near)
        if slug not in out:
            out.append(slug)
    if not out:  # an empty filter allows nothing: a plan of no courses, said as if planned
        raise _invalid("platforms", "list at least one platform, or leave the field out for all")
    return out


def _languages(value: Any) -> list[str] | None:
    """['en', 'Spanish'] -> ['en', 'es']; 'any', alone or in the list -> None (no filter)."""
    if isinstance(value, str) and value.strip().lower() == ANY_LANGUAGE:
        return None
    items = _list(value, "languages")
    if any(str(item).strip().lower() == ANY_LANGUAGE for item in items):
        return None
    out: list[str] = []
    for i, item in enumerate(items):
        code = language_code(item)
        if code is None:
            raise _invalid(
                f"languages[{i}]",
                f"unknown language {item!r}; use an ISO 639-1 code such as en, es, fr, "
                f"or '{ANY_LANGUAGE}'",
            )
        if code not in out:
            out.append(code)
    if not out:
        raise _invalid("languages", f"list at least one language, or write '{ANY_LANGUAGE}'")
    return out


def _choice(value: Any, where: str, enum: type[_E]) -> _E:
    try:
        return enum(str(value).strip().lower())
    except ValueError:
        allowed = ", ".join(e.value for e in enum)
        raise _invalid(where, f"expected one of {allowed}, got {value!r}") from None


# ---------------------------------------------------------------- CLI options


def parse_skill_option(text: str, where: str = "--skill") -> tuple[str, Any]:
    """'python=2' (or 'python:2') -> ('python', '2')."""
    for sep in ("=", ":"):
        if sep in text:
            name, _, level = text.partition(sep)
            if name.strip() and level.strip():
                return name.strip(), level.strip()
    raise _invalid(f"{where} {text!r}", "expected SKILL=LEVEL, e.g. python=2")


def learner_from_options(
    ctx: AdvisorContext,
    *,
    base: Mapping[str, Any] | None = None,
    skills: Sequence[str] = (),
    targets: Sequence[str] = (),
    completed: Iterable[str] = (),
    goal: str | None = None,
    hours_per_week: float | None = None,
    budget: float | None = None,
    deadline_weeks: float | None = None,
    platforms: Sequence[str] | None = None,
    languages: Sequence[str] | None = None,
    pedagogy: str | None = None,
    needs: Sequence[str] = (),
    pace: str | None = None,
) -> Learner:
    """A learner from CLI flags, optionally on top of a learner file's raw data (`base`, from
    `read_learner_data`): flags add skills / targets / completed courses and override the
    scalar fields."""
    data: dict[str, Any] = dict(base or {})
    for key, flag, items in (("skills", "--skill", skills), ("targets", "--target", targets)):
        if items:
            merged = dict(data.get(key) or {})
            for text in items:
                name, level = parse_skill_option(text, flag)
                merged[name] = level
            data[key] = merged
    if completed:
        data["completed"] = [*(data.get("completed") or []), *completed]
    if needs:
        data["needs"] = [*(data.get("needs") or []), *needs]
    scalars = {
        "goal": goal,
        "hours_per_week": hours_per_week,
        "budget": budget,
        "deadline_weeks": deadline_weeks,
        "pedagogy": pedagogy,
        "pace": pace,
    }
    data.update({k: v for k, v in scalars.items() if v is not None})
    if platforms is not None:
        data["platforms"] = list(platforms)
    if languages is not None:
        data["languages"] = list(languages)
    return parse_learner(data, ctx, source="options" if base is None else "learner")
