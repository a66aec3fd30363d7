"""Catalog reads through the JSON API agree with the catalog service."""

from __future__ import annotations

from urllib.parse import quote, unquote

from coursestack.services import catalog
from coursestack.store.db import Database

from .conftest import TestClient, assert_error_shape


def test_list_pages_through_the_whole_catalog(client: TestClient, sqlite_db: Database) -> None:
    with sqlite_db.session() as session:
        expected = [c.id for c in catalog.list_courses(session)]
    seen: list[str] = []
    offset = 0
    while True:
        r = client.get("/api/v1/courses", params={"limit": 100, "offset": offset})
        assert r.status_code == 200
        body = r.json()
        assert body["total"] == len(expected)
        if not body["courses"]:
            break
        seen += [c["course_id"] for c in body["courses"]]
        offset += 100
    assert seen == expected


def test_list_by_platform(client: TestClient) -> None:
    body = client.get("/api/v1/courses", params={"platform": "kaggle-learn", "limit": 500}).json()
    assert body["courses"] and {c["platform"] for c in body["courses"]} == {"kaggle-learn"}
    assert body["total"] == len(body["courses"])


def test_search_matches_the_service(client: TestClient, sqlite_db: Database) -> None:
    r = client.get("/api/v1/search", params={"q": "feature engineering"})
    assert r.status_code == 200
    with sqlite_db.session() as session:
        expected = [c.id for c in catalog.search_courses(session, "feature engineering")]
    assert [c["course_id"] for c in r.json()] == expected
    assert expected
    first = r.json()[0]
    for key in ("course_id", "title", "platform", "provider"):
        assert key in first


def test_search_for_a_word_naming_several_skills_is_a_text_search(
    client: TestClient, sqlite_db: Database
) -> None:
    # 'optimization' is an alias of more than one skill: a text search, not a 409
    assert catalog.taxonomy().lookup("optimization") is None
    r = client.get("/api/v1/search", params={"q": "optimization"})
    assert r.status_code == 200
    with sqlite_db.session() as session:
        expected = [c.id for c in catalog.search_courses(session, "optimization")]
    assert [c["course_id"] for c in r.json()] == expected


def test_show_by_id_and_by_title(client: TestClient) -> None:
    by_id = client.get("/api/v1/courses/coursera-deep-learning-specialization")
    assert by_id.status_code == 200
    course = by_id.json()
    assert course["course_id"] == course["id"] == "coursera-deep-learning-specialization"
    by_title = client.get(f"/api/v1/courses/{course['title'].upper()}")
    assert by_title.status_code == 200 and by_title.json()["id"] == course["id"]
    # read as the CLI reads it: a spelling away, or the first words of one title; the
    # course's reviews likewise
    for near in ("Deep Learning Specialisation", "Machine Learning Specialization"):
        hit = client.get(f"/api/v1/courses/{near}")
        assert hit.status_code == 200, near
    reviews = client.get("/api/v1/courses/Deep Learning Specialisation/reviews")
    assert reviews.status_code == 200


def test_a_misspelt_search_says_the_query_it_searched(client: TestClient) -> None:
    r = client.get("/api/v1/search", params={"q": "machne lerning"})
    assert r.status_code == 200 and r.json()
    assert unquote(r.headers["x-corrected-query"]) == "machine learning"
    plain = client.get("/api/v1/search", params={"q": "machine learning"})
    assert "x-corrected-query" not in plain.headers
    page = client.get("/search", params={"q": "machne lerning"})
    assert page.status_code == 200 and "showing matches for “machine learning”" in page.text


def test_a_course_by_its_address_in_the_path(client: TestClient) -> None:
    course = client.get("/api/v1/courses/coursera-deep-learning-specialization").json()
    address = course["url"]
    assert address and "/" in address
    # percent-encoded or not: the router decodes %2F before matching
    for path in (quote(address, safe=""), address, quote(address.split("://")[1], safe="")):
        for suffix, key in (("", "id"), ("/guide", "course_id"), ("/reviews", "course_id")):
            r = client.get(f"/api/v1/courses/{path}{suffix}")
            assert r.status_code == 200 and r.json()[key] == course["id"], (path, suffix)
    learner = {"skills": {"python": 2}, "goal": "ml-engineer", "hours_per_week": 5}
    fit = client.post(f"/api/v1/courses/{quote(address, safe='')}/fit", json=learner)
    assert fit.status_code == 200 and fit.json()["course_id"] == course["id"]
    missing = client.get(f"/api/v1/courses/{quote('https://example.org/none', safe='')}/guide")
    assert missing.status_code == 404


def test_unknown_course_is_404_with_suggestions(client: TestClient) -> None:
    r = client.get("/api/v1/courses/deep-lerning-specialisation")
    assert r.status_code == 404
    err = assert_error_shape(r.json(), "not_found")
    details = err["details"]
    assert isinstance(details, dict) and details["kind"] == "course"
    assert any("deep" in s.lower() for s in details["suggestions"])


def test_skills_and_roles(client: TestClient) -> None:
    skills = client.get("/api/v1/skills").json()
    assert len(skills) == len(catalog.list_skills())
    python = client.get("/api/v1/skills/python")  # an alias
    assert python.status_code == 200 and python.json()["id"] == "prog.python"
    assert client.get("/api/v1/skills/no-such-skill-xyz").status_code == 404
    roles = client.get("/api/v1/roles").json()
    assert {r["id"] for r in roles} == {r.id for r in catalog.list_roles()}
    role = client.get("/api/v1/roles/ml-engineer").json()
    assert role["requirements"]
    r = client.get("/api/v1/roles/ml-enginer")
    assert r.status_code == 404
    assert "ml-engineer" in assert_error_shape(r.json())["details"]["suggestions"]  # type: ignore[index]


def test_platforms(client: TestClient, sqlite_db: Database) -> None:
    body = client.get("/api/v1/platforms").json()
    with sqlite_db.session() as session:
        courses = catalog.list_courses(session)
    assert sum(p["courses"] for p in body) == len(courses)
    assert {p["platform"] for p in body} == {c.platform for c in courses}


def test_health(client: TestClient) -> None:
    body = client.get("/api/v1/health").json()
    assert body["status"] == "ok" and body["database"] == "sqlite" and body["courses"] > 100


def test_openapi_is_published(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    for path in (
        "/api/v1/courses",
        "/api/v1/search",
        "/api/v1/courses/{course}",
        "/api/v1/plans",
        "/api/v1/gaps",
        "/api/v1/courses/{course}/fit",
        "/api/v1/courses/{course}/guide",
        "/api/v1/courses/{course}/reviews",
        "/api/v1/skills",
        "/api/v1/roles",
        "/api/v1/platforms",
    ):
        assert path in spec["paths"], path
    assert not any(p.startswith("/courses") for p in spec["paths"])  # web pages stay out
