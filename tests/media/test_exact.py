"""MD5 and SHA-256 of known bytes, streamed from disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from interdict.media import MD5, SHA256, SIGNALS, MediaFormatError, SignalValueError


def test_known_digests(tmp_path: Path) -> None:
    (tmp_path / "fox.txt").write_bytes(b"The quick brown fox jumps over the lazy dog")
    assert MD5.hash_file(tmp_path / "fox.txt")[0].value == "9e107d9d372bb6826bd81d3542a419d6"
    assert (
        SHA256.hash_file(tmp_path / "fox.txt")[0].value
        == "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"
    )


def test_large_file_is_streamed(tmp_path: Path) -> None:
    (tmp_path / "big.bin").write_bytes(b"\0" * (8 << 20))
    assert SIGNALS["md5"].hash_file(tmp_path / "big.bin")[0].value == (
        "96995b58d4cbf6aaa9041b4f00c7f6ae"
    )


def test_match_is_byte_equality() -> None:
    digest = "9e107d9d372bb6826bd81d3542a419d6"
    assert MD5.is_match(digest, digest.upper())
    assert MD5.distance(digest, "0" * 32) == 1
    with pytest.raises(SignalValueError, match="32 hex digits"):
        MD5.distance(digest, "0" * 64)


def test_unreadable_file_is_a_format_error(tmp_path: Path) -> None:
    with pytest.raises(MediaFormatError, match=r"gone\.bin: cannot be read"):
        SHA256.hash_file(tmp_path / "gone.bin")
