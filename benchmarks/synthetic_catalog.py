"""Profile of a generated catalog (the generator itself is coursestack.engine.synthetic).

.venv/bin/python benchmarks/synthetic_catalog.py [SIZE]
"""

from __future__ import annotations

import statistics
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from bench_args import parser

from coursestack import knowledge
from coursestack.engine.synthetic import synthetic_catalog


def main() -> None:
    p = parser(__doc__)
    p.add_argument("size", nargs="?", type=int, default=2000, help="courses (default 2000)")
    size = p.parse_args().size
    if size < 1:
        p.exit(2, "size must be a positive number of courses\n")
    ctx = synthetic_catalog(size, knowledge.skills(), knowledge.roles(), seed=1)
    courses = list(ctx.courses.values())
    hours = [h for c in courses if (h := c.effort.total_hours()) is not None]
    print(f"courses: {len(courses)}  programs: {sum(1 for c in courses if c.parts)}")
    taught = statistics.median(len(c.teaches) for c in courses)
    print(f"skills taught per course (median): {taught}")
    print(f"hours: median {statistics.median(hours):.1f}, unknown {len(courses) - len(hours)}")
    print("price models:", dict(Counter(str(c.price.model) for c in courses)))
    print("teaches levels:", dict(Counter(int(v) for c in courses for v in c.teaches.values())))


if __name__ == "__main__":
    main()
