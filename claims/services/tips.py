"""Tips: messages no stored claim matched, kept for moderators to link or turn into claims."""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from ..errors import InvalidInput, NotFound
from ..models import AppMeta, AuditLog, Claim, Notification, Tip, utcnow
from ..textclean import clean_line, clean_text
from ._common import clean_name, get_claim, parse_id
from .catalog import insert_claim

MAX_TIP_CHARS = 8000
MAX_TIP_LINKS = 20       # links kept with one tip
MAX_LINK_CHARS = 2048    # each link, as sent


def privacy_salt(session: Session, configured: str | None = None) -> str:
    """The configured salt, or one generated once and kept in the database."""
    if configured:
        return configured
    row = session.get(AppMeta, "privacy_salt")
    if row is None:
        row = AppMeta(key="privacy_salt", value=secrets.token_hex(16))
        session.add(row)
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            row = session.get(AppMeta, "privacy_salt")
    return row.value


def user_hash(salt: str, user_id: int) -> str:
    return hashlib.sha256(f"{salt}:{user_id}".encode()).hexdigest()


def save_tip(
    session: Session,
    text: str,
    *,
    salt: str,
    user_id: int | None = None,
    language: str = "ru",
    origin_type: str | None = None,
    origin_title: str | None = None,
    origin_date: datetime | None = None,
    update_id: int | None = None,
    links: Sequence[str] = (),
) -> Tip:
    """Store once: a redelivered update (same update_id) returns the tip already stored.

    `links`: every link of the message as sent (visible ones and the URLs behind text_link words),
    kept in `Tip.links` as a JSON array (see `tip_links`): the first MAX_TIP_LINKS distinct ones,
    invisible characters removed, each cut to MAX_LINK_CHARS."""
    text = clean_text(text).strip()
    if not text:
        raise InvalidInput("the tip is empty")
    if update_id is not None:
        existing = session.exec(select(Tip).where(Tip.update_id == update_id)).first()
        if existing is not None:
            return existing
    tip = Tip(text=text[:MAX_TIP_CHARS], language=language, origin_type=origin_type,
              origin_title=clean_name(origin_title), origin_date=origin_date,
              user_hash=user_hash(salt, user_id) if user_id is not None else None, update_id=update_id,
              links=_links_json(links))
    session.add(tip)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        existing = session.exec(select(Tip).where(Tip.update_id == update_id)).first()
        if existing is None:
            raise
        return existing
    return tip


def _links_json(links: Sequence[str]) -> str | None:
    kept: list[str] = []
    for url in links:
        url = clean_line(url)[:MAX_LINK_CHARS]
        if url and url not in kept and len(kept) < MAX_TIP_LINKS:
            kept.append(url)
    return json.dumps(kept, ensure_ascii=False) if kept else None


def tip_links(tip: Tip) -> list[str]:
    """The links kept with a tip (`save_tip`), in the order of the message; [] when it had none."""
    try:
        value = json.loads(tip.links) if tip.links else []
    except ValueError:
        return []
    return [u for u in value if isinstance(u, str)] if isinstance(value, list) else []


def notify_on_tip(session: Session, tip_id: int | str, *, salt: str, user_id: int, chat_id: int) -> Tip:
    """The sender asked to hear back: only now is their id kept, and only on their own tip."""
    tip = session.get(Tip, parse_id(tip_id, "tip"))
    if tip is None or tip.user_hash != user_hash(salt, user_id):
        raise NotFound("no such tip of yours", entity="tip")
    tip.notify = True
    tip.user_id = user_id
    tip.chat_id = chat_id
    session.commit()
    return tip


@dataclass
class TipOutcome:
    tip: Tip
    applied: bool
    handled_by: str | None
    claim: Claim | None = None


