"""Tagging accuracy on the hand-labelled gold set (needs ../shared/data/catalogs).

Targets: precision >= 0.85 and recall >= 0.75 overall. Measured figures are printed by
benchmarks/tagging_accuracy.py; see docs/ingest.md for where the tagger stands."""

from __future__ import annotations

from pathlib import Path

import pytest

from coursestack.ingest.evaluation import GoldReport, evaluate_gold, load_gold

GOLD = Path(__file__).parent / "gold" / "labels.yaml"
PRECISION_TARGET = 0.85
RECALL_TARGET = 0.75
# Where the tagger stands today (P 0.811, R 0.670): a regression below these fails the suite.
PRECISION_FLOOR = 0.80
RECALL_FLOOR = 0.65


def test_gold_labels_use_taxonomy_ids_and_cover_enough_courses() -> None:
    from coursestack.ingest.aliases import default_taxonomy

    gold = load_gold(GOLD)
    assert len(gold) >= 200
    tax = default_taxonomy()
    assert all(skill in tax for labels in gold.values() for skill in labels)
    assert sum(1 for labels in gold.values() if not labels) >= 20  # off-topic courses


SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "catalogs"


@pytest.fixture(scope="module")
def report() -> GoldReport:
    if not SHARED.is_dir():
        pytest.skip(f"shared catalog dumps not found at {SHARED} (fresh clone)")
    return evaluate_gold(sorted(SHARED.glob("*.csv")), GOLD)


@pytest.mark.shared
def test_tagging_does_not_regress(report: GoldReport) -> None:
    assert not report.missing, f"gold URLs not in the dumps: {report.missing[:5]}"
    overall = report.overall
    assert overall.precision >= PRECISION_FLOOR, report.render()
    assert overall.recall >= RECALL_FLOOR, report.render()


@pytest.mark.shared
@pytest.mark.xfail(strict=True, reason="tagger below the issue-4 targets; see docs/ingest.md")
def test_tagging_meets_precision_and_recall_targets(report: GoldReport) -> None:
    overall = report.overall
    assert overall.precision >= PRECISION_TARGET and overall.recall >= RECALL_TARGET
