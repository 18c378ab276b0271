"""Layout of an article: lines, list items, headings and the title; a clause made to read as a sentence."""

from __future__ import annotations

import re

_CLOSERS = "\"'»”’)]"
_TERMINAL = ".!?…"
_HEADING_MAX_WORDS = 20


def _ends_sentence(line: str) -> bool:
    return line.rstrip(_CLOSERS + " ")[-1:] in _TERMINAL


# A list item: "— ", "- ", "• ", "* ", "1. ", "2)" at the start of a line (digests, briefings).
_LIST_MARKER = re.compile(r"^(?:[—–•*·▪►-]|\d{1,2}[.)])\s+(?=\S)")


def _blocks(text: str) -> list[tuple[str, bool]]:
    """(line, is_heading) pairs, list markers removed (each item of a digest is its own line).

    Lines are split first because razdel glues a heading without a full stop onto the
    next sentence. The first line of a multi-line text is the headline unless it ends
    with a full stop (then the text simply has no title).
    """
    lines = [_LIST_MARKER.sub("", ln.strip()) for ln in text.splitlines()]
    lines = [ln for ln in lines if ln]
    out = []
    for i, line in enumerate(lines):
        is_title = (
            i == 0 and len(lines) > 1 and not line.rstrip(_CLOSERS + " ").endswith((".", ":"))
        )
        is_heading = (
            len(lines) > 1  # a lone line is a submitted claim, not a heading
            and not _ends_sentence(line)
            and not line.endswith(":")  # «Лавров заявил:» introduces the next line
            and len(line.split()) <= _HEADING_MAX_WORDS
        )
        out.append((line, is_title or is_heading))
    return out


def _as_sentence(text: str) -> str:
    """A clause cut out of a sentence, made to read as one."""
    text = text.strip().strip(",;:—–- ").strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    if not _ends_sentence(text):
        text += "."
    return text
