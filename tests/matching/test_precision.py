"""The absurd alerts of issue 14 stay below the alert threshold; rare parts still alert.

Each pair is a pattern an analyst would reject (generic company words, a lone common
given name, a one-syllable surname, given and family names crossed, father and son,
a different number or generation) next to the matches that must survive it.
"""

from __future__ import annotations

import pytest

from interdict.entities.model import (
    BirthDate,
    Entity,
    Name,
    NamePart,
    NamePartKind,
    Schema,
)
from interdict.matching import DEFAULT_THRESHOLDS, score
from interdict.matching.align import FIRMS_DIFFER_FACTOR
from interdict.matching.information import name_words
from interdict.matching.names import PartRole, part_role

PERSON, FIRM = Schema.PERSON, Schema.ORGANIZATION


def entity(*names: str, schema: Schema = PERSON, born: str = "") -> Entity:
    dates = (BirthDate(born),) if born else ()
    return Entity(
        key=names[0], schema=schema, names=tuple(Name(n) for n in names), birth_dates=dates
    )


def person(given: str, family: str) -> Entity:
    parts = (NamePart(NamePartKind.GIVEN, given), NamePart(NamePartKind.FAMILY, family))
    return Entity(key=given, schema=PERSON, names=(Name(f"{given} {family}", parts=parts),))


def alerts(query: Entity, candidate: Entity) -> bool:
    return score(query, candidate).is_alert(DEFAULT_THRESHOLDS)


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Bank", "BANK SEPAH"),
        ("General Trading LLC", "MAZAKA GENERAL TRADING"),
        ("Trading Company Limited", "MAZAKA TRADING COMPANY LIMITED"),
        ("International Holding Corporation", "ILSIM INTERNATIONAL HOLDING CORPORATION"),
        ("Falcon Holding 23", "FALCON HOLDING 24 LLC"),
        ("Al Rashid Trading II", "AL RASHID TRADING III"),
        ("Bruno Finance Limited", "B-FINANCE LTD"),
    ],
)
def test_generic_company_words_do_not_alert_alone(query: str, listed: str) -> None:
    assert not alerts(entity(query, schema=FIRM), entity(listed, schema=FIRM))


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Bank Sepah", "BANK SEPAH"),
        ("Mazaka General Trading", "MAZAKA GENERAL TRADING LLC"),
        ("Ministry of Defence", "MINISTRY OF DEFENCE"),
        ("Office 39", "OFFICE NO. 39"),
    ],
)
def test_a_firms_own_name_still_alerts(query: str, listed: str) -> None:
    assert alerts(entity(query, schema=FIRM), entity(listed, schema=FIRM))


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Mohammed", ("Ayman al-Zawahiri", "Abu Mohammed")),
        ("Kim", ("KIM, Lidia",)),
        ("Hamza", ("ABU HAMZA",)),
        ("Yosef", ("AYAD, Yosef",)),
        ("Ali Hassan", ("HUSAYN, 'Ali",)),
        ("Mohammad Ashrafi", ("ASHRAFI, Mahmud",)),
        ("Salman bin Ahmad al-Rawi", ("Ahmad bin Salman al-Rawi",)),
        ("Patricia", ("'Abdorreza SHAHLAI",)),
    ],
)
def test_common_or_different_person_names_do_not_alert(query: str, listed: tuple[str]) -> None:
    assert not alerts(entity(query), entity(*listed))


def test_a_rare_part_of_the_listed_name_still_alerts() -> None:
    assert alerts(entity("al-Zawahiri"), entity("Ayman al-Zawahiri", "Abu Mohammed"))


def test_a_common_name_alerts_with_a_matching_birth_date() -> None:
    listed = entity("KIM, Lidia", born="1970-05-17")
    assert not alerts(entity("Kim"), listed)
    assert alerts(entity("Kim", born="1970-05-17"), listed)


