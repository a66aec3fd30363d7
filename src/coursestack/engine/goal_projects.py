"""A course's project counts toward a goal only when the project exercises that goal.

An independent portfolio project, a capstone or a competition is work to show for a goal
only when the course also teaches that goal's own skills: a mobile-app course's portfolio
project is no data engineer's portfolio, and an LLM course's project is none of a data
analyst's. So the project skills a course teaches count toward a goal when the course
teaches at least MIN_GOAL_SKILLS of the goal's other (non-practice) required skills, at any
level; otherwise they count for nothing toward it (the gap audit lists them as fallthrough
with OFF_GOAL_PROJECT). A goal asking for fewer other skills than that needs only as many.

The planner (planner_candidates), the gap audit and the fit verdict apply this one rule. In a
plan, a project that does not count supplies no prerequisite either (conservative; neither
the taxonomy nor the imported catalogs make a project a prerequisite). What a learner's own
completed courses taught is not filtered: the work they built is theirs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import numpy.typing as npt

from coursestack.domain import Level

PROJECT_SKILLS = frozenset(
    {"practice.portfolio-project", "practice.capstone", "practice.kaggle-competitions"}
)
PRACTICE_PREFIX = "practice."
MIN_GOAL_SKILLS = 2
OFF_GOAL_PROJECT = "off-goal-project"  # gap-audit fallthrough reason


def goal_skills(required: Iterable[str]) -> frozenset[str]:
    """The goal's own subject skills: its required skills outside the practice category."""
    return frozenset(s for s in required if not s.startswith(PRACTICE_PREFIX))


def threshold(goal: frozenset[str]) -> int:
    """How many of the goal's skills a course must teach for its project to count."""
    return min(MIN_GOAL_SKILLS, len(goal))


def project_counts(teaches: Iterable[str], goal: frozenset[str]) -> bool:
    """True when a course teaching `teaches` exercises enough of the goal's skills."""
    return sum(1 for s in teaches if s in goal) >= threshold(goal)


def toward_goal(teaches: Mapping[str, Level], required: Iterable[str]) -> dict[str, Level]:
    """What a course teaches that can count toward the goal: everything, less its project
    skills when the project does not exercise the goal."""
    if PROJECT_SKILLS.isdisjoint(teaches):
        return dict(teaches)
    if project_counts(teaches, goal_skills(required)):
        return dict(teaches)
    return {s: v for s, v in teaches.items() if s not in PROJECT_SKILLS}


def off_goal_entries(
    t_row: npt.NDArray[np.int64],
    t_col: npt.NDArray[np.int64],
    n_rows: int,
    goal_col: npt.NDArray[np.bool_],
    project_col: npt.NDArray[np.bool_],
    need: int,
) -> npt.NDArray[np.bool_]:
    """`toward_goal` on sparse teach entries (row, skill column) of n_rows courses: True for
    the project entries of courses teaching fewer than `need` goal skills (to be dropped)."""
    if not project_col.any() or t_row.size == 0:
        return np.zeros(t_row.size, dtype=bool)
    hits = np.bincount(t_row[goal_col[t_col]], minlength=n_rows)
    short = hits < need
    out: npt.NDArray[np.bool_] = project_col[t_col] & short[t_row]
    return out
