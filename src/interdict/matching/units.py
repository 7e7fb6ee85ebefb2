"""The unit table: every distinct unit of the listed entities, numbered once.

Screening compares a query with the units (words and joined runs, see prepare.py) of
~200 candidates at a time. Numbering the distinct units of all listed entities once,
when the screener is built, lets one `cdist` call cover all candidates of a query
(bulk.py) and lets the per-query work be array indexing instead of Python loops.
Spellings and skeletons are numbered separately: many units share a skeleton
("mohammed", "muhammad" → "mhmt"), and each is compared once.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from interdict.matching.fact_bounds import FactTable, build_fact_table
from interdict.matching.phonetic import sound_weight
from interdict.matching.prepare import PreparedEntity
from interdict.matching.ragged import RaggedRows
from interdict.matching.score import UnitFeatures, symbol_array

# A row: spelling, joined, name symbols, consonant frame, legal form, equal-or-nothing
# (a qualifier or a Korean syllable). Units alike in spelling but not in the rest
# compare differently, so they are rows apart.
UnitKey = tuple[str, bool, frozenset[str], bool, bool, bool]
# Joins the texts while packing them (_packed); a table whose texts hold it stays unpacked.
_SEPARATOR = "\x00"


@dataclass(frozen=True, slots=True, weakref_slot=True)
class UnitTable:
    """Distinct units (rows) of a fixed sequence of prepared entities.

    Row r is spelt `texts[r]` (`lengths[r]` characters) and sounds
    `skeleton_texts[skeleton_ids[r]]`, or in its second reading
    `skeleton_texts[second_skeleton_ids[r]]` (mostly the same). Per entity
    e: `entity_units[e]` maps e's own unit numbers to rows; `name_rows[e]` lists the
    rows of each of its names in turn, `name_sizes[e]` of them per name, of strength
    `name_strength[e]` and total weight `name_weight[e]`; `name_row_weights[e]` is
    the weight of the places each of those rows takes in its name (its slots'). In
    `features`, `initial_units` is a mask over the rows (one-letter units), not a list
    of them. `facts` says which facts each entity has (fact_bounds.py).
    """

    entities: tuple[PreparedEntity, ...]
    texts: NDArray[np.object_]
    skeleton_texts: NDArray[np.object_]
    skeleton_ids: NDArray[np.intp]
    second_skeleton_ids: NDArray[np.intp]
    features: UnitFeatures
    entity_units: RaggedRows
    name_rows: RaggedRows
    name_sizes: RaggedRows
    name_strength: RaggedRows
    name_weight: RaggedRows
    name_row_weights: RaggedRows
    max_strength: NDArray[np.float64]
    lengths: NDArray[np.int32]  # characters of each row's spelling
    # Joined runs neither a consonant frame nor a known name (bulk.py reads it): kept
    # as one mask, a screen reads one value a unit instead of three.
    plain_runs: NDArray[np.bool_]
    facts: FactTable

    def __len__(self) -> int:
        return len(self.entities)


def build_unit_table(entities: Sequence[PreparedEntity]) -> UnitTable:
    """Number the distinct units of `entities` (see UnitKey for what keeps them apart)."""
    rows: dict[UnitKey, int] = {}
    sounds: dict[str, int] = {}
    skeleton_ids: list[int] = []
    second_ids: list[int] = []
    # Python lists, made into one array each at the end (RaggedRows.of).
    entity_units: list[list[int]] = []
    name_rows: list[list[int]] = []
    name_sizes: list[list[int]] = []
    name_strength: list[list[float]] = []
    # Rows shaped as name_strength's and name_rows': filled flat, no object a value.
    name_weight = array("d")
    name_row_weights = array("d")
    for entity in entities:
        ids = []
        for unit, key in enumerate(
            zip(
                entity.unit_texts,
                entity.unit_joined.tolist(),
                entity.symbols,
                entity.frames.tolist(),
                entity.legal.tolist(),
                entity.qualifiers.tolist(),
                strict=True,
            )
        ):
            row = rows.setdefault(key, len(rows))
            ids.append(row)
            if row == len(skeleton_ids):
                skeleton_ids.append(sounds.setdefault(entity.unit_skeletons[unit], len(sounds)))
                second = entity.unit_second_skeletons[unit]
                second_ids.append(sounds.setdefault(second, len(sounds)))
        entity_units.append(ids)
        name_rows.append([ids[unit] for name in entity.names for unit in name.slots])
        name_sizes.append([len(n.slots) for n in entity.names])
        name_strength.append([n.strength for n in entity.names])
        name_weight.extend(n.total_weight for n in entity.names)
        name_row_weights.extend(
            sum(weight for _, weight in slots) for n in entity.names for slots in n.slots.values()
        )
    strengths = RaggedRows.of(name_strength, np.float64)
    name_units = RaggedRows.of(name_rows, np.intp)
    features = _features(list(rows), list(sounds), skeleton_ids)
    return UnitTable(
        entities=tuple(entities),
        texts=_objects(_packed([key[0] for key in rows])),
        skeleton_texts=_objects(_packed(list(sounds))),
        skeleton_ids=np.asarray(skeleton_ids, dtype=np.intp),
        second_skeleton_ids=np.asarray(second_ids, dtype=np.intp),
        features=features,
        entity_units=RaggedRows.of(entity_units, np.intp),
        name_rows=name_units,
        name_sizes=RaggedRows.of(name_sizes, np.intp),
        name_strength=strengths,
        name_weight=RaggedRows.of_sizes(np.frombuffer(name_weight), strengths.sizes),
        name_row_weights=RaggedRows.of_sizes(np.frombuffer(name_row_weights), name_units.sizes),
        max_strength=np.fromiter(
            (max((0.0, *s)) for s in name_strength), dtype=np.float64, count=len(name_strength)
        ),
        lengths=np.fromiter((len(key[0]) for key in rows), dtype=np.int32, count=len(rows)),
        plain_runs=features.joined & ~features.frames & ~features.named,
        facts=build_fact_table(entities),
    )


def _packed(texts: list[str]) -> list[str]:
    """The texts as new strings laid out in memory one after another, in row order.

    The units were spelt while preparing each entity, so their strings lie scattered
    among that entity's other objects. A screen reads ~5,700 of them in row order
    (the lists handed to `cdist`, and `cdist` itself); packed, those reads stay close
    together instead of missing the cache one by one: the similarity stage took ~12%
    less time on all bundled lists. A snapshot's table is read back packed already
    (spark/snapshot.py splits one text blob).
    """
    if any(_SEPARATOR in text for text in texts):
        return texts
    return _SEPARATOR.join(texts).split(_SEPARATOR) if texts else []


def _objects(texts: list[str]) -> NDArray[np.object_]:
    array = np.empty(len(texts), dtype=np.object_)
    array[:] = texts
    return array


def _features(units: list[UnitKey], skeletons: list[str], skeleton_ids: list[int]) -> UnitFeatures:
    """The per-unit values prepare() computes, so similarities come out bit-identical."""
    weights = np.asarray([sound_weight(s) for s in skeletons], dtype=np.float64)
    return UnitFeatures(
        sound_weights=weights[np.asarray(skeleton_ids, dtype=np.intp)],
        first_letters=np.asarray([key[0][:1] for key in units], dtype=np.str_),
        joined=np.asarray([key[1] for key in units], dtype=np.bool_),
        initial_units=np.asarray([len(key[0]) == 1 for key in units], dtype=np.bool_),
        symbols=symbol_array([key[2] for key in units]),
        named=np.asarray([bool(key[2]) for key in units], dtype=np.bool_),
        frames=np.asarray([key[3] for key in units], dtype=np.bool_),
        legal=np.asarray([key[4] for key in units], dtype=np.bool_),
        qualifiers=np.asarray([key[5] for key in units], dtype=np.bool_),
    )


def take_features(table: UnitTable, rows: NDArray[np.intp]) -> UnitFeatures:
    """The features of some rows, `initial_units` as positions among them."""
    features = table.features
    return UnitFeatures(
        sound_weights=features.sound_weights[rows],
        first_letters=features.first_letters[rows],
        joined=features.joined[rows],
        initial_units=np.flatnonzero(features.initial_units[rows]),
        symbols=features.symbols[rows],
        named=features.named[rows],
        frames=features.frames[rows],
        legal=features.legal[rows],
        qualifiers=features.qualifiers[rows],
    )
