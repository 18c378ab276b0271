"""Tips: messages no stored claim matched, kept for moderators to link or turn into claims."""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, insert, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from ..errors import InvalidInput, NotFound
from ..models import AppMeta, AuditLog, Claim, Notification, Tip, TipAsker, utcnow
from ..normalize import normalize
from ..textclean import clean_line, clean_text
from ._common import clean_name, get_claim, parse_id
from .catalog import insert_claim

MAX_TIP_CHARS = 8000
MAX_TIP_LINKS = 20       # links kept with one tip
MAX_LINK_CHARS = 2048    # each link, as sent
# the tip of a redelivered update, looked up for every tip filed: built once (building and keying a
# statement costs more CPU than running it on SQLite); update_id is bound at execution
BY_UPDATE = select(Tip).where(Tip.update_id == bindparam("update_id"))


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


_ADD_ASKER = insert(TipAsker.__table__)  # type: ignore[arg-type]


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
    matched_claims: str | None = None,
    links: Sequence[str] = (),
    key: str | None = None,
    normalized: str | None = None,
    update_checked: bool = False,
) -> Tip:
    """Store once: a redelivered update (same update_id) returns the tip already stored.

    The sender becomes the tip's first `TipAsker`; `matched_claims` ("12,40") marks a tip cut from
    a post whose other parts repeat those claims. To attach repeats to an open tip instead of
    storing a new one, call claims.services.tipline.file_tip.
    `links`: every link of the message as sent (visible ones and the URLs behind text_link words),
    kept in `Tip.links` as a JSON array (see `tip_links`): the first MAX_TIP_LINKS distinct ones,
    invisible characters removed, each cut to MAX_LINK_CHARS. `key`: `Tip.text_key` when the caller
    computed it (claims.services.tipline.file_tip), else `text_key` of the normalised text;
    `normalized`: `tip_normalized` of the cleaned text in `language` when the caller computed it
    (file_tip does, for the key: normalising a post again cost a third of a millisecond);
    `update_checked`: the caller has just looked `update_id` up in this session (file_tip), so it
    is not read again (a race with another worker still ends in the stored tip, below)."""
    text = clean_text(text).strip()
    if not text:
        raise InvalidInput("the tip is empty")
    if update_id is not None and not update_checked:
        existing = session.exec(BY_UPDATE, params={"update_id": update_id}).first()
        if existing is not None:
            return existing
    text = text[:MAX_TIP_CHARS]
    norm = tip_normalized(text, language) if normalized is None else normalized
    uhash = user_hash(salt, user_id) if user_id is not None else None
    now = utcnow()
    tip = Tip(text=text, language=language, origin_type=origin_type,
              origin_title=clean_name(origin_title), origin_date=origin_date,
              user_hash=uhash, update_id=update_id, created_at=now, last_seen_at=now,
              normalized=norm, text_key=key or text_key(norm, text), matched_claims=matched_claims or None,
              links=links_json(links))
    session.add(tip)
    try:
        session.flush()
        if uhash is not None:  # the sender is the tip's first asker
            # one Core insert: no model object, no second unit of work at the commit
            session.execute(_ADD_ASKER, {"tip_id": tip.id, "user_hash": uhash, "notify": False, "count": 1,
                                         "first_seen": now, "last_seen": now})
        session.commit()
    except IntegrityError:
        session.rollback()
        existing = session.exec(BY_UPDATE, params={"update_id": update_id}).first()
        if existing is None:
            raise
        return existing
    return tip


def tip_normalized(text: str, language: str = "ru") -> str:
    """The tip's text normalised as claims are (claims.normalize.normalize; "" for wordless text)."""
    return normalize(text, language if language in ("ru", "en") else None)


def text_key(normalized: str, text: str = "") -> str:
    """sha256 hex of the normalised text (of the case-folded text when nothing normalises): two
    messages with one key are the same tip."""
    basis = normalized or " ".join(clean_text(text).casefold().split())
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()


def links_json(links: Sequence[str]) -> str | None:
    """`Tip.links` for `links` (URL strings in message order): a JSON array of the first
    MAX_TIP_LINKS distinct ones, each cleaned and cut to MAX_LINK_CHARS; None when none is left."""
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
    """The sender asked to hear back: only now is their id kept, and only on a tip they sent
    (their own, or an open tip their message was attached to as a repeat). On a tip already
    handled (`Tip.status` not "open") the ``tip_handled`` notice is queued for `chat_id` at once
    (at most once per chat). Raises NotFound when `tip_id` is not a tip this user sent."""
    tip = session.get(Tip, parse_id(tip_id, "tip"))
    uhash = user_hash(salt, user_id)
    asker = None if tip is None else session.exec(
        select(TipAsker).where(TipAsker.tip_id == tip.id, TipAsker.user_hash == uhash)).first()
    if tip is None or (tip.user_hash != uhash and asker is None):
        raise NotFound("no such tip of yours", entity="tip")
    if tip.user_hash == uhash:
        tip.notify = True
        tip.user_id = user_id
        tip.chat_id = chat_id
    if asker is not None:
        asker.notify = True
        asker.user_id = user_id
        asker.chat_id = chat_id
    if tip.status != "open":
        # pressed on an old message after the tip was handled: the notice everyone else got is
        # queued for this chat now (once), instead of a promise no notice would keep
        key = f"tip:{tip.id}:{chat_id}"
        if session.exec(select(Notification.id).where(Notification.dedupe_key == key)).first() is None:
            claim = session.get(Claim, tip.claim_id) if tip.claim_id else None
            payload = {"tip_id": tip.id, "outcome": tip.status, "claim_id": claim.id if claim else None}
            session.add(Notification(chat_id=chat_id, kind="tip_handled", claim_id=claim.id if claim else None,
                                     payload=json.dumps(payload), dedupe_key=key))
    session.commit()
    return tip


def notify_chats(session: Session, tip: Tip) -> list[int]:
    """The chats of everyone who pressed «Notify me» on this tip or on a repeat attached to it,
    each once, sorted."""
    chats = {tip.chat_id} if tip.notify and tip.chat_id is not None else set()
    chats |= {c for c in session.exec(select(TipAsker.chat_id).where(
        TipAsker.tip_id == tip.id, TipAsker.notify == True, col(TipAsker.chat_id).is_not(None)))  # noqa: E712
              if c is not None}
    return sorted(chats)


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
    """Queue the notice everyone who pressed «Notify me» asked for — the sender and every person
    whose repeat was attached to the tip, once each (nothing for those who did not ask).

    One ``tip_handled`` Notification {tip_id, outcome: linked | converted | dismissed, claim_id}
    per chat, in the caller's transaction; a claim that already has a verdict would otherwise never
    be announced to them (they hear of verdict changes only).
    """
    payload = {"tip_id": tip.id, "outcome": outcome, "claim_id": claim.id if claim else None}
    for chat_id in notify_chats(session, tip):
        session.add(Notification(chat_id=chat_id, kind="tip_handled", claim_id=claim.id if claim else None,
                                 payload=json.dumps(payload), dedupe_key=f"tip:{tip.id}:{chat_id}"))


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
