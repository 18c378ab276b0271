"""Sources that support or refute a claim: submitted by anyone, reviewed by moderators."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy import or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from ..errors import Conflict, InvalidInput, NotFound
from ..models import AuditLog, Source, utcnow
from ..textclean import clean_line
from ..urls import url_key
from ._common import clean_name, clean_optional, get_claim, parse_id

STANCES = ("supports", "refutes", "context")
MAX_URL_CHARS = 2000
MAX_NOTE_CHARS = 1000
# One label of a host name: letters (any script: пример.рф), digits, "-" and "_"; no tags, quotes, "%"
# or spaces, and never empty ("news..example.com").
_HOST_LABEL = re.compile(r"[\w-]+")
_STANCE_WORDS = {
    "supports": "supports", "support": "supports", "+": "supports", "за": "supports", "подтверждает": "supports",
    "refutes": "refutes", "refute": "refutes", "-": "refutes", "против": "refutes", "опровергает": "refutes",
    "context": "context", "контекст": "context",
}


def parse_stance(value: str | None) -> str:
    key = (value or "context").strip().casefold()
    if key not in _STANCE_WORDS:
        raise InvalidInput(f"unknown stance {value!r}; use supports, refutes or context", value=value)
    return _STANCE_WORDS[key]


def split_stance_note(words: list[str]) -> tuple[str, str | None]:
    """(stance, note) from the words after a link: a first word that names a stance (`parse_stance`)
    is the stance, the rest the note; otherwise the stance is "context" and all the words are the note
    (None when there are none)."""
    stance = "context"
    if words:
        try:
            stance, words = parse_stance(words[0]), words[1:]
        except InvalidInput:
            pass  # no stance given: the words are the note
    return stance, " ".join(words).strip() or None


def check_url(url: str) -> str:
    url = clean_line(url)
    if not url:
        raise InvalidInput("the link is empty")
    if len(url) > MAX_URL_CHARS:
        raise InvalidInput(f"the link is too long ({len(url)} characters, at most {MAX_URL_CHARS})")
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise InvalidInput("the link contains spaces or control characters")
    try:
        parts = urlsplit(url)
    except ValueError:
        raise InvalidInput("that is not a valid link") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise InvalidInput("only http:// and https:// links are accepted", scheme=parts.scheme)
    host = parts.hostname or ""
    labels = host.removesuffix(".").split(".")
    if len(labels) < 2 or not all(_HOST_LABEL.fullmatch(label) for label in labels):
        raise InvalidInput("the link has no valid host name")
    return url


def submit_source(
    session: Session,
    claim_id: int | str,
    url: str,
    stance: str | None = "context",
    note: str | None = None,
    *,
    submitter_id: int | None = None,
    submitter_name: str | None = None,
) -> Source:
    """Store a pending source; the same link for the same claim is refused (Conflict), compared as
    claims.urls.url_key compares links: scheme and host case, a trailing slash, "www." and tracking
    parameters aside."""
    claim = get_claim(session, claim_id)
    url = check_url(url)
    key = url_key(url)
    stance = parse_stance(stance)
    note = clean_optional(note)
    if note and len(note) > MAX_NOTE_CHARS:
        raise InvalidInput(f"the note is too long ({len(note)} characters, at most {MAX_NOTE_CHARS})")
    same = or_(Source.url == url, Source.url_key == key) if key else Source.url == url
    if session.exec(select(Source.id).where(Source.claim_id == claim.id, same)).first():
        raise Conflict(f"this link was already submitted for claim {claim.id}", claim_id=claim.id)
    source = Source(claim_id=claim.id, url=url, url_key=key, stance=stance, note=note, submitter_id=submitter_id,
                    submitter_name=clean_name(submitter_name))
    session.add(source)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise Conflict(f"this link was already submitted for claim {claim.id}", claim_id=claim.id) from None
    return source


@dataclass
class ReviewOutcome:
    source: Source
    applied: bool  # False: somebody else had already handled it
    handled_by: str | None


def review_source(
    session: Session,
    source_id: int | str,
    approve: bool,
    *,
    reviewer_id: int | None,
    reviewer_name: str | None,
    reason: str | None = None,
) -> ReviewOutcome:
    """Approve or reject a pending source; exactly one of two concurrent reviews takes effect."""
    sid = parse_id(source_id, "source")
    reason = clean_optional(reason)
    reviewer_name = clean_name(reviewer_name)  # None: no name (front ends say "a moderator")
    if reason and len(reason) > MAX_NOTE_CHARS:
        raise InvalidInput(f"the reason is too long ({len(reason)} characters, at most {MAX_NOTE_CHARS})",
                           limit=MAX_NOTE_CHARS)
    status = "approved" if approve else "rejected"
    result = session.execute(
        update(Source)
        .where(Source.id == sid, Source.status == "pending")
        .values(status=status, reviewer_id=reviewer_id, reviewer_name=reviewer_name,
                review_reason=(reason or None), reviewed_at=utcnow())
    )
    applied = result.rowcount == 1
    source = session.get(Source, sid)
    if source is None:
        session.rollback()
        raise NotFound(f"no source with id {sid}", id=sid, entity="source")
    if applied:
        session.add(AuditLog(actor_id=reviewer_id, actor_name=reviewer_name, action=f"source_{status}",
                             object_type="source", object_id=sid, claim_id=source.claim_id, before="pending",
                             after=status + (f": {reason}" if reason else "")))
    session.commit()
    session.refresh(source)
    return ReviewOutcome(source, applied, source.reviewer_name)


def pending_sources(session: Session, limit: int = 20) -> list[Source]:
    return list(session.exec(select(Source).where(Source.status == "pending").order_by(Source.created_at,
                                                                                      Source.id).limit(limit)))
