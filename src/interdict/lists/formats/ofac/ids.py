"""What an OFAC XML idList entry is, read from its idType.

OFAC's idList mixes real identity documents ("Passport", "Tax ID No.") with facts that
have nowhere else to go in the schema ("Website", "Linked To:", "Additional Sanctions
Information -"). A screener matching on document numbers must not be fed a URL or a
sanctions note, so only types recognised as identifiers become documents; the known
informational types go to `Entity.extra`. An idType not listed below is treated as an
identifier (kind OTHER): OFAC adds new national ID types far more often than new kinds
of information, and a number is worth more matchable than hidden.
"""

from __future__ import annotations

import re

from interdict.entities.model import DocumentKind

# Lower-case prefixes of idTypes that are information, not identifiers.
_INFORMATION = (
    "additional sanctions information",
    "for more information",
    "executive order",
    "website",
    "email address",
    "phone number",
    "fax",
    "secondary sanctions risk",
    "linked to",
    "organization established date",
    "organization type",
    "nationality of registration",
    "former vessel flag",
    "other vessel flag",
    "other vessel type",
    "vessel year of build",
    "target type",
    "transactions prohibited",
    "ifca determination",
    "caatsa",
    "digital currency address",
    "aircraft model",
    "aircraft operator",
    "aircraft manufacture date",
    "aircraft construction number",
    "aircraft mode s transponder code",
    "government gazette number",
    "equity ticker",
    "stock ticker",
    "isin",
    "effective date",
    "listing date",
)

# Lower-case fragments of identifier idTypes and their kind; the first match wins, so
# "vessel registration identification" (the IMO number) precedes "registration".
_DOCUMENT_KINDS = (
    ("passport", DocumentKind.PASSPORT),
    ("pasaporte", DocumentKind.PASSPORT),
    ("vessel registration identification", DocumentKind.IMO),
    ("swift", DocumentKind.SWIFT_BIC),
    ("call sign", DocumentKind.CALL_SIGN),
    ("tax id", DocumentKind.TAX_ID),
    ("v.a.t.", DocumentKind.TAX_ID),
    ("vat number", DocumentKind.TAX_ID),
    ("fiscal", DocumentKind.TAX_ID),
    ("c.u.i.t.", DocumentKind.TAX_ID),
    ("r.u.c.", DocumentKind.TAX_ID),
    ("nit #", DocumentKind.TAX_ID),
    ("national id", DocumentKind.NATIONAL_ID),
    ("national identity", DocumentKind.NATIONAL_ID),
    ("identification number", DocumentKind.NATIONAL_ID),
    ("personal id", DocumentKind.NATIONAL_ID),
    ("cedula", DocumentKind.NATIONAL_ID),
    ("d.n.i.", DocumentKind.NATIONAL_ID),
    ("c.u.r.p.", DocumentKind.NATIONAL_ID),
    ("registration", DocumentKind.REGISTRATION),
    ("company number", DocumentKind.REGISTRATION),
    ("business number", DocumentKind.REGISTRATION),
    ("commercial registry", DocumentKind.REGISTRATION),
    ("chamber of commerce", DocumentKind.REGISTRATION),
    ("certificate of incorporation", DocumentKind.REGISTRATION),
    ("legal entity number", DocumentKind.REGISTRATION),
    ("enterprise number", DocumentKind.REGISTRATION),
    ("unified social credit code", DocumentKind.REGISTRATION),
    ("license", DocumentKind.REGISTRATION),
    ("licence", DocumentKind.REGISTRATION),
    ("aircraft tail number", DocumentKind.REGISTRATION),
)


def is_information(id_type: str) -> bool:
    """Whether an idType carries information rather than an identifier."""
    return id_type.lower().startswith(_INFORMATION)


def document_kind(id_type: str) -> DocumentKind:
    """The kind of document an identifier idType names; OTHER when none fits."""
    lowered = id_type.lower()
    for fragment, kind in _DOCUMENT_KINDS:
        if fragment in lowered:
            return kind
    return DocumentKind.OTHER


def extra_name(id_type: str) -> str:
    """The `Entity.extra` name for an informational idType: "Linked To:" → "linked_to"."""
    return re.sub(r"[^a-z0-9]+", "_", id_type.lower()).strip("_") or "id"
