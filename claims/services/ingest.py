"""Turn a news article into stored claims; re-ingesting the same text adds nothing."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from ..errors import InvalidInput
from ..extract import ExtractedClaim, extract_claims
from ..models import Article, Claim
from ..nlp import NLP
from ..textclean import clean_line, clean_text
from ..urls import url_key
from ..webpage import WebArticle, looks_like_html, read_html
from ._common import clean_name, record_change

MAX_ARTICLE_CHARS = 500_000


@dataclass
class IngestResult:
    article: Article
    claims: list[Claim] = field(default_factory=list)
    created: bool = True


def content_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def ingest_article(
    session: Session,
    text: str,
    *,
    url: str | None = None,
    title: str | None = None,
    published: date | None = None,
    author: str | None = None,
    lang: str | None = None,
    nlp: NLP | None = None,
    threshold: float = 0.35,
    extracted: list | None = None,
) -> IngestResult:
    """Extract claims from `text` and store the article with them, in one transaction.

    `extracted` lets a caller that already showed the extraction for confirmation
    (the moderators' /ingest) store exactly what it showed. Text already stored (the same
    content hash, even when another process stores it at the same moment) returns that article
    and its claims with ``created=False``. Raises InvalidInput for an empty or too long text.
    """
    from ..normalize import claim_language, detect_language, normalize

    text = clean_text(text)
    if not text.strip():
        raise InvalidInput("the article is empty")
    if len(text) > MAX_ARTICLE_CHARS:
        raise InvalidInput(f"the article is too long ({len(text)} characters, at most {MAX_ARTICLE_CHARS})")
    if lang is not None and lang not in ("ru", "en"):
        raise InvalidInput(f"unknown language {lang!r}; use ru or en")
    url = clean_line(url) or None
    title = clean_name(title, 1024) if title is not None else None
    author = clean_name(author, 256)
    digest = content_hash(text)
    existing = session.exec(select(Article).where(Article.content_hash == digest)).first()
    if existing is not None:
        claims = list(session.exec(select(Claim).where(Claim.article_id == existing.id).order_by(Claim.position)))
        return IngestResult(existing, claims, created=False)

    lang = lang or detect_language(text)
    if title is None:
        first = text.strip().splitlines()[0].strip()
        title = first[:300] if len(first) < 300 else None
    found = extracted if extracted is not None else extract_claims(text, lang, nlp=nlp, threshold=threshold)
    article = Article(url=url, url_key=url_key(url), title=title, author=author, language=lang, published=published,
                      text=text,
                      content_hash=digest)
    session.add(article)
    try:
        session.flush()
    except IntegrityError:
        # The same text stored at the same moment by another process (a moderator's double press
        # reaching two workers): theirs is the article.
        session.rollback()
        existing = session.exec(select(Article).where(Article.content_hash == digest)).first()
        if existing is None:
            raise
        claims = list(session.exec(select(Claim).where(Claim.article_id == existing.id).order_by(Claim.position)))
        return IngestResult(existing, claims, created=False)
    stored = []
    for item in found:
        normalized = normalize(item.text, lang)
        if not normalized:
            continue        # no word to find it by (services.catalog.claim_words)
        claim = Claim(
            article_id=article.id,
            text=clean_text(item.text).strip(),
            normalized=normalized,
            speaker=clean_name(item.speaker, 512),
            entities=json.dumps(item.entities, ensure_ascii=False),
            checkworthiness=float(item.checkworthiness),
            position=item.position,
            # a Ukrainian or Belarusian article is extracted and normalised as Russian; its claims
            # keep the language they are written in (for whether a match crosses languages)
            language=claim_language(item.text, lang),
            claim_date=published,
            kind=getattr(item, "kind", "statement"),
            due=(getattr(item, "due", None) or None) and item.due[:128],
        )
        session.add(claim)
        stored.append(claim)
    session.flush()
    for claim in stored:
        record_change(session, claim.id, "add")
    session.commit()
    return IngestResult(article, stored, created=True)


def article_from_web(source: str | Path, *, timeout: float, max_bytes: int) -> WebArticle:
    """The article of a web page: an http(s) URL fetched, or a saved .html file read (claims.webpage).

    Raises InvalidInput (one line naming the page) when it cannot be fetched or holds no article text.
    """
    from ..webpage import load_web_article

    return load_web_article(source, timeout=timeout, max_bytes=max_bytes)


@dataclass
class ArticleDraft:
    """An article a moderator sent, read but not stored: its text, its address (or None), the claims found."""

    text: str
    url: str | None
    claims: list[ExtractedClaim]


def _is_address(text: str) -> bool:
    return text.lower().startswith(("http://", "https://")) and not any(c.isspace() for c in text)


def split_address_line(text: str) -> tuple[str | None, str]:
    """A web address alone on the first line with the article below → (address, article), the address
    cut to 2000 characters; anything else → (None, text)."""
    first, _, rest = text.strip().partition("\n")
    if _is_address(first.strip()) and rest.strip():
        return first.strip()[:2000], rest.strip()
    return None, text


def draft_article(text: str, url: str | None, *, nlp: NLP | None, threshold: float, timeout: float,
                  max_bytes: int) -> ArticleDraft:
    """The check-worthy claims of `text` (score at least `threshold`, 0–1), nothing stored. A web address
    alone is read from its page first, as `claims ingest URL` does (the draft then has the page's text
    and address): InvalidInput naming the page when that fails (see article_from_web). A saved page
    (text that starts like an HTML document) is read for its article too, not stored as markup.
    Slow (network, NLP): call it off the event loop."""
    if _is_address(text.strip()):
        page = article_from_web(text.strip(), timeout=timeout, max_bytes=max_bytes)
        text, url = page.full_text(), page.url
    elif looks_like_html(text):
        page = read_html(text, url=url, where="the page")
        text, url = page.full_text(), page.url
    return ArticleDraft(text, url, extract_claims(text, None, nlp=nlp, threshold=threshold))


def ingest_web_article(
    session: Session,
    source: str | Path,
    *,
    timeout: float,
    max_bytes: int,
    url: str | None = None,
    title: str | None = None,
    published: date | None = None,
    lang: str | None = None,
    nlp: NLP | None = None,
    threshold: float = 0.35,
) -> IngestResult:
    """Fetch or read a web page and ingest its article (title, author, date and canonical URL from
    the page unless given). Nothing is stored when the page fails (see article_from_web)."""
    page = article_from_web(source, timeout=timeout, max_bytes=max_bytes)
    return ingest_article(session, page.full_text(), url=url or page.url, title=title or page.title,
                          published=published or page.published, author=page.author, lang=lang, nlp=nlp,
                          threshold=threshold)


SAMPLE_ARTICLE = Path(__file__).resolve().parent.parent / "data" / "sample_article.txt"


def ensure_sample(session: Session, *, nlp: NLP | None = None, threshold: float = 0.35) -> IngestResult | None:
    """On an empty database, ingest the bundled sample article so a first start has something to find."""
    if session.exec(select(Claim.id).limit(1)).first() is not None:
        return None
    return ingest_article(session, SAMPLE_ARTICLE.read_text(encoding="utf-8"), title=None, lang="ru", nlp=nlp,
                          threshold=threshold, url=None)
