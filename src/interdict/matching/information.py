"""How much a name word tells: rare words identify a listed entity, common ones don't.

"Ayman al-Zawahiri" is identified by "zawahiri" alone; a query that shares only "Bank",
"General Trading LLC", "Mohammed" or "Kim" with a listed name shares words that
thousands of unlisted firms and people bear. So each word of a listed name gets an
*information* in [0, 1], and a name match needs enough of it (align.py):

- a generic word of an organisation name (a legal form, "trading", "general",
  "holding", "bank", a country, a number) is worth GENERIC_INFORMATION. The
  vocabulary is rigour's organisation-name data (OpenSanctions), which knows these
  words in many languages and transliterations ("obshchestvo", "tejarat", "impex");
- a word of a firm's name that is an ordinary word ("golden", "pacific", "real
  estate") is worth little as well, by its frequency in ordinary text (vocabulary.py);
- any other word by how many listed entities carry it (`word_counts.tsv`, counted
  over every bundled list, see `count_words`): up to RARE_COUNT entities it is worth
  1, falling with the logarithm of the count to COMMON_INFORMATION at COMMON_COUNT
  ("al" 1,665 entities, "ali" 393, "kim" 101, "tikriti" 107, "zawahiri" 3);
- a short word is worth at most its length over FULL_LENGTH: one syllable ("kim",
  "li", "yun") is shared by millions of people whatever the lists say;
- a word the lists file as a given name and that is a known name the world over
  (rigour's name symbols, symbols.py: "Yosef", "Hamza", "Mohammed", not "Walijan")
  is worth at most 1 - GIVEN_NAME_DISCOUNT: such given names are shared far beyond
  the lists, and a listed person is identified by their family name ("al-Zawahiri").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rigour._core import NameTypeTag, analyze_names, generic_person_names_list

from interdict.entities.model import Entity, NamePartKind, Schema
from interdict.matching.korean import korean_name_words
from interdict.matching.names import (
    FIRM_ABBREVIATIONS,
    ROLE_WEIGHT,
    SPLIT_LEGAL_FORMS,
    PartRole,
    canonical_word,
)
from interdict.matching.normalize import fold
from interdict.matching.phonetic import skeleton
from interdict.matching.population import population_information
from interdict.matching.symbols import SAME_NAME, lookup_name_symbols
from interdict.matching.vocabulary import vocabulary_information
from interdict.matching.word_tables import count_worth, read_word_table

WORD_COUNTS = Path(__file__).with_name("word_counts.tsv")
GENERIC_INFORMATION = 0.1
RARE_COUNT = 5
COMMON_COUNT = 500
COMMON_INFORMATION = 0.2
FULL_LENGTH = 6
# A word lists file as a given name is shared by many people outside them: at most
# 1 - GIVEN_NAME_DISCOUNT for a word filed as a given name every time.
GIVEN_NAME_DISCOUNT = 0.5
# Chinese firm names romanised in pinyin, as the lists write them ("Shanghai Bingzhi
# Guoji Maoyi Youxian Gongsi"): legal forms (youxian gongsi, gufen, zeren: limited
# company, joint-stock, liability) and trade words (international, trade, technology,
# industry, group, development, investment, import-export...) that rigour's firm
# vocabulary has in English only.
_PINYIN_FIRM_WORDS = (
    "youxian gongsi zeren gufen jituan zonggongsi fengongsi guoji maoyi keji shiye gongye "
    "fazhan touzi jinchukou wuliu kuangye huagong dianzi jixie shebei nengyuan shiyou "
    "huaxue yiyao zhiye jiancai gangtie haiyun chuanwu yunshu jianshe gongcheng kaifa "
    "zhizao zhongguo youxiangongsi"
)
PINYIN_FIRM_WORDS = frozenset(_PINYIN_FIRM_WORDS.split())
# Plural endings of English and Romance firm words ("constructions", "hoteles"), on
# stems of at least INFLECTED_STEM letters. Adjectives of places ("libyan") were tried
# as generic too and lost "LIBYAN PORTFOLIO" on the dev pairs (docs/benchmarks.md).
INFLECTED_ENDINGS = ("s", "es")
INFLECTED_STEM = 4
# rigour's categories of organisation-name words that any firm can bear.
GENERIC_CATEGORIES = frozenset({"SYMBOL", "DOMAIN", "ORGCLS", "LOC", "NUM"})
_GENERIC_ROLES = frozenset({PartRole.LEGAL_FORM, PartRole.FUNCTION_WORD})


@dataclass(frozen=True, slots=True)
class WordCount:
    """How many listed entities carry a word, how often lists file it as a given name,
    whether it is a generic firm word, and the names it can be (symbols.py)."""

    entities: int
    given_share: float  # of the entities whose list splits the name into parts
    generic: bool
    symbols: frozenset[str]


@lru_cache(maxsize=1)
def word_counts() -> dict[str, WordCount]:
    """The word counts of the bundled lists, as shipped with the package."""
    counts = {}
    for word, entities, given, parted, generic, symbols in read_word_table(WORD_COUNTS):
        share = int(given) / int(parted) if int(parted) else 0.0
        known = frozenset(symbols.split(",")) if symbols else frozenset()
        counts[word] = WordCount(int(entities), share, generic == "1", known)
    return counts


def count_words(entities: Iterable[Entity]) -> dict[str, tuple[int, int, int]]:
    """Per folded word: entities carrying it; those filing it in a given name; in any part.

    The table written from it (`write_word_counts`) also keeps each word's name symbols
    and whether it is a generic firm word, so screening never loads rigour's large
    person-name data (tens of seconds) at run time.
    """
    carried: Counter[str] = Counter()
    given: Counter[str] = Counter()
    parted: Counter[str] = Counter()
    for entity in entities:
        words: set[str] = set()
        in_given: set[str] = set()
        in_parts: set[str] = set()
        for name in entity.names:
            words.update(name_words(name.full, entity.schema))
            for part in name.parts:
                found = name_words(part.value, entity.schema)
                in_parts.update(found)
                if part.kind is NamePartKind.GIVEN:
                    in_given.update(found)
        carried.update(words)
        given.update(in_given)
        parted.update(in_parts)
    return {word: (count, given[word], parted[word]) for word, count in carried.items()}


def write_word_counts(
    path: Path, counts: dict[str, tuple[int, int, int]], entities: int, source: str
) -> None:
    """The table `word_counts` reads; words of one entity are left out (rare anyway)
    unless filed as a given name or known as a name (symbols)."""
    lines = [
        "# word, listed entities, of them filing it in a given name, in any name part, "
        f"generic firm word, name symbols: {source}",
        f"# {entities} entities",
    ]
    for word, (carried, given, parted) in sorted(counts.items()):
        symbols = lookup_name_symbols(word)
        if carried > 1 or given or symbols:
            generic = int(lookup_generic_org_word(word))
            row = (word, carried, given, parted, generic, ",".join(sorted(symbols)))
            lines.append("\t".join(str(value) for value in row))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@lru_cache(maxsize=262144)
def word_information(word: str, role: PartRole, schema: Schema) -> float:
    """What one folded word of a listed name of this kind of entity is worth, in [0, 1]."""
    if schema is not Schema.PERSON and (role in _GENERIC_ROLES or is_generic_org_word(word)):
        return GENERIC_INFORMATION
    count = word_counts().get(word)
    information = min(1.0, len(word) / FULL_LENGTH)
    if count is not None:
        by_count = count_worth(count.entities, RARE_COUNT, COMMON_COUNT, COMMON_INFORMATION)
        information = min(information, by_count)
        if count.given_share and count.symbols:
            information = min(information, 1.0 - GIVEN_NAME_DISCOUNT * count.given_share)
    if schema is not Schema.PERSON:
        information = min(information, vocabulary_information(word))
    return information


@lru_cache(maxsize=262144)
def is_generic_org_word(word: str) -> bool:
    """A word any firm can bear: legal form, trade, domain, place or number (rigour),
    or its plural: rigour knows "construction" and "hotel", not "constructions" and
    "hoteles", which would otherwise count as rare."""
    if word in PINYIN_FIRM_WORDS:
        return True
    count = word_counts().get(word)
    if count.generic if count is not None else lookup_generic_org_word(word):
        return True
    return any(
        word.endswith(ending)
        and len(word) - len(ending) >= INFLECTED_STEM
        and is_generic_org_word(word[: -len(ending)])
        for ending in INFLECTED_ENDINGS
    )


@lru_cache(maxsize=65536)
def lookup_generic_org_word(word: str) -> bool:
    """`is_generic_org_word` asked of rigour (a second to load its firm vocabulary)."""
    if any(c.isdigit() for c in word):
        return True
    for name in analyze_names(NameTypeTag.ORG, [word]):
        if any(span.symbol.category.value in GENERIC_CATEGORIES for span in name.spans):
            return True
    return False


def name_words(full: str, schema: Schema) -> tuple[str, ...]:
    """A name as the folded words scoring compares, particles under one spelling; in a
    firm's name, letters written apart are one word ("S.A." → "sa", "L.L.C." → "llc")."""
    korean = korean_name_words(full) if schema is Schema.PERSON else None
    if korean is not None:
        return korean
    return tuple(canonical_word(word, schema) for word in written_words(full, schema))


