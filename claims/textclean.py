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
# characters, …) plus the control characters of category Cc other than newline and tab, lone
# surrogates (Cs: half of a cut UTF-16 pair, e.g. JSON "\\ud83d", which no database can store as
# UTF-8), and the 66 noncharacters (U+FDD0–U+FDEF, U+FFFE and U+FFFF of every plane).
# Built from the Unicode database of the running Python, so a new Cf character is covered too.
# Only the planes that hold format and control characters are scanned (BMP, SMP, and plane 14's
# tags and variation selectors): a fifth of the code points, 0.04 s at import instead of 0.2 s in
# every process; tests/test_textclean.py checks the result against a scan of all 0x110000.
INVISIBLE_PLANES = (range(0x20000), range(0xE0000, 0xF0000))
# Default-ignorable code points (Unicode's "render as nothing") outside Cf: the Hangul fillers —
# U+3164 and its half-width U+FFA0, the jamo fillers U+115F/U+1160, which Telegram users put in
# "blank" names and spammers inside words to slip past filters —, the combining grapheme joiner
# U+034F and the Khmer inherent vowels U+17B4/U+17B5. Variation selectors stay (they choose how
# an emoji is drawn: ❤️ against ❤).
IGNORABLE_LETTERS = "\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0"


def invisible_chars(planes=INVISIBLE_PLANES) -> str:
    """Every character that `clean_text` removes, as one string: Cf, Cs and Cc (but \\n, \\t) found
    in `planes` (ranges of code points), then the 66 noncharacters (XML and HTML refuse them too)."""
    found = [chr(cp) for plane in planes for cp in plane
             if unicodedata.category(chr(cp)) in ("Cf", "Cs")
             or (unicodedata.category(chr(cp)) == "Cc" and chr(cp) not in "\n\t")]
    nonchars = [*range(0xFDD0, 0xFDF0), *(p * 0x10000 + low for p in range(17) for low in (0xFFFE, 0xFFFF))]
    return "".join(found) + "".join(chr(cp) for cp in nonchars) + IGNORABLE_LETTERS


_INVISIBLE = invisible_chars()
INVISIBLE_RE = re.compile("[" + re.escape(_INVISIBLE) + "]")
"""Matches one character a reader does not see (category Cf, or a control other than \\n and \\t)."""

# Stress marks and other combining accents left over after NFC (Cyrillic vowels have no
# precomposed accented forms, so «а́» stays «а» + U+0301). Only these two are dropped: «й» and «ё»
# are precomposed after NFC and keep their marks; a Latin «é» typed as e + U+0301 is composed first.
_STRESS_RE = re.compile("[\u0300\u0301]")
# Removed before NFC after a Cyrillic letter, or NFC would compose «К» + U+0301 into «Ќ» and
# «е» + U+0300 into «ѐ» (Macedonian and Bulgarian letters) and the stress mark would stay hidden.
_CYRILLIC_STRESS_RE = re.compile("(?<=[\u0400-\u04ff])[\u0300\u0301]+")

# Letters drawn in other "fonts": full-width forms and the mathematical alphanumeric block.
# Only these are folded with NFKC; NFKC on the whole text would also turn «№» into «No» and «…»
# into «...», which a desk does not want in a stored claim.
_COMPAT_LETTERS = "\uff01-\uff5e\U0001d400-\U0001d7ff"     # a character class's ranges
_COMPAT_LETTERS_RE = re.compile("[" + _COMPAT_LETTERS + "]+")
# What the fast path of `clean_text` must not let through although `str.isprintable` passes it.
_SLOW_PATH_RE = re.compile("[" + _COMPAT_LETTERS + IGNORABLE_LETTERS + "]")
_CR_RE = re.compile(r"\r\n?")


def _fold(m: re.Match) -> str:
    return unicodedata.normalize("NFKC", m.group(0))


def clean_text(text: str | None) -> str:
    """Remove what a reader does not see and fold look-alike letters; keep everything else.

    Shape: str -> str (None -> ""). Line breaks become "\\n"; NUL, other control characters, every
    format (Cf) character, the default-ignorable Hangul fillers and joiners (IGNORABLE_LETTERS) and
    lone surrogates are removed without a space, so the word they sat in stays whole;
    combining stress marks are removed; full-width and mathematical letters become plain ones;
    the result is in NFC. Leading/trailing white space is kept (callers strip where they want).
    Never raises on a str.
    """
    if not text:
        return ""
    if not isinstance(text, str):
        text = str(text)
    if (text.isprintable() and "\u0301" not in text and "\u0300" not in text
            and unicodedata.is_normalized("NFC", text) and not _SLOW_PATH_RE.search(text)):
        # The common case, checked at C speed: no control, format (Cf) or separator character other
        # than the space (isprintable), nothing to fold; ~20x faster than the full path on a line.
        return text
    text = _CR_RE.sub("\n", text)
    text = INVISIBLE_RE.sub("", text)
    text = _CYRILLIC_STRESS_RE.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = _STRESS_RE.sub("", text)
    if _COMPAT_LETTERS_RE.search(text):
        text = _COMPAT_LETTERS_RE.sub(_fold, text)
    return text


def clean_line(text: str | None) -> str:
    """`clean_text` for one-line fields (names, URLs, notes' titles): white space runs, line
    breaks included, become one space, and the ends are stripped. Shape: str -> str."""
    return " ".join(clean_text(text).split())
