"""`SignalType` is the one extension point: a new hash is one class, registered.

The toy type below (an image's mean colour, compared channel by channel) lives only in
this module, with its own index class. Registered, it is hashed by `hash_content`,
banked, indexed per bank, matched by `MediaScreener` at its own threshold and drafted
into an alert with its own score, with no other change anywhere.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Self

import numpy as np
import pytest
from PIL import Image
from sqlalchemy import Engine

from interdict.media import (
    SIGNALS,
    ContentKind,
    HashOptions,
    Signal,
    SignalValueError,
    register,
    registered,
)
from interdict.media.bank import BankEntry
from interdict.media.content import hash_content
from interdict.media.image import load_rgb
from interdict.media.index import BankIndexes, Found
from interdict.media.screen import MediaScreener
from interdict.media.store import BankStore
from interdict.review.alert import AlertKind
from interdict.review.hits import media_drafts, media_subject

from .conftest import draw_scene

BUILT_INS = {"pdq", "vpdq", "md5", "sha256"}


def channel_distance(a: str, b: str) -> int:
    return max(abs(x - y) for x, y in zip(bytes.fromhex(a), bytes.fromhex(b), strict=True))


class MeanColourIndex:
    """Scans every value; saved as a JSON list."""

    def __init__(self, values: list[str]) -> None:
        self.values = values

    @classmethod
    def build(cls, values: Sequence[str]) -> Self:
        return cls(sorted(set(values)))

    @classmethod
    def load(cls, folder: Path) -> Self:
        return cls(json.loads((folder / "values.json").read_text()))

    def save(self, folder: Path) -> None:
        (folder / "values.json").write_text(json.dumps(self.values))

    def search(self, queries: Sequence[str], threshold: int) -> Found:
        rows = [
            (q, value, channel_distance(query, value))
            for q, query in enumerate(queries)
            for value in self.values
        ]
        close = [row for row in rows if row[2] <= threshold]
        return Found([r[0] for r in close], [r[1] for r in close], [r[2] for r in close])

    def __len__(self) -> int:
        return len(self.values)


class MeanColourSignal:
    """An image's mean red, green and blue as 6 hex digits; distance: the largest
    channel difference."""

    name = "mean-colour"
    family = "mean-colour"
    content_kinds = frozenset({ContentKind.IMAGE})
    index_class = MeanColourIndex
    default_threshold = 8
    quality_min = 0

    def hash_file(self, path: Path, options: HashOptions | None = None) -> list[Signal]:
        rgb = load_rgb(path, max_pixels=(options or HashOptions()).max_pixels)
        mean = np.asarray(rgb, dtype=np.float64).reshape(-1, 3).mean(axis=0)
        return [Signal(self.name, bytes(round(float(c)) for c in mean).hex())]

    def distance(self, a: str, b: str) -> int:
        return channel_distance(self.parse(a), self.parse(b))

    def is_match(self, a: str, b: str, threshold: float | None = None) -> bool:
        return self.distance(a, b) <= (self.default_threshold if threshold is None else threshold)

    def parse(self, value: str) -> str:
        text = value.strip().lower()
        if len(text) != 6 or text.strip("0123456789abcdef"):
            raise SignalValueError(self.name, value, "6 hex digits")
        return text

    def similarity(self, distance: int) -> float:
        return 1.0 - distance / 255


@pytest.fixture
def toy() -> Iterator[MeanColourSignal]:
    with registered(MeanColourSignal()) as signal_type:
        assert isinstance(signal_type, MeanColourSignal)
        yield signal_type
    assert set(SIGNALS) == BUILT_INS


def flat_picture(path: Path, colour: tuple[int, int, int]) -> Path:
    Image.new("RGB", (64, 48), colour).save(path)
    return path


def test_a_registered_type_is_hashed_banked_matched_and_drafted(
    toy: MeanColourSignal, engine: Engine, tmp_path: Path
) -> None:
    banked = hash_content(flat_picture(tmp_path / "banked.png", (200, 40, 40)))
    assert banked.of_type("mean-colour") == [Signal("mean-colour", "c82828")]
    store = BankStore(engine)
    store.create_bank("colours")
    store.save_version(
        "colours", [BankEntry(s.signal_type, s.value, ("red",)) for s in banked.usable()]
    )

    query = hash_content(flat_picture(tmp_path / "query.png", (195, 44, 40)))
    indexes = BankIndexes(store, tmp_path / "index")
    hits = MediaScreener(store, indexes).screen(query, store.banks())
    # Flat pictures: PDQ is noise there (quality 0), the bytes differ; only the toy hits.
    assert [(h.signal_type, h.value, h.distance, h.threshold) for h in hits] == [
        ("mean-colour", "c82828", 5, 8)
    ]
    index = indexes.index(store.bank("colours"), "mean-colour")
    assert isinstance(index.index, MeanColourIndex)
    saved = tmp_path / "index" / f"bank-{store.bank('colours').id}" / "mean-colour"
    assert json.loads((saved / "values.json").read_text()) == ["c82828"]

    (draft,) = media_drafts(media_subject(query), hits, store.banks())
    assert draft.kind is AlertKind.MEDIA
    assert draft.target["labels"] == ["red"]
    assert draft.score == round(1 - 5 / 255, 4)
    assert draft.subject["properties"]["mean-colour"] == ["c32c28"]

    strict = MediaScreener(store, indexes, {"mean-colour": 4})
    assert strict.screen(query, store.banks()) == []


def test_a_registered_type_leaves_the_built_ins_as_they_were(
    toy: MeanColourSignal, tmp_path: Path
) -> None:
    draw_scene(3).save(tmp_path / "scene.png")
    content = hash_content(tmp_path / "scene.png")
    assert {s.signal_type for s in content.signals} == BUILT_INS - {"vpdq"} | {"mean-colour"}
    assert len(content.variants) == 8


def test_registration_is_refused_twice_and_does_not_leak() -> None:
    assert set(SIGNALS) == BUILT_INS
    with registered(MeanColourSignal()):
        with pytest.raises(ValueError, match="already registered"):
            register(MeanColourSignal())
        assert "mean-colour" in SIGNALS
    assert set(SIGNALS) == BUILT_INS


def test_a_family_has_one_index_class() -> None:
    class Clash(MeanColourSignal):
        name = "clash"
        family = "pdq"

    with pytest.raises(ValueError, match="family 'pdq' is indexed by HammingSignalIndex"):
        register(Clash())
    assert set(SIGNALS) == BUILT_INS
