"""The public pages as a Starlette (ASGI) application: claim pages with ClaimReview, search, the
latest verdicts, an Atom feed and sitemap.xml. Server-rendered, no JavaScript, ru and en.

Every page reads through claims/services (one session per request); nothing here imports
Telegram. The bot's webhook process mounts this same application (bot/webhook.py).

Routes (GET and HEAD)::

    /                     latest verdicts and a search box
    /claims/{id}          a published claim; 301 to the kept claim for a merged one (and from
                          leading zeros to /claims/N); 404 otherwise, and for any other spelling of N
    /search?q=&page=      the bot's search over published claims; 400 for a query over MAX_QUERY chars
    /feed.atom            the latest verdicts as Atom 1.0
    /sitemap.xml          the home page and every published claim page; from 50,000 claims on an
                          index of /sitemap-N.xml files of 50,000 claim pages each (the sitemaps.org limit)

?lang=ru|en chooses the language, else Accept-Language, else DEFAULT_LANGUAGE. A database that
cannot be reached gives a short 503 page.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode, urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlmodel import Session
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from ..claimreview import Publisher, claim_review, rating_name
from ..errors import DatabaseUnavailable, InvalidInput, NotFound
from ..i18n import LANGUAGES, choose_language, plain
from ..retry import with_db_retry
from ..services.publish import (SITEMAP_PAGE, MergedClaim, published_card, published_count, published_page,
                                recent_verdicts, search_published)
from ..textclean import clean_line, clean_text
from ..verdicts import label_of

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from ..match import Matcher
    from ..settings import Settings

log = logging.getLogger(__name__)

TEMPLATES = Path(__file__).resolve().parent / "templates"
MAX_QUERY = 500  # characters; longer search queries get 400
MAX_PAGE = 50
PER_PAGE = 20
RECENT = 50
CLAIM_ID = re.compile(r"[1-9][0-9]{0,17}")  # the one spelling of a claim id in a page address


def jsonld(doc: dict[str, Any]) -> Markup:
    """JSON for a <script type="application/ld+json"> element: `<`, `>` and `&` become \\u escapes,
    so no value can close the element or open a comment; JSON parsers read the same text back."""
    text = json.dumps(doc, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def http_url(url: str | None) -> bool:
    """True for an http(s) URL with a host: only those become links (no javascript: or data:)."""
    if not url:
        return False
    try:
        parts = urlsplit(url)
        return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:
        return False


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or url).removeprefix("www.")
    except ValueError:
        return url


def _rfc3339(value: datetime | None) -> str:
    value = value or datetime.now(timezone.utc)
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _printable(value: Any) -> Any:
    """Every printed string through `clean_text` (a stored row may predate the cleaning on the way in):
    no control character, bidi override or noncharacter reaches a page or the feed, where XML
    refuses them and HTML calls them parse errors. Markup (the JSON-LD) is built from clean values."""
    return clean_text(value) if isinstance(value, str) and not isinstance(value, Markup) else value


def make_environment() -> Environment:
    """Jinja2 with autoescape on for every template (HTML and XML alike), every value cleaned."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True),
                      trim_blocks=False, lstrip_blocks=False, auto_reload=False, finalize=_printable)
    env.filters.update(jsonld=jsonld, http_url=http_url, host=_host, verdict_label=label_of, rfc3339=_rfc3339)
    return env


def _rerun_on_drop(page: Callable[[Request], Response]) -> Callable[[Request], Response]:
    """A page (read-only, run in Starlette's thread pool) run again once, at once, when its pooled
    server connection turns out dead (claims/db.py pings only connections idle > PING_AFTER_IDLE s,
    so one dropped by a server restart moments after the last page is found by its first
    statement); an unreachable database is still DatabaseUnavailable, answered 503."""

    @functools.wraps(page)
    def run(request: Request) -> Response:
        return with_db_retry(page, request, budget=0)

    return run


