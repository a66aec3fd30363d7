"""Domain errors. Adapters map them to exit codes / HTTP statuses in one place each.

CoursestackError
├── NotFoundError          an id, title or name that matches nothing (with suggestions)
│   └── AmbiguousError     a name that matches several things (with the candidates)
├── InvalidInputError      a value that breaks a rule (learner file, review, query)
├── ImportFailedError      a catalog file that cannot be read at all
└── PermissionDeniedError  a write without a valid token
"""

from __future__ import annotations


class CoursestackError(Exception):
    """Base of every error we raise on purpose; `str(err)` is the user-facing message."""


class NotFoundError(CoursestackError):
    def __init__(self, kind: str, query: str, suggestions: list[str] | None = None) -> None:
        self.kind = kind
        self.query = query
        self.suggestions = suggestions or []
        msg = f"unknown {kind}: {query!r}"
        if self.suggestions:
            msg += "; closest matches: " + ", ".join(self.suggestions)
        super().__init__(msg)


class AmbiguousError(NotFoundError):
    def __init__(self, kind: str, query: str, candidates: list[str]) -> None:
        super().__init__(kind, query, candidates)
        self.args = (
            f"ambiguous {kind}: {query!r} matches several; use one of: " + ", ".join(candidates),
        )


class InvalidInputError(CoursestackError):
    pass


class ImportFailedError(CoursestackError):
    pass


class PermissionDeniedError(CoursestackError):
    pass
