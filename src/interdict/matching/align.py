"""Name alignment: which word of one name corresponds to which word of the other.

Names are compared as bags of words, not strings, so word order never matters
("Faraj Najmuddin Ahmad" = "Najmuddin Faraj Ahmad"). Every unit of the query name
(a word, or adjacent words written together) is compared with every unit of the
candidate name; the most similar pairs are taken greedily, each word used once.
The name score is then the weighted share of the query's words that found a partner
(a query word with no partner means a different person), discounted a little for
candidate words left over (a query that gives three of a five-part Arabic name is
still that person, but less surely than one giving all five).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from interdict.matching.information import GENERIC_INFORMATION
from interdict.matching.names import ROLE_WEIGHT
from interdict.matching.population import POPULATION_COMMON_INFORMATION
from interdict.matching.prepare import NON_NAME_ROLES, PreparedName, Slot
from interdict.matching.structure import Chain, crossing_kind, kinship, own_name, pair_factor

MIN_UNIT_SIMILARITY = 0.6  # below this two words are unrelated, not misspelt
# Joined words ("abdulrahman") pair only with single words, and only when close:
# joining two words on both sides would hide a mismatch in one of them, unless the
# two runs are the same letters.
MIN_JOINED_SIMILARITY = 0.8
SAME_LETTERS = 0.999  # two joined runs pair only when equal (a space moved)
CANDIDATE_COVERAGE_WEIGHT = 0.2  # how much unmatched candidate words cost, at most
# A match must rest on informative words (information.py): matched candidate words
# worth INFORMATION_NEEDED in all (one rare word, or several common ones) keep the name
# score; a match carried by common or generic words alone ("Bank", "Kim", "General
# Trading LLC", a lone given name) loses up to UNINFORMATIVE_COST of it, so it cannot
# alert on the name alone but can with a matching date of birth or document. A firm's
# name made only of common words ("Ministry of Defence", "Al-Qaida") needs only its own
# worth: a query giving all of it (every word but generic ones) gives the listed name
# itself; one giving part of it needs INFORMATION_NEEDED. A person's does not:
# an alias as common as "Hassan" or "Abu Mohammed" identifies no one.
INFORMATION_NEEDED = 1.0
UNINFORMATIVE_COST = 0.4
# A person matched on only part of their listed name, or on a single word, is only as
# surely that person as the matched words are rare among people (population.py):
# "Miller" for "Alexei MILLER" rests on a name millions bear, "Zawahiri" on one nobody
# outside the lists does. A query giving two or more words and every identifying word
# of the listed name gives the listed name itself, however common ("John SMITH"). A
# query that is one common name ("Zhang") is as telling as that name, whatever it
# resembles ("Janan Agha" written as one word).
# A word of a firm's name informs only as far as it agrees: "Mendoza Oil and Gas" is
# not "Elemento Oil and Gas" because "mendoza" and "elemento" are alike at 0.68. Its
# worth counts from nothing at FIRM_AGREEMENT_FLOOR to in full at FIRM_AGREEMENT_FULL.
# Where the query's word is itself a name many people bear ("Martin", "Milan", "King"),
# a listed word like it is more likely another word than its misspelling ("MARINE",
# "MIZAN", "KONING"): the agreement asked rises by up to FIRM_COMMON_WORD_RISE, as the
# query word goes from rare to common among people.
FIRM_AGREEMENT_FLOOR = 0.65
FIRM_AGREEMENT_FULL = 0.85
FIRM_COMMON_WORD_RISE = 0.15
# A firm named by generic words alone is given only by all of them, each as written
# or nearly: at least GENERIC_NAME_AGREEMENT ("Ministry of Defence" for "MINISTRY OF
# DEFENSE", 0.86; not "Technology Group" for "TECHNOLOGIES GROUP", 0.82).
GENERIC_NAME_AGREEMENT = 0.85
# A person's listed name is often shorter than the name a customer gives: lists write
# "AL-RIMI, Qasim" for one who is "Qasim Muhammad Mahdi al-Rimi" (given name, father's
# and grandfather's names, family name). Where every identifying word of the listed name
# is matched and the query's first and last identifying words are among them, the
# query's unmatched words in between are middle names the list left out: each costs
# MIDDLE_NAME_WEIGHT of a missing name, if the matched words are rare among people
# (population.py); as they grow common, up to a full missing name: "Mohammad Shafiq
# Ahmadi" is not shown to be "MOHAMMAD AHMADI", a name thousands bear. A query whose
# outer words are unmatched ("Uday Saddam Hussein al-Tikriti" for "SADDAM HUSSEIN
# AL-TIKRITI") is another person.
MIDDLE_NAME_WEIGHT = 0.3
# Two firms' names that each name something the other does not ("SHAHID BAGHERI
# INDUSTRIAL GROUP" / "SHAHID HEMMAT INDUSTRIAL GROUP") name two firms: the score keeps
# this share. One name giving part of the other ("SOUTH (SSL)" for "SOUTH SHIPPING LINE
# IRAN (SSL)") is not charged. Persons: structure.kinship.
FIRMS_DIFFER_FACTOR = 0.85

Matrix = NDArray[np.float64]
UnitPair = tuple[int, int, float]  # query unit, candidate unit, similarity


@dataclass(frozen=True, slots=True)
class UnitPairs:
    """The usable unit pairs of two entities, in the two orders alignment tries.

    `joined_first` is empty when no joined unit takes part: the second pass would
    repeat the first.
    """

    by_similarity: list[UnitPair]
    joined_first: list[UnitPair]


@dataclass(frozen=True, slots=True)
class Worth:
    """The information of each unit on both sides (information.py) and what a match
    resting on too little of it costs (UNINFORMATIVE_COST, less with corroboration).

    A pair is worth its candidate unit: the listed name's word. A single word paired
    with a joined run is worth the less informative side, so "international" does not
    borrow the rarity of "ilsim" from the run "ilsiminternational".
    """

    query: NDArray[np.float64]
    candidate: NDArray[np.float64]
    query_joined: NDArray[np.bool_]
    candidate_joined: NDArray[np.bool_]
    cost: float
    whole_name_suffices: bool  # for firms, not persons
    # Information among people (information.py, `word_worths`).
    query_population: NDArray[np.float64]
    candidate_population: NDArray[np.float64]
    # Both sides' unit texts (`agreed`: does the listed word extend the query's?).
    query_texts: tuple[str, ...]
    candidate_texts: tuple[str, ...]
    # For a firm candidate: each query unit's worth among people alone (FIRM_COMMON_WORD_RISE).
    query_census: NDArray[np.float64] | None = None

    def of(self, query_unit: int, candidate_unit: int) -> float:
        worth = float(self.candidate[candidate_unit])
        if self.query_joined[query_unit] != self.candidate_joined[candidate_unit]:
            return min(worth, float(self.query[query_unit]))
        return worth

    def agreed(self, query_unit: int, candidate_unit: int, similarity: float) -> float:
        """`of`, for a firm only as far as the two words agree (FIRM_AGREEMENT_*).

        The agreement asked rises where the query word is a common name among people
        (FIRM_COMMON_WORD_RISE). A generic or ordinary query word only alike to a rarer
        listed word tells no more than itself: "Electronics" is not "RUSELECTRONICS",
        "Energy" not "ENERGO", "Aviation" not "الوطن" by its consonants. Equal, or
        extended by the listed word ("Libya" / "LIBYAN", a split "ISI L" / "ISIL"), it is
        worth the listed word: a listed name's own words decide how telling it is."""
        worth = self.of(query_unit, candidate_unit)
        if not self.whole_name_suffices:
            return worth
        query_worth = float(self.query[query_unit])
        if query_worth <= GENERIC_INFORMATION and not self._extends(query_unit, candidate_unit):
            worth = min(worth, query_worth)
        floor = FIRM_AGREEMENT_FLOOR
        if self.query_census is not None:
            census = float(self.query_census[query_unit])
            floor += FIRM_COMMON_WORD_RISE * (1.0 - census) / (1.0 - POPULATION_COMMON_INFORMATION)
        span = FIRM_AGREEMENT_FULL - FIRM_AGREEMENT_FLOOR
        return worth * min(1.0, max(0.0, (similarity - floor) / span))

    def _extends(self, query_unit: int, candidate_unit: int) -> bool:
        """The listed word is the query word or begins with it."""
        return self.candidate_texts[candidate_unit].startswith(self.query_texts[query_unit])

    def common_query(self, query_unit: int, candidate_unit: int, similarity: float) -> float:
        """`of`, no more than the query word is worth: among people for a person; for a
        firm, as its own word (a generic "Construction" tells no more than itself, whatever
        rarer listed word it resembles: "CONSTRUCTIONS")."""
        if self.whole_name_suffices:
            return min(
                self.agreed(query_unit, candidate_unit, similarity), float(self.query[query_unit])
            )
        return min(self.of(query_unit, candidate_unit), float(self.query_population[query_unit]))

    def among_people(self, query_unit: int, candidate_unit: int) -> float:
        """The pair's worth among people: as rare as the rarer side is among people
        (a common query word resembling a rare listed one, "Ahmed" ~ "Ahmedou", tells
        no more than itself), whatever the lists' own counts say."""
        return min(
            float(self.candidate_population[candidate_unit]),
            float(self.query_population[query_unit]),
        )


