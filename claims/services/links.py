"""Finding claims by a link: a message that only says "https://…/lavrov-wonsan" still gets an answer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, select

from ..models import Article, Claim, Source
from ..urls import find_urls, url_key
from ._common import get_claim

MAX_LINKS = 5  # links looked up per message


@dataclass
class LinkMatch:
    """A stored claim a link leads to. `via`: "article" (the link is an ingested article's URL: one
    match per claim of it), "review" (a fact-check's review URL) or "source" (an approved source)."""

    url: str
    via: str
    claim: Claim
    article: Article | None = None


def claims_for_url(session: Session, url: str, *, limit: int = 20) -> list[LinkMatch]:
    """Claims the link points at, through the indexed url keys (claims.urls: scheme, www., trailing
    slash, tracking parameters and t.me/s/ do not matter). Merged duplicates lead to the claim they
    were merged into; each claim once. [] when the link is not a web address or nothing matches."""
    key = url_key(url)
    if key is None:
        return []
    out: list[LinkMatch] = []
    seen: set[int] = set()

    def add(claim: Claim, via: str, article: Article | None = None) -> None:
        if claim.merged_into_id is not None:
            claim = get_claim(session, claim.id)
        if claim.id not in seen and len(out) < limit:
            seen.add(claim.id)
            out.append(LinkMatch(url, via, claim, article))

    for art in session.exec(select(Article).where(Article.url_key == key).order_by(Article.id)):
        # merged duplicates too: `add` follows them to the claim they were merged into (which may
        # come from another article), so an article whose claims were all merged still answers
        for claim in session.exec(select(Claim).where(Claim.article_id == art.id)
                                  .order_by(Claim.position, Claim.id)):
            add(claim, "article", art)
    for claim in session.exec(select(Claim).where(Claim.review_url_key == key).order_by(Claim.id)):
        add(claim, "review")
    for src in session.exec(select(Source).where(Source.url_key == key, Source.status == "approved")
                            .order_by(Source.id)):
        add(get_claim(session, src.claim_id), "source")
    return out


def claims_for_links(session: Session, text: str, *, limit: int = 20) -> list[LinkMatch]:
    """`claims_for_url` for every link written in `text` (the first MAX_LINKS), each claim once."""
    return claims_for_urls(session, find_urls(text), limit=limit)


def claims_for_urls(session: Session, urls: Sequence[str], *, limit: int = 20) -> list[LinkMatch]:
    """`claims_for_url` for each of `urls` (links as a message carries them: visible or behind
    text_link words; the first MAX_LINKS distinct addresses), in order, each claim once."""
    out: list[LinkMatch] = []
    seen: set[int] = set()
    keys: list[str] = []
    for url in urls:
        key = url_key(url)
        if key is None or key in keys:
            continue
        keys.append(key)
        if len(keys) > MAX_LINKS:
            break
        for m in claims_for_url(session, url, limit=limit):
            if m.claim.id not in seen and len(out) < limit:
                seen.add(m.claim.id)
                out.append(m)
    return out
