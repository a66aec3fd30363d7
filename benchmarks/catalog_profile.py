"""Profile of a course catalog: the figures the generated catalogs (engine.synthetic) match.

    COURSESTACK_DATABASE_URL=sqlite:////tmp/real.db .venv/bin/python benchmarks/catalog_profile.py
    .venv/bin/python benchmarks/catalog_profile.py --synthetic 20000

Figures over the courses that teach at least one taxonomy skill ("on-topic"), except the
share itself, hours and prices (whole catalog, programs excluded):
- skills taught per course, levels taught, category concentration (share of a course's taught
  skills in its main category; courses touching 2+ categories), skill popularity (share of
  teach entries on the 10 most taught skills);
- assumptions: share of courses with any, count per course, levels, share on a skill the
  course also teaches (an advanced course assuming the basics), share on a taxonomy
  prerequisite of a taught skill;
- supplier graph: course c needs course p when p teaches an assumed skill of c at the assumed
  level or higher (p != c), over (skill, level) pairs. Chain depth of c = fewest courses in
  sequence before c, starting from nothing (0: assumes nothing; "never": some assumption no
  course supplies at any depth). Mutual-supplier cycles: courses in a strongly connected
  component of that graph with another course, and the (skill, level) pairs the largest
  component feeds on (what the planner's ordering cuts deal with);
- hours (listed) and price models.
"""

from __future__ import annotations

import argparse
import statistics
from collections import Counter
from collections.abc import Iterable

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components

from coursestack.domain import Course
from coursestack.engine.context import AdvisorContext


def _quantiles(xs: list[float]) -> str:
    if not xs:
        return "-"
    s = sorted(xs)

    def q(p: float) -> float:
        return s[min(len(s) - 1, int(p * (len(s) - 1) + 0.5))]

    return f"p10 {q(0.1):g} / median {q(0.5):g} / p90 {q(0.9):g} / max {s[-1]:g}"


def _shares(counter: Counter[object], total: int | None = None) -> str:
    n = total if total is not None else sum(counter.values())
    items = sorted(counter.items(), key=lambda kv: str(kv[0]))
    return ", ".join(f"{k}: {v / n:.1%}" for k, v in items) if n else "-"


def _histogram(xs: Iterable[int], cap: int) -> str:
    c = Counter(min(x, cap) for x in xs)
    n = sum(c.values())
    return ", ".join(
        f"{k}{'+' if k == cap else ''}: {c[k] / n:.0%}" for k in sorted(c)
    ) if n else "-"  # fmt: skip


def supplier_graph(courses: list[Course]) -> dict[str, object]:
    """Chain depths and mutual-supplier components of the courses' supplier graph."""
    pairs: dict[tuple[str, int], int] = {}
    n = len(courses)

    def pid(p: tuple[str, int]) -> int:
        return pairs.setdefault(p, len(pairs))

    rows: list[int] = []  # bipartite: course -> assumed pair, pair -> supplying course
    cols: list[int] = []
    needs: list[list[int]] = []
    suppliers: dict[int, list[int]] = {}
    for i, c in enumerate(courses):
        for s, lvl in c.teaches.items():
            for v in range(1, int(lvl) + 1):
                suppliers.setdefault(pid((s, v)), []).append(i)
        needs.append([pid((s, int(lvl))) for s, lvl in c.assumes.items() if int(lvl) > 0])
    for i, need in enumerate(needs):
        for p in need:
            rows.append(i)
            cols.append(n + p)
    for p, sup in suppliers.items():
        for i in sup:
            rows.append(n + p)
            cols.append(i)
    m = n + len(pairs)
    # Depth: fewest courses in sequence before each course (a course never supplies itself).
    inf = 10**9
    depth = [inf] * n
    best: dict[int, tuple[int, int, int]] = {}  # pair -> (depth, supplier, second depth)
    frontier = [i for i in range(n) if not needs[i]]
    for i in frontier:
        depth[i] = 0
    waiting = {i: need for i, need in enumerate(needs) if need}
    d = 0
    while frontier:
        for i in frontier:
            for v in range(1, 5):
                for s, lvl in courses[i].teaches.items():
                    if int(lvl) < v:
                        continue
                    p = pairs[(s, v)]
                    cur = best.get(p)
                    if cur is None:
                        best[p] = (d, i, inf)
                    elif cur[1] != i and cur[2] == inf:
                        best[p] = (cur[0], cur[1], d)
        d += 1
        frontier = []
        for i, need in list(waiting.items()):
            ok = True
            for p in need:
                b = best.get(p)
                if b is None or (b[1] == i and b[2] == inf):
                    ok = False
                    break
            if ok:
                depth[i] = d
                frontier.append(i)
                del waiting[i]
    graph = csr_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(m, m))
    _, labels = connected_components(graph, directed=True, connection="strong")
    course_labels = Counter(int(x) for x in labels[:n])
    in_cycle = [i for i in range(n) if course_labels[int(labels[i])] >= 2]
    largest = max(course_labels.values()) if course_labels else 0
    big = course_labels.most_common(1)[0][0] if course_labels else -1
    big_pairs = int(np.sum(labels[n:] == big)) if largest >= 2 else 0
    return {
        "depth": [x for x in depth if x < inf],
        "never": sum(1 for x in depth if x >= inf),
        "in_cycle": len(in_cycle),
        "components": sum(1 for v in course_labels.values() if v >= 2),
        "largest_courses": largest if largest >= 2 else 0,
        "largest_pairs": big_pairs,
    }


