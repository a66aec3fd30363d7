"""Course-language inference: precision and recall per language on the hand labels.

    .venv/bin/python benchmarks/language_accuracy.py [CATALOG_DIR] [--errors]

Reads the six shared dumps (default ../shared/data/catalogs), infers each course's language
where its dump states none (coursestack.ingest.language, the rule `coursestack import` runs)
and merges them in memory, then compares every labelled course's language with its label
(tests/ingest/gold/languages.yaml): the set the rules were tuned on (every course the
classifier or a non-ASCII title flagged as possibly non-English, language-name searches and
160 random courses) and a held-out random sample labelled before the rules ran on it. A
course left unknown counts against recall only; a wrong
language counts against the precision of the language assigned and the recall of the label.
Also prints the languages assigned per platform over the whole catalog and the time the
rule took. --errors lists the wrong and unknown courses.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from bench_args import dump_paths, with_catalog_dir  # noqa: E402

from coursestack.ingest.language import guess_language  # noqa: E402
from coursestack.ingest.language_evaluation import (  # noqa: E402
    load_labels,
    merged_languages,
    score,
)

LABELS = ROOT / "tests" / "ingest" / "gold" / "languages.yaml"


def main(argv: list[str]) -> int:
    p = with_catalog_dir(__doc__)
    p.add_argument("--errors", action="store_true", help="list the wrong and unknown courses")
    args = p.parse_args(argv)
    paths = dump_paths(p, args.catalog_dir)
    t0 = time.perf_counter()
    guess_language("Curso de guitarra")  # loads the classifier's model
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    courses = merged_languages(paths)
    read = time.perf_counter() - t0
    for part, title in (("labels", "TUNING SET"), ("heldout", "HELD OUT (random sample)")):
        print(f"== {title}")
        print(score(courses, load_labels(LABELS, part)).render(show_errors=args.errors))
        print()
    counts: Counter[tuple[str, str]] = Counter()
    inferred: Counter[str] = Counter()
    for course in courses.values():
        counts[(course.platform, course.language or "unknown")] += 1
        if course.provenance.get("language", "").startswith("rule:language-from-text"):
            inferred[course.platform] += 1
    for platform in sorted({p for p, _ in counts}):
        row = sorted(((n, lang) for (p, lang), n in counts.items() if p == platform), reverse=True)
        shown = ", ".join(f"{lang} {n}" for n, lang in row)
        print(f"{platform:<10} inferred {inferred[platform]:>5}: {shown}")
    print(f"\nmodel load {load:.2f} s; read + infer + merge all six dumps {read:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
