"""Course-language inference on the hand labels (tests/ingest/gold/languages.yaml) over the
six shared dumps (../shared/data/catalogs), read and merged as an import does.

Figures when the floors were set (benchmarks/language_accuracy.py): tuning set (649 courses)
non-English P 0.998 R 0.975, English P 0.990 R 0.934; held-out random sample (150) English
P 1.000 R 0.932, no course given a wrong language. With inference switched off every recall
is 0 and these tests fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from coursestack.ingest.language_evaluation import (
    LABEL_SETS,
    LanguageReport,
    load_labels,
    merged_languages,
    score,
)

LABELS = Path(__file__).parent / "gold" / "languages.yaml"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "catalogs"


def test_labels_are_well_formed() -> None:
    tuned, held = load_labels(LABELS, "labels"), load_labels(LABELS, "heldout")
    assert len(tuned) >= 150 and len(held) >= 150
    assert not set(tuned) & set(held)
    assert sum(1 for codes in tuned.values() if codes[0] != "en") >= 150  # balanced
    codes = {c for labels in (tuned, held) for accepted in labels.values() for c in accepted}
    assert all(len(c) == 2 and c.islower() for c in codes)


@pytest.fixture(scope="module")
def reports() -> dict[str, LanguageReport]:
    if not SHARED.is_dir():
        pytest.skip(f"shared catalog dumps not found at {SHARED} (fresh clone)")
    courses = merged_languages(sorted(SHARED.glob("*.csv")))
    return {part: score(courses, load_labels(LABELS, part)) for part in LABEL_SETS}


@pytest.mark.shared
def test_language_inference_on_the_tuning_set(reports: dict[str, LanguageReport]) -> None:
    report = reports["labels"]
    assert not report.missing, f"labelled URLs not in the dumps: {report.missing[:5]}"
    other, english = report.total(english=False), report.total(english=True)
    assert other.precision >= 0.98, report.render(show_errors=True)
    assert other.recall >= 0.93, report.render(show_errors=True)
    assert english.precision >= 0.97, report.render(show_errors=True)
    assert english.recall >= 0.88, report.render(show_errors=True)
    for code in ("es", "pt", "fr", "de", "ja"):  # the catalogs' main other languages
        assert report.by_language[code].precision >= 0.95, report.render()
        assert report.by_language[code].recall >= 0.85, report.render()


@pytest.mark.shared
def test_language_inference_on_the_held_out_sample(reports: dict[str, LanguageReport]) -> None:
    report = reports["heldout"]
    assert not report.missing, f"labelled URLs not in the dumps: {report.missing[:5]}"
    english = report.total(english=True)
    assert english.precision >= 0.97, report.render(show_errors=True)
    assert english.recall >= 0.88, report.render(show_errors=True)
    # no English course is given another language
    assert report.total(english=False).fp <= 1, report.render(show_errors=True)
