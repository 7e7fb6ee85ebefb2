"""The exceptions Interdict raises, grouped by what the caller can do about them.

InterdictError                  base; carries an exit code and an HTTP status
├── InputError                  the caller gave us something unusable: fix the input
│   ├── ListFormatError         a list file is malformed (names file, line, field)
│   ├── UnknownFormatError      no registered parser recognises the file
│   └── NotFoundError           a list, version or entity that does not exist
├── GuardError                  the input is well-formed but refused by a safety guard
│   ├── ListShrinkError         the new version drops too many entities
│   └── DuplicateRecordError    the file has contradictory records under one key
├── AuthenticationError         no valid API key: the caller must authenticate
├── SourceUnavailableError      a remote source could not be reached: retry later
└── StoreError                  the database is unreachable or inconsistent
"""

from __future__ import annotations

from pathlib import Path


class InterdictError(Exception):
    """Base of every error Interdict raises on purpose."""

    exit_code: int = 2
    http_status: int = 500


class InputError(InterdictError):
    """The caller's input cannot be used as given."""

    exit_code = 2
    http_status = 422


class ListFormatError(InputError):
    """A list file does not follow its format; the message points at the exact place."""

    def __init__(
        self,
        path: Path | str,
        message: str,
        *,
        line: int | None = None,
        element: str | None = None,
        field: str | None = None,
        value: str | None = None,
    ) -> None:
        self.path = str(path)
        self.line = line
        self.element = element
        self.field = field
        self.value = value
        self.reason = message
        where = [self.path]
        if line is not None:
            where.append(f"line {line}")
        if element is not None:
            where.append(f"element {element}")
        if field is not None:
            where.append(f"field {field}")
        text = f"{', '.join(where)}: {message}"
        if value is not None:
            text += f" (got {value[:80]!r})"
        super().__init__(text)


class UnknownFormatError(InputError):
    """No registered list source recognises the given files."""


class NotFoundError(InputError):
    """A named list, version or entity does not exist."""

    http_status = 404


class GuardError(InterdictError):
    """A well-formed input refused by a safety guard; an operator may override it."""

    exit_code = 3
    http_status = 409


class ListShrinkError(GuardError):
    """The new version would remove more entities than the allowed share."""


class DuplicateRecordError(GuardError):
    """The file holds contradictory records under one key."""


class AuthenticationError(InterdictError):
    """The request carries no valid credentials."""

    exit_code = 6
    http_status = 401


class SourceUnavailableError(InterdictError):
    """A remote list source could not be fetched (no network, HTTP error, bad checksum)."""

    exit_code = 4
    http_status = 503


class StoreError(InterdictError):
    """The database could not be used."""

    exit_code = 5
    http_status = 503
