"""Planner latency on generated catalogs (coursestack.engine.synthetic).

For each catalog size, in a fresh subprocess (so peak RSS is per size): build the
PlannerIndex once, then plan for N generated learners (real roles from roles.yaml) and print
median / p95 latency of `plan()` (main plan; alternatives timed separately), the share solved
exactly, the candidates left after pruning, the greedy fallback's gap to the exact coverage,
and resident memory: after generating the catalog (the Course objects alone) and the peak.

Then the main plan and the service's whole plan (alternatives included) on the real catalog
the database COURSESTACK_DATABASE_URL points to holds, when it holds 1,000 courses or more.

Then, so a reader can check that the generated catalogs are realistic, the profile
(benchmarks/catalog_profile.py) of each generated catalog next to the real catalog's (the
database COURSESTACK_DATABASE_URL points to, e.g. the six dumps in data/catalogs imported; the
column is left out when it holds no course teaching a taxonomy skill; --no-profile skips it).

    .venv/bin/python benchmarks/plan_latency.py [--sizes 2000,20000,100000] [--learners 30]
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path


def run_size(size: int, learners: int, time_limit: float) -> dict[str, object]:
    from coursestack import knowledge
    from coursestack.engine.planner import PlannerIndex, plan
    from coursestack.engine.synthetic import synthetic_catalog, synthetic_learner

    t0 = time.perf_counter()
    ctx = synthetic_catalog(size, knowledge.skills(), knowledge.roles(), seed=size)
    t1 = time.perf_counter()
    gc.collect()
    catalog_rss = _rss_mb()  # the Course objects themselves, before any planner structure
    index = PlannerIndex.build(ctx)
    t2 = time.perf_counter()
    latencies: list[float] = []
    with_alternatives: list[float] = []
    exact = 0
    candidates: list[int] = []
    shortlist: list[int] = []
    gaps: list[float] = []
    for seed in range(learners):
        learner, known, reqs = synthetic_learner(ctx, seed)
        start = time.perf_counter()
        result = plan(
            ctx, learner, known, reqs, index=index, time_limit=time_limit, alternatives=False
        )
        latencies.append(time.perf_counter() - start)
        exact += bool(result.solver["exact"])
        cands = result.solver["candidates"]
        assert isinstance(cands, dict)
        candidates.append(int(cands["after_pruning"]))
        shortlist.append(int(cands["shortlist"]))
        if seed < 5:
            start = time.perf_counter()
            plan(ctx, learner, known, reqs, index=index, time_limit=time_limit)
            with_alternatives.append(time.perf_counter() - start)
        greedy = plan(ctx, learner, known, reqs, index=index, time_limit=0.0, alternatives=False)
        if result.solver["exact"] and result.coverage_after > result.coverage_before:
            gain = result.coverage_after - result.coverage_before
            gaps.append((result.coverage_after - greedy.coverage_after) / gain)
    lat = sorted(latencies)
    p95 = lat[min(len(lat) - 1, round(0.95 * (len(lat) - 1)))]
    return {
        "size": size,
        "generate_s": round(t1 - t0, 2),
        "index_s": round(t2 - t1, 3),
        "median_ms": round(statistics.median(lat) * 1000, 1),
        "p95_ms": round(p95 * 1000, 1),
        "with_alternatives_median_ms": round(statistics.median(with_alternatives) * 1000, 1),
        "exact": f"{exact}/{learners}",
        "candidates_median": int(statistics.median(candidates)),
        "shortlist_median": int(statistics.median(shortlist)),
        "greedy_gap_mean": round(statistics.mean(gaps), 4) if gaps else None,
        "greedy_gap_max": round(max(gaps), 4) if gaps else None,
        "catalog_rss_mb": round(catalog_rss, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def _rss_mb() -> float:
    """Resident memory now (Linux /proc), in MB."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 2**20


def run_real(learners: int, time_limit: float) -> dict[str, object] | None:
    """The same figures on the real catalog (COURSESTACK_DATABASE_URL, e.g. the six dumps
    imported): the engine's main plan with the pace model's hours, as the service calls it,
    and the service's whole plan (alternatives and JSON included), for generated learners on
    the real roles. None when the catalog holds fewer than 1,000 courses."""
    from coursestack.engine import planner
    from coursestack.engine.pace import estimate_hours
    from coursestack.engine.synthetic import synthetic_learner
    from coursestack.services.advise import LearnerCase, plan_for_case
    from coursestack.services.catalog import advisor_context, open_database

    ctx = advisor_context(open_database())
    if len(ctx.courses) < 1000:
        return None
    cases = [LearnerCase(ctx, *synthetic_learner(ctx, seed)) for seed in range(learners)]
    plan_for_case(cases[0], time_limit=time_limit)  # index and caches
    main_only: list[float] = []
    full: list[float] = []
    exact = 0
    for case in cases:
        known, pace = case.known, case.learner.pace
        start = time.perf_counter()
        result = planner.plan(
            ctx, case.learner, known, case.requirements, time_limit=time_limit,
            hours_fn=lambda c, k=known, p=pace: estimate_hours(
                c, k, p, ctx, explain=False, prerequisites_met=True
            ).hours,
            alternatives=False,
        )  # fmt: skip
        main_only.append(time.perf_counter() - start)
        exact += bool(result.solver["exact"])
        start = time.perf_counter()
        plan_for_case(case, time_limit=time_limit)
        full.append(time.perf_counter() - start)
    return {
        "size": f"real {len(ctx.courses)}",
        "median_ms": round(statistics.median(main_only) * 1000, 1),
        "p95_ms": round(_p95(main_only) * 1000, 1),
        "service_median_ms": round(statistics.median(full) * 1000, 1),
        "service_p95_ms": round(_p95(full) * 1000, 1),
        "exact": f"{exact}/{learners}",
    }


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="2000,20000,100000")
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--time-limit", type=float, default=2.0)
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_size(args.one, args.learners, args.time_limit)))
        return
    cols = [
        "size", "index_s", "median_ms", "p95_ms", "with_alternatives_median_ms", "exact",
        "candidates_median", "shortlist_median", "greedy_gap_mean", "greedy_gap_max",
        "catalog_rss_mb", "peak_rss_mb",
    ]  # fmt: skip
    print(" | ".join(cols))
    for size in (int(s) for s in args.sizes.split(",")):
        learners = args.learners if size <= 20000 else max(5, args.learners // 3)
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(size), "--learners", str(learners),
             "--time-limit", str(args.time_limit)],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        row = json.loads(out.stdout.strip().splitlines()[-1])
        print(" | ".join(str(row[c]) for c in cols), flush=True)
    real = run_real(args.learners, args.time_limit)
    if real is not None:
        print()
        print("real catalog (service plan = pace-model hours, alternatives, JSON):")
        print(" | ".join(f"{k} {v}" for k, v in real.items()))
    if not args.no_profile:
        print_profiles([int(s) for s in args.sizes.split(",")])


def print_profiles(sizes: list[int]) -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from catalog_profile import print_side_by_side, profile, real_context

    from coursestack import knowledge
    from coursestack.engine.synthetic import synthetic_catalog

    named: dict[str, dict[str, object]] = {}
    real = profile(real_context())
    if not str(real["on-topic share"]).endswith("(0)"):
        named["real"] = real
    for size in sizes:
        ctx = synthetic_catalog(size, knowledge.skills(), knowledge.roles(), seed=size)
        named[f"gen {size}"] = profile(ctx)
    print()
    print_side_by_side(named)


if __name__ == "__main__":
    main()
