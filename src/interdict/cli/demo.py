"""`interdict demo`: the quick start's main job on the embedded default."""

from __future__ import annotations

from interdict.cli import lists


def demo() -> None:
    """Load the bundled lists into SQLite, then screen a few sample names."""
    lists.load_bundled()
    lists.show(None)
