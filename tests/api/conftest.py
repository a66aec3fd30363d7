"""The service in-process: the FastAPI app over a seeded SQLite copy, a test client, a token."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import pytest
from starlette.exceptions import StarletteDeprecationWarning

from coursestack.api.app import create_app
from coursestack.api.config import ServiceOptions
from coursestack.store.db import Database
from coursestack.store.tokens import TokenRepository

with warnings.catch_warnings():
    # Starlette nudges towards httpx2; httpx is what the dev extras install.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

TEST_OPTIONS = ServiceOptions(plan_time_limit=30.0, plan_concurrency=2, reviews_per_hour=5)
EXAMPLE_LEARNER = {
    "skills": {"python": 2, "linear-algebra": 1, "calculus": 1},
    "completed": ["Machine Learning Specialization"],
    "goal": "ml-engineer",
    "hours_per_week": 9,
    "budget": 600,
    "deadline_weeks": 52,
    "needs": ["portfolio"],
}


def make_client(db: Database, options: ServiceOptions = TEST_OPTIONS) -> TestClient:
    return TestClient(create_app(database=db, options=options, prepare=False))


@pytest.fixture
def client(sqlite_db: Database) -> Iterator[TestClient]:
    with make_client(sqlite_db) as c:
        yield c


@pytest.fixture
def token(sqlite_db: Database) -> str:
    with sqlite_db.session() as session:
        return TokenRepository(session).create("tests")


def assert_error_shape(body: object, code: str | None = None) -> dict[str, object]:
    """The one error shape: {"error": {"code": str, "message": str, "details": ...}}."""
    assert isinstance(body, dict) and set(body) == {"error"}, body
    err = body["error"]
    assert isinstance(err, dict) and set(err) == {"code", "message", "details"}, err
    assert isinstance(err["code"], str) and err["code"]
    assert isinstance(err["message"], str) and err["message"]
    if code is not None:
        assert err["code"] == code, err
    return err