@dataclass(frozen=True, slots=True)
class Alignment:
    """The best pairing of two names' units and the score it gives.

    For the explanation: the word positions used on each side (bit masks), the share
    of the score kept for the information the match rests on, and the pairs whose
    place in the names' structure counted against them.
    """

    score: float
    pairs: tuple[UnitPair, ...]
    used_query: int = 0
    used_candidate: int = 0
    informed_share: float = 1.0
    crossings: tuple[tuple[int, int, str], ...] = ()
    kin: str = ""  # the two read as two of one family (structure.kinship)


def unit_pairs(
    similarity: Matrix, query_joined: NDArray[np.bool_], candidate_joined: NDArray[np.bool_]
) -> UnitPairs:
    """Pairs similar enough to align, most similar first (and joined-first)."""
    joined = query_joined[:, None] | candidate_joined[None, :]
    rows, cols = np.nonzero(usable_mask(similarity, query_joined, candidate_joined))
    values = similarity[rows, cols]
    order = np.argsort(-values, kind="stable")
    pairs = list(
        zip(rows[order].tolist(), cols[order].tolist(), values[order].tolist(), strict=True)
    )
    pair_joined = joined[rows[order], cols[order]]
    if not pair_joined.any():
        return UnitPairs(pairs, [])
    first = np.argsort(~pair_joined, kind="stable").tolist()
    return UnitPairs(pairs, [pairs[i] for i in first])