def written_words(full: str, schema: Schema) -> tuple[str, ...]:
    """`name_words` before any word is put under its one spelling (`canonical_word`): a
    firm's joined runs are built of these (prepare.py), as "MACHANGALTD" is "MACHANGA
    LTD" written together, not "MACHANGA LIMITED". Letters are joined first: "L.T.D." is
    "ltd", and so "limited" in `name_words`."""
    words = fold(full).text.split()
    if schema is not Schema.PERSON:
        words = _join_split_forms(_join_letters(words))
    return tuple(words)


# "And" between two letters of a firm's name, joined as "&" is (_join_letters).
AND_WORDS = frozenset({"and", "et", "und"})


_FORM_SIZES = sorted({len(words) for words in SPLIT_LEGAL_FORMS}, reverse=True)
_FORM_STARTS = frozenset(words[0] for words in SPLIT_LEGAL_FORMS)
# The words a form may begin with, as written ("ltd" of "LTD LIABILITY CO").
_FORM_STARTS |= {short for short, word in FIRM_ABBREVIATIONS.items() if word in _FORM_STARTS}


def _join_split_forms(words: list[str]) -> list[str]:
    """A legal form written as several words ("s de rl", "joint stock company") as one
    (names.SPLIT_LEGAL_FORMS, its words under their one spelling), the longest first."""
    spans = split_form_spans(words)
    if not spans:
        return words
    joined: list[str] = []
    at = 0
    for start, end, form in spans:
        joined += words[at:start]
        joined.append(form)
        at = end
    return joined + words[at:]


