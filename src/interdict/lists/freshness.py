"""How fresh each list is: its publisher's update cadence, and whether it was missed.

A screener must know when it screens against an old copy: a list that should change
weekly and was last published three months ago means new designations are missing.
Each official list has an expected cadence — the longest its publisher normally goes
without a new publication — and a version older than that is stale. Age is counted
from the publication date the files state, or from the import when they state none
(OFAC's legacy CSV, Canada's SEMA file). A list with no known cadence (a member's own
list) is never called stale: nobody but its owner knows when it should change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from interdict.lists.version import VersionInfo

#: Longest normal gap between two publications, by list name. The UN, OFAC and the EU
#: publish several times a month; the UK's OFSI list changed weekly or more while it
#: was kept (it was frozen on 2026-01-28 in favour of the FCDO's UK Sanctions List);
#: Canada and Australia amend theirs a few times a month at busy times, monthly at
#: least. A gap longer than this is worth an operator's look.
CADENCES: dict[str, timedelta] = {
    "un-sc-consolidated": timedelta(days=14),
    "ofac-sdn": timedelta(days=14),
    "ofac-consolidated": timedelta(days=31),
    "uk-hmt-consolidated": timedelta(days=14),
    "eu-fsf-consolidated": timedelta(days=14),
    "ca-sema-consolidated": timedelta(days=31),
    "au-dfat-consolidated": timedelta(days=31),
}


@dataclass(frozen=True, slots=True)
class Freshness:
    """A version's age against its list's cadence."""

    list_name: str
    as_of: date  # the publication date, or the import date when none is stated
    age_days: int
    cadence_days: int | None  # None: no known cadence
    is_dated: bool = True  # False: the files state no date, `as_of` is the import

    @property
    def is_stale(self) -> bool:
        return self.cadence_days is not None and self.age_days > self.cadence_days

    def describe(self) -> str:
        age = (
            f"{self.age_days} days old"
            if self.is_dated
            else (f"no publication date, imported {self.age_days} days ago")
        )
        if self.cadence_days is None:
            return f"{age} (no expected cadence)"
        # An undated file imported today may still be an old copy: never call it fresh.
        state = "STALE" if self.is_stale else ("fresh" if self.is_dated else "unknown")
        return f"{state}: {age}, expected every {self.cadence_days} days"


def freshness_of(version: VersionInfo, now: datetime | None = None) -> Freshness:
    """How old `version` is against its list's expected cadence."""
    now = now or datetime.now(UTC)
    published = _published_date(version.published)
    as_of = published or version.imported_at.date()
    cadence = CADENCES.get(version.list_name)
    return Freshness(
        version.list_name,
        as_of,
        (now.date() - as_of).days,
        None if cadence is None else cadence.days,
        is_dated=published is not None,
    )


def _published_date(published: str | None) -> date | None:
    """The stated publication date; a year or month alone counts from its last day."""
    if not published:
        return None
    parts = [int(p) for p in published[:10].split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        following = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return following - timedelta(days=1)
    return date(parts[0], 12, 31)
