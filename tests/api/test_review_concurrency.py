"""Many parallel review writers through the API lose nothing, on SQLite and PostgreSQL."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from coursestack.api.config import ServiceOptions
from coursestack.store.db import Database
from coursestack.store.reviews import ReviewRepository
from coursestack.store.tokens import TokenRepository

from .conftest import make_client

THREADS = 8
WRITES_PER_THREAD = 10
COURSES = 4


def test_parallel_review_writers_lose_nothing(seeded_db: Database) -> None:
    with seeded_db.session() as session:
        token = TokenRepository(session).create("load")
    options = ServiceOptions(reviews_per_hour=1000)
    with make_client(seeded_db, options) as client:
        page = client.get("/api/v1/courses", params={"limit": COURSES}).json()["courses"]
        courses = [c["course_id"] for c in page]

        def writer(t: int) -> list[int]:
            statuses = []
            for m in range(WRITES_PER_THREAD):
                r = client.post(
                    f"/api/v1/courses/{courses[m % COURSES]}/reviews",
                    json={"reviewer": f"writer-{t}-{m}", "score": (t + m) % 11},
                    headers={"Authorization": f"Bearer {token}"},
                )
                statuses.append(r.status_code)
            return statuses

        with ThreadPoolExecutor(THREADS) as pool:
            results = [s for batch in pool.map(writer, range(THREADS)) for s in batch]

    assert results == [201] * (THREADS * WRITES_PER_THREAD)
    with seeded_db.session() as session:
        stored = ReviewRepository(session).all_current()
    assert len(stored) == THREADS * WRITES_PER_THREAD
    assert {r.reviewer for r in stored} == {
        f"writer-{t}-{m}" for t in range(THREADS) for m in range(WRITES_PER_THREAD)
    }
    for r in stored:  # each landed on its own course with its own score
        t, m = (int(x) for x in r.reviewer.split("-")[1:])
        assert r.course_id == courses[m % COURSES] and r.score == (t + m) % 11
