"""Flights (screened manifests and reservations), one flight, one traveller.

Every page reads the logged-in user's member's messages only (travel/store.py): an id
of another member's message answers 404 exactly like one that does not exist.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from interdict.api.deps import services
from interdict.errors import NotFoundError
from interdict.web.rendering import LoggedIn, PageRoute, render

router = APIRouter(route_class=PageRoute, include_in_schema=False)


@router.get("/travel")
def flights(request: Request, session: LoggedIn) -> Response:
    messages = services(request).travel.messages(session.user.member.id)
    return render(request, "travel_flights.html", {"messages": messages})


@router.get("/travel/{message_id}")
def flight(request: Request, session: LoggedIn, message_id: int) -> Response:
    message = services(request).travel.message(session.user.member.id, message_id)
    return render(request, "travel_flight.html", {"message": message})


@router.get("/travel/{message_id}/travellers/{number}")
def traveller(request: Request, session: LoggedIn, message_id: int, number: int) -> Response:
    """One traveller (`number` from 1 in the manifest's order) and their co-travellers."""
    message = services(request).travel.message(session.user.member.id, message_id)
    travellers: list[dict[str, Any]] = message.result["travellers"]
    if not 1 <= number <= len(travellers):
        raise NotFoundError(f"no traveller {number} in travel message {message_id}")
    person = travellers[number - 1]
    co = [
        (position, other)
        for position, other in enumerate(travellers, start=1)
        if person["booking"] and other["booking"] == person["booking"] and other is not person
    ]
    context = {"message": message, "person": person, "number": number, "co_travellers": co}
    return render(request, "travel_traveller.html", context)
