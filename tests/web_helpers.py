"""A published desk for the public-page tests: claims set through the same services the CLI and the
bot use, with hostile text in every field a page prints."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date

import html5lib

# Closes the script element, opens a comment and a tag, breaks an attribute, uses an entity and a
# line separator that once ended JavaScript strings.
EVIL = '</script><script>alert(1)</script><!-- "\' &amp; <b onmouseover=x>b</b> \u2028 -->'
EVIL_URL = 'https://evil.example.org/a?q="><script>alert(2)</script>&x=1'


@dataclass
class Desk:
    fine: int  # published, approved source, article, everything hostile
    plain: int  # published, no article, sources only
    unverified: int
    merged: int  # merged into `fine`
    merged_into_unpublished: int


def seed(session) -> Desk:  # noqa: ANN001
    from claims.models import Article, Tip
    from claims.services.catalog import add_claim, merge_claims
    from claims.services.sources import review_source, submit_source
    from claims.services.verdicts import set_verdict

    session.add(Article(url="https://news.example.org/story?a=1&b=2", title="Headline " + EVIL, language="ru",
                        published=date(2025, 3, 1), text="text", content_hash="evil-article"))
    session.commit()
    fine = add_claim(session, "Министр заявил, что пенсии вырастут вдвое " + EVIL, speaker="Иван Петров " + EVIL,
                     article_url="https://news.example.org/story?a=1&b=2")
    src = submit_source(session, fine.id, EVIL_URL, "refutes", "Note " + EVIL, submitter_id=4242,
                        submitter_name="Submitter Secretname")
    review_source(session, src.id, True, reviewer_id=77, reviewer_name="Moderator Secretname")
    pending = submit_source(session, fine.id, "https://pending.example.org/x", "supports", "pending note",
                            submitter_id=4243, submitter_name="Submitter Other")
    set_verdict(session, fine.id, "mostly_false", reason="Reason " + EVIL, by="Moderator Secretname",
                by_user_id=77, summary="Summary " + EVIL)
    plain = add_claim(session, "Курс рубля упал до ста двадцати за доллар в январе")
    s2 = submit_source(session, plain.id, "https://cbr.example.org/rates", "refutes", None)
    review_source(session, s2.id, True, reviewer_id=77, reviewer_name="Moderator Secretname")
    set_verdict(session, plain.id, "false", reason="ЦБ", by="desk")
    unverified = add_claim(session, "Неопубликованное утверждение про курс рубля и пенсии")
    dup = add_claim(session, "Министр заявил: пенсии вырастут в два раза")
    merge_claims(session, fine.id, dup.id)
    dup2 = add_claim(session, "Дубликат неопубликованного про курс рубля")
    merge_claims(session, unverified.id, dup2.id)
    session.add(Tip(text="Tip Secrettext about пенсии", user_hash="h", claim_id=fine.id))
    session.commit()
    assert pending.status == "pending"
    return Desk(fine.id, plain.id, unverified.id, dup.id, dup2.id)


def strict_parse(html: str):  # noqa: ANN201
    """The page as an element tree; html5lib's strict mode raises on any HTML parse error."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(html)


def text_of(el) -> str:  # noqa: ANN001
    return "".join(el.itertext())


def by_id(tree, ident: str):  # noqa: ANN001, ANN201
    found = tree.find(f".//*[@id='{ident}']")
    assert found is not None, f"no element #{ident}"
    return found


def jsonld(tree) -> dict:  # noqa: ANN001
    scripts = tree.findall(".//script")
    assert [s.get("type") for s in scripts] == ["application/ld+json"], "exactly one script: the JSON-LD"
    return json.loads(scripts[0].text)


ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def check_claimreview(doc: dict) -> None:
    """The fields the ClaimReview guidelines require or recommend, with their types."""
    assert doc["@context"] == "https://schema.org" and doc["@type"] == "ClaimReview"
    assert doc["url"].startswith(("http://", "https://")) and "/claims/" in doc["url"]
    assert doc["author"]["@type"] == "Organization" and doc["author"]["name"] and doc["author"]["url"]
    assert ISO_DATE.match(doc["datePublished"])
    assert isinstance(doc["claimReviewed"], str) and doc["claimReviewed"]
    assert doc["inLanguage"] in ("ru", "en")
    rating = doc["reviewRating"]
    assert rating["@type"] == "Rating" and rating["alternateName"]
    assert (rating["bestRating"], rating["worstRating"]) == (5, 1)
    assert 1 <= rating.get("ratingValue", 1) <= 5
    item = doc["itemReviewed"]
    assert item["@type"] == "Claim"
    for app in item.get("appearance", []):
        assert app["@type"] == "CreativeWork" and app["url"].startswith(("http://", "https://"))
    assert item.get("appearance"), "a published claim names where it appeared (article or sources)"
