"""`interdict demo`: the quick start's main job on the embedded default."""

from __future__ import annotations

import typer

from interdict.cli import lists
from interdict.cli.context import services
from interdict.cli.output import console
from interdict.cli.screen import render_screening
from interdict.lists.regimes import Regime
from interdict.screening.subject import subject_entity
from interdict.services import Caller

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

OTHER_REGIME = "Aleksandr Grigoryevich Lukashenko"

out = console()


def demo(ctx: typer.Context) -> None:
    """Create the store if needed, load the bundled lists, then screen a few sample names."""
    svc = services(ctx, create=True)
    lists.load_bundled(ctx)
    lists.show(ctx, None)
    out.print("\n[bold]Screening sample names against every active list[/]")
    svc.screener.refresh()
    operator = Caller(None, "cli:demo", "cli")
    for name, schema, dobs in SAMPLES:
        subject = subject_entity(name, schema=schema, birth_dates=dobs)
        query = {"schema": subject.schema.value, "properties": {"name": [name]}}
        render_screening(name, svc.screen_entity(operator, subject, query, limit=3))
    # A counter-terrorism screen sees terrorism designations only: Belarus's president,
    # listed under the Belarus regimes, is then no hit (`--regime terrorism`).
    out.print("\n[bold]The same screen, terrorism regimes only[/]")
    subject = subject_entity(OTHER_REGIME)
    query = {"schema": "Person", "properties": {"name": [OTHER_REGIME]}}
    for regimes in (None, {Regime.TERRORISM}):
        screening = svc.screen_entity(operator, subject, query, limit=3, regimes=regimes)
        render_screening(OTHER_REGIME, screening)
