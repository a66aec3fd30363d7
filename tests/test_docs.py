"""Docs that cannot drift: every setting the code reads is documented in the README, and
every top-level command appears in the README."""

from __future__ import annotations

import re
from pathlib import Path

from coursestack.cli.main import app

ROOT = Path(__file__).resolve().parents[1]


def test_every_setting_is_documented() -> None:
    used: set[str] = set()
    for path in (ROOT / "src").rglob("*.py"):
        used |= set(re.findall(r"COURSESTACK_[A-Z_]+", path.read_text(encoding="utf-8")))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = sorted(name for name in used if f"`{name}`" not in readme)
    assert not missing, f"settings missing from README.md: {missing}"


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [c.name for c in app.registered_commands if c.name]
    names += [g.name for g in app.registered_groups if g.name]
    missing = sorted(n for n in names if f"coursestack {n}" not in readme)
    assert not missing, f"commands missing from README.md: {missing}"


def test_readme_starts_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    head = readme.split("## ", 2)[0] + readme.split("## ", 2)[1][:50]
    assert "make run" in head and "make test" in head
