"""Payment messages (SWIFT MT and ISO 20022 MX): read, screen, hold or pass.

`read_messages` turns a file's bytes into typed `PaymentMessage` values whatever
their syntax; screening them as a member is `Services.screen_payment`.
"""

from interdict.payments.errors import MessageFormatError, UnsafeXmlError
from interdict.payments.model import (
    Amount,
    FieldText,
    Party,
    PartyKind,
    PartyRole,
    PaymentMessage,
    Syntax,
)
from interdict.payments.read import read_messages

__all__ = [
    "Amount",
    "FieldText",
    "MessageFormatError",
    "Party",
    "PartyKind",
    "PartyRole",
    "PaymentMessage",
    "Syntax",
    "UnsafeXmlError",
    "read_messages",
]
