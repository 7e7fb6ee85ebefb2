"""The jurisdiction policy and the free-text window, on their own."""

from __future__ import annotations

import pytest

from interdict.errors import ConfigError
from interdict.payments.model import FieldText
from interdict.payments.policy import JurisdictionPolicy, countries_in_text, iban_country
from interdict.payments.text import NameVocabulary, name_windows
from interdict.services import Services

SETTING = {"*": ["Iran", "KP"], "bank-b": ["cu"]}


def test_each_member_has_its_policy_or_the_default() -> None:
    assert JurisdictionPolicy.for_member(SETTING, "bank-a").hold == {"ir", "kp"}
    assert JurisdictionPolicy.for_member(SETTING, "bank-b").hold == {"cu"}
    assert JurisdictionPolicy.for_member(SETTING, None).hold == {"ir", "kp"}
    with pytest.raises(ConfigError, match="Atlantis"):
        JurisdictionPolicy.for_member({"*": ["Atlantis"]}, None)


def test_countries_are_found_in_codes_names_and_ibans() -> None:
    policy = JurisdictionPolicy.for_member(SETTING, None)
    text = FieldText(":77B: line 1", "/BENEFRES/IR//GOODS TO NORTH KOREA VIA US")
    assert sorted(set(countries_in_text(text, policy))) == ["ir", "kp"]
    assert list(countries_in_text(FieldText("x", "PAYMENT IN USD TO US"), policy)) == []
    iban = iban_country(FieldText(":59: line 1", "IR82 0540 1052 8010 0000 0000 01"))
    assert iban == FieldText(":59: line 1", "IR")
    assert iban_country(FieldText(":59: line 1", "12345678")) is None


def test_windows_are_screened_only_where_one_listed_name_has_every_word(svc: Services) -> None:
    vocabulary = NameVocabulary(svc.screener.current().index)
    assert "ri su yong" in name_windows("INV 3301 FOR RI SU YONG", vocabulary)
    assert name_windows("1 MAIN STREET BERLIN", vocabulary) == []
    assert name_windows("", vocabulary) == []
