"""Claim vectors in memory: one float32 row per claim, exact top-k by dot product.

Rows are unit vectors (claims/match/encoder.py), so the dot product is the cosine. Memory is
dim × 4 bytes a claim (384 → 1.5 KB, 512 → 2 KB); removal leaves a zero row until `compact`.
"""

from __future__ import annotations

import numpy as np


class VectorStore:
    """claim id → unit vector. Not thread-safe by itself: the matcher's lock guards it."""

    def __init__(self, dim: int) -> None:
        self.dim = int(dim)
        self._m = np.zeros((0, self.dim), dtype=np.float32)
        self._ids = np.zeros(0, dtype=np.int64)
        self._row: dict[int, int] = {}
        self._n = 0          # rows in use (some may be removed = zero)
        self._dead = 0

    def __len__(self) -> int:
        return len(self._row)

    def __contains__(self, claim_id: int) -> bool:
        return int(claim_id) in self._row

    def memory_bytes(self) -> int:
        return int(self._m.nbytes + self._ids.nbytes)

    def _grow(self, need: int) -> None:
        if need <= len(self._m):
            return
        cap = max(need, 2 * len(self._m), 1024)
        m = np.zeros((cap, self.dim), dtype=np.float32)
        ids = np.full(cap, -1, dtype=np.int64)
        m[:self._n] = self._m[:self._n]
        ids[:self._n] = self._ids[:self._n]
        self._m, self._ids = m, ids

    def put_many(self, claim_ids, vectors: np.ndarray) -> None:
        """Add or replace vectors ((n, dim) float32 unit rows) for `claim_ids`."""
        vectors = np.asarray(vectors, dtype=np.float32).reshape(-1, self.dim)
        fresh = [i for i, c in enumerate(claim_ids) if int(c) not in self._row]
        self._grow(self._n + len(fresh))
        for c, v in zip(claim_ids, vectors):
            c = int(c)
            r = self._row.get(c)
            if r is None:
                r = self._row[c] = self._n
                self._ids[r] = c
                self._n += 1
            self._m[r] = v

    def remove(self, claim_id: int) -> None:
        r = self._row.pop(int(claim_id), None)
        if r is not None:
            self._m[r] = 0.0
            self._ids[r] = -1
            self._dead += 1
            if self._dead > 1024 and self._dead > self._n // 4:
                self.compact()

    def compact(self) -> None:
        keep = np.nonzero(self._ids[:self._n] >= 0)[0]
        self._m = np.ascontiguousarray(self._m[keep])
        self._ids = self._ids[keep].copy()
        self._n = len(keep)
        self._dead = 0
        self._row = {int(c): i for i, c in enumerate(self._ids.tolist())}

    def get(self, claim_id: int) -> np.ndarray | None:
        r = self._row.get(int(claim_id))
        return None if r is None else self._m[r]

    def top(self, q: np.ndarray, k: int) -> list[tuple[int, float]]:
        """The k claims nearest to each unit vector q ((dim,) or (parts, dim): best over parts):
        [(claim_id, cosine)], best first."""
        if not self._row or k <= 0:
            return []
        q = np.asarray(q, dtype=np.float32)
        sims = self._m[:self._n] @ q.T if q.ndim == 1 else (self._m[:self._n] @ q.T).max(axis=1)
        k = min(k, self._n)
        idx = np.argpartition(-sims, k - 1)[:k]
        idx = idx[np.argsort(-sims[idx], kind="stable")]
        return [(int(self._ids[i]), float(sims[i])) for i in idx if self._ids[i] >= 0]

    def top_many(self, qs: np.ndarray, k: int) -> tuple[list[list[tuple[int, float]]], list[tuple[int, float]]]:
        """For (parts, dim) unit rows: the k nearest claims of each row, and of the best row per
        claim (the whole message), from one matrix product."""
        if not self._row or k <= 0 or qs is None or not len(qs):
            return [[] for _ in range(0 if qs is None else len(qs))], []
        sims = self._m[:self._n] @ np.asarray(qs, dtype=np.float32).T          # (n, parts)
        k = min(k, self._n)

        def pick(col: np.ndarray) -> list[tuple[int, float]]:
            idx = np.argpartition(-col, k - 1)[:k]
            idx = idx[np.argsort(-col[idx], kind="stable")]
            return [(int(self._ids[i]), float(col[i])) for i in idx if self._ids[i] >= 0]
        per = [pick(sims[:, j]) for j in range(sims.shape[1])]
        return per, pick(sims.max(axis=1))
