"""The jurisdiction policy: countries whose appearance anywhere on a payment holds it.

Comprehensive sanctions programmes forbid dealings with a whole country, so a filter
holds a message that names one: in a structured address, a country of residence, a
BIC's or IBAN's country code, MT 77B regulatory reporting, or a country name in free
text. Which countries is a compliance decision of each member
(`INTERDICT_PAYMENT_HOLD_COUNTRIES`, docs/settings.md); "*" is everyone's default.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from interdict.entities.country import country_code
from interdict.errors import ConfigError
from interdict.payments.model import FieldText

#: Everyone's default when a member has no entry of its own ("*" in the setting).
DEFAULT_KEY = "*"
_IBAN = re.compile(r"([A-Z]{2})\d{2}[A-Z0-9]{11,30}")
_REPORTING = re.compile(r"/(?:BENEFRES|ORDERRES)/([A-Z]{2})\b")
#: Country names shorter than this are not looked for in free text ("US", "TO", "IN").
_MIN_NAME_LETTERS = 4


@dataclass(frozen=True, slots=True)
class JurisdictionPolicy:
    """The lower-case ISO codes that hold a message."""

    hold: frozenset[str]

    @classmethod
    def for_member(
        cls, setting: Mapping[str, Sequence[str]], member: str | None
    ) -> JurisdictionPolicy:
        """The member's own entry, else the default; every code checked once here."""
        chosen = setting.get(member or DEFAULT_KEY, setting.get(DEFAULT_KEY, ()))
        codes = []
        for text in chosen:
            code = country_code(text)
            if code is None:
                raise ConfigError(f"payment_hold_countries: {text!r} is not a country")
            codes.append(code)
        return cls(frozenset(codes))

    def holds(self, code: str) -> bool:
        return code.lower() in self.hold


def iban_country(account: FieldText) -> FieldText | None:
    found = _IBAN.fullmatch(account.value.replace(" ", "").upper())
    return None if found is None else FieldText(account.path, found.group(1))


def countries_in_text(text: FieldText, policy: JurisdictionPolicy) -> Iterator[str]:
    """Codes of held countries the text names: reporting codes, then country names."""
    for code in _REPORTING.findall(text.value.upper()):
        if policy.holds(code):
            yield code.lower()
    words = re.findall(r"[^\W\d_]+", text.value)
    for size in (1, 2, 3):
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start : start + size])
            if sum(map(len, words[start : start + size])) < _MIN_NAME_LETTERS:
                continue
            code = country_code(phrase)
            if code is not None and policy.holds(code):
                yield code
