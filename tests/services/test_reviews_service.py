from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from coursestack.domain import ImportFailedError, InvalidInputError, NotFoundError
from coursestack.engine.ratings import CLEAR_MARGIN
from coursestack.services import catalog
from coursestack.services import reviews as service
from coursestack.store.db import Database
from coursestack.store.reviews import ReviewRepository

# Real course ids from the built-in catalog; the reviews are synthetic test data.
ML_SPEC = "coursera-ml-specialization"
MITX = "edx-mitx-6-86x"
KAGGLE = "kaggle-ml-explainability"


def add_many(db: Database, course: str, scores: list[float], role: str = "ML engineer") -> None:
    with db.session() as s:
        for i, score in enumerate(scores):
            service.add_review(
                s,
                course,
                reviewer=f"{course}-{i}",
                score=score,
                role=role,
                review_date=date(2025, 1, 1 + i % 28),
            )


def test_add_replaces_keeps_history_and_bumps_reviews_version(sqlite_db: Database) -> None:
    with sqlite_db.session() as s:
        first = service.add_review(
            s, "Machine Learning Specialization", reviewer="ana", score=7, dimensions={"depth": 8}
        )
        again = service.add_review(s, ML_SPEC, reviewer="ana", score=9, text=" solid ")
        assert (first.result, again.result) == ("added", "replaced")
        assert again.review.text == "solid" and again.review.date == date.today()
        assert [r.score for r in ReviewRepository(s).history(ML_SPEC, "ana")] == [7]
    with sqlite_db.session() as s:
        listed = service.list_reviews(s, ML_SPEC)
    assert [r.score for r in listed.reviews] == [9]
    assert listed.estimate is not None and listed.estimate.n == 1
    assert listed.as_dict()["reviews"][0]["background"] == "unknown"  # type: ignore[index]


def test_add_rejects_bad_values_and_unknown_courses(sqlite_db: Database) -> None:
    with sqlite_db.session() as s:
        with pytest.raises(InvalidInputError, match="score"):
            service.add_review(s, ML_SPEC, reviewer="ana", score=11)
        with pytest.raises(InvalidInputError, match="dimension"):
            service.add_review(s, ML_SPEC, reviewer="ana", score=5, dimensions={"fun": 3})
        with pytest.raises(NotFoundError, match="closest"):
            service.add_review(s, "Machine Learnin Specialisation", reviewer="ana", score=5)


