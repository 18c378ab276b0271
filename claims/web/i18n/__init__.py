"""Texts of the public pages: one catalogue per language (ru.py, en.py), like the bot's.

`t()` only formats; escaping is Jinja2's (autoescape), so values are plain text here.
"""

from __future__ import annotations

import re
from typing import Any

from . import en, ru

CATALOGUES: dict[str, dict[str, str]] = {"ru": ru.TEXTS, "en": en.TEXTS}
LANGUAGES = tuple(CATALOGUES)
RUSSIAN_CODES = ("ru", "uk", "be")
LANGUAGE_TAG = re.compile(r"^[a-z]{1,8}(-[a-z0-9]{1,8})*$")


def t(lang: str, key: str, **values: Any) -> str:
    """The text for `key` in `lang` (English when the key is missing there; KeyError when missing in both)."""
    template = (CATALOGUES.get(lang) or CATALOGUES["en"]).get(key) or CATALOGUES["en"][key]
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
        lang = "ru" if code.split("-")[0] in RUSSIAN_CODES else "en"
        if best is None or (q, -n) > (best[0], -best[1]):
            best = (q, n, lang)
    return best[2] if best else default
