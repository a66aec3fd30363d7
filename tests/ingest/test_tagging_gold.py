"""Tagging accuracy on the held-out TEST half of the hand-labelled gold set (needs
../shared/data/catalogs).

The gold set is split by a hash of each URL (evaluation.gold_split): rules are tuned on DEV
only, and these assertions use TEST. Targets: precision >= 0.85 and recall >= 0.75. Measured
figures are printed by benchmarks/tagging_accuracy.py; see docs/ingest.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from coursestack.ingest.evaluation import GoldReport, evaluate_gold, load_gold

GOLD = Path(__file__).parent / "gold" / "labels.yaml"
PRECISION_TARGET = 0.85
RECALL_TARGET = 0.75
# Targets not reached on TEST of the 473-course gold set (105 more courses added blind in
# round 3): it stands at P 0.771, R 0.739 (DEV P 0.872, R 0.787). These floors are what it
# achieves less about 0.01, so a regression fails the suite; the targets stay xfail.
PRECISION_FLOOR = 0.762
RECALL_FLOOR = 0.725


def test_gold_labels_use_taxonomy_ids_and_cover_enough_courses() -> None:
    from coursestack.ingest.aliases import default_taxonomy

    gold = load_gold(GOLD)
    assert len(gold) >= 360
    tax = default_taxonomy()
    assert all(skill in tax for labels in gold.values() for skill in labels)
    assert sum(1 for labels in gold.values() if not labels) >= 20  # off-topic courses


SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "catalogs"


@pytest.fixture(scope="module")
def report() -> GoldReport:
    if not SHARED.is_dir():
        pytest.skip(f"shared catalog dumps not found at {SHARED} (fresh clone)")
    return evaluate_gold(sorted(SHARED.glob("*.csv")), GOLD, "test")


@pytest.mark.shared
def test_tagging_on_held_out_test_half_does_not_regress(report: GoldReport) -> None:
    assert not report.missing, f"gold URLs not in the dumps: {report.missing[:5]}"
    overall = report.overall
    assert overall.precision >= PRECISION_FLOOR, report.render()
    assert overall.recall >= RECALL_FLOOR, report.render()


@pytest.mark.shared
@pytest.mark.xfail(
    strict=True, reason="held-out TEST below the issue-4 targets (P 0.771, R 0.739); docs/ingest.md"
)
def test_tagging_meets_precision_and_recall_targets_on_held_out_test_half(
    report: GoldReport,
) -> None:
    overall = report.overall
    assert overall.precision >= PRECISION_TARGET and overall.recall >= RECALL_TARGET