def split_form_spans(words: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end, form) of each legal form written as several words in `words`
    (names.SPLIT_LEGAL_FORMS), left to right, the longest at each place first. The
    free-text scan (payments/text.py) reads the same words as one form as the matcher
    does: "JOINT STOCK COMPANY MIKRON" in remittance text is a form and a name word."""
    if _FORM_STARTS.isdisjoint(words):
        return []
    spelt = [canonical_word(word, Schema.ORGANIZATION) for word in words]
    spans: list[tuple[int, int, str]] = []
    at = 0
    while at < len(words):
        size = 1
        if words[at] in _FORM_STARTS:
            for length in _FORM_SIZES:
                found = SPLIT_LEGAL_FORMS.get(tuple(spelt[at : at + length]))
                if found is not None and at + length <= len(words):
                    spans.append((at, at + length, found))
                    size = length
                    break
        at += size
    return spans


def _join_letters(words: list[str]) -> list[str]:
    """Letters written apart as one word: "S.A." folds to "s a", read "sa". So is "and"
    between two letters, as "&" folds away: SWIFT's character set has no "&", so a bank
    writes "G AND M AUTOS" for "G & M AUTOS" (6 of the bundled lists' 206 firms' names
    with "&" passed so; bench/abbreviations.py)."""
    spans = letter_spans(words)
    if not spans:
        return words
    joined: list[str] = []
    at = 0
    for start, end in spans:
        joined += words[at:start]
        joined.append(letters_word(words[start:end]))
        at = end
    return joined + words[at:]


def letter_spans(words: Sequence[str]) -> list[tuple[int, int]]:
    """(start, end) of each run of two or more letters written apart ("s a" of "S.A."),
    "and" between two of them within it ("g and m"). The matcher reads each as one word
    (`letters_word`); the free-text scan (payments/text.py) takes each whole."""
    letter = [len(word) == 1 and word.isalpha() for word in words]
    if not any(letter):
        return []
    letter += [False, False]  # past the last word, and the one after
    spans = []
    start = 0
    while start < len(words):
        end = start
        while letter[end] or (end > start and letter[end + 1] and words[end] in AND_WORDS):
            end += 1
        if end - start > 1:
            spans.append((start, end))
        start = max(end, start + 1)
    return spans


def letters_word(letters: Sequence[str]) -> str:
    """A run of `letter_spans` as the one word the matcher reads ("g and m" → "gm")."""
    return "".join(word for word in letters if word not in AND_WORDS)


@lru_cache(maxsize=262144)
def word_worths(word: str, role: PartRole, schema: Schema) -> tuple[float, float]:
    """One word's part in a unit's two worths, weighted by role like the name score:
    by how many listed entities bear it, and by how many people do (population.py) —
    "Tikriti" is carried by a hundred listed people and by nobody else, so it is
    telling among people. Short words and known given names are capped as in
    `word_information`. Among people only a person's name words: a firm's are not
    people's names, and its second worth is its first."""
    weight = ROLE_WEIGHT[role]
    listed = weight * word_information(word, role, schema)
    if schema is not Schema.PERSON:
        return listed, listed
    return listed, weight * _word_population_information(word)


