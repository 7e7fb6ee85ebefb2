"""The exceptions Interdict raises, grouped by what the caller can do about them.

InterdictError                  base; carries an exit code and an HTTP status
├── InputError                  the caller gave us something unusable: fix the input
│   ├── ListFormatError         a list file is malformed (names file, line, field)
│   │   └── ListTruncatedError  a list file was cut short (its end mark, closing element or count)
│   ├── UnknownFormatError      no registered parser recognises the file
│   ├── NotFoundError           a list, version or entity that does not exist
│   └── ConfigError             a setting has a value it cannot take
├── GuardError                  the input is well-formed but refused by a safety guard
│   ├── ListShrinkError         the new version drops too many entities, names or aliases
│   ├── ListRollbackError       the files are an older publication than the active version
│   └── DuplicateRecordError    the file has contradictory records under one key
├── AuthenticationError         no valid API key: the caller must authenticate
│   └── ThrottledError          too many failed logins: wait before trying again
├── SourceUnavailableError      a remote source could not be reached: retry later
├── NotReadyError               no list (or a failed one) in scope: nothing was screened
├── RequestTimeoutError         the request's work ran past its time limit: send less at once
└── StoreError                  the database is unreachable or inconsistent
    └── StoreUnavailableError   it cannot answer now (down, a lock or timeout ran out): retry
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


class ListTruncatedError(ListFormatError):
    """A list file ends before its format says it does: cut in transit, never a shorter list."""


class UnknownFormatError(InputError):
    """No registered list source recognises the given files."""


class NotFoundError(InputError):
    """A named list, version or entity does not exist."""

    http_status = 404


class ConfigError(InputError):
    """A setting (environment variable or option) holds a value it cannot take."""


class GuardError(InterdictError):
    """A well-formed input refused by a safety guard; an operator may override it."""

    exit_code = 3
    http_status = 409


class ListShrinkError(GuardError):
    """The new version would remove more entities, names or aliases than the allowed share."""


class ListRollbackError(GuardError):
    """The files are an older publication than the list's active version.

    Importing them would make older content active again; an operator who means it
    passes `allow_older` (`--allow-older`).
    """

    def __init__(self, list_name: str, active: str, offered: str) -> None:
        self.list_name = list_name
        self.active = active
        self.offered = offered
        super().__init__(
            f"{list_name}: the files are an older publication ({offered}) than the active "
            f"version ({active}); importing them would roll the list back. "
            "Pass --allow-older if that is meant."
        )


class DuplicateRecordError(GuardError):
    """The file holds contradictory records under one key."""


class AuthenticationError(InterdictError):
    """The request carries no valid credentials."""

    exit_code = 6
    http_status = 401


class ThrottledError(AuthenticationError):
    """Too many failed logins in a row for this account or address: wait, then retry."""

    http_status = 429

    def __init__(self, wait_s: float) -> None:
        self.wait_s = wait_s
        super().__init__(f"too many failed logins: try again in {max(1, round(wait_s))} s")


class SourceUnavailableError(InterdictError):
    """A remote list source could not be fetched (no network, HTTP error, bad checksum)."""

    exit_code = 4
    http_status = 503


class NotReadyError(InterdictError):
    """Screening cannot answer: no list in scope is loaded, or one failed to load.

    Fail closed: "no hit" would claim a screen that never happened.
    """

    exit_code = 9
    http_status = 503


class RequestTimeoutError(InterdictError):
    """A request's work ran past INTERDICT_API_REQUEST_TIMEOUT_S and was stopped.

    What it finished before the limit (a batch's first queries, their alerts and audit
    records) stays done; the rest was never screened.
    """

    exit_code = 10
    http_status = 504

    def __init__(self, limit_s: float) -> None:
        self.limit_s = limit_s
        super().__init__(
            f"the request ran past its time limit of {limit_s:g} s "
            "(INTERDICT_API_REQUEST_TIMEOUT_S) and was stopped: send less at once"
        )


class StoreError(InterdictError):
    """The database could not be used."""

    exit_code = 5
    http_status = 503


class StoreUnavailableError(StoreError):
    """The database cannot answer now: unreachable, every connection busy, or a lock or
    statement timeout ran out. Nothing was written; the same call may be retried."""