def test_import_csv_reports_row_errors_and_keeps_good_rows(
    sqlite_db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "r.csv"
    path.write_text(
        "course,reviewer,score,role,years,date,depth,notes\n"
        f"{ML_SPEC},ana,9,ML engineer,6,2025-01-02,8,x\n"
        f"Machine Learning Specialization,bo,8,student,,2025-01-03,,\n"
        f"{ML_SPEC},ana,9.5,ML engineer,6,2025-02-02,8,edit\n"
        "no-such-course,cy,8,,,2025-01-03,,\n"
        f"{ML_SPEC},di,high,,,2025-01-03,,\n"
        f"{ML_SPEC},ed,7,,,,,\n"
        f"{ML_SPEC},fa,7,,,2025-13-01,,\n"
        f"{ML_SPEC},zed,5,,,2099-01-01,,\n",
        encoding="utf-8",
    )
    with sqlite_db.session() as s:
        report = service.import_reviews(s, path)
    assert (report.read, report.added, report.replaced, report.rejected) == (8, 2, 1, 5)
    assert [e.line for e in report.errors] == [5, 6, 7, 8, 9]
    assert "in the future" in report.errors[4].reason
    assert "unknown course" in report.errors[0].reason
    assert "score" in report.errors[1].reason and "missing date" in report.errors[2].reason
    assert report.ignored_columns == ["notes"]
    with sqlite_db.session() as s:
        current = {r.reviewer: r for r in ReviewRepository(s).for_course(ML_SPEC)}
    assert set(current) == {"ana", "bo"}
    assert current["ana"].score == 9.5 and current["ana"].dimensions == {"depth": 8}


def test_import_json_and_unreadable_files(sqlite_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    rows = [
        {
            "course": MITX,
            "reviewer": "ana",
            "score": 8,
            "date": "2025-01-01",
            "dimensions": {"teaching": 9},
        },
        "not a review",
        {"course": MITX, "reviewer": "bo", "score": 8, "date": "2025-01-01", "depth": 12},
    ]
    path.write_text(json.dumps({"reviews": rows}), encoding="utf-8")
    with sqlite_db.session() as s:
        report = service.import_reviews(s, path)
    assert (report.added, report.rejected) == (1, 2)
    assert [e.line for e in report.errors] == [2, 3]
    bad = tmp_path / "bad.json"
    bad.write_text("{nope", encoding="utf-8")
    with sqlite_db.session() as s, pytest.raises(ImportFailedError):
        service.import_reviews(s, bad)
    with sqlite_db.session() as s, pytest.raises(ImportFailedError):
        service.import_reviews(s, tmp_path / "missing.csv")


def test_rank_filters_claims_and_breakdown(sqlite_db: Database) -> None:
    add_many(sqlite_db, ML_SPEC, [9] * 60)
    add_many(sqlite_db, MITX, [7, 8, 6, 7] * 10)
    # Two reviews say little (the prior is weak with so few reviewed courses), so they are
    # scores the leader clearly beats even at the top of their wide interval.
    add_many(sqlite_db, KAGGLE, [5, 6], role="student")
    with sqlite_db.session() as s:
        report = service.rank_courses(s)
        by_role = service.rank_courses(s, role="ml-engineer")
        with pytest.raises(InvalidInputError):
            service.rank_courses(s, skill="python", role="ml-engineer")
        with pytest.raises(NotFoundError):
            service.rank_courses(s, category="cooking")
    order = [e.estimate.course_id for e in report.ranking.entries]
    assert order[0] == ML_SPEC and order.index(KAGGLE) > 0
    assert report.ranking.clear_margin
    assert report.ranking.p_top_beats_runner_up is not None
    assert report.ranking.p_top_beats_runner_up >= CLEAR_MARGIN
    assert "highest-rated by a clear margin" in report.ranking.claim
    assert "Machine Learning Specialization" in report.ranking.claim  # titles, not ids
    assert set(report.by_background) == {"ml-engineer", "student"}
    assert report.unreviewed == report.candidates - 3
    assert by_role.filter == {"role": "ml-engineer"}
    data = report.as_dict()
    assert data["courses"][0]["title"] == "Machine Learning Specialization"
    assert data["model"]["clear_margin_threshold"] == CLEAR_MARGIN


def test_rank_platforms_and_advisor_quality_agree(sqlite_db: Database) -> None:
    add_many(sqlite_db, ML_SPEC, [9, 8, 9])
    add_many(sqlite_db, MITX, [7, 8, 6, 7] * 3)
    with sqlite_db.session() as s:
        summaries = service.compare_platforms(s)
        listed = service.list_reviews(s, ML_SPEC)
        ranked = service.rank_courses(s)
    ctx = catalog.advisor_context(sqlite_db)
    assert listed.estimate is not None
    assert ctx.quality[ML_SPEC].practitioner_mean == listed.estimate.mean
    assert ctx.quality[ML_SPEC].practitioner_low == listed.estimate.low
    by_id = {e.estimate.course_id: e.estimate for e in ranked.ranking.entries}
    assert by_id[ML_SPEC].mean == listed.estimate.mean
    coursera = next(p for p in summaries if p.platform == "coursera")
    assert coursera.practitioner_rating.stats.n == 1 and coursera.practitioner_rating.reviews == 3
    assert sum(p.courses for p in summaries) == len(ctx.courses)
