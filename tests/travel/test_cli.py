"""`interdict travel screen` and `interdict travel rules` through the real command."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner, Result

from interdict.cli.app import app
from interdict.services import Services
from interdict.travel.errors import TravelMessageError

from .conftest import RULES, manifest, sample
from .test_screen import LISTED, ORDINARY


def _invoke(svc: Services, *args: str) -> Result:
    return CliRunner().invoke(app, list(args), obj=svc.settings)


def test_screen_shared_files_with_no_hit_exits_0(svc: Services) -> None:
    files = [str(sample(n)) for n in ("gtas-loader-Test1.txt", "gtas-loader-3_pnrs.edi")]
    result = _invoke(svc, "travel", "screen", *files)
    assert result.exit_code == 0, result.output
    assert "UA0989 FRA-IAD" in result.output
    assert "TZ0006 SIN-OOL" in result.output
    assert "8 travellers, 0 referred" in result.output


def test_shared_file_with_a_listed_passport_exits_1(svc: Services) -> None:
    result = _invoke(svc, "travel", "screen", str(sample("gtas-loader-codeshare.edi")))
    assert result.exit_code == 1, result.output
    assert "travel-documents/kr:JR3364288" in result.output
    assert "2 travellers, 1 referred" in result.output


def test_screen_with_a_hit_exits_1_and_names_it(svc: Services, tmp_path: Path) -> None:
    path = tmp_path / "manifest.edi"
    path.write_bytes(manifest(LISTED, ORDINARY))
    result = _invoke(svc, "travel", "screen", str(path), "--member", "border-a")
    assert result.exit_code == 1, result.output
    assert "REFER" in result.output
    assert "CDi.021" in result.output
    assert "2 travellers, 1 referred" in result.output


def test_malformed_message_is_an_error_naming_the_segment(svc: Services, tmp_path: Path) -> None:
    path = tmp_path / "cut.edi"
    path.write_bytes(manifest(LISTED).split(b"UNT+")[0])
    result = _invoke(svc, "travel", "screen", str(path))
    assert isinstance(result.exception, TravelMessageError)
    assert "no UNT trailer" in str(result.exception)
    assert "segment " in str(result.exception)


def test_rules_load_and_show(svc: Services, tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(RULES + '\n[[rule]]\nname = "to Frankfurt"\nwhen = "destination == \'FRA\'"\n')
    loaded = _invoke(svc, "travel", "rules", "load", str(path), "--member", "border-c")
    assert loaded.exit_code == 0, loaded.output
    assert "version 1" in loaded.output
    shown = _invoke(svc, "travel", "rules", "show", "--member", "border-c")
    assert "to Frankfurt" in shown.output
    rejected = tmp_path / "bad.toml"
    rejected.write_text('[[rule]]\nname = "typo"\nwhen = "destinaton == \'FRA\'"\n')
    refused = _invoke(svc, "travel", "rules", "load", str(rejected), "--member", "border-c")
    assert "unknown field 'destinaton'" in str(refused.exception)
