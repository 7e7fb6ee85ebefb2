"""yente-compatible endpoints: `/match/{dataset}`, `/search/{dataset}`, `/entities/{id}`,
`/catalog`, `/algorithms` — so a client written for yente points at Interdict unchanged.

A dataset is a list name, or "default"/"all" for every list the member may see. Every
match screens as the member through `Services.screen_entity` (visibility, alerts,
audit), exactly like `/v1/screen`. yente's fields keep yente's meaning: `threshold` is
the score at which `match` is true, `cutoff` the lowest score returned; alerts are still
raised at the member's alert threshold. A query that cannot be answered gets its own
`status` and `detail` naming it, and the batch's other queries are answered; fields
yente clients send that we do not use (`weights`, `config`) come back as `warnings`.
`/match` sends its work to the thread pool itself, as `/v1/screen` does (api/screen.py).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import ValidationError

from interdict.api.auth import current_member
from interdict.api.deps import Svc
from interdict.api.screen import check_batch, check_query
from interdict.api.threads import in_screening_thread
from interdict.api.yente_schemas import (
    FEATURES,
    Algorithm,
    AlgorithmResponse,
    DataCatalogModel,
    DatasetModel,
    EntityExample,
    EntityMatches,
    EntityMatchResponse,
    EntityResponse,
    Explanation,
    MatchRequest,
    ScoredEntityResponse,
    SearchResponse,
    SearchResult,
    TotalSpec,
)
from interdict.deadline import check_deadline
from interdict.entities.forms import main_ftm
from interdict.errors import InterdictError
from interdict.matching.registry import MATCHERS
from interdict.members.store import Member
from interdict.screening.screen import Hit, ListedEntity
from interdict.screening.subject import is_either_kind, subject_entity
from interdict.services import Caller, ReviewedHit, Services

router = APIRouter(tags=["yente-compatible"])
Caller_ = Annotated[Member, Depends(current_member)]
#: yente's default number of results per query.
YENTE_LIMIT = 5
#: Algorithm names yente clients send for "the server's best" (nomenklatura sends "best").
YENTE_DEFAULT_ALGORITHMS = frozenset({None, "best", "default"})
#: Properties a query's values are read from; any other is reported as unused.
DOCUMENT_PROPS = ("idNumber", "passportNumber", "registrationNumber", "taxNumber", "innCode")
USED_PROPS = frozenset(
    ("name", "alias", "birthDate", "nationality", "citizenship", "gender", *DOCUMENT_PROPS)
)


@router.post("/match/{dataset}", response_model=EntityMatchResponse, response_model_by_alias=True)
async def match(
    request: Request,
    dataset: str,
    body: MatchRequest,
    svc: Svc,
    member: Caller_,
    limit: Annotated[int, Query(ge=1, le=100)] = YENTE_LIMIT,
    threshold: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
    cutoff: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
    algorithm: str | None = None,
    include_dataset: Annotated[list[str] | None, Query()] = None,
    exclude_dataset: Annotated[list[str] | None, Query()] = None,
) -> EntityMatchResponse:
    """Match entities against a dataset, yente's way; each query answered on its own."""
    datasets = (dataset, include_dataset, exclude_dataset)
    return await in_screening_thread(
        request, _match, svc, member, body, datasets, limit, threshold, cutoff, algorithm
    )


def _match(
    svc: Services,
    member: Member,
    body: MatchRequest,
    datasets: tuple[str, list[str] | None, list[str] | None],
    limit: int,
    threshold: float | None,
    cutoff: float | None,
    algorithm: str | None,
) -> EntityMatchResponse:
    _check_batch(svc, body)
    matcher = svc.matcher(None if algorithm in YENTE_DEFAULT_ALGORITHMS else algorithm)
    lists = _lists(svc, member, *datasets)
    scored_at = svc.settings.alert_threshold if threshold is None else threshold
    returned_from = min(scored_at, svc.settings.alert_threshold) if cutoff is None else cutoff
    caller = Caller(member, f"api:{member.name}", "api-match")
    screen = _Screen(svc, caller, lists, limit, returned_from, scored_at, matcher.name)
    responses = {key: screen.answer(key, raw) for key, raw in body.queries.items()}
    return EntityMatchResponse(
        responses=responses,
        matcher=FEATURES,
        limit=limit,
        algorithm=matcher.name,
        threshold=scored_at,
        cutoff=returned_from,
        datasets=lists if lists is not None else svc.visible_lists(member),
        versions=screen.versions,
        warnings=_warnings(body),
    )


