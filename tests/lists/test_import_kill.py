"""A real `kill -9` in the middle of an import leaves the previous version active."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from sqlalchemy import Engine

from interdict.lists.importer import import_list
from interdict.lists.store import ListStore

# Imports a newer UN version and, once the first chunk of entities is written inside
# the open transaction, says so and waits to be killed.
IMPORTER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from interdict.lists.importer import import_list
    from interdict.lists.store import ListStore
    from interdict.storage.engine import open_engine

    def stall(done, total):
        print(f"written {done}/{total}", flush=True)
        time.sleep(120)

    store = ListStore(open_engine(sys.argv[1]))
    import_list(store, [Path(sys.argv[2])], progress=stall)
    """
)


def test_kill_mid_import_keeps_previous_version(
    database_url: str, engine: Engine, lists_dir: Path
) -> None:
    store = ListStore(engine)
    before = import_list(store, [lists_dir / "un-consolidated-2018-06-07.xml"]).version

    newer = lists_dir / "un-consolidated-2018-06-21.xml"
    with subprocess.Popen(
        [sys.executable, "-c", IMPORTER, database_url, str(newer)],
        stdout=subprocess.PIPE,
        text=True,
    ) as child:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.startswith("written 500/"), line
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    engine.dispose()  # fresh connections, as after a restart
    store = ListStore(engine)
    assert [v.id for v in store.versions("un-sc-consolidated")] == [before.id]
    assert sum(1 for _ in store.entities(before.id)) == before.entity_count
    after = import_list(store, [newer]).version
    assert after.number == 2
    assert after.previous_id == before.id
