"""One JSON error shape everywhere: domain errors, validation, unknown routes, wrong methods,
bad JSON, auth failures, crashes — and every documented error response uses it."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI

from coursestack.api.app import create_app
from coursestack.api.errors import classify
from coursestack.domain import (
    AmbiguousError,
    CoursestackError,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
)
from coursestack.store.db import Database

from .conftest import EXAMPLE_LEARNER, TEST_OPTIONS, TestClient, assert_error_shape

FAILING: list[tuple[str, str, dict[str, Any], int, str]] = [
    ("GET", "/api/v1/nowhere", {}, 404, "not_found"),
    ("GET", "/api/v1/courses/no-such-course", {}, 404, "not_found"),
    ("DELETE", "/api/v1/skills", {}, 405, "method_not_allowed"),
    ("GET", "/api/v1/courses", {"params": {"limit": "many"}}, 422, "invalid_input"),
    ("GET", "/api/v1/search", {}, 422, "invalid_input"),  # q missing
    (
        "POST",
        "/api/v1/plans",
        {"content": b"{not json", "headers": {"content-type": "application/json"}},
        422,
        "invalid_input",
    ),
    (
        "POST",
        "/api/v1/plans",
        {"json": {**EXAMPLE_LEARNER, "hours_per_week": -1}},
        422,
        "invalid_input",
    ),
    (
        "POST",
        "/api/v1/plans",
        {"json": {**EXAMPLE_LEARNER, "skills": {"python": 9}}},
        422,
        "invalid_input",
    ),
    (
        "POST",
        "/api/v1/plans",
        {"json": {**EXAMPLE_LEARNER, "colour": "blue"}},
        422,
        "invalid_input",
    ),
    (
        "POST",
        "/api/v1/plans",
        {"json": {**EXAMPLE_LEARNER, "goal": "astronaut"}},
        422,
        "unknown_name",
    ),
    (
        "POST",
        "/api/v1/gaps",
        {"json": {"learner": EXAMPLE_LEARNER, "after": ["no such course"]}},
        422,
        "unknown_name",
    ),
    ("POST", "/api/v1/courses/no-such-course/fit", {"json": EXAMPLE_LEARNER}, 404, "not_found"),
    (
        "POST",
        "/api/v1/courses/coursera-deep-learning-specialization/reviews",
        {"json": {"reviewer": "a", "score": 5}},
        401,
        "unauthorized",
    ),
    (
        "POST",
        "/api/v1/courses/coursera-deep-learning-specialization/reviews",
        {"json": {"reviewer": "a", "score": 5}, "headers": {"Authorization": "Bearer cs_wrong"}},
        401,
        "unauthorized",
    ),
    ("PUT", "/api/v1/courses/x", {"json": {}}, 401, "unauthorized"),
    (
        "GET",
        "/api/v1/reviews/ranking",
        {"params": {"skill": "x", "role": "y"}},
        422,
        "invalid_input",
    ),
    (
        "GET",
        "/api/v1/courses/coursera-deep-learning-specialization/guide",
        {"params": {"format": "pdf"}},
        422,
        "invalid_input",
    ),
    # an unknown role in the query is bad input, as in a plan's body (it was 404)
    (
        "GET",
        "/api/v1/courses/coursera-deep-learning-specialization/guide",
        {"params": {"goal": "astronaut"}},
        422,
        "unknown_name",
    ),
]


@pytest.mark.parametrize(("method", "path", "kwargs", "status", "code"), FAILING)
def test_every_error_has_the_one_shape(
    client: TestClient, method: str, path: str, kwargs: dict[str, Any], status: int, code: str
) -> None:
    r = client.request(method, path, **kwargs)
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    assert_error_shape(r.json(), code)


def test_validation_message_names_the_field(client: TestClient) -> None:
    r = client.post("/api/v1/plans", json={**EXAMPLE_LEARNER, "hours_per_week": 0})
    err = assert_error_shape(r.json(), "invalid_input")
    assert "hours_per_week" in str(err["message"]) and "greater than or equal to 0.5" in str(
        err["message"]
    )


def test_405_lists_every_allowed_method(client: TestClient) -> None:
    r = client.patch("/api/v1/courses/coursera-deep-learning-specialization")
    assert r.status_code == 405
    assert r.headers["allow"] == "DELETE, GET, PUT"
    assert_error_shape(r.json(), "method_not_allowed")


def test_unparseable_body_is_422(client: TestClient) -> None:
    r = client.post(
        "/api/v1/plans", content=b"\xff\xfe{", headers={"content-type": "application/json"}
    )
    assert r.status_code == 422
    assert_error_shape(r.json(), "invalid_input")


def test_unauthorized_says_how_to_authenticate(client: TestClient) -> None:
    r = client.put("/api/v1/courses/x", json={})
    assert r.headers["www-authenticate"] == "Bearer"


def test_a_crash_is_a_500_in_the_shape_without_internals(sqlite_db: Database) -> None:
    app = create_app(database=sqlite_db, options=TEST_OPTIONS, prepare=False)

    @app.get("/api/v1/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/api/v1/boom")
    assert r.status_code == 500
    err = assert_error_shape(r.json(), "internal")
    assert "secret" not in str(err["message"])


def test_html_pages_get_an_html_error_page(client: TestClient) -> None:
    r = client.get("/courses/no-such-course", headers={"accept": "text/html"})
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "unknown course" in r.text
    api = client.get("/api/v1/courses/no-such-course", headers={"accept": "text/html"})
    assert api.headers["content-type"].startswith("application/json")


@pytest.mark.parametrize(
    ("err", "status"),
    [
        (AmbiguousError("course", "x", ["a", "b"]), 409),
        (NotFoundError("course", "x"), 404),
        (InvalidInputError("bad"), 422),
        (PermissionDeniedError("no"), 403),
        (CoursestackError("other"), 500),
    ],
)
def test_status_mapping(err: CoursestackError, status: int) -> None:
    assert classify(err)[0] == status


def _documented_error_schemas(app: FastAPI) -> list[tuple[str, str, str, dict[str, Any]]]:
    spec = app.openapi()
    out = []
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            for status, resp in op.get("responses", {}).items():
                if status.startswith(("4", "5")):
                    schema = resp.get("content", {}).get("application/json", {}).get("schema", {})
                    out.append((path, method, status, schema))
    return out


def test_openapi_documents_the_error_shape(client: TestClient) -> None:
    documented = _documented_error_schemas(client.app)  # type: ignore[arg-type]
    assert documented
    for path, method, status, schema in documented:
        if "$ref" in schema:  # FastAPI's own 422 entry is replaced below
            pytest.fail(f"{method} {path} {status} documents {schema['$ref']}")
        assert schema.get("required") == ["error"], (path, method, status, schema)


@pytest.mark.parametrize(
    "change",
    [
        {"completed": ["z" * 10_000]},  # fuzzy matching it held a worker for seconds
        {"skills": {"z" * 10_000: 2}},
        {"skills": {"python": True}},  # not level 1
        {"budget": True},  # not 1 USD
        {"hours_per_week": 0.0001},  # a calendar of 26,950 weeks
    ],
)
def test_names_are_bounded_and_types_strict(client: TestClient, change: dict[str, Any]) -> None:
    r = client.post("/api/v1/plans", json={**EXAMPLE_LEARNER, **change})
    assert r.status_code == 422, r.text
    assert_error_shape(r.json(), "invalid_input")
