"""What the public pages show: published claims only (see `claims.claimreview.is_published`).

Nothing here returns tips, submitters or follower ids; moderator names stay on the rows and the
pages decide (PUBLIC_SHOW_REVIEWERS) whether to print them.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import func
from sqlmodel import Session, col, select

from ..claimreview import is_published
from ..errors import NotFound
from ..models import Article, Claim
from ..verdicts import Verdict
from .catalog import ClaimCard, claim_card, load_claims
from .matching import MatchItem, search_claims

if TYPE_CHECKING:
    from ..match import Matcher

SITEMAP_PAGE = 50_000  # the sitemaps.org limit of URLs in one file


class MergedClaim(NotFound):
    """The id asked for was merged into another claim: `kept_id` is where its page now lives."""

    code = "merged"

    def __init__(self, requested_id: int, kept_id: int) -> None:
        super().__init__(f"claim {requested_id} was merged into claim {kept_id}", kept_id=kept_id)
        self.kept_id = kept_id


def published_card(session: Session, claim_id: int | str) -> ClaimCard:
    """The card of a published claim (approved sources, verdict history).

    Raises InvalidInput for an id that is not a positive number, NotFound for an unknown or
    unpublished claim (no verdict yet), MergedClaim for a merged one.
    """
    card = claim_card(session, claim_id)
    if card.requested_id is not None and card.requested_id != card.claim.id:
        if is_published(card.claim):
            raise MergedClaim(card.requested_id, card.claim.id)
        raise NotFound(f"no published claim with id {card.requested_id}", id=card.requested_id)
    if not is_published(card.claim):
        raise NotFound(f"claim {card.claim.id} has no verdict yet", id=card.claim.id)
    return card


def _published():
    return select(Claim).where(col(Claim.merged_into_id).is_(None), Claim.verdict != Verdict.UNVERIFIED.value)


def recent_verdicts(session: Session, limit: int = 50) -> list[tuple[Claim, Article | None]]:
    """Published claims, the latest verdict first: [(claim, article or None)], at most `limit` (1-500)."""
    stmt = _published().order_by(col(Claim.verdict_updated_at).desc().nulls_last(), col(Claim.id).desc())
    claims = list(session.exec(stmt.limit(max(1, min(limit, 500)))))
    loaded = load_claims(session, [c.id for c in claims])
    return [loaded[c.id] for c in claims]


def published_count(session: Session) -> int:
    return session.exec(select(func.count()).select_from(_published().subquery())).one()


def published_page(session: Session, page: int) -> list[tuple[int, datetime | None]]:
    """(claim id, verdict time) of the `page`-th block (0-based) of SITEMAP_PAGE published claims, by id."""
    stmt = (select(Claim.id, Claim.verdict_updated_at)
            .where(col(Claim.merged_into_id).is_(None), Claim.verdict != Verdict.UNVERIFIED.value)
            .order_by(Claim.id).offset(max(0, page) * SITEMAP_PAGE).limit(SITEMAP_PAGE))
    return [(cid, when) for cid, when in session.exec(stmt)]


def search_published(session: Session, matcher: Matcher, query: str, *, page: int = 1,
                     per_page: int = 20) -> tuple[list[MatchItem], bool]:
    """The bot's search (`search_claims`), published claims only: (items, whether a next page may exist).

    A page is `per_page` ranked claims; the unpublished among them are left out, so a page can
    show fewer.
    """
    result = search_claims(session, matcher, query, limit=per_page, offset=(max(1, page) - 1) * per_page)
    raw = len(result.items)
    return [i for i in result.items if is_published(i.claim)], raw >= per_page
