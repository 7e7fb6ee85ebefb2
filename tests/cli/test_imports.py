"""`interdict screen` does not import the libraries only other commands use.

Importing is most of a warm screen's time (docs/benchmarks.md#cli-screen-latency). Each
library below costs 20-400 ms to import and is imported where it is used: a country
name read, a rule set loaded, a migration run, a picture decoded, a workbook read, a
webhook delivered, a Parquet file read, a list file parsed.
"""

from __future__ import annotations

import subprocess
import sys

NOT_FOR_A_SCREEN = {
    "alembic",
    "av",
    "followthemoney",
    "httpx",
    "interdict.lists.registry",
    "numba",
    "openpyxl",
    "PIL",
    "pydifact",
    "pyarrow.parquet",
    "rigour.territories",
    "rule_engine",
    "sqlalchemy.dialects.postgresql",
    "xlrd",
    "zxcvbn",
    "fastapi",
    "uvicorn",
}


def test_the_screen_command_imports_none_of_the_other_commands_libraries() -> None:
    code = "import sys, interdict.cli.app, interdict.cli.screen; print(*sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert sorted(NOT_FOR_A_SCREEN & set(done.stdout.split())) == []
