"""Writes need a token (stored hashed); reviews respect the per-reviewer limit; catalog edits
go through PUT/DELETE; ambiguous titles are 409 with the candidates."""

from __future__ import annotations

from coursestack.store.db import Database
from coursestack.store.reviews import ReviewRepository
from coursestack.store.tables import ApiTokenRow
from coursestack.store.tokens import TokenRepository

from .conftest import TestClient, assert_error_shape

COURSE = "coursera-deep-learning-specialization"


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_add_then_replace_a_review(client: TestClient, token: str, sqlite_db: Database) -> None:
    review = {"reviewer": "ana", "score": 8, "role": "ML engineer", "years": 6, "text": "solid"}
    r = client.post(f"/api/v1/courses/{COURSE}/reviews", json=review, headers=auth(token))
    assert r.status_code == 201, r.text
    assert r.json()["result"] == "added" and r.json()["course_id"] == COURSE
    again = client.post(
        f"/api/v1/courses/{COURSE}/reviews", json={**review, "score": 7}, headers=auth(token)
    )
    assert again.json()["result"] == "replaced"
    listed = client.get(f"/api/v1/courses/{COURSE}/reviews").json()
    assert [(x["reviewer"], x["score"]) for x in listed["reviews"]] == [("ana", 7)]
    with sqlite_db.session() as session:
        assert [h.score for h in ReviewRepository(session).history(COURSE, "ana")] == [8]


def test_review_validation_is_422(client: TestClient, token: str) -> None:
    for bad in (
        {"reviewer": "ana", "score": 11},
        {"reviewer": "   ", "score": 5},
        {"reviewer": "ana", "score": 5, "dimensions": {"fun": 3}},
        {"score": 5},
    ):
        r = client.post(f"/api/v1/courses/{COURSE}/reviews", json=bad, headers=auth(token))
        assert r.status_code == 422, (bad, r.text)
        assert_error_shape(r.json(), "invalid_input")


def test_revoked_token_is_refused(client: TestClient, token: str, sqlite_db: Database) -> None:
    with sqlite_db.session() as session:
        assert TokenRepository(session).revoke("tests") == 1
    r = client.post(
        f"/api/v1/courses/{COURSE}/reviews", json={"reviewer": "a", "score": 5}, headers=auth(token)
    )
    assert r.status_code == 401
    assert "revoked" in str(assert_error_shape(r.json(), "unauthorized")["message"])


def test_tokens_are_stored_hashed(token: str, sqlite_db: Database) -> None:
    with sqlite_db.session() as session:
        stored = [row.token_hash for row in session.query(ApiTokenRow)]
    assert stored and token not in stored and all(len(h) == 64 for h in stored)


def test_per_reviewer_and_per_token_limit(
    client: TestClient, token: str, sqlite_db: Database
) -> None:
    limit = client.app.state.options.reviews_per_hour  # type: ignore[attr-defined]
    courses = [
        c["course_id"]
        for c in client.get("/api/v1/courses", params={"limit": limit + 1}).json()["courses"]
    ]
    statuses = [
        client.post(
            f"/api/v1/courses/{cid}/reviews",
            json={"reviewer": "busy", "score": 6},
            headers=auth(token),
        ).status_code
        for cid in courses
    ]
    assert statuses == [201] * limit + [429]
    # the same token under another reviewer name: the token's own limit (names are free text)
    renamed = client.post(
        f"/api/v1/courses/{courses[-1]}/reviews",
        json={"reviewer": "busy2", "score": 6},
        headers=auth(token),
    )
    assert renamed.status_code == 429 and "API token" in renamed.json()["error"]["message"]
    with sqlite_db.session() as session:
        second = TokenRepository(session).create("other writer")
    other = client.post(
        f"/api/v1/courses/{courses[-1]}/reviews",
        json={"reviewer": "calm", "score": 6},
        headers=auth(second),
    )
    assert other.status_code == 201  # another reviewer with another token


def test_replacing_one_review_counts_toward_the_limit(client: TestClient, token: str) -> None:
    limit = client.app.state.options.reviews_per_hour  # type: ignore[attr-defined]
    cid = client.get("/api/v1/courses", params={"limit": 1}).json()["courses"][0]["course_id"]
    statuses = [
        client.post(
            f"/api/v1/courses/{cid}/reviews",
            json={"reviewer": "eager", "score": 1 + n % 9},  # a new score: each one replaces
            headers=auth(token),
        ).status_code
        for n in range(limit + 1)
    ]
    assert statuses == [201] * limit + [429]


def test_a_future_date_is_refused(client: TestClient, token: str) -> None:
    cid = client.get("/api/v1/courses", params={"limit": 1}).json()["courses"][0]["course_id"]
    late = client.post(
        f"/api/v1/courses/{cid}/reviews",
        json={"reviewer": "zed", "score": 5, "date": "2099-01-01"},
        headers=auth(token),
    )
    assert late.status_code == 422 and "future" in late.text


def test_put_course_then_ambiguous_title_is_409(client: TestClient, token: str) -> None:
    original = client.get(f"/api/v1/courses/{COURSE}").json()
    twin = {"id": "test-twin", "title": original["title"], "platform": "other"}
    r = client.put("/api/v1/courses/test-twin", json=twin, headers=auth(token))
    assert r.status_code == 200 and r.json() == {"course_id": "test-twin", "result": "inserted"}
    amb = client.get(f"/api/v1/courses/{original['title']}")
    assert amb.status_code == 409
    details = assert_error_shape(amb.json(), "ambiguous")["details"]
    assert isinstance(details, dict) and len(details["suggestions"]) == 2
    assert client.delete("/api/v1/courses/test-twin", headers=auth(token)).status_code == 204
    assert client.get(f"/api/v1/courses/{original['title']}").status_code == 200
    assert client.delete("/api/v1/courses/test-twin", headers=auth(token)).status_code == 404


def test_put_course_checks_the_body(client: TestClient, token: str) -> None:
    r = client.put(
        "/api/v1/courses/a-b",
        json={"id": "c-d", "title": "T", "platform": "other"},
        headers=auth(token),
    )
    assert r.status_code == 422
    bad = client.put(
        "/api/v1/courses/a-b",
        json={"id": "a-b", "title": " ", "platform": "other"},
        headers=auth(token),
    )
    assert bad.status_code == 422
