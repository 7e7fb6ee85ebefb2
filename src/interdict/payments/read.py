"""One entry point for payment messages: MT or MX told apart by their first character."""

from __future__ import annotations

from dataclasses import replace

from interdict.payments.errors import MessageFormatError
from interdict.payments.model import PaymentMessage
from interdict.payments.mt import message_sha256, read_mt_text
from interdict.payments.mx import read_mx

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def read_messages(data: bytes, source: str) -> list[PaymentMessage]:
    """Every message in `data`: an XML document is one MX message, an MT file one or more
    (RJE). Anything else is a MessageFormatError naming `source`."""
    head = data.lstrip()
    for bom in _BOMS:
        head = head.removeprefix(bom).lstrip()
    if head.startswith(b"<"):
        return [replace(read_mx(data, source), sha256=message_sha256(data))]
    if head.startswith((b"{", b"$")):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise MessageFormatError(source, f"MT text is not UTF-8/ASCII: {exc}") from None
        messages = read_mt_text(text, source)
        if len(messages) == 1:  # a file of one message: the file's own checksum
            return [replace(messages[0], sha256=message_sha256(data))]
        return messages
    if not head:
        raise MessageFormatError(source, "empty message")
    raise MessageFormatError(
        source, "neither an MT message ('{1:') nor XML ('<')", value=head[:20].decode("latin-1")
    )
