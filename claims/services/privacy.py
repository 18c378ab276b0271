"""Privacy: forgetting a user on request, and the retention rules for what the bot keeps.

What the bot holds about a person, and what happens to it:

- **Subscriptions, language preference, private-chat settings, PTB persistence** (their
  user_data, their private chat's chat_data, every conversation state whose key names them):
  deleted by :func:`forget_user`.
- **Notifications** owed to their private chat: deleted (any status: even a sent row tells
  which claim they followed). Pending notices to a *group* chat that only their subscription
  caused are deleted too; those another member of that chat also asked for stay.
- **Tips** they sent: the text stays (moderators may already have linked it to a claim), but
  the tip loses ``user_hash``, ``user_id``, ``chat_id`` and ``notify``: nothing links it to them.
- **Sources** they submitted: kept (a reviewed source is part of a claim's evidence) without
  ``submitter_id`` / ``submitter_name``.
- **Match feedback** ("Not this claim"): kept for tuning without the ``user_hash``.
- **Moderation records** keep what was done, to what and when, but no longer say who: in the
  append-only AuditLog the actor's id and name become ``actor_hash`` (the salted hash of their id;
  migrations 0006–0007 let the database accept exactly this change and nothing else), and a role change
  that named them as its object gets ``object_hash``; VerdictHistory.by / Source.reviewer_name
  become ``forgotten:<12 hex digits of the hash>`` and their ids are cleared, and so does
  ``Tip.handled_by`` of the tips the audit log says they handled; a moderator keeps the role but
  not the stored name, and the moderators they added lose ``added_by``. What remains that could
  point at them: the texts they sent or wrote (tips, claims, reasons), and the hash, which only
  someone holding both the salt and their id can match.

Retention (:func:`purge_old_tips`, run daily by the bot): tips older than
``TIP_RETENTION_DAYS`` are deleted when they are still open or were dismissed. Tips that a
moderator linked to a claim or turned into one are *kept* (they are the claim's provenance and
"how many people asked"), but after the same period they lose everything that identifies the
sender (user_hash, user_id, chat_id, notify, origin_title).

:func:`clear_notify_ids`: a tip keeps the sender's ``user_id``/``chat_id`` only while the sender
asked to be notified about it (and the tip was not dismissed: no verdict will ever come) or
still follows some claim.

Every function runs in one transaction on the session it is given: all or nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import and_, delete, exists, not_, or_, select, update
from sqlmodel import Session, col

from ..models import (
    AuditLog,
    ChatSetting,
    MatchFeedback,
    Moderator,
    Notification,
    Source,
    Subscription,
    Tip,
    TipAsker,
    UserPref,
    VerdictHistory,
    utcnow,
)
from .tips import user_hash


class UserState(Protocol):
    """What a front end keeps about a user outside the domain tables (the bot: its persistence)."""

    def forget_user(self, session: Session, user_id: int) -> int:
        """Delete, in `session`'s transaction (not committed), every row naming `user_id`; how many."""


