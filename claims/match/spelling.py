"""Vocabulary correction: the nearest known term for a typo, a transliteration near-miss, a
Ukrainian/Belarusian spelling («Фінляндія» → «финляндия») or a diminutive («чесночок» → «чеснок»,
«водичка» → «вода», «карточка» → «карта»)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..nlp import get_nlp

# Ukrainian / Belarusian letters read as the Russian ones: one table, kept by the normaliser
from ..normalize import UKBE_TO_RU, word_known

# Russian diminutive / hypocoristic noun suffixes and what the plain noun ends in instead
# (чесн-очок → чесн-ок, вод-ичка → вод-а, карт-очка → карт-а, лимон-чик → лимон).
_DIMINUTIVE_SUFFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("очек", ("ок", "ка", "")), ("очок", ("ок", "")), ("ечек", ("ек", "ка", "")), ("ичек", ("ик", "")),
    ("ичка", ("а", "ица")), ("ечка", ("ка", "а", "я")), ("очка", ("ка", "а")), ("онька", ("а",)),
    ("енька", ("а", "я")), ("ушка", ("а",)), ("юшка", ("я",)), ("ышко", ("о",)), ("ишко", ("о",)),
    ("ушек", ("ок",)), ("ышек", ("ок",)), ("ечко", ("о", "е")), ("ичко", ("о",)), ("ишка", ("а",)),
    ("чик", ("",)), ("ик", ("",)), ("ка", ("а",)),
)
DIMINUTIVE_DISTANCE = 1         # a diminutive's base counts as a candidate at this edit distance
ANSWERS_KEPT = 20_000           # look-ups a Corrector remembers until its vocabulary changes


def _bit_counts(x: np.ndarray) -> np.ndarray:
    """Set bits of each uint64 (numpy < 2.0 has no `bitwise_count`; pyproject allows 1.26)."""
    return np.unpackbits(x.view(np.uint8).reshape(-1, 8), axis=1).sum(axis=1)


_popcount = getattr(np, "bitwise_count", _bit_counts)


def letter_mask(word: str) -> int:
    """A 64-bit set of the letters of `word` (letter code mod 64; Cyrillic а–я map to distinct
    bits). One edit adds at most one bit and removes at most one, so two words `d` edits apart
    differ in at most 2·d bits whatever letters share a bit: a lower bound on the edit distance
    that rules most of a bucket out before any distance is computed (`Corrector._near`)."""
    m = 0
    for ch in word:
        m |= 1 << (ord(ch) & 63)
    return m


@lru_cache(maxsize=50_000)
def diminutive_bases(word: str) -> tuple[str, ...]:
    """Plain nouns a Russian diminutive may come from, by morphology: the word with a diminutive
    suffix replaced (see _DIMINUTIVE_SUFFIXES) where pymorphy3 knows the result as a noun of the
    same gender and animacy as the word («лимончик» → «лимон»; «переводчик», animate, is not a
    diminutive of «перевод», inanimate). Shape: tuple of lemmas, possibly empty; never raises.
    Cost: a few dictionary look-ups, cached."""
    if len(word) < 5 or not word.isalpha() or not ("а" <= word[0] <= "я" or word[0] == "ё"):
        return ()
    if not any(word.endswith(suffix) and len(word) - len(suffix) >= 2 for suffix, _ in _DIMINUTIVE_SUFFIXES):
        return ()       # no diminutive ending: no base, and no parse (most words of a post)
    try:
        morph = get_nlp().morph
        parses = [p for p in morph.parse(word) if p.tag.POS == "NOUN"]
        if not parses:
            return ()
        tag = parses[0].tag
        # a word pymorphy does not know has guessed grammar: any noun base is taken then
        known = morph.word_is_known(word)
        gender, anim = (tag.gender, tag.animacy) if known else (None, None)
        out: list[str] = []
        for suffix, repl in _DIMINUTIVE_SUFFIXES:
            if not word.endswith(suffix) or len(word) - len(suffix) < 2:
                continue
            stem = word[: -len(suffix)]
            for r in repl:
                base = stem + r
                if len(base) < 3 or base in out or not morph.word_is_known(base):
                    continue
                ok = any(p.tag.POS == "NOUN" and p.normal_form == base and "nomn" in p.tag
                         and (anim is None or p.tag.animacy == anim) and (gender is None or p.tag.gender == gender)
                         for p in morph.parse(base))
                if ok:
                    out.append(base)
        return tuple(out)
    except Exception:  # pragma: no cover - morphology unavailable: no bases
        return ()


class Corrector:
    """Nearest known term within a small edit distance, bucketed by (first letter, length); a
    diminutive's plain noun, when known, is a candidate too (at DIMINUTIVE_DISTANCE)."""

    def __init__(self) -> None:
        self._buckets: dict[tuple[str, int], list[str]] = {}
        # each bucket's letter masks (`letter_mask`, same order), and their uint64 array, made on
        # the first look-up after the bucket last grew
        self._masks: dict[tuple[str, int], list[int]] = {}
        self._mask_arrays: dict[tuple[str, int], np.ndarray] = {}
        self._known: set[str] = set()
        # answers given since the vocabulary last changed: the same unknown words come back in
        # message after message («срочно», «пишут»), each a scan of its buckets (~0.1-0.3 ms)
        self._answers: dict[str, list[tuple[str, int]]] = {}

    def add(self, term: str) -> None:
        if term in self._known or len(term) < 4 or term[0].isdigit():
            return
        self._known.add(term)
        key = (term[0], len(term))
        self._buckets.setdefault(key, []).append(term)
        self._masks.setdefault(key, []).append(letter_mask(term))
        self._mask_arrays.pop(key, None)
        if self._answers:
            self._answers = {}  # a new term may be the nearest for a word answered before

    def candidates(self, term: str) -> list[tuple[str, int]]:
        """[(known term, edit distance)] for an unknown `term` (a lemma or a surface form). The
        list is shared with later calls for the same term: read it, do not change it."""
        if len(term) < 4 or term[0].isdigit():
            return []
        found = self._answers.get(term)
        if found is None:
            found = self._candidates(term)
            if len(self._answers) >= ANSWERS_KEPT:
                self._answers = {}
            self._answers[term] = found
        return found

    def _candidates(self, term: str) -> list[tuple[str, int]]:
        maxd = 1 if len(term) < 8 else 2
        out: list[tuple[str, int]] = [(b, DIMINUTIVE_DISTANCE) for b in diminutive_bases(term)
                                      if b in self._known]
        ru = term.translate(UKBE_TO_RU)
        if ru != term:      # a Ukrainian or Belarusian spelling: its Russian-lettered form first
            if ru in self._known:
                out.append((ru, 0))
            term = ru
        real = _russian_word(term)
        if not real and "и" in term:
            # Ukrainian «и» is the Russian «ы» in most words («вибори» = «выборы», «дитина»): the
            # word with all or one of its «и» read as «ы», when that is a known term
            idx = [i for i, ch in enumerate(term) if ch == "и"]
            for v in dict.fromkeys([term.replace("и", "ы"), *(term[:i] + "ы" + term[i + 1:] for i in idx)]):
                if v in self._known:
                    out.append((v, 1))
        mask = letter_mask(term)
        for ln in range(len(term) - maxd, len(term) + maxd + 1):
            near = self._near((term[0], ln), mask, maxd)
            if not near:
                continue
            for choice, dist, _ in process.extract(term, near, scorer=Levenshtein.distance,
                                                   score_cutoff=maxd, limit=8):
                # two dictionary words a letter apart are two words, not a typo: «отменить» is not
                # «отметить», «продать» not «придать»
                if dist and real and (_russian_word(choice) or dist > 1 and not _ending_apart(term, choice)):
                    continue    # nor is a dictionary word a stem two letters away but for its ending
                    #             («проиграл» is not the Ukrainian «програм(у)»: b38; «программу» is, and
                    #             «подписать» is the Belarusian «падпісаць»)
                out.append((choice, int(dist)))
        return out

    def _near(self, key: tuple[str, int], mask: int, maxd: int) -> list[str]:
        """The terms of bucket `key` whose letters (`letter_mask`) differ from `mask` in at most
        2·maxd bits, in bucket order: every term within `maxd` edits is among them, so the distance
        look-up over them finds what it finds over the whole bucket, in the same order (ties by
        position), for a fraction of the cost (~100 ns a term scored; most of a bucket is ruled out
        by one vectorised test)."""
        bucket = self._buckets.get(key)
        if not bucket:
            return []
        arr = self._mask_arrays.get(key)
        if arr is None:
            arr = self._mask_arrays[key] = np.fromiter(self._masks[key], dtype=np.uint64, count=len(bucket))
        ok = _popcount(arr ^ np.uint64(mask)) <= 2 * maxd
        return [bucket[i] for i in np.flatnonzero(ok).tolist()]


def _ending_apart(a: str, b: str) -> bool:
    """Do `a` and `b` differ only in their endings: a common beginning of all but the last letter of
    the shorter?"""
    n = min(len(a), len(b)) - 1
    return a[:n] == b[:n]


@lru_cache(maxsize=50_000)
def _russian_word(word: str) -> bool:
    """Is `word` (a lemma or a form, Russian letters) in the Russian dictionary? False when the
    morphology is unavailable or the word is not all Cyrillic."""
    if not word.isalpha() or not all("а" <= ch <= "я" or ch == "ё" for ch in word):
        return False
    return bool(word_known(word))  # morphology unavailable (None): treat as unknown
