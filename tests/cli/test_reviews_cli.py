from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer

from coursestack.cli import catalog_cmd, reviews_cmd
from coursestack.cli import main as cli_main

ML_SPEC = "coursera-ml-specialization"
MITX = "edx-mitx-6-86x"
Run = Callable[..., Any]


@pytest.fixture
def run(cli: Run, monkeypatch: pytest.MonkeyPatch) -> Run:
    """The real CLI; until main.py registers the review commands, an app that does."""
    app = cli_main.app
    names = {c.name for c in app.registered_commands}
    if "rank" not in names:
        app = typer.Typer(no_args_is_help=True, pretty_exceptions_enable=False)
        catalog_cmd.register(app)
        reviews_cmd.register(app)
        monkeypatch.setattr(cli_main, "app", app)
    return cli


def test_review_add_then_reviews_show(run: Run) -> None:
    r = run(
        "review", "add", "Machine Learning Specialization", "--score", "9", "--reviewer", "ana",
        "--role", "ML engineer", "--years", "6", "--text", "Solid theory", "--depth", "8",
        "--date", "2025-01-02", "--json",
    )  # fmt: skip
    assert r.code == 0, r.err
    assert json.loads(r.out)["result"] == "added"
    r = run("reviews", ML_SPEC, "--json")
    data = json.loads(r.out)
    assert data["practitioner"]["n"] == 1
    assert data["reviews"][0]["dimensions"] == {"depth": 8.0}
    assert data["reviews"][0]["background"] == "ml-engineer"
    r = run("reviews", ML_SPEC)
    assert r.code == 0 and "practitioner score" in r.out and "ana" in r.out


def test_bad_input_exits_2(run: Run) -> None:
    assert run("review", "add", ML_SPEC, "--score", "11", "--reviewer", "a").code == 2
    assert run("review", "add", "no such course", "--score", "5", "--reviewer", "a").code == 2
    assert run("reviews", "import").code == 2
    assert run("rank", "--skill", "python", "--role", "ml-engineer").code == 2


def test_import_rank_and_compare(run: Run, tmp_path: Path) -> None:
    lines = ["course,reviewer,score,role,date"]
    lines += [f"{ML_SPEC},e{i},9,ML engineer,2025-01-{1 + i % 28:02d}" for i in range(40)]
    lines += [f"{MITX},s{i},{6 + i % 3},student,2025-02-{1 + i % 28:02d}" for i in range(30)]
    lines += ["nope,x,5,,2025-01-01"]
    path = tmp_path / "reviews.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = run("reviews", "import", str(path), "--json")
    report = json.loads(r.out)
    assert (report["added"], report["rejected"]) == (70, 1)
    assert report["errors"][0]["line"] == 72

    r = run("rank", "--json")
    data = json.loads(r.out)
    assert data["courses"][0]["course_id"] == ML_SPEC
    assert data["clear_margin"] is True
    assert set(data["by_background"]) == {"ml-engineer", "student"}
    r = run("rank", "--role", "ml-engineer")
    assert r.code == 0 and "highest-rated by a clear margin" in r.out

    r = run("compare", "platforms", "--json")
    platforms = {p["platform"]: p for p in json.loads(r.out)}
    assert platforms["coursera"]["practitioner_rating"]["reviews"] == 40
    assert run("compare", "platforms").code == 0


def test_a_review_file_with_no_usable_row_exits_2(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "wrong.csv"
    path.write_text("course,reviewer,score,date\nnope,b,5,2025-01-01\n", encoding="utf-8")
    r = run("reviews", "import", str(path))
    assert r.code == 2 and "every row was rejected" in " ".join(r.err.split())
    assert "unknown course" in r.out  # the rows' reasons are still shown
    mixed = tmp_path / "mixed.csv"
    mixed.write_text(f"course,reviewer,score,date\n{ML_SPEC},a,8,2025-01-01\nnope,b,5,2025-01-01\n")
    assert run("reviews", "import", str(mixed)).code == 0  # the good row landed


def test_a_file_without_a_review_header_is_an_error(run: Run, tmp_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("hello\nworld\n")
    result = run("reviews", "import", str(other))
    assert result.code == 2 and "no review header" in " ".join(result.err.split())
    # and the catalog export does not create a mistyped directory
    missing = tmp_path / "nowhere" / "cat.json"
    out = run("export", str(missing))
    assert out.code == 2 and "no directory" in out.err and not missing.parent.exists()


def test_rank_without_reviews_says_how_to_add_them(run: Run) -> None:
    result = run("rank", "--role", "data-scientist")
    text = " ".join(result.out.split())
    assert result.code == 0 and "0 with practitioner reviews" in text
    assert "coursestack reviews import FILE" in text
