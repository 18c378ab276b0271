"""Links as a fact-checker compares them: one normal form for the many spellings of one address.

`https://www.example.org/world/lavrov/?utm_source=tg#top`, `http://example.org/world/lavrov` and
`example.org/world/lavrov/` are the same article; `https://t.me/s/channel/123` is the web view of
`https://t.me/channel/123`. `normalize_url` maps all of them to one string and `url_key` to a short
hash of it, which is what the database indexes (article.url_key, claim.review_url_key,
source.url_key), so a link in a message finds the article, review or source it points at.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from .textclean import clean_line

# Query parameters that only say where a click came from (analytics), never which page it is.
TRACKING_PARAMS = frozenset({"fbclid", "gclid", "dclid", "yclid", "ysclid", "igshid", "mc_cid", "mc_eid", "_ga",
                             "_gl", "utm_id", "spm", "twclid", "msclkid"})
_TELEGRAM_HOSTS = {"telegram.me": "t.me", "telegram.dog": "t.me", "www.t.me": "t.me"}
# A link in running text: with a scheme, or starting with www., or a bare host name followed by
# a path ("example.org/news/1", "t.me/channel/5"; the "/" keeps «т.е.» and "file.txt" out).
URL_RE = re.compile(r"(?i)(?:\bhttps?://|\bwww\.|(?<![@\w.])(?:[\w-]+\.)+(?:[a-z]{2,}|рф)/)[^\s<>\"«»]*")
_TRAILING = ".,;:!?]}'\"»…"


def normalize_url(url: str | None) -> str | None:
    """The normal form of a link, or None when it is not a web address (another scheme, such as
    tg://, mailto: or javascript:, or no host name with a dot).

    Shape: str -> "host/path?query" — no scheme (http and https are the same page), host lower
    case (punycode labels decoded: xn--e1afmkfd.xn--p1ai → пример.рф) without "www." and a default port, t.me/s/… → t.me/…, path percent-decoded and without a
    trailing slash, tracking parameters (utm_*, fbclid, …) dropped and the rest sorted, no fragment.
    """
    text = clean_line(url)
    if not text:
        return None
    bare = "://" not in text
    if bare:
        text = "http://" + text
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").rstrip(".")
        port = parts.port
    except ValueError:
        return None
    if bare and "@" in parts.netloc:  # "mailto:press@example.org", "javascript:1@example.org": not a host
        return None
    if parts.scheme.lower() not in ("http", "https") or not host or "." not in host:
        return None
    host = _unicode_host(host.lower())
    host = _TELEGRAM_HOSTS.get(host, host)
    if host.startswith("www."):
        host = host[4:]
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    path = unquote(parts.path or "")
    path = re.sub(r"/{2,}", "/", path)
    if host == "t.me" and path.startswith("/s/"):
        path = path[2:]
    path = path.rstrip("/")
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not k.lower().startswith("utm_") and k.lower() not in TRACKING_PARAMS]
    if host == "t.me":
        query = [(k, v) for k, v in query if k.lower() not in ("single", "embed")]
    out = host + quote(path, safe="/:@!$&'()*+,;=-._~%")
    if query:
        out += "?" + urlencode(sorted(query))
    return out


def _unicode_host(host: str) -> str:
    """"xn--e1afmkfd.xn--p1ai" → "пример.рф": one form for a domain copied as punycode or as written."""
    if "xn--" not in host:
        return host
    try:
        return host.encode("ascii").decode("idna").lower()
    except UnicodeError:
        return host


def url_key(url: str | None) -> str | None:
    """sha256 hex (64 characters) of `normalize_url(url)`; None when it is not a web address.
    What the url_key columns hold: short enough for any index, equal for equal links."""
    norm = normalize_url(url)
    return hashlib.sha256(norm.encode("utf-8")).hexdigest() if norm else None


def find_urls(text: str | None) -> list[str]:
    """The links written in a message, in order, without trailing punctuation; duplicates dropped."""
    found: list[str] = []
    for m in URL_RE.finditer(clean_line(text)):
        candidate = m.group(0).rstrip(_TRAILING)
        while candidate.endswith(")") and candidate.count("(") < candidate.count(")"):
            candidate = candidate[:-1].rstrip(_TRAILING)
        if candidate and candidate not in found:
            found.append(candidate)
    return found
