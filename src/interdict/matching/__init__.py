"""Name matching: normalise, prepare, score with an explanation, retrieve candidates.

prepared = prepare(entity)            # once per list entity (cache per list version)
index = build_index(prepared_list)    # once per list version; save()/load()
for key, _ in index.search(prepare(query), limit=200):
    match = score(prepared_query, prepared_by_key[key])
    if match.is_alert(thresholds): ...
"""

from interdict.matching.candidates import DEFAULT_LIMIT, CandidateIndex, build_index
from interdict.matching.evidence import Evidence
from interdict.matching.prepare import PreparedEntity, prepare
from interdict.matching.score import (
    DEFAULT_THRESHOLDS,
    Match,
    PartMatch,
    Thresholds,
    score,
)

__all__ = [
    "DEFAULT_LIMIT",
    "DEFAULT_THRESHOLDS",
    "CandidateIndex",
    "Evidence",
    "Match",
    "PartMatch",
    "PreparedEntity",
    "Thresholds",
    "build_index",
    "prepare",
    "score",
]
