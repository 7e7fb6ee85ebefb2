"""Regimes: every list's programmes folded into one taxonomy, and screens scoped by it."""

from __future__ import annotations

import pytest

from interdict.entities.ftm import write_ftm_lines
from interdict.errors import InputError
from interdict.lists.regimes import Regime, parse_regimes, regimes_of
from interdict.lists.registry import source_for
from interdict.screening.scope import Scope
from tests.conftest import LISTS, CliHarness

TERRORISM = {
    "SDGT",  # OFAC
    "FTO",
    "NS-PLC",
    "TAQA",  # EU
    "TERR",
    "Al-Qaida",  # UN
    "ISIL (Da'esh) and Al-Qaida",  # UK 2022
    "The ISIL (Da'esh) and Al-Qaida organisations",  # UK 2018
    "Counter-Terrorism (International)",
    "Terrorism and Terrorist Financing",
    "1267/1989/2253 (ISIL (Da'esh) and Al-Qaida)",  # Australia
    "1373 (2001)",
}


@pytest.mark.parametrize("programme", sorted(TERRORISM))
def test_terrorism_programmes_of_every_list(programme: str) -> None:
    assert regimes_of([programme]) == {Regime.TERRORISM}


@pytest.mark.parametrize(
    ("programme", "regimes"),
    [
        ("Taliban", {Regime.TALIBAN}),
        ("1988 (Taliban)", {Regime.TALIBAN}),
        ("AFG", {Regime.TALIBAN}),
        ("DPRK3", {Regime.DPRK}),
        ("Democratic People's Republic of Korea", {Regime.DPRK}),
        ("PRK", {Regime.DPRK}),
        ("IRAN-HR", {Regime.IRAN, Regime.HUMAN_RIGHTS}),
        ("Iran (Nuclear)", {Regime.IRAN, Regime.PROLIFERATION}),
        ("UKRAINE-EO13661", {Regime.RUSSIA_UKRAINE}),
        ("Autonomous (Russia and Ukraine)", {Regime.RUSSIA_UKRAINE}),
        ("Russia", {Regime.RUSSIA_UKRAINE}),
        ("SDNTK", {Regime.NARCOTICS}),
        ("CYBER2", {Regime.CYBER}),
        ("Global Human Rights", {Regime.HUMAN_RIGHTS}),
        ("Global Anti-Corruption", {Regime.CORRUPTION}),
        ("Somalia", {Regime.OTHER}),
    ],
)
def test_other_regimes(programme: str, regimes: set[Regime]) -> None:
    assert regimes_of([programme]) == regimes


def test_an_entity_without_programme_is_other_and_several_programmes_add_up() -> None:
    assert regimes_of([]) == {Regime.OTHER}
    assert regimes_of(["SDGT", "IRGC"]) == {Regime.TERRORISM, Regime.IRAN}


def test_regime_names_as_callers_write_them() -> None:
    assert parse_regimes(["terrorism,dprk", " Iran "]) == {
        Regime.TERRORISM,
        Regime.DPRK,
        Regime.IRAN,
    }
    with pytest.raises(InputError, match="unknown regime 'terror'; known: terrorism"):
        parse_regimes(["terror"])


def test_a_scope_narrows_to_lists_it_holds_only() -> None:
    scope = Scope((("un", "uk"), ("mine",)))
    assert scope.narrowed(["uk", "mine"]).groups == (("uk",), ("mine",))
    assert scope.narrowed(None, [Regime.DPRK]).regimes == {Regime.DPRK}
    with pytest.raises(InputError, match="not in scope"):
        scope.narrowed(["theirs"])


cli = CliHarness()
# A sample of two real lists, written as the members' lists they could be, so the CLI
# builds its screener over 60 entities rather than 3,600: Canada's Belarus listings and
# the EU's Al-Qaida/ISIL (TAQA) ones.
SAMPLES = {
    "ca-sample": ("ca-sema-2022-05-11.xml", "Belarus/"),
    "eu-sample": ("eu-fsf-2022-03-18-partial.xml", "TAQA"),
}


@pytest.fixture(scope="module")
def _store(tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("regimes")
    cli.use(folder)
    for list_name, (file_name, marker) in SAMPLES.items():
        entities = source_for([LISTS / file_name]).parse([LISTS / file_name]).entities
        chosen = [e for e in entities if marker in e.key or marker in e.programs][:30]
        path = folder / f"{list_name}.ftm.jsonl"
        write_ftm_lines(chosen, path)
        result = cli.invoke(["lists", "import", str(path)])
        assert result.exit_code == 0, result.output


@pytest.mark.usefixtures("_store")
def test_the_regime_option_excludes_a_listing_of_another_regime() -> None:
    # Listed by Canada under its Belarus regulations: a hit, unless the screen is
    # scoped to terrorism.
    everything = cli.invoke(["screen", "Aleksandr Grigoryevich Lukashenko", "--limit", "1"])
    assert everything.exit_code == 1, everything.output
    assert "Belarus/1/8" in everything.output
    terrorism = cli.invoke(["screen", "Aleksandr Grigoryevich Lukashenko", "--regime", "terrorism"])
    assert terrorism.exit_code == 0, terrorism.output
    assert "no hit" in terrorism.output


@pytest.mark.usefixtures("_store")
def test_a_terrorism_listing_hits_in_a_terrorism_only_screen() -> None:
    result = cli.invoke(["screen", "Aboud Yasin", "--regime", "terrorism", "--dob", "1960-04-10"])
    assert result.exit_code == 1, result.output
    assert "eu-sample" in result.output


@pytest.mark.usefixtures("_store")
def test_the_lists_option_and_an_unknown_list() -> None:
    only_eu = cli.invoke(["screen", "Aleksandr Grigoryevich Lukashenko", "--lists", "eu-sample"])
    assert "ca-sample" not in only_eu.output
    unknown = cli.invoke(["screen", "x", "--lists", "nowhere"])
    assert isinstance(unknown.exception, InputError)
    assert "not in scope" in str(unknown.exception)


@pytest.mark.usefixtures("_store")
def test_a_members_default_scope_applies_unless_the_request_names_one() -> None:
    assert cli.invoke(["members", "add", "bank-t"]).exit_code == 0
    set_default = cli.invoke(["lists", "scope", "bank-t", "--flow", "cli", "--regime", "terrorism"])
    assert set_default.exit_code == 0, set_default.output
    name = "Aleksandr Grigoryevich Lukashenko"
    assert cli.invoke(["screen", name, "--member", "bank-t"]).exit_code == 0  # default: no hit
    asked = cli.invoke(["screen", name, "--member", "bank-t", "--regime", "belarus"])
    assert asked.exit_code == 1, asked.output
    assert cli.invoke(["lists", "scope", "bank-t", "--flow", "cli"]).exit_code == 0  # forget
    assert cli.invoke(["screen", name, "--member", "bank-t"]).exit_code == 1
    typo = cli.invoke(["lists", "scope", "bank-t", "--regime", "terorism"])
    assert isinstance(typo.exception, InputError)
