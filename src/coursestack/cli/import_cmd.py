"""`coursestack import` and `coursestack export` (registered by cli/main.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from coursestack.cli import state
from coursestack.cli.lazy import lazy
from coursestack.cli.output import console, err_console, print_json
from coursestack.domain import CoursestackError
from coursestack.ingest.formats import FORMATS

if TYPE_CHECKING:
    from coursestack.services import imports
    from coursestack.services.imports import ImportSummary
else:
    imports = lazy("coursestack.services.imports")


class _RichProgress:
    """One Rich bar per file, on stderr so `--json` output stays clean."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task: TaskID | None = None

    def start(self, name: str, total: int) -> None:
        self.task = self.progress.add_task(name, total=total)

    def update(self, done: int) -> None:
        if self.task is not None:
            self.progress.update(self.task, completed=done)

    def finish(self) -> None:
        if self.task is not None:
            total = self.progress.tasks[self.task].total or 0
            self.progress.update(self.task, completed=total)
        self.task = None


KEPT_SHOWN = 5  # rows whose values did not apply, named in the text summary


def _render(summary: ImportSummary) -> None:
    table = Table(title="import")
    for col in (
        "file",
        "format",
        "read",
        "imported",
        "updated",
        "merged",
        "unchanged",
        "rejected",
        "seconds",
    ):
        table.add_column(col, overflow="fold")
    for f in summary.files:
        table.add_row(
            Path(f.path).name,
            f.format or "—",
            str(f.read),
            str(f.imported),
            str(f.updated),
            str(f.merged),
            str(f.unchanged),
            str(f.rejected),
            f"{f.seconds:.2f}",
        )
    console.print(table)
    for f in summary.files:
        if f.error:
            err_console.print(f"[red]not imported:[/red] {imports.file_error(f.path, f.error)}")
    totals = summary.to_json()
    console.print(
        f"{totals['files']} files, {totals['read']} read, {totals['imported']} imported, "
        f"{totals['updated']} updated, {totals['merged']} merged, "
        f"{totals['unchanged']} unchanged, {totals['rejected']} rejected in "
        f"{summary.seconds:.2f} s"
    )
    if totals["merged"]:
        console.print(
            "[dim]merged rows joined a course already seen (same address or title and "
            "provider); that course counts once, as imported or updated.[/dim]"
        )
    kept = [k for f in summary.files for k in f.kept]
    for k in kept[:KEPT_SHOWN]:
        console.print(
            f"[yellow]not applied:[/yellow] {k.course_id}: your {', '.join(k.fields)} "
            f"(its {', '.join(k.sources)} source ranks higher; the stored values stand)"
        )
    if len(kept) > KEPT_SHOWN:
        console.print(f"[yellow]not applied:[/yellow] {len(kept) - KEPT_SHOWN} more rows (--json)")
    if summary.rejects_file:
        console.print(f"rejected rows (file, line, reason): {summary.rejects_file}")
        for reason, count in summary.top_reject_reasons():
            console.print(f"  {count:>5}  {reason}")


def import_command(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Catalog files to import.", exists=True, dir_okay=False, readable=True),
    ],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", help=f"Force a format instead of detecting it: {', '.join(FORMATS)}."
        ),
    ] = None,
    rejects: Annotated[
        Path | None,
        typer.Option(help="Where to write rejected rows (CSV). Default: the data directory."),
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Import catalog files: the dumps, Open edX JSON, generic CSV/JSON, our exports.

    Coursera, edX and Udemy dumps are recognised by their header. Each file is one
    transaction; re-importing changes nothing.

    Example: coursestack import ../shared/data/catalogs/*.csv --json
    """
    db = state.database()
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=json_out,
    ) as bars:
        try:
            summary = imports.import_catalog(db, paths, fmt, _RichProgress(bars), rejects)
        except CoursestackError as err:
            if json_out:  # a script reading stdout gets JSON, not an empty line
                print_json({"error": str(err), "imported": 0})
            raise
    if json_out:
        print_json(summary.to_json())
    else:
        _render(summary)
    failed = [f for f in summary.files if f.error]
    if failed:
        # each file is its own transaction: the others landed; a file that could not be
        # read is bad input, exit 2 as for every other
        err_console.print(
            f"[red]error:[/red] {len(failed)} of {len(summary.files)} files not imported "
            "(the others were imported)"
        )
        raise typer.Exit(2)


def export_command(
    path: Annotated[Path, typer.Argument(help="JSON file to write.", dir_okay=False)],
    platform: Annotated[str | None, typer.Option(help="Only this platform.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print a JSON summary.")] = False,
) -> None:
    """Export the catalog to a file that `coursestack import` reads back.

    Example: coursestack export catalog.json --platform coursera
    """
    count = imports.export_catalog(state.database(), path, platform)
    if json_out:
        print_json({"exported": count, "file": str(path)})
    else:
        console.print(f"exported {count} courses to {path}")


def register(app: typer.Typer) -> None:
    app.command("import")(import_command)
    app.command("export")(export_command)
