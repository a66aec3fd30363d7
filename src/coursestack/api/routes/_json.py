"""Fast JSON responses for read routes: the services return JSON-ready dicts, so the
generic encoder pass (and response-model validation) would only cost time."""

from __future__ import annotations

import json
from typing import Any

from fastapi.responses import Response


def json_response(content: Any, status_code: int = 200) -> Response:
    body = json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=str)
    return Response(body, status_code=status_code, media_type="application/json")
