"""Alias fields that pack several names, or a name and a remark, as the UN list writes them.

Every case is an ALIAS_NAME of the bundled UN releases.
"""

from __future__ import annotations

import pytest

from interdict.lists.formats.alias_text import split_alias

CASES = [
    (
        "أبو بكر البغدادي الحسيني القريشي (Abu Bakr al-Baghdadi al-Husayni al-Quraishi; "
        "Abu Bakr al-Baghdadi)",
        [
            "أبو بكر البغدادي الحسيني القريشي",
            "Abu Bakr al-Baghdadi al-Husayni al-Quraishi",
            "Abu Bakr al-Baghdadi",
        ],
        [],
    ),
    ("Qasim Soleimani; Qasem Sulaimani", ["Qasim Soleimani", "Qasem Sulaimani"], []),
    (
        "Mohammed Sabet; Mohammad Sabet b) M. Javad Kareemi Sabet",
        ["Mohammed Sabet", "Mohammad Sabet", "M. Javad Kareemi Sabet"],
        [],
    ),
    ("Jin Tiesan (金铁三)", ["Jin Tiesan", "金铁三"], []),
    ("Abubakar (original script: Абубакар)", ["Abubakar", "Абубакар"], []),
    ("Encep Nurjaman (birth name)", ["Encep Nurjaman"], ["birth name"]),
    ("EL PARA (COMBAT NAME)", ["EL PARA"], ["COMBAT NAME"]),
    ("Lom-ali Butayev (Butaev)", ["Lom-ali Butayev"], ["Butaev"]),
    ("(Sheikh) Musa Hilal", ["Musa Hilal"], ["Sheikh"]),
    (
        "Safia Farkash Mohammed Al-Hadad, born 1 Jan. 1953 (Oman passport no.03825239)",
        ["Safia Farkash Mohammed Al-Hadad"],
        ["born 1 Jan. 1953", "Oman passport no.03825239"],
    ),
    (
        "Al-Qaida Organization in the Arabian Peninsula (AQAP)",
        ["Al-Qaida Organization in the Arabian Peninsula", "AQAP"],
        [],
    ),
    (
        "SECOND ACADEMY OF NATURAL SCIENCES (KPE.018)",
        ["SECOND ACADEMY OF NATURAL SCIENCES"],
        ["KPE.018"],
    ),
    (
        "جبهة النصرة (the Victory Front; Jabhat al-Nusrah; Al-Nusra Front)",
        ["جبهة النصرة", "the Victory Front", "Jabhat al-Nusrah", "Al-Nusra Front"],
        [],
    ),
    (
        "شبكة أنصار المجاهدين (Ansar al-Mujahideen Network - sub-unit name)",
        ["شبكة أنصار المجاهدين", "Ansar al-Mujahideen Network"],
        [],
    ),
    # A parenthesis inside the name is part of it.
    (
        "Leader (Hong Kong) International Trading Limited",
        ["Leader (Hong Kong) International Trading Limited"],
        [],
    ),
    ("華信船務(香港)有限公司", ["華信船務(香港)有限公司"], []),
    # A remark cut off by the list's field length still is a remark.
    (
        "Abdel Ilah Sabri (false identity related to",
        ["Abdel Ilah Sabri"],
        ["false identity related to"],
    ),
]


@pytest.mark.parametrize(("text", "names", "notes"), CASES)
def test_names_and_notes_are_told_apart(text: str, names: list[str], notes: list[str]) -> None:
    found = split_alias(text)
    assert list(found.names) == names
    assert list(found.notes) == notes


def test_a_plain_name_is_plain() -> None:
    assert split_alias("Abu Mohammed al-Jawlani").is_plain
    assert not split_alias("Jin Tiesan (金铁三)").is_plain
    assert split_alias("   ").names == ()


def test_a_latin_parenthesis_after_a_latin_name_is_a_remark_not_a_name() -> None:
    found = split_alias("Al-Nusra Trading Company (Hong Kong)")
    assert found.names == ("Al-Nusra Trading Company",)
    assert found.notes == ("Hong Kong",)
    assert split_alias("عبدالله السندي (Abdullah Sindhi)").names == (
        "عبدالله السندي",
        "Abdullah Sindhi",
    )