def test_given_and_family_names_crossed_do_not_alert() -> None:
    assert not alerts(person("Samira", "Karimi"), person("Karim", "Samiri"))
    assert alerts(person("Samira", "Karimi"), person("Samira", "Karimi"))


def test_a_shared_one_syllable_surname_does_not_alert() -> None:
    match = score(person("지호", "윤"), person("Cheng", "Yun"))
    assert not match.is_alert(DEFAULT_THRESHOLDS)
    assert "given names differ: ji ho / cheng" in match.disagreements


def test_the_explanation_says_what_disagreed() -> None:
    match = score(entity("Mohammad Ashrafi"), entity("Mahmud Ashrafi"))
    assert "names differ: mohammad / mahmud" in match.disagreements
    assert "names differ: mohammad / mahmud" in match.explain()
    father = score(entity("Salman bin Ahmad al-Rawi"), entity("Ahmad bin Salman al-Rawi"))
    assert "father's name paired with own name: salman / salman" in father.disagreements
    common = score(entity("Bank", schema=FIRM), entity("BANK SEPAH", schema=FIRM))
    assert any(line.startswith("agreeing words are common") for line in common.disagreements)


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Miller", ("Alexei MILLER",)),
        ("Barbara", ("Barbara MANDIZHA",)),
        ("Hosseini", ("Sayyid HOSSEINI",)),
        ("Salman", ("SALMAN",)),
        ("Ahmed", ("Ahmedou",)),
        ("Zhang", ("Janan Agha",)),
    ],
)
def test_a_name_many_people_bear_does_not_alert_alone(query: str, listed: tuple[str]) -> None:
    assert not alerts(entity(query), entity(*listed))


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Zawahiri", "Ayman al-ZAWAHIRI"),
        ("Haqqani", "Sirajuddin HAQQANI"),
        ("Jamal al-Tikriti", "Jamal Mustafa Abdallah Sultan AL-TIKRITI"),
        ("John Smith", "John SMITH"),
        ("Amirrahimi", "Amir RAHIMI"),
        ("Hamza bin Laden", "HAMZA USAMA MUHAMMAD BIN LADEN"),
    ],
)
def test_a_name_nobody_else_bears_or_the_whole_name_still_alerts(query: str, listed: str) -> None:
    assert alerts(entity(query), entity(listed))


def test_a_common_surname_alerts_with_a_matching_birth_date() -> None:
    listed = entity("Alexei MILLER", born="1962-01-31")
    assert alerts(entity("Miller", born="1962-01-31"), listed)


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Golden Trading Co", "GOLDEN STAR TRADING LLC"),
        ("Mendoza Oil And Gas AG", "ELEMENTO OIL AND GAS LTD"),
        ("上海 贸易有限公司", "SHANGHAI BINGZHI GUOJI MAOYI YOUXIAN GONGSI"),
    ],
)
def test_ordinary_or_disagreeing_firm_words_do_not_alert(query: str, listed: str) -> None:
    assert not alerts(entity(query, schema=FIRM), entity(listed, schema=FIRM))


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Al Qaida", "AL-QAIDA"),
        ("Hara Company", "HARA COMPANY"),
        ("The Youth", "THE YOUTH"),
        ("Reconnaissance Bureau", "RECONNAISSANCE GENERAL BUREAU"),
        ("Elemento Oil And Gas", "ELEMENTO OIL AND GAS LTD"),
    ],
)
def test_a_firms_whole_name_of_ordinary_words_still_alerts(query: str, listed: str) -> None:
    assert alerts(entity(query, schema=FIRM), entity(listed, schema=FIRM))


def test_names_written_with_other_characters_do_not_alert() -> None:
    match = score(person("은주 정훈", "김"), entity("연정남"))
    assert not match.is_alert(DEFAULT_THRESHOLDS)
    assert alerts(entity("金龍 張"), entity("金龙 张"))  # traditional = simplified
    assert alerts(entity("영호 최"), entity("영호 최"))
    different = score(entity("영호 최"), entity("용호 최"))
    assert not different.is_alert(DEFAULT_THRESHOLDS)
    assert "written differently: 영호 최 / 용호 최" in different.disagreements


