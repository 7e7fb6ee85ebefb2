"""UN/EDIFACT interchanges as numbered segments: a tolerant clean-up, then pydifact.

Airline feeds are not clean EDIFACT. The shared GTAS samples (data/travel/README.md)
show what real ones do: spaces or line breaks before a segment, a tag followed by a
space (`UNG *PAXLST`), segments wrapped over two lines, a typographic apostrophe (’)
typed for the terminator, a UNA with a character missing (`UNA:+\\*'`), no terminator
after the last segment. `clean_interchange` repairs exactly those, so that the rest
reads as pydifact's tokenizer (escape and separator handling) reads it; anything else
it still cannot read becomes a `TravelMessageError` naming the segment number and tag.
pydifact is imported when a message is first read, not with `interdict.travel`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from interdict.travel.errors import TravelMessageError

if TYPE_CHECKING:
    from pydifact.control.characters import Characters

DEFAULT_SERVICE = ":+.? '"  # component, element, decimal mark, release, reserved, terminator
TYPOGRAPHIC_APOSTROPHE = "\u2019"
_TAG = re.compile(r"[A-Z][A-Z0-9]{2}")


@dataclass(frozen=True, slots=True)
class Segment:
    """One segment: its position in the interchange (from 1), tag and elements.

    Every element is a tuple of its components, so `element(2, 1)` reads the same
    whether the sender wrote a simple or a composite element.
    """

    number: int
    tag: str
    elements: tuple[tuple[str, ...], ...]

    def element(self, index: int, component: int = 0) -> str:
        """Component `component` of element `index` (both from 0, after the tag); '' if absent."""
        elements = self.elements  # every field a parser reads comes through here
        if index < len(elements):
            components = elements[index]
            if component < len(components):
                return components[component].strip()
        return ""

    def components(self, index: int) -> tuple[str, ...]:
        return self.elements[index] if index < len(self.elements) else ()


@dataclass(frozen=True, slots=True)
class Cleaned:
    """An interchange after clean-up: service characters, and one text per segment."""

    service: str
    segments: tuple[str, ...]
    has_una: bool


def read_segments(text: str) -> list[Segment]:
    """Every segment of an interchange, cleaned, then split into elements and components.

    Most segments, released characters and all, are split here with str.split,
    exactly as pydifact would read them (tests check it against pydifact on every
    shared file, and against the slower path on random text), at a tenth of the cost
    of pydifact's character-by-character tokenizer, which a 500-passenger manifest
    would notice. The slower path (`_segment`) still reads what the splitter declines:
    a segment whose release character also serves as a separator or ends it, and one
    that does not start with a tag, so its error reads as it always has.
    """
    from pydifact.control.characters import Characters

    cleaned = clean_interchange(text)
    first = 2 if cleaned.has_una else 1
    service = Characters.from_str(cleaned.service)
    split = _Splitter(cleaned.service)
    segments: list[Segment] = []
    for number, piece in enumerate(cleaned.segments, start=first):
        found = split.segment(number, piece)
        segments.append(_segment(number, piece, service) if found is None else found)
    if not segments:
        raise TravelMessageError("the message holds no segment", segment=first)
    return segments


class _Splitter:
    """A segment's tag and elements split with str.split, the separators looked up once.

    A released (escaped) separator or terminator is first swapped for a stand-in the
    text does not hold, so that the split cannot cut at it, and swapped back in each
    component. A terminator left after that is one the clean-up exposed (a release
    character before a line break): pydifact would end the segment there.
    """

    def __init__(self, service: str) -> None:
        self.component, self.separator, self.release = service[0], service[1], service[3]
        self.terminator = service[5]
        self.plain = self.release not in (self.component, self.separator, self.terminator)
        self.released = re.compile(re.escape(self.release) + "(.)", re.DOTALL)
        self.stand_in = {
            self.component: _STAND_INS[0],
            self.separator: _STAND_INS[1],
            self.terminator: _STAND_INS[2],
        }
        self.restore = str.maketrans({v: k for k, v in self.stand_in.items()})

    def segment(self, number: int, text: str) -> Segment | None:
        """The segment, or None where pydifact has to read it (see read_segments)."""
        component = self.component
        if self.release not in text:
            tag, *rest = text.split(self.separator)
            # pydifact drops trailing empty components: exactly the trailing separators
            elements = tuple([tuple(e.rstrip(component).split(component)) for e in rest])
        elif self.plain and not _ends_released(text, self.release) and _has_no_stand_in(text):
            text = self.released.sub(self._unrelease, text)
            if self.terminator in text:
                return None
            tag, *rest = text.split(self.separator)
            restore = self.restore
            elements = tuple(
                [
                    tuple([c.translate(restore) for c in e.rstrip(component).split(component)])
                    for e in rest
                ]
            )
        else:
            return None
        # a first element with components is a list to pydifact, and no tag
        if component in tag or not _TAG.fullmatch(tag):
            return None
        return Segment(number, tag, elements)

    def _unrelease(self, match: re.Match[str]) -> str:
        char = match.group(1)
        return self.stand_in.get(char, char)


#: Stand-ins for a released component separator, element separator and terminator
#: while a segment is split (see _Splitter); a text holding one goes to pydifact.
_STAND_INS = ("\x00", "\x01", "\x02")


def _has_no_stand_in(text: str) -> bool:
    return not any(stand_in in text for stand_in in _STAND_INS)


def _ends_released(text: str, release: str) -> bool:
    """Whether the text ends in a release character that is not itself released:
    pydifact then reads the terminator as released and refuses the segment."""
    return (len(text) - len(text.rstrip(release))) % 2 == 1


def tokenize(text: str, service: Characters) -> list[str | list[str]]:
    """One segment's tag and elements, tokenized by pydifact (raises EDISyntaxError)."""
    from pydifact.parser import Parser
    from pydifact.tokenizer import Tokenizer

    tokens = Tokenizer().get_tokens(text + service.segment_terminator, service)
    return next(iter(Parser().convert_tokens_to_raw_segments(tokens)), [])


