"""Scoring one query against one candidate, with the explanation an analyst reads.

The score is the best name score over every pair of query name and candidate name
(aliases included, weak aliases discounted), plus the effects of the evidence checks,
clipped to [0, 1]. Word similarity is the better of two views: the spelling
(normalised Indel similarity of the folded words) and, discounted, the sound (the
same similarity on consonant skeletons), so "Mohamed"/"Muhammad" and "محمد"/
"Muhammad" are close while "Saddam"/"Uday" stay apart.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from interdict.entities.model import Entity, Schema
from interdict.matching.align import (
    MIN_UNIT_SIMILARITY,
    UNINFORMATIVE_COST,
    Alignment,
    Matrix,
    Worth,
    align,
    unit_pairs,
)
from interdict.matching.disagreement import disagreements
from interdict.matching.evidence import Evidence, weigh_evidence
from interdict.matching.population import population_information
from interdict.matching.prepare import PreparedEntity, PreparedName, prepare
from interdict.matching.script import east_asian_characters
from interdict.matching.symbols import are_different_names, are_same_name

INITIAL_SIMILARITY = 0.85  # "M" against "Muhammad"
SQUASH_KNEE = 0.85  # raw scores above this are compressed, not clipped
SCHEMA_MISMATCH = -0.15  # a person query against an organisation, or the reverse
# The sound (skeleton) similarity may lift a pair at most this far above its spelling:
# "muhammad"/"mohamed" (spelling 0.67) still reach 0.87, "patricia"/"abdorreza" (0.35,
# both "btrs") no longer pair. 0.2 rather than 0.3: fewer false alerts on the negative
# files, recall at precision 0.95 on the dev pairs 0.988 instead of 0.987. A word
# transliterated from Arabic script is only a consonant frame ("عیسی" → "aysi" for
# "Issa"), and two known spellings of one name are one name: there it counts in full.
SOUND_MARGIN = 0.2
# A legal form or function word of a firm ("llc", "sarl", "of") pairs with a name word
# only when it is a misspelling of it ("cmpany"), never by sound ("llc" ~ "oligei").
LEGAL_FORM_TYPO = 0.8
# Evidence that makes a match on common name words worth an analyst's look: with it,
# a match resting on common words costs less (align.py), and a listed name that is
# a common kunya or given name alone ("Abu Hamza", "Hassan") is not discounted.
CORROBORATING_CHECKS = frozenset({"birth_date_exact", "birth_date_consistent", "document_match"})
CORROBORATED_UNINFORMATIVE_COST = 0.1
GENERIC_NAME_WEIGHT = 0.85  # as a weak alias
# Two names both written in Han, Hangul or Kana that do not share every character of
# the shorter are different names, however alike they sound romanised ("翁建中" is
# not "王俊正"; "은주 정훈 김" is not "연정남"): such a pair keeps this share of its score.
# Only a penalty: raising a score here would escape bulk.py's pruning bound.
OTHER_CHARACTERS_WEIGHT = 0.7


Best = tuple[float, PreparedName, PreparedName, Alignment]
Matrix32 = NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Score cut-offs; `alert` is where an analyst is asked to look.

    The default is the threshold reaching precision 0.95 on the development split of
    bench/match_quality.py, rounded down; see docs/matching.md.
    """

    alert: float = 0.80


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True, slots=True)
class PartMatch:
    """One query word (or joined words) paired with a candidate word, and how alike."""

    query_part: str
    candidate_part: str
    similarity: float


