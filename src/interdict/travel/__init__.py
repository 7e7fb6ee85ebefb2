"""Travel: PAXLST manifests and PNRGOV reservations, read, screened, board or refer.

`parse_interchange` / `parse_bytes` turn an EDIFACT interchange into `TravelMessage`
values; screening their travellers as a member is `Services.screen_travel`; targeting
rules are `parse_rule_set`; `generate` writes synthetic messages for tests and benches.
"""

from interdict.travel.errors import TravelMessageError
from interdict.travel.generator import generate
from interdict.travel.message import parse_bytes, parse_interchange
from interdict.travel.model import (
    Booking,
    Leg,
    MessageKind,
    TravelDocument,
    Traveller,
    TravellerRole,
    TravelMessage,
)
from interdict.travel.rules import RuleSet, RuleSetError, Severity, parse_rule_set
from interdict.travel.screening import Answer, MessageResult, TravellerResult

__all__ = [
    "Answer",
    "Booking",
    "Leg",
    "MessageKind",
    "MessageResult",
    "RuleSet",
    "RuleSetError",
    "Severity",
    "TravelDocument",
    "TravelMessage",
    "TravelMessageError",
    "Traveller",
    "TravellerResult",
    "TravellerRole",
    "generate",
    "parse_bytes",
    "parse_interchange",
    "parse_rule_set",
]
