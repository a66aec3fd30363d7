"""Canonical course URLs: the identity key that merges one course seen in several sources."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

_DROP_HOST_PREFIXES = ("www.", "m.")


@lru_cache(maxsize=1 << 16)  # an import asks about each row's URL several times
def canonical_url(url: str | None) -> str | None:
    """'HTTPS://www.Coursera.org/learn/ml/?utm=x#top' -> 'coursera.org/learn/ml'.

    Scheme, 'www.', query, fragment, trailing slashes and case are dropped (course sites'
    slugs are case-insensitive). None for a value that is not a URL at all (no host)."""
    if url is None:
        return None
    text = url.strip().strip("\"'<>")
    if not text:
        return None
    if "://" not in text:
        text = "https://" + text.lstrip("/")
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if not host or "." not in host or " " in host:
        return None
    for prefix in _DROP_HOST_PREFIXES:
        if host.startswith(prefix):
            host = host[len(prefix) :]
    path = parts.path.rstrip("/")
    while "//" in path:
        path = path.replace("//", "/")
    return (host + path).lower()


def looks_like_url(text: str) -> bool:
    """A course named by its address ('https://www.udemy.com/course/x/', 'coursera.org/learn/
    ml') rather than by id or title: a scheme, or a host with a path and no spaces."""
    t = text.strip()
    if "://" in t:
        return True
    head, slash, _rest = t.partition("/")
    return bool(slash) and " " not in t and "." in head and not head.startswith(".")
