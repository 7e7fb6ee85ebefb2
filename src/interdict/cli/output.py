"""How commands print: Rich for people, JSON lines for scripts.

A console that is not a terminal (a pipe, a file) gets a wide fixed width, so tables
piped to `grep` or saved to a file are never cut at 80 columns ("uk-hmt-cons…");
`--json` prints one JSON object a line instead, for `jq` and scripts: every command
that prints results takes it (`JsonFlag`; tests/cli/test_json.py walks them all), and
with it anything meant for people — progress bars, notes — goes to standard error.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping
from typing import Annotated, Any

import typer
from rich.console import Console

#: Width of tables written to a pipe or a file.
PIPED_WIDTH = 250

#: The `--json` option of every command that prints results.
JsonFlag = Annotated[
    bool, typer.Option("--json", help="JSON lines on stdout: one object per result row.")
]


def console(*, stderr: bool = False) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    return Console(stderr=stderr, width=None if stream.isatty() else PIPED_WIDTH)


def print_json_lines(rows: Iterable[Mapping[str, Any]]) -> None:
    """One JSON object a line on standard output (dates and paths as text)."""
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


def print_result(as_json: bool, row: Mapping[str, Any], text: str) -> None:
    """A command's one result: a JSON line for scripts, or `text` for people."""
    if as_json:
        print_json_lines([row])
    else:
        console().print(text, highlight=False)
