"""Screening subjects against the active versions of every list."""
