"""A digest of packages' source files: what prepared data and kept answers rest on.

A snapshot of prepared entities (spark/snapshot.py) is only as good as the matching
code that prepared it, and a clean answer one worker shares with another
(screening/shared_answers.py) only as good as the screening and matching code that gave
it: each is stamped with the digest of those packages' files, and refused under
another.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from types import ModuleType


def source_digest(*packages: ModuleType) -> str:
    """SHA-256 (hex) of the `.py` and `.tsv` files of each package's own folder, by
    name and content, packages in the order given."""
    digest = hashlib.sha256()
    for package in packages:
        if package.__file__ is None:
            raise TypeError(f"{package.__name__} has no source folder")
        folder = Path(package.__file__).parent
        for path in sorted(folder.glob("*.py")) + sorted(folder.glob("*.tsv")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
