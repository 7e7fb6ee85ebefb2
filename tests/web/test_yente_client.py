"""nomenklatura's own yente client, pointed at the running server unchanged.

`YenteEnricher` is how OpenSanctions' tools talk to a yente instance: it posts to
`/match/{dataset}` with `Authorization: ApiKey …` and `algorithm=best`, reads
`responses`, and fetches `/entities/{id}` to expand a match. Here it talks to the live
server of tests/web/conftest.py (real HTTP over the loopback).
"""

from __future__ import annotations

from pathlib import Path

from followthemoney import Dataset, StatementEntity
from nomenklatura.cache import Cache
from nomenklatura.db import make_session
from nomenklatura.enrich.yente import YenteEnricher

from tests.web.conftest import Live


def test_nomenklatura_yente_enricher_matches_and_expands(live: Live, tmp_path: Path) -> None:
    dataset = Dataset.make({"name": "customers", "title": "Customers"})
    cache = Cache(make_session(f"sqlite:///{tmp_path / 'cache.db'}"), dataset, create=True)
    config = {
        "api": f"{live.url}/",
        "api_key": live.keys["bank-a"],
        "cache_days": 0,
        "strip_namespace": False,
    }
    enricher = YenteEnricher(dataset, cache, config)
    query = StatementEntity.from_data(
        dataset,
        {
            "id": "customer-1",
            "schema": "Person",
            "properties": {"name": ["Ayman al-Zawahiri"], "birthDate": ["1951-06-19"]},
        },
    )
    matches = list(enricher.match(query))
    assert "un-sc-consolidated/QDi.006" in [m.id for m in matches]
    (zawahiri,) = [m for m in matches if m.id == "un-sc-consolidated/QDi.006"]
    expanded = list(enricher.expand(query, zawahiri))
    assert expanded[0].id == zawahiri.id
    assert expanded[0].get("name")
