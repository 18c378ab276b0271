"""Setting a verdict: history, audit and the followers' notifications, in one transaction."""

from __future__ import annotations

import json

from sqlalchemy import update
from sqlmodel import Session, col, select

from ..errors import Conflict
from ..models import AuditLog, Claim, Notification, Source, Subscription, Tip, TipAsker, VerdictHistory, utcnow
from ..verdicts import NEEDS_EVIDENCE, parse_verdict
from ._common import check_text, clean_name, clean_optional, get_claim, record_change

MAX_REASON_CHARS = 1000


class EvidenceRequired(Conflict):
    code = "evidence_required"


def set_verdict(
    session: Session,
    claim_id: int | str,
    verdict: str,
    *,
    reason: str,
    by: str,
    by_user_id: int | None = None,
    summary: str | None = None,
    require_evidence: bool = False,
    override: bool = False,
) -> VerdictHistory:
    """Change a claim's verdict, append the history and queue a notice to everyone who follows it.

    With `require_evidence` (the bot's moderators), a verdict that states a finding needs an
    approved source unless `override` is given; the override is recorded in the history.
    Raises Conflict when the claim already has `verdict`, or when its verdict changed between
    reading and writing (another process set one at the same moment: the change is made once).
    """
    new = parse_verdict(verdict)
    reason = check_text(reason, "reason", MAX_REASON_CHARS)
    by = clean_name(by) or "?"
    claim = get_claim(session, claim_id)
    if claim.verdict == new.value:
        raise Conflict(f"claim {claim.id} already has the verdict {new.value}", verdict=new.value, claim_id=claim.id)
    used_override = False
    if require_evidence and new in NEEDS_EVIDENCE:
        approved = session.exec(select(Source.id).where(Source.claim_id == claim.id,
                                                        Source.status == "approved")).first()
        if approved is None:
            if not override:
                raise EvidenceRequired(f"claim {claim.id} has no approved source; a verdict of {new.value} "
                                       f"needs one (or an explicit override)", claim_id=claim.id)
            used_override = True
    old = claim.verdict
    # Only if nobody changed the verdict since we read it (a double press reaching two workers, two
    # moderators at once): otherwise the same change would be recorded, and announced, twice.
    now = utcnow()
    changed = session.execute(update(Claim).where(Claim.id == claim.id, Claim.verdict == old)
                              .values(verdict=new.value, updated_at=now, verdict_updated_at=now)
                              .execution_options(synchronize_session=False)).rowcount
    if changed != 1:
        session.rollback()
        raise Conflict(f"the verdict of claim {claim.id} was changed meanwhile", claim_id=claim.id, meanwhile=True)
    claim.verdict = new.value
    claim.verdict_summary = clean_optional(summary, MAX_REASON_CHARS) or reason
    claim.verdict_updated_at = now
    claim.updated_at = now
    entry = VerdictHistory(claim_id=claim.id, old_verdict=old, new_verdict=new.value, by=by,
                           by_user_id=by_user_id, reason=reason, override=used_override)
    session.add(entry)
    session.flush()
    record_change(session, claim.id, "edit")
    session.add(AuditLog(actor_id=by_user_id, actor_name=by, action="verdict_override" if used_override
                         else "verdict", object_type="claim", object_id=claim.id, claim_id=claim.id,
                         before=old, after=new.value))
    _queue_verdict_notices(session, claim, entry)
    session.commit()
    return entry


def _queue_verdict_notices(session: Session, claim: Claim, entry: VerdictHistory) -> None:
    chats: set[int] = set(session.exec(select(Subscription.chat_id).where(Subscription.claim_id == claim.id)))
    chats |= {c for c in session.exec(select(Tip.chat_id).where(
        Tip.claim_id == claim.id, Tip.notify == True, col(Tip.chat_id).is_not(None)))  # noqa: E712
              if c is not None}
    chats |= {c for c in session.exec(select(TipAsker.chat_id).join(Tip, Tip.id == TipAsker.tip_id).where(
        Tip.claim_id == claim.id, TipAsker.notify == True, col(TipAsker.chat_id).is_not(None)))  # noqa: E712
              if c is not None}
    payload = json.dumps({"claim_id": claim.id, "old": entry.old_verdict, "new": entry.new_verdict,
                          "reason": entry.reason}, ensure_ascii=False)
    for chat_id in sorted(chats):
        session.add(Notification(chat_id=chat_id, kind="verdict_change", claim_id=claim.id, history_id=entry.id,
                                 payload=payload, dedupe_key=f"verdict:{entry.id}:{chat_id}"))


def verdict_history(session: Session, claim_id: int | str) -> list[VerdictHistory]:
    claim = get_claim(session, claim_id)
    return list(session.exec(select(VerdictHistory).where(VerdictHistory.claim_id == claim.id)
                             .order_by(VerdictHistory.id)))

