"""SWIFT FIN (MT) messages as blocks and tagged fields: the envelope grammar.

A FIN message is `{1:basic header}{2:application header}{3:{tag:value}…}{4:<CRLF>
:tag:value<CRLF>…-}{5:{tag:value}…}`; an RJE file joins messages with `$`, and a
message as delivered may be preceded by its ACK/NAK (`{1:F21…}{4:{177:…}{451:0}}`).
No permissively licensed MT parser exists (docs/payments.md), and this grammar is
small: braces nest one level in blocks 3, 5 and the ACK's block 4, and block 4 is text
whose fields start with `:tag:` at the start of a line — SWIFT forbids a line of field
content to start with `:` or `-`, which is what makes this split sound.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from interdict.payments.errors import MessageFormatError

_FIELD_START = re.compile(r":(\d{2}[A-Z]?):(.*)")
_BLOCK_ID = re.compile(r"[0-9A-Z]{1,3}")
#: The end of block 4: "-}", normally on a line of its own; braces are outside SWIFT's
#: character set, so "-}" cannot occur inside a field.
_TEXT_END = re.compile(r"(?:\r?\n)?-}")


@dataclass(frozen=True, slots=True)
class MtField:
    """A block 4 field: its tag ("59F"), its lines, and the line it starts at in block 4."""

    tag: str
    lines: tuple[str, ...]
    line: int


@dataclass(frozen=True, slots=True)
class MtBlocks:
    """One FIN message split into its blocks; `ack` holds the ACK/NAK's tags, if any."""

    basic: str
    application: str
    user: tuple[tuple[str, str], ...]
    fields: tuple[MtField, ...]
    trailer: tuple[tuple[str, str], ...]
    ack: tuple[tuple[str, str], ...]
    source: str
    irregularities: tuple[str, ...] = ()

    def user_tag(self, tag: str) -> str | None:
        return next((v for t, v in self.user if t == tag), None)


def split_rje(text: str) -> list[str]:
    """The messages of a file: RJE separates them with "$" (not in SWIFT's X charset)."""
    return [part for part in text.split("$") if part.strip()]


def read_blocks(text: str, source: str) -> MtBlocks:
    """Split one message (optionally preceded by its ACK/NAK) into blocks and fields."""
    blocks, irregularities = _top_level_blocks(text, source)
    ack: tuple[tuple[str, str], ...] = ()
    firsts = [i for i, (ident, _) in enumerate(blocks) if ident == "1"]
    if len(firsts) == 2 and str(blocks[0][1]).startswith("F21"):  # a service message: ACK/NAK
        ack = tuple(t for ident, c in blocks[: firsts[1]] if ident == "4" for t in _tags(c))
        blocks = blocks[firsts[1] :]
    elif len(firsts) != 1:
        raise MessageFormatError(
            source, f"expected one basic header block {{1:}}, found {len(firsts)}"
        )
    found = dict(blocks)
    for needed in ("1", "2", "4"):
        if needed not in found:
            raise MessageFormatError(source, f"block {{{needed}:}} is missing")
    text_block = found["4"]
    if not isinstance(text_block, str):
        raise MessageFormatError(source, "block {4:} holds tags, not the message text")
    return MtBlocks(
        basic=str(found["1"]),
        application=str(found["2"]),
        user=_tags(found.get("3", ())),
        fields=split_fields(text_block, source),
        trailer=_tags(found.get("5", ())),
        ack=ack,
        source=source,
        irregularities=tuple(irregularities),
    )


def split_fields(text: str, source: str) -> tuple[MtField, ...]:
    """Block 4's fields: a line starting ":tag:" opens one, other lines continue it."""
    fields: list[MtField] = []
    lines = text.replace("\r\n", "\n").split("\n")
    for number, line in enumerate(lines, start=1):
        start = _FIELD_START.fullmatch(line)
        if start is not None:
            fields.append(MtField(start.group(1), (start.group(2),), number))
        elif fields:
            last = fields[-1]
            fields[-1] = MtField(last.tag, (*last.lines, line), last.line)
        elif line.strip():
            raise MessageFormatError(
                source, "block 4 text before its first field", field=f"line {number}", value=line
            )
    return tuple(fields)


Content = str | tuple[tuple[str, str], ...]


def _top_level_blocks(text: str, source: str) -> tuple[list[tuple[str, Content]], list[str]]:
    """The blocks in order; a stray brace between or after them is kept as an irregularity
    (the message is then held, never passed, but its fields are still screened)."""
    blocks: list[tuple[str, Content]] = []
    stray: list[str] = []
    pos, end = 0, len(text)
    while True:
        while pos < end and text[pos] in " \t\r\n":
            pos += 1
        if pos >= end:
            return blocks, stray
        if text[pos] == "}" or text[pos:].strip() == "{":
            stray.append(f"stray {text[pos]!r} at offset {pos}")
            pos += 1
            continue
        if text[pos] != "{":
            raise MessageFormatError(
                source, f"expected '{{' at offset {pos}", value=text[pos : pos + 20]
            )
        colon = text.find(":", pos)
        ident = text[pos + 1 : colon] if colon > 0 else ""
        if not _BLOCK_ID.fullmatch(ident):
            raise MessageFormatError(source, f"bad block identifier at offset {pos}", value=ident)
        content, pos = _block_content(text, colon + 1, ident, source)
        blocks.append((ident, content))


def _block_content(text: str, pos: int, ident: str, source: str) -> tuple[Content, int]:
    """The content of the block opened before `pos`, and the offset after its brace."""
    if ident == "4" and text[pos : pos + 1] in ("\r", "\n"):
        found = _TEXT_END.search(text, pos)
        if found is None:
            raise MessageFormatError(source, "block {4:} does not end with a '-}' line")
        return text[pos : found.start()], found.end()
    if text[pos : pos + 1] == "{":
        tags: list[tuple[str, str]] = []
        while text[pos : pos + 1] == "{":
            close = text.find("}", pos)
            colon = text.find(":", pos)
            if close < 0 or colon < 0 or colon > close:
                raise MessageFormatError(
                    source, f"block {{{ident}:}}: malformed tag at offset {pos}"
                )
            tags.append((text[pos + 1 : colon], text[colon + 1 : close]))
            pos = close + 1
        if text[pos : pos + 1] != "}":
            raise MessageFormatError(source, f"block {{{ident}:}} is not closed")
        return tuple(tags), pos + 1
    close = text.find("}", pos)
    if close < 0 or "{" in text[pos:close]:
        raise MessageFormatError(source, f"block {{{ident}:}} is not closed")
    return text[pos:close], close + 1


def _tags(content: Content) -> tuple[tuple[str, str], ...]:
    return content if isinstance(content, tuple) else ()
