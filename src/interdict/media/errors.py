"""Errors of media screening, placed in the `interdict.errors` tree.

InputError (interdict.errors)
├── MediaFormatError      a file is not a readable image or video (corrupt, truncated, text)
├── UploadTooLargeError   an upload over the size cap (HTTP 413)
└── SignalValueError      a hash value is malformed for its signal type
GuardError (interdict.errors)
└── MediaTooLargeError    a well-formed file declares more pixels or frames than allowed
"""

from __future__ import annotations

from pathlib import Path

from interdict.errors import GuardError, InputError


class MediaFormatError(InputError):
    """The file cannot be decoded as the media we expected; the message says why."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class SignalValueError(InputError):
    """A hash value does not have the shape its signal type requires."""

    def __init__(self, signal_type: str, value: str, expected: str) -> None:
        self.signal_type = signal_type
        self.value = value
        self.expected = expected
        super().__init__(f"{signal_type} value {value[:80]!r} is invalid: expected {expected}")


class MediaTooLargeError(GuardError):
    """A decompression bomb guard: the file declares more than the configured limit.

    A GuardError rather than an InputError because the file may be perfectly valid;
    an operator can raise the limit for a known-good large file.
    """

    def __init__(self, path: Path | str, size: int, limit: int, unit: str = "pixels") -> None:
        self.path = str(path)
        self.size = size
        self.limit = limit
        self.unit = unit
        super().__init__(f"{self.path}: declares {size:,} {unit}, over the limit of {limit:,}")


class UploadTooLargeError(InputError):
    """An upload is over the configured size cap; refused before it is hashed."""

    http_status = 413

    def __init__(self, size: int, limit: int) -> None:
        self.size = size
        self.limit = limit
        super().__init__(f"file: upload of {size:,} bytes or more is over the {limit:,}-byte limit")
