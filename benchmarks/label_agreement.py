"""How far two careful annotators agree on the skill-tagging gold set: the ceiling to read the
tagger's precision and recall against.

    .venv/bin/python benchmarks/label_agreement.py [CATALOG_DIR]

tests/ingest/gold/agreement.yaml holds a second annotator's blind labels for 70 DEV courses
(its header says how they were drawn and made). Prints the existing labels' micro precision /
recall / F1 against the second annotator's, overall and per skill category, the share of
courses labelled identically, and the tagger's own figures on the same 70 courses against
each annotator (the tagger is read as `coursestack import` reads it; CATALOG_DIR defaults to
../shared/data/catalogs).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from bench_args import dump_paths, with_catalog_dir  # noqa: E402

from coursestack.ingest.aliases import default_taxonomy  # noqa: E402
from coursestack.ingest.evaluation import Counts, import_in_memory, load_gold  # noqa: E402

GOLD = ROOT / "tests" / "ingest" / "gold"


def agreement(
    first: dict[str, set[str]], second: dict[str, set[str]]
) -> tuple[Counts, dict[str, Counts]]:
    """Micro counts of `first` read against `second` (tp: both; fp: first only; fn: second
    only), overall and per skill category."""
    tax = default_taxonomy()
    overall = Counts()
    by_cat: dict[str, Counts] = {}
    for url, theirs in second.items():
        ours = first.get(url, set())
        for skill in ours | theirs:
            cat = by_cat.setdefault(tax[skill].category, Counts())
            for c in (overall, cat):
                if skill in ours and skill in theirs:
                    c.tp += 1
                elif skill in ours:
                    c.fp += 1
                else:
                    c.fn += 1
    return overall, by_cat


def _f1(c: Counts) -> float:
    return 2 * c.tp / (2 * c.tp + c.fp + c.fn) if c.tp + c.fp + c.fn else 1.0


def _line(name: str, c: Counts) -> str:
    return f"{name:<36} P {c.precision:.3f}  R {c.recall:.3f}  F1 {_f1(c):.3f}"


def main(argv: list[str]) -> int:
    p = with_catalog_dir(__doc__)
    args = p.parse_args(argv)
    existing = load_gold(GOLD / "labels.yaml")
    second = load_gold(GOLD / "agreement.yaml")
    first = {u: existing[u] for u in second}
    overall, by_cat = agreement(first, second)
    same = sum(first[u] == second[u] for u in second)
    print(f"courses: {len(second)}, labelled identically: {same}")
    print(_line("existing labels vs second annotator", overall))
    for name, c in sorted(by_cat.items()):
        print("  " + _line(name, c))
    courses = import_in_memory(dump_paths(p, args.catalog_dir))
    tagged = {u: set(courses[u].teaches) if u in courses else set() for u in second}
    print(_line("tagger vs existing labels", agreement(tagged, first)[0]))
    print(_line("tagger vs second annotator", agreement(tagged, second)[0]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
