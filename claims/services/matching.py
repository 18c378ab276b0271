""""Match this message" and "search": the matcher ranks, the database supplies the cards."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from ..match.bounds import bound_reversed
from ..match.matcher import post_language
from ..match.modality import forecast_of_past
from ..models import Article, Claim, MatchEvent
from ..serialize import claim_to_dict
from .catalog import approved_source_counts, load_claims
from .links import claims_for_urls
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
    via: str | None = None                   # found through a link of the message: article | review | source
    language: str | None = None              # the language of the message part it was found in

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
            "language": self.language,
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


def _decision(hit, claim: Claim, text: str) -> tuple[str, bool, list[str]]:
    """(relation, contradicts, reasons) of a hit, with the checks that read the claim's text as
    written, which the in-memory index does not keep: a "match" whose message (its part, else `text`)
    bounds the claim's number the other way is flagged "number" («менее 30» against «более 30»,
    `bounds.bound_reversed`); one that only forecasts what the claim states as done is "related"
    (`modality.forecast_of_past`)."""
    said = getattr(hit, "part_text", "") or text
    if hit.relation == "match" and not hit.contradicts:
        if bound_reversed(said, claim.text):
            return "related", True, [*hit.reasons, "number"]
        lang = getattr(hit, "language", None)
        if lang == claim.language and forecast_of_past(said, claim.text, lang):
            return "related", False, list(hit.reasons)
    return hit.relation, hit.contradicts, list(hit.reasons)


def _items(session: Session, hits: list, text: str | None = None) -> list[MatchItem]:
    """The cards of `hits` (deleted or merged claims left out), matches first, in the hits' order;
    with the message's `text`, decided again by what the claims' texts say (`_decision`)."""
    loaded = load_claims(session, [h.claim_id for h in hits])
    counts = approved_source_counts(session, list(loaded))
    items = []
    for h in hits:
        if h.claim_id not in loaded:
            continue  # deleted since the index saw it
        claim, article = loaded[h.claim_id]
        if claim.merged_into_id is not None:
            continue
        relation, contradicts, reasons = ((h.relation, h.contradicts, list(h.reasons)) if text is None
                                          else _decision(h, claim, text))
        items.append(MatchItem(claim, article, h.score, relation, contradicts, reasons,
                               counts.get(claim.id, 0), getattr(h, "part", None), getattr(h, "part_text", ""),
                               bool(getattr(h, "cross_language", False)), language=getattr(h, "language", None)))
    return sorted(items, key=lambda i: i.relation != "match")


def _link_items(session: Session, urls: Sequence[str], *, limit: int) -> list[MatchItem]:
    found = claims_for_urls(session, urls, limit=limit)
    counts = approved_source_counts(session, [m.claim.id for m in found])
    items = []
    for m in found:
        article = m.article
        if article is None and m.claim.article_id is not None:
            article = session.get(Article, m.claim.article_id)
        items.append(MatchItem(m.claim, article, 100.0, "match", approved_sources=counts.get(m.claim.id, 0),
                               via=m.via))
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
    urls: Sequence[str] | None = None,
) -> MatchResult:
    """Which stored claims does this message repeat? Empty or junk text gives no results, never an error.

    Items: the claims the message repeats ("match", in the order their parts appear in the message),
    then "related" ones and flagged reversals (contradicts=True, reasons), each with the part of the
    message that matched it (offsets into `text` as given, cut at 100,000 characters) and whether
    it crossed languages.

    `urls`: the message's links (visible or behind text_link words; None: none looked up). A link
    that is an ingested article's URL, a review URL or an approved source's URL (claims/services/links.py,
    spelled any way claims/urls.py treats as one) puts its claims first, as "match" items with
    `via` = article | review | source, score 100 and no part; the text's own hits follow, each claim once."""
    text = (text or "")[:MAX_QUERY_CHARS]
    follow_changes(session, matcher)
    hits = matcher.match(text, limit=max(1, min(limit, 100)), min_score=min_score)
    items = _items(session, hits, text)
    if urls:
        linked = _link_items(session, urls, limit=max(1, min(limit, 100)))
        shown = {i.claim.id for i in linked}
        items = linked + [i for i in items if i.claim.id not in shown]
    result = MatchResult(text, items, post_language(text))
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
