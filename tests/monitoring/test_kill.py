"""kill -9 during monitoring: no half-written alert, and `monitor run` completes the run.

A child process imports UN 2018-06-21 into a store whose book holds the two new
designations among generated customers, and kills itself (SIGKILL) in the middle of
the re-screening, after the first chunk's alerts were written and before the last's.
The parent then runs `interdict monitor run`: the interrupted run is finished, each
alert exists once, every alert carries its mark, and the audit chain verifies.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from typer.testing import CliRunner

from interdict.cli.app import app
from interdict.config import Settings
from interdict.review.alert import AlertMark
from interdict.services import build_services

from .conftest import PLANTED, UN_NEW, UN_OLD, write_book


def test_a_killed_monitoring_run_is_completed_by_the_next_run(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'kill.db'}")
    svc = build_services(settings, create=True)
    svc.import_list([UN_OLD], actor="test")
    bank = svc.members.create_member("bank-a")
    # Planted twice: ids sorting first (the first chunk re-screened) and last, so the
    # kill falls between their alerts.
    later = ["Myrna Adjul Mabanza", "Abdulpatta Abubakar Escalon"]  # other spellings
    planted = PLANTED + [
        {**row, "id": "Z" + row["id"], "name": name}
        for row, name in zip(PLANTED, later, strict=True)
    ]
    svc.import_book(write_book(tmp_path / "book.csv", 300, planted), bank, "retail", actor="t")
    svc.close()

    script = textwrap.dedent(
        """
        import os, signal, sys
        from pathlib import Path
        from interdict.config import Settings
        from interdict.services import build_services
        from interdict.services.monitoring import MonitoringOperations

        svc = build_services(Settings(database_url=sys.argv[1]))
        reports = []

        def progress(phase, done, total):
            reports.append(phase)
            if phase.startswith("re-screening") and len(reports) >= 2:
                os.kill(os.getpid(), signal.SIGKILL)

        def monitor(version, *, actor):
            run = MonitoringOperations.monitor_version
            return run(svc, version, actor=actor, progress=progress)

        svc.monitor_version = monitor
        svc.import_list([Path(sys.argv[2])], actor="child")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script, settings.database_url, str(UN_NEW)], check=False
    )
    assert done.returncode == -signal.SIGKILL

    svc = build_services(settings)
    assert [r.finished_at for r in svc.monitoring.unfinished_runs()] == [None]
    written = len(svc.reviews.alerts(bank.id))
    result = CliRunner().invoke(app, ["monitor", "run"], obj=settings)
    assert result.exit_code == 0, result.output
    assert svc.monitoring.unfinished_runs() == []
    alerts = svc.reviews.alerts(bank.id)
    new = [
        a
        for a in alerts
        if a.draft.list_version == svc.lists.active_version("un-sc-consolidated").id
    ]
    assert len(alerts) > written
    assert sorted(a.subject_name for a in new) == sorted(r["name"] for r in planted)
    marks = svc.monitoring.marks(bank.id)
    assert all(marks[a.id] == [AlertMark.NEW_DESIGNATION.value] for a in new)
    assert svc.audit.verify() > 0
    status = CliRunner().invoke(app, ["monitor", "status"], obj=settings)
    assert "unfinished" not in status.output
    svc.close()
