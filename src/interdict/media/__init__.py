"""Media screening: hash images and videos, keep known hashes in banks, screen uploads.

Built-in signal types register here, one line each, the way a plugin would
(`SignalType` in signal.py is the one extension point). The flow: `hash_content`
(content.py) hashes a file with every registered type; `BankStore` (store.py) keeps
versioned banks of known signals; `BankIndexes` (index.py) keeps an index per bank
and signal family; `MediaScreener` (screen.py) turns signals into hits.
"""

from interdict.media.bank import Bank, BankEntry, BankVersion
from interdict.media.content import ContentHashes, hash_content
from interdict.media.errors import (
    MediaFormatError,
    MediaTooLargeError,
    SignalValueError,
    UploadTooLargeError,
)
from interdict.media.exact import MD5, SHA256, ExactIndex, ExactSignal
from interdict.media.hamming import HammingSignalIndex
from interdict.media.pdq import PDQ_MATCH_DISTANCE, Dihedral, PdqSignal, pdq_dihedral, pdq_hash
from interdict.media.signal import (
    SIGNALS,
    ContentKind,
    HashOptions,
    Signal,
    SignalIndex,
    SignalType,
    register,
    registered,
)
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
    "ExactIndex",
    "ExactSignal",
    "HammingSignalIndex",
    "HashOptions",
    "MediaFormatError",
    "MediaTooLargeError",
    "PdqSignal",
    "Signal",
    "SignalIndex",
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
    "registered",
]
