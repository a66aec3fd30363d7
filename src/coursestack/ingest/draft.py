"""Build a Course from one source record, recording where every field came from."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from coursestack.domain import Course
from coursestack.ingest.fields import (
    canonical_url,
    clean,
    course_id_from_title,
    course_id_from_url,
)
from coursestack.ingest.rows import RowRejected


class Draft:
    """Fields of one course in the making. `set` records provenance: the file and line by
    default, or the rule that inferred the value."""

    def __init__(self, source: str, line: int, platform: str, unit: str = "line") -> None:
        self.source = source
        self.line = line
        self.unit = unit
        self.data: dict[str, Any] = {"platform": platform}
        self.provenance: dict[str, str] = {}

    @property
    def where(self) -> str:
        if self.unit == "item":
            return f"{self.source}#item{self.line}"
        return f"{self.source}:{self.line}"

    def set(self, field: str, value: Any, rule: str | None = None) -> None:
        if value is None:
            return
        self.data[field] = value
        self.provenance[field] = rule or self.where

    def build(self, *, require_host: str | None = None) -> Course:
        """The course; RowRejected when title is missing, the URL is off-platform, or the
        values break a domain rule."""
        title = clean(self.data.get("title"))
        if title is None:
            raise RowRejected("title is missing")
        self.data["title"] = title
        url = self.data.get("url")
        canon = canonical_url(url) if url else None
        if require_host and canon is not None and not canon.split("/", 1)[0].endswith(require_host):
            raise RowRejected(f"url {url!r} is not on {require_host}")
        if canon is not None:
            course_id = course_id_from_url(canon)
        else:
            course_id = course_id_from_title(
                self.data["platform"], self.data.get("provider"), title
            )
        self.data["id"] = course_id
        self.data["provenance"] = dict(self.provenance)
        self.data["sources"] = [self.source]
        try:
            return Course.model_validate(self.data)
        except ValidationError as err:
            first = err.errors()[0]
            loc = ".".join(str(p) for p in first["loc"])
            raise RowRejected(f"{loc}: {first['msg']}") from err
