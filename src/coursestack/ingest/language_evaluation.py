"""Measure language inference against hand labels (tests/ingest/gold/languages.yaml).

Used by benchmarks/language_accuracy.py and tests/ingest/test_language_gold.py. The dumps are
read and merged in memory the way an import does, with the language rule of
`pipeline.with_language` and without skill tagging (it does not touch the language); each
labelled course's merged language is compared with its label."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from coursestack.domain import Course
from coursestack.ingest.evaluation import Counts  # tp / fp / fn, precision, recall
from coursestack.ingest.fields import canonical_url
from coursestack.ingest.formats import open_path
from coursestack.ingest.merge import SOURCE_RANK, CatalogIndex
from coursestack.ingest.pipeline import with_language
from coursestack.ingest.rows import RowError
from coursestack.knowledge import load_yaml


@dataclass
class LanguageReport:
    courses: int = 0
    missing: list[str] = field(default_factory=list)  # labelled URLs no dump row produced
    # per language: fp = assigned it, labelled another; fn = labelled it, assigned another or none
    by_language: dict[str, Counts] = field(default_factory=dict)
    left_unknown: int = 0
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)  # url, label, got, why

    def total(self, english: bool | None = None) -> Counts:
        """Summed counts: all languages, English only (True) or all but English (False)."""
        out = Counts()
        for code, c in self.by_language.items():
            if english is None or (code == "en") == english:
                out.tp += c.tp
                out.fp += c.fp
                out.fn += c.fn
        return out

    def render(self, show_errors: bool = False) -> str:
        lines = [
            f"labelled courses: {self.courses} (missing from dumps: {len(self.missing)}); "
            f"left unknown: {self.left_unknown}",
            f"{'language':<12} {'precision':>9} {'recall':>7} {'tp':>4} {'fp':>4} {'fn':>4}",
        ]
        rows = [(name, self.total(flag)) for name, flag in (("all", None), ("non-en", False))]
        rows += sorted(self.by_language.items(), key=lambda kv: (-kv[1].tp - kv[1].fn, kv[0]))
        for name, c in rows:
            lines.append(
                f"{name:<12} {c.precision:>9.3f} {c.recall:>7.3f} {c.tp:>4} {c.fp:>4} {c.fn:>4}"
            )
        if show_errors:
            lines.append("wrong or unknown (url, label, assigned, rule):")
            lines += [f"  {u}  {label}  {got}  {why}" for u, label, got, why in self.errors]
        return "\n".join(lines)


LABEL_SETS = ("labels", "heldout")  # tuned on / held out


def load_labels(path: Path, part: str = "labels") -> dict[str, tuple[str, ...]]:
    """URL -> the acceptable languages (the first is the one counted when missed), of the
    set the rules were tuned on ('labels') or the held-out one ('heldout')."""
    if part not in LABEL_SETS:
        raise ValueError(f"unknown label set {part!r}; expected one of {LABEL_SETS}")
    data = load_yaml(path.read_text(encoding="utf-8")) or {}
    out: dict[str, tuple[str, ...]] = {}
    for url, value in (data.get(part) or {}).items():
        codes = value if isinstance(value, list) else [value]
        out[str(url)] = tuple(str(c) for c in codes)
    return out


def merged_languages(paths: Iterable[Path]) -> dict[str, Course]:
    """Courses by canonical URL after reading `paths`, inferring languages and merging."""
    ranks: dict[str, int] = {}
    index = CatalogIndex.of([], ranks)
    for path in paths:
        opened = open_path(path)
        ranks[path.name] = SOURCE_RANK.get(opened.format, 2)
        for _, item in opened.stream:
            if not isinstance(item, RowError):
                index.add(with_language(item))
    return {canonical_url(c.url) or c.id: c for c in index.courses.values() if c.url}


def score(courses: Mapping[str, Course], labels: Mapping[str, tuple[str, ...]]) -> LanguageReport:
    report = LanguageReport()
    for url, accepted in sorted(labels.items()):
        course = courses.get(url)
        if course is None:
            report.missing.append(url)
            continue
        report.courses += 1
        got = course.language
        if got is not None and got in accepted:
            report.by_language.setdefault(got, Counts()).tp += 1
            continue
        report.by_language.setdefault(accepted[0], Counts()).fn += 1
        if got is None:
            report.left_unknown += 1
        else:
            report.by_language.setdefault(got, Counts()).fp += 1
        why = course.provenance.get("language", "")
        report.errors.append((url, "|".join(accepted), got or "-", why))
    return report


def evaluate_languages(paths: Iterable[Path], labels_path: Path) -> dict[str, LanguageReport]:
    """Reports on the tuning labels and the held-out ones (one in-memory import)."""
    courses = merged_languages(paths)
    return {part: score(courses, load_labels(labels_path, part)) for part in LABEL_SETS}
