"""The labels OFAC writes in front of the pieces of an SDN remarks field.

OFAC's legacy CSV squeezes every attribute the XML carries in its own element into
one free-text column: "DOB 01 Jan 1970; Passport 123 (Iraq); Linked To: X". This
module is the vocabulary of those labels — data, not code — and says where each
piece goes in an `Entity`. The labels were collected from the 2023 SDN.CSV (every
label used by at least two records is here); a label not listed is not dropped but
reported as unparsed, so the list grows when OFAC adds one.
"""

from __future__ import annotations

import re
from enum import StrEnum

from interdict.entities.model import DocumentKind


class Slot(StrEnum):
    """Where the value of a labelled remarks segment is stored."""

    BIRTH_DATE = "birth_date"
    BIRTH_PLACE = "birth_place"
    NATIONALITY = "nationality"
    CITIZENSHIP = "citizenship"
    GENDER = "gender"
    DOCUMENT = "document"
    CURRENCY_ADDRESS = "currency_address"
    EXTRA = "extra"


_DOCUMENTS: dict[DocumentKind, tuple[str, ...]] = {
    DocumentKind.PASSPORT: (
        "Passport",
        "Diplomatic Passport",
        "Passport Booklet:",
        "British National Overseas Passport",
    ),
    DocumentKind.NATIONAL_ID: (
        "National ID No.",
        "Cedula No.",
        "D.N.I.",
        "C.U.R.P.",
        "SSN",
        "Identification Number",
        "Personal ID Card",
        "Electoral Registry No.",
        "Birth Certificate Number",
        "Driver's License No.",
        "National Foreign ID Number",
        "C.U.I.",
        "Kenyan ID No.",
        "Cartilla de Servicio Militar Nacional",
        "Residency Number",
        "Numero de Identidad",
        "Turkish Identification Number",
        "Credencial electoral",
        "I.F.E.",
        "Travel Document Number",
        "VisaNumberID",
        "Refugee ID Card",
        "Stateless Person ID Card",
        "Moroccan Personal ID No.",
        "Immigration No.",
        "Romanian Permanent Resident",
        "Serial No.",
        "N.I.E.",
        "Citizen's Card Number",
        "Tazkira National ID Card",
        "Bosnian Personal ID No.",
        "Public Security and Immigration No.",
    ),
    DocumentKind.TAX_ID: (
        "Tax ID No.",
        "R.F.C.",
        "V.A.T. Number",
        "RIF #",
        "NIT #",
        "RUC #",
        "Italian Fiscal Code",
        "C.I.F.",
        "RTN",
        "US FEIN",
        "C.U.I.T.",
        "Fiscal Code",
        "Numero Unico de Identificacao Tributaria (NUIT)",
    ),
    DocumentKind.REGISTRATION: (
        "Registration Number",
        "Afghan Money Service Provider License Number",
        "Registration ID",
        "Business Registration Number",
        "Commercial Registry Number",
        "Company Number",
        "UK Company Number",
        "Government Gazette Number",
        "Folio Mercantil No.",
        "Matricula Mercantil No",
        "C.R. No.",
        "Legal Entity Number",
        "Unified Social Credit Code (USCC)",
        "United Social Credit Code Certificate (USCCC)",
        "Trade License No.",
        "License",
        "Chamber of Commerce Number",
        "Central Registration System Number",
        "D-U-N-S Number",
        "Public Registration Number",
        "Business Registration Document #",
        "Istanbul Chamber of Comm. No.",
        "Dubai Chamber of Commerce Membership No.",
        "Business Number",
        "Certificate of Incorporation Number",
        "Enterprise Number",
        "Economic Register Number (CBLS)",
        "LE Number",
        "Branch Unit Number",
        "Registered Charity No.",
        "File Number",
        "BIK (RU)",
        "Chinese Commercial Code",
        "Aircraft Tail Number",
        "Aircraft Manufacturer's Serial Number (MSN)",
        "Aircraft Construction Number (also called L/N or S/N or F/N)",
        "Aircraft Serial Identification",
        "Aircraft Mode S Transponder Code",
        "MMSI",
        "Vessel Registration Identification",
        "Equity Ticker",
        "ISIN",
        "Company ID",
        "Previous Aircraft Tail Number",
        "Organization Code",
    ),
    DocumentKind.OTHER: ("SRE Permit No.", "Pilot License Number"),
    DocumentKind.IMO: (
        "Vessel Registration Identification IMO",
        "Identification Number IMO",
        "Company Number IMO",
    ),
    DocumentKind.SWIFT_BIC: ("SWIFT/BIC",),
}

# Labels whose value is kept as an `extra` pair, keyed by the slugged label.
_EXTRAS = (
    "Website",
    "Email Address",
    "PHONE",
    "FAX",
    "UN/LOCODE",
    "Registration Country",
    "ethnicity",
    "Tribe",
    "Alternate Title",
    "Telephone",
    "Telephone No.",
    "Phone Number",
    "Phone No.",
    "Fax",
    "Fax No.",
    "Linked To",
    "Additional Sanctions Information",
    "Secondary sanctions risk",
    "Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions",
    "Executive Order 13662 Directive Determination",
    "Executive Order 13846 information",
    "Executive Order 14024 Directive Information",
    "CAATSA Section 235 Information",
    "Listing Date (EO 14024 Directive 2)",
    "Effective Date (EO 14024 Directive 2)",
    "Listing Date (EO 14024 Directive 3)",
    "Effective Date (EO 14024 Directive 3)",
    "For more information on directives, please visit the following link",
    "for more information on directives, please visit the following link",
    "Target Type",
    "Organization Type",
    "Organization Established Date",
    "Former Vessel Flag",
    "Nationality of Registration",
    "Other Vessel Flag",
    "Other Vessel Type",
    "Other Vessel Call Sign",
    "Vessel Year of Build",
    "Aircraft Model",
    "Aircraft Operator",
    "Aircraft Manufacture Date",
    "IFCA Determination",
    "PEESA Information",
)

# Labels are matched at the start of a segment, optionally after "alt. ", longest first.
_SLOTS: dict[str, tuple[Slot, DocumentKind | None]] = {
    "DOB": (Slot.BIRTH_DATE, None),
    "POB": (Slot.BIRTH_PLACE, None),
    "nationality": (Slot.NATIONALITY, None),
    "citizen": (Slot.CITIZENSHIP, None),
    "Gender": (Slot.GENDER, None),
    "Digital Currency Address": (Slot.CURRENCY_ADDRESS, None),
    **dict.fromkeys(_EXTRAS, (Slot.EXTRA, None)),
    **{label: (Slot.DOCUMENT, kind) for kind, labels in _DOCUMENTS.items() for label in labels},
}

_ALTERNATION = "|".join(re.escape(label) for label in sorted(_SLOTS, key=len, reverse=True))
# A label must end the word it is in ("License" must not eat "Licensed").
LABELED = re.compile(rf"^(?:[Aa]lt\.\s+)?({_ALTERNATION})(?![A-Za-z0-9])[\s:#-]*(.*)$", re.S)


def slot_of(label: str) -> tuple[Slot, DocumentKind | None]:
    """Where a label's value goes (labels come from `LABELED`, so all are known)."""
    return _SLOTS[label]


def extra_key(label: str) -> str:
    """The `extra` key for a label: "Linked To" -> "linked_to"."""
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")
