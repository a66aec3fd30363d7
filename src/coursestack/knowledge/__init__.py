"""Shipped knowledge: the skill taxonomy, the roles and the curated catalog (YAML files).

Reading package data is the one kind of I/O this package does; it returns domain objects
and caches them, since the files never change while the process runs.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from typing import Any

import yaml

from coursestack.domain import Course, Role, Skill
from coursestack.domain.errors import InvalidInputError

# libyaml's parser when PyYAML was built with it: the same documents, ~8x faster (every CLI
# command reads the taxonomy and roles: 0.4 s of its start-up with the pure-Python parser).
SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """yaml.safe_load, through libyaml when available."""
    return yaml.load(text, Loader=SafeLoader)


def _load_yaml(name: str) -> Any:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return load_yaml(text)


@cache
def skills() -> tuple[Skill, ...]:
    data = _load_yaml("skills.yaml")
    return tuple(Skill.model_validate(item) for item in data["skills"])


@cache
def roles() -> tuple[Role, ...]:
    data = _load_yaml("roles.yaml")
    return tuple(Role.model_validate(item) for item in data["roles"])


@cache
def _outside() -> dict[str, Any]:
    return _load_yaml("outside_topics.yaml") or {}


def outside_topics() -> tuple[str, ...]:
    """Subjects outside the taxonomy's scope that a course may be about
    (outside_topics.yaml; engine.topics)."""
    return tuple(str(t).lower() for t in _outside().get("topics", []))


def outside_skills() -> tuple[str, ...]:
    """Skills a learner may hold that the taxonomy does not track (outside_topics.yaml)."""
    return tuple(str(t).lower() for t in _outside().get("skills", []))


def catalog_fingerprint() -> str:
    """Changes whenever a shipped knowledge file changes; cheap (bytes, no YAML parsing)."""
    digest = hashlib.sha256()
    root = resources.files(__package__)
    names = ["skills.yaml", "roles.yaml"]
    folder = root.joinpath("catalog")
    names += sorted(f"catalog/{e.name}" for e in folder.iterdir() if e.name.endswith(".yaml"))
    for name in names:
        digest.update(name.encode())
        digest.update(root.joinpath(name).read_bytes())
    return digest.hexdigest()[:16]


@cache
def curated_catalog() -> tuple[Course, ...]:
    """Every course of every `catalog/*.yaml` file, in file then listing order."""
    courses: list[Course] = []
    folder = resources.files(__package__).joinpath("catalog")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        data = load_yaml(entry.read_text(encoding="utf-8")) or {}
        for index, item in enumerate(data.get("courses", [])):
            try:
                course = Course.model_validate(item)
            except ValueError as err:
                raise InvalidInputError(
                    f"catalog/{entry.name} course #{index + 1} "
                    f"({item.get('id', '?') if isinstance(item, dict) else '?'}): {err}"
                ) from err
            if "curated" not in course.sources:
                course.sources.append("curated")
            courses.append(course)
    return tuple(courses)
