"""Split a post into the parts that are matched one by one, and tell the message's language.

A forwarded channel post is several sentences, and one sentence may join two claims («…; а также
…»). Each part keeps its character offsets in the message, so the answer can say which part of
the post repeated which claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from razdel import sentenize

from ..normalize import fold_homoglyphs, without_links
from ..textclean import clean_text

MAX_PARTS = 48                 # clauses are extra parts only while a message has at most this many parts;
                               # every sentence is a part of its own, however many (no cap: a message is
                               # read up to MAX_MESSAGE_CHARS = 8,000 characters, claims/match/matcher.py,
                               # and grouping neighbours lost a claim said in the last of 150 short English
                               # sentences, its group of three at cosine 0.48 under the part bar of 0.5;
                               # each sentence on its own: an 8,000-character post of 158 sentences took
                               # 150-160 ms CPU against 125-128 ms grouped, 2,765 claims, use-m3)
MIN_PART_WORDS = 3             # shorter sentences are joined to their neighbour
_CLAUSE_RE = re.compile(r"\s*(?:;|,\s+а\s+также|,\s+and\s+also|,\s+а\s+ещё|,\s+а\s+еще)\s+", re.IGNORECASE)
_WORD_RE = re.compile(r"\w+", re.UNICODE)
_LETTER_RE = re.compile(r"[^\W\d_]")
_CYR_RE = re.compile(r"[а-яёіїєґў]", re.IGNORECASE)
_LAT_RE = re.compile(r"[a-z]", re.IGNORECASE)


@dataclass(frozen=True)
class Part:
    start: int      # character offsets [start, end) in the message
    end: int
    text: str


def sentences(text: str) -> list[str]:
    """The sentences of `text` (razdel) that have a letter, in text order; [] for none (a sentence
    read on its own, e.g. the one of a part that states a claim: claims/match/matcher.py)."""
    return [s.text for s in sentenize(text) if _LETTER_RE.search(s.text)]


def _words(s: str) -> int:
    return len(_WORD_RE.findall(s))


def split_parts(text: str) -> list[Part]:
    """Sentences of `text` (razdel), a sentence of under MIN_PART_WORDS words joined to the previous
    one, then clauses of a sentence joining two statements («…; …», «…, а также …») as extra parts
    when each clause has at least 4 words, as long as the parts stay within MAX_PARTS. Every sentence
    is a part of its own however many there are, so a claim in the last sentence of a long post is
    read alone, never diluted by neighbours (the cost is linear in the text, which the matcher reads
    up to 8,000 characters). Parts in text order. A text of one sentence gives one part (the whole
    text); empty or wordless text gives []. Shape: str -> list[Part]; never raises."""
    if not isinstance(text, str) or not _WORD_RE.search(text):
        return []
    sents: list[list[int]] = []
    for s in sentenize(text):
        if not _WORD_RE.search(s.text):
            continue
        if sents and _words(text[sents[-1][0]:sents[-1][1]]) < MIN_PART_WORDS:
            sents[-1][1] = s.stop
        elif sents and _words(s.text) < MIN_PART_WORDS:
            sents[-1][1] = s.stop
        else:
            sents.append([s.start, s.stop])
    parts: list[Part] = []
    for a, b in sents:
        seg = text[a:b]
        parts.append(Part(a, b, seg))
        pieces, pos = [], 0
        for m in _CLAUSE_RE.finditer(seg):
            pieces.append((pos, m.start()))
            pos = m.end()
        if pieces:
            pieces.append((pos, len(seg)))
            if all(_words(seg[x:y]) >= 4 for x, y in pieces):
                parts.extend(Part(a + x, a + y, seg[x:y]) for x, y in pieces)
    if len(parts) == 1:
        return [Part(0, len(text), text)]
    if len(parts) > MAX_PARTS:          # clauses beyond the budget: keep every sentence first
        parts = sorted([p for p in parts if any(p.start == a and p.end == b for a, b in sents)]
                       + [p for p in parts if not any(p.start == a and p.end == b for a, b in sents)]
                       [:max(0, MAX_PARTS - len(sents))], key=lambda p: (p.start, -p.end))
    return parts


def message_language(text: str) -> str:
    """"ru", "uk", "be" or "en" by the letters used (Ukrainian ї є ґ, or і without ы; Belarusian ў,
    or і with ы), links and @mentions not counted, words mixing Cyrillic and Latin look-alikes read
    in one script (fold_homoglyphs: «мiської» with a Latin i is Ukrainian); empty text → "ru".
    Used only to say that a match crossed languages."""
    sample = fold_homoglyphs(without_links(clean_text(text[:5000]))) if isinstance(text, str) else ""   # 𝐏𝐮𝐭𝐢𝐧 is Latin
    cyr = len(_CYR_RE.findall(sample))
    lat = len(_LAT_RE.findall(sample))
    if lat > cyr:
        return "en"
    low = sample.lower()
    if "ў" in low:
        return "be"
    if any(c in low for c in "їєґ"):
        return "uk"
    if "і" in low:
        return "be" if "ы" in low else "uk"
    return "ru"
