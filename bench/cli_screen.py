"""Latency and memory of one `interdict screen NAME`, cold (no snapshot) and warm.

    python bench/cli_screen.py [--database-url URL] [--name NAME] [--runs 3]

Against a store with every bundled list (`bin/demo` makes var/interdict.db, the
default). Cold: the store's screener snapshot removed first, so the command builds the
screener and writes the snapshot; warm: the snapshot is loaded. Each run is the real
command in a new process under `/usr/bin/time -v` (wall time, CPU time, peak RSS),
then the import of the CLI alone, which every command pays. The load average is
printed beside each run: on a shared machine, wall time is only as good as it.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from interdict.cli.context import snapshot_folder
from interdict.config import REPO_ROOT, Settings

INTERDICT = Path(sys.executable).parent / "interdict"
TIME_FIELDS = {
    "wall": r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)",
    "user": r"User time \(seconds\): (\S+)",
    "sys": r"System time \(seconds\): (\S+)",
    "rss_kb": r"Maximum resident set size \(kbytes\): (\d+)",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    default = f"sqlite:///{REPO_ROOT / 'var' / 'interdict.db'}"
    parser.add_argument("--database-url", default=default)
    parser.add_argument("--name", default="Ayman al-Zawahiri")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    env = {**os.environ, "INTERDICT_DATABASE_URL": args.database_url}
    shutil.rmtree(snapshot_folder(Settings(database_url=args.database_url)), ignore_errors=True)
    screen = [str(INTERDICT), "screen", args.name]
    print("run     wall s  cpu s  peak RSS MiB  load average (1, 5, 15 min)")
    report("cold", screen, env)
    for number in range(args.runs):
        report(f"warm {number + 1}", screen, env)
    report("import", [sys.executable, "-c", "import interdict.cli.app"], env)


def report(label: str, command: list[str], env: dict[str, str]) -> None:
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    done = subprocess.run(
        ["/usr/bin/time", "-v", *command], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode not in (0, 1):  # 1: the name was hit
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr}")
    found = {k: re.search(p, done.stderr) for k, p in TIME_FIELDS.items()}
    values = {k: m.group(1) for k, m in found.items() if m is not None}
    cpu = float(values["user"]) + float(values["sys"])
    rss = int(values["rss_kb"]) / 1024
    print(f"{label:7} {_seconds(values['wall']):6.2f}  {cpu:5.2f}  {rss:12.0f}  {load}")


def _seconds(elapsed: str) -> float:
    """`/usr/bin/time`'s h:mm:ss or m:ss.ss as seconds."""
    total = 0.0
    for part in elapsed.split(":"):
        total = total * 60 + float(part)
    return total


if __name__ == "__main__":
    main()
