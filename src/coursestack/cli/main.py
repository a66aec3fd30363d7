"""The `coursestack` command: assembles the command modules and maps errors to exit codes."""

from __future__ import annotations

import sys

import typer

from coursestack.cli import (
    advise_cmd,
    catalog_cmd,
    guide_cmd,
    import_cmd,
    reviews_cmd,
    serve_cmd,
    state,
    token_cmd,
)
from coursestack.cli.errors import EXIT_FAILURE, exit_code_for
from coursestack.cli.output import err_console
from coursestack.domain import CoursestackError

app = typer.Typer(
    name="coursestack",
    help="Where I start, where I want to go: course fit, gap audits and optimal learning plans.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
catalog_cmd.register(app)
advise_cmd.register(app)
guide_cmd.register(app)
reviews_cmd.register(app)
import_cmd.register(app)
serve_cmd.register(app)
token_cmd.register(app)


def run(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code (tests call this directly)."""
    try:
        # Outside standalone mode Typer returns a command's `typer.Exit(n)` code instead of
        # raising it.
        code = app(args=argv, prog_name="coursestack", standalone_mode=False)
    except CoursestackError as err:
        err_console.print(f"[red]error:[/red] {err}")
        return exit_code_for(err)
    except typer.Exit as exc:
        return int(exc.exit_code or 0)
    except typer.Abort:
        err_console.print("aborted")
        return EXIT_FAILURE
    except KeyboardInterrupt:
        err_console.print("interrupted")
        return 130
    except typer.TyperException as exc:  # usage errors: bad option values, missing args
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        else:
            err_console.print(f"[red]error:[/red] {exc}")
        return int(getattr(exc, "exit_code", 2))
    finally:
        state.reset()
    return code if isinstance(code, int) else 0


def main() -> None:
    sys.exit(run(sys.argv[1:]))
