"""`interdict demo`: the quick start's main job on the embedded default."""

from __future__ import annotations

from rich.console import Console

from interdict.cli import lists
from interdict.cli.context import open_list_store
from interdict.cli.screen import render_hits
from interdict.config import Settings
from interdict.screening.loader import load_screener
from interdict.screening.subject import subject_entity

# Variants an analyst meets in practice: transliteration, Arabic script, a company,
# and a name that is on no list (the screen must stay quiet for it).
SAMPLES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Ayman al Zawahiri", "person", ("1951",)),
    ("أيمن الظواهري", "person", ()),
    ("Abou Bakr el Baghdadi", "person", ()),
    ("Hamza bin Ladin", "person", ()),
    ("Abu Mohammed al-Julani", "person", ()),
    ("Banco Nacional de Cuba", "org", ()),
    ("Maria Jones", "person", ()),
)

out = Console()


def demo() -> None:
    """Load the bundled lists into SQLite, then screen a few sample names."""
    lists.load_bundled()
    lists.show(None)
    out.print("\n[bold]Screening sample names against every active list[/]")
    screener = load_screener(open_list_store(Settings()))
    for name, schema, dobs in SAMPLES:
        subject = subject_entity(name, schema=schema, birth_dates=dobs)
        render_hits(name, screener.screen(subject, limit=3))
