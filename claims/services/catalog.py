"""Reading claims, and the moderators' writes that create, edit and merge them."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import bindparam, func, update
from sqlmodel import Session, col, select

from ..errors import Conflict, InvalidInput, NotFound, NoWords
from ..models import Article, AuditLog, Claim, Source, Subscription, Tip, VerdictHistory
from ..verdicts import Verdict, parse_verdict
from ._common import check_text, clean_name, get_claim, record_change, touch

MAX_CLAIM_CHARS = 2000


@dataclass
class ClaimCard:
    """Everything the full card shows about one claim."""

    claim: Claim
    article: Article | None
    sources: list[Source] = field(default_factory=list)  # approved only
    history: list[VerdictHistory] = field(default_factory=list)
    followers: int = 0
    requested_id: int | None = None  # the id asked for, when it was a merged duplicate


def list_claims(
    session: Session,
    *,
    verdict: str | None = None,
    article_id: int | None = None,
    kind: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[Claim]:
    """Live (not merged) claims by id; `kind` is "statement" or "plan" (InvalidInput otherwise)."""
    stmt = select(Claim).where(col(Claim.merged_into_id).is_(None))
    if kind is not None:
        if kind not in ("statement", "plan"):
            raise InvalidInput(f"unknown kind {kind!r}; use statement or plan", kind=kind)
        stmt = stmt.where(Claim.kind == kind)
    if verdict is not None:
        stmt = stmt.where(Claim.verdict == parse_verdict(verdict).value)
    if article_id is not None:
        if session.get(Article, article_id) is None:
            raise NotFound(f"no article with id {article_id}", id=article_id, entity="article")
        stmt = stmt.where(Claim.article_id == article_id)
    stmt = stmt.order_by(Claim.id).offset(max(0, offset)).limit(max(1, min(limit, 10_000)))
    return list(session.exec(stmt))


def claim_card(session: Session, claim_id: int | str) -> ClaimCard:
    claim = get_claim(session, claim_id)
    article = session.get(Article, claim.article_id) if claim.article_id else None
    sources = list(session.exec(
        select(Source).where(Source.claim_id == claim.id, Source.status == "approved").order_by(Source.id)))
    history = list(session.exec(
        select(VerdictHistory).where(VerdictHistory.claim_id == claim.id).order_by(VerdictHistory.id)))
    followers = session.exec(select(func.count()).select_from(Subscription)
                             .where(Subscription.claim_id == claim.id)).one()
    requested = None
    if str(claim_id).strip().lstrip("#").isdigit() and int(str(claim_id).strip().lstrip("#")) != claim.id:
        requested = int(str(claim_id).strip().lstrip("#"))
    return ClaimCard(claim, article, sources, history, followers, requested)


# Statements every match and search runs, built once (the ids are bound at execution): building
# and keying a statement costs more CPU than running it on SQLite.
_IDS = bindparam("ids", expanding=True)
_APPROVED_COUNTS = (select(Source.claim_id, func.count())
                    .where(col(Source.claim_id).in_(_IDS), Source.status == "approved").group_by(Source.claim_id))
_CLAIMS = select(Claim).where(col(Claim.id).in_(_IDS))
_ARTICLES = select(Article).where(col(Article.id).in_(_IDS))


def approved_source_counts(session: Session, claim_ids: list[int]) -> dict[int, int]:
    if not claim_ids:
        return {}
    return {cid: n for cid, n in session.connection().execute(_APPROVED_COUNTS, {"ids": list(claim_ids)})}


def load_claims(session: Session, claim_ids: list[int]) -> dict[int, tuple[Claim, Article | None]]:
    """Claims by id with their articles, in one round trip each."""
    if not claim_ids:
        return {}
    claims = list(session.scalars(_CLAIMS, {"ids": list(claim_ids)}))
    art_ids = {c.article_id for c in claims if c.article_id}
    arts = {a.id: a for a in session.scalars(_ARTICLES, {"ids": sorted(art_ids)})} if art_ids else {}
    return {c.id: (c, arts.get(c.article_id)) for c in claims}


def add_claim(
    session: Session,
    text: str,
    *,
    speaker: str | None = None,
    article_url: str | None = None,
    verdict: str | None = None,
    actor_id: int | None = None,
    actor_name: str | None = None,
    lang: str | None = None,
) -> Claim:
    claim = insert_claim(session, text, speaker=speaker, article_url=article_url, verdict=verdict,
                         actor_id=actor_id, actor_name=actor_name, lang=lang)
    session.commit()
    return claim


def claim_words(text: str, lang: str) -> str:
    """The normalised form of a claim's checked `text` (what matching and search read); NoWords when it
    is empty — a claim with nothing to find it by is refused wherever one is added or edited."""
    from ..normalize import normalize

    if not (normalized := normalize(text, lang)):
        raise NoWords(f"the claim text has no words to find it by: {text[:60]!r}", value=text[:60])
    return normalized


def insert_claim(session: Session, text: str, *, speaker: str | None = None, article_url: str | None = None,
                 verdict: str | None = None, actor_id: int | None = None, actor_name: str | None = None,
                 lang: str | None = None) -> Claim:
    """add_claim without the commit, for use cases that create a claim as part of a larger step."""
    from ..normalize import written_language

    text = check_text(text, "claim text", MAX_CLAIM_CHARS)
    speaker = clean_name(speaker, 512)
    actor_name = clean_name(actor_name)
    lang = lang or written_language(text)
    normalized = claim_words(text, lang)
    article_id = None
    if article_url:
        article = session.exec(select(Article).where(Article.url == article_url)).first()
        article_id = article.id if article else None
    claim = Claim(text=text, normalized=normalized, speaker=speaker, language=lang,
                  article_id=article_id, verdict=parse_verdict(verdict).value if verdict else Verdict.UNVERIFIED.value,
                  checkworthiness=1.0)
    session.add(claim)
    session.flush()
    record_change(session, claim.id, "add")
    session.add(AuditLog(actor_id=actor_id, actor_name=actor_name, action="claim_add", object_type="claim",
                         object_id=claim.id, claim_id=claim.id, after=text))
    return claim


def edit_claim(session: Session, claim_id: int | str, text: str, *, actor_id: int | None = None,
               actor_name: str | None = None) -> Claim:
    claim = get_claim(session, claim_id, follow_merge=False)
    if claim.merged_into_id is not None:
        raise Conflict(f"claim {claim.id} was merged into claim {claim.merged_into_id}; edit that one",
                       claim_id=claim.id, merged_into=claim.merged_into_id)
    from ..normalize import written_language

    text = check_text(text, "claim text", MAX_CLAIM_CHARS)
    # the language the new text is written in, as `insert_claim` reads it (a Russian claim edited into
    # «the of and» was stored as the transliterated «оф анды», words no one would search by)
    lang = written_language(text)
    normalized = claim_words(text, lang)
    actor_name = clean_name(actor_name)
    before = claim.text
    claim.text = text
    claim.language = lang
    claim.normalized = normalized
    touch(claim)
    record_change(session, claim.id, "edit")
    session.add(AuditLog(actor_id=actor_id, actor_name=actor_name, action="claim_edit", object_type="claim",
                         object_id=claim.id, claim_id=claim.id, before=before, after=text))
    session.commit()
    return claim


def merge_claims(session: Session, keep_id: int | str, dup_id: int | str, *, actor_id: int | None = None,
                 actor_name: str | None = None) -> Claim:
    """Move sources, followers, tips and history of the duplicate to the kept claim.

    The duplicate stays as a pointer (`merged_into_id`), so old links and buttons still lead somewhere.
    """
    keep = get_claim(session, keep_id, follow_merge=False)
    dup = get_claim(session, dup_id, follow_merge=False)
    actor_name = clean_name(actor_name)
    if keep.id == dup.id:
        raise InvalidInput("a claim cannot be merged with itself")
    if dup.merged_into_id is not None:
        raise Conflict(f"claim {dup.id} is already merged into claim {dup.merged_into_id}", claim_id=dup.id,
                       merged_into=dup.merged_into_id)
    if keep.merged_into_id is not None:
        raise Conflict(f"claim {keep.id} is itself merged into claim {keep.merged_into_id}; merge into that one",
                       claim_id=keep.id, merged_into=keep.merged_into_id)
    # Sources: move, dropping those whose link the kept claim already has, compared as submit_source
    # compares links (claims.urls.url_key: scheme and host case, "www.", tracking parameters aside).
    kept = session.exec(select(Source.url, Source.url_key).where(Source.claim_id == keep.id)).all()
    keep_links = {url for url, _ in kept} | {key for _, key in kept if key}
    for src in session.exec(select(Source).where(Source.claim_id == dup.id)):
        if src.url in keep_links or (src.url_key and src.url_key in keep_links):
            session.delete(src)
        else:
            src.claim_id = keep.id
            keep_links.update(v for v in (src.url, src.url_key) if v)
    keep_users = set(session.exec(select(Subscription.user_id).where(Subscription.claim_id == keep.id)))
    for sub in session.exec(select(Subscription).where(Subscription.claim_id == dup.id)):
        if sub.user_id in keep_users:
            session.delete(sub)
        else:
            sub.claim_id = keep.id
    session.execute(update(Tip).where(Tip.claim_id == dup.id).values(claim_id=keep.id))
    session.execute(update(VerdictHistory).where(VerdictHistory.claim_id == dup.id).values(claim_id=keep.id))
    # Earlier duplicates of the duplicate now point straight at the kept claim.
    session.execute(update(Claim).where(Claim.merged_into_id == dup.id).values(merged_into_id=keep.id))
    dup.merged_into_id = keep.id
    touch(dup)
    touch(keep)
    record_change(session, dup.id, "merge")
    session.add(AuditLog(actor_id=actor_id, actor_name=actor_name, action="claim_merge", object_type="claim",
                         object_id=dup.id, claim_id=keep.id, before=f"#{dup.id}", after=f"merged into #{keep.id}"))
    session.commit()
    return keep
