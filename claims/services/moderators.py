"""Moderator roles, the authorisation check, the review queue and the audit trail of a claim.

Admins are the numeric ids in MODERATOR_IDS (configuration, never usernames: a username can
change hands); moderators are rows in the Moderator table that admins add and remove. Every
refused attempt is written to the append-only AuditLog, so probing the moderator commands
leaves a trace.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from ..errors import ClaimsError, Conflict, Forbidden, InvalidInput, NotFound
from ..models import AppMeta, AuditLog, Claim, Moderator, Source, Tip, VerdictHistory
from ..normalize import written_language
from ._common import MAX_ID, check_text, clean_name, get_claim, parse_id
from .catalog import MAX_CLAIM_CHARS, claim_words
from .ingest import ingest_article
from .matching import match_message, search_claims
from .sources import ReviewOutcome, review_source
from .tips import TipOutcome, convert_tip, dismiss_tip, link_tip
from .verdicts import set_verdict

ADMIN = "admin"
MODERATOR = "moderator"
MAX_NAME_CHARS = 256
MAX_AUDIT_DETAIL_CHARS = 200


@dataclass(frozen=True)
class Actor:
    """Who is acting, as the services need it: id for the record, name for "handled by"."""

    user_id: int
    name: str
    role: str | None = None  # admin | moderator | None

    def __post_init__(self) -> None:
        # the name is written to the audit log, "handled by" and history: cleaned like every name
        object.__setattr__(self, "name", clean_name(self.name, MAX_NAME_CHARS) or str(self.user_id))

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN


def role_of(session: Session, user_id: int | None, admin_ids: Collection[int]) -> str | None:
    if user_id is None:
        return None
    if user_id in admin_ids:
        return ADMIN
    return MODERATOR if session.get(Moderator, user_id) is not None else None


def authorize(
    session: Session,
    user_id: int | None,
    name: str | None,
    admin_ids: Collection[int],
    action: str,
    *,
    need: str = MODERATOR,
    claim_id: int | None = None,
) -> Actor:
    """The acting moderator, or Forbidden after the refused attempt is committed to the audit log.

    `need` is "moderator" (admins pass too) or "admin". `action` names what was tried
    (a command or button), kept in the log entry.
    """
    role = role_of(session, user_id, admin_ids)
    allowed = role == ADMIN or (role == MODERATOR and need == MODERATOR)
    display = clean_name(name, MAX_NAME_CHARS) or (str(user_id) if user_id is not None else "?")
    if not allowed:
        session.add(AuditLog(actor_id=user_id, actor_name=display, action="denied", object_type="attempt",
                             claim_id=claim_id, before=role, after=clean_name(action, MAX_AUDIT_DETAIL_CHARS)))
        session.commit()
        raise Forbidden(f"{action} is for {'admins' if need == ADMIN else 'moderators'} only", need=need,
                        action=action)
    return Actor(user_id, display, role)


def moderator_ids(session: Session, admin_ids: Collection[int]) -> set[int]:
    """Everyone who sees the moderator commands: admins and stored moderators."""
    return set(admin_ids) | set(session.exec(select(Moderator.user_id)))


@dataclass
class ModeratorRow:
    user_id: int
    role: str
    name: str | None


def list_moderators(session: Session, admin_ids: Collection[int]) -> list[ModeratorRow]:
    rows = [ModeratorRow(uid, ADMIN, None) for uid in sorted(admin_ids)]
    for mod in session.exec(select(Moderator).order_by(Moderator.created_at, Moderator.user_id)):
        if mod.user_id not in admin_ids:
            rows.append(ModeratorRow(mod.user_id, MODERATOR, mod.name))
    return rows


def parse_user_id(value: int | str) -> int:
    """A numeric Telegram user id; usernames are refused because they can change hands."""
    text = str(value).strip()
    if text.startswith("@") or not text.isdigit() or len(text) > 15 or int(text) <= 0:
        raise InvalidInput(f"a user id is a number such as 123456789, not {text[:40]!r}", value=text[:40],
                           entity="user")
    return int(text)


def add_moderator(session: Session, actor: Actor, user_id: int | str, *, name: str | None = None,
                  admin_ids: Collection[int] = ()) -> bool:
    """Give `user_id` the moderator role; False when they already have it (nothing changes)."""
    if not actor.is_admin:
        raise Forbidden("only admins add moderators")
    uid = parse_user_id(user_id)
    if uid in admin_ids or session.get(Moderator, uid) is not None:
        return False
    session.add(Moderator(user_id=uid, name=clean_name(name, MAX_NAME_CHARS), added_by=actor.user_id))
    session.add(AuditLog(actor_id=actor.user_id, actor_name=actor.name, action="mod_add", object_type="user",
                         object_id=uid, before=None, after=MODERATOR))
    session.commit()
    return True


def remove_moderator(session: Session, actor: Actor, user_id: int | str, *,
                     admin_ids: Collection[int] = ()) -> bool:
    """Take the role away; admins (configuration) cannot be removed here. False: was not a moderator."""
    if not actor.is_admin:
        raise Forbidden("only admins remove moderators")
    uid = parse_user_id(user_id)
    if uid in admin_ids:
        raise Conflict(f"{uid} is an admin (MODERATOR_IDS); change the configuration instead", user_id=uid)
    mod = session.get(Moderator, uid)
    if mod is None:
        return False
    session.delete(mod)
    session.add(AuditLog(actor_id=actor.user_id, actor_name=actor.name, action="mod_remove", object_type="user",
                         object_id=uid, before=MODERATOR, after=None))
    session.commit()
    return True


# --- the review queue -------------------------------------------------------------------------

@dataclass
class QueueItem:
    """One card of the review queue: a pending source (with its claim) or an open tip."""

    kind: str  # source | tip
    id: int
    created_at: datetime
    source: Source | None = None
    tip: Tip | None = None
    claim: Claim | None = None

    @property
    def key(self) -> str:
        return f"{self.kind[0]}{self.id}"

    @property
    def waiting(self) -> bool:
        """Not handled yet: a pending source or an open tip."""
        return self.source.status == "pending" if self.source is not None else self.tip.status == "open"

    @property
    def handled_by(self) -> str | None:
        """Who approved, rejected, linked, converted or dismissed it (None while it waits)."""
        return self.source.reviewer_name if self.source is not None else self.tip.handled_by


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def queue_items(session: Session, *, skip: Iterable[str] = (), limit: int = 1) -> list[QueueItem]:
    """Pending sources and open tips together: the tips most people sent first (`Tip.askers`; a
    source counts as one), then oldest first; `skip` holds keys like "s12", "t7" (a key past the
    ids' range names no row and is ignored: PostgreSQL would refuse the whole query)."""
    skip = {(k[:1], int(k[1:])) for k in set(skip) if k[1:].isdecimal() and int(k[1:]) <= MAX_ID}
    s_skip = [n for kind, n in skip if kind == "s"]
    t_skip = [n for kind, n in skip if kind == "t"]
    limit = max(1, min(limit, 100))
    src_q = select(Source).where(Source.status == "pending")
    if s_skip:
        src_q = src_q.where(col(Source.id).not_in(s_skip))
    tip_q = select(Tip).where(Tip.status == "open")
    if t_skip:
        tip_q = tip_q.where(col(Tip.id).not_in(t_skip))
    sources = list(session.exec(src_q.order_by(Source.created_at, Source.id).limit(limit)))
    tips = list(session.exec(tip_q.order_by(col(Tip.askers).desc(), Tip.created_at, Tip.id).limit(limit)))
    items = [QueueItem("source", s.id, _aware(s.created_at), source=s) for s in sources]
    items += [QueueItem("tip", t.id, _aware(t.created_at), tip=t) for t in tips]
    items.sort(key=lambda i: (-(i.tip.askers or 1) if i.tip is not None else -1, i.created_at, i.kind, i.id))
    items = items[:limit]
    for item in items:
        if item.source is not None:
            item.claim = session.get(Claim, item.source.claim_id)
    return items


def queue_item(session: Session, kind: str, item_id: int | str) -> QueueItem:
    """One card by kind and id, whatever its status (to redraw it after an action)."""
    if kind == "source":
        src = session.get(Source, parse_id(item_id, "source"))
        if src is None:
            raise NotFound(f"no source with id {item_id}", id=item_id, entity="source")
        return QueueItem("source", src.id, _aware(src.created_at), source=src, claim=session.get(Claim, src.claim_id))
    if kind == "tip":
        tip = session.get(Tip, parse_id(item_id, "tip"))
        if tip is None:
            raise NotFound(f"no tip with id {item_id}", id=item_id, entity="tip")
        claim = session.get(Claim, tip.claim_id) if tip.claim_id else None
        return QueueItem("tip", tip.id, _aware(tip.created_at), tip=tip, claim=claim)
    raise InvalidInput(f"unknown queue item kind {kind!r}")


@dataclass
class QueueSize:
    sources: int
    tips: int
    oldest: datetime | None

    @property
    def total(self) -> int:
        return self.sources + self.tips


def queue_size(session: Session) -> QueueSize:
    n_src, old_src = session.exec(select(func.count(), func.min(Source.created_at))
                                  .where(Source.status == "pending")).one()
    n_tip, old_tip = session.exec(select(func.count(), func.min(Tip.created_at)).where(Tip.status == "open")).one()
    oldest = [_aware(d) for d in (old_src, old_tip) if d is not None]
    return QueueSize(int(n_src), int(n_tip), min(oldest) if oldest else None)


def next_in_queue(session: Session, skip: Iterable[str] = ()) -> tuple[QueueItem | None, QueueSize]:
    """The card to show next (None when nothing is left but skipped items) and the queue's size."""
    items = queue_items(session, skip=skip, limit=1)
    return (items[0] if items else None), queue_size(session)


# --- moderator use cases that add a rule on top of the shared services -------------------------

def live_claim(session: Session, claim_id: int | str) -> Claim:
    """The claim itself, refusing a merged duplicate: acting on it would silently hit another claim."""
    claim = get_claim(session, claim_id, follow_merge=False)
    if claim.merged_into_id is not None:
        target = get_claim(session, claim.id)
        raise Conflict(f"claim {claim.id} was merged into claim {target.id}", claim_id=claim.id,
                       merged_into=target.id)
    return claim


def set_claim_verdict(session: Session, actor: Actor, claim_id: int | str, verdict: str, reason: str, *,
                      override: bool = False) -> VerdictHistory:
    """A moderator's verdict: evidence required unless overridden; never on a merged duplicate."""
    claim = live_claim(session, claim_id)
    return set_verdict(session, claim.id, verdict, reason=reason, by=actor.name, by_user_id=actor.user_id,
                       require_evidence=True, override=override)


def link_tip_to_claim(session: Session, actor: Actor, tip_id: int | str, claim_id: int | str):
    """Link a tip to a claim picked from search results; a claim merged since the search is refused."""
    claim = live_claim(session, claim_id)
    return link_tip(session, tip_id, claim.id, actor_id=actor.user_id, actor_name=actor.name)


def convert_tip_text(session: Session, actor: Actor, tip_id: int | str, text: str | None = None):
    """A new claim from a tip: its own text, or the moderator's edit written as "Speaker | text"."""
    speaker = None
    if text is not None:
        speaker, text = split_speaker(text)
        text = check_text(text, "claim text", MAX_CLAIM_CHARS)  # before the tip is marked converted (its
        claim_words(text, written_language(text))  # insert_claim checks the words again, in the tip's language)
    return convert_tip(session, tip_id, text, actor_id=actor.user_id, actor_name=actor.name, speaker=speaker)


def approve_source(session: Session, actor: Actor, source_id: int | str) -> ReviewOutcome:
    """Approve a pending source; `.applied` False when someone was quicker (`.handled_by` says who)."""
    return review_source(session, source_id, True, reviewer_id=actor.user_id, reviewer_name=actor.name)


def reject_source(session: Session, actor: Actor, source_id: int | str, reason: str) -> ReviewOutcome:
    """Reject a pending source with a reason shown to its submitter; outcome as `approve_source`."""
    return review_source(session, source_id, False, reviewer_id=actor.user_id, reviewer_name=actor.name,
                         reason=reason)


def dismiss_queued_tip(session: Session, actor: Actor, tip_id: int | str) -> TipOutcome:
    """Dismiss an open tip; `.applied` False when someone handled it first."""
    return dismiss_tip(session, tip_id, actor_id=actor.user_id, actor_name=actor.name)


def link_choices(session: Session, matcher, text: str, limit: int = 6) -> list[Claim]:  # noqa: ANN001
    """Claims a tip may be linked to: what the matcher ranks highest for its text, related ones included."""
    return [i.claim for i in match_message(session, matcher, text, limit=limit, min_score=0).items]


def search_link_choices(session: Session, matcher, query: str, limit: int = 6) -> list[Claim]:  # noqa: ANN001
    """A moderator's typed search for a claim to link: a bare number (or #number) is that claim, if it
    exists and was not merged away (else none); other text is searched. At most `limit` claims."""
    ref = query.strip().lstrip("#")
    if ref.isdigit():
        try:
            return [live_claim(session, ref)]
        except ClaimsError:
            return []
    return [i.claim for i in search_claims(session, matcher, query, limit=limit).items]


def split_speaker(value: str) -> tuple[str | None, str]:
    """"Speaker | text" → (speaker, text); plain text → (None, text)."""
    head, sep, rest = value.partition("|")
    if sep and head.strip() and rest.strip() and len(head.strip()) <= 200:
        return head.strip(), rest.strip()
    return None, value.strip()


def parse_claim_line(value: str) -> tuple[str | None, str, str | None]:
    """"text" | "Speaker | text" | "text | url" | "Speaker | text | url" → (speaker, text, url); the
    url only when the last part is one http(s) address; text "" when there is none."""
    parts = [p.strip() for p in value.split("|")]
    url = None
    if len(parts) > 1 and parts[-1].lower().startswith(("http://", "https://")) and " " not in parts[-1]:
        url = parts.pop()
    if len(parts) >= 2:  # empty parts are no text («Speaker | |» has none: not a claim «|»)
        return parts[0] or None, " | ".join(p for p in parts[1:] if p), url
    return None, parts[0] if parts else "", url


def new_queue_items(session: Session, limit: int = 20) -> list[QueueItem]:
    """Sources and tips that arrived since the last call, each returned to exactly one caller.

    A cursor per kind lives in AppMeta and is advanced with a conditional UPDATE, so several bot
    processes polling at once never announce the same item twice. The first call only sets the
    cursors (no flood of old items when the moderation chat is first configured).
    """
    items: list[QueueItem] = []
    for kind, model in (("source", Source), ("tip", Tip)):
        key = f"mod.announced.{kind}"
        row = session.get(AppMeta, key)
        if row is None:
            top = session.exec(select(func.max(model.id))).one() or 0
            session.add(AppMeta(key=key, value=str(top)))
            try:
                session.commit()
            except IntegrityError:
                session.rollback()
            continue
        last = int(row.value)
        fresh = list(session.exec(select(model).where(model.id > last).order_by(model.id).limit(limit)))
        if not fresh:
            continue
        won = session.execute(update(AppMeta).where(AppMeta.key == key, AppMeta.value == str(last))
                              .values(value=str(fresh[-1].id))).rowcount == 1
        session.commit()
        if not won:
            session.expire(row)
            continue
        for obj in fresh:
            if kind == "source" and obj.status == "pending":
                items.append(QueueItem("source", obj.id, _aware(obj.created_at), source=obj,
                                       claim=session.get(Claim, obj.claim_id)))
            elif kind == "tip" and obj.status == "open":
                items.append(QueueItem("tip", obj.id, _aware(obj.created_at), tip=obj))
    items.sort(key=lambda i: (i.created_at, i.kind, i.id))
    return items


def ingest_confirmed(session: Session, actor: Actor, text: str, extracted: list, *, lang: str | None = None,
                     url: str | None = None, title: str | None = None):
    """Store an article with exactly the claims the moderator confirmed, and say who did it."""
    result = ingest_article(session, text, extracted=extracted, lang=lang, url=url, title=title)
    if result.created:
        for claim in result.claims:
            session.add(AuditLog(actor_id=actor.user_id, actor_name=actor.name, action="claim_ingest",
                                 object_type="claim", object_id=claim.id, claim_id=claim.id,
                                 before=f"article #{result.article.id}", after=claim.text))
        session.commit()
    return result


# --- accountability ---------------------------------------------------------------------------

@dataclass
class HistoryEntry:
    at: datetime
    who: str
    who_id: int | None
    action: str  # verdict | verdict_override | source_approved | tip_link | claim_edit | ...
    before: str | None
    after: str | None
    reason: str | None = None


_VERDICT_ACTIONS = ("verdict", "verdict_override")


def claim_history(session: Session, claim_id: int | str) -> tuple[Claim, list[HistoryEntry]]:
    """Every verdict change (VerdictHistory) and moderation action (AuditLog) on a claim, oldest first.

    Entries of duplicates merged into it are included, since their history now belongs here.
    Refused attempts are not moderation actions and are left out.
    """
    claim = get_claim(session, claim_id)
    ids = [claim.id, *session.exec(select(Claim.id).where(Claim.merged_into_id == claim.id))]
    entries = [
        HistoryEntry(_aware(h.created_at), h.by, h.by_user_id, "verdict_override" if h.override else "verdict",
                     h.old_verdict, h.new_verdict, h.reason)
        for h in session.exec(select(VerdictHistory).where(col(VerdictHistory.claim_id).in_(ids)))
    ]
    audit = session.exec(select(AuditLog).where(col(AuditLog.claim_id).in_(ids),
                                                col(AuditLog.action).not_in([*_VERDICT_ACTIONS, "denied"])))
    entries += [HistoryEntry(_aware(a.created_at), a.actor_name or (str(a.actor_id) if a.actor_id else "?"),
                             a.actor_id, a.action, a.before, a.after) for a in audit]
    entries.sort(key=lambda e: e.at)
    return claim, entries

