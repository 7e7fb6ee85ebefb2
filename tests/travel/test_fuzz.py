"""Both parsers on mutated real messages: they parse or refuse with a TravelMessageError
naming a segment number — never another exception, never a hang."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interdict.travel.errors import TravelMessageError
from interdict.travel.message import parse_bytes

from .conftest import sample

# Small and varied: UNA with custom characters, leading spaces, a missing terminator.
FUZZED = {
    "paxlst": [
        "gtas-parsers-apisMessage.txt",
        "gtas-loader-airline2.edi",
        "gtas-loader-multiple_flight_leg_apis.txt",
    ],
    "pnrgov": [
        "gtas-parsers-pnrMessagePg75.txt",
        "gtas-parsers-pnrMessagePg76.txt",
        "gtas-loader-codeshare.edi",
        "gtas-parsers-pnrMessageExample.txt",
    ],
}
SEPARATORS = b"'+:?*$\\ \n"


@st.composite
def mutations(draw: st.DrawFn, data: bytes) -> bytes:
    kind = draw(st.sampled_from(["truncate", "flip", "drop", "repeat", "garbage", "separator"]))
    at = draw(st.integers(0, len(data) - 1))
    if kind == "truncate":
        return data[:at]
    if kind == "flip":
        return data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
    if kind == "garbage":
        return data[:at] + draw(st.binary(min_size=1, max_size=40)) + data[at:]
    if kind == "separator":
        return data[:at] + bytes([draw(st.sampled_from(SEPARATORS))]) + data[at + 1 :]
    pieces = data.split(b"'")
    index = at % len(pieces)
    if kind == "drop":
        return b"'".join(pieces[:index] + pieces[index + 1 :])
    return b"'".join(pieces[: index + 1] + pieces[index:])


def _fuzz(path: Path) -> None:
    original = path.read_bytes()

    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
        derandomize=True,
    )
    @given(mutated=mutations(original))
    def check(mutated: bytes) -> None:
        try:
            messages = parse_bytes(mutated)
        except TravelMessageError as exc:
            failure: TravelMessageError | None = exc
        else:
            failure = None
            assert messages
            assert all(t.surname and t.ref for m in messages for t in m.travellers)
        if failure is not None:
            assert failure.segment is not None
            assert f"segment {failure.segment}" in str(failure)

    check()


@pytest.mark.parametrize("name", FUZZED["paxlst"])
def test_mutated_paxlst_parses_or_fails_cleanly(name: str) -> None:
    _fuzz(sample(name))


@pytest.mark.parametrize("name", FUZZED["pnrgov"])
def test_mutated_pnrgov_parses_or_fails_cleanly(name: str) -> None:
    _fuzz(sample(name))
