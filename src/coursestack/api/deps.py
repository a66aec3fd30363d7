"""Typed request dependencies: the database, one session per request, the service options,
the planner pool and the token check for writes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from coursestack.api.config import ServiceOptions
from coursestack.api.errors import AuthenticationRequiredError
from coursestack.api.planning import PlanRunner
from coursestack.services import tokens
from coursestack.store.db import Database

# The in-memory catalog serves reads and advice, revalidated against the database's version
# tokens at most this often: another worker's edit shows within a second; this worker's own
# writes show at once (services.catalog.advisor_context).
CATALOG_MAX_AGE = 1.0

# Plain attribute reads are `async def` so FastAPI runs them on the event loop: a sync
# dependency costs a hop through the thread pool on every request.


async def get_database(request: Request) -> Database:
    db: Database = request.app.state.database
    return db


async def get_options(request: Request) -> ServiceOptions:
    options: ServiceOptions = request.app.state.options
    return options


async def get_plan_runner(request: Request) -> PlanRunner:
    runner: PlanRunner = request.app.state.plan_runner
    return runner


DatabaseDep = Annotated[Database, Depends(get_database)]
OptionsDep = Annotated[ServiceOptions, Depends(get_options)]
PlanRunnerDep = Annotated[PlanRunner, Depends(get_plan_runner)]


def get_session(db: DatabaseDep) -> Iterator[Session]:
    """One unit of work per request: committed when the route returns normally, rolled back
    on any error. `scope="function"` commits before the response is sent, so a failed
    commit is an error response, never a lost write behind a 200."""
    with db.session() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def get_read_session(db: DatabaseDep) -> Iterator[Session]:
    """A read-only session (no write lock on SQLite) for GET routes."""
    with db.read_session() as session:
        yield session


ReadSessionDep = Annotated[Session, Depends(get_read_session)]
# A sync generator dependency costs two thread-pool hops (enter, exit) on top of the route's
# own; the hottest catalog reads therefore take DatabaseDep and open their one unit of work
# inside the route (`with db.session() as session:`), which is one hop in all.

_bearer = HTTPBearer(auto_error=False, description="A token from `coursestack token create`.")


def require_token(
    db: DatabaseDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str:
    """The token's name, for writes; 401 without a valid, unrevoked token."""
    if credentials is None or not credentials.credentials:
        raise AuthenticationRequiredError(
            "this write needs an API token: Authorization: Bearer <token>"
        )
    return verify_token(db, credentials.credentials)


def verify_token(db: Database, token: str) -> str:
    name = tokens.verify_token(db, token)
    if name is None:
        raise AuthenticationRequiredError("invalid or revoked API token")
    return name


TokenDep = Annotated[str, Depends(require_token)]