def test_a_legal_form_joined_to_a_word_is_not_a_misspelt_listed_word() -> None:
    # "marinesa" is one letter from "marina", but "Marine SA" is not the firm MARINA.
    assert not alerts(entity("Marine SA", schema=FIRM), entity("MARINA", schema=FIRM))
    # The same run written together on either side still meets it.
    assert alerts(entity("MACHANGAltd", schema=FIRM), entity("MACHANGA LTD", schema=FIRM))
    assert alerts(entity("Machanga Ltd", schema=FIRM), entity("MACHANGALTD", schema=FIRM))


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Martin Industries AS", "Marine Industries"),
        ("Milan Machinery Company", "MIZAN MACHINERY"),
        ("Almeida Investments FZE", "ALMERINA INVESTMENTS"),
    ],
)
def test_a_firm_word_that_is_a_common_name_is_not_a_misspelt_listed_word(
    query: str, listed: str
) -> None:
    assert not alerts(entity(query, schema=FIRM), entity(listed, schema=FIRM))


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Mizen Machinery", "MIZAN MACHINERY"),
        ("Mizan Machinery Co", "MIZAN MACHINERY"),
        ("LIBYA NINVESTMENT AUTHORkITY", "LIBYAN INVESTMENT AUTHORITY"),
    ],
)
def test_a_misspelt_listed_firm_still_alerts(query: str, listed: str) -> None:
    assert alerts(entity(query, schema=FIRM), entity(listed, schema=FIRM))


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Electronics JSC", "Ruselectronics, JSC"),
        ("Energy LLC", "RT-ENERGO LLC"),
        ("Aviation", "الوطن"),
        ("Construction Company", "RAMAK CONSTRUCTIONS COMPANY"),
        ("Standard Trading Limited", "STEP STANDARD TECHNICAL COMPONENTS INDUSTRY AND TRADING"),
    ],
)
def test_a_generic_query_word_only_alike_to_a_listed_word_tells_no_more_than_itself(
    query: str, listed: str
) -> None:
    assert not alerts(entity(query, schema=FIRM), entity(listed, schema=FIRM))


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Ruselectronics JSC", "Ruselectronics, JSC"),
        ("RT Energo LLC", "RT-ENERGO LLC"),
        ("Ramak Construction Co", "RAMAK CONSTRUCTIONS COMPANY"),
        ("Libya Investment Authority", "LIBYAN INVESTMENT AUTHORITY"),
        ("Federal Capital Group SA", "FEDERAL CAPITAL GROUP, S.A."),
        ("Ministry of Defence", "MINISTRY OF DEFENSE"),
    ],
)
def test_the_listed_firm_given_with_its_naming_words_still_alerts(query: str, listed: str) -> None:
    assert alerts(entity(query, schema=FIRM), entity(listed, schema=FIRM))


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Capital Group SA", "FEDERAL CAPITAL GROUP, S.A."),
        ("Transport LLC", "TRANSPORTES LC"),
    ],
)
def test_a_firm_named_by_generic_words_is_given_only_by_all_of_them_alike(
    query: str, listed: str
) -> None:
    assert not alerts(entity(query, schema=FIRM), entity(listed, schema=FIRM))


def test_two_different_legal_forms_do_not_pair() -> None:
    query = entity("Hara Trading SA", schema=FIRM)
    different = score(query, entity("HARA TRADING SAL", schema=FIRM))
    same = score(query, entity("HARA TRADING SA", schema=FIRM))
    assert different.score < same.score
    assert not any(part.query_part == "sa" for part in different.parts)


