"""News articles from the web: fetch a page (or read a saved one) and keep only the article.

trafilatura finds the main text, title, author, publication date and canonical URL, leaving out
menus, cookie banners, related-article blocks, comments and footers. Fetching is one GET with a
timeout and a size cap; every failure is an `InvalidInput` with one clear line, raised before
anything is stored. No Telegram, no database here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from .errors import InvalidInput
from .textclean import clean_line, clean_text

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
MIN_ARTICLE_WORDS = 4  # an article has at least one line of this many words; a menu link has not
USER_AGENT = "claim-tracker/0.1 (+fact-checking desk; article ingest)"


@dataclass
class WebArticle:
    text: str  # the article's paragraphs, one per line, without the title
    title: str | None
    author: str | None
    published: date | None
    url: str | None  # the canonical URL when the page gives one, else the address it was read from

    def full_text(self) -> str:
        """Title on the first line, then the paragraphs: the layout the extractor reads a headline from."""
        return f"{self.title}\n{self.text}" if self.title else self.text


def is_url(value: str) -> bool:
    return value.strip().lower().startswith(("http://", "https://"))


def looks_like_html(head: str | bytes) -> bool:
    """Text (or bytes) that starts like an HTML document: ``<!doctype html`` or ``<html``."""
    head = head[:512].lstrip().lower()
    return head.startswith(("<!doctype html", "<html") if isinstance(head, str) else (b"<!doctype html", b"<html"))


def is_html_file(path: Path) -> bool:
    """By suffix, or by a file that starts like an HTML document."""
    if path.suffix.lower() in HTML_SUFFIXES:
        return True
    try:
        with path.open("rb") as fh:
            return looks_like_html(fh.read(512))
    except OSError:
        return False


def read_html(html: str | bytes, *, url: str | None = None, where: str | None = None) -> WebArticle:
    """The article in an HTML page (str, or bytes in any encoding the page declares).

    `url` is where the page came from (the fallback for the canonical URL); `where` names the page
    in error messages. Raises InvalidInput when the page holds no article text (``page`` param:
    unreadable, no_text or encoding; see fetch_html).
    """
    import trafilatura

    where = where or url or "the page"
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True)
    except Exception as err:  # noqa: BLE001 - a broken page must end in one line, not a traceback
        raise InvalidInput(f"cannot read {where} as a web page ({type(err).__name__})", page="unreadable") from None
    text = clean_text(getattr(doc, "text", None) or "") if doc is not None else ""
    lines = [clean_line(line) for line in text.splitlines()]
    text = "\n".join(line for line in lines if line)
    title = clean_line(getattr(doc, "title", None) or "") or None
    if title and text.startswith(title):
        text = text[len(title):].lstrip("\n")
    if not any(len(line.split()) >= MIN_ARTICLE_WORDS for line in text.splitlines()):
        raise InvalidInput(f"no article text found in {where}", page="no_text")  # nothing, or a stray link like "Home"
    if "\ufffd" in text or (title and "\ufffd" in title):
        raise InvalidInput(f"{where} holds bytes that are not valid in its encoding; save it again or "
                           "give its text file with --encoding", page="encoding")
    published = None
    if doc.date:
        try:
            published = date.fromisoformat(doc.date[:10])
        except ValueError:
            published = None
    canonical = doc.url if doc.url and is_url(doc.url) else url
    return WebArticle(text=text, title=title[:1024] if title else None,
                      author=(clean_line(doc.author or "")[:256] or None), published=published,
                      url=canonical[:2048] if canonical else None)


def fetch_html(url: str, *, timeout: float, max_bytes: int) -> tuple[bytes, str]:
    """GET `url` (http or https only, redirects followed): (body, final URL).

    At most `max_bytes` are read (after decompression) and `timeout` seconds allowed for the whole
    page (a server that trickles bytes is cut off too); a malformed address, a failure,
    an error status, a body that is not HTML or is too large raises InvalidInput naming the URL,
    its ``page`` param saying why (address, status with ``status``, not_page with ``type``, too_big,
    timeout with ``seconds``, redirects, network) for front ends to word it.
    """
    import time

    import httpx

    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in url):
        raise InvalidInput(f"not a web address: {url!r} (give an http:// or https:// URL)", page="address")
    deadline = time.monotonic() + timeout
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"}
    try:
        with httpx.Client(follow_redirects=True, timeout=timeout, headers=headers, max_redirects=5) as client:
            with client.stream("GET", url) as resp:
                if resp.status_code >= 400:
                    raise InvalidInput(f"cannot fetch {url}: the server answered {resp.status_code} "
                                       f"{resp.reason_phrase}".rstrip(), page="status", status=resp.status_code)
                ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
                if ctype and ctype not in _HTML_TYPES:
                    raise InvalidInput(f"{url} is not a web page (it is {ctype})", page="not_page", type=ctype)
                declared = resp.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise InvalidInput(f"{url} is larger than {max_bytes} bytes (FETCH_MAX_BYTES)", page="too_big")
                body = bytearray()
                for chunk in resp.iter_bytes():
                    body.extend(chunk)
                    if len(body) > max_bytes:
                        raise InvalidInput(f"{url} is larger than {max_bytes} bytes (FETCH_MAX_BYTES)",
                                           page="too_big")
                    if time.monotonic() > deadline:  # a trickle: each read is quick, the page never ends
                        raise httpx.ReadTimeout("whole page")
                return bytes(body), str(resp.url)
    except httpx.TimeoutException:
        raise InvalidInput(f"cannot fetch {url}: no answer within {timeout:g} s", page="timeout",
                           seconds=f"{timeout:g}") from None
    except httpx.TooManyRedirects:
        raise InvalidInput(f"cannot fetch {url}: too many redirects", page="redirects") from None
    except httpx.InvalidURL:
        raise InvalidInput(f"not a web address: {url!r} (give an http:// or https:// URL)", page="address") from None
    except httpx.HTTPError as err:
        reason = str(err) or type(err).__name__
        raise InvalidInput(f"cannot fetch {url}: {reason.splitlines()[0]}", page="network") from None


def load_web_article(source: str | Path, *, timeout: float, max_bytes: int) -> WebArticle:
    """An article from an http(s) URL or a saved .html file (see fetch_html and read_html)."""
    if isinstance(source, str) and is_url(source):
        body, final = fetch_html(source.strip(), timeout=timeout, max_bytes=max_bytes)
        return read_html(body, url=final, where=source.strip())
    path = Path(source)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"no such file: {path}") from None
    except OSError as err:
        raise InvalidInput(f"cannot read {path}: {err.strerror}") from None
    if len(data) > max_bytes:
        raise InvalidInput(f"{path} is larger than {max_bytes} bytes (FETCH_MAX_BYTES)")
    return read_html(data, where=str(path))
