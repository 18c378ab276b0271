""""Match this message" and "search": the matcher ranks, the database supplies the cards."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from ..models import Article, Claim, MatchEvent
from ..serialize import claim_to_dict
from .catalog import approved_source_counts, load_claims
from ..match.segmentation import message_language
from .match_index import follow_changes

if TYPE_CHECKING:
    from ..match import Matcher

MAX_QUERY_CHARS = 100_000


@dataclass
class MatchItem:
    claim: Claim
    article: Article | None
    score: float
    relation: str  # match | related | none
    contradicts: bool = False
    reasons: list[str] = field(default_factory=list)
    approved_sources: int = 0
    part: tuple[int, int] | None = None      # character offsets [start, end) of the message part
    part_text: str = ""
    cross_language: bool = False             # the message is in another language than the claim

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": claim_to_dict(self.claim, self.article),
            "score": self.score,
            "relation": self.relation,
            "contradicts": self.contradicts,
            "reasons": self.reasons,
            "approved_sources": self.approved_sources,
            "part": ({"start": self.part[0], "end": self.part[1], "text": self.part_text}
                     if self.part is not None else None),
            "cross_language": self.cross_language,
        }


@dataclass
class MatchResult:
    query: str
    items: list[MatchItem]
    language: str = "ru"         # the message's language as read by the matcher (ru, uk, be, en)

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "language": self.language, "results": [i.to_dict() for i in self.items]}

    @property
    def matched(self) -> bool:
        return any(i.relation == "match" for i in self.items)


def _items(session: Session, hits: list) -> list[MatchItem]:
    loaded = load_claims(session, [h.claim_id for h in hits])
    counts = approved_source_counts(session, list(loaded))
    items = []
    for h in hits:
        if h.claim_id not in loaded:
            continue  # deleted since the index saw it
        claim, article = loaded[h.claim_id]
        if claim.merged_into_id is not None:
            continue
        items.append(MatchItem(claim, article, h.score, h.relation, h.contradicts, list(h.reasons),
                               counts.get(claim.id, 0), getattr(h, "part", None), getattr(h, "part_text", ""),
                               bool(getattr(h, "cross_language", False))))
    return items


def match_message(
    session: Session,
    matcher: Matcher,
    text: str,
    *,
    limit: int = 5,
    min_score: float | None = None,
    record: bool = False,
    forwarded: bool = False,
) -> MatchResult:
    """Which stored claims does this message repeat? Empty or junk text gives no results, never an error.

    Items: the claims the message repeats ("match", in the order their parts appear in the message),
    then "related" ones and flagged reversals (contradicts=True, reasons), each with the part of the
    message that matched it (offsets into `text` as given, cut at 100,000 characters) and whether
    it crossed languages."""
    text = (text or "")[:MAX_QUERY_CHARS]
    follow_changes(session, matcher)
    hits = matcher.match(text, limit=max(1, min(limit, 100)), min_score=min_score)
    result = MatchResult(text, _items(session, hits), message_language(text))
    if record:
        top = result.items[0] if result.items else None
        session.add(MatchEvent(forwarded=forwarded, matched=result.matched,
                               top_claim_id=top.claim.id if top else None, top_score=top.score if top else None))
        session.commit()
    return result


def search_claims(session: Session, matcher: Matcher, query: str, *, limit: int = 20, offset: int = 0) -> MatchResult:
    query = (query or "")[:MAX_QUERY_CHARS]
    follow_changes(session, matcher)
    hits = matcher.search(query, limit=max(1, min(limit, 100)), offset=max(0, offset))
    return MatchResult(query, _items(session, hits))