def test_middle_names_a_shorter_listed_name_leaves_out_cost_little() -> None:
    listed = entity("REMADNA, Abdelhalim")
    assert alerts(entity("Abdelhalim Hafez Abdelfattah Remadna"), listed)
    # The outer words unmatched: another person of the family.
    son = score(entity("Uday Saddam Hussein al-Tikriti"), entity("SADDAM HUSSEIN AL-TIKRITI"))
    assert not son.is_alert(DEFAULT_THRESHOLDS)
    # Common matched words: the middle name is charged as much as before.
    assert not alerts(entity("Mohammad Shafiq Ahmadi"), entity("MOHAMMAD AHMADI"))


@pytest.mark.parametrize(
    ("query", "listed"),
    [("高橋", "Qiang GAO"), ("建中 翁", "Junzheng Wang"), ("金龍 張", "Jang Myong-Jin")],
)
def test_a_han_name_one_character_apart_does_not_alert(query: str, listed: str) -> None:
    assert not alerts(entity(query), entity(listed))


def test_a_han_name_written_as_listed_still_alerts() -> None:
    assert alerts(entity("李伟芳"), entity("LI Fang Wei"))


def test_a_devanagari_name_is_read_without_its_final_inherent_vowel() -> None:
    assert not alerts(entity("राहुल"), entity("WAKIL, Rohullah"))
    assert alerts(entity("दीपक शर्मा"), entity("Deepak SHARMA"))


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        # Own first names both given and different: brothers.
        ("Watban Ibrahim Hassan al-Tikriti", "SAB'AWI IBRAHIM HASSAN AL-TIKRITI"),
        ("Hani Abd al-Latif Tilfah al-Tikriti", "RAFI ABD-AL-LATIF TILFAH AL-TIKRITI"),
        # The query's own first name paired with the listed grandfather's.
        ("Ibrahim Sabawi Ibrahim Hasan al-Tikriti", "OMAR SABAWI IBRAHIM HASAN AL-TIKRITI"),
    ],
)
def test_a_sibling_named_by_the_same_chain_does_not_alert(query: str, listed: str) -> None:
    match = score(entity(query), entity(listed))
    assert not match.is_alert(DEFAULT_THRESHOLDS)
    assert any(line.endswith("a sibling?") for line in match.disagreements)


@pytest.mark.parametrize(
    ("query", "own_name_kept", "listed", "said"),
    [
        # The listed chain without its first name: the father's name.
        (
            "Saddam Hussein al-Tikriti",
            "Uday Hussein al-Tikriti",
            "UDAY SADDAM HUSSEIN AL-TIKRITI",
            "a forebear?",
        ),
        (
            "Muhammad Rabi al-Zawahiri",
            "Ayman Rabi al-Zawahiri",
            "AYMAN MUHAMMED RABI AL-ZAWAHIRI",
            "a forebear?",
        ),
        (
            "Osama bin Laden",
            "Hamza Usama bin Laden",
            "HAMZA USAMA MUHAMMAD BIN LADEN",
            "a forebear?",
        ),
        # Another first name in front of the listed chain: a son or daughter.
        (
            "Muammar Muhammad Abu Minyar Qadhafi",
            "Muhammad Abu Minyar Qadhafi",
            "MOHAMMED ABU MINYAR QADHAFI",
            "son or daughter?",
        ),
    ],
)
def test_a_forebear_or_child_named_by_the_same_chain_is_said_and_ranks_lower(
    query: str, own_name_kept: str, listed: str, said: str
) -> None:
    """Penalised and explained, not dropped: a first name lost from the data looks the
    same, and an analyst must see it (structure.FOREBEAR_FACTOR)."""
    match = score(entity(query), entity(listed))
    assert any(line.endswith(said) for line in match.disagreements)
    assert match.score < score(entity(own_name_kept), entity(listed)).score - 0.05


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Uday Saddam al-Tikriti", "UDAY SADDAM HUSSEIN AL-TIKRITI"),
        ("Uday Saddam Hussein", "UDAY SADDAM HUSSEIN AL-TIKRITI"),
        ("Ayman al-Zawahiri", "AYMAN MUHAMMED RABI AL-ZAWAHIRI"),
        ("Sheikh Hassan Dahir Aweys", "HASSAN DAHIR AWEYS"),
        # Family name first: the order says nothing of who is whose son.
        ("Saddam Hussein al-Tikriti", "AL-TIKRITI, Saddam Hussein"),
        # A kunya names its bearer by a son: no chain.
        ("Abu Ubaidah", "Sheikh Ahmed Umar Abu Ubaidah"),
    ],
)
def test_the_listed_person_by_part_of_the_chain_still_alerts(query: str, listed: str) -> None:
    match = score(entity(query), entity(listed))
    assert match.is_alert(DEFAULT_THRESHOLDS)
    assert not any(line.endswith("?") for line in match.disagreements)


