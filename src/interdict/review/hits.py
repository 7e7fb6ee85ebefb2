"""Screening hits as alert drafts: the seam between screening and review.

Entity, media and payment screens come through here, each building drafts of its own
kind; everything after (dedup, allow-list, four-eyes, audit) is the same for all.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from interdict.entities.forms import canonical
from interdict.matching.score import Match
from interdict.media.bank import Bank
from interdict.media.content import ContentHashes
from interdict.media.screen import MediaHit
from interdict.media.signal import SIGNALS
from interdict.payments.screen import PaymentHit, PaymentScreening
from interdict.review.alert import AlertDraft, AlertKind
from interdict.screening.screen import Hit, ListedEntity
from interdict.travel.rules import RuleHit


def entity_drafts(subject: dict[str, Any], hits: Sequence[Hit]) -> list[AlertDraft]:
    """One draft per hit; `subject` is the query as the caller sent it (schema, properties).

    A hit on a designation group (several lists' listings of one person) is one draft
    for the group (`group_draft`), so the analyst decides the person once.
    """
    return [group_draft(subject, hit) if hit.group_id else _draft(subject, hit) for hit in hits]


def _draft(subject: dict[str, Any], hit: Hit) -> AlertDraft:
    written = canonical(hit.listed.entity)
    return AlertDraft(
        kind=AlertKind.ENTITY,
        subject=subject,
        target_id=hit.listed.screening_id,
        target={"caption": hit.listed.entity.caption, **written.data()},
        list_name=hit.listed.list_name,
        list_version=hit.listed.version_id,
        target_hash=written.sha256,
        score=round(hit.score, 4),
        explanation=explanation(hit.match),
    )


def group_draft(subject: dict[str, Any], hit: Hit) -> AlertDraft:
    """The draft of a designation group: its target the group, whichever listing scored best.

    The list and version named are the group's first listing in the caller's scope (by
    list and key), so a screen whose best match is the UK listing and one whose best is
    the UN listing record the same alert; the target hash covers every listing, so an
    allow-list entry lapses when any of them changes.
    """
    listings = sorted((hit.listed, *hit.linked), key=lambda listed: listed.screening_id)
    texts = [canonical(listed.entity).text for listed in listings]
    return AlertDraft(
        kind=AlertKind.ENTITY,
        subject=subject,
        target_id=f"group/{hit.group_id}",
        target={
            "caption": hit.listed.entity.caption,
            **canonical(hit.listed.entity).data(),
            "listings": [_listing(listed) for listed in listings],
        },
        list_name=listings[0].list_name,
        list_version=listings[0].version_id,
        target_hash=hashlib.sha256("\n".join(texts).encode("utf-8")).hexdigest(),
        score=round(hit.score, 4),
        explanation={**explanation(hit.match), "matched_listing": hit.listed.screening_id},
    )


def _listing(listed: ListedEntity) -> dict[str, Any]:
    entity = listed.entity
    return {
        "list": listed.list_name,
        "key": entity.key,
        "caption": entity.caption,
        "programs": list(entity.programs),
        "listed_on": entity.listed_on,
        "list_version": listed.version_id,
    }


def explanation(match: Match) -> dict[str, Any]:
    """The match's explanation as JSON: names compared, word pairs, evidence."""
    return {
        "name_score": round(match.name_score, 4),
        "query_name": match.query_name,
        "candidate_name": match.candidate_name,
        "parts": [
            {
                "query": p.query_part,
                "candidate": p.candidate_part,
                "similarity": round(p.similarity, 4),
            }
            for p in match.parts
        ],
        "evidence": [
            {"check": e.check, "effect": e.effect, "detail": e.detail} for e in match.evidence
        ],
    }


def media_subject(content: ContentHashes) -> dict[str, Any]:
    """The screened content as an alert subject: its hashes, by signal type.

    Only hashes, never the content or its file name: the same bytes uploaded twice
    under two names are one subject, so one alert per banked hash and bank version.
    """
    properties: dict[str, list[str]] = {}
    for signal in content.signals:
        properties.setdefault(signal.signal_type, [])
        if signal.value not in properties[signal.signal_type]:
            properties[signal.signal_type].append(signal.value)
    return {"schema": f"Media:{content.kind}", "properties": properties}


def media_drafts(
    subject: dict[str, Any], hits: Sequence[MediaHit], banks: Sequence[Bank]
) -> list[AlertDraft]:
    """One draft per bank hit: an upload matching a bank is one decision for an analyst.

    A banked image is usually banked as several hashes (PDQ, MD5, SHA-256) and its copy
    hits all of them; one alert per bank lists them all instead of three alerts for one
    picture. The score is the best of the hits' similarities, as their signal types
    read a distance (PDQ: 1 - distance / 256; 1.0 when exact); the target hash covers
    the hit values with their labels, so an allow-list entry lapses when the bank's
    matching entries are relabelled. Each hit names the threshold it matched at.
    """
    versions = {bank.name: bank.version for bank in banks}
    by_bank: dict[str, list[MediaHit]] = {}
    for hit in hits:
        by_bank.setdefault(hit.bank, []).append(hit)
    drafts = []
    for bank, found in by_bank.items():
        matched = [
            {
                "signal_type": h.signal_type,
                "value": h.value,
                "distance_bits": h.distance,
                "threshold": h.threshold,
                "labels": list(h.labels),
                "source": h.source,
                "query_value": h.query_value,
                "variant": h.variant,
                "frames_matched": h.frames,
                "first_timestamp": h.first_timestamp,
            }
            for h in found
        ]
        labels = sorted({label for h in found for label in h.labels})
        target = {"caption": f"hash bank {bank}", "bank": bank, "labels": labels}
        identity = [(m["signal_type"], m["value"], m["labels"]) for m in matched]
        canonical = json.dumps(sorted(identity), ensure_ascii=False)
        score = max(SIGNALS[h.signal_type].similarity(h.distance) for h in found)
        drafts.append(
            AlertDraft(
                kind=AlertKind.MEDIA,
                subject=subject,
                target_id=f"bank/{bank}",
                target=target,
                list_name=bank,
                list_version=versions.get(bank, 0),
                target_hash=hashlib.sha256(canonical.encode("utf-8")).hexdigest(),
                score=round(score, 4),
                explanation={"hits": matched},
            )
        )
    return drafts


def payment_subject(screening: PaymentScreening) -> dict[str, Any]:
    """A held message as an alert subject: its SHA-256 makes the same bytes one subject."""
    message = screening.message
    properties = {
        "sha256": [screening.sha256],
        "messageType": [message.message_type],
        "reference": [message.reference] if message.reference else [],
    }
    return {"schema": "Payment", "properties": {k: v for k, v in properties.items() if v}}


def payment_drafts(subject: dict[str, Any], screening: PaymentScreening) -> list[AlertDraft]:
    """One draft per target a held message hit (a listed entity, a country, an unreadable
    field), listing every field path that hit it: one decision releases or blocks it."""
    by_target: dict[str, list[PaymentHit]] = {}
    for hit in screening.hits:
        by_target.setdefault(hit.target_id, []).append(hit)
    return [_payment_draft(subject, target_id, hits) for target_id, hits in by_target.items()]


def _payment_draft(subject: dict[str, Any], target_id: str, hits: list[PaymentHit]) -> AlertDraft:
    listed = hits[0].listed
    found = [
        {
            "check": h.check.value,
            "path": h.path,
            "value": h.value,
            "explanation": h.explanation,
            "score": round(h.score, 4),
            "match": explanation(h.match) if h.match is not None else None,
        }
        for h in hits
    ]
    if listed is not None:
        written = canonical(listed.entity)
        target = {"caption": listed.entity.caption, **written.data()}
        list_name, version = listed.list_name, listed.version_id
        target_hash = written.sha256
    else:
        target = {"caption": f"{hits[0].check.value}: {hits[0].value}"}
        list_name, version = f"payment-{hits[0].check.value}", 0
        target_hash = hashlib.sha256(target_id.encode("utf-8")).hexdigest()
    return AlertDraft(
        kind=AlertKind.PAYMENT,
        subject=subject,
        target_id=target_id,
        target=target,
        list_name=list_name,
        list_version=version,
        target_hash=target_hash,
        score=round(max(h.score for h in hits), 4),
        explanation={"verdict": "hold", "hits": found},
    )


def rule_drafts(
    subject: dict[str, Any], hits: Sequence[RuleHit], rules_version: int
) -> list[AlertDraft]:
    """One draft per targeting rule that held for a traveller (`subject`).

    The "list" is the member's rule set and its version; the target hash covers the
    rule's condition and severity, so an allow-list entry lapses when the rule changes.
    The explanation names the condition and the values it read.
    """
    drafts = []
    for hit in hits:
        rule = hit.rule
        identity = json.dumps([rule.name, rule.when, rule.severity.value], ensure_ascii=False)
        drafts.append(
            AlertDraft(
                kind=AlertKind.TRAVEL_RULE,
                subject=subject,
                target_id=f"rule/{rule.name}",
                target={
                    "caption": f"rule: {rule.name}",
                    "severity": rule.severity.value,
                    "when": rule.when,
                    "description": rule.description,
                },
                list_name="travel-rules",
                list_version=rules_version,
                target_hash=hashlib.sha256(identity.encode("utf-8")).hexdigest(),
                score=rule.severity.score,
                explanation={"rule": rule.name, "when": rule.when, "fields": hit.fields},
            )
        )
    return drafts
