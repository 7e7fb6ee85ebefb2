"""Korean names written in Hangul match the lists' romanisation, syllable by syllable.

The listed names below are the UN/UK/OFAC/DFAT spellings of DPRK designations
(data/lists); the Hangul is how the same names are written in Korean, as the DFAT and
UN lists give some of them in original script.
"""

from __future__ import annotations

import pytest

from interdict.entities.model import Entity, Name, Schema
from interdict.matching import DEFAULT_THRESHOLDS, score
from interdict.matching.korean import korean_name_words
from interdict.matching.normalize import fold
from interdict.matching.prepare import prepare


def named(*names: str, schema: Schema = Schema.PERSON) -> Entity:
    return Entity(key=names[0], schema=schema, names=tuple(Name(n) for n in names))


def alerts(query: Entity, candidate: Entity) -> bool:
    return score(query, candidate).is_alert(DEFAULT_THRESHOLDS)


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("최영호", ("choe", "yong", "ho")),
        ("최 영호", ("choe", "yong", "ho")),
        ("영호 최", ("yong", "ho", "choe")),
        ("김정은", ("kim", "jong", "un")),
        ("이정수", ("ri", "jong", "su")),
        ("남궁민수", ("namkung", "min", "su")),
    ],
)
def test_a_hangul_name_is_read_as_surname_and_given_name_syllables(
    written: str, words: tuple[str, ...]
) -> None:
    assert korean_name_words(written) == words


@pytest.mark.parametrize("text", ["김", "서울산업은행", "Kim 정은", "영호 철수"])
def test_what_does_not_read_as_a_korean_name_is_left_to_icu(text: str) -> None:
    assert korean_name_words(text) is None


def test_a_firm_written_in_hangul_is_not_split() -> None:
    firm = prepare(named("조선광업", schema=Schema.ORGANIZATION))
    assert firm.names[0].words == tuple(fold("조선광업").text.split())


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("김정은", "KIM Jong Un"),
        ("라경수", "RA KY'ONG-SU"),
        ("백창호", "PAEK, Chang-Ho"),
        ("윤호진", "YUN, Ho-Jin"),
        ("영호 최", "CHOE Yong Ho"),
    ],
)
def test_a_hangul_query_alerts_on_the_listed_romanisation(query: str, listed: str) -> None:
    assert alerts(named(query), named(listed))


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("영식 김", "KIM, Jong Sik"),  # 영 yong, not 정 jong
        ("상철 김", "KIM, Yong Chol"),
        ("광수 박", "PAK, Kwang Ho"),
        ("미영 차", "CHANG, MYO'NG-HO"),
    ],
)
def test_one_syllable_apart_is_another_name(query: str, listed: str) -> None:
    assert not alerts(named(query), named(listed))


def test_written_unspaced_spaced_or_reversed_scores_the_same() -> None:
    listed = named("CHOE Yong Ho")
    scores = {score(named(q), listed).score for q in ("최영호", "최 영호", "영호 최")}
    assert len(scores) == 1


def test_a_listing_with_latin_names_stays_forgiving_of_their_spelling() -> None:
    # Only the listing's Hangul name is syllable-exact; its Latin alias still
    # forgives a customer's variant spelling ("Youn" for "Yun").
    assert not alerts(named("Youn Ho Jin"), named("윤호진"))
    assert alerts(named("Youn Ho Jin"), named("윤호진", "YUN, Ho-Jin"))
    # A Latin alias spelt as the Hangul's own second reading is still an alias.
    assert alerts(named("Youn Ho Jin"), named("윤호진", "Yoon Ho Jin"))


@pytest.mark.parametrize(
    ("written", "romanised"),
    [
        ("윤호진", "Yoon Ho Jin"),  # the South Korean surname spelling
        ("김정은", "Kim Jeong-eun"),  # Revised Romanization
        ("김정은", "KIM Jong Un"),  # as the lists write DPRK names
        ("박근혜", "Park Geun-hye"),
        ("문재인", "Moon Jae-in"),
    ],
)
def test_a_hangul_name_is_read_both_ways_koreans_write_it(written: str, romanised: str) -> None:
    assert alerts(named(romanised), named(written))
    assert alerts(named(written), named(romanised))


def test_the_south_korean_reading_is_syllable_exact_too() -> None:
    # "Yeong" (영, Revised Romanization) is not "Jong" (종): another syllable.
    assert not alerts(named("영식 김"), named("KIM, Jong Sik"))
    assert not alerts(named("Kim Jeong Sik"), named("김영식"))