def _elements(text: str, service: Characters) -> list[str | list[str]]:
    if service.escape_character in text:
        return tokenize(text, service)
    parts: list[str | list[str]] = []
    for element in text.split(service.data_separator):
        components = element.split(service.component_separator)
        while len(components) > 1 and not components[-1]:
            components.pop()  # pydifact drops trailing empty components
        parts.append(components[0] if len(components) == 1 else components)
    return parts


def clean_interchange(text: str) -> Cleaned:
    """Repair the formatting noise of real feeds; never guess at content."""
    text = text.lstrip("\ufeff \t\r\n")
    if not text:
        raise TravelMessageError("the message is empty", segment=1)
    has_una = text.startswith("UNA")
    service, body = _service_advice(text) if has_una else (DEFAULT_SERVICE, text)
    terminator, release = service[5], service[3]
    body = _typographic_terminators(body, terminator, service[1])
    segments = [_clean_segment(s, service[1]) for s in _split(body, terminator, release)]
    kept = _interchange_only([s for s in segments if s], 2 if has_una else 1)
    return Cleaned(service, kept, has_una)


def _interchange_only(segments: list[str], first: int) -> tuple[str, ...]:
    """Up to the interchange trailer (UNZ): a file's text after it (a date typed below
    the message, in a GTAS sample) is not part of the interchange. Another
    interchange after it (UNB) is; one with service characters of its own (UNA) is
    refused rather than read with the first one's."""
    for index, text in enumerate(segments):
        if not text.startswith("UNZ"):
            continue
        following = segments[index + 1] if index + 1 < len(segments) else "UNB"
        if _tag_of(following) == "UNB":
            continue
        if _tag_of(following) == "UNA":
            raise TravelMessageError(
                "a second interchange with its own UNA: send one interchange at a time",
                segment=first + index + 1,
                tag="UNA",
            )
        return tuple(segments[: index + 1])
    return tuple(segments)


