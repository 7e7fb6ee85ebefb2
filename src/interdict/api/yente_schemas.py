"""Request and response bodies of the yente-compatible endpoints (api/yente.py).

Shaped like yente's own (`yente/data/common.py`), so a client written for yente or
for the OpenSanctions API reads them unchanged: FollowTheMoney entities, `responses`
of `results` with `score`, `match` and `features`, the matcher's feature docs and
the `limit`. What yente does not have is added beside it (`explanations`,
`alert_id`, `versions`, `warnings`) and never replaces one of its fields.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from interdict.matching import evidence


class EntityExample(BaseModel):
    """One query: yente accepts a property as one string or a list of values."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    id: str | None = None
    schema_: str = Field(alias="schema", examples=["Person"])
    properties: dict[str, str | list[Any]] = Field(examples=[{"name": ["John Doe"]}])

    def values(self) -> dict[str, list[str]]:
        """Every property as a list of strings."""
        return {
            prop: [str(v) for v in ([raw] if isinstance(raw, str) else raw) if v is not None]
            for prop, raw in self.properties.items()
        }


class MatchRequest(BaseModel):
    """`queries` are checked one by one (api/yente.py), so a bad one is named, not fatal;
    any other field (`weights`, `config`) is accepted and answered with a warning."""

    model_config = ConfigDict(extra="allow")

    queries: dict[str, dict[str, Any]]
    weights: dict[str, float] = Field(default_factory=dict)


class TotalSpec(BaseModel):
    value: int
    relation: str = "eq"


class Explanation(BaseModel):
    score: float
    detail: str


class EntityResponse(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    id: str
    caption: str
    schema_: str = Field(alias="schema")
    properties: dict[str, list[str]]
    datasets: list[str]
    referents: list[str] = Field(
        default_factory=list, description="Other listings of the same designation."
    )
    target: bool = True
    first_seen: datetime | None = None
    last_seen: datetime | None = Field(
        default=None, description="When the list version holding it was imported."
    )
    last_change: datetime | None = None
    list_version: int


class ScoredEntityResponse(EntityResponse):
    score: float
    features: dict[str, float]
    match: bool
    explanations: dict[str, Explanation]
    alert_id: int | None = None
    suppressed_by: int | None = None


class EntityMatches(BaseModel):
    status: int = 200
    detail: str | None = Field(default=None, description="Why this query was not answered.")
    results: list[ScoredEntityResponse] = Field(default_factory=list)
    total: TotalSpec = Field(default_factory=lambda: TotalSpec(value=0))
    query: dict[str, Any]


class FeatureDoc(BaseModel):
    description: str
    coefficient: float
    url: str | None = None


class EntityMatchResponse(BaseModel):
    responses: dict[str, EntityMatches]
    matcher: dict[str, FeatureDoc]
    limit: int
    algorithm: str
    threshold: float
    cutoff: float
    datasets: list[str]
    versions: dict[str, int]
    warnings: list[str] = Field(default_factory=list)


class SearchResult(EntityResponse):
    score: float


class SearchResponse(BaseModel):
    results: list[SearchResult]
    total: TotalSpec
    limit: int
    offset: int = 0
    facets: dict[str, Any] = Field(default_factory=dict)


class DatasetModel(BaseModel):
    name: str
    title: str
    summary: str | None = None
    url: str | None = None
    load: bool = True
    entities_url: str | None = None
    version: str
    index_version: str | None = None
    index_current: bool
    children: list[str] = Field(default_factory=list)
    published: str | None = None
    entity_count: int | None = None
    last_change: datetime | None = None


class DataCatalogModel(BaseModel):
    datasets: list[DatasetModel]
    current: list[str]
    outdated: list[str]
    index_stale: bool


class Algorithm(BaseModel):
    name: str
    description: str
    features: dict[str, FeatureDoc]


class AlgorithmResponse(BaseModel):
    algorithms: list[Algorithm]
    default: str
    best: str


#: The matcher's features as yente documents them (`matcher` of a match response):
#: our name score and evidence checks, each with the weight it adds or takes away.
FEATURES = {
    "name_score": FeatureDoc(
        description="How closely the best pair of names agrees, part by part, across "
        "scripts and spellings (0..1); the base of the score.",
        coefficient=1.0,
    ),
    "birth_date_exact": FeatureDoc(
        description="The same full date of birth.", coefficient=evidence.BIRTH_DATE_EXACT
    ),
    "birth_date_consistent": FeatureDoc(
        description="Dates of birth overlap at the precision given.",
        coefficient=evidence.BIRTH_DATE_CONSISTENT,
    ),
    "birth_date_mismatch": FeatureDoc(
        description="No date of birth of one side is possible for the other.",
        coefficient=evidence.BIRTH_DATE_MISMATCH,
    ),
    "nationality_match": FeatureDoc(
        description="A nationality in common.", coefficient=evidence.NATIONALITY_MATCH
    ),
    "nationality_mismatch": FeatureDoc(
        description="Nationalities given on both sides, none in common.",
        coefficient=evidence.NATIONALITY_MISMATCH,
    ),
    "gender_mismatch": FeatureDoc(
        description="Different genders.", coefficient=evidence.GENDER_MISMATCH
    ),
    "document_match": FeatureDoc(
        description="The same passport, ID or registration number.",
        coefficient=evidence.DOCUMENT_MATCH,
    ),
}
