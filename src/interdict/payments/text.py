"""Free text scanned for listed names: a window over the words, screened where it may hit.

A name moved out of its party field ("stripping") lands in remittance information,
sender-to-receiver information or an address line, among invoice numbers and
ordinary words. Screening every run of words would cost a screen per word; instead a
word is *name-like* when the candidate index of the lists holds it (the word itself
or, from four letters, its consonant skeleton, so transliterations count), and only
windows of two to `LONGEST_WINDOW` name-like words are screened — and of those only the
windows whose words are all found in one and the same listed entity: "main street" and
"street berlin" each have listed words, but no listed name holds both, so no listed
name can match them.

Names carry words that identify nobody (`is_filler`: particles, honorifics, legal forms,
function words, initials). The candidate index does not hold them, so they neither end
a run nor are asked of the entity that holds a window's other words, and a window's
size counts its other words only. Until 2026-12-03 they ended runs, failed that test and
counted: "AL-QAIDA IN IRAQ", "SBERBANK OF RUSSIA", "GAZPROMBANK OAO", "HAJI AHMAD JAN"
and names of five words or more planted in remittance text held nothing — 18% of the
bundled lists' names (bench/text_recall.py).

A single name word is not screened: scored alone it resembles too many listed names
("London" ~ "Kala Naft London Ltd" scored 0.86 on the shared messages) — a one-word
listed name is caught in the party fields, where the whole field is screened — unless a
legal form beside it says a firm is named ("Finrost Limited", "OAO Gazprom"). Windows
are screened at `TEXT_THRESHOLD`, above the alert threshold: two ordinary words ("bank
trust" ~ "Tourism Bank", 0.81) reach the alert threshold in prose.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby, pairwise

import numpy as np
from numpy.typing import NDArray

from interdict.entities.model import Schema
from interdict.matching.candidates import CandidateIndex
from interdict.matching.information import letter_spans, letters_word, split_form_spans
from interdict.matching.names import (
    FUNCTION_WORDS,
    HONORIFICS,
    LEGAL_FORMS,
    PERSON_PARTICLES,
    canonical_word,
)
from interdict.matching.normalize import fold, script_of, strip_invisible
from interdict.matching.phonetic import skeleton
from interdict.payments.model import FieldText

#: Most words of a window that are not fillers (`is_filler`). Six, not four: 14 more of
#: the test watchlist's 664 names held, 11 more of 1,500 of the bundled lists', and the
#: 10,000 clean messages of bench/payments_speed.py held the same 92 (2026-12-03).
LONGEST_WINDOW = 6
#: Most words of a window in all: fillers between name words ("army of the guardians").
_LONGEST_RUN = 2 * LONGEST_WINDOW
#: Lowest score of a free-text window that holds; the false hits of the shared
#: messages scored 0.80-0.88, planted names 0.95 and more (bench/payments_speed.py).
TEXT_THRESHOLD = 0.90
#: A word is looked up by its consonant skeleton only from this length on; shorter
#: words ("ri", "su", "al") must be a word of a listed name as written.
_SKELETON_FROM = 4
PARTICLES = frozenset(
    {
        "al",
        "el",
        "ul",
        "ud",
        "bin",
        "ibn",
        "bint",
        "abu",
        "abd",
        "van",
        "von",
        "de",
        "da",
        "di",
        "du",
    }
)
_PERSON_FILLERS = PARTICLES | PERSON_PARTICLES | HONORIFICS
#: Legal forms of matching/names.py read in prose only from the letters of one written
#: alone ("C.A." of Venezuela, "S.A.C." of Peru, "S.C.S." and "E.U." of Colombia, "K.K."
#: of Japan, "E.V." of Germany, "S. DE R.L." of Mexico), never from a word: "EU", "CA"
#: and "SC" are words and abbreviations of prose. A firm's one name word beside one is a
#: window, as beside "LTD" ("AVERUCA, C.A.").
_LETTER_FORMS = frozenset(
    {"ca", "sac", "scs", "sca", "sc", "ci", "eu", "ev", "sl", "kk", "pjs", "sro", "eirl", "rl"}
)
_WORD_FORMS = LEGAL_FORMS - _LETTER_FORMS
_FILLERS = _PERSON_FILLERS | _WORD_FORMS | FUNCTION_WORDS


def is_filler(word: str) -> bool:
    """Whether a folded word is one a name carries beside the words that identify its
    bearer (matching/names.py's tables), or an initial."""
    return word in _FILLERS or _is_letter(word)


@dataclass(frozen=True, slots=True)
class NameVocabulary:
    """Which words occur in listed names, from the screener's candidate index."""

    index: CandidateIndex

    def is_name_like(self, word: str) -> bool:
        keys = self.index.keys
        return any(key in keys for key in _keys(word))

    def held_by_one(self, words: list[str]) -> bool:
        """Whether one listed entity has every word (particles aside), as written or by
        skeleton: the candidate index's postings of each word, intersected."""
        common: NDArray[np.int32] | None = None
        for word in words:
            if is_filler(word):
                continue
            holders = self._holders(word)
            common = holders if common is None else np.intersect1d(common, holders, True)
            if not len(common):
                return False
        return common is not None

    def _holders(self, word: str) -> NDArray[np.int32]:
        found = [self._postings(key) for key in _keys(word)]
        return found[0] if len(found) == 1 else np.unique(np.concatenate(found))

    def _postings(self, key: str) -> NDArray[np.int32]:
        index = self.index
        position = index.keys.get(key)
        if position is None:
            return np.zeros(0, dtype=np.int32)
        return index.postings[index.offsets[position] : index.offsets[position + 1]]


@lru_cache(maxsize=65536)
def _keys(word: str) -> tuple[str, ...]:
    """The index keys a word of prose may be held under: as written, as the index writes
    it for a person or a firm ("abdul" is indexed as "abd"), and by consonant skeleton."""
    if not word.isalnum() or (len(word) < 2 and word.isalpha()):
        return ()
    if not word.isalpha():
        # A number or a word with digits ("39" of "OFFICE 39", "1" of "CACIQUE 1 S.A.",
        # "3m"), as written only: it has no sound and no other spelling. Like any name
        # word it is asked of the entity holding the window's other words, so "LTD" /
        # "1 MAIN STREET" is no window of "MAIN STREET 1095 PTY LTD" (a single digit let
        # through as a filler, asked of nobody, held there in 273 of 10,000 clean
        # messages). Until 2026-12-03 a single digit ended a run: 30 of 178 good listed
        # names holding a number passed in remittance text; 6 with this, 1 with letters
        # written alone read too (bench/text_recall.py --digits).
        return ("w:" + word,)
    forms = {word, canonical_word(word, Schema.PERSON), canonical_word(word, Schema.ORGANIZATION)}
    keys = {"w:" + form for form in forms}
    if len(word) >= _SKELETON_FROM:
        keys.update("s:" + skeleton(form) for form in forms if len(skeleton(form)) >= 3)
    return tuple(sorted(keys))


def name_windows(text: str, vocabulary: NameVocabulary) -> list[str]:
    """The word windows of `text` worth screening, in order, each once."""
    words = _prose_words(text)
    spelt = [False] * len(words)
    for first, after, _ in split_form_spans(words):
        spelt[first:after] = [True] * (after - first)
    marks = [
        s or is_filler(w) or vocabulary.is_name_like(w) for w, s in zip(words, spelt, strict=True)
    ]
    windows: dict[str, None] = {}
    start = 0
    while start < len(words):
        if not marks[start]:
            start += 1
            continue
        end = start
        while end < len(words) and marks[end]:
            end += 1
        _run_windows(words[start:end], vocabulary, windows)
        start = end
    return list(windows)


def _prose_words(text: str) -> list[str]:
    """The folded words of prose, each stretch of one script folded on its own. `fold`
    reads a name with any Latin letter as Latin, and so sends an Arabic or Cyrillic name
    in a Latin sentence through ICU's generic transliteration: in "INVOICE 5 FOR أيمن
    الظواهري" the name became "aymn alzwahry", which no listed name's words hold, where
    alone it folds to "aymn al zwahri" as the list's Arabic does. Until 2026-12-03 3,213
    of the bundled lists' 3,536 Arabic and Cyrillic names passed so; 31 now
    (bench/text_recall.py --scripts)."""
    if text.isascii():
        return fold(text).text.split()
    words: list[str] = []
    for _, stretch in groupby(text.split(), key=lambda word: script_of(strip_invisible(word))):
        words += fold(" ".join(stretch)).text.split()
    return words


def _run_windows(run: list[str], vocabulary: NameVocabulary, windows: dict[str, None]) -> None:
    """Windows of a run of name-like words and fillers, at most `_LONGEST_RUN` words in
    all: from two to `LONGEST_WINDOW` name words, or one with a legal form ("finrost
    limited") or with a word of a person's name that is not a name word ("colonel
    mutebutsi", "abd ur rehman"; not a particle and a word: "abu fatima", "al noor").
    Each begins with a name word, a legal form, a person's particle or honorific or the
    first of letters written alone ("p c c singapore branch"), and ends with a name word,
    a legal form, an honorific ("elshafee el sheikh") or the last of letters written
    alone ("corporacion handal s de r l", "averuca c a"). Letters that make no legal form
    (an acronym, or a person's initials) count as a name word ("a s p builders", "t e g
    limited", "tufail s m"): `_with_acronyms`."""
    fillers = [is_filler(w) for w in run]
    # Letters written alone ("S.A." and "C.I." fold to "s a" and "c i", "G AND M" is one
    # stretch) are an acronym, initials or a legal form written with stops ("P.C.C.",
    # "S.M.", "C.A.", "S. DE R.L."): a window may begin or end with a stretch, and takes it
    # whole. Until 2026-12-03 one could not: 268 of the 1,176 good listed names holding
    # one passed in remittance text (bench/text_recall.py --letters); until 2026-12-04
    # one that is no legal form was no name word (`_with_acronyms`).
    stretches = letter_spans(run)
    legal = _legal_forms(run, stretches)
    # Letters written alone that make no legal form are a firm's acronym ("D.E.S.
    # INTERNATIONAL", "Y.A.S. CO. LTD", "W AND G ARQUITECTOS") or a person's initials
    # ("TUFAIL, S.M."): one name word (`_with_acronyms`).
    acronyms = [(first, after) for first, after in stretches if not legal[first]]
    # One written into its legal form ("E.C.A. S.A." folds to "e c a s a", one word
    # "ecasa" as the matcher joins it) stands beside that form.
    formed = [_ends_in_form(run[first:after]) for first, after in acronyms]
    # A form spelt out is read as the matcher reads it, as one legal form ("joint stock
    # company"): a filler, taken whole. Until 2026-12-04 its words were name words the
    # listed entity was asked for, which the matcher no longer indexes since it reads
    # them as a form: "JOINT STOCK COMPANY MIKRON" in remittance text passed.
    spelt = [(a, b) for a, b, _ in split_form_spans(run) if min(map(len, run[a:b])) > 1]
    for first, after in spelt:
        fillers[first:after] = legal[first:after] = [True] * (after - first)
    stretches += spelt
    personal = [w in _PERSON_FILLERS for w in run]
    can_start = [not f or g or p for f, g, p in zip(fillers, legal, personal, strict=True)]
    can_end = [not f or g or w in HONORIFICS for f, g, w in zip(fillers, legal, run, strict=True)]
    # Letters written alone are taken whole: a window begins at the first, ends at the last.
    for first, after in stretches:
        can_start[first:after] = [True] + [False] * (after - first - 1)
        can_end[first:after] = [False] * (after - first - 1) + [True]

    # A lone letter before a name word begins a firm's name ("B-WORK S.A.S.", "T-RUBBER
    # CO., LTD", "M. MARINE S.A.L."): a window may begin with it where it holds a legal
    # form. Elsewhere it is a person's initial ("J SMITH"), and windows begin after it.
    lone = [
        _is_letter(word) and at + 1 < len(run) and not fillers[at + 1]
        for at, word in enumerate(run)
    ]
    for first, after in stretches:
        lone[first:after] = [False] * (after - first)
    for start in range(len(run)):
        if not (can_start[start] or lone[start]):
            continue
        named = 0
        for end in range(start, min(len(run), start + _LONGEST_RUN)):
            named += not fillers[end]
            if named > LONGEST_WINDOW:
                break
            if end == start or not can_end[end]:
                continue
            if named == 1:
                # One name word, not a digit: "1 S.A." is no name, "11420 CORP." is.
                pair = end == start + 1 and run[start] in PARTICLES
                word = any(not fillers[i] and len(run[i]) > 1 for i in range(start, end + 1))
                enough = word and (
                    any(legal[start : end + 1]) or (any(personal[start : end + 1]) and not pair)
                )
            else:
                enough = named >= 2
            held = zip(run[start : end + 1], fillers[start : end + 1], strict=True)
            asked = [w for w, filler in held if not filler]
            if enough:
                # A longer window asks the same entity for more words: none holds them.
                if not vocabulary.held_by_one(asked):
                    break
                if not lone[start] or any(legal[start : end + 1]):
                    windows[" ".join(run[start : end + 1])] = None
            elif inside := [k for k, (a, b) in enumerate(acronyms) if start <= a < b <= end + 1]:
                beside = any(legal[start : end + 1]) or any(formed[k] for k in inside)
                if not _with_acronyms(len(inside), asked, beside):
                    continue
                # Beside a name word, letters may as well be a person's initials, which
                # the candidate index does not hold ("tufail s m"): the name words are
                # asked. Alone beside a legal form, they are the name ("y a s co ltd").
                letters = [letters_word(run[slice(*acronyms[k])]) for k in inside]
                if vocabulary.held_by_one(asked or letters):
                    windows[" ".join(run[start : end + 1])] = None


def _with_acronyms(acronyms: int, named: list[str], beside_form: bool) -> bool:
    """Whether a window too short by its `named` words alone is one with its `acronyms`
    (stretches of letters written alone) counted as name words: two in all, or one
    beside a legal form. Until 2026-12-04 they were fillers: "D.E.S. INTERNATIONAL", "Y.A.S. CO.
    LTD", "E. S. CO.", the UN's "TUFAIL, S.M." and 40 more of the bundled lists' good
    names with letters written alone passed in remittance text
    (bench/text_recall.py --letters). A number among the `named` words does not count:
    "7 A.S.P." is no name."""
    count = acronyms + sum(1 for word in named if not word.isdigit())
    return acronyms > 0 and count <= LONGEST_WINDOW and (count >= 2 or beside_form)


def _ends_in_form(letters: list[str]) -> bool:
    """Whether letters written alone end in a legal form's letters and leave two or more
    before it ("e c a s a": "eca" and "sa")."""
    joined = letters_word(letters)
    return any(joined[cut:] in LEGAL_FORMS for cut in range(2, len(joined) - 1))


def _is_letter(word: str) -> bool:
    return len(word) == 1 and word.isalpha()


def _legal_forms(run: list[str], stretches: list[tuple[int, int]]) -> list[bool]:
    """Which words of `run` are a legal form, or letters of one written with stops
    ("S.A." folds to "s a", "C.A." to "c a"; `stretches` are `letter_spans(run)`)."""
    legal = [word in _WORD_FORMS for word in run]
    for start, end in stretches:
        if "".join(run[start:end]) in LEGAL_FORMS:
            legal[start:end] = [True] * (end - start)
    return legal


_MT_LINE = re.compile(r"(?P<field>.+) line (?P<number>\d+)")
_MX_REPEAT = re.compile(r"(?P<field>.+)\[(?P<number>\d+)\]")


@dataclass(frozen=True, slots=True)
class Wrapped:
    """Two consecutive lines of one field read as one text (`text`, its path naming both
    lines), and the two lines."""

    text: FieldText
    first: FieldText
    second: FieldText


def wrapped_lines(lines: Sequence[FieldText]) -> list[Wrapped]:
    """Each two consecutive lines of one field, as one text, joined with a space and
    without: a name wrapped at the end of a line, between words or inside one — SWIFT
    MT writes 35 characters a line, an MX repeats `Ustrd` or `AdrLine` — is in neither
    line alone. ":70: line 1" and ":70: line 2" read as ":70: lines 1-2", "…/Ustrd[1]"
    and "…/Ustrd[2]" as "…/Ustrd[1-2]". Until 2026-12-03 "…FOR SBERBANK OF" / "RUSSIA"
    in an MT103's :70: passed unheld."""
    found = []
    for first, second in pairwise(lines):
        for pattern, path in ((_MT_LINE, "{} lines {}-{}"), (_MX_REPEAT, "{}[{}-{}]")):
            a, b = pattern.fullmatch(first.path), pattern.fullmatch(second.path)
            if a and b and a["field"] == b["field"] and int(b["number"]) == int(a["number"]) + 1:
                where = path.format(a["field"], a["number"], b["number"])
                # MT narrative (:72:, :77B:) marks a continued line with "//".
                rest = second.value.removeprefix("//")
                # Wrapped between words or inside one ("AL-BAGH" / "DADI").
                for space in (" ", ""):
                    joined = FieldText(where, f"{first.value}{space}{rest}")
                    found.append(Wrapped(joined, first, second))
                break
    return found
