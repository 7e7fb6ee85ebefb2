"""How commands print: Rich for people, JSON lines for scripts.

A console that is not a terminal (a pipe, a file) gets a wide fixed width, so tables
piped to `grep` or saved to a file are never cut at 80 columns ("uk-hmt-cons…");
`--json` prints one JSON object a line instead, for `jq` and scripts.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping
from typing import Any

from rich.console import Console

#: Width of tables written to a pipe or a file.
PIPED_WIDTH = 250


def console(*, stderr: bool = False) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    return Console(stderr=stderr, width=None if stream.isatty() else PIPED_WIDTH)


def print_json_lines(rows: Iterable[Mapping[str, Any]]) -> None:
    """One JSON object a line on standard output (dates and paths as text)."""
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