@router.get("/search/{dataset}", response_model=SearchResponse, response_model_by_alias=True)
def search(
    dataset: str,
    svc: Svc,
    member: Caller_,
    q: Annotated[str, Query(max_length=200)] = "",
    schema: str | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> SearchResponse:
    """Listed entities whose names resemble `q`; a lookup that raises no alert."""
    lists = svc.dataset_lists(member, dataset)
    if not q.strip():
        return SearchResponse(results=[], total=TotalSpec(value=0), limit=limit)
    caller = Caller(member, f"api:{member.name}", "api-search")
    hits = svc.search_entities(caller, q, lists=lists, schema=schema, limit=limit)
    seen = svc.seen_at({h.listed.list_name: h.listed.version_id for h in hits})
    results = [
        SearchResult(
            **_entity(h.listed, _referents(h), seen[h.listed.list_name]), score=round(h.score, 4)
        )
        for h in hits
    ]
    return SearchResponse(results=results, total=TotalSpec(value=len(results)), limit=limit)


@router.get(
    "/entities/{entity_id:path}", response_model=EntityResponse, response_model_by_alias=True
)
def entity(entity_id: str, svc: Svc, member: Caller_) -> EntityResponse:
    """One listed entity by id ("<list>/<key>", as results name it)."""
    found = svc.listed_entity(member, entity_id)
    return EntityResponse(**_entity(found.listed, list(found.referents), found.seen_at))


@router.get("/catalog", response_model=DataCatalogModel)
def catalog(svc: Svc, member: Caller_) -> DataCatalogModel:
    """The lists you may see, at their active version, and the "default" scope over them."""
    loaded = svc.screener.readiness().loaded
    datasets = [
        DatasetModel(
            name=v.list_name,
            title=v.list_name,
            version=str(v.id),
            index_version=str(loaded[v.list_name]) if v.list_name in loaded else None,
            index_current=loaded.get(v.list_name) == v.id,
            published=v.published,
            entity_count=v.entity_count,
            last_change=v.imported_at,
        )
        for v in svc.catalog(member)
    ]
    names = [d.name for d in datasets]
    scope = DatasetModel(
        name="default",
        title="Every list you may see",
        version="-".join(d.version for d in datasets),
        index_current=all(d.index_current for d in datasets),
        children=names,
    )
    current = [d.name for d in datasets if d.index_current]
    outdated = [name for name in names if name not in current]
    return DataCatalogModel(
        datasets=[scope, *datasets], current=current, outdated=outdated, index_stale=bool(outdated)
    )


@router.get("/algorithms", response_model=AlgorithmResponse)
def algorithms(svc: Svc, member: Caller_) -> AlgorithmResponse:
    """The matchers `algorithm` may name; "best" is the default one."""
    return AlgorithmResponse(
        algorithms=[
            Algorithm(name=m.name, description=m.description, features=FEATURES)
            for m in MATCHERS.values()
        ],
        default=svc.settings.algorithm,
        best=svc.settings.algorithm,
    )


class _Screen:
    """One match call's settings, answering its queries one by one."""

    def __init__(
        self,
        svc: Services,
        caller: Caller,
        lists: list[str] | None,
        limit: int,
        cutoff: float,
        threshold: float,
        algorithm: str,
    ) -> None:
        self.svc, self.caller, self.lists, self.limit = svc, caller, lists, limit
        self.cutoff, self.threshold, self.algorithm = cutoff, threshold, algorithm
        self.versions: dict[str, int] = {}

    def answer(self, key: str, raw: dict[str, Any]) -> EntityMatches:
        """The query's results, or its own status naming the query and what is wrong."""
        try:
            example = EntityExample.model_validate(raw)
            results = self._results(key, example)
        except ValidationError as exc:
            problem = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            return EntityMatches(status=422, detail=f"query {key!r}: {problem}", query=raw)
        except InterdictError as exc:
            return EntityMatches(status=exc.http_status, detail=f"query {key!r}: {exc}", query=raw)
        total = TotalSpec(value=len(results))
        return EntityMatches(results=results, total=total, query=example.model_dump(by_alias=True))

    def _results(self, key: str, example: EntityExample) -> list[ScoredEntityResponse]:
        check_deadline()  # past the request's deadline, the remaining queries answer 504
        props = example.values()
        settings = self.svc.settings
        check_query(props, settings.api_max_names, settings.api_max_name_chars)
        subject = subject_entity(
            "|".join(props.get("name", []) + props.get("alias", [])),
            key=key,
            schema=example.schema_,
            birth_dates=props.get("birthDate", []),
            nationalities=props.get("nationality", []) + props.get("citizenship", []),
            gender=next(iter(props.get("gender", [])), None),
            documents=[d for p in DOCUMENT_PROPS for d in props.get(p, [])],
        )
        sent = {"schema": example.schema_, "properties": props}
        screening = self.svc.screen_entity(
            self.caller,
            subject,
            sent,
            threshold=self.cutoff,
            limit=self.limit,
            algorithm=self.algorithm,
            lists=self.lists,
            either_kind=is_either_kind(example.schema_),
        )
        self.versions = screening.versions
        seen = self.svc.seen_at(screening.versions)
        return [self._scored(r, seen[r.hit.listed.list_name]) for r in screening.hits]

    def _scored(self, reviewed: ReviewedHit, seen: Any) -> ScoredEntityResponse:
        hit = reviewed.hit
        m = hit.match
        names = ", ".join(f"{p.query_part}~{p.candidate_part}" for p in m.parts)
        explanations = {
            "name_score": Explanation(
                score=round(m.name_score, 4),
                detail=f"{m.query_name!r} ~ {m.candidate_name!r} ({names})",
            ),
            **{e.check: Explanation(score=e.effect, detail=e.detail) for e in m.evidence},
        }
        return ScoredEntityResponse(
            **_entity(hit.listed, _referents(hit), seen),
            score=round(m.score, 4),
            features={k: v.score for k, v in explanations.items()},
            match=m.score >= self.threshold,
            explanations=explanations,
            alert_id=reviewed.alert_id,
            suppressed_by=reviewed.suppressed_by,
        )


def _entity(listed: ListedEntity, referents: list[str], seen: Any) -> dict[str, Any]:
    ftm = main_ftm(listed.entity)
    return {
        "id": listed.screening_id,
        "caption": listed.entity.caption,
        "schema": ftm["schema"],
        "properties": ftm["properties"],
        "datasets": [listed.list_name],
        "referents": referents,
        "last_seen": seen,
        "list_version": listed.version_id,
    }


def _referents(hit: Hit) -> list[str]:
    return [linked.screening_id for linked in hit.linked]


def _lists(
    svc: Services,
    member: Member,
    dataset: str,
    include: list[str] | None,
    exclude: list[str] | None,
) -> list[str] | None:
    """The lists a match covers: the dataset, narrowed by yente's include/exclude."""
    lists = svc.dataset_lists(member, dataset)
    if include is None and exclude is None:
        return lists
    names = lists if lists is not None else svc.visible_lists(member)
    for name in (include or []) + (exclude or []):
        svc.dataset_lists(member, name)  # an unknown or invisible name is a 404 naming it
    return [n for n in names if (include is None or n in include) and n not in (exclude or [])]


def _check_batch(svc: Services, body: MatchRequest) -> None:
    names: list[str] = []
    for raw in body.queries.values():
        props = raw.get("properties") if isinstance(raw, dict) else None
        given = props.get("name", []) if isinstance(props, dict) else []
        names += [given] if isinstance(given, str) else [n for n in given if isinstance(n, str)]
    settings = svc.settings
    check_batch(len(body.queries), names, settings.api_batch_limit, settings.api_max_batch_chars)


def _warnings(body: MatchRequest) -> list[str]:
    notes = [f"{field}: not used by Interdict, ignored" for field in sorted(body.model_extra or {})]
    if body.weights:
        notes.append("weights: not used by Interdict (its matcher is not a weighted sum), ignored")
    for key, raw in body.queries.items():
        props = raw.get("properties")
        unused = sorted(set(props) - USED_PROPS) if isinstance(props, dict) else []
        if unused:
            notes.append(f"query {key!r}: properties {', '.join(unused)} not used for matching")
    return notes
