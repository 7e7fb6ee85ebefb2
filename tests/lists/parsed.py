"""Real list files parsed once per test run, for the tests that read the same file."""

from __future__ import annotations

from functools import cache

from interdict.lists.registry import source_for
from interdict.lists.source import ParsedList

from ..conftest import LISTS


@cache
def parsed(*names: str) -> ParsedList:
    """The parse of the bundled files `names` (one version of one list)."""
    paths = [LISTS / name for name in names]
    return source_for(paths).parse(paths)
