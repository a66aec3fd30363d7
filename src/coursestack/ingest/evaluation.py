"""Measure skill tagging against the hand-labelled gold set (labels keyed by canonical URL).

Used by benchmarks/tagging_accuracy.py and tests/ingest/test_tagging_gold.py. The dumps are
read, tagged and merged in memory the way an import does (without the curated catalog, so the
figures measure the tagger, not hand-curated lists).

The gold set is split deterministically by a hash of each URL into a DEV half (whose errors
may be read while improving the rules) and a held-out TEST half (whose figures are the
headline and whose errors are not listed), so the figures are not fitted to the labels."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from coursestack.domain import Course
from coursestack.engine.taxonomy import Taxonomy
from coursestack.ingest.aliases import default_tagger, default_taxonomy
from coursestack.ingest.fields import canonical_url
from coursestack.ingest.formats import open_path
from coursestack.ingest.merge import SOURCE_RANK, CatalogIndex
from coursestack.ingest.pipeline import tag_row
from coursestack.ingest.rows import RowError
from coursestack.knowledge import load_yaml


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class GoldReport:
    courses: int
    missing: list[str]  # gold URLs no dump row produced
    overall: Counts
    by_category: dict[str, Counts]
    false_positives: list[tuple[str, str, str]] = field(default_factory=list)  # url, skill, why
    false_negatives: list[tuple[str, str]] = field(default_factory=list)
    empty_correct: int = 0  # off-topic courses correctly left without skills
    empty_total: int = 0

    def render(self, show_errors: bool = False) -> str:
        lines = [
            f"gold courses: {self.courses} (missing from dumps: {len(self.missing)})",
            f"overall: precision {self.overall.precision:.3f}  recall {self.overall.recall:.3f}"
            f"  (tp {self.overall.tp}, fp {self.overall.fp}, fn {self.overall.fn})",
            f"courses labelled empty left empty: {self.empty_correct}/{self.empty_total}",
            f"{'category':<20} {'precision':>9} {'recall':>7} {'tp':>4} {'fp':>4} {'fn':>4}",
        ]
        for name, c in sorted(self.by_category.items()):
            lines.append(
                f"{name:<20} {c.precision:>9.3f} {c.recall:>7.3f} {c.tp:>4} {c.fp:>4} {c.fn:>4}"
            )
        if show_errors:
            lines.append("false positives:")
            lines += [f"  {u}  {s}  <- {why}" for u, s, why in self.false_positives]
            lines.append("false negatives:")
            lines += [f"  {u}  {s}" for u, s in self.false_negatives]
        return "\n".join(lines)


SPLITS = ("test", "dev", "all")


def gold_split(url: str) -> str:
    """'dev' or 'test': the parity of the SHA-256 of the canonical URL (stable, no seed)."""
    return "dev" if hashlib.sha256(url.encode("utf-8")).digest()[-1] % 2 == 0 else "test"


def split_gold(gold: Mapping[str, set[str]], part: str) -> dict[str, set[str]]:
    """The gold labels of one half ('dev', 'test') or all of them ('all')."""
    if part not in SPLITS:
        raise ValueError(f"unknown split {part!r}; expected one of {SPLITS}")
    return {u: v for u, v in gold.items() if part == "all" or gold_split(u) == part}


def load_gold(path: Path) -> dict[str, set[str]]:
    data = load_yaml(path.read_text(encoding="utf-8")) or {}
    return {str(k): set(v or []) for k, v in (data.get("labels") or {}).items()}


def import_in_memory(paths: Iterable[Path]) -> dict[str, Course]:
    """Courses by canonical URL after reading, tagging and merging `paths`."""
    tagger = default_tagger()
    ranks: dict[str, int] = {}
    opened = []
    for path in paths:
        o = open_path(path)
        ranks[path.name] = SOURCE_RANK.get(o.format, 2)
        opened.append(o)
    index = CatalogIndex.of([], ranks)
    for o in opened:
        for _, item in o.stream:
            if not isinstance(item, RowError):
                index.add(tag_row(item, tagger))
    return {canonical_url(c.url) or c.id: c for c in index.courses.values() if c.url}


def score(
    courses: Mapping[str, Course], gold: Mapping[str, set[str]], taxonomy: Taxonomy | None = None
) -> GoldReport:
    tax = taxonomy or default_taxonomy()
    overall = Counts()
    by_cat: dict[str, Counts] = {}
    report = GoldReport(0, [], overall, by_cat)
    for url, labels in sorted(gold.items()):
        course = courses.get(url)
        if course is None:
            report.missing.append(url)
            continue
        report.courses += 1
        predicted = set(course.teaches)
        if not labels:
            report.empty_total += 1
            report.empty_correct += not predicted
        for skill in predicted | labels:
            cat = by_cat.setdefault(tax[skill].category, Counts())
            if skill in predicted and skill in labels:
                overall.tp += 1
                cat.tp += 1
            elif skill in predicted:
                overall.fp += 1
                cat.fp += 1
                why = course.provenance.get(f"teaches.{skill}", "").split(";")[0]
                report.false_positives.append((url, skill, why))
            else:
                overall.fn += 1
                cat.fn += 1
                report.false_negatives.append((url, skill))
    return report


def evaluate_gold(paths: Iterable[Path], gold_path: Path, part: str = "all") -> GoldReport:
    return score(import_in_memory(paths), split_gold(load_gold(gold_path), part))


def evaluate_splits(paths: Iterable[Path], gold_path: Path) -> dict[str, GoldReport]:
    """Reports for the TEST half, the DEV half and all of the gold set (one import)."""
    courses = import_in_memory(paths)
    gold = load_gold(gold_path)
    return {part: score(courses, split_gold(gold, part)) for part in SPLITS}
