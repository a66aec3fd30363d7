"""Command-line arguments shared by the benchmark scripts: each one's docstring is its --help,
and a catalog folder that holds no dumps is an error message with exit status 2."""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = ROOT.parent / "shared" / "data" / "catalogs"


def parser(doc: str | None) -> argparse.ArgumentParser:
    return argparse.ArgumentParser(
        description=doc, formatter_class=argparse.RawDescriptionHelpFormatter
    )


def with_catalog_dir(doc: str | None) -> argparse.ArgumentParser:
    """A parser taking an optional CATALOG_DIR (default ../shared/data/catalogs)."""
    p = parser(doc)
    p.add_argument(
        "catalog_dir", nargs="?", type=Path, default=DEFAULT_DIR, help="folder of *.csv dumps"
    )
    return p


def dump_paths(p: argparse.ArgumentParser, folder: Path) -> list[Path]:
    """The dumps in `folder`, or exit 2 with a message when there are none."""
    paths = sorted(folder.glob("*.csv")) if folder.is_dir() else []
    if not paths:
        p.exit(2, f"no catalog dumps at {folder}\n")
    return paths