def usable_mask(
    similarity: Matrix, query_joined: NDArray[np.bool_], candidate_joined: NDArray[np.bool_]
) -> NDArray[np.bool_]:
    """The unit pairs alignment may use: similar enough, and two joined runs only
    when they are the same letters (a space moved: "k ochol" / "ko chol")."""
    joined = query_joined[:, None] | candidate_joined[None, :]
    usable = similarity >= np.where(joined, MIN_JOINED_SIMILARITY, MIN_UNIT_SIMILARITY)
    both = query_joined[:, None] & candidate_joined[None, :]
    usable &= ~both | (similarity >= SAME_LETTERS)
    return usable


def align(
    query: PreparedName, candidate: PreparedName, pairs: UnitPairs, worth: Worth
) -> Alignment:
    """Pair the units of two names: greedy, most similar pair first, each word once.

    A second pass takes joined words first ("hamd allah" ~ "hamdullah" before "allah" ~
    "allah" uses up the "allah"); the better alignment wins. Both are real pairings,
    so keeping the better is a fair score.
    """
    # Each side's own name (structure.kinship), once for both passes; firms have none.
    person = not worth.whole_name_suffices
    owns = (_own(query), _own(candidate)) if person else (0, 0)
    best = _greedy(query, candidate, pairs.by_similarity, worth, owns)
    if pairs.joined_first:
        other = _greedy(query, candidate, pairs.joined_first, worth, owns)
        best = other if other.score > best.score else best
    return best


