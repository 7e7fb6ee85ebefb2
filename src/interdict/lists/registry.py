"""Every list format Interdict reads.

A new format is one package under `lists/formats/` and one line in `_register_builtins`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from interdict.errors import UnknownFormatError
from interdict.lists.source import ListSource

SOURCES: dict[str, ListSource] = {}


def register(source: ListSource) -> ListSource:
    """Add a format; built-ins register the same way a plugin would."""
    SOURCES[source.name] = source
    return source


def source_for(paths: Sequence[Path], format_name: str | None = None) -> ListSource:
    """The named format, or the one format that recognises these files."""
    if format_name is not None:
        try:
            return SOURCES[format_name]
        except KeyError:
            known = ", ".join(sorted(SOURCES))
            raise UnknownFormatError(
                f"unknown list format {format_name!r}; known: {known}"
            ) from None
    matches = [s for s in SOURCES.values() if s.sniff(paths)]
    if len(matches) != 1:
        names = ", ".join(str(p) for p in paths)
        found = ", ".join(s.name for s in matches) or "none"
        raise UnknownFormatError(
            f"cannot tell the format of {names} (formats that recognise it: {found}); pass --format"
        )
    return matches[0]


def _register_builtins() -> None:
    """Built-in formats, registered as a plugin would register its own."""
    from interdict.lists.formats.au import consolidated_xls
    from interdict.lists.formats.ca import sema_xml
    from interdict.lists.formats.eu import fsf_xml
    from interdict.lists.formats.ftm import jsonl
    from interdict.lists.formats.ofac import sdn_csv, sdn_xml
    from interdict.lists.formats.travel_documents import watchlist_csv
    from interdict.lists.formats.uk import conlist_csv, conlist_xlsx
    from interdict.lists.formats.un import consolidated_xml

    register(consolidated_xml.SOURCE)
    register(sdn_xml.SOURCE)
    register(sdn_csv.SOURCE)
    register(conlist_csv.SOURCE)
    register(jsonl.SOURCE)
    register(fsf_xml.SOURCE)
    register(conlist_xlsx.SOURCE)
    register(sema_xml.SOURCE)
    register(consolidated_xls.SOURCE)
    register(watchlist_csv.SOURCE)


_register_builtins()
