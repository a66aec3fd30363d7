"""How often real-catalog plans lean on courses that are not about what they are credited for.

    COURSESTACK_DATABASE_URL=<db with the six dumps imported> \
        .venv/bin/python benchmarks/plan_focus.py [-v]

Plans 24 learners (every role x three profiles: a beginner on a budget of 0 at 5 h/week; Python
at 2 with 200 USD, 8 h/week and 26 weeks; Python and SQL at 1, 10 h/week, no limits) and counts
- off-topic steps: steps credited (closes / raises) only for skills the course merely touches
  (the tag's provenance carries `rule:not-central`; curated courses, hand-labelled, count as
  on-topic) — a Six Sigma course closing probability, a MATLAB primer closing linear algebra
  (the planner gives such tags no credit since this stop, so this should read 0);
- steps credited only for skills their title does not name (a weaker signal: a course can be
  about a skill its title leaves out, 'Introduction to Data Engineering' and NoSQL);
- prerequisite-only steps: steps that raise no goal skill and only supply a later step's
  prerequisite;
with their shares of steps and of hours, mean coverage after the plan and total hours.
-v lists the off-topic and prerequisite-only steps.
"""

from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from bench_args import parser  # noqa: E402

from coursestack.domain import Course  # noqa: E402
from coursestack.services import advise, catalog  # noqa: E402
from coursestack.store.db import Database  # noqa: E402

PROFILES: list[dict[str, object]] = [
    {"skills": {}, "hours_per_week": 5, "budget": 0},
    {"skills": {"python": 2}, "hours_per_week": 8, "budget": 200, "deadline_weeks": 26},
    {"skills": {"python": 1, "sql": 1}, "hours_per_week": 10},
]


def touched(course: Course, skill: str) -> bool:
    return "rule:not-central" in course.provenance.get(f"teaches.{skill}", "")


def in_title(course: Course, skill: str) -> bool:
    rule = course.provenance.get(f"teaches.{skill}")
    return rule is None or "title:" in rule or "central: title" in rule


def main(argv: list[str]) -> int:
    p = parser(__doc__)
    p.add_argument("-v", action="store_true", help="list the off-topic and prerequisite-only steps")
    verbose = p.parse_args(argv).v
    url = os.environ.get("COURSESTACK_DATABASE_URL")
    if not url:
        print("set COURSESTACK_DATABASE_URL to a database with the dumps imported", file=sys.stderr)
        return 2
    db = Database(url)
    ctx = catalog.advisor_context(db)
    steps = off = pre = untitled = 0
    hours = off_h = pre_h = 0.0
    coverage: list[float] = []
    listed: list[str] = []
    for role in ctx.roles:
        for k, profile in enumerate(PROFILES):
            plan = advise.make_plan(db, {**profile, "goal": role})
            coverage.append(plan["coverage"]["after"])
            for step in plan["steps"]:
                course = ctx.courses[step["course_id"]]
                credited = [*step["closes"], *step["raises"]]
                steps += 1
                hours += step["hours"]
                if not credited:
                    pre += 1
                    pre_h += step["hours"]
                    listed.append(f"prerequisite-only | {role} {k} | {course.title}")
                elif all(touched(course, s) for s in credited):
                    off += 1
                    off_h += step["hours"]
                    listed.append(f"off-topic | {role} {k} | {course.title}: {', '.join(credited)}")
                elif not any(in_title(course, s) for s in credited):
                    untitled += 1
                    listed.append(f"untitled | {role} {k} | {course.title}: {', '.join(credited)}")
    print(f"learners {len(coverage)}, steps {steps}, hours {hours:.0f}")
    print(f"off-topic steps: {off} ({off / steps:.1%} of steps, {off_h / hours:.1%} of hours)")
    print(f"steps credited only for skills their title does not name: {untitled}")
    print(
        f"prerequisite-only steps: {pre} ({pre / steps:.1%} of steps, {pre_h / hours:.1%} of hours)"
    )
    print(f"mean coverage after the plan: {statistics.mean(coverage):.4f}")
    if verbose:
        print("\n".join(listed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
