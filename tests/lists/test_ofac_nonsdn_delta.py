"""The OFAC consolidated (non-SDN) list, 2018-04-06 → 2022-03-24: a real four-year delta.

The 2022 list is 28% shorter (639 → 462 entries), so the shrink guard refuses it by
default and the operator accepts it knowingly; it is not a bundled version for that
reason (data/lists/manifest.json).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from interdict.errors import ListShrinkError
from interdict.lists.importer import import_list
from interdict.lists.store import ListStore

OLD = "ofac-consolidated-nonsdn-2018-04-06.xml"
NEW = "ofac-consolidated-nonsdn-2022-03-24.xml"


@pytest.fixture
def store(engine: Engine) -> ListStore:
    return ListStore(engine)


def test_the_2022_list_is_refused_as_a_shrink_then_diffs_when_accepted(
    lists_dir: Path, store: ListStore
) -> None:
    old = import_list(store, [lists_dir / OLD]).version
    with pytest.raises(ListShrinkError, match="462 entities, 177 fewer than the 639"):
        import_list(store, [lists_dir / NEW])
    new = import_list(store, [lists_dir / NEW], shrink_limit=None).version
    assert (new.published, new.entity_count) == ("2022-03-24", 462)
    delta = store.diff(old.id, new.id)
    assert (delta.added, delta.removed, delta.amended) == (92, 269, 197)
