"""schema.org ClaimReview: the one builder used by `claims export --format claimreview` and the claim pages.

Fields follow https://schema.org/ClaimReview and the ClaimReview guidelines fact-check aggregators
read (Google's "Fact Check" structured data): `url` (the page the review is published on),
`author` (the publishing Organization), `datePublished`, `claimReviewed`, `reviewRating` (with
`alternateName`, the verdict as the desk words it), `itemReviewed` (a Claim with its `author`,
`appearance` and `datePublished` when known) and `inLanguage`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .models import Article, Claim
from .textclean import clean_text
from .verdicts import BEST_RATING, WORST_RATING, Verdict, info

if TYPE_CHECKING:
    from .settings import Settings


@dataclass(frozen=True)
class Publisher:
    """Who publishes the reviews and where: built once from the settings."""

    name: str
    url: str | None = None
    logo_url: str | None = None
    base_url: str | None = None  # claim pages are base_url/claims/ID; None: no pages
    language: str = "ru"  # the desk's language: review texts and verdict names are in it
    show_reviewers: bool = False

    @classmethod
    def from_settings(cls, settings: Settings, *, base_url: str | None = None) -> Publisher:
        """`base_url` (e.g. `claims export --base-url`) wins over PUBLIC_BASE_URL."""
        base = (base_url or settings.public_base_url or "").rstrip("/") or None
        return cls(name=settings.publisher_name, url=settings.publisher_url or base,
                   logo_url=settings.publisher_logo_url, base_url=base, language=settings.default_language,
                   show_reviewers=settings.public_show_reviewers)

    def claim_url(self, claim_id: int) -> str | None:
        """The public page of a claim, or None when no PUBLIC_BASE_URL is set."""
        return f"{self.base_url}/claims/{claim_id}" if self.base_url else None

    def organization(self) -> dict[str, Any]:
        org: dict[str, Any] = {"@type": "Organization", "name": self.name}
        if self.url:
            org["url"] = self.url
        if self.logo_url:
            org["logo"] = {"@type": "ImageObject", "url": self.logo_url}
        return org


def is_published(claim: Claim) -> bool:
    """A claim gets a public page and a ClaimReview once it has a verdict other than `unverified`
    and was not merged into another claim."""
    return claim.merged_into_id is None and claim.verdict != Verdict.UNVERIFIED.value


def rating_name(verdict: str, lang: str) -> str:
    """The verdict as the desk words it, capitalised: «Вводит в заблуждение», "Misleading"."""
    label = info(verdict).label(lang)
    return label[:1].upper() + label[1:]


def claim_review(claim: Claim, article: Article | None, publisher: Publisher,
                 source_urls: Iterable[str] = ()) -> dict[str, Any]:
    """The ClaimReview of one published claim as a JSON-ready dict; its texts through `clean_text`
    (no control, bidi or noncharacter, whenever the row was written).

    `source_urls`: the claim's approved sources, used as the claim's `appearance` when no
    article is known. Raises ValueError for a claim that is not published (see `is_published`).
    """
    if not is_published(claim):
        raise ValueError(f"claim {claim.id} is not published (verdict {claim.verdict!r})")
    v = info(claim.verdict)
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": rating_name(claim.verdict, publisher.language),
                              "bestRating": BEST_RATING, "worstRating": WORST_RATING}
    if v.rating is not None:
        rating["ratingValue"] = v.rating
    item: dict[str, Any] = {"@type": "Claim"}
    speaker = clean_text(claim.speaker).strip()
    if speaker:
        item["author"] = {"@type": "Person" if " " in speaker and speaker[:1].isupper()
                          else "Organization", "name": speaker}
    appearance = [article.url] if article is not None and article.url else list(dict.fromkeys(source_urls))
    if appearance:
        item["appearance"] = [{"@type": "CreativeWork", "url": u} for u in appearance]
    when = claim.claim_date or (article.published if article is not None else None)
    if when:
        item["datePublished"] = when.isoformat()
    reviewed_at = claim.verdict_updated_at or claim.updated_at
    doc: dict[str, Any] = {"@context": "https://schema.org", "@type": "ClaimReview"}
    url = publisher.claim_url(claim.id) or claim.review_url
    if url:
        doc["url"] = url
    doc.update({
        "author": publisher.organization(),
        "datePublished": reviewed_at.date().isoformat(),
        "claimReviewed": clean_text(claim.text),
        "itemReviewed": item,
        "reviewRating": rating,
        "inLanguage": publisher.language,
    })
    if clean_text(claim.verdict_summary).strip():
        doc["reviewBody"] = clean_text(claim.verdict_summary)
    return doc
