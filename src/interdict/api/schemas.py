"""Request and response bodies, shaped like yente's `/match` so its users feel at home.

A query is a FollowTheMoney-style entity: a schema and properties (name, birthDate,
nationality, gender, idNumber/passportNumber). A result is the listed entity as
FollowTheMoney plus score, match flag and our explanation.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class EntityQuery(BaseModel):
    """One subject to screen."""

    model_config = ConfigDict(extra="forbid")

    schema_: str = Field(default="Person", alias="schema", examples=["Person"])
    properties: dict[str, list[str]] = Field(
        examples=[{"name": ["Aiman al-Zawahiri"], "birthDate": ["1951"], "nationality": ["eg"]}]
    )


class BatchQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    queries: dict[str, EntityQuery]


class PartExplanation(BaseModel):
    query_part: str
    candidate_part: str
    similarity: float


class EvidenceExplanation(BaseModel):
    check: str
    effect: float
    detail: str


class Explanation(BaseModel):
    name_score: float
    query_name: str
    candidate_name: str
    parts: list[PartExplanation]
    evidence: list[EvidenceExplanation]


class Result(BaseModel):
    id: str
    caption: str
    schema_: str = Field(alias="schema")
    properties: dict[str, list[str]]
    datasets: list[str]
    list_version: int
    score: float
    match: bool
    explanation: Explanation


class Total(BaseModel):
    value: int
    relation: str = "eq"


class ScreenResponse(BaseModel):
    status: int = 200
    results: list[Result]
    total: Total
    query: dict[str, Any]
    matcher: str = Field(description="The algorithm that scored this query.")
    versions: dict[str, int] = Field(
        description="Every list screened against (those the member may see), by version id."
    )


class BatchResponse(BaseModel):
    responses: dict[str, ScreenResponse]
