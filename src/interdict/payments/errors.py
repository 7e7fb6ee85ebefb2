"""Errors of payment-message reading, placed in the `interdict.errors` tree.

InputError (interdict.errors)
├── MessageFormatError   a payment message cannot be read (names source, field, line, value)
└── MessageTooLargeError a message over INTERDICT_PAYMENT_MAX_BYTES, refused unread (413)
GuardError (interdict.errors)
└── UnsafeXmlError       an XML message declares a DTD or entities (XXE, billion laughs)
"""

from __future__ import annotations

from interdict.errors import GuardError, InputError


class MessageFormatError(InputError):
    """A payment message is malformed; the message says where and what was expected."""

    def __init__(
        self, source: str, reason: str, *, field: str | None = None, value: str | None = None
    ) -> None:
        self.source = source
        self.field = field
        self.value = value
        self.reason = reason
        where = source if field is None else f"{source}, field {field}"
        text = f"{where}: {reason}"
        if value is not None:
            text += f" (got {value[:80]!r})"
        super().__init__(text)


class MessageTooLargeError(InputError):
    """A payment message over the configured size: refused before it is read."""

    http_status = 413


class UnsafeXmlError(GuardError):
    """An XML message carries a document type declaration.

    No ISO 20022 message needs one; a DTD is how external entities (XXE: reading local
    files, reaching the network) and entity expansion bombs are smuggled in, so it is
    refused before anything is read.
    """

    http_status = 422

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        super().__init__(f"{source}: {reason}")
