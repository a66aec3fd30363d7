"""`coursestack import` / `export` through Typer (registered on a bare app: the lead wires
`import_cmd.register` into cli/main.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from coursestack.cli import import_cmd, state
from coursestack.store.db import Database

FIXTURES = Path(__file__).resolve().parents[1] / "ingest" / "fixtures"


@pytest.fixture
def app(
    monkeypatch: pytest.MonkeyPatch, sqlite_db: Database, tmp_path: Path
) -> Iterator[typer.Typer]:
    monkeypatch.setenv("COURSESTACK_DATABASE_URL", sqlite_db.url)
    monkeypatch.setenv("COURSESTACK_DATA_DIR", str(tmp_path / "data"))
    state.reset()
    cli = typer.Typer()
    import_cmd.register(cli)
    yield cli
    state.reset()


def test_import_json_summary_and_reimport(app: typer.Typer, tmp_path: Path) -> None:
    runner = CliRunner()
    files = [str(FIXTURES / "udemy_courses.csv"), str(FIXTURES / "coursera_votes.csv")]
    result = runner.invoke(app, ["import", *files, "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout[result.stdout.index("{") :])
    assert {"files", "read", "imported", "updated", "rejected", "rejects_file"} <= set(summary)
    assert summary["files"] == 2 and summary["imported"] == 4 and summary["rejected"] == 2
    assert Path(summary["rejects_file"]).parent == tmp_path / "data" / "rejects"
    again = runner.invoke(app, ["import", *files, "--json"])
    second = json.loads(again.stdout[again.stdout.index("{") :])
    assert (second["imported"], second["updated"]) == (0, 0)


def test_import_table_output_and_forced_format(app: typer.Typer) -> None:
    result = CliRunner().invoke(
        app, ["import", str(FIXTURES / "generic.csv"), "--format", "generic"]
    )
    assert result.exit_code == 0, result.output
    assert "imported" in result.stdout and "rejected rows" in result.stdout


def test_export_then_import(app: typer.Typer, tmp_path: Path) -> None:
    out = tmp_path / "catalog.json"
    runner = CliRunner()
    result = runner.invoke(app, ["export", str(out), "--platform", "kaggle-learn", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["exported"] > 0
    again = runner.invoke(app, ["import", str(out), "--json"])
    summary = json.loads(again.stdout[again.stdout.index("{") :])
    assert summary["imported"] == 0 and summary["updated"] == 0
