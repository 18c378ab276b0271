"""Text as a reader sees it: what every write path stores and what the normaliser starts from.

People paste text that carries characters nobody sees: soft hyphens and zero-width spaces inside
words (copied from web pages and Telegram channels), bidi overrides that make a line read
backwards, NUL bytes that PostgreSQL refuses and SQLite keeps, stress marks from dictionaries,
and "fancy" letters (𝐏𝐮𝐭𝐢𝐧, Ｐｕｔｉｎ) that look like ordinary ones. `clean_text` removes or folds
all of them **without splitting the word they sit in**, so «пре\u00adзидент» is «президент» again.

One function for the whole project: ingestion, import, tips, sources, notes, names and the
matcher's normaliser all call it, so SQLite and PostgreSQL store the same thing and a claim
copied with invisible characters is the same claim.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["clean_text", "clean_line", "INVISIBLE_RE"]

# Unicode category Cf (format characters: soft hyphen, zero-width space/joiner/non-joiner, word
# joiner, invisible operators, BOM, bidi marks, embeddings, overrides and isolates, tag
# characters, …) plus the control characters of category Cc other than newline and tab.
# Built from the Unicode database of the running Python, so a new Cf character is covered too.
_INVISIBLE = "".join(
    chr(cp) for cp in range(0x110000)
    if (unicodedata.category(chr(cp)) == "Cf")
    or (unicodedata.category(chr(cp)) == "Cc" and chr(cp) not in "\n\t")
)
INVISIBLE_RE = re.compile("[" + re.escape(_INVISIBLE) + "]")
"""Matches one character a reader does not see (category Cf, or a control other than \\n and \\t)."""

# Stress marks and other combining accents left over after NFC (Cyrillic vowels have no
# precomposed accented forms, so «а́» stays «а» + U+0301). Only these two are dropped: «й» and «ё»
# are precomposed after NFC and keep their marks.
_STRESS_RE = re.compile("[\u0300\u0301]")
# A stress mark right after a Cyrillic letter goes before NFC: NFC would compose К, Г, Е, И with
# it into other letters (Ќ, Ѓ, Ѐ, Ѝ), and «Ќорея» is not «Корея».
_CYRILLIC_STRESS_RE = re.compile("(?<=[\u0400-\u04ff])[\u0300\u0301]+")

# Letters drawn in other "fonts": full-width forms and the mathematical alphanumeric block.
# Only these are folded with NFKC; NFKC on the whole text would also turn «№» into «No» and «…»
# into «...», which a desk does not want in a stored claim.
_COMPAT_LETTERS_RE = re.compile("[\uff01-\uff5e\U0001d400-\U0001d7ff]+")
_CR_RE = re.compile(r"\r\n?")


def _fold(m: re.Match) -> str:
    return unicodedata.normalize("NFKC", m.group(0))


def clean_text(text: str | None) -> str:
    """Remove what a reader does not see and fold look-alike letters; keep everything else.

    Shape: str -> str (None -> ""). Line breaks become "\\n"; NUL, other control characters and
    every format (Cf) character are removed without a space, so the word they sat in stays whole;
    combining stress marks are removed; full-width and mathematical letters become plain ones;
    the result is in NFC. Leading/trailing white space is kept (callers strip where they want).
    Never raises on a str.
    """
    if not text:
        return ""
    if not isinstance(text, str):
        text = str(text)
    text = _CR_RE.sub("\n", text)
    text = INVISIBLE_RE.sub("", text)
    text = _CYRILLIC_STRESS_RE.sub("", text)  # before NFC, which would make К + U+0301 the letter Ќ
    text = unicodedata.normalize("NFC", text)
    text = _STRESS_RE.sub("", text)
    if _COMPAT_LETTERS_RE.search(text):
        text = _COMPAT_LETTERS_RE.sub(_fold, text)
    return text


def clean_line(text: str | None) -> str:
    """`clean_text` for one-line fields (names, URLs, notes' titles): white space runs, line
    breaks included, become one space, and the ends are stripped. Shape: str -> str."""
    return " ".join(clean_text(text).split())
