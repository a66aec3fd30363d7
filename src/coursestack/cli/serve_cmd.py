"""`coursestack serve`: the JSON API and web pages under uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from coursestack.cli.output import console

APP_FACTORY = "coursestack.api.app:app_from_env"


def serve_cmd(
    host: Annotated[str, typer.Option(help="Interface to bind; 0.0.0.0 for every one.")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(min=0, max=65535, help="TCP port (0: any free).")] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Worker processes (use PostgreSQL beyond 1).")
    ] = 1,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
) -> None:
    """Serve the JSON API (/api/v1) and the web pages.

    OpenAPI at /api/v1/openapi.json.

    The database is migrated and seeded once here, before the workers start.

    Example: COURSESTACK_DATABASE_URL=postgresql+psycopg://app@db/coursestack \\
    coursestack serve --host 0.0.0.0 --port 8000 --workers 4
    """
    import uvicorn  # heavy; only this command needs it

    from coursestack.services.catalog import open_database
    from coursestack.settings import Settings

    settings = Settings.from_env()
    db = open_database(settings)
    console.print(
        f"coursestack on http://{host}:{port}  database {db.safe_url()}  workers {workers}"
    )
    db.dispose()  # each worker opens its own engine
    uvicorn.run(
        APP_FACTORY,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        proxy_headers=True,
        server_header=False,
    )


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_cmd)
