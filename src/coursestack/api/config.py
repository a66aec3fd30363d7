"""Service options beyond the database: limits of the HTTP service, read from the
environment with documented defaults (see docs/deploy.md)."""

from __future__ import annotations

import os
from dataclasses import dataclass


def _env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    return float(raw) if raw else default


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw else default


@dataclass(frozen=True)
class ServiceOptions:
    """`plan_time_limit`: seconds a plan request may take, queueing included (503 after);
    the solver itself gets `solver_time_limit` and answers with its greedy fallback past it.
    `plan_concurrency`: plans computed at once per worker process (the rest queue).
    `reviews_per_hour`: new or replaced reviews one reviewer may write per hour."""

    plan_time_limit: float = 10.0
    solver_time_limit: float = 2.0
    plan_concurrency: int = 4
    reviews_per_hour: int = 30
    max_page: int = 500

    @classmethod
    def from_env(cls) -> ServiceOptions:
        base = cls()
        return cls(
            plan_time_limit=_env_float("COURSESTACK_PLAN_TIME_LIMIT", base.plan_time_limit),
            solver_time_limit=_env_float("COURSESTACK_SOLVER_TIME_LIMIT", base.solver_time_limit),
            plan_concurrency=_env_int("COURSESTACK_PLAN_CONCURRENCY", base.plan_concurrency),
            reviews_per_hour=_env_int("COURSESTACK_REVIEWS_PER_HOUR", base.reviews_per_hour),
        )
