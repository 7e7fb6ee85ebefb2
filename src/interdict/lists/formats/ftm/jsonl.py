"""FollowTheMoney JSON lines: members' own lists, and lists exported by another system.

The field's exchange format (OpenSanctions, yente, Aleph, our own `lists export`): one
JSON object a line, `{"id", "schema", "properties"}`, documents as their own
`Passport` / `Identification` entities pointing at their holder. A coalition member's
own watch-list most naturally arrives this way, so it imports like any official list:
versioned, diffed, guarded, and private to the member once claimed.

The list is named after the file ("bank-a-watchlist.ftm.jsonl" → "bank-a-watchlist")
unless `lists import --list` says otherwise.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from interdict.entities.ftm import attach_documents, document_from_ftm, entity_from_ftm
from interdict.entities.model import Document, Entity
from interdict.errors import InputError, ListFormatError, ListTruncatedError
from interdict.lists.source import ParsedList, deduplicate

SUFFIXES = (".jsonl", ".json", ".ndjson", ".ftm")
_DOCUMENT_SCHEMATA = ("Passport", "Identification")


class FtmJsonLines:
    name = "ftm-jsonl"
    description = "FollowTheMoney entities, one JSON object a line (members' own lists)"

    def sniff(self, paths: Sequence[Path]) -> bool:
        if not paths or any(p.suffix.lower() not in SUFFIXES for p in paths):
            return False
        try:
            with paths[0].open("rb") as handle:
                first = next((line for line in handle if line.strip()), b"")
            record = json.loads(first)
        except (OSError, ValueError):
            return False
        return isinstance(record, dict) and "schema" in record and "properties" in record

    def parse(self, paths: Sequence[Path]) -> ParsedList:
        mains: list[tuple[Entity, int | None]] = []
        documents: dict[str, list[Document]] = {}
        for path in paths:
            for line, record in _records(path):
                try:
                    if record.get("schema") in _DOCUMENT_SCHEMATA:
                        holder, document = document_from_ftm(record)
                        documents.setdefault(holder, []).append(document)
                        continue
                    entity = entity_from_ftm(record)
                except InputError as exc:
                    raise ListFormatError(path, str(exc), line=line) from exc
                if not entity.key:
                    raise ListFormatError(path, "entity without an id", line=line, field="id")
                if not entity.names:
                    raise ListFormatError(path, "entity without a name", line=line, field="name")
                mains.append((entity, line))
        keys = {entity.key for entity, _ in mains}
        orphans = sorted(set(documents) - keys)
        if orphans:
            raise ListFormatError(
                paths[0], f"document of an entity not in the file: {orphans[0]!r}", field="holder"
            )
        entities, issues = deduplicate(
            (attach_documents(e, documents.get(e.key, ())), line) for e, line in mains
        )
        return ParsedList(
            list_name=paths[0].name.split(".", 1)[0],
            format=self.name,
            entities=entities,
            issues=issues,
        )


def _records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, JSON object) for every non-blank line."""
    try:
        with path.open(encoding="utf-8") as handle:
            for number, text in enumerate(handle, start=1):
                if not text.strip():
                    continue
                try:
                    record = json.loads(text)
                except ValueError as exc:
                    if not text.endswith("\n"):  # the last line, cut in the middle
                        raise ListTruncatedError(
                            path, "the last line is cut short (a truncated file?)", line=number
                        ) from exc
                    raise ListFormatError(path, f"not JSON: {exc.args[0]}", line=number) from exc
                if not isinstance(record, dict) or not isinstance(
                    record.get("properties", {}), dict
                ):
                    raise ListFormatError(path, "not a FollowTheMoney entity object", line=number)
                for prop, values in record.get("properties", {}).items():
                    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                        raise ListFormatError(
                            path, "a property must be a list of strings", line=number, field=prop
                        )
                yield number, record
    except UnicodeDecodeError as exc:
        raise ListFormatError(path, f"not UTF-8 text ({exc.reason})") from exc


SOURCE = FtmJsonLines()
