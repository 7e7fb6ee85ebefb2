"""Screening real files against banks, through the domain, the CLI and the REST API."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from click.testing import Result
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import Engine
from typer.testing import CliRunner

from interdict.api.app import create_app
from interdict.cli.app import app as cli
from interdict.config import MediaSettings, Settings
from interdict.media.bank import BankEntry
from interdict.media.content import ContentKind, hash_content
from interdict.media.index import BankIndexes
from interdict.media.screen import MediaScreener
from interdict.media.store import BankStore
from interdict.members.store import MemberStore
from interdict.review.alert import AlertKind
from interdict.review.store import ReviewStore
from interdict.storage.engine import open_engine
from interdict.storage.migrate import upgrade

from .conftest import draw_scene
from .test_image_modes import png_header_only
from .test_video import encode, panning_frames


def bank_image(store: BankStore, bank: str, path: Path, labels: tuple[str, ...]) -> None:
    entries = [
        BankEntry(s.signal_type, s.value, labels, path.name) for s in hash_content(path).usable()
    ]
    store.save_version(bank, entries)


def test_edited_flipped_and_exact_copies_hit_with_labels(engine: Engine, tmp_path: Path) -> None:
    store = BankStore(engine)
    store.create_bank("known", match_dihedral=True)
    store.create_bank("plain", match_dihedral=False)
    scene = draw_scene(31, (480, 360))
    scene.save(tmp_path / "banked.png")
    for bank in ("known", "plain"):
        bank_image(store, bank, tmp_path / "banked.png", ("glorification",))
    screener = MediaScreener(store, BankIndexes(store, tmp_path / "index"))
    banks = store.banks()

    exact = screener.screen(hash_content(tmp_path / "banked.png"), banks)
    assert {(h.bank, h.signal_type) for h in exact if h.distance == 0} >= {
        ("known", "md5"),
        ("known", "sha256"),
        ("known", "pdq"),
        ("plain", "md5"),
    }
    scene.resize((240, 180)).transpose(Image.Transpose.FLIP_LEFT_RIGHT).save(tmp_path / "q.jpg")
    flipped = screener.screen(hash_content(tmp_path / "q.jpg"), banks)
    assert [(h.bank, h.variant, h.labels) for h in flipped] == [
        ("known", "flip-horizontal", ("glorification",))
    ]
    draw_scene(32, (480, 360)).save(tmp_path / "other.png")
    assert screener.screen(hash_content(tmp_path / "other.png"), banks) == []


def test_flat_pictures_are_matched_only_byte_for_byte(engine: Engine, tmp_path: Path) -> None:
    """A flat grey's PDQ is rounding noise at quality 0 (two different greys can land a
    few bits apart): banking or matching such hashes would hit blank uploads at random,
    so only the exact hashes count."""
    store = BankStore(engine)
    store.create_bank("b")
    Image.new("RGB", (200, 200), (90, 90, 90)).save(tmp_path / "grey.png")
    Image.new("RGB", (300, 200), (200, 200, 200)).save(tmp_path / "light.png")
    grey, light = hash_content(tmp_path / "grey.png"), hash_content(tmp_path / "light.png")
    grey_pdq, light_pdq = grey.of_type("pdq")[0], light.of_type("pdq")[0]
    assert grey_pdq.quality == light_pdq.quality == 0
    store.save_version("b", [BankEntry(s.signal_type, s.value) for s in grey.usable()])
    assert {s.entry.signal_type for s in store.entries("b")} == {"md5", "sha256"}
    screener = MediaScreener(store, BankIndexes(store))
    assert screener.screen(light, store.banks()) == []
    assert {h.signal_type for h in screener.screen(grey, store.banks())} == {"md5", "sha256"}


class _Runner:
    """The `interdict` command with these settings as its context object."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.runner = CliRunner()

    def invoke(self, app: typer.Typer, args: list[str]) -> Result:
        return self.runner.invoke(app, args, obj=self.settings)