def _greedy(
    query: PreparedName,
    candidate: PreparedName,
    pairs: list[UnitPair],
    worth: Worth,
    owns: tuple[int, int],
) -> Alignment:
    used_q = used_c = 0
    q_matched = c_matched = informed = informed_among_people = informed_common_query = 0.0
    lowest = 1.0
    chosen = []
    crossings = []
    q_own, c_own = owns
    q_partner = c_partner = 0  # what each side's own name paired with (structure.kinship)
    for qi, ci, value in pairs:
        c_slots = candidate.slots.get(ci)
        q_slots = query.slots.get(qi) if c_slots else None
        if not q_slots or not c_slots:
            continue
        q_slot, c_slot = _free(q_slots, used_q), _free(c_slots, used_c)
        if (
            value >= SAME_LETTERS
            and q_slot is not None
            and c_slot is not None
            and _split_alike(query, q_slot[0], candidate, c_slot[0], worth, qi, ci)
        ):
            continue
        while q_slot is not None and c_slot is not None:  # a repeated word pairs again
            used_q |= q_slot[0]
            used_c |= c_slot[0]
            if q_slot[0] & q_own:
                q_partner = c_slot[0]
            if c_slot[0] & c_own:
                c_partner = q_slot[0]
            factor = pair_factor(query.structure, q_slot[0], candidate.structure, c_slot[0])
            if factor < 1.0:
                kind = crossing_kind(query.structure, q_slot[0], candidate.structure, c_slot[0])
                crossings.append((qi, ci, kind))
            kept = value * factor
            q_matched += kept * q_slot[1]
            c_matched += kept * c_slot[1]
            informed += worth.agreed(qi, ci, value)
            informed_among_people += worth.among_people(qi, ci)
            informed_common_query += worth.common_query(qi, ci, value)
            chosen.append((qi, ci, kept))
            lowest = min(lowest, value)
            q_slot, c_slot = _free(q_slots, used_q), _free(c_slots, used_c)
    needed = INFORMATION_NEEDED
    covered = used_c & candidate.identifying
    if worth.whole_name_suffices:
        if covered == candidate.identifying and _gives_generic_name(candidate, used_c, lowest):
            needed = min(needed, candidate.information)
        else:
            informed = informed_common_query
    elif covered != candidate.identifying or covered.bit_count() <= 1:
        informed = informed_among_people
    elif (used_q & query.identifying).bit_count() <= 1:
        informed = informed_common_query
    share = informed_share(informed, needed, worth.cost)
    left_out = 0.0
    if not worth.whole_name_suffices and covered == candidate.identifying:
        rarity = min(1.0, informed_among_people / INFORMATION_NEEDED)
        left_out = middle_weight(query, used_q) * rarity
    score = _name_score(query, candidate, q_matched, c_matched, left_out) * share
    kept, kin = 1.0, ""
    if not worth.whole_name_suffices:
        kept, kin = kinship(
            _chain(query, q_own, used_q, q_partner), _chain(candidate, c_own, used_c, c_partner)
        )
    elif query.identifying & ~used_q and candidate.identifying & ~used_c:
        kept = FIRMS_DIFFER_FACTOR
    return Alignment(score * kept, tuple(chosen), used_q, used_c, share, tuple(crossings), kin)


