"""Worst time and peak memory of one API request at each default limit.

    python bench/request_limits.py [--lists un|all]

For every bound of docs/deployment.md, a request exactly at the limit (or just over,
for those that must be refused) is sent to the app in-process (`create_app`, as
`interdict serve` runs it) in a fresh Python process of its own: the process warms up
(lists loaded, one small screen), then the timed request runs, and the table shows its
wall time and how much the process's peak RSS grew (ru_maxrss) while it ran. Targets
(issue 16): at most 2 s and 1 GiB per request at the defaults.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
LISTS = ROOT / "data" / "lists"
WORDS = [
    "Abdul", "Rahman", "Mohammed", "al", "Hassan", "Khalid", "bin", "Omar", "Yusuf", "Tariq",
    "Garcia", "Ivanova", "Nguyen", "Okafor", "Kowalski", "Zawahiri", "Haqqani", "Baghdadi",
]  # fmt: skip

CASES = {
    "screen: 10 names x 200 chars": "names",
    "batch: 25 queries x 1 name x 200 chars (5,000 chars)": "batch",
    "batch: 100 queries x 1 name x 50 chars": "batch_ordinary",
    "body 1 MB over the limit, streamed": "body",
    "anonymous 10 GB declared upload": "anonymous",
    "image: 50 megapixels (7071 x 7071 PNG)": "image",
    "image: 50 megapixels (7071 x 7071 JPEG)": "image_jpeg",
}


def long_name(rng: random.Random, chars: int = 200) -> str:
    words: list[str] = []
    while len(" ".join(words)) < chars - 12:
        words.append(rng.choice(WORDS))
    return " ".join(words)[:chars]


def query(rng: random.Random, names: int = 10, chars: int = 200) -> dict[str, object]:
    return {
        "schema": "Person",
        "properties": {"name": [long_name(rng, chars) for _ in range(names)]},
    }


def run_case(case: str, database_url: str, key: str, folder: Path) -> dict[str, float | int]:
    """In a fresh process: warm up, then time one request and its peak-RSS growth."""
    import resource

    from fastapi.testclient import TestClient

    from interdict.api.app import create_app
    from interdict.config import Settings

    rng = random.Random(7)
    headers = {"Authorization": f"Bearer {key}"}
    with TestClient(create_app(Settings(database_url=database_url))) as client:
        warm = {"schema": "Person", "properties": {"name": ["Ayman al Zawahiri"]}}
        client.post("/v1/screen", json=warm, headers=headers)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        if case == "names":
            status = client.post("/v1/screen", json=query(rng), headers=headers).status_code
        elif case in ("batch", "batch_ordinary"):
            count, chars = (25, 200) if case == "batch" else (100, 50)
            body = {"queries": {str(i): query(rng, 1, chars) for i in range(count)}}
            status = client.post("/v1/screen/batch", json=body, headers=headers).status_code
        elif case == "body":
            chunks = (b"x" * 65536 for _ in range(16))
            status = client.post("/v1/screen", content=chunks, headers=headers).status_code
        elif case == "anonymous":
            length = {"content-length": str(10**10)}
            status = client.post("/v1/media/hash", content=b"", headers=length).status_code
        else:
            image = folder / ("big.jpg" if case == "image_jpeg" else "big.png")
            files = {"file": (image.name, image.read_bytes(), "application/octet-stream")}
            status = client.post("/v1/media/hash", files=files, headers=headers).status_code
        seconds = time.perf_counter() - started
        grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    return {"status": status, "seconds": seconds, "peak_growth_mb": grown / 1024}


def prepare(folder: Path, which: str) -> tuple[str, str]:
    from PIL import Image, ImageDraw

    from interdict.config import Settings
    from interdict.services import build_services

    url = f"sqlite:///{folder / 'limits.db'}"
    svc = build_services(Settings(database_url=url), create=True)
    if which == "un":
        svc.import_list([LISTS / "un-consolidated-2026-02-27.xml"], actor="bench")
    else:
        svc.import_bundled(actor="bench")
    key = svc.members.issue_key(svc.members.create_member("bench"))
    svc.close()
    image = Image.new("RGB", (7071, 7071), "white")
    draw = ImageDraw.Draw(image)
    for i in range(0, 7071, 300):
        draw.line((0, i, 7071, 7071 - i), fill=(i % 255, 40, 90), width=25)
    image.save(folder / "big.png")
    image.save(folder / "big.jpg", quality=90)
    return url, key


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lists", choices=("un", "all"), default="all")
    parser.add_argument("--case", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    parser.add_argument("--key", help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:  # the child process
        print(json.dumps(run_case(args.case, args.database_url, args.key, args.folder)))
        return 0
    console = Console(width=120)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url, key = prepare(folder, args.lists)
        table = Table(title=f"One request at each limit ({platform.node()}, lists: {args.lists})")
        for column in ("request", "HTTP", "seconds", "peak RSS growth (MB)"):
            table.add_column(column)
        for label, case in CASES.items():
            done = subprocess.run(
                [sys.executable, __file__, "--case", case, "--database-url", url,
                 "--key", key, "--folder", str(folder)],
                capture_output=True, text=True, check=True, cwd=ROOT,
            )  # fmt: skip
            result = json.loads(done.stdout.strip().splitlines()[-1])
            table.add_row(
                label,
                str(result["status"]),
                f"{result['seconds']:.2f}",
                f"{result['peak_growth_mb']:.0f}",
            )
        console.print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