def test_two_firms_that_each_name_what_the_other_does_not_are_two_firms() -> None:
    listed = entity("SHAHID HEMMAT INDUSTRIAL GROUP (SHIG)", schema=FIRM)
    other = score(entity("Shahid Bagheri Industrial Group (SBIG)", schema=FIRM), listed)
    assert "names differ: shahid bagheri sbig / shig" not in other.disagreements
    assert any(line.startswith("names differ:") for line in other.disagreements)
    part = score(entity("Shahid Hemmat Industrial Group", schema=FIRM), listed)
    assert part.is_alert(DEFAULT_THRESHOLDS)
    assert other.score < FIRMS_DIFFER_FACTOR * part.score


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        # OFAC SDN listings, sent without their legal form or with another: each form is
        # a word any firm bears, not a word of the name (bench/legal_forms.py).
        ("COMECARNES", "COMECARNES LTDA."),
        ("Comecarnes GmbH", "COMECARNES LTDA."),
        ("EMATEL S.R.O.", "EMATEL LLC"),
        ("BIBLOS TRAVEL", "BIBLOS TRAVEL, C.A."),
        ("Peru Global Tours", "PERU GLOBAL TOURS S.A.C."),
        ("SAF TECH", "SAF TECH S.L."),
        ("HOTEL HOLDING", "HOTEL HOLDING, S.R.O."),
        ("CASTRO CURE", "CASTRO CURE Y CIA. S. EN C."),
        ("COCINA DE TIJUANA", "COCINA DE TIJUANA, S. DE R.L. DE C.V."),
    ],
)
def test_a_listed_firm_without_its_legal_form_or_with_another_still_alerts(
    query: str, listed: str
) -> None:
    assert alerts(entity(query, schema=FIRM), entity(listed, schema=FIRM))


def test_legal_forms_of_latin_america_and_europe_are_no_name_words() -> None:
    assert name_words("COCINA DE TIJUANA, S. DE R.L. DE C.V.", FIRM) == (
        *("cocina", "de", "tijuana", "sderl", "de", "cv"),
    )
    words = name_words("CASTRO CURE Y CIA. S. EN C.", FIRM)
    assert words == ("castro", "cure", "y", "cia", "senc")
    roles = [part_role(word, FIRM) for word in words]
    assert roles == [
        PartRole.NAME,
        PartRole.NAME,
        *[PartRole.FUNCTION_WORD],
        *[PartRole.LEGAL_FORM] * 2,
    ]
    # A person's "S" and "Y" are no legal form's.
    assert name_words("Maria S. de Rl", PERSON) == ("maria", "s", "de", "rl")


