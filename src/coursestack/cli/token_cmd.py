"""`coursestack token create|revoke NAME`: API tokens for writes (reviews, catalog edits)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from coursestack.cli import state
from coursestack.cli.lazy import lazy
from coursestack.cli.output import console, err_console, print_json

if TYPE_CHECKING:
    from coursestack.services import tokens
else:
    tokens = lazy("coursestack.services.tokens")

token_app = typer.Typer(
    help="API tokens for writes (reviews, catalog edits).", no_args_is_help=True
)

NameArg = Annotated[str, typer.Argument(help="A label for who or what holds the token.")]


@token_app.command("create")
def create(
    name: NameArg,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Create a token and print it once; only its SHA-256 hash is stored.

    Example: coursestack token create reviews-importer
    """
    label, token = tokens.create_token(state.database(), name)
    if json_out:
        print_json({"name": label, "token": token})
        return
    console.print(token, soft_wrap=True)
    err_console.print(
        f"token {label!r} created; it is shown only now. Send it as "
        "'Authorization: Bearer <token>'."
    )


@token_app.command("revoke")
def revoke(name: NameArg) -> None:
    """Revoke every token with this name.

    Example: coursestack token revoke reviews-importer
    """
    count = tokens.revoke_token(state.database(), name)
    console.print(f"revoked {count} token{'s' if count != 1 else ''} named {name.strip()!r}")


def register(app: typer.Typer) -> None:
    app.add_typer(token_app, name="token")
