"""The written forms of the entities screens keep finding, made once each.

Why: a listed entity that hits is written out on every screen that finds it, whether
its alert is open already or not: its canonical JSON and hash for the alert draft
(review/hits.py: the allow-list compares the hash) and its FtM properties for the
answer (the API's results, yente's `/match`). For a person listed on five lists that
was ~0.7 ms of a ~2.4 ms screen answered from kept answers (docs/benchmarks.md,
"Load"). The same listings hit again and again (a customer paid every day, a name in
every manifest), and an `Entity` never changes once made, so each form is a function
of the object alone.

Forms are kept for the entities asked about most recently, by identity: the key holds
the entity, so its id cannot be reused while its forms are kept, and two equal
entities read from two list versions are two entries (never one version's text for
another's object). Each call gives fresh dicts and lists, parsed from the kept text,
so a caller that changes what it got changes nothing kept.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from interdict.entities.codec import JSONDict, content_hash, entity_json
from interdict.entities.ftm import FtMDict, entity_to_ftm
from interdict.entities.model import Entity

#: Entities whose forms are kept (a few KB each): far more than hit in a day's screens.
FORMS_KEPT = 4096


@dataclass(frozen=True, slots=True)
class Canonical:
    """An entity's canonical JSON (`codec.entity_json`) and its SHA-256."""

    text: str
    sha256: str

    def data(self) -> JSONDict:
        """The canonical dict (`codec.entity_to_dict`), a fresh copy."""
        data: JSONDict = json.loads(self.text)
        return data


def canonical(entity: Entity) -> Canonical:
    """`entity`'s canonical JSON and hash, written once while it is kept."""
    return _canonical(_Same(entity))


def main_ftm(entity: Entity) -> FtMDict:
    """`entity`'s main FtM entity (`ftm.entity_to_ftm(entity)[0]`), a fresh copy."""
    found: FtMDict = json.loads(_main_ftm(_Same(entity)))
    return found


class _Same:
    """A cache key equal only to a key of the same object."""

    __slots__ = ("entity",)

    def __init__(self, entity: Entity) -> None:
        self.entity = entity

    def __hash__(self) -> int:
        return id(self.entity)

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, _Same) and other.entity is self.entity


@lru_cache(maxsize=FORMS_KEPT)
def _canonical(key: _Same) -> Canonical:
    text = entity_json(key.entity)
    return Canonical(text, content_hash(text))


@lru_cache(maxsize=FORMS_KEPT)
def _main_ftm(key: _Same) -> str:
    return json.dumps(entity_to_ftm(key.entity)[0], ensure_ascii=False)