def forget_user(session: Session, user_id: int, salt: str, *, state: UserState | None = None) -> dict[str, int]:
    """Delete or unlink everything the bot holds about `user_id` (see the module docstring); `state`
    forgets what the front end keeps outside the domain tables (bot: `SQLPersistence`).

    One transaction: either all of it happens or nothing does. Returns what was done, by kind.
    """
    uid = int(user_id)
    uhash = user_hash(salt, uid)
    counts: dict[str, int] = {}
    try:
        # Notifications first: group-chat notices caused only by this user's subscriptions.
        subs = session.execute(select(Subscription.chat_id, Subscription.claim_id)
                               .where(Subscription.user_id == uid)).all()
        group_pairs = {(chat, claim) for chat, claim in subs if chat != uid}
        notif = session.execute(delete(Notification).where(Notification.chat_id == uid)).rowcount
        for chat, claim in sorted(group_pairs):
            others = session.execute(select(Subscription.id).where(
                Subscription.chat_id == chat, Subscription.claim_id == claim,
                Subscription.user_id != uid).limit(1)).first()
            if others is None:
                notif += session.execute(delete(Notification).where(
                    Notification.chat_id == chat, Notification.claim_id == claim,
                    col(Notification.status).in_(("pending", "sending")))).rowcount
        counts["notifications"] = notif

        counts["subscriptions"] = session.execute(delete(Subscription).where(Subscription.user_id == uid)).rowcount
        counts["preferences"] = session.execute(delete(UserPref).where(UserPref.user_id == uid)).rowcount
        counts["chat_settings"] = session.execute(delete(ChatSetting).where(ChatSetting.chat_id == uid)).rowcount

        counts["persistence"] = state.forget_user(session, uid) if state is not None else 0

        # Repeats they sent stay counted on the tip, but no longer name them; tips they only
        # joined (someone else sent first) count among "their tips" too.
        mine = or_(TipAsker.user_hash == uhash, TipAsker.user_id == uid)
        own = select(Tip.id).where(or_(Tip.user_hash == uhash, Tip.user_id == uid))
        joined = session.execute(
            update(TipAsker).where(mine, col(TipAsker.tip_id).not_in(own))
            .values(user_hash=None, user_id=None, chat_id=None, notify=False)
            .execution_options(synchronize_session=False)).rowcount
        session.execute(update(TipAsker).where(mine).values(user_hash=None, user_id=None, chat_id=None, notify=False)
                        .execution_options(synchronize_session=False))
        counts["tips"] = joined + session.execute(
            update(Tip).where(or_(Tip.user_hash == uhash, Tip.user_id == uid))
            .values(user_hash=None, user_id=None, chat_id=None, notify=False)).rowcount
        counts["sources"] = session.execute(
            update(Source).where(Source.submitter_id == uid)
            .values(submitter_id=None, submitter_name=None)).rowcount
        counts["feedback"] = session.execute(
            update(MatchFeedback).where(MatchFeedback.user_hash == uhash).values(user_hash=None)).rowcount
        counts.update(_pseudonymise_records(session, uid, uhash))

        session.commit()
    except BaseException:
        session.rollback()
        raise
    return counts


def pseudonym(uhash: str) -> str:
    """What replaces a forgotten person's name in moderation records: "forgotten:" + 12 hex digits
    of their salted hash (the same person gives the same pseudonym, nobody can reverse it)."""
    return f"forgotten:{uhash[:12]}"


def _pseudonymise_records(session: Session, uid: int, uhash: str) -> dict[str, int]:
    """Moderation records keep what was done and when; who did it becomes the salted hash.

    AuditLog rows (actor, and the object of role changes) through the one UPDATE migration 0007
    lets through; the verdict history's author and a source's reviewer; a moderator's stored name.
    """
    name = pseudonym(uhash)
    # Tips keep the handler's display name, not an id: the audit log says which tips this user handled.
    handled = select(AuditLog.object_id).where(AuditLog.actor_id == uid, AuditLog.object_type == "tip",
                                               col(AuditLog.object_id).is_not(None))
    tips = session.execute(update(Tip).where(col(Tip.id).in_(handled), col(Tip.handled_by).is_not(None))
                           .values(handled_by=name).execution_options(synchronize_session=False)).rowcount
    audit = session.execute(update(AuditLog).where(AuditLog.actor_id == uid)
                            .values(actor_id=None, actor_name=None, actor_hash=uhash)).rowcount
    audit += session.execute(update(AuditLog).where(AuditLog.object_type == "user", AuditLog.object_id == uid)
                             .values(object_id=None, object_hash=uhash)).rowcount
    history = session.execute(update(VerdictHistory).where(VerdictHistory.by_user_id == uid)
                              .values(by_user_id=None, by=name)).rowcount
    reviews = session.execute(update(Source).where(Source.reviewer_id == uid)
                              .values(reviewer_id=None, reviewer_name=name)).rowcount
    session.execute(update(Moderator).where(Moderator.user_id == uid).values(name=None))
    session.execute(update(Moderator).where(Moderator.added_by == uid).values(added_by=None))
    return {"audit_log": audit, "verdict_history": history, "reviews": reviews, "tips_handled": tips}