@dataclass(frozen=True, slots=True)
class Match:
    """A scored comparison and why: the names compared, the word pairs, the evidence."""

    query_key: str
    candidate_key: str
    score: float
    name_score: float
    query_name: str
    candidate_name: str
    parts: tuple[PartMatch, ...]
    evidence: tuple[Evidence, ...]
    disagreements: tuple[str, ...] = ()

    def is_alert(self, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> bool:
        return self.score >= thresholds.alert

    def explain(self) -> str:
        """The explanation as plain text, one fact a line."""
        lines = [f"score {self.score:.2f} (name {self.name_score:.2f})"]
        lines.append(f"name {self.query_name!r} ~ {self.candidate_name!r}")
        lines += [f"  {p.query_part} ~ {p.candidate_part}: {p.similarity:.2f}" for p in self.parts]
        lines += [f"  {line}" for line in self.disagreements]
        lines += [f"{e.check} {e.effect:+.2f}: {e.detail}" for e in self.evidence]
        return "\n".join(lines)


def score(query: PreparedEntity | Entity, candidate: PreparedEntity | Entity) -> Match:
    """Compare a query with one candidate; prepare both beforehand when screening many."""
    query = query if isinstance(query, PreparedEntity) else prepare(query)
    candidate = candidate if isinstance(candidate, PreparedEntity) else prepare(candidate)
    return score_similarity(query, candidate, unit_similarity(query, candidate))


def score_similarity(
    query: PreparedEntity,
    candidate: PreparedEntity,
    similarity: Matrix,
    evidence: tuple[Evidence, ...] | None = None,
    aligned: Sequence[bool] | None = None,
) -> Match:
    """`score`, given the unit similarity matrix (and the evidence) already computed.

    Screening computes the similarities of one query with many candidates in one
    batch (see bulk.py), and their evidence to prune them; this is the part of `score`
    that is left per candidate. With `aligned` (one flag per candidate name), only
    the flagged names are aligned: bulk.py leaves out names whose bound cannot reach
    the threshold, and keeps the match only where it does.
    """
    pairs = unit_pairs(similarity, query.unit_joined, candidate.unit_joined)
    if evidence is None:
        evidence = entity_evidence(query, candidate)
    best: Best | None = None
    if pairs.by_similarity:
        corroborated = any(e.check in CORROBORATING_CHECKS for e in evidence)
        worth = Worth(
            query.information,
            candidate.information,
            query.unit_joined,
            candidate.unit_joined,
            CORROBORATED_UNINFORMATIVE_COST if corroborated else UNINFORMATIVE_COST,
            candidate.schema is not Schema.PERSON,
            query.population,
            candidate.population,
            query.unit_texts,
            candidate.unit_texts,
            _census_worth(query) if candidate.schema is not Schema.PERSON else None,
        )
        # A name none of whose units pairs with the other side aligns to 0: with a
        # best of 0 or more already found it cannot win, so it is not aligned.
        paired_query = {q for q, _, _ in pairs.by_similarity}
        paired_candidate = {c for _, c, _ in pairs.by_similarity}
        for q_name in query.names:
            if best is not None and best[0] >= 0.0 and paired_query.isdisjoint(q_name.slots):
                continue
            for number, c_name in enumerate(candidate.names):
                if aligned is not None and not aligned[number]:
                    continue
                if (
                    best is not None
                    and best[0] >= 0.0
                    and paired_candidate.isdisjoint(c_name.slots)
                ):
                    continue
                alignment = align(q_name, c_name, pairs, worth)
                value = alignment.score * c_name.strength
                if c_name.generic and not corroborated:
                    value *= GENERIC_NAME_WEIGHT
                if written_differently(q_name, c_name):
                    value *= OTHER_CHARACTERS_WEIGHT
                if best is None or value > best[0]:
                    best = (value, q_name, c_name, alignment)
    return _match(query, candidate, best, evidence)


def _census_worth(query: PreparedEntity) -> Matrix:
    """Each query unit's worth among people (population.py), whatever the query is:
    a firm's word that is a common name ("Martin") asks more of its listed partner."""
    return np.fromiter(
        map(population_information, query.unit_texts), np.float64, len(query.unit_texts)
    )


def unit_similarity(query: PreparedEntity, candidate: PreparedEntity) -> Matrix:
    """Similarity of every query unit with every candidate unit, in [0, 1]."""
    if not query.unit_texts or not candidate.unit_texts:
        return np.zeros((len(query.unit_texts), len(candidate.unit_texts)))
    sound = query_sound(query, candidate.unit_skeletons)
    if candidate.unit_second_skeletons != candidate.unit_skeletons:
        np.maximum(sound, query_sound(query, candidate.unit_second_skeletons), out=sound)
    return combine_similarity(
        query,
        cdist(query.unit_texts, candidate.unit_texts, scorer=fuzz.ratio),
        sound,
        UnitFeatures.of(candidate),
    )


def query_sound(query: PreparedEntity, skeletons: Sequence[str], cutoff: float = 0) -> Matrix32:
    """Sound ratios (0-100) of the query's units with `skeletons`, each query unit by
    the better of its two readings (phonetic.second_skeleton)."""
    sound: Matrix32 = cdist(query.unit_skeletons, skeletons, scorer=fuzz.ratio, score_cutoff=cutoff)
    if query.unit_second_skeletons != query.unit_skeletons:
        second = cdist(
            query.unit_second_skeletons, skeletons, scorer=fuzz.ratio, score_cutoff=cutoff
        )
        np.maximum(sound, second, out=sound)
    return sound


@dataclass(frozen=True, slots=True)
class UnitFeatures:
    """What the similarity needs of the candidate units besides their spellings."""

    sound_weights: NDArray[np.float64]
    first_letters: NDArray[np.str_]
    joined: NDArray[np.bool_]
    initial_units: NDArray[np.intp]
    symbols: NDArray[np.object_]  # name symbols per unit (symbols.py)
    named: NDArray[np.bool_]  # has name symbols: only such pairs can be the same or different names
    frames: NDArray[np.bool_]  # transliterated from Arabic script: a consonant frame
    legal: NDArray[np.bool_]  # a legal form or function word of a firm's name
    # Numbers and generations ("23", "ii"), Korean syllables: equal or nothing.
    qualifiers: NDArray[np.bool_]

    @classmethod
    def of(cls, entity: PreparedEntity) -> UnitFeatures:
        initials = np.asarray(entity.initial_units, dtype=np.intp)
        return cls(
            entity.sound_weights,
            entity.first_letters,
            entity.unit_joined,
            initials,
            entity.symbols,
            named_units(entity.symbols),
            entity.frames,
            entity.legal,
            entity.qualifiers,
        )


def named_units(symbols: NDArray[np.object_]) -> NDArray[np.bool_]:
    """Which units carry name symbols (most listed words carry none)."""
    return np.fromiter(map(bool, symbols), dtype=np.bool_, count=len(symbols))


def symbol_array(values: list[frozenset[str]]) -> NDArray[np.object_]:
    """Name symbols per unit as a numpy object array (no nested-sequence guessing)."""
    array = np.empty(len(values), dtype=np.object_)
    array[:] = values
    return array


def combine_similarity(
    query: PreparedEntity, spelling: Matrix32, sound: Matrix32, candidate: UnitFeatures
) -> Matrix:
    """Spelling and discounted sound ratios (0-100, from cdist) into one similarity.

    `sound` is modified in place.
    """
    sound *= query.sound_weights[:, None]
    sound *= candidate.sound_weights[None, :]
    # Only pairs of two named units can be one name or two different names. Each rule
    # below is skipped where no unit it concerns is there: most screens are a handful of
    # units against a few dozen, and there each array operation costs more than its data.
    named = named_units(query.symbols)[:, None] & candidate.named[None, :]
    any_named = bool(named.any())
    _limit_sound(query, candidate, spelling, sound, named, any_named)
    similarity: Matrix = np.maximum(spelling, sound, dtype=np.float64) / 100.0
    if any_named:
        _drop_different_names(query, candidate, spelling, sound, named, similarity)
    if query.qualifiers.any() or candidate.qualifiers.any():
        qualified = query.qualifiers[:, None] | candidate.qualifiers[None, :]
        similarity[qualified & (spelling < 100)] = 0
    _score_initials(query, candidate, similarity)
    query_legal, candidate_legal = bool(query.legal.any()), bool(candidate.legal.any())
    if query_legal or candidate_legal:
        unlike = query.legal[:, None] != candidate.legal[None, :]
        similarity[unlike & (spelling < 100 * LEGAL_FORM_TYPO)] = 0
    if query_legal and candidate_legal:
        # Two legal forms or function words are the same or different, never alike:
        # "SA" ~ "SAL", "OOO" ~ "DOO", "Corp" ~ "Co" name different kinds of company.
        similarity[query.legal[:, None] & candidate.legal[None, :] & (spelling < 100)] = 0
    return similarity


def _limit_sound(
    query: PreparedEntity,
    candidate: UnitFeatures,
    spelling: Matrix32,
    sound: Matrix32,
    named: NDArray[np.bool_],
    any_named: bool,
) -> None:
    """Let the sound lift a pair at most SOUND_MARGIN above its spelling, unless a
    consonant frame takes part or both words are known spellings of one name
    ("Mehmet", "Mohammad"); `sound` is modified in place."""
    ceiling: Matrix = spelling.astype(np.float64) + 100 * SOUND_MARGIN
    if query.frames.any() or candidate.frames.any():
        ceiling[query.frames[:, None] | candidate.frames[None, :]] = 100.0
    if not any_named:
        np.minimum(sound, ceiling, out=sound)
        return
    lifted = (sound > ceiling) & (sound >= 100 * MIN_UNIT_SIMILARITY) & named
    rows, columns = _pairs_where(lifted, are_same_name, query.symbols, candidate.symbols)
    kept = sound[rows, columns]
    np.minimum(sound, ceiling, out=sound)
    sound[rows, columns] = kept


def _drop_different_names(
    query: PreparedEntity,
    candidate: UnitFeatures,
    spelling: Matrix32,
    sound: Matrix32,
    named: NDArray[np.bool_],
    out: Matrix,
) -> None:
    """Where only the sound made two known, different names alike ("Hassan" and
    "Husayn"), keep their spelling similarity alone."""
    carried = (sound > spelling) & (out >= MIN_UNIT_SIMILARITY) & named
    rows, columns = _pairs_where(carried, are_different_names, query.symbols, candidate.symbols)
    out[rows, columns] = spelling[rows, columns] / 100.0


def _pairs_where(
    mask: NDArray[np.bool_],
    test: Callable[[frozenset[str], frozenset[str]], bool],
    ours: NDArray[np.object_],
    theirs: NDArray[np.object_],
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """The pairs (rows, columns) of `mask` whose two units' name symbols pass `test`:
    tested in one pass over Python lists, not one numpy scalar index at a time."""
    rows, columns = np.nonzero(mask)
    if not rows.size:
        return rows, columns
    passed = np.fromiter(
        map(test, ours[rows].tolist(), theirs[columns].tolist()), dtype=np.bool_, count=len(rows)
    )
    return rows[passed], columns[passed]


def _score_initials(query: PreparedEntity, candidate: UnitFeatures, out: Matrix) -> None:
    """A one-letter word matches any word it is the initial of.

    All the initials of a side at once: a loop over a screen's ~11 listed initials,
    comparing letters one initial at a time, cost a third of combining its
    similarities. Taking the larger value commutes, so the order does not matter."""
    if query.initial_units:
        mine = np.asarray(query.initial_units, dtype=np.intp)
        letters = query.first_letters[mine][:, None]
        same = (candidate.first_letters[None, :] == letters) & ~candidate.joined[None, :]
        out[mine] = np.maximum(out[mine], INITIAL_SIMILARITY * same)
    theirs = candidate.initial_units
    if len(theirs):
        letters = candidate.first_letters[theirs][None, :]
        same = (query.first_letters[:, None] == letters) & ~query.unit_joined[:, None]
        out[:, theirs] = np.maximum(out[:, theirs], INITIAL_SIMILARITY * same)


def entity_evidence(query: PreparedEntity, candidate: PreparedEntity) -> tuple[Evidence, ...]:
    """Every fact beyond the names that moves the score, the schemas included."""
    evidence = weigh_evidence(query.facts, candidate.facts)
    if _schemas_conflict(query.schema, candidate.schema):
        detail = f"query {query.schema.value}, candidate {candidate.schema.value}"
        evidence += (Evidence("schema_mismatch", SCHEMA_MISMATCH, detail),)
    return evidence


def _match(
    query: PreparedEntity,
    candidate: PreparedEntity,
    best: Best | None,
    evidence: tuple[Evidence, ...],
) -> Match:
    name_score = best[0] if best else 0.0
    total = squash(name_score + sum(e.effect for e in evidence))
    parts: tuple[PartMatch, ...] = ()
    disagreed: tuple[str, ...] = ()
    if best is not None:
        _, q_name, c_name, alignment = best
        parts = tuple(
            PartMatch(query.unit_texts[qi], candidate.unit_texts[ci], value)
            for qi, ci, value in alignment.pairs
        )
        texts = (query.unit_texts, candidate.unit_texts)
        disagreed = disagreements(q_name, c_name, alignment, texts)
        if written_differently(q_name, c_name):
            disagreed += (f"written differently: {q_name.name.full} / {c_name.name.full}",)
    return Match(
        query_key=query.key,
        candidate_key=candidate.key,
        score=round(total, 4),
        name_score=round(name_score, 4),
        query_name=best[1].name.full if best else "",
        candidate_name=best[2].name.full if best else "",
        parts=parts,
        evidence=evidence,
        disagreements=disagreed,
    )


def written_differently(query: PreparedName, candidate: PreparedName) -> bool:
    """Whether both names are written in Han/Hangul/Kana and the shorter has a
    character the longer lacks (OTHER_CHARACTERS_WEIGHT)."""
    ours = east_asian_characters(query.name.full)
    theirs = east_asian_characters(candidate.name.full)
    if not ours or not theirs:
        return False
    shorter, longer = sorted((ours, theirs), key=len)
    return bool(Counter(shorter) - Counter(longer))


def squash(value: float) -> float:
    """Map a raw score into [0, 1] without ties at the top.

    Clipping would give an identical name with no other facts the same 1.0 as an
    identical name with the same passport; above SQUASH_KNEE the raw score is
    compressed smoothly instead, so more evidence always ranks higher.
    """
    if value <= SQUASH_KNEE:
        return max(0.0, value)
    headroom = 1.0 - SQUASH_KNEE
    return SQUASH_KNEE + headroom * (1.0 - math.exp(-(value - SQUASH_KNEE) / headroom))


def _schemas_conflict(query: Schema, candidate: Schema) -> bool:
    return (query is Schema.PERSON) != (candidate is Schema.PERSON)
