"""An interchange (UNB ... UNZ) into its PAXLST and PNRGOV messages (UNH ... UNT).

A message kind is known by its UNH message type; a message without its UNT trailer
was cut in transit and is refused, since its last travellers would be missing without
a trace. Functional groups (UNG/UNE) are accepted and not needed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from interdict.travel.edifact import Segment, decode_message, read_segments
from interdict.travel.errors import TravelMessageError
from interdict.travel.model import MessageKind, TravelMessage
from interdict.travel.paxlst import parse_paxlst
from interdict.travel.pnrgov import parse_pnrgov

Parser = Callable[[Sequence[Segment], str], TravelMessage]
PARSERS: dict[MessageKind, Parser] = {
    MessageKind.PAXLST: parse_paxlst,
    MessageKind.PNRGOV: parse_pnrgov,
}
ENVELOPE = frozenset({"UNA", "UNB", "UNG", "UNE", "UNZ"})


def parse_bytes(data: bytes) -> list[TravelMessage]:
    """Every message of an interchange as received (see `decode_message`)."""
    return parse_interchange(decode_message(data))


def parse_interchange(text: str) -> list[TravelMessage]:
    """Every message of an interchange; TravelMessageError names segment and tag."""
    segments = read_segments(text)
    messages: list[TravelMessage] = []
    body: list[Segment] | None = None
    for segment in segments:
        if segment.tag == "UNH":
            _check_closed(body, segment)
            body = [segment]
        elif segment.tag == "UNT":
            if body is None:
                raise TravelMessageError("UNT without a UNH", segment=segment.number, tag="UNT")
            messages.append(_message(body))
            body = None
        elif body is not None:
            body.append(segment)
        elif segment.tag not in ENVELOPE:
            raise TravelMessageError(
                "a segment outside any message (before UNH or after UNT)",
                segment=segment.number,
                tag=segment.tag,
            )
    _check_closed(body, segments[-1])
    if not messages:
        raise TravelMessageError("no message (UNH ... UNT) in the interchange", segment=1)
    return messages


def _check_closed(body: list[Segment] | None, at: Segment) -> None:
    if body is not None:
        raise TravelMessageError(
            f"the message opened at segment {body[0].number} has no UNT trailer: it was cut",
            segment=at.number,
            tag=at.tag,
        )


def _message(body: list[Segment]) -> TravelMessage:
    header = body[0]
    kind_text = header.element(1, 0)
    try:
        kind = MessageKind(kind_text)
    except ValueError:
        known = ", ".join(k.value for k in MessageKind)
        raise TravelMessageError(
            f"message type {kind_text!r} is not one this reads ({known})",
            segment=header.number,
            tag="UNH",
        ) from None
    return PARSERS[kind](body[1:], header.element(0))


#: The largest interchange read (bytes): GTAS's 927-traveller PNR push is 254 KB.
MAX_MESSAGE_BYTES = 8 * 1024 * 1024


class TravelMessageTooLargeError(TravelMessageError):
    """An interchange over MAX_MESSAGE_BYTES: refused unread."""

    http_status = 413