class Site:
    """The request handlers, with what they need handed in once."""

    def __init__(self, settings: Settings, engine: Engine, matcher: Matcher | None,
                 publisher: Publisher | None = None) -> None:
        self.settings = settings
        self.engine = engine
        self._matcher = matcher
        self.publisher = publisher or Publisher.from_settings(settings)
        self.env = make_environment()

    @property
    def matcher(self) -> Matcher:
        if self._matcher is None:  # built on the first search, once per process
            from ..match import load_encoder
            from ..services.match_index import load_matcher

            self._matcher = load_matcher(self.engine, self.settings, encoder=load_encoder(self.settings.encoder))
        return self._matcher

    # ---- helpers

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    def lang(self, request: Request) -> str:
        return choose_language(request.query_params.get("lang"), request.headers.get("accept-language"),
                               self.settings.default_language)

    def root_abs(self, request: Request) -> str:
        return self.publisher.base_url or str(request.base_url).rstrip("/")

    def render(self, request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
        lang = values.pop("lang", None) or self.lang(request)
        other = next(x for x in LANGUAGES if x != lang)
        params = dict(request.query_params)
        params["lang"] = other
        values.setdefault("canonical", None)
        html = self.env.get_template(template).render(
            lang=lang, other_lang=other, other_lang_url=f"{quote(request.url.path)}?{urlencode(params)}",
            t=lambda key, **kw: plain(lang, key, **kw), publisher=self.publisher,
            root=request.scope.get("root_path", ""), max_query=MAX_QUERY, **values)
        return HTMLResponse(html, status_code=status)

    def error(self, request: Request, status: int, text: str | None = None) -> HTMLResponse:
        lang = self.lang(request)
        return self.render(request, "error.html", status=status, lang=lang,
                           title=plain(lang, f"web.error.{status}.title"),
                           text=text or plain(lang, f"web.error.{status}.text"))

    # ---- pages

    def claim_page(self, request: Request) -> Response:
        raw = request.path_params["claim_id"]
        lang = self.lang(request)
        query = f"?{request.url.query}" if request.url.query else ""
        if not CLAIM_ID.fullmatch(raw):  # one address per claim: "١", "#1", " 1" are not it
            digits = raw.lstrip("0")
            if raw.isascii() and raw.isdigit() and CLAIM_ID.fullmatch(digits):  # leading zeros
                return RedirectResponse(f"{request.scope.get('root_path', '')}/claims/{digits}{query}",
                                        status_code=301)
            return self.error(request, 404)
        try:
            with self.session() as session:
                card = published_card(session, int(raw))
        except MergedClaim as moved:
            return RedirectResponse(f"{request.scope.get('root_path', '')}/claims/{moved.kept_id}{query}",
                                    status_code=301)
        except (NotFound, InvalidInput):
            return self.error(request, 404)
        claim = card.claim
        publisher = self.publisher
        if publisher.base_url is None:  # no PUBLIC_BASE_URL: the page's own address is the review's url
            root = self.root_abs(request)
            publisher = replace(publisher, base_url=root, url=publisher.url or root)
        review = claim_review(claim, card.article, publisher, [s.url for s in card.sources])
        label = rating_name(claim.verdict, lang)
        summary = " ".join((claim.verdict_summary or "").split())
        description = plain(lang, "web.claim.og_description", verdict=label, summary=summary[:250]).strip()
        canonical = publisher.claim_url(claim.id)
        return self.render(request, "claim.html", lang=lang, claim=claim, article=card.article, sources=card.sources,
                           history=card.history, review=review, verdict_label=label, description=description,
                           canonical=canonical, show_reviewers=self.publisher.show_reviewers)

    def recent_page(self, request: Request) -> Response:
        with self.session() as session:
            items = recent_verdicts(session, RECENT)
        return self.render(request, "recent.html", items=items, canonical=f"{self.root_abs(request)}/")

    def search_page(self, request: Request) -> Response:
        lang = self.lang(request)
        raw_query = request.query_params.get("q", "")
        if len(raw_query) > MAX_QUERY:
            reason = plain(lang, "web.error.400.too_long", n=MAX_QUERY)
            return self.error(request, 400, plain(lang, "web.error.400.text", reason=reason))
        page_raw = request.query_params.get("page", "1")
        if not (page_raw.isascii() and page_raw.isdigit() and 1 <= int(page_raw) <= MAX_PAGE):
            reason = plain(lang, "web.error.400.page", n=MAX_PAGE)
            return self.error(request, 400, plain(lang, "web.error.400.text", reason=reason))
        page = int(page_raw)
        query = clean_line(raw_query)
        items: list = []
        has_next = False
        if query:
            with self.session() as session:
                found, has_next = search_published(session, self.matcher, query, page=page, per_page=PER_PAGE)
            items = [(i.claim, i.article) for i in found]
        has_next = has_next and page < MAX_PAGE

        def page_url(n: int) -> str:
            return f"{quote(request.url.path)}?{urlencode({'q': query, 'page': n, 'lang': lang})}"

        return self.render(request, "search.html", lang=lang, query=query, items=items, page=page,
                           has_next=has_next, next_url=page_url(page + 1), prev_url=page_url(page - 1))

    def feed(self, request: Request) -> Response:
        lang = self.lang(request)
        with self.session() as session:
            items = recent_verdicts(session, RECENT)
        updated = max((c.verdict_updated_at or c.updated_at for c, _a in items), default=None)
        body = self.env.get_template("feed.xml").render(
            lang=lang, t=lambda key, **kw: plain(lang, key, **kw), publisher=self.publisher, items=items,
            root_abs=self.root_abs(request), updated=_rfc3339(updated))
        return Response(body, media_type="application/atom+xml; charset=utf-8")

    def sitemap(self, request: Request) -> Response:
        page_raw = request.path_params.get("page")
        with self.session() as session:
            if page_raw is None:
                total = published_count(session)
                if total + 1 > SITEMAP_PAGE:  # the claims and the home page in one file, or an index
                    pages = range((total + SITEMAP_PAGE - 1) // SITEMAP_PAGE)
                    return self._xml("sitemap.xml", request, index=True, pages=pages)
                return self._xml("sitemap.xml", request, index=False, home=True, rows=published_page(session, 0))
            if not (page_raw.isascii() and page_raw.isdigit() and len(page_raw) < 7):
                return self.error(request, 404)
            rows = published_page(session, int(page_raw))
        if not rows:
            return self.error(request, 404)
        return self._xml("sitemap.xml", request, index=False, rows=rows)

    def _xml(self, template: str, request: Request, **values: Any) -> Response:
        body = self.env.get_template(template).render(root_abs=self.root_abs(request), **values)
        return Response(body, media_type="application/xml; charset=utf-8")

    def unavailable(self, request: Request, exc: Exception) -> Response:
        log.warning("database unavailable: %s", type(exc).__name__)
        try:
            return self.error(request, 503)
        except Exception:  # noqa: BLE001  (the page must not fail too)
            return Response("503 Service Unavailable", status_code=503, media_type="text/plain")

    async def not_found(self, request: Request, exc: Exception) -> Response:
        return self.error(request, 404)

    def routes(self) -> list[BaseRoute]:
        return [
            Route("/", _rerun_on_drop(self.recent_page), methods=["GET"]),
            Route("/claims/{claim_id}", _rerun_on_drop(self.claim_page), methods=["GET"]),
            Route("/search", _rerun_on_drop(self.search_page), methods=["GET"]),
            Route("/feed.atom", _rerun_on_drop(self.feed), methods=["GET"]),
            Route("/sitemap.xml", _rerun_on_drop(self.sitemap), methods=["GET"]),
            Route("/sitemap-{page}.xml", _rerun_on_drop(self.sitemap), methods=["GET"]),
        ]

    def exception_handlers(self) -> dict:
        return {OperationalError: self.unavailable, DBAPIError: self.unavailable,
                DatabaseUnavailable: self.unavailable, 404: self.not_found}


def create_app(settings: Settings, engine: Engine, matcher: Matcher | None = None, *,
               extra_routes: list[BaseRoute] | None = None, **starlette_options: Any) -> Starlette:
    """The public site as an ASGI app. `matcher` is built on the first search when not handed in;
    `extra_routes` (the bot's webhook) are matched before the pages."""
    site = Site(settings, engine, matcher)
    app = Starlette(routes=[*(extra_routes or []), *site.routes()], exception_handlers=site.exception_handlers(),
                    **starlette_options)
    app.state.site = site
    return app

