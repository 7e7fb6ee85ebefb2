"""Every command that prints results takes `--json` and prints JSON lines on stdout.

The test walks the real command tree of `interdict`: each command must either be run
below with `--json` (its stdout parsed line by line, at least one object) or be in
`EXEMPT` with the reason. A new command with neither fails here, so scripts never
meet a command they cannot parse.
"""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Iterator
from functools import partial
from http.server import HTTPServer, SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
import typer.main

from interdict.cli.app import app
from tests.conftest import ROOT, CliHarness
from tests.media.conftest import draw_scene
from tests.travel.conftest import RULES

EXEMPT = {
    "serve": "runs the server: no results, and its logs are JSON lines already",
    "init": "creates the store: a confirmation, no result",
    "demo": "a guided tour for people, over every bundled list",
    "media hash": "prints JSON lines always",
    "audit export": "prints JSON lines always (or writes them to -o)",
}
UN_OLD, UN_NEW = "un-consolidated-2018-06-07.xml", "un-consolidated-2018-06-21.xml"
TRAVEL = ROOT / "data" / "travel" / "paxlst" / "gtas-loader-Test1.txt"
PAYMENT = ROOT / "data" / "messages" / "prowide-MT101.fin"

cli = CliHarness()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def server(lists_dir: Path) -> Iterator[str]:
    """The bundled list files over loopback HTTP, for `lists update`."""
    httpd = HTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(lists_dir)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def all_commands() -> dict[str, Any]:
    """Every leaf command of `interdict`, by its path ("media bank list")."""
    found: dict[str, Any] = {}

    def walk(command: Any, path: tuple[str, ...]) -> None:
        if hasattr(command, "commands"):
            for name in command.list_commands(None):
                walk(command.get_command(None, name), (*path, name))
        else:
            found[" ".join(path)] = command

    walk(typer.main.get_command(app), ())
    return found


def scenario(tmp: Path, lists_dir: Path) -> list[tuple[list[str], str | None]]:
    """Every command once, in an order where each finds what it needs; (args, stdin)."""
    bundle = tmp / "bundle"
    bundle.mkdir()
    shutil.copy(lists_dir / UN_OLD, bundle / UN_OLD)
    entry = {"list": "un-sc-consolidated", "format": "un-xml", "files": [UN_OLD]}
    (bundle / "manifest.json").write_text(json.dumps({"versions": [entry]}))
    (tmp / "in").mkdir()
    shutil.copy(PAYMENT, tmp / "in" / PAYMENT.name)
    draw_scene(7).save(tmp / "scene.png")
    (tmp / "rules.toml").write_text(RULES)
    (tmp / "book.csv").write_text("id,name\n1,Aiman al-Zawahiri\n2,Anna Berg\n")
    (tmp / "rows.csv").write_text("name\nAiman al-Zawahiri\nAnna Berg\n")
    media = ["media", "bank"]
    return [
        (["lists", "formats"], None),
        (["lists", "import", str(lists_dir / UN_OLD)], None),
        (["lists", "load-bundled"], None),
        (["lists", "update", "un-sc-consolidated"], None),
        (["lists", "show"], None),
        (["lists", "show", "un-sc-consolidated"], None),
        (["lists", "show", "un-sc-consolidated", "QDi.006"], None),
        (["lists", "history", "un-sc-consolidated"], None),
        (["lists", "diff", "1", "2"], None),
        (["lists", "export", "un-sc-consolidated", "-o", str(tmp / "un.ftm.jsonl")], None),
        (["status"], None),
        (["members", "add", "bank-a"], None),
        (["members", "add", "bank-b"], None),
        (["members", "key", "bank-a", "--label", "scripts"], None),
        (["lists", "import", str(lists_dir / UN_OLD), "--list", "own"], None),
        (["lists", "claim", "own", "bank-a"], None),
        (["lists", "share", "own", "bank-a", "bank-b"], None),
        (["lists", "scope", "bank-a", "--regime", "terrorism"], None),
        (["users", "add", "bank-a", "alice"], "a long enough password\n"),
        (["users", "list", "bank-a"], None),
        (["users", "disable", "alice"], None),
        (["users", "enable", "alice"], None),
        (["users", "set-role", "alice", "reviewer"], None),
        (["users", "reset-password", "alice"], "another long password\n"),
        (["screen", "Aiman al-Zawahiri", "--member", "bank-a"], None),
        (
            ["screen-file", str(tmp / "rows.csv"), "-o", str(tmp / "hits.csv"), "--workers", "1"],
            None,
        ),
        (["spark-screen", str(tmp / "rows.csv"), str(tmp / "spark"), "--master", "local[1]"], None),
        (["alerts", "list", "bank-a"], None),
        (["audit", "verify"], None),
        ([*media, "create", "known"], None),
        ([*media, "add", "known", str(tmp / "scene.png"), "--label", "test"], None),
        ([*media, "export", "known", str(tmp / "known.csv")], None),
        ([*media, "create", "copy", "--owner", "bank-a"], None),
        ([*media, "import", "copy", str(tmp / "known.csv")], None),
        ([*media, "share", "copy", "bank-b"], None),
        ([*media, "history", "known"], None),
        ([*media, "list"], None),
        (["media", "screen", str(tmp / "scene.png"), "--member", "bank-a"], None),
        (
            ["books", "import", str(tmp / "book.csv"), "--member", "bank-a", "--book", "retail"],
            None,
        ),
        (["books", "show"], None),
        (["monitor", "run"], None),
        (["monitor", "status"], None),
        (["travel", "rules", "load", str(tmp / "rules.toml"), "--member", "bank-a"], None),
        (["travel", "rules", "show", "--member", "bank-a"], None),
        (["travel", "screen", str(TRAVEL), "--member", "bank-a"], None),
        (["payments", "screen", str(PAYMENT), "--member", "bank-a"], None),
        (["payments", "watch", str(tmp / "in"), *_folders(tmp), "--once"], None),
        (["members", "revoke", "KEY"], None),
    ]


