"""Interdict: counter-terrorism screening against designation lists and hash banks."""

from interdict.errors import InterdictError

__all__ = ["InterdictError", "__version__"]

__version__ = "0.1.0"
