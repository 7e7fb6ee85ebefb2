"""Entity encodings: the store's canonical JSON and FollowTheMoney."""

from __future__ import annotations

from followthemoney import model

from interdict.entities.codec import content_hash, entity_from_dict, entity_json, entity_to_dict
from interdict.entities.ftm import entities_from_ftm, entity_to_ftm
from interdict.entities.model import (
    Address,
    BirthDate,
    Document,
    DocumentKind,
    Entity,
    Gender,
    Name,
    NameKind,
    NamePart,
    NamePartKind,
    NameStrength,
    Schema,
)

PERSON = Entity(
    key="QDi.999",
    schema=Schema.PERSON,
    names=(
        Name("ABU BAKR AL-BAGHDADI", parts=(NamePart(NamePartKind.GIVEN, "ABU BAKR"),)),
        Name("أبو بكر البغدادي", script="Arab"),
        Name("Abu Du'a", NameKind.ALIAS, NameStrength.GOOD),
        Name("Dr. Ibrahim", NameKind.ALIAS, NameStrength.LOW),
    ),
    reference="QDi.999",
    programs=("QD",),
    listed_on="2011-10-05",
    gender=Gender.MALE,
    birth_dates=(BirthDate("1971", circa=True, text="circa 1971"), BirthDate("1971-07-28")),
    birth_places=("Samarra, Iraq",),
    nationalities=("iq",),
    documents=(Document(DocumentKind.PASSPORT, "A1234567", "iq", "expired"),),
    addresses=(Address("Raqqa, Syria", "Raqqa", "sy"),),
    remarks="Leader of the group.",
)


def test_canonical_json_round_trips_and_is_stable() -> None:
    assert entity_from_dict(entity_to_dict(PERSON)) == PERSON
    assert content_hash(entity_json(PERSON)) == content_hash(
        entity_json(entity_from_dict(entity_to_dict(PERSON)))
    )


def test_ftm_export_is_valid_and_keeps_documents() -> None:
    records = entity_to_ftm(PERSON)
    main, passport = records
    proxy = model.get_proxy(main)
    assert proxy.schema.name == "Person"
    assert "Dr. Ibrahim" in proxy.get("weakAlias")
    assert proxy.get("nationality") == ["iq"]
    assert passport["schema"] == "Passport"
    assert passport["properties"]["holder"] == ["QDi.999"]

    back = next(entities_from_ftm(records))
    assert back.documents == (Document(DocumentKind.PASSPORT, "A1234567", "iq", "expired"),)
    assert [b.start for b in back.birth_dates] == ["1971", "1971-07-28"]
    assert back.gender is Gender.MALE


def test_ftm_import_accepts_country_names() -> None:
    record = {
        "id": "q1",
        "schema": "Person",
        "properties": {
            "name": ["X"],
            "nationality": ["Syrian Arab Republic"],
            "birthDate": ["1960"],
        },
    }
    entity = next(entities_from_ftm([record]))
    assert entity.nationalities == ("sy",)