def _folders(tmp: Path) -> list[str]:
    return ["--pass", str(tmp / "ok"), "--hold", str(tmp / "held"), "--error", str(tmp / "bad")]


def test_every_command_that_prints_results_takes_json(
    tmp_path: Path, lists_dir: Path, server: str
) -> None:
    sources = {"un-sc-consolidated": ("un-xml", [f"{server}/{UN_NEW}"])}
    cli.use(tmp_path, bundled_lists_dir=tmp_path / "bundle", sources=sources, download_dir=tmp_path)
    commands = all_commands()
    runs = scenario(tmp_path, lists_dir)
    covered = {_path(args, commands) for args, _ in runs}
    assert covered | set(EXEMPT) == set(commands), (
        "each command runs in scenario() with --json, or is EXEMPT with its reason: "
        f"{sorted(set(commands) - covered - set(EXEMPT))}"
    )
    assert not covered & set(EXEMPT)
    key = ""
    for args, stdin in runs:
        path = _path(args, commands)
        assert any("--json" in p.opts for p in commands[path].params), f"{path}: no --json"
        rows = _json_lines(path, [a.replace("KEY", key) for a in args], stdin)
        assert rows, f"{path} --json printed no line"
        key = rows[0].get("key", key).split("_")[1] if path == "members key" else key


def _path(args: list[str], commands: dict[str, Any]) -> str:
    for size in (3, 2, 1):
        if " ".join(args[:size]) in commands:
            return " ".join(args[:size])
    raise AssertionError(f"{args}: no such command")


def _json_lines(path: str, args: list[str], stdin: str | None) -> list[dict[str, Any]]:
    done = cli.invoke([*args, "--json"], input=stdin)
    failed = done.exception is not None and not isinstance(done.exception, SystemExit)
    assert not failed, f"{path}: {done.exception!r}\n{done.output}"
    assert done.exit_code in (0, 1), f"{path}: exit code {done.exit_code}\n{done.output}"
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert all(isinstance(row, dict) for row in rows), f"{path}: {done.stdout}"
    return rows


def test_screen_json_names_each_hit_and_its_versions(tmp_path: Path, lists_dir: Path) -> None:
    cli.use(tmp_path)
    assert cli.invoke(["lists", "import", str(lists_dir / UN_OLD)]).exit_code == 0
    done = cli.invoke(["screen", "Aiman al-Zawahiri", "--json"])
    assert done.exit_code == 1, done.output
    (hit, *_) = [json.loads(line) for line in done.stdout.splitlines()]
    assert hit["key"] == "QDi.006"
    assert hit["versions"] == {"un-sc-consolidated": 1}
    assert cli.settings is not None
    assert hit["score"] >= cli.settings.alert_threshold
    quiet = cli.invoke(["screen", "Margaret Thornbury-Ellison", "--json"])
    assert quiet.exit_code == 0
    assert quiet.stdout == ""
    assert "screened against un-sc-consolidated" in quiet.stderr
