"""Every registered list format honours the ListSource contract, on real files.

The fuzz part mutates the real bundled files (truncation, byte flips, lost and
repeated lines, inserted garbage): a parser must either parse or raise
ListFormatError naming the file — never crash with another exception.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interdict.entities.ftm import write_ftm_lines
from interdict.errors import ListFormatError
from interdict.lists.bundle import bundled_versions
from interdict.lists.registry import SOURCES, source_for
from interdict.lists.source import ListSource

from ..conftest import LISTS, ROOT

FORMATS = sorted(SOURCES)
# Formats no official list is published in get a sample made from a real one: a
# member's own list in FollowTheMoney is what `lists export` writes.
EXPORTED = {"ftm-jsonl": ("un-consolidated-2026-02-27.xml", 150)}
# Formats whose sample is not a bundled list: a member's own watch list.
OTHER_SAMPLES = {
    "travel-documents": ROOT / "data" / "travel" / "watchlist" / "travel-documents-example.csv",
}


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, ...]]:
    found = {v.format: v.paths for v in bundled_versions(LISTS)}
    folder = tmp_path_factory.mktemp("exported")
    for format_name, (file_name, count) in EXPORTED.items():
        entities = source_for([LISTS / file_name]).parse([LISTS / file_name]).entities
        path = folder / "member-watchlist.ftm.jsonl"
        write_ftm_lines(entities[:count], path)
        found[format_name] = (path,)
    found.update({name: (path,) for name, path in OTHER_SAMPLES.items()})
    return found


def test_every_registered_format_has_a_sample(samples: dict[str, tuple[Path, ...]]) -> None:
    assert set(SOURCES) <= set(samples)


@pytest.mark.parametrize("format_name", FORMATS)
def test_sniffing_recognises_exactly_the_right_format(
    format_name: str, samples: dict[str, tuple[Path, ...]]
) -> None:
    assert source_for(samples[format_name]).name == format_name


@pytest.mark.parametrize("format_name", FORMATS)
def test_sniffing_never_raises_on_garbage(format_name: str, tmp_path: Path) -> None:
    junk = tmp_path / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 8)
    assert not SOURCES[format_name].sniff([junk])


@st.composite
def mutations(draw: st.DrawFn, data: bytes) -> bytes:
    kind = draw(st.sampled_from(["truncate", "flip", "drop_line", "repeat_line", "garbage"]))
    at = draw(st.integers(0, len(data) - 1))
    if kind == "truncate":
        return data[:at]
    if kind == "flip":
        return data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
    if kind == "garbage":
        return data[:at] + draw(st.binary(min_size=1, max_size=40)) + data[at:]
    lines = data.split(b"\n")
    index = at % len(lines)
    if kind == "drop_line":
        return b"\n".join(lines[:index] + lines[index + 1 :])
    return b"\n".join(lines[: index + 1] + lines[index:])


def _fuzz(source: ListSource, paths: tuple[Path, ...], tmp_path: Path) -> None:
    target = paths[0]
    original = target.read_bytes()

    @settings(
        max_examples=12,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        derandomize=True,
    )
    @given(mutated=mutations(original))
    def check(mutated: bytes) -> None:
        copy = tmp_path / target.name
        copy.write_bytes(mutated)
        try:
            parsed = source.parse([copy, *paths[1:]])
        except ListFormatError as exc:
            failure: ListFormatError | None = exc
        else:
            failure = None
            assert all(e.key and e.names for e in parsed.entities)
        assert failure is None or failure.path

    check()


@pytest.mark.parametrize("format_name", FORMATS)
def test_mutated_real_files_parse_or_fail_cleanly(
    format_name: str, tmp_path: Path, samples: dict[str, tuple[Path, ...]]
) -> None:
    _fuzz(SOURCES[format_name], samples[format_name], tmp_path)
