"""The one place where domain errors become exit codes and messages."""

from __future__ import annotations

from coursestack.domain import (
    CoursestackError,
    ImportFailedError,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
)

EXIT_USAGE = 2  # bad input: unknown or ambiguous names, invalid files or values
EXIT_FAILURE = 1  # the input was fine but the work failed (database down, ...)


def exit_code_for(err: CoursestackError) -> int:
    if isinstance(err, (NotFoundError, InvalidInputError, ImportFailedError)):
        return EXIT_USAGE
    if isinstance(err, PermissionDeniedError):
        return EXIT_USAGE
    return EXIT_FAILURE
