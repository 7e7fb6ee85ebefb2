"""Deciding, confirming and revoking: each step checked, applied and audited atomically.

Each step reads the alert or decision through the acting user's member, checks the
rules in decision.py, updates the state and appends its audit record in one
transaction, so the audit trail never shows a step that did not happen, or misses one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update

from interdict.audit.store import append, audited_transaction
from interdict.errors import NotFoundError
from interdict.members.roles import PermissionDeniedError
from interdict.members.store import users_table
from interdict.members.users import User
from interdict.review.alert import Alert, AlertStatus
from interdict.review.decision import (
    Decision,
    DecisionState,
    Outcome,
    ReviewStateError,
    check_confirmation,
    check_decision,
    needs_confirmation,
)
from interdict.review.store import ReviewStore, alerts_table, allowlist_table, decisions_table


@dataclass(frozen=True, slots=True)
class DecisionStore:
    """The decision workflow of one database; `allow_days` is how long entries last."""

    engine: Engine
    allow_days: int

    def decide(
        self, user: User, alert_id: int, outcome: Outcome, *, allow_list: bool, comment: str
    ) -> Decision:
        alert = ReviewStore(self.engine).alert(user.member.id, alert_id)
        check_decision(user.role, alert.status, outcome, allow_list)
        pending = needs_confirmation(outcome, allow_list)
        state = DecisionState.PENDING if pending else DecisionState.FINAL
        status = AlertStatus.PENDING if pending else outcome.alert_status
        with audited_transaction(self.engine, user.member.id) as conn:
            _move_alert(conn, alert_id, alert.status, status)
            decision_id = conn.execute(
                insert(decisions_table)
                .values(
                    alert_id=alert_id,
                    member_id=user.member.id,
                    user_id=user.id,
                    outcome=outcome.value,
                    allow_list=allow_list,
                    comment=comment.strip(),
                    state=state.value,
                    created_at=datetime.now(UTC),
                )
                .returning(decisions_table.c.id)
            ).scalar_one()
            details = {"outcome": outcome.value, "allow_list": allow_list, "state": state.value}
            _audit(conn, user, "decision", alert_id, {**details, "comment": comment.strip()})
        return self.decision(user.member.id, int(decision_id))

    def confirm(self, user: User, decision_id: int, *, approve: bool) -> Decision:
        """The reviewer's step: approve applies the decision, reject reopens the alert."""
        decision = self.decision(user.member.id, decision_id)
        check_confirmation(user.role, user.id, decision)
        alert = ReviewStore(self.engine).alert(user.member.id, decision.alert_id)
        now = datetime.now(UTC)
        state = DecisionState.CONFIRMED if approve else DecisionState.REJECTED
        status = decision.outcome.alert_status if approve else AlertStatus.OPEN
        with audited_transaction(self.engine, user.member.id) as conn:
            _move_alert(conn, decision.alert_id, AlertStatus.PENDING, status)
            conn.execute(
                update(decisions_table)
                .where(decisions_table.c.id == decision_id)
                .values(state=state.value, confirmed_by=user.id, confirmed_at=now)
            )
            action = "decision.confirm" if approve else "decision.reject"
            _audit(conn, user, action, decision.alert_id, {"decision": decision_id})
            if approve and decision.allow_list:
                self._allow(conn, user, decision, alert, now)
        return self.decision(user.member.id, decision_id)

    def revoke_allow(self, user: User, entry_id: int) -> None:
        if not user.role.can_decide:
            raise PermissionDeniedError(f"role {user.role} cannot change the allow-list")
        query = (
            update(allowlist_table)
            .where(
                allowlist_table.c.id == entry_id,
                allowlist_table.c.member_id == user.member.id,
                allowlist_table.c.revoked_at.is_(None),
            )
            .values(revoked_at=datetime.now(UTC))
        )
        with audited_transaction(self.engine, user.member.id) as conn:
            if conn.execute(query).rowcount != 1:
                raise NotFoundError(f"no allow-list entry {entry_id} in force")
            _audit(conn, user, "allowlist.revoke", None, {"entry": entry_id})

    def decision(self, member_id: int, decision_id: int) -> Decision:
        found = self._decisions(member_id, decisions_table.c.id == decision_id)
        if not found:
            raise NotFoundError(f"no decision {decision_id}")
        return found[0]

    def decisions(self, member_id: int, alert_id: int) -> list[Decision]:
        return self._decisions(member_id, decisions_table.c.alert_id == alert_id)

    def pending(self, member_id: int) -> list[Decision]:
        return self._decisions(member_id, decisions_table.c.state == DecisionState.PENDING.value)

    def _decisions(self, member_id: int, condition: Any) -> list[Decision]:
        decider = users_table.alias("decider")
        confirmer = users_table.alias("confirmer")
        query = (
            select(
                decisions_table,
                decider.c.username.label("username"),
                confirmer.c.username.label("confirmer"),
            )
            .join(decider, decider.c.id == decisions_table.c.user_id)
            .outerjoin(confirmer, confirmer.c.id == decisions_table.c.confirmed_by)
            .where(decisions_table.c.member_id == member_id, condition)
            .order_by(decisions_table.c.id)
        )
        with self.engine.connect() as conn:
            return [_decision(r) for r in conn.execute(query)]

    def _allow(
        self, conn: Connection, user: User, decision: Decision, alert: Alert, now: datetime
    ) -> None:
        entry_id = conn.execute(
            insert(allowlist_table)
            .values(
                member_id=user.member.id,
                subject_key=alert.draft.subject_key,
                subject_name=alert.subject_name,
                target_id=alert.draft.target_id,
                target_hash=alert.draft.target_hash,
                alert_id=alert.id,
                created_by=f"{decision.username}+{user.username}",
                created_at=now,
                expires_at=now + timedelta(days=self.allow_days),
            )
            .returning(allowlist_table.c.id)
        ).scalar_one()
        details = {"entry": int(entry_id), "target": alert.draft.target_id, "days": self.allow_days}
        _audit(conn, user, "allowlist.add", alert.id, details)


def _move_alert(conn: Connection, alert_id: int, old: AlertStatus, new: AlertStatus) -> None:
    """Change an alert's status only if nobody changed it since it was read."""
    moved = conn.execute(
        update(alerts_table)
        .where(alerts_table.c.id == alert_id, alerts_table.c.status == old.value)
        .values(status=new.value)
    ).rowcount
    if moved != 1:
        raise ReviewStateError(f"alert {alert_id} changed meanwhile; reload it")


def _audit(
    conn: Connection, user: User, action: str, alert_id: int | None, details: dict[str, Any]
) -> None:
    append(
        conn,
        action=action,
        actor=user.username,
        member_id=user.member.id,
        target=f"alert/{alert_id}" if alert_id is not None else "allowlist",
        details=details,
    )


def _decision(row: Any) -> Decision:
    return Decision(
        id=row.id,
        alert_id=row.alert_id,
        member_id=row.member_id,
        user_id=row.user_id,
        username=row.username,
        outcome=Outcome(row.outcome),
        allow_list=bool(row.allow_list),
        comment=row.comment,
        state=DecisionState(row.state),
        created_at=row.created_at,
        confirmed_by=row.confirmer,
    )