def test_index_follows_bank_changes_and_survives_a_restart(engine: Engine, tmp_path: Path) -> None:
    store = BankStore(engine)
    store.create_bank("b")
    draw_scene(41).save(tmp_path / "a.png")
    query = hash_content(tmp_path / "a.png")
    screener = MediaScreener(store, BankIndexes(store, tmp_path / "index"))
    assert screener.screen(query, store.banks()) == []
    bank_image(store, "b", tmp_path / "a.png", ())
    assert len(screener.screen(query, store.banks())) == 3  # pdq, md5, sha256
    restarted = BankIndexes(store, tmp_path / "index")
    assert restarted.index(store.bank("b"), "pdq").version == 1
    saved = tmp_path / "index" / f"bank-{store.bank('b').id}"
    assert {p.name for p in saved.iterdir()} == {"pdq", "md5", "sha256"}
    assert (saved / "pdq" / "meta.json").exists()
    store.remove("b", [("pdq", query.of_type("pdq")[0].value)])
    assert {h.signal_type for h in screener.screen(query, store.banks())} == {"md5", "sha256"}


def test_video_frames_hit_a_banked_video(engine: Engine, tmp_path: Path) -> None:
    original = encode(tmp_path / "o.mp4", panning_frames(5), "libx264", (320, 240), 600_000)
    copy = encode(tmp_path / "c.webm", panning_frames(5), "libvpx", (256, 192), 200_000)
    store = BankStore(engine)
    store.create_bank("videos")
    bank_image(store, "videos", original, ("propaganda",))
    content = hash_content(copy)
    assert content.kind is ContentKind.VIDEO
    hits = MediaScreener(store, BankIndexes(store)).screen(content, store.banks())
    assert hits
    assert all(h.signal_type == "vpdq" for h in hits)
    assert max(h.frames for h in hits) >= 1
    assert len({h.value for h in hits}) >= 4  # most of the 6 sampled frames


@pytest.fixture
def database(tmp_path: Path) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'media.db'}"
    engine = open_engine(url)
    upgrade(engine)
    yield url
    engine.dispose()


def settings_of(database: str, tmp_path: Path, **media: float) -> Settings:
    return Settings(
        database_url=database, media=MediaSettings(index_dir=tmp_path / "index", **media)
    )


def test_cli_banks_hashes_and_screens(database: str, tmp_path: Path) -> None:
    runner = _Runner(settings_of(database, tmp_path))
    draw_scene(51).save(tmp_path / "banked.png")
    draw_scene(52).save(tmp_path / "clean.png")
    assert runner.invoke(cli, ["media", "bank", "create", "tv"]).exit_code == 0
    added = runner.invoke(
        cli, ["media", "bank", "add", "tv", str(tmp_path / "banked.png"), "--label", "instruction"]
    )
    assert added.exit_code == 0, added.output
    hashed = runner.invoke(cli, ["media", "hash", str(tmp_path / "banked.png")])
    assert json.loads(hashed.output)["kind"] == "image"
    hit = runner.invoke(cli, ["media", "screen", str(tmp_path / "banked.png")])
    assert hit.exit_code == 1
    assert "instruction" in hit.output
    assert "alerts" not in hit.output  # an operator's screen: no member, no alert
    assert runner.invoke(cli, ["members", "add", "platform-a"]).exit_code == 0
    as_member = ["media", "screen", str(tmp_path / "banked.png"), "--member", "platform-a"]
    first, second = runner.invoke(cli, as_member), runner.invoke(cli, as_member)
    assert first.exit_code == second.exit_code == 1
    assert re.search(r"alerts\s+1\s*$", first.output)
    assert re.search(r"alerts\s+1\s*$", second.output)  # the same content again: same alert
    clean = runner.invoke(cli, ["media", "screen", str(tmp_path / "clean.png")])
    assert clean.exit_code == 0
    assert "no hit" in clean.output
    exported = runner.invoke(cli, ["media", "bank", "export", "tv", str(tmp_path / "tv.csv")])
    assert exported.exit_code == 0
    assert "3 hashes" in exported.output
    runner.invoke(cli, ["media", "bank", "create", "copy"])
    imported = runner.invoke(cli, ["media", "bank", "import", "copy", str(tmp_path / "tv.csv")])
    assert "+3 -0" in imported.output
    history = runner.invoke(cli, ["media", "bank", "history", "copy"])
    assert "import tv.csv" in history.output


