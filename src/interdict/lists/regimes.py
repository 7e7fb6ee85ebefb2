"""Sanctions regimes: each list's own programme names folded into one small taxonomy.

Every list names its programmes its own way — OFAC "SDGT", the EU "TAQA", the UK
"ISIL (Da'esh) and Al-Qaida", Australia "1267/1989/2253 (ISIL (Da'esh) and
Al-Qaida)", the UN "Al-Qaida" — so a member that screens for terrorism only could not
say so across lists. `regimes_of` maps an entity's programmes to the `Regime` values
below; the programme itself stays on the entity (`Entity.programs`) and in every
hit. A programme may belong to several regimes ("Iran (Human Rights)" is Iran and
human rights); one that no rule knows is OTHER, never dropped.

The Taliban regime is not terrorism here: the UN split it from the Al-Qaida regime in
2011 (resolutions 1988 and 1989) so that the two are listed and lifted separately, and
the UK, EU and Australian lists follow that split.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from interdict.errors import InputError


class Regime(StrEnum):
    """The regimes a screen can be scoped to."""

    TERRORISM = "terrorism"
    TALIBAN = "taliban"
    DPRK = "dprk"
    IRAN = "iran"
    RUSSIA_UKRAINE = "russia-ukraine"
    BELARUS = "belarus"
    SYRIA = "syria"
    PROLIFERATION = "proliferation"
    NARCOTICS = "narcotics"
    CYBER = "cyber"
    HUMAN_RIGHTS = "human-rights"
    CORRUPTION = "corruption"
    OTHER = "other"


# (regime, programme codes compared whole and upper-case, words found in the folded name).
_RULES: tuple[tuple[Regime, frozenset[str], tuple[str, ...]], ...] = (
    (
        Regime.TERRORISM,
        # NS-PLC: OFAC's non-SDN list of Hamas members of the Palestinian Legislative
        # Council, a counter-terrorism programme. TERR, TAQA: the EU's own terrorism
        # list and its ISIL/Al-Qaida regime. 1373: Australia's own terrorism listings.
        frozenset({"SDGT", "SDT", "FTO", "NS-PLC", "TERR", "TAQA"}),
        ("terror", "al-qaida", "al-qaeda", "isil", "da'esh", "1373"),
    ),
    (Regime.TALIBAN, frozenset({"AFG"}), ("taliban", "afghanistan")),
    (Regime.DPRK, frozenset({"PRK"}), ("dprk", "korea")),
    (Regime.IRAN, frozenset({"IRN", "IFSR", "IRGC", "561LIST", "HRIT-IR"}), ("iran",)),
    (
        Regime.RUSSIA_UKRAINE,
        frozenset({"RUS", "UKR", "CAATSA - RUSSIA", "PEESA"}),
        ("russia", "ukraine", "crimea"),
    ),
    (Regime.BELARUS, frozenset({"BLR"}), ("belarus",)),
    (Regime.SYRIA, frozenset({"SYR", "FSE-SY", "HRIT-SY"}), ("syria",)),
    (
        Regime.PROLIFERATION,
        frozenset({"NPWMD", "CHEM", "IFCA", "IRAN-CON-ARMS-EO"}),
        ("proliferation", "chemical weapons", "nuclear"),
    ),
    (Regime.NARCOTICS, frozenset({"SDNTK", "SDNT", "ILLICIT-DRUGS"}), ("narcotic", "drug")),
    (Regime.CYBER, frozenset({"CYBER", "CYBER2", "CYB"}), ("cyber",)),
    (
        Regime.HUMAN_RIGHTS,
        frozenset(
            {"GLOMAG", "MAGNIT", "IRAN-HR", "HRIT-IR", "HRIT-SY", "EUGHR", "NICARAGUA-NHRAA"}
        ),
        ("human rights", "magnitsky", "victims of corrupt"),
    ),
    (
        Regime.CORRUPTION,
        frozenset({"GLOMAG"}),
        ("corrupt", "misappropriation"),
    ),
)


def regimes_of(programs: Iterable[str]) -> frozenset[Regime]:
    """The regimes of an entity listed under `programs`; OTHER when none is known."""
    found = {regime for program in programs for regime in _regimes_of_one(program)}
    return frozenset(found or {Regime.OTHER})


def _regimes_of_one(program: str) -> set[Regime]:
    code = " ".join(program.split()).upper()
    folded = code.lower()
    return {
        regime
        for regime, codes, words in _RULES
        if code in codes or any(word in folded for word in words)
    }


def parse_regimes(values: Iterable[str]) -> frozenset[Regime]:
    """Regime names as a caller writes them ("terrorism", "dprk"); an unknown one is an error."""
    regimes: set[Regime] = set()
    for value in values:
        for name in value.split(","):
            name = name.strip().lower()
            if not name:
                continue
            try:
                regimes.add(Regime(name))
            except ValueError:
                known = ", ".join(r.value for r in Regime)
                raise InputError(f"unknown regime {name!r}; known: {known}") from None
    return frozenset(regimes)
