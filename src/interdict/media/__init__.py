"""Media screening: hash images and videos, keep known hashes in banks, screen uploads.

Built-in signal types register here, one line each, the way a plugin would. The
flow: `hash_content` (content.py) turns a file into signals; `BankStore` (store.py)
keeps versioned banks of known signals; `BankIndexes` (index.py) keeps a Hamming
index per bank; `MediaScreener` (screen.py) turns signals into hits.
"""

from interdict.media.bank import Bank, BankEntry, BankVersion
from interdict.media.content import ContentHashes, ContentKind, hash_content
from interdict.media.errors import (
    MediaFormatError,
    MediaTooLargeError,
    SignalValueError,
    UploadTooLargeError,
)
from interdict.media.exact import MD5, SHA256, ExactSignal
from interdict.media.pdq import PDQ_MATCH_DISTANCE, Dihedral, PdqSignal, pdq_dihedral, pdq_hash
from interdict.media.signal import SIGNALS, Signal, SignalType, register
from interdict.media.video import VideoMatch, VpdqSignal, match_videos

register(PdqSignal())
register(VpdqSignal())
register(MD5)
register(SHA256)

__all__ = [
    "MD5",
    "PDQ_MATCH_DISTANCE",
    "SHA256",
    "SIGNALS",
    "Bank",
    "BankEntry",
    "BankVersion",
    "ContentHashes",
    "ContentKind",
    "Dihedral",
    "ExactSignal",
    "MediaFormatError",
    "MediaTooLargeError",
    "PdqSignal",
    "Signal",
    "SignalType",
    "SignalValueError",
    "UploadTooLargeError",
    "VideoMatch",
    "VpdqSignal",
    "hash_content",
    "match_videos",
    "pdq_dihedral",
    "pdq_hash",
    "register",
]
