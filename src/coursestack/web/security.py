"""Security headers for every response and CSRF protection for the HTML forms.

CSRF: double-submit cookie. A page with a form sets a random `csrftoken` cookie
(SameSite=Strict, HttpOnly) and puts the same value in a hidden field; a POST is accepted only
when both are present and equal. Another site can make a browser send the cookie (not with
SameSite=Strict) but cannot read it to fill in the field. No server secret is needed, so any
worker process can check any form."""

from __future__ import annotations

import hmac
import re
import secrets

from fastapi import Request
from fastapi.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from coursestack.domain import PermissionDeniedError

CSRF_COOKIE = "csrftoken"
CSRF_FIELD = "csrf_token"
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{32,64}$")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
]


class SecurityHeadersMiddleware:
    """Adds the CSP and friends to every HTTP response (pure ASGI: no per-request task)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _v in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def csrf_token(request: Request) -> str:
    """The request's CSRF token: the cookie's when it has a well-formed one, else a new one
    (remember to `set_csrf_cookie` on the response)."""
    current = request.cookies.get(CSRF_COOKIE, "")
    return current if _TOKEN_RE.match(current) else secrets.token_urlsafe(32)


def set_csrf_cookie(response: Response, token: str, *, secure: bool) -> None:
    response.set_cookie(
        CSRF_COOKIE, token, httponly=True, samesite="strict", secure=secure, path="/"
    )


def check_csrf(request: Request, submitted: object) -> None:
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not (
        isinstance(submitted, str)
        and _TOKEN_RE.match(cookie)
        and hmac.compare_digest(cookie.encode(), submitted.encode())
    ):
        raise PermissionDeniedError(
            "the form's security token is missing or stale; reload the page and submit again"
        )