def test_a_shared_legal_form_lifts_no_firm_over_the_threshold() -> None:
    # "LTDA" counted as a word of both names: a one-letter-apart word alerted (0.81).
    ltda = score(entity("MELOS LTDA", schema=FIRM), entity("MELON LTDA.", schema=FIRM))
    ltd = score(entity("MELOS LTD", schema=FIRM), entity("MELON LTD", schema=FIRM))
    assert not ltda.is_alert(DEFAULT_THRESHOLDS)
    assert ltda.score == ltd.score


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        # Listed firms as a payment's 35-character lines write them (bench/abbreviations.py).
        ("QATARJI INTL GRP", "QATARJI INTERNATIONAL GROUP"),
        ("SINA SHPG CO LTD", "SINA SHIPPING COMPANY LIMITED"),
        ("Cham INVT GRP", "Cham Investment Group"),
        ("KOREA KWANGSON BKG CORP", "KOREA KWANGSON BANKING CORPORATION"),
        ("GREEN PINE ASSOC CORP", "GREEN PINE ASSOCIATED CORPORATION"),
        ("YONA STAR TRADING INTERNATIONAL COMPANY LIMITED", "YONA STAR TRDG INTL CO. LTD."),
    ],
)
def test_a_listed_firm_with_its_common_words_abbreviated_still_alerts(
    query: str, listed: str
) -> None:
    assert alerts(entity(query, schema=FIRM), entity(listed, schema=FIRM))


def test_an_abbreviated_word_is_the_word_in_a_firms_name_only() -> None:
    assert name_words("Al Noor Int'l Trdg Co., L.T.D.", FIRM) == (
        *("al", "noor", "international", "trading", "company", "limited"),
    )
    # A person's "Bros" or "Grp" is no abbreviation.
    assert name_words("Grp Bros", PERSON) == ("grp", "bros")


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("G AND M AUTOS", "G & M AUTOS S.A.C."),
        ("A & M Mahar Co Ltd", "A AND M MAHAR COMPANY LIMITED"),
    ],
)
def test_and_between_two_letters_is_the_ampersand_that_joins_them(query: str, listed: str) -> None:
    # SWIFT's character set has no "&": a bank writes "AND".
    assert alerts(entity(query, schema=FIRM), entity(listed, schema=FIRM))
    assert name_words("G AND M AUTOS", FIRM) == name_words("G&M AUTOS", FIRM) == ("gm", "autos")
    assert name_words("ALI AND SONS", FIRM) == ("ali", "and", "sons")


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        # Listed names spelling a form out, sent with its abbreviation or without it.
        ("JSC RT-GUARD", "JOINT STOCK COMPANY RT-GUARD"),
        ("RT-Guard", "JOINT STOCK COMPANY RT-GUARD"),
        ("OJSC Russian Helicopters", "OPEN JOINT STOCK COMPANY RUSSIAN HELICOPTERS"),
        ("AO SISTEMA HALS", "ZAKRYTOE AKTSIONERNOE OBSHCHESTVO SISTEMA HALS"),
        ("OOO PUR LEND", "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU PUR LEND"),
    ],
)
def test_a_legal_form_spelt_out_is_the_form(query: str, listed: str) -> None:
    assert alerts(entity(query, schema=FIRM), entity(listed, schema=FIRM))


def test_an_english_legal_form_spelt_out_reads_as_its_abbreviation() -> None:
    assert name_words("Joint-Stock Company Vega", FIRM) == ("jsc", "vega")
    # The Russian ones are legal forms word by word: a misspelt one still pairs.
    words = name_words("Aktsionernoe Obshchestvo Vega", FIRM)
    assert [part_role(word, FIRM) for word in words[:2]] == [PartRole.LEGAL_FORM] * 2
    assert alerts(
        entity("Aktsionernoye Obshchestvo Vega Plast", schema=FIRM),
        entity("AKTSIONERNOE OBSHCHESTVO VEGA PLAST", schema=FIRM),
    )
    assert name_words("Vega Limited Liability Company", FIRM) == ("vega", "llc")
    # Not within a name: "Open Joint Ventures" keeps its words.
    assert name_words("Open Joint Ventures", FIRM) == ("open", "joint", "ventures")
