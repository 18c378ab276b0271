"""Vocabulary correction: the nearest known term for a typo or a transliteration near-miss."""

from __future__ import annotations

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

class Corrector:
    """Nearest known term within a small edit distance, bucketed by (first letter, length)."""

    def __init__(self) -> None:
        self._buckets: dict[tuple[str, int], list[str]] = {}
        self._known: set[str] = set()

    def add(self, term: str) -> None:
        if term in self._known or len(term) < 4 or term[0].isdigit():
            return
        self._known.add(term)
        self._buckets.setdefault((term[0], len(term)), []).append(term)

    def candidates(self, term: str) -> list[tuple[str, int]]:
        if len(term) < 4 or term[0].isdigit():
            return []
        maxd = 1 if len(term) < 8 else 2
        out: list[tuple[str, int]] = []
        for ln in range(len(term) - maxd, len(term) + maxd + 1):
            bucket = self._buckets.get((term[0], ln))
            if not bucket:
                continue
            for choice, dist, _ in process.extract(term, bucket, scorer=Levenshtein.distance,
                                                   score_cutoff=maxd, limit=8):
                out.append((choice, int(dist)))
        return out
