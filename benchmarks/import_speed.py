"""Time `import_catalog` on the six shared dumps into a fresh SQLite database.

    .venv/bin/python benchmarks/import_speed.py [CATALOG_DIR]

Target: all six files in <= 5 s on a 2-core machine. Prints per-file times, counts and a
re-import (which must import and update nothing).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from bench_args import dump_paths, with_catalog_dir  # noqa: E402

from coursestack.services.imports import import_catalog  # noqa: E402
from coursestack.store.db import Database  # noqa: E402


def main(argv: list[str]) -> int:
    p = with_catalog_dir(__doc__)
    paths = dump_paths(p, p.parse_args(argv).catalog_dir)
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'bench.db'}")
        db.ensure_ready()
        t0 = time.perf_counter()
        first = import_catalog(db, paths, rejects_path=Path(tmp) / "rejects.csv")
        elapsed = time.perf_counter() - t0
        for f in first.files:
            print(
                f"{Path(f.path).name:<32} {f.format:<18} read {f.read:>5}  imported "
                f"{f.imported:>5}  updated {f.updated:>4}  merged {f.merged:>4}  rejected "
                f"{f.rejected:>3}  {f.seconds:.2f} s"
            )
        totals = first.to_json()
        print(
            f"all six: {elapsed:.2f} s (target <= 5 s); read {totals['read']}, imported "
            f"{totals['imported']}, updated {totals['updated']}, merged {totals['merged']}, "
            f"rejected {totals['rejected']}"
        )
        print("top reject reasons:", first.top_reject_reasons())
        t0 = time.perf_counter()
        again = import_catalog(db, paths, rejects_path=Path(tmp) / "rejects2.csv").to_json()
        print(
            f"re-import: {time.perf_counter() - t0:.2f} s; imported {again['imported']}, "
            f"updated {again['updated']}, unchanged {again['unchanged']}"
        )
        db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
