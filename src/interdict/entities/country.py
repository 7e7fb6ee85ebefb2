"""Country names and codes as lists write them, reduced to ISO 3166-1 alpha-2.

Rigour's territory table (the data behind FollowTheMoney's country type) knows the
official, short and historical names ("Syrian Arab Republic", "Russian Federation").
We index its names once with a cheap key, because FollowTheMoney's own fuzzy lookup
transliterates its whole table on first use (about 4 s, paid by every CLI call);
that lookup remains the fallback for spellings the index lacks. Both libraries are
imported when a country is first read, not with this module: importing them costs
about 0.4 s, which a command that reads no country (`interdict screen NAME`) should not pay.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Spellings seen in designation lists that FollowTheMoney does not resolve on its own.
_EXTRA_SPELLINGS = {
    "democratic people's republic of korea": "kp",
    "republic of korea": "kr",
    "iran (islamic republic of)": "ir",
    "united republic of tanzania": "tz",
    "libyan arab jamahiriya": "ly",
    "state of palestine": "ps",
    "palestinian": "ps",
    "gaza": "ps",
    "west bank": "ps",
    "kosovo": "xk",
    "bosnia and herzegovina": "ba",
    "burma": "mm",
    "syria": "sy",
    "region: gaza": "ps",
    "region: west bank": "ps",
    "united kingdom of great britain and northern ireland": "gb",
    "uk": "gb",
    "the former yugoslav republic of macedonia": "mk",
}


@lru_cache(maxsize=4096)
def country_code(text: str) -> str | None:
    """Return the lower-case ISO alpha-2 code for a country name or code, or None."""
    cleaned = " ".join(text.replace("\u00a0", " ").split()).strip(" .,;")
    if not cleaned:
        return None
    known = _name_index().get(_key(cleaned))
    if known is not None:
        return known
    from followthemoney.types import registry

    code = registry.country.clean(cleaned)
    return str(code) if code else None


def load_country_names() -> None:
    """Import the libraries and index the names now rather than on the first country
    read: a server calls this at start, so that its first request with a nationality,
    an address or a passport does not wait ~0.7–1.2 s (followthemoney reads its whole
    model from YAML when imported) while later ones take ~10 ms."""
    _name_index()


def _key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum())


@lru_cache(maxsize=1)
def _name_index() -> dict[str, str]:
    from followthemoney.types import registry
    from rigour.territories import get_territories

    index: dict[str, str] = {}
    for territory in get_territories():
        code = territory.ftm_country
        if not code:
            continue
        for name in (territory.name, territory.full_name, territory.code, territory.alpha3):
            if name:
                index.setdefault(_key(name), code)
    for code, label in registry.country.names.items():
        index.setdefault(_key(str(label)), str(code))
        index.setdefault(_key(str(code)), str(code))
    index.update((_key(name), code) for name, code in _EXTRA_SPELLINGS.items())
    return index