def _handle(session: Session, tip_id: int | str, status: str, actor_name: str, claim_id: int | None) -> tuple[Tip, bool]:
    tid = parse_id(tip_id, "tip")
    result = session.execute(update(Tip).where(Tip.id == tid, Tip.status == "open").values(
        status=status, handled_by=clean_name(actor_name), handled_at=utcnow(), claim_id=claim_id))
    tip = session.get(Tip, tid)
    if tip is None:
        session.rollback()
        raise NotFound(f"no tip with id {tid}", id=tid, entity="tip")
    return tip, result.rowcount == 1


def _tell_sender(session: Session, tip: Tip, outcome: str, claim: Claim | None = None) -> None:
    """Queue the notice the sender asked for with «Notify me» (nothing when they did not ask).

    One ``tip_handled`` Notification {tip_id, outcome: linked | converted | dismissed, claim_id},
    in the caller's transaction; a claim that already has a verdict would otherwise never be
    announced to them (they hear of verdict changes only).
    """
    if not tip.notify or tip.chat_id is None:
        return
    payload = {"tip_id": tip.id, "outcome": outcome, "claim_id": claim.id if claim else None}
    session.add(Notification(chat_id=tip.chat_id, kind="tip_handled", claim_id=claim.id if claim else None,
                             payload=json.dumps(payload), dedupe_key=f"tip:{tip.id}:{tip.chat_id}"))


def link_tip(session: Session, tip_id: int | str, claim_id: int | str, *, actor_id: int | None,
             actor_name: str) -> TipOutcome:
    claim = get_claim(session, claim_id)
    tip, applied = _handle(session, tip_id, "linked", actor_name, claim.id)
    if applied:
        session.add(AuditLog(actor_id=actor_id, actor_name=clean_name(actor_name), action="tip_link", object_type="tip",
                             object_id=tip.id, claim_id=claim.id, before="open", after=f"linked to #{claim.id}"))
        _tell_sender(session, tip, "linked", claim)
    session.commit()
    session.refresh(tip)
    return TipOutcome(tip, applied, tip.handled_by, claim)


def dismiss_tip(session: Session, tip_id: int | str, *, actor_id: int | None, actor_name: str) -> TipOutcome:
    tip, applied = _handle(session, tip_id, "dismissed", actor_name, None)
    if applied:
        session.add(AuditLog(actor_id=actor_id, actor_name=clean_name(actor_name), action="tip_dismiss", object_type="tip",
                             object_id=tip.id, before="open", after="dismissed"))
        _tell_sender(session, tip, "dismissed")
    session.commit()
    session.refresh(tip)
    return TipOutcome(tip, applied, tip.handled_by)


def convert_tip(session: Session, tip_id: int | str, text: str | None = None, *, actor_id: int | None,
                actor_name: str, speaker: str | None = None) -> TipOutcome:
    """Turn a tip into a new claim (its own text unless the moderator edited it)."""
    tid = parse_id(tip_id, "tip")
    tip = session.get(Tip, tid)
    if tip is None:
        raise NotFound(f"no tip with id {tid}", id=tid, entity="tip")
    if tip.status != "open":
        return TipOutcome(tip, False, tip.handled_by)
    tip, applied = _handle(session, tid, "converted", actor_name, None)
    if not applied:
        session.rollback()
        session.refresh(tip)
        return TipOutcome(tip, False, tip.handled_by)
    claim = insert_claim(session, text or tip.text, speaker=speaker, actor_id=actor_id, actor_name=actor_name,
                         lang=tip.language)
    tip.claim_id = claim.id
    session.add(AuditLog(actor_id=actor_id, actor_name=clean_name(actor_name), action="tip_convert", object_type="tip",
                         object_id=tip.id, claim_id=claim.id, before="open", after=f"claim #{claim.id}"))
    _tell_sender(session, tip, "converted", claim)
    session.commit()
    return TipOutcome(tip, True, tip.handled_by, claim)


def open_tips(session: Session, limit: int = 20) -> list[Tip]:
    return list(session.exec(select(Tip).where(Tip.status == "open").order_by(Tip.created_at, Tip.id).limit(limit)))
