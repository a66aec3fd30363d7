"""The HTTP service: a FastAPI app built by `create_app(settings)`.

JSON API under /api/v1 (OpenAPI at /api/v1/openapi.json) and the server-rendered web pages
under /. Uvicorn workers build their app with `app_from_env` (a factory); the database is
migrated and seeded once by `coursestack serve` before the workers start."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI

from coursestack.api import errors
from coursestack.api.config import ServiceOptions
from coursestack.api.planning import PlanRunner
from coursestack.api.routes import (
    advice,
    courses,
    guides,
    health,
    platforms,
    reviews,
    roles,
    skills,
)
from coursestack.settings import Settings
from coursestack.store.db import Database

API_PREFIX = "/api/v1"
OPENAPI_URL = f"{API_PREFIX}/openapi.json"


def api_router() -> APIRouter:
    router = APIRouter(prefix=API_PREFIX)
    # A course in a path may be its address, slashes and all ({course:path}): the routes
    # ending in /guide, /fit or /reviews go first, so /courses/{course:path} takes the rest.
    for module in (advice, guides, reviews, skills, roles, platforms, health, courses):
        router.include_router(module.router)
    router.include_router(courses.search_router)
    return router


def create_app(
    settings: Settings | None = None,
    *,
    database: Database | None = None,
    options: ServiceOptions | None = None,
    prepare: bool = True,
    web: bool = True,
) -> FastAPI:
    """The service for `settings` (default: from the environment).

    `database`: use this one instead of opening `settings.database_url` (tests).
    `prepare`: migrate and seed the database first (`serve` does it once for all workers).
    `web`: mount the HTML pages as well as the JSON API."""
    db = database or Database.from_settings(settings)
    if prepare:
        db.ensure_ready()
    opts = options or ServiceOptions.from_env()
    runner = PlanRunner(opts.plan_concurrency, opts.plan_time_limit)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        runner.shutdown()
        if database is None:  # ours to close
            db.dispose()

    app = FastAPI(
        title="coursestack",
        summary="Course fit, gap audits and optimal learning plans over a cross-platform catalog",
        version="1",
        openapi_url=OPENAPI_URL,
        docs_url=None,  # the bundled Swagger UI loads from a CDN; the spec is what we publish
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.database = db
    app.state.options = opts
    app.state.plan_runner = runner
    errors.install(app)
    app.include_router(api_router())
    if web:
        from coursestack.web import pages  # the web layer is optional for API-only use

        pages.install(app)
    return app


def app_from_env() -> FastAPI:
    """Uvicorn factory for worker processes: settings from the environment, no migration."""
    return create_app(Settings.from_env(), prepare=False)
