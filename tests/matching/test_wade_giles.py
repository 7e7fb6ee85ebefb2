"""Han names read by Wade–Giles as well as pinyin: older and Taiwanese spellings."""

from __future__ import annotations

import pytest

from interdict.entities.model import Entity, Name, Schema
from interdict.matching import DEFAULT_THRESHOLDS, score
from interdict.matching.wade_giles import han_wade_giles_words, wade_giles


@pytest.mark.parametrize(
    ("pinyin", "written"),
    [
        ("zhang", "chang"),
        ("xue", "hsueh"),
        ("jiang", "chiang"),
        ("guo", "kuo"),
        ("dong", "tung"),
        ("ze", "tse"),
        ("zi", "tzu"),
        ("shi", "shih"),
        ("xiong", "hsiung"),
        ("jian", "chien"),
        ("ju", "chu"),
        ("ren", "jen"),
        ("ge", "ko"),
        ("mao", "mao"),
    ],
)
def test_pinyin_syllables_as_wade_giles_writes_them(pinyin: str, written: str) -> None:
    assert wade_giles(pinyin) == written


def test_only_a_name_written_in_han_alone_is_read() -> None:
    assert han_wade_giles_words("張學良") == ("chang", "hsueh", "liang")
    assert han_wade_giles_words("建中 翁") == ("chien", "chung", "weng")
    assert han_wade_giles_words("Zhang 學良") is None
    assert han_wade_giles_words("김정은") is None


def _person(name: str) -> Entity:
    return Entity(key=name, schema=Schema.PERSON, names=(Name(name),))


@pytest.mark.parametrize(
    ("written", "listed"),
    [
        ("張學良", "CHANG Hsueh-liang"),
        ("蔣經國", "CHIANG Ching-kuo"),
        ("毛澤東", "MAO Tse-tung"),
        ("張學良", "ZHANG Xueliang"),  # pinyin, as before
    ],
)
def test_a_han_name_finds_its_wade_giles_listing(written: str, listed: str) -> None:
    assert score(_person(written), _person(listed)).is_alert(DEFAULT_THRESHOLDS)


def test_one_character_apart_is_still_another_name() -> None:
    # 翁 Weng / 王 Wang: the Wade–Giles reading matches only as written, as pinyin does.
    match = score(_person("建中 翁"), _person("WANG Chien-chung"))
    assert not match.is_alert(DEFAULT_THRESHOLDS)
