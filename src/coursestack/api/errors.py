"""The one place where errors become HTTP statuses and the one JSON error shape.

Every error response, from a route, a validation failure, an unknown path or a crash, is
    {"error": {"code": str, "message": str, "details": object | null}}
(web pages get the same code and message rendered as an HTML page instead).

Status choices:
- NotFoundError (unknown id or name in the path or query) -> 404, details: kind, query,
  suggestions (the closest matches).
- AmbiguousError (a title matching several courses) -> 409 Conflict, details: the candidates.
  Not 404: the name does match; the client has to pick one of the candidates.
- A name inside a submitted body that matches nothing (unknown skill in a learner, ...) -> 422
  (the request is well-formed but cannot be processed); routes mark such names with
  `names_in_body()`.
- InvalidInputError, ImportFailedError and request validation -> 422.
- Missing or invalid API token -> 401 (with WWW-Authenticate: Bearer); a valid token that
  may not do this -> 403; a per-reviewer write limit reached -> 429.
- Planner over its time limit or out of capacity -> 503 with Retry-After; database down -> 503.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from coursestack.domain import (
    AmbiguousError,
    CoursestackError,
    ImportFailedError,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
)
from coursestack.store.db import DatabaseError

log = logging.getLogger("coursestack.api")


class AuthenticationRequiredError(PermissionDeniedError):
    """No token, or a token that is unknown or revoked."""


class RateLimitedError(PermissionDeniedError):
    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ServiceBusyError(CoursestackError):
    """The work did not finish in time (or could not start); try again later."""

    def __init__(self, message: str, retry_after: int = 2) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class UnknownNameInBodyError(InvalidInputError):
    """A NotFoundError about a name the client submitted in a body: 422, suggestions kept."""

    def __init__(self, err: NotFoundError) -> None:
        super().__init__(str(err))
        self.kind, self.query, self.suggestions = err.kind, err.query, err.suggestions


@contextmanager
def names_in_body() -> Iterator[None]:
    """Within this block, unknown names come from the request body: 422, not 404."""
    try:
        yield
    except NotFoundError as err:
        raise UnknownNameInBodyError(err) from err


# ------------------------------------------------------------------ the shape


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details}}


ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "details"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "details": {},
            },
        }
    },
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entries documenting the error shape for these statuses."""
    descriptions = {
        401: "Missing or invalid API token",
        403: "Not allowed",
        404: "Unknown id or name (details.suggestions lists the closest matches)",
        409: "Ambiguous name (details.suggestions lists the candidates)",
        422: "Invalid input",
        429: "Write limit reached",
        503: "Busy or over the time limit; retry later",
    }
    return {
        s: {
            "description": descriptions.get(s, "Error"),
            "content": {"application/json": {"schema": ERROR_SCHEMA}},
        }
        for s in statuses
    }


def classify(err: CoursestackError) -> tuple[int, str, Any]:
    """(HTTP status, error code, details) for a domain error."""
    if isinstance(err, AmbiguousError):
        return (
            409,
            "ambiguous",
            {"kind": err.kind, "query": err.query, "suggestions": err.suggestions},
        )
    if isinstance(err, NotFoundError):
        return (
            404,
            "not_found",
            {"kind": err.kind, "query": err.query, "suggestions": err.suggestions},
        )
    if isinstance(err, UnknownNameInBodyError):
        details = {"kind": err.kind, "query": err.query, "suggestions": err.suggestions}
        return 422, "unknown_name", details
    if isinstance(err, (InvalidInputError, ImportFailedError)):
        return 422, "invalid_input", None
    if isinstance(err, AuthenticationRequiredError):
        return 401, "unauthorized", None
    if isinstance(err, RateLimitedError):
        return 429, "rate_limited", {"retry_after": err.retry_after}
    if isinstance(err, PermissionDeniedError):
        return 403, "forbidden", None
    if isinstance(err, ServiceBusyError):
        return 503, "busy", {"retry_after": err.retry_after}
    if isinstance(err, DatabaseError):
        return 503, "database_unavailable", None
    return 500, "internal", None


def _headers(err: Exception, status: int) -> dict[str, str]:
    headers: dict[str, str] = {}
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    retry = getattr(err, "retry_after", None)
    if retry is not None:
        headers["Retry-After"] = str(retry)
    return headers


_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_input",
    429: "rate_limited",
}


def _validation_message(errors: list[dict[str, Any]]) -> str:
    parts = []
    for e in errors[:10]:
        loc = [str(x) for x in e.get("loc", ()) if x not in ("body", "query", "path")]
        where = ".".join(loc) or "request"
        parts.append(f"{where}: {e.get('msg', 'invalid')}")
    more = f" (and {len(errors) - 10} more)" if len(errors) > 10 else ""
    return "invalid request: " + "; ".join(parts) + more


def _validation_details(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # ctx and input may hold arbitrary objects (exceptions, bytes): keep what is JSON-safe
    return [
        {
            "loc": [str(x) for x in e.get("loc", ())],
            "msg": str(e.get("msg", "")),
            "type": str(e.get("type", "")),
        }
        for e in errors
    ]


_METHODS = ("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT")


def allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at this path. Starlette names only the first matching
    route's methods, and GET and POST of one path are often two routes, so ask the router
    about each method in turn."""
    allowed = []
    for method in _METHODS:
        scope = {**request.scope, "method": method}
        if any(route.matches(scope)[0] == Match.FULL for route in request.app.router.routes):
            allowed.append(method)
    return allowed


# ------------------------------------------------------------------ rendering


# Set by the web layer on app.state: renders an HTML error page for browsers, or None.
HtmlRenderer = Callable[[Request, int, str, str], Response | None]


def _render(
    request: Request, status: int, code: str, message: str, details: Any, headers: dict[str, str]
) -> Response:
    renderer: HtmlRenderer | None = getattr(request.app.state, "html_error_renderer", None)
    if renderer is not None and not request.url.path.startswith("/api"):
        page = renderer(request, status, code, message)
        if page is not None:
            page.headers.update(headers)
            return page
    return JSONResponse(error_body(code, message, details), status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    """Register the handlers that give every error the one shape."""

    async def domain_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, CoursestackError)
        status, code, details = classify(exc)
        if status >= 500:
            log.error("%s %s failed: %s", request.method, request.url.path, exc)
        return _render(request, status, code, str(exc), details, _headers(exc, status))

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        errors = list(exc.errors())
        return _render(
            request,
            422,
            "invalid_input",
            _validation_message(errors),
            _validation_details(errors),
            {},
        )

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        status = exc.status_code
        headers = dict(exc.headers or {})
        message = exc.detail if isinstance(exc.detail, str) else ""
        if status == 400:
            # a body that is not parseable JSON (bad bytes, bad encoding): invalid input too
            status, message = 422, f"invalid request body: {message or 'cannot be parsed'}"
        elif status == 404 and message == "Not Found":
            message = f"no such page or endpoint: {request.url.path}"
        elif status == 405:
            allowed = allowed_methods(request)
            headers["Allow"] = ", ".join(allowed)
            message = f"{request.method} is not allowed here; use {' or '.join(allowed)}"
        code = _HTTP_CODES.get(status, "http_error")
        return _render(request, status, code, message or code.replace("_", " "), None, headers)

    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("%s %s crashed", request.method, request.url.path, exc_info=exc)
        return _render(request, 500, "internal", "internal error; it has been logged", None, {})

    app.add_exception_handler(CoursestackError, domain_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, crash)
