"""Course repository: the only place that reads or writes course rows and their search index."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from functools import cache
from typing import Literal

from sqlalchemy import Column, MetaData, Table, Text, delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from coursestack import knowledge
from coursestack.domain import Course
from coursestack.domain.search_terms import symbol_words
from coursestack.domain.urls import canonical_url
from coursestack.store.meta import MetaRepository
from coursestack.store.tables import CourseRow, CourseSkillRow

UpsertResult = Literal["inserted", "updated", "unchanged"]
CHUNK = 500  # ids per IN (...) list: well under SQLite's bound-parameter limit

# The SQLite full-text table (created by the migration), for set-based statements.
_FTS = Table("courses_fts", MetaData(), Column("course_id", Text), Column("body", Text))


def _chunks(items: Sequence[str]) -> list[Sequence[str]]:
    return [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]


_WORD = re.compile(r"\w+", re.UNICODE)
MIN_PREFIX = 3  # letters of a query's last word before it is also matched as a prefix


@cache
def _skill_names() -> dict[str, str]:
    return {s.id: s.name for s in knowledge.skills()}


def search_text(course: Course) -> str:
    """What full-text search sees: title, provider, platform and the skills taught."""
    names = _skill_names()
    skills = " ".join(names.get(s, s.replace(".", " ")) for s in course.teaches)
    return symbol_words(
        " ".join(filter(None, [course.title, course.provider, course.platform, skills]))
    )


def _row_values(course: Course) -> dict[str, object]:
    return {
        "title": course.title,
        "title_key": course.title.casefold(),
        "provider": course.provider,
        "platform": course.platform,
        "url": course.url,
        "canonical_url": canonical_url(course.url),
        "kind": course.kind.value,
        "level": course.level.value if course.level else None,
        "hours": course.effort.total_hours(),
        "price_model": course.price.model.value if course.price.model else None,
        "search_text": search_text(course),
        "data": course.model_dump_json(),
    }


class CourseRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.dialect = session.get_bind().dialect.name

    # ------------------------------------------------------------------ reads

    def get(self, course_id: str) -> Course | None:
        row = self.session.get(CourseRow, course_id)
        return Course.model_validate_json(row.data) if row else None

    def get_many(self, course_ids: Iterable[str]) -> dict[str, Course]:
        ids = list(course_ids)
        if not ids:
            return {}
        rows = self.session.scalars(select(CourseRow).where(CourseRow.id.in_(ids)))
        return {r.id: Course.model_validate_json(r.data) for r in rows}

    def all(self) -> list[Course]:
        return list(self.each())

    def each(self) -> Iterator[Course]:
        """Every course, by id, parsed one at a time as the rows arrive."""
        rows = self.session.execute(select(CourseRow.data).order_by(CourseRow.id))
        return (Course.model_validate_json(data) for (data,) in rows)

    def page(
        self, *, platform: str | None = None, limit: int | None = None, offset: int = 0
    ) -> list[Course]:
        stmt = select(CourseRow.data).order_by(CourseRow.platform, CourseRow.title_key)
        if platform:
            stmt = stmt.where(CourseRow.platform == platform)
        stmt = stmt.offset(offset)
        if limit is not None:
            stmt = stmt.limit(limit)
        return [Course.model_validate_json(d) for (d,) in self.session.execute(stmt)]

    def count(self, platform: str | None = None) -> int:
        stmt = select(func.count()).select_from(CourseRow)
        if platform:
            stmt = stmt.where(CourseRow.platform == platform)
        return int(self.session.scalar(stmt) or 0)

    def platforms(self) -> list[str]:
        """The platforms the catalog holds courses on, sorted."""
        stmt = select(CourseRow.platform).distinct()
        return sorted(str(p) for p in self.session.scalars(stmt))

    def ids(self) -> set[str]:
        return set(self.session.scalars(select(CourseRow.id)))

    def by_title(self, title: str) -> list[Course]:
        rows = self.session.scalars(
            select(CourseRow).where(CourseRow.title_key == title.casefold())
        )
        return [Course.model_validate_json(r.data) for r in rows]

    def by_canonical_url(self, url: str) -> Course | None:
        key = canonical_url(url)
        if key is None:
            return None
        row = self.session.scalars(
            select(CourseRow).where(CourseRow.canonical_url == key).limit(1)
        ).first()
        return Course.model_validate_json(row.data) if row else None

    def titles(self) -> dict[str, str]:
        """id -> title, for suggestions."""
        return {
            cid: title for cid, title in self.session.execute(select(CourseRow.id, CourseRow.title))
        }

    def with_skill(self, skill_id: str, relation: str = "teaches") -> list[str]:
        stmt = select(CourseSkillRow.course_id).where(
            CourseSkillRow.skill_id == skill_id, CourseSkillRow.relation == relation
        )
        return list(self.session.scalars(stmt))

    def teachers(
        self, skill_id: str, platform: str | None = None, limit: int | None = None
    ) -> list[str]:
        """Ids of the courses teaching `skill_id`, highest level first, then by id (the first
        `limit` of them)."""
        stmt = select(CourseSkillRow.course_id).where(
            CourseSkillRow.skill_id == skill_id, CourseSkillRow.relation == "teaches"
        )
        if platform:
            stmt = stmt.join(CourseRow, CourseRow.id == CourseSkillRow.course_id).where(
                CourseRow.platform == platform
            )
        stmt = stmt.order_by(CourseSkillRow.level.desc(), CourseSkillRow.course_id)
        if limit is not None:
            stmt = stmt.limit(limit)
        return list(self.session.scalars(stmt))

    def search(self, query: str, *, limit: int = 20, platform: str | None = None) -> list[Course]:
        """Full-text search over title, provider, platform and skills (FTS5 / PostgreSQL FTS)."""
        rows = self._search(query, "c.data", limit, platform)
        return [Course.model_validate_json(d) for (d,) in rows]

    def search_ids(self, query: str, *, limit: int = 20, platform: str | None = None) -> list[str]:
        """`search`'s course ids, best first (nothing parsed)."""
        return [v for (v,) in self._search(query, "c.id", limit, platform)]

    def search_hits(
        self, query: str, *, platform: str | None = None
    ) -> list[tuple[str, str, str | None]]:
        """(id, title, language) of every course `search` finds, best first (the language
        read from the JSON by the database, nothing parsed here): for ranking by title
        (`engine.search_rank`)."""
        rows = self._search(query, "hits", None, platform)
        return [
            (str(cid), str(title), None if lang is None else str(lang)) for cid, title, lang in rows
        ]

    def _search(
        self, query: str, columns: str, limit: int | None, platform: str | None
    ) -> list[tuple[str, ...]]:
        words = _WORD.findall(symbol_words(query).lower())
        if not words:
            return []
        # the last word may be typed half-way, but 'r' or 'go' as a prefix matched every
        # word starting so ('statistics in r' found 'Civil Registration ... Statistics in')
        prefix = len(words[-1]) >= MIN_PREFIX
        if self.dialect == "sqlite":
            match = " ".join(f'"{w}"' for w in words[:-1])
            match = (match + f' "{words[-1]}"' + ("*" if prefix else "")).strip()
            sql = (
                "SELECT {cols} FROM courses_fts f JOIN courses c ON c.id = f.course_id "
                "WHERE courses_fts MATCH :q {plat} ORDER BY bm25(courses_fts), c.id {lim}"
            )
        else:
            match = " & ".join([*words[:-1], words[-1] + (":*" if prefix else "")])
            sql = (
                "SELECT {cols} FROM courses c WHERE to_tsvector('english', c.search_text) "
                "@@ to_tsquery('english', :q) {plat} ORDER BY ts_rank("
                "to_tsvector('english', c.search_text), to_tsquery('english', :q)) DESC, "
                "c.title_key, c.id {lim}"
            )
        params: dict[str, object] = {"q": match}
        plat = lim = ""
        if platform:
            plat, params["p"] = "AND c.platform = :p", platform
        if limit is not None:
            lim, params["n"] = "LIMIT :n", limit
        language = (
            "json_extract(c.data, '$.language')"
            if self.dialect == "sqlite"
            else "(c.data::json ->> 'language')"
        )
        cols = {"c.id": "c.id", "c.data": "c.data", "hits": f"c.id, c.title, {language}"}[columns]
        stmt = text(sql.format(cols=cols, plat=plat, lim=lim))  # no user input in the format
        return [tuple(row) for row in self.session.execute(stmt, params)]

    # ------------------------------------------------------------------ writes

    def upsert(self, course: Course) -> UpsertResult:
        values = _row_values(course)
        row = self.session.get(CourseRow, course.id)
        if row is not None and row.data == values["data"]:
            return "unchanged"
        now = datetime.now(UTC).replace(tzinfo=None)
        if row is None:
            self.session.add(CourseRow(id=course.id, updated_at=now, **values))
            result: UpsertResult = "inserted"
        else:
            for key, value in values.items():
                setattr(row, key, value)
            row.updated_at = now
            result = "updated"
            self.session.execute(
                delete(CourseSkillRow).where(CourseSkillRow.course_id == course.id)
            )
        self.session.flush()
        self.session.add_all(
            [
                CourseSkillRow(course_id=course.id, skill_id=s, relation="teaches", level=int(lv))
                for s, lv in course.teaches.items()
            ]
            + [
                CourseSkillRow(course_id=course.id, skill_id=s, relation="assumes", level=int(lv))
                for s, lv in course.assumes.items()
            ]
        )
        self._index(course.id, str(values["search_text"]))
        MetaRepository(self.session).bump("catalog_version")
        return result

    def upsert_many(
        self, courses: Sequence[Course], *, merge_existing: bool = False
    ) -> dict[UpsertResult, int]:
        """Insert or update many in a few set-based statements (imports write thousands).

        With `merge_existing`, facts that only an earlier source had (external rating,
        popularity, sources, provenance) survive the update."""
        counts: dict[UpsertResult, int] = {"inserted": 0, "updated": 0, "unchanged": 0}
        latest = {c.id: c for c in courses}  # the last version of an id wins
        existing: dict[str, str] = {}
        ids = list(latest)
        for chunk in _chunks(ids):
            rows = self.session.execute(
                select(CourseRow.id, CourseRow.data).where(CourseRow.id.in_(chunk))
            )
            existing.update({cid: data for cid, data in rows})
        now = datetime.now(UTC).replace(tzinfo=None)
        inserts: list[dict[str, object]] = []
        updates: list[dict[str, object]] = []
        written: list[Course] = []
        for cid, course in latest.items():
            if merge_existing and cid in existing:
                course = _keep_earlier_facts(course, Course.model_validate_json(existing[cid]))
            values = _row_values(course)
            if cid in existing and existing[cid] == values["data"]:
                counts["unchanged"] += 1
                continue
            target = updates if cid in existing else inserts
            target.append({"id": cid, "updated_at": now, **values})
            counts["updated" if cid in existing else "inserted"] += 1
            written.append(course)
        if not written:
            return counts
        if inserts:
            self.session.execute(insert(CourseRow), inserts)
        if updates:
            self.session.execute(update(CourseRow), updates)
        changed_ids = [str(u["id"]) for u in updates]
        for chunk in _chunks(changed_ids):
            self.session.execute(delete(CourseSkillRow).where(CourseSkillRow.course_id.in_(chunk)))
        skill_rows = [
            {"course_id": c.id, "skill_id": s, "relation": rel, "level": int(lv)}
            for c in written
            for rel, table in (("teaches", c.teaches), ("assumes", c.assumes))
            for s, lv in table.items()
        ]
        if skill_rows:
            self.session.execute(insert(CourseSkillRow), skill_rows)
        if self.dialect == "sqlite":
            for chunk in _chunks(changed_ids):
                self.session.execute(delete(_FTS).where(_FTS.c.course_id.in_(chunk)))
            self.session.execute(
                insert(_FTS),
                [{"course_id": row["id"], "body": row["search_text"]} for row in inserts + updates],
            )
        MetaRepository(self.session).bump("catalog_version")
        return counts

    def delete(self, course_id: str) -> bool:
        row = self.session.get(CourseRow, course_id)
        if row is None:
            return False
        self.session.delete(row)
        if self.dialect == "sqlite":
            self.session.execute(
                text("DELETE FROM courses_fts WHERE course_id = :id"), {"id": course_id}
            )
        MetaRepository(self.session).bump("catalog_version")
        return True

    def _index(self, course_id: str, body: str) -> None:
        if self.dialect != "sqlite":
            return  # PostgreSQL indexes the search_text column itself
        self.session.execute(
            text("DELETE FROM courses_fts WHERE course_id = :id"), {"id": course_id}
        )
        self.session.execute(
            text("INSERT INTO courses_fts (course_id, body) VALUES (:id, :body)"),
            {"id": course_id, "body": body},
        )


def _keep_earlier_facts(new: Course, old: Course) -> Course:
    update: dict[str, object] = {}
    if new.external_rating is None and old.external_rating is not None:
        update["external_rating"] = old.external_rating
    if new.popularity is None and old.popularity is not None:
        update["popularity"] = old.popularity
    sources = list(dict.fromkeys([*new.sources, *old.sources]))
    if sources != new.sources:
        update["sources"] = sources
    provenance = {**old.provenance, **new.provenance}
    if provenance != new.provenance:
        update["provenance"] = provenance
    return new.model_copy(update=update) if update else new