def profile(ctx: AdvisorContext) -> dict[str, object]:
    """The figures as a dict of printable values."""
    tax = ctx.taxonomy.skills
    singles = [c for c in ctx.courses.values() if not c.parts]
    on = [c for c in singles if any(s in tax for s in c.teaches)]
    out: dict[str, object] = {
        "courses (programs)": f"{len(ctx.courses)} ({len(ctx.courses) - len(singles)})",
        "on-topic share": f"{len(on) / max(1, len(singles)):.1%} ({len(on)})",
    }
    taught = [[s for s in c.teaches if s in tax] for c in on]
    out["skills taught / course"] = _quantiles([len(t) for t in taught])
    out["skills taught histogram"] = _histogram((len(t) for t in taught), 12)
    out["levels taught"] = _shares(
        Counter(int(c.teaches[s]) for c, t in zip(on, taught, strict=True) for s in t)
    )
    conc: list[float] = []
    multi = 0
    for t in taught:
        cats = Counter(tax[s].category for s in t)
        conc.append(cats.most_common(1)[0][1] / len(t))
        multi += len(cats) >= 2
    out["main-category share of taught"] = f"mean {statistics.mean(conc):.2f}" if conc else "-"
    out["courses in 2+ categories"] = f"{multi / max(1, len(on)):.1%}"
    main_cat = Counter(Counter(tax[s].category for s in t).most_common(1)[0][0] for t in taught)
    top = ", ".join(f"{k} {v / max(1, len(on)):.0%}" for k, v in main_cat.most_common(5))
    out["main categories (top 5)"] = f"{top}; {len(main_cat)} used"
    pop = Counter(s for t in taught for s in t)
    total = sum(pop.values())
    out["top-10 skills' share of teach entries"] = (
        f"{sum(v for _, v in pop.most_common(10)) / max(1, total):.1%}; "
        f"{len(pop)} of {len(tax)} skills taught"
    )
    assumes = [{s: int(v) for s, v in c.assumes.items() if s in tax and int(v) > 0} for c in on]
    with_a = [a for a in assumes if a]
    out["share with assumes"] = f"{len(with_a) / max(1, len(on)):.1%}"
    out["assumes / course (with any)"] = _quantiles([len(a) for a in with_a])
    out["assume levels"] = _shares(Counter(v for a in with_a for v in a.values()))
    same = prereq = n_a = 0
    for c, a in zip(on, assumes, strict=True):
        pre = {p.skill for s in c.teaches if s in tax for p in tax[s].prerequisites}
        for s in a:
            n_a += 1
            same += s in c.teaches
            prereq += s in pre
    out["assumes on a taught skill"] = f"{same / max(1, n_a):.1%}"
    out["assumes on a taxonomy prereq"] = f"{prereq / max(1, n_a):.1%}"
    g = supplier_graph(on)
    depth = g["depth"]
    assert isinstance(depth, list)
    out["chain depth"] = _histogram(depth, 4) + f"; never reachable {g['never']}"
    in_cycle = g["in_cycle"]
    assert isinstance(in_cycle, int)
    out["in mutual-supplier cycles"] = (
        f"{in_cycle / max(1, len(on)):.1%} of on-topic ({g['components']} components; "
        f"largest {g['largest_courses']} courses over {g['largest_pairs']} (skill, level) pairs)"
    )
    hours = [h for c in singles if (h := c.effort.total_hours()) is not None]
    out["hours listed"] = f"{len(hours) / max(1, len(singles)):.1%}; " + _quantiles(hours)
    out["hours listed (on-topic)"] = _quantiles(
        [h for c in on if (h := c.effort.total_hours()) is not None]
    )
    out["price models"] = _shares(Counter(str(c.price.model) for c in singles))
    one = [c.price.amount for c in singles if str(c.price.model) == "one-time" and c.price.amount]
    sub = [
        c.price.amount for c in singles if str(c.price.model) == "subscription" and c.price.amount
    ]
    out["one-time amount"] = _quantiles([float(x) for x in one])
    out["subscription / month"] = _quantiles([float(x) for x in sub])
    return out


def print_side_by_side(named: dict[str, dict[str, object]]) -> None:
    keys = list(next(iter(named.values())))
    for k in keys:
        print(f"{k}:")
        for name, prof in named.items():
            print(f"    {name:>10}: {prof.get(k, '-')}")


def real_context() -> AdvisorContext:
    from coursestack.services.catalog import advisor_context, open_database

    return advisor_context(open_database())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--synthetic", type=int, help="profile a generated catalog of this size")
    args = parser.parse_args()
    if args.synthetic:
        from coursestack import knowledge
        from coursestack.engine.synthetic import synthetic_catalog

        ctx = synthetic_catalog(args.synthetic, knowledge.skills(), knowledge.roles(), seed=1)
    else:
        ctx = real_context()
    for k, v in profile(ctx).items():
        print(f"{k}: {v}")


if __name__ == "__main__":
    main()