def _word_population_information(word: str) -> float:
    information = min(1.0, len(word) / FULL_LENGTH, population_information(word))
    count = word_counts().get(word)
    if count is not None and count.given_share and count.symbols:
        information = min(information, 1.0 - GIVEN_NAME_DISCOUNT * count.given_share)
    return information


@lru_cache(maxsize=1)
def _generic_person_names() -> frozenset[tuple[str, ...]]:
    names = (name_words(name, Schema.PERSON) for name in generic_person_names_list())
    return frozenset(tuple(skeleton(word) for word in words) for words in names)


def is_generic_person_name(words: tuple[str, ...]) -> bool:
    """A whole name too common to identify anyone ("Abu Hamza", "Mohammed"; rigour's
    list), compared on consonant skeletons so "Abu Mohammed" is "abu muhammad"."""
    return tuple(skeleton(word) for word in words) in _generic_person_names()


@lru_cache(maxsize=262144)
def name_symbols(word: str) -> frozenset[str]:
    """The names a folded word can be (symbols.py), as the word table has them: a word
    no list carries is not looked up, since rigour's person names take tens of seconds
    to load. "Mehmet" also gets the symbols of "Muhammad" (SAME_NAME)."""
    counts = word_counts()
    spellings = [word, SAME_NAME[word]] if word in SAME_NAME else [word]
    found = [counts[spelling].symbols for spelling in spellings if spelling in counts]
    return frozenset().union(*found)
