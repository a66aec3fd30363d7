"""Skill-tagging precision and recall on the hand-labelled gold set, TEST / DEV / ALL.

    .venv/bin/python benchmarks/tagging_accuracy.py [CATALOG_DIR] [--errors]

Reads the six shared dumps (default ../shared/data/catalogs), tags and merges them in memory
exactly as `coursestack import` does, and compares each gold course's `teaches` with its
labels (tests/ingest/gold/labels.yaml). The gold set is split by a hash of the URL
(coursestack.ingest.evaluation.gold_split): TEST is held out and is the headline figure, DEV
is the half rules are tuned on. Prints micro precision/recall overall and per skill category
for each (a false positive counts in the predicted skill's category, a false negative in the
labelled skill's). --errors lists the false positives and negatives of DEV only: reading the
held-out half's errors would turn it into a second tuning set.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from bench_args import dump_paths, with_catalog_dir  # noqa: E402

from coursestack.ingest.evaluation import evaluate_splits  # noqa: E402

GOLD = ROOT / "tests" / "ingest" / "gold" / "labels.yaml"


def main(argv: list[str]) -> int:
    p = with_catalog_dir(__doc__)
    p.add_argument("--errors", action="store_true", help="list DEV's false positives/negatives")
    args = p.parse_args(argv)
    reports = evaluate_splits(dump_paths(p, args.catalog_dir), GOLD)
    for part, title in (("test", "TEST (held out)"), ("dev", "DEV"), ("all", "ALL")):
        print(f"== {title}")
        print(reports[part].render(show_errors=part == "dev" and args.errors))
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
