"""SQLAlchemy 2 table definitions (the schema migrations create)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class CourseRow(Base):
    """One course. Queried columns are real columns; the whole domain object is `data` (JSON
    text), so a round trip never loses a field the columns do not model."""

    __tablename__ = "courses"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    title_key: Mapped[str] = mapped_column(String(500), index=True)  # lowercased title
    provider: Mapped[str | None] = mapped_column(String(300))
    platform: Mapped[str] = mapped_column(String(60), index=True)
    url: Mapped[str | None] = mapped_column(String(1000))
    canonical_url: Mapped[str | None] = mapped_column(String(1000), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    level: Mapped[str | None] = mapped_column(String(20))
    hours: Mapped[float | None] = mapped_column(Float)
    price_model: Mapped[str | None] = mapped_column(String(20))
    search_text: Mapped[str] = mapped_column(Text)
    data: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class CourseSkillRow(Base):
    __tablename__ = "course_skills"

    course_id: Mapped[str] = mapped_column(
        String(200), ForeignKey("courses.id", ondelete="CASCADE"), primary_key=True
    )
    skill_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    relation: Mapped[str] = mapped_column(String(10), primary_key=True)  # teaches | assumes
    level: Mapped[int] = mapped_column(Integer)

    __table_args__ = (Index("ix_course_skills_skill", "skill_id", "relation"),)


class ReviewRow(Base):
    """The current review of one reviewer for one course."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    course_id: Mapped[str] = mapped_column(
        String(200), ForeignKey("courses.id", ondelete="CASCADE"), index=True
    )
    reviewer: Mapped[str] = mapped_column(String(120))
    reviewer_role: Mapped[str | None] = mapped_column(String(120))
    years: Mapped[float | None] = mapped_column(Float)
    score: Mapped[float] = mapped_column(Float)
    dimensions: Mapped[str] = mapped_column(Text, default="{}")  # JSON object
    text: Mapped[str | None] = mapped_column(Text)
    review_date: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # the API token's name that wrote this version (None: the CLI, a file import)
    written_by: Mapped[str | None] = mapped_column(String(120), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __table_args__ = (UniqueConstraint("course_id", "reviewer", name="uq_review_reviewer"),)


class ReviewHistoryRow(Base):
    """Earlier versions of a review, kept when an edit replaces it."""

    __tablename__ = "review_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    course_id: Mapped[str] = mapped_column(String(200), index=True)
    reviewer: Mapped[str] = mapped_column(String(120))
    reviewer_role: Mapped[str | None] = mapped_column(String(120))
    years: Mapped[float | None] = mapped_column(Float)
    score: Mapped[float] = mapped_column(Float)
    dimensions: Mapped[str] = mapped_column(Text, default="{}")
    text: Mapped[str | None] = mapped_column(Text)
    review_date: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # the API token's name that wrote this version (None: the CLI, a file import)
    written_by: Mapped[str | None] = mapped_column(String(120), index=True)
    version: Mapped[int] = mapped_column(Integer)
    replaced_at: Mapped[datetime] = mapped_column(DateTime)


class ApiTokenRow(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(120))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 hex
    created_at: Mapped[datetime] = mapped_column(DateTime)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class MetaRow(Base):
    """Small key/value facts: catalog version counter, curated catalog fingerprint."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