def test_api_screens_uploads_and_hashes_within_member_scope(database: str, tmp_path: Path) -> None:
    engine = open_engine(database)
    members = MemberStore(engine)
    owner, stranger = members.create_member("owner"), members.create_member("stranger")
    owner_key, stranger_key = members.issue_key(owner), members.issue_key(stranger)
    store = BankStore(engine)
    store.create_bank("owned", owner_id=owner.id)
    draw_scene(61).save(tmp_path / "banked.png")
    bank_image(store, "owned", tmp_path / "banked.png", ("glorification",))
    pdq = hash_content(tmp_path / "banked.png").of_type("pdq")[0].value
    engine.dispose()
    with TestClient(create_app(settings_of(database, tmp_path))) as client:
        upload = {"file": ("x.png", (tmp_path / "banked.png").read_bytes(), "image/png")}
        own = client.post("/v1/media/screen", files=upload, headers=_auth(owner_key))
        assert own.status_code == 200
        assert own.json()["match"] is True
        assert own.json()["hits"][0]["labels"] == ["glorification"]
        alert_id = own.json()["hits"][0]["alert_id"]
        assert alert_id is not None
        again = client.post("/v1/media/screen", files=upload, headers=_auth(owner_key))
        assert again.json()["hits"][0]["alert_id"] == alert_id  # same content: same alert
        other = client.post("/v1/media/screen", files=upload, headers=_auth(stranger_key))
        assert other.json() == {"match": False, "hits": []}
        by_hash = client.post("/v1/media/screen", data={"value": pdq}, headers=_auth(owner_key))
        assert by_hash.json()["hits"][0]["distance"] == 0
        hashed = client.post("/v1/media/hash", files=upload, headers=_auth(owner_key))
        assert {s["signal_type"] for s in hashed.json()["signals"]} == {"pdq", "md5", "sha256"}
        bomb = {"file": ("b.png", png_header_only(100_000, 100_000), "image/png")}
        refused = client.post("/v1/media/screen", files=bomb, headers=_auth(owner_key))
        assert refused.status_code == 409
        assert "over the limit" in refused.json()["detail"]
        junk = {"file": ("x.png", b"not an image at all", "image/png")}
        assert (
            client.post("/v1/media/hash", files=junk, headers=_auth(owner_key)).status_code == 422
        )
        assert client.post("/v1/media/hash", files=upload).status_code == 401
        bad = client.post("/v1/media/screen", data={"value": "xyz"}, headers=_auth(owner_key))
        assert bad.status_code == 422
    engine = open_engine(database)
    (alert,) = [a for a in ReviewStore(engine).alerts(owner.id) if a.id == alert_id]
    assert alert.draft.kind is AlertKind.MEDIA
    assert alert.draft.list_name == "owned"
    assert alert.draft.target["labels"] == ["glorification"]
    # The upload hit the image's PDQ, MD5 and SHA-256 in the bank: one alert lists them.
    hits = alert.draft.explanation["hits"]
    assert {h["signal_type"] for h in hits} == {"pdq", "md5", "sha256"}
    assert {h["distance_bits"] for h in hits} == {0}
    # ... and the screen of the bare PDQ value is another subject: a second alert.
    assert len(ReviewStore(engine).alerts(owner.id)) == 2
    assert ReviewStore(engine).alerts(stranger.id) == []


def test_api_refuses_uploads_over_the_cap(database: str, tmp_path: Path) -> None:
    engine = open_engine(database)
    members = MemberStore(engine)
    key = members.issue_key(members.create_member("m"))
    engine.dispose()
    draw_scene(71, (640, 480)).save(tmp_path / "big.png")
    with TestClient(create_app(settings_of(database, tmp_path, upload_limit_mb=0.01))) as client:
        upload = {"file": ("big.png", (tmp_path / "big.png").read_bytes(), "image/png")}
        response = client.post("/v1/media/hash", files=upload, headers=_auth(key))
        assert response.status_code == 413
        assert "limit" in response.json()["detail"]
        boundary = "interdict-test"
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="b.png"\r\n'
                "Content-Type: image/png\r\n\r\n"
            ).encode()
            + (tmp_path / "big.png").read_bytes()
            + f"\r\n--{boundary}--\r\n".encode()
        )
        chunked = client.post(
            "/v1/media/hash",
            content=(body[i : i + 4096] for i in range(0, len(body), 4096)),
            headers={**_auth(key), "Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        assert chunked.status_code == 413  # no Content-Length: cut off while arriving


def _auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}
