"""What disagreed between two names, for the analyst: not only what agreed.

An explanation that lists the agreeing words ("yun ~ yun 1.00") hides why the score
is what it is. These lines name the words of each side left without a partner
("given names differ: jiho / cheng"), the pairs that are only alike, the pairs whose
place in the names counted against them, and a match resting on common words only.
"""

from __future__ import annotations

from collections.abc import Sequence

from interdict.matching.align import Alignment
from interdict.matching.names import PartRole
from interdict.matching.prepare import PreparedName

ONLY_ALIKE = 0.8  # pairs below this similarity are reported as "only alike"
_IDENTIFYING = frozenset({PartRole.NAME, PartRole.PREFIX})


def disagreements(
    query: PreparedName,
    candidate: PreparedName,
    alignment: Alignment,
    unit_texts: tuple[Sequence[str], Sequence[str]],
) -> tuple[str, ...]:
    """Lines saying what disagreed; `unit_texts` are the query's and candidate's units."""
    lines = []
    left_query = _unmatched(query, alignment.used_query)
    left_candidate = _unmatched(candidate, alignment.used_candidate)
    if left_query and left_candidate:
        kind = _kind(query, alignment.used_query, candidate, alignment.used_candidate)
        lines.append(f"{kind} differ: {' '.join(left_query)} / {' '.join(left_candidate)}")
    elif left_query:
        lines.append(f"not in the listed name: {' '.join(left_query)}")
    elif left_candidate:
        lines.append(f"not in the query: {' '.join(left_candidate)}")
    query_texts, candidate_texts = unit_texts
    crossed = {(qi, ci) for qi, ci, _ in alignment.crossings}
    lines += [
        f"only alike: {query_texts[qi]} / {candidate_texts[ci]} ({value:.2f})"
        for qi, ci, value in alignment.pairs
        if value < ONLY_ALIKE and (qi, ci) not in crossed
    ]
    lines += [
        f"{kind}: {query_texts[qi]} / {candidate_texts[ci]}" for qi, ci, kind in alignment.crossings
    ]
    if alignment.kin:
        lines.append(alignment.kin)
    if alignment.informed_share < 1.0:
        lines.append(
            f"agreeing words are common (score x {alignment.informed_share:.2f}; "
            "less lowered with a matching date of birth or document)"
        )
    return tuple(lines)


def _unmatched(name: PreparedName, used: int) -> list[str]:
    return [
        word
        for position, (word, role) in enumerate(zip(name.words, name.roles, strict=True))
        if role in _IDENTIFYING and not used >> position & 1
    ]


def _kind(query: PreparedName, used_query: int, candidate: PreparedName, used_c: int) -> str:
    """ "given names" / "family names" where both sides file the unmatched words so, or
    write them so ("Jiho YUN" / "Cheng YUN"; structure.Structure.written)."""
    free_query, free_candidate = ~used_query, ~used_c
    q, c = query.structure, candidate.structure
    if q.given & free_query and c.given & free_candidate:
        return "given names"
    if q.family & free_query and c.family & free_candidate:
        return "family names"
    return "names"
