"""The Docker image and compose file: checked where a Docker engine runs, skipped with the
reason where none does (CI machines of this project have the client only)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _engine() -> str | None:
    docker = shutil.which("docker")
    if docker is None:
        return "no docker client"
    probe = subprocess.run([docker, "info"], capture_output=True, text=True, check=False)
    return None if probe.returncode == 0 else "no Docker engine running (docker info failed)"


def test_the_compose_file_is_valid() -> None:
    reason = _engine()
    if reason:
        pytest.skip(reason)
    done = subprocess.run(
        ["docker", "compose", "config", "--quiet"],
        cwd=ROOT,
        env={"INTERDICT_DB_PASSWORD": "x", "PATH": "/usr/bin:/bin:/usr/local/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_the_image_runs_as_a_user_and_carries_the_lists() -> None:
    text = (ROOT / "Dockerfile").read_text()
    assert "\nUSER interdict\n" in text
    assert "COPY data/lists" in text
    assert "readyz" in text
