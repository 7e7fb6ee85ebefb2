"""The one error a travel message raises: it cannot be read, and where.

Fail closed: a manifest or reservation that cannot be read is refused with the
segment number and tag, never read as "no traveller, nothing to refer".
"""

from __future__ import annotations

from interdict.errors import InputError


class TravelMessageError(InputError):
    """A PAXLST or PNRGOV message that cannot be read; names segment number and tag.

    Segments are numbered from 1 in the order they stand in the interchange, the
    service string advice (UNA) included when there is one.
    """

    def __init__(self, message: str, *, segment: int | None = None, tag: str | None = None):
        self.segment = segment
        self.tag = tag
        self.reason = message
        where = ""
        if segment is not None:
            where = f"segment {segment}" + (f" ({tag})" if tag else "") + ": "
        super().__init__(f"travel message: {where}{message}")