def _service_advice(text: str) -> tuple[str, str]:
    """The six service characters of the UNA and the text after it.

    A typographic apostrophe there is an apostrophe (service characters are ASCII); a
    UNA of five characters lacks its decimal mark (the GTAS codeshare sample).
    """
    start = text.find("UNB", 3)
    if start < 0:
        raise TravelMessageError("UNA is not followed by a UNB interchange header", segment=1)
    advice = text[3:start].rstrip("\r\n\t ")
    advice = advice.replace(TYPOGRAPHIC_APOSTROPHE, "'")
    if len(advice) == 5:
        advice = advice[:2] + "." + advice[2:]
    if len(advice) != 6 or len(set(advice[:2] + advice[5])) != 3 or not advice.isascii():
        raise TravelMessageError(
            f"service string advice {advice!r}: expected six distinct ASCII characters",
            segment=1,
            tag="UNA",
        )
    return advice, text[start:]


def _typographic_terminators(body: str, terminator: str, separator: str) -> str:
    """A ’ that ends a line or stands before the next tag was typed for the terminator."""
    if terminator == TYPOGRAPHIC_APOSTROPHE or TYPOGRAPHIC_APOSTROPHE not in body:
        return body
    after = rf"(?=[ \t]*(?:\r?\n|$|[A-Z][A-Z0-9]{{2}}[{re.escape(separator + terminator)}]))"
    return re.sub(TYPOGRAPHIC_APOSTROPHE + after, terminator.replace("\\", "\\\\"), body)


def _split(body: str, terminator: str, release: str) -> list[str]:
    """The text of each segment, split on terminators that are not released (escaped).

    A release character releases the one after it, itself included ("??" is a "?"), so
    a terminator is released exactly when an odd run of release characters stands
    before it: str.split cuts at every terminator, and the cuts after an odd run are
    joined again. The text after the last terminator is kept: a missing terminator.
    """
    if release == terminator:
        return [body]  # every terminator releases the character after it: no cut
    pieces = body.split(terminator)
    if release not in body:
        return pieces
    joined: list[str] = []
    pending: str | None = None
    for piece in pieces:
        if pending is not None:
            piece = pending + terminator + piece
        if (len(piece) - len(piece.rstrip(release))) % 2:
            pending = piece
        else:
            pending = None
            joined.append(piece)
    if pending is not None:
        joined.append(pending)
    return joined


def _clean_segment(text: str, separator: str) -> str:
    """Line breaks inside a segment are wrapping; spaces before a tag or after it are noise.

    Most segments have line breaks only around them (one segment a line), which the
    strip removes; the ones left inside are removed after it.
    """
    text = text.strip(" \t\r\n")
    if "\n" in text or "\r" in text:
        text = text.replace("\r", "").replace("\n", "")
    if len(text) > 3 and text[:3].isalnum() and text[3] in " \t":
        rest = text[3:].lstrip(" \t")
        if not rest or rest[0] == separator:
            return text[:3] + rest
    return text


def _segment(number: int, text: str, service: Characters) -> Segment:
    from pydifact.exceptions import EDISyntaxError

    try:
        raw = _elements(text, service)
    except EDISyntaxError as exc:
        raise TravelMessageError(
            f"cannot be tokenized: {exc}", segment=number, tag=_tag_of(text)
        ) from None
    tag = raw[0] if raw else ""
    if not isinstance(tag, str) or not _TAG.fullmatch(tag):
        raise TravelMessageError(
            f"{str(tag)[:20]!r} is not a segment tag (three capitals or digits)",
            segment=number,
            tag=_tag_of(text),
        )
    elements = tuple((e,) if isinstance(e, str) else tuple(e) for e in raw[1:])
    return Segment(number, tag, elements)


def _tag_of(text: str) -> str:
    return text[:3]


def decode_message(data: bytes) -> str:
    """The text of a message as received: UTF-8 (UNOY, and ASCII's UNOA/UNOB), else
    ISO 8859-1 (UNOC), which any byte decodes to; a feed's stray byte stays visible."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("iso-8859-1")
