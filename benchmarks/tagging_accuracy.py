"""Skill-tagging precision and recall on the hand-labelled gold set.

    .venv/bin/python benchmarks/tagging_accuracy.py [CATALOG_DIR] [--errors]

Reads the six shared dumps (default ../shared/data/catalogs), tags and merges them in memory
exactly as `coursestack import` does, and compares each gold course's `teaches` with its
labels (tests/ingest/gold/labels.yaml). Prints micro precision/recall overall and per skill
category (a false positive counts in the predicted skill's category, a false negative in the
labelled skill's). --errors lists every false positive and false negative.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from coursestack.ingest.evaluation import evaluate_gold  # noqa: E402

DEFAULT_DIR = ROOT.parent / "shared" / "data" / "catalogs"
GOLD = ROOT / "tests" / "ingest" / "gold" / "labels.yaml"


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    folder = Path(args[0]) if args else DEFAULT_DIR
    if not folder.is_dir():
        print(f"no catalog dumps at {folder}", file=sys.stderr)
        return 2
    report = evaluate_gold(sorted(folder.glob("*.csv")), GOLD)
    print(report.render(show_errors="--errors" in argv))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