def purge_old_tips(session: Session, days: int, *, now: datetime | None = None) -> int:
    """Retention: delete open/dismissed tips older than `days`; strip the sender from older
    linked/converted tips (kept as the claim's provenance). Returns the number deleted."""
    if days < 1:
        raise ValueError("days must be at least 1")
    cutoff = (now or utcnow()) - timedelta(days=days)
    try:
        old_tips = select(Tip.id).where(Tip.created_at < cutoff)
        session.execute(delete(TipAsker).where(col(TipAsker.tip_id).in_(
            old_tips.where(col(Tip.status).in_(("open", "dismissed"))))).execution_options(synchronize_session=False))
        session.execute(update(TipAsker).where(col(TipAsker.tip_id).in_(old_tips)).values(
            user_hash=None, user_id=None, chat_id=None, notify=False).execution_options(synchronize_session=False))
        deleted = session.execute(delete(Tip).where(
            Tip.created_at < cutoff, col(Tip.status).in_(("open", "dismissed")))).rowcount
        session.execute(update(Tip).where(
            Tip.created_at < cutoff, col(Tip.status).not_in(("open", "dismissed")),
            or_(col(Tip.user_hash).is_not(None), col(Tip.user_id).is_not(None), col(Tip.chat_id).is_not(None),
                Tip.notify == True, col(Tip.origin_title).is_not(None)))  # noqa: E712
            .values(user_hash=None, user_id=None, chat_id=None, notify=False, origin_title=None))
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return deleted


def clear_notify_ids(session: Session, *, user_id: int | None = None) -> int:
    """Clear user_id/chat_id on tips whose sender no longer needs to hear back.

    A tip keeps them only while it has ``notify`` set and is not dismissed, or while the
    sender follows at least one claim. `user_id` limits the sweep to one sender (e.g. right
    after they unfollow). Returns the number of tips changed.
    """
    follows = exists().where(Subscription.user_id == Tip.user_id)
    wanted = or_(and_(Tip.notify == True, Tip.status != "dismissed"), follows)  # noqa: E712
    stmt = update(Tip).where(or_(col(Tip.user_id).is_not(None), col(Tip.chat_id).is_not(None)), not_(wanted))
    if user_id is not None:
        stmt = stmt.where(Tip.user_id == int(user_id))
    try:
        changed = session.execute(stmt.values(user_id=None, chat_id=None, notify=False)
                                  .execution_options(synchronize_session=False)).rowcount
        # The people whose repeats were attached to a tip: ids kept while they wait for its outcome
        # or for the verdict of the claim it was linked to, like the sender's.
        dismissed = select(Tip.id).where(Tip.status == "dismissed")
        a_stmt = update(TipAsker).where(or_(col(TipAsker.user_id).is_not(None), col(TipAsker.chat_id).is_not(None)),
                                        or_(TipAsker.notify == False, col(TipAsker.tip_id).in_(dismissed)))  # noqa: E712
        if user_id is not None:
            a_stmt = a_stmt.where(TipAsker.user_id == int(user_id))
        session.execute(a_stmt.values(user_id=None, chat_id=None, notify=False)
                        .execution_options(synchronize_session=False))
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return changed


def retention_sweep(session: Session, tip_retention_days: int, *, now: datetime | None = None) -> dict[str, int]:
    """The daily job: tip retention, then notify ids nobody needs."""
    return {"tips_purged": purge_old_tips(session, tip_retention_days, now=now),
            "notify_ids_cleared": clear_notify_ids(session)}
