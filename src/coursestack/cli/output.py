"""Terminal and JSON output shared by every command."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from pydantic import BaseModel
from rich.console import Console

from coursestack.services.words import hours_text

# Output to a file or pipe has no terminal width; Rich then assumes 80 columns, which wraps
# every cell of the wider tables (platform comparison, search results) into slivers. There
# the tables get 120 columns, unless COLUMNS says otherwise; a terminal keeps its own width.
PIPE_WIDTH = 120


def _width(stream: Any) -> int | None:
    isatty = getattr(stream, "isatty", None)
    if (isatty is not None and isatty()) or os.environ.get("COLUMNS"):
        return None
    return PIPE_WIDTH


console = Console(highlight=False, width=_width(sys.stdout))
err_console = Console(stderr=True, highlight=False, width=_width(sys.stderr))


def to_jsonable(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    return value


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(to_jsonable(value), indent=2, ensure_ascii=False, default=str))
    sys.stdout.write("\n")


def fmt_hours(hours: float | None) -> str:
    return hours_text(hours)


def fmt_money(amount: float | None, currency: str | None = "USD") -> str:
    if amount is None:
        return "unknown"
    if amount == 0:
        return "free"
    return f"{amount:,.0f} {currency or '(currency unknown)'}"
