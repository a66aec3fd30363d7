"""The CLI's start-up: what `coursestack --help` loads."""

from __future__ import annotations

import subprocess
import sys

PROBE = (
    "import sys, coursestack.cli.main; "
    "print(sorted({'sqlalchemy', 'alembic', 'scipy'} & set(sys.modules)))"
)


def test_help_loads_no_database_layer() -> None:
    # `coursestack --help` and usage errors must not pay for SQLAlchemy and Alembic (about
    # 1.5 s of imports on a slow machine): the commands load the services on first use.
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
