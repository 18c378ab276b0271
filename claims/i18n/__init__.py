"""User-facing text of the whole product, the bot's messages and the public pages: one catalogue
per language (ru.py, en.py). Keys of the public pages start with "web."; every other key is the bot's.

Two ways to format an entry, one per front end:

* `t(lang, key, **values)` — the bot (Telegram's HTML parse mode). Values are HTML-escaped here
  (`Raw` values, already-safe HTML built from the catalogue, are not), so a catalogue string may
  hold markup while claim, source and user text can never inject any.
* `plain(lang, key, **values)` — the public pages. It only formats: escaping is Jinja2's
  (autoescape), so values are plain text here.

Both fall back to English for a key missing in `lang` (or an unknown `lang`) and raise KeyError for
a key missing in English too. `lang_for_code` (Telegram's language_code) and `choose_language`
(?lang= and Accept-Language) choose the catalogue. Nothing here imports Telegram.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from . import en, ru

CATALOGUES: dict[str, dict[str, str]] = {"ru": ru.TEXTS, "en": en.TEXTS}
LANGUAGES = tuple(CATALOGUES)
RUSSIAN_CODES = ("ru", "uk", "be")
LANGUAGE_TAG = re.compile(r"^[a-z]{1,8}(-[a-z0-9]{1,8})*$")


def lang_for_code(language_code: str | None, default: str = "en") -> str:
    """Telegram's language_code → catalogue: ru, uk, be read Russian; everyone else English."""
    if not language_code:
        return default
    return "ru" if language_code.split("-")[0].lower() in RUSSIAN_CODES else "en"


class Raw(str):
    """Text that is already safe HTML (built from the catalogue): `t()` does not escape it again."""


def _template(lang: str, key: str) -> str:
    """The catalogue entry for `key` in `lang`, else in English; KeyError when missing in both (a bug)."""
    template = (CATALOGUES.get(lang) or CATALOGUES["en"]).get(key)
    return template if template is not None else CATALOGUES["en"][key]


def t(lang: str, key: str, **values: Any) -> str:
    """The bot's text for `key` in `lang`, for Telegram's HTML parse mode: each value is str()-ed and
    HTML-escaped (<, >, &) unless it is `Raw`. English when the key is missing in `lang`; KeyError when
    missing in both."""
    safe = {k: v if isinstance(v, Raw) else escape(str(v), quote=False) for k, v in values.items()}
    return _template(lang, key).format(**safe)


def plain(lang: str, key: str, **values: Any) -> str:
    """A public page's text for `key` in `lang`, values substituted as they are (Jinja2 escapes the
    result). English when the key is missing in `lang`; KeyError when missing in both."""
    template = _template(lang, key)
    return template.format(**values) if values else template


def choose_language(query_lang: str | None, accept_language: str | None, default: str) -> str:
    """?lang= wins; then the Accept-Language header by q-value (ru, uk, be read Russian; any other
    language English); then `default`. Malformed headers are ignored, never an error."""
    if query_lang in CATALOGUES:
        return query_lang
    best: tuple[float, int, str] | None = None
    for n, part in enumerate((accept_language or "")[:1000].split(",")[:30]):
        pieces = part.strip().split(";")
        code = pieces[0].strip().lower()
        if not LANGUAGE_TAG.match(code):
            continue
        q = 1.0
        for p in pieces[1:]:
            p = p.strip()
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        if not 0 < q <= 1:
            continue
        lang = lang_for_code(code)
        if best is None or (q, -n) > (best[0], -best[1]):
            best = (q, n, lang)
    return best[2] if best else default
