"""Enumerations shared by every layer. Values are the strings used in YAML, JSON and the DB."""

from __future__ import annotations

from enum import IntEnum, StrEnum


class Level(IntEnum):
    """Depth of a skill, one scale everywhere."""

    NONE = 0  # never met it
    AWARE = 1  # can explain it
    PRACTISED = 2  # did it in guided labs
    APPLIED = 3  # does it independently, on real data
    PRODUCTION = 4  # production / expert

    @property
    def label(self) -> str:
        return _LEVEL_LABELS[self]


_LEVEL_LABELS = {
    Level.NONE: "none",
    Level.AWARE: "aware",
    Level.PRACTISED: "practised",
    Level.APPLIED: "applied",
    Level.PRODUCTION: "production",
}


class Weight(IntEnum):
    """How much a role needs a skill."""

    USEFUL = 1
    IMPORTANT = 2
    CORE = 3

    @property
    def label(self) -> str:
        return self.name.lower()


class CourseKind(StrEnum):
    COURSE = "course"
    SPECIALIZATION = "specialization"
    PROFESSIONAL_CERTIFICATE = "professional-certificate"
    PROGRAM = "program"  # MicroMasters, XSeries, Nanodegree, university online programs
    GUIDED_PROJECT = "guided-project"
    SHORT_COURSE = "short-course"
    BOOTCAMP = "bootcamp"
    FREE_COURSE = "free-course"


class CourseLevel(StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"
    MIXED = "mixed"


class PriceModel(StrEnum):
    FREE = "free"
    FREE_AUDIT = "free-audit"  # free to learn, pay for the certificate
    SUBSCRIPTION = "subscription"  # amount is per month
    ONE_TIME = "one-time"


class CertificateKind(StrEnum):
    NONE = "none"
    PLATFORM = "platform"
    UNIVERSITY = "university"  # university-affiliated
    VENDOR = "vendor"  # cloud / tool vendor (Google, AWS, IBM, ...)


class Pedagogy(StrEnum):
    THEORY_FIRST = "theory-first"
    CODE_FIRST = "code-first"
    MIXED = "mixed"


class HandsOn(StrEnum):
    NONE = "none"
    GUIDED_LABS = "guided-labs"
    INDEPENDENT_PROJECTS = "independent-projects"
    CAPSTONE = "capstone"


class DataRealism(StrEnum):
    CLEAN = "clean"
    REAL_MESSY = "real-messy"


class Need(StrEnum):
    PORTFOLIO = "portfolio"
    CERTIFICATE = "certificate"


class PaceProfile(StrEnum):
    FAST = "fast"
    STANDARD = "standard"
    THOROUGH = "thorough"
