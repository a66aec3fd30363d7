"""CPU-bound advisor work off the event loop: a bounded thread pool with a deadline.

The planner (MILP + Python) would block the event loop for tens of milliseconds to seconds,
so it runs in a dedicated pool of `plan_concurrency` threads; requests beyond that queue.
A request whose work has not finished within `plan_time_limit` seconds (queueing included)
gets a 503; work that had not started yet is dropped from the queue, work already running
finishes in its thread (a thread cannot be killed) but occupies one of the bounded slots, so
an overload can never grow the number of threads."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

from coursestack.api.errors import ServiceBusyError

P = ParamSpec("P")
T = TypeVar("T")


class PlanRunner:
    def __init__(self, concurrency: int, time_limit: float) -> None:
        if concurrency < 1:
            raise ValueError("plan concurrency must be at least 1")
        self.time_limit = time_limit
        self._pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="planner")

    async def run(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self._pool, functools.partial(fn, *args, **kwargs))
        try:
            return await asyncio.wait_for(future, timeout=self.time_limit)
        except TimeoutError as err:
            raise ServiceBusyError(
                f"the planner did not answer within {self.time_limit:g} s; try again later",
                retry_after=max(1, round(self.time_limit)),
            ) from err

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
