"""`interdict books import`, `books show`, `monitor status` and `monitor run`; clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from interdict.errors import InputError, NotFoundError

from ..conftest import CliHarness


@pytest.fixture
def cli(tmp_path: Path) -> CliHarness:
    harness = CliHarness()
    harness.use(tmp_path)
    assert harness.invoke(["members", "add", "bank-a"]).exit_code == 0
    return harness


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_book_is_imported_shown_and_its_runs_listed(cli: CliHarness, tmp_path: Path) -> None:
    book = _write(tmp_path / "book.csv", "id,name,dob\n1,Anna Berg,1970\n2,Li Wei,\n")
    done = cli.invoke(["books", "import", str(book), "--member", "bank-a", "--book", "retail"])
    assert done.exit_code == 0, done.output
    assert "2 added, 0 changed, 0 removed, 0 unchanged" in done.output
    shown = cli.invoke(["books", "show", "--member", "bank-a"])
    assert "retail" in shown.output
    status = cli.invoke(["monitor", "status"])
    assert status.exit_code == 0, status.output
    assert "book import" in status.output
    assert cli.invoke(["monitor", "run"]).exit_code == 0


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        (
            "id,customer\n1,Anna Berg\n",
            InputError,
            "no 'name' column; columns found: 'id', 'customer'",
        ),
        ("name\nAnna Berg\n", InputError, "no 'id' column"),
        ("id,name\n1,Anna Berg\n1,Li Wei\n", InputError, "row 2: id: '1' appears twice"),
    ],
)
def test_a_bad_book_is_refused_naming_what_is_wrong(
    cli: CliHarness, tmp_path: Path, text: str, error: type[Exception], message: str
) -> None:
    book = _write(tmp_path / "bad.csv", text)
    done = cli.invoke(["books", "import", str(book), "--member", "bank-a", "--book", "b"])
    assert isinstance(done.exception, error)
    assert message in str(done.exception)
    assert cli.invoke(["books", "show"]).output.count("bank-a") == 0  # nothing stored


def test_an_unknown_member_is_named(cli: CliHarness, tmp_path: Path) -> None:
    book = _write(tmp_path / "book.csv", "id,name\n1,Anna Berg\n")
    done = cli.invoke(["books", "import", str(book), "--member", "nobody", "--book", "b"])
    assert isinstance(done.exception, NotFoundError)
    assert "no member named 'nobody'" in str(done.exception)
