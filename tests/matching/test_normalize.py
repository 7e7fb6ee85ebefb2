"""Normaliser properties: total, idempotent, blind to invisible and look-alike characters."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interdict.matching.normalize import Script, fold, fold_unicode
from interdict.matching.script import HOMOGLYPHS

CYRILLIC_TWINS = {
    latin: chr(code) for code, latin in HOMOGLYPHS.items() if 0x0400 <= code <= 0x04FF
}
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\u200e", "\u200f", "\ufeff"]
latin_words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCEHKMOPTXY", min_size=1, max_size=12)


@given(st.text())
def test_fold_never_raises_and_is_idempotent(text: str) -> None:
    once = fold(text).text
    assert fold(once).text == once
    assert once == once.strip()
    assert once.isascii()


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_takes_the_short_way_to_the_same_fold(text: str) -> None:
    assert fold(text) == fold_unicode(text)


@pytest.mark.parametrize(
    "text", ["  O'Brien\t Jr. ", "AL-QAIDA (AQ)", "Ta'i", "", "12 Rue\nde ` Paris", "'"]
)
def test_ascii_names_fold_alike_either_way(text: str) -> None:
    assert fold(text) == fold_unicode(text)


@given(latin_words, st.lists(st.tuples(st.sampled_from(INVISIBLE), st.integers(0, 12))))
def test_zero_width_characters_change_nothing(word: str, marks: list[tuple[str, int]]) -> None:
    chars = list(word)
    for mark, position in marks:
        chars.insert(position, mark)
    assert fold("".join(chars)).text == fold(word).text


@given(latin_words, st.data())
def test_cyrillic_look_alikes_in_latin_names_fold_to_latin(word: str, data: st.DataObject) -> None:
    mask = data.draw(st.lists(st.booleans(), min_size=len(word), max_size=len(word)))
    spoofed = "".join(
        CYRILLIC_TWINS.get(c, c) if swap else c for c, swap in zip(word, mask, strict=True)
    )
    assert fold("Lee " + spoofed).text == fold("Lee " + word).text


def test_arabic_is_transliterated_with_its_article_split() -> None:
    folded = fold("عبد الرحمن")
    assert folded.script is Script.ARABIC
    assert folded.text == "abd al rhmn"


def test_arabic_letter_variants_and_harakat_are_folded() -> None:
    assert fold("أحمد").text == fold("احمد").text == fold("أَحْمَد").text == fold("احـــمد").text


def test_persian_letters_read_as_persian() -> None:
    assert fold("ضیا").text == "zia"


def test_cyrillic_names_use_english_romanisation() -> None:
    assert fold("Умаров Доку Хаматович").text == "umarov doku khamatovich"


def test_case_accents_and_punctuation_fold() -> None:
    assert fold("  ESTÊVÃO  al-Ta'i, Jr. ").text == "estevao al tai jr"
