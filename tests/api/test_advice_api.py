"""Gaps, fit and plans through the API: the DESIGN.md contracts, the same answers as the
services, unknown names as 422 with suggestions, and the planner's deadline as a 503."""

from __future__ import annotations

import threading
import time
from typing import Any, get_args

import pytest

from coursestack.api.config import ServiceOptions
from coursestack.api.routes.advice import Objective
from coursestack.engine import planner
from coursestack.services import advise
from coursestack.store.db import Database

from .conftest import EXAMPLE_LEARNER, TestClient, assert_error_shape, make_client

PLAN_KEYS = {"goal", "steps", "total_weeks", "total_hours", "total_cost", "coverage",
             "uncovered", "alternatives", "coverage_by_skill"}  # fmt: skip
STEP_KEYS = {"course_id", "title", "platform", "start_week", "end_week", "hours", "cost",
             "closes", "why"}  # fmt: skip


def test_plan_contract_and_same_answer_as_the_service(
    client: TestClient, sqlite_db: Database
) -> None:
    r = client.post("/api/v1/plans", json=EXAMPLE_LEARNER)
    assert r.status_code == 200, r.text
    plan = r.json()
    assert set(plan) >= PLAN_KEYS
    assert plan["steps"] and all(set(s) >= STEP_KEYS for s in plan["steps"])
    assert 0 <= plan["coverage"]["before"] <= plan["coverage"]["after"] <= 1
    for row in plan["coverage_by_skill"]:
        assert 0 <= row["before"] <= row["after"] <= 4 and row["need"] >= 1
    expected = advise.make_plan(sqlite_db, EXAMPLE_LEARNER)
    assert [s["course_id"] for s in plan["steps"]] == [s["course_id"] for s in expected["steps"]]


def test_plan_objective_is_a_query_parameter(client: TestClient, sqlite_db: Database) -> None:
    assert set(get_args(Objective)) == set(planner.OBJECTIVES)
    differs = False
    for objective in ("fastest", "cheapest"):
        r = client.post(f"/api/v1/plans?objective={objective}", json=EXAMPLE_LEARNER)
        assert r.status_code == 200, r.text
        expected = advise.make_plan(sqlite_db, EXAMPLE_LEARNER, objective=objective)
        steps = [s["course_id"] for s in r.json()["steps"]]
        assert steps == [s["course_id"] for s in expected["steps"]]
        balanced = advise.make_plan(sqlite_db, EXAMPLE_LEARNER)
        differs |= steps != [s["course_id"] for s in balanced["steps"]]
    assert differs  # the parameter reached the planner (some objective changes the plan)
    bad = client.post("/api/v1/plans?objective=quickest", json=EXAMPLE_LEARNER)
    assert bad.status_code == 422


def test_gaps_and_fit(client: TestClient, sqlite_db: Database) -> None:
    gaps = client.post("/api/v1/gaps", json={"learner": EXAMPLE_LEARNER}).json()
    assert gaps["goal"] == "ml-engineer" and gaps["gaps"]
    assert {"skill", "have", "need", "weight"} <= set(gaps["gaps"][0])
    course = "coursera-deep-learning-specialization"
    after = client.post("/api/v1/gaps", json={"learner": EXAMPLE_LEARNER, "after": [course]}).json()
    assert after["coverage"] >= gaps["coverage"]
    # the learner flat, as /plans and /fit take it, reads the same
    flat = client.post("/api/v1/gaps", json={**EXAMPLE_LEARNER, "after": [course]})
    assert flat.status_code == 200 and flat.json() == after
    fit = client.post(f"/api/v1/courses/{course}/fit", json=EXAMPLE_LEARNER)
    assert fit.status_code == 200
    body = fit.json()
    assert body["course_id"] == course and body["verdict"] and body["reasons"]
    assert body == advise.fit(sqlite_db, course, EXAMPLE_LEARNER)
    near = client.post("/api/v1/courses/Deep Learning Specialisation/fit", json=EXAMPLE_LEARNER)
    assert near.status_code == 200 and near.json()["course_id"] == course


def test_fit_of_a_completed_course_has_no_time_estimate(client: TestClient) -> None:
    course = "coursera-ml-specialization"  # the example learner lists it as completed
    r = client.post(f"/api/v1/courses/{course}/fit", json=EXAMPLE_LEARNER)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["verdict"] == "already completed"
    assert body["estimated_hours"] is None and body["estimated_weeks"] is None


def test_unknown_skill_in_the_learner_is_422_with_suggestions(client: TestClient) -> None:
    r = client.post("/api/v1/plans", json={**EXAMPLE_LEARNER, "skills": {"pyton": 2}})
    assert r.status_code == 422
    err = assert_error_shape(r.json(), "unknown_name")
    details = err["details"]
    assert isinstance(details, dict) and "prog.python" in details["suggestions"]


def test_plan_over_the_deadline_is_503(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()

    def slow_plan(*_a: Any, **_k: Any) -> dict[str, Any]:
        release.wait(5)
        return {}

    monkeypatch.setattr(advise, "make_plan", slow_plan)
    options = ServiceOptions(plan_time_limit=0.2, plan_concurrency=1)
    with make_client(sqlite_db, options) as client:
        started = time.perf_counter()
        r = client.post("/api/v1/plans", json=EXAMPLE_LEARNER)
        elapsed = time.perf_counter() - started
        release.set()
    assert r.status_code == 503 and elapsed < 2
    assert r.headers["retry-after"]
    assert_error_shape(r.json(), "busy")


def test_the_event_loop_stays_free_while_planning(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A slow plan must not hold up catalog reads: they are answered while it runs."""
    release = threading.Event()
    real = advise.make_plan

    def slow_plan(*a: Any, **k: Any) -> dict[str, Any]:
        release.wait(5)
        return real(*a, **k)

    monkeypatch.setattr(advise, "make_plan", slow_plan)
    with make_client(sqlite_db) as client:
        result: dict[str, int] = {}
        planner = threading.Thread(
            target=lambda: result.update(
                status=client.post("/api/v1/plans", json=EXAMPLE_LEARNER).status_code
            )
        )
        planner.start()
        time.sleep(0.1)
        assert client.get("/api/v1/health").status_code == 200  # answered meanwhile
        assert planner.is_alive()
        release.set()
        planner.join(10)
    assert result["status"] == 200


def test_learner_languages_through_the_api(client: TestClient) -> None:
    ok = client.post("/api/v1/plans", json={**EXAMPLE_LEARNER, "languages": ["en", "Spanish"]})
    assert ok.status_code == 200, ok.text
    assert ok.json()["learner"]["languages"] == ["en", "es"]
    anything = client.post("/api/v1/plans", json={**EXAMPLE_LEARNER, "languages": "any"})
    assert anything.status_code == 200 and anything.json()["learner"]["languages"] is None
    default = client.post("/api/v1/plans", json=EXAMPLE_LEARNER)
    assert default.json()["learner"]["languages"] == ["en"]
    bad = client.post("/api/v1/plans", json={**EXAMPLE_LEARNER, "languages": ["klingon"]})
    assert bad.status_code == 422
    err = assert_error_shape(bad.json(), None)
    assert "unknown language" in str(err["message"])
