"""User-facing text: one catalogue per language (ru.py, en.py); `t()` looks a key up and formats it.

Values passed to `t()` are HTML-escaped here, so a catalogue string may hold markup
while claim, source and user text can never inject any.
"""

from __future__ import annotations

from html import escape
from typing import Any

from . import en, ru

CATALOGUES: dict[str, dict[str, str]] = {"ru": ru.TEXTS, "en": en.TEXTS}
RUSSIAN_CODES = ("ru", "uk", "be")


def lang_for_code(language_code: str | None, default: str = "en") -> str:
    """Telegram's language_code → catalogue: ru, uk, be read Russian; everyone else English."""
    if not language_code:
        return default
    return "ru" if language_code.split("-")[0].lower() in RUSSIAN_CODES else "en"


class Raw(str):
    """Text that is already safe HTML (built from the catalogue): `t()` does not escape it again."""


def t(lang: str, key: str, **values: Any) -> str:
    table = CATALOGUES.get(lang) or CATALOGUES["en"]
    template = table.get(key)
    if template is None:
        template = CATALOGUES["en"][key]  # a key missing from both catalogues is a bug: KeyError
    safe = {k: v if isinstance(v, Raw) else escape(str(v), quote=False) for k, v in values.items()}
    return template.format(**safe)
