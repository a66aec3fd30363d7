"""`coursestack token create|revoke` and `coursestack serve`, registered on a fresh Typer app
(cli/main.py wires the same register() functions)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from coursestack.cli import serve_cmd, state, token_cmd
from coursestack.store.db import Database
from coursestack.store.tokens import TokenRepository


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch, sqlite_db: Database) -> Iterator[typer.Typer]:
    monkeypatch.setenv("COURSESTACK_DATABASE_URL", sqlite_db.url)
    state.reset()
    cli = typer.Typer()
    token_cmd.register(cli)
    serve_cmd.register(cli)
    yield cli
    state.reset()


def test_token_create_verify_revoke(app: typer.Typer, sqlite_db: Database) -> None:
    runner = CliRunner()
    created = runner.invoke(app, ["token", "create", "importer", "--json"])
    assert created.exit_code == 0, created.output
    token = json.loads(created.stdout)["token"]
    with sqlite_db.session() as session:
        assert TokenRepository(session).verify(token) == "importer"
    revoked = runner.invoke(app, ["token", "revoke", "importer"])
    assert revoked.exit_code == 0 and "revoked 1 token" in revoked.stdout
    with sqlite_db.session() as session:
        assert TokenRepository(session).verify(token) is None
    missing = runner.invoke(app, ["token", "revoke", "nobody"])
    assert missing.exit_code != 0


def test_serve_prepares_the_database_then_runs_uvicorn_workers(
    app: typer.Typer, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[Any, dict[str, Any]]] = []
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda target, **kw: calls.append((target, kw)))
    result = CliRunner().invoke(app, ["serve", "--port", "8123", "--workers", "3"])
    assert result.exit_code == 0, result.output
    [(target, kwargs)] = calls
    assert target == serve_cmd.APP_FACTORY and kwargs["factory"] is True
    assert kwargs["port"] == 8123 and kwargs["workers"] == 3 and kwargs["host"] == "127.0.0.1"
