"""`/healthz` (the process is up) and `/readyz` (it screens against today's lists).

Like yente's: a load balancer sends traffic only to a ready server. Ready means the
database answers (every screen is audited there) and every list has been loaded at its
active version; the answer names the versions and their age, so an operator sees at
once what a server screens against. A list older than its publisher's cadence is
flagged (`stale`, and `stale_lists`), not made unready: screening against last
month's list beats screening against none.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from interdict.api.deps import RETRY_AFTER_S, Svc
from interdict.errors import StoreError
from interdict.services import Services, list_rows

router = APIRouter(tags=["health"])


@router.get("/healthz")
def health() -> dict[str, str]:
    """The process answers; says nothing about the lists (see /readyz)."""
    return {"status": "ok"}


@router.get("/readyz", responses={503: {"description": "Not (yet) screening today's lists."}})
def ready(svc: Svc) -> JSONResponse:
    """200 when the database answers and every list is loaded at its active version;
    503 (with Retry-After) naming what is missing."""
    body = readiness_report(svc)
    if body["ready"]:
        return JSONResponse(body)
    return JSONResponse(body, status_code=503, headers={"Retry-After": str(RETRY_AFTER_S)})


def readiness_report(svc: Services) -> dict[str, Any]:
    """Public lists by name; members' private lists only counted (no credentials here)."""
    try:
        svc.check_database()
    except StoreError as exc:
        return {"ready": False, "problem": str(exc), "database": "unavailable", "lists": []}
    state = svc.screener.readiness()
    public = set(svc.visibility.public(v.list_name for v in state.active))
    rows = list_rows([v for v in state.active if v.list_name in public])
    for row in rows:
        row["loaded_version_id"] = state.loaded.get(row["list"])
    return {
        "ready": state.ready,
        "problem": state.problem,
        "database": "ok",
        "lists": rows,
        "private_lists": len(state.active) - len(rows),
        "stale_lists": [row["list"] for row in rows if row["stale"]],
        "checked_at": state.checked_at.isoformat() if state.checked_at else None,
        "loaded_at": state.built_at.isoformat() if state.built_at else None,
    }
