"""Per-user and per-chat preferences, and match feedback: language, blocked flag, group auto-check,
"not this claim" (kept to tune the thresholds)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from sqlalchemy import bindparam, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from ..errors import InvalidInput
from ..i18n import lang_for_code
from ..models import ChatSetting, MatchFeedback, UserPref, utcnow
from ._common import get_claim
from .tips import user_hash

LANGUAGES = ("ru", "en")


def get_pref(session: Session, user_id: int) -> UserPref | None:
    return session.get(UserPref, user_id)


def set_language(session: Session, user_id: int, lang: str) -> UserPref:
    if lang not in LANGUAGES:
        raise InvalidInput(f"unknown language {lang!r}; use ru or en", value=lang)
    return _upsert(session, user_id, language=lang)


def remember_language(session: Session, user_id: int, lang: str) -> None:
    """Keep the language a user is served in, without overriding an explicit /lang choice.

    Called when the user asks for something that is delivered later (follow, notify me),
    so the later message comes in the language they read.
    """
    pref = session.get(UserPref, user_id)
    if pref is None:
        _upsert(session, user_id, language=lang if lang in LANGUAGES else None)


#: what `reader_language` reads, as its `row`: (language, blocked) of ``userpref``, keyed by user_id
PREF_COLUMNS = (UserPref.language, UserPref.blocked)
_READ = object()
_PREF = select(*PREF_COLUMNS).where(UserPref.user_id == bindparam("uid"))
_UNBLOCK = (update(UserPref).where(UserPref.user_id == bindparam("uid"), UserPref.blocked.is_(True))
            .values(blocked=False, updated_at=bindparam("now")))


def reader_language(conn: Connection, user_id: int, client_code: str | None, default: str, *,
                    row: Sequence[object] | None | object = _READ) -> str:
    """The language to answer a user in ("ru"/"en"): their /lang choice, else their client's
    (`client_code`, Telegram's ``language_code``), else `default`. A user who had blocked the bot
    is unblocked: they are writing to it again (an UPDATE on `conn`; the caller commits). Plain
    statements on a Connection, so the bot can read it in the unit of work that takes an update.
    `row`: the user's `PREF_COLUMNS` (None: no row) when the caller read them on `conn` itself
    (bot/persistence.py reads them with the update's other rows in one statement); read here
    otherwise. Raises SQLAlchemy errors."""
    if row is _READ:
        row = conn.execute(_PREF, {"uid": user_id}).first()
    if row is not None and row[1]:
        conn.execute(_UNBLOCK, {"uid": user_id, "now": utcnow()})
    chosen = row[0] if row is not None else None
    return chosen or lang_for_code(client_code, default=default)


def mark_blocked(session: Session, user_id: int) -> None:
    _upsert(session, user_id, blocked=True)


def _upsert(session: Session, user_id: int, **values: object) -> UserPref:
    pref = session.get(UserPref, user_id)
    if pref is None:
        pref = UserPref(user_id=user_id, **values)
        session.add(pref)
    else:
        for key, value in values.items():
            setattr(pref, key, value)
        pref.updated_at = utcnow()
    try:
        session.commit()
    except IntegrityError:  # created concurrently by another worker
        session.rollback()
        pref = session.get(UserPref, user_id)
        for key, value in values.items():
            setattr(pref, key, value)
        session.commit()
    return pref


def autocheck_enabled(session: Session, chat_id: int) -> bool:
    row = session.get(ChatSetting, chat_id)
    return bool(row and row.autocheck)


def set_autocheck(session: Session, chat_id: int, enabled: bool) -> None:
    row = session.get(ChatSetting, chat_id)
    if row is None:
        session.add(ChatSetting(chat_id=chat_id, autocheck=enabled))
    else:
        row.autocheck = enabled
        row.updated_at = utcnow()
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        set_autocheck(session, chat_id, enabled)


def message_hash(salt: str, text: str) -> str:
    """Short salted fingerprint of a message: enough to group feedback, useless to recover the text."""
    digest = hashlib.sha256(f"{salt}:{' '.join(text.split()).casefold()}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]  # surrogatepass: a lone half of an emoji pair does not raise


def record_feedback(session: Session, claim_id: int | str, msg_hash: str, score: float | None, *,
                    salt: str, user_id: int | None) -> bool:
    """Store one "not this claim"; False when this user already said so for this message and claim."""
    claim = get_claim(session, claim_id, follow_merge=False)
    uh = user_hash(salt, user_id) if user_id is not None else None
    dup = session.exec(select(MatchFeedback.id).where(
        MatchFeedback.claim_id == claim.id, MatchFeedback.message_hash == msg_hash[:64],
        MatchFeedback.user_hash == uh)).first()
    if dup is not None:
        return False
    session.add(MatchFeedback(claim_id=claim.id, message_hash=msg_hash[:64], score=score, user_hash=uh))
    session.commit()
    return True