def _split_alike(
    query: PreparedName,
    q_mask: int,
    candidate: PreparedName,
    c_mask: int,
    worth: Worth,
    query_unit: int,
    candidate_unit: int,
) -> bool:
    """Two equal joined runs split into the same words: the words pair one by one
    instead (their places in the names' structure count), so the runs do not pair."""
    if not (worth.query_joined[query_unit] and worth.candidate_joined[candidate_unit]):
        return False
    return _words(query, q_mask) == _words(candidate, c_mask)


def _words(name: PreparedName, mask: int) -> tuple[str, ...]:
    return tuple(word for position, word in enumerate(name.words) if mask >> position & 1)


def _own(name: PreparedName) -> int:
    return own_name(name.structure, name.identifying, name.words, name.roles, name.name.full)


def _chain(name: PreparedName, own: int, used: int, partner: int) -> Chain:
    structure = name.structure
    family = 0 if structure.written else structure.family  # filed only (Structure.written)
    return Chain(name.identifying, own, used, partner, name.words, family)


def _gives_generic_name(candidate: PreparedName, used: int, lowest: float) -> bool:
    """A firm named by generic words alone ("FEDERAL CAPITAL GROUP, S.A.") is given
    only by all of them, its legal form aside, written alike (GENERIC_NAME_AGREEMENT):
    "Capital Group SA" names thousands of firms. Asking the same where the identifying
    words are only ordinary ones lost real listed firms on the dev pairs: by all words
    ("RECONNAISSANCE BUREAU" for "RECONNAISSANCE GENERAL BUREAU"), by agreement
    ("Al-AARBI TRADING COMPANY", "FIRST EAST EXPOTR BANK"); so "Modern Technology" still
    gives "MODERN TECHNOLOGIES" and "Real Estate" gives "Real Estate Bank"."""
    if candidate.identifying:
        return True
    naming = sum(1 << i for i, role in enumerate(candidate.roles) if role not in NON_NAME_ROLES)
    return used & naming == naming and lowest >= GENERIC_NAME_AGREEMENT


def _free(slots: tuple[Slot, ...], used: int) -> Slot | None:
    for slot in slots:
        if not slot[0] & used:
            return slot
    return None


def informed_share(informed: float, needed: float, cost: float) -> float:
    """The share of the name score a match keeps for the information it rests on."""
    if needed <= 0.0:
        return 1.0
    return 1.0 - cost * max(0.0, 1.0 - informed / needed)


def middle_weight(query: PreparedName, used: int) -> float:
    """The weight of the query's identifying words between its first and last ones
    left unmatched, when those two are matched (MIDDLE_NAME_WEIGHT): the part of the
    query's total a shorter listed name is not charged in full."""
    first, last, interior = outer_words(query)
    if not interior or not used & first or not used & last:
        return 0.0
    return words_weight(query, interior & ~used)


def outer_words(query: PreparedName) -> tuple[int, int, int]:
    """Bit masks of the query's first and last identifying words and of those between
    (none between with fewer than three)."""
    identifying = query.identifying
    if identifying.bit_count() < 3:
        return 0, 0, 0
    first = identifying & -identifying
    last = 1 << (identifying.bit_length() - 1)
    return first, last, identifying & ~first & ~last


def words_weight(name: PreparedName, words: int) -> float:
    return sum(ROLE_WEIGHT[role] for i, role in enumerate(name.roles) if words >> i & 1)


def _name_score(
    query: PreparedName,
    candidate: PreparedName,
    q_matched: float,
    c_matched: float,
    left_out: float = 0.0,
) -> float:
    total = query.total_weight - (1.0 - MIDDLE_NAME_WEIGHT) * left_out
    q_share = q_matched / total if total else 0.0
    c_share = c_matched / candidate.total_weight if candidate.total_weight else 0.0
    return q_share * (1.0 - CANDIDATE_COVERAGE_WEIGHT * (1.0 - c_share))
