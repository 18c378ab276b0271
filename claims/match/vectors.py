"""Claim vectors in memory: int8 rows with one scale each, searched in two steps.

Rows are unit vectors (claims/match/encoder.py), so the dot product is the cosine.

Memory, per claim: `dim` bytes (int8 codes) + 4 (float32 scale) + COARSE_DIM × 4 (the coarse
projection) + 4 (claim id → row) + 8 (row → claim id). At 512 dimensions that is 784 bytes, so
1M claims take 0.73 GiB (float32 rows alone would take 1.9 GiB, float16 0.95 GiB). Codes:
v ≈ code × scale with scale = max|v| / 127 (symmetric per-row int8 quantisation); the cosine
error this adds is below 0.003 (tests/test_match_vectors.py), far under what the fused score can
tell apart. The database holds the same codes (`to_bytes`: scale + codes, dim + 4 bytes), so a
start-up copies them in (`from_bytes`, `VectorStore.put_codes`).

Search (`top_many`): while the store is small (≤ EXACT_ROWS) every row is scored exactly. Above
that, step 1 scores every row in a COARSE_DIM-dimensional projection (the top principal axes of
the stored vectors: uncentred PCA of a sample of ≤ PCA_SAMPLE rows, fitted when the store first
exceeds EXACT_ROWS and refitted as it grows 4× until a fit has seen PCA_SAMPLE rows, `_refit`),
a float32 matrix product run in chunks of CHUNK_ROWS rows so that no temporary grows with the
store (the projection is held one column per row, (COARSE_DIM, rows): a post's (parts, COARSE_DIM)
query matrix then multiplies contiguous rows of it, measured 1.5-2× faster for 5-35 parts than the
row-per-claim layout, whose transposed chunks BLAS repacks on every product); step 2 re-scores the best rows of step 1 (COARSE_CANDIDATES, + 128 per extra part of a
post) exactly from their int8 codes. The nearest claims of a message are close in the leading
axes too, so the shortlist holds them: bench/RESULTS.md "Claim matching: speed and memory"
reports the recall of the exact 8 nearest (0.99 at 100k and 1M) and the MAP@5 against the exact
float32 search on the same messages (equal at 100k), and the time (0.18× at 100k, 0.11× at 1M).
Removal leaves an empty row until `compact`.
"""

from __future__ import annotations

import numpy as np

COARSE_DIM = 64            # dimensions of the step-1 projection
COARSE_CANDIDATES = 1024   # rows re-scored exactly per message (more for a post of several parts)
EXACT_ROWS = 8192          # up to this many rows every row is scored exactly (no projection)
PCA_SAMPLE = 20_000        # rows the projection is fitted on
CHUNK_ROWS = 16_384        # rows per step-1 matrix product (a post's (parts, rows) scores stay in cache)
BLOCK_ROWS = 4_096         # rows quantised / projected at a time (temporaries stay in cache)
_NO_ROW = -1


def quantize(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(n, dim) float → ((n, dim) int8 codes, (n,) float32 scales) with v ≈ codes × scale."""
    v = np.asarray(vectors)
    codes = np.empty(v.shape, dtype=np.int8)
    scales = np.zeros(len(v), dtype=np.float32)
    for a in range(0, len(v), BLOCK_ROWS):
        blk = v[a:a + BLOCK_ROWS].astype(np.float32)
        scale = np.abs(blk).max(axis=1) / np.float32(127.0) if blk.size else np.zeros(len(blk), np.float32)
        safe = np.where(scale > 0, scale, np.float32(1.0)).astype(np.float32)
        blk /= safe[:, None]
        np.rint(blk, out=blk)
        np.clip(blk, -127, 127, out=blk)
        codes[a:a + BLOCK_ROWS] = blk
        scales[a:a + BLOCK_ROWS] = scale
    return codes, scales


def to_bytes(vectors: np.ndarray) -> list[bytes]:
    """The stored form of (n, dim) unit vectors, one blob each: a float32 little-endian scale then
    dim int8 codes (dim + 4 bytes; what the store holds in memory, so loading is a copy)."""
    codes, scales = quantize(np.asarray(vectors).reshape(len(vectors), -1))
    rec = np.empty((len(codes), codes.shape[1] + 4), dtype=np.uint8)
    rec[:, :4] = scales.astype("<f4").view(np.uint8).reshape(-1, 4)
    rec[:, 4:] = codes.view(np.uint8)
    return [r.tobytes() for r in rec]


def from_bytes(blobs: list[bytes], dim: int) -> tuple[np.ndarray, np.ndarray]:
    """Blobs of `to_bytes` (dim + 4 bytes each) → ((n, dim) int8 codes, (n,) float32 scales).
    Older stores wrote float16 (2 × dim bytes); callers tell them apart by length (`decode`)."""
    return codes_of(np.frombuffer(b"".join(blobs), dtype=np.uint8).reshape(len(blobs), dim + 4), dim)


def codes_of(rec: np.ndarray, dim: int) -> tuple[np.ndarray, np.ndarray]:
    """(n, dim + 4) uint8 records (stored blobs side by side, as one buffer) → ((n, dim) int8 codes
    (a view, no copy), (n,) float32 scales). The stored codes are used as they are: nothing is
    re-quantised or re-normalised."""
    rec = np.asarray(rec, dtype=np.uint8).reshape(-1, dim + 4)
    scales = np.ascontiguousarray(rec[:, :4]).view("<f4").reshape(-1).astype(np.float32)
    return rec[:, 4:].view(np.int8), scales


def decode(blob: bytes, dim: int) -> np.ndarray | None:
    """One stored vector as float32 (dim,), from either stored form; None for another dimension."""
    if blob is None:
        return None
    if len(blob) == dim + 4:
        codes, scales = from_bytes([blob], dim)
        return codes[0].astype(np.float32) * scales[0]
    if len(blob) == 2 * dim:
        return np.frombuffer(blob, dtype="<f2").astype(np.float32)
    return None


class VectorStore:
    """claim id → unit vector. Not thread-safe by itself: the matcher's lock guards it.

    Claim ids are non-negative integers (database ids); the id → row map is an int32 array as
    long as the largest id (4 bytes an id)."""

    def __init__(self, dim: int) -> None:
        self.dim = int(dim)
        self._codes = np.zeros((0, self.dim), dtype=np.int8)
        self._scale = np.zeros(0, dtype=np.float32)
        self._coarse: np.ndarray | None = None      # (COARSE_DIM, cap) float32, once fitted
        self._proj: np.ndarray | None = None        # (dim, COARSE_DIM) float32
        self._fitted_rows = 0
        self._ids = np.zeros(0, dtype=np.int64)     # row → claim id (-1: removed)
        self._row_of = np.zeros(0, dtype=np.int32)  # claim id → row (-1: none)
        self._count = 0      # live rows
        self._n = 0          # rows in use (some may be removed)
        self._dead = 0

    # ------------------------------------------------------------------ bookkeeping
    def __len__(self) -> int:
        return self._count

    def _row(self, claim_id: int) -> int:
        c = int(claim_id)
        if c < 0 or c >= len(self._row_of):
            return _NO_ROW
        return int(self._row_of[c])

    def __contains__(self, claim_id: int) -> bool:
        return self._row(claim_id) >= 0

    def memory_bytes(self) -> int:
        """Bytes held by the arrays (codes, scales, projection, id maps)."""
        extra = 0 if self._coarse is None else self._coarse.nbytes + self._proj.nbytes
        return int(self._codes.nbytes + self._scale.nbytes + self._ids.nbytes + self._row_of.nbytes + extra)

    def reserve(self, rows: int) -> None:
        """Make room for `rows` rows in total (one allocation before a bulk load)."""
        self._grow(int(rows), exact=True)

    def _grow(self, need: int, exact: bool = False) -> None:
        if need <= len(self._codes):
            return
        cap = need if exact else max(need, len(self._codes) + len(self._codes) // 8, 1024)
        codes = np.zeros((cap, self.dim), dtype=np.int8)
        scale = np.zeros(cap, dtype=np.float32)
        ids = np.full(cap, -1, dtype=np.int64)
        codes[:self._n] = self._codes[:self._n]
        scale[:self._n] = self._scale[:self._n]
        ids[:self._n] = self._ids[:self._n]
        self._codes, self._scale, self._ids = codes, scale, ids
        if self._coarse is not None:
            coarse = np.zeros((COARSE_DIM, cap), dtype=np.float32)
            coarse[:, :self._n] = self._coarse[:, :self._n]
            self._coarse = coarse

    def _map_ids(self, claim_ids: np.ndarray) -> None:
        top = int(claim_ids.max()) + 1 if len(claim_ids) else 0
        if top > len(self._row_of):
            grown = np.full(max(top, len(self._row_of) + len(self._row_of) // 4), _NO_ROW, dtype=np.int32)
            grown[:len(self._row_of)] = self._row_of
            self._row_of = grown

    # ------------------------------------------------------------------ writes
    def put_many(self, claim_ids, vectors: np.ndarray) -> None:
        """Add or replace vectors ((n, dim) float unit rows) for `claim_ids` (n non-negative ints;
        the last row wins for a repeated id). Vectorised: a million rows take about a second."""
        vectors = np.asarray(vectors).reshape(-1, self.dim)
        codes, scales = quantize(vectors)
        self.put_codes(claim_ids, codes, scales)

    def put_codes(self, claim_ids, codes: np.ndarray, scales: np.ndarray) -> None:
        """Add or replace rows given as int8 codes ((n, dim)) and scales ((n,)), as `from_bytes`
        returns them (a bulk load copies them in; no float work but the projection)."""
        ids = np.asarray([int(c) for c in claim_ids] if not isinstance(claim_ids, np.ndarray) else claim_ids,
                         dtype=np.int64).reshape(-1)
        codes = np.asarray(codes, dtype=np.int8).reshape(-1, self.dim)
        scales = np.asarray(scales, dtype=np.float32).reshape(-1)
        if not (len(ids) == len(codes) == len(scales)):
            raise ValueError(f"{len(ids)} claim ids for {len(codes)} vectors")
        if not len(ids):
            return
        if ids.min() < 0:
            raise ValueError("claim ids must be non-negative")
        if len(ids) > 1 and not bool(np.all(ids[1:] > ids[:-1])):
            # the last occurrence of each id wins
            rev_u, rev_i = np.unique(ids[::-1], return_index=True)
            keep = len(ids) - 1 - rev_i
            ids, codes, scales = rev_u, codes[keep], scales[keep]
        self._map_ids(ids)
        rows = self._row_of[ids].astype(np.int64)
        fresh = rows < 0
        n_fresh = int(fresh.sum())
        self._grow(self._n + n_fresh)
        start = self._n
        rows[fresh] = np.arange(start, start + n_fresh)
        self._row_of[ids[fresh]] = rows[fresh]
        self._n += n_fresh
        self._count += n_fresh
        if n_fresh == len(ids):          # a bulk load: new rows in order, copied as one block
            rows = slice(start, start + n_fresh)
        self._ids[rows] = ids
        self._codes[rows] = codes
        self._scale[rows] = scales
        if self._n > EXACT_ROWS and (self._proj is None or
                                     (self._fitted_rows < PCA_SAMPLE and self._n >= 4 * self._fitted_rows)):
            self._refit()                # projects every row, these included
        elif self._proj is not None:
            idx = np.arange(rows.start, rows.stop) if isinstance(rows, slice) else rows
            for a in range(0, len(idx), BLOCK_ROWS):
                r = idx[a:a + BLOCK_ROWS]
                self._coarse[:, r] = ((codes[a:a + BLOCK_ROWS].astype(np.float32) @ self._proj)
                                      * scales[a:a + BLOCK_ROWS, None]).T

    def remove(self, claim_id: int) -> None:
        r = self._row(claim_id)
        if r < 0:
            return
        self._row_of[int(claim_id)] = _NO_ROW
        self._codes[r] = 0
        self._scale[r] = 0.0
        self._ids[r] = -1
        if self._coarse is not None:
            self._coarse[:, r] = 0.0
        self._count -= 1
        self._dead += 1
        if self._dead > 1024 and self._dead > self._n // 4:
            self.compact()

    def compact(self) -> None:
        keep = np.nonzero(self._ids[:self._n] >= 0)[0]
        self._codes = np.ascontiguousarray(self._codes[keep])
        self._scale = self._scale[keep].copy()
        self._ids = self._ids[keep].copy()
        if self._coarse is not None:
            self._coarse = np.ascontiguousarray(self._coarse[:, keep])
        self._n = len(keep)
        self._dead = 0
        self._row_of[:] = _NO_ROW
        self._row_of[self._ids] = np.arange(self._n, dtype=np.int32)

    def _dequant(self, rows) -> np.ndarray:
        return self._codes[rows].astype(np.float32) * self._scale[rows, None]

    def _refit(self) -> None:
        """Fit the step-1 projection: the COARSE_DIM leading eigenvectors of XᵀX over a sample of
        the live rows (uncentred PCA keeps the most of the dot products), and project every row."""
        live = np.nonzero(self._ids[:self._n] >= 0)[0]
        if len(live) > PCA_SAMPLE:
            live = np.sort(np.random.default_rng(len(live)).choice(live, PCA_SAMPLE, replace=False))
        x = self._dequant(live)
        _, vecs = np.linalg.eigh(x.T @ x)
        self._proj = np.ascontiguousarray(vecs[:, ::-1][:, :COARSE_DIM].astype(np.float32))
        self._coarse = np.zeros((COARSE_DIM, len(self._codes)), dtype=np.float32)
        for a in range(0, self._n, BLOCK_ROWS):
            b = min(self._n, a + BLOCK_ROWS)
            self._coarse[:, a:b] = ((self._codes[a:b].astype(np.float32) @ self._proj) * self._scale[a:b, None]).T
        self._fitted_rows = self._n

    # ------------------------------------------------------------------ reads
    def get(self, claim_id: int) -> np.ndarray | None:
        """The stored vector ((dim,) float32, as dequantised) or None."""
        r = self._row(claim_id)
        return None if r < 0 else self._codes[r].astype(np.float32) * self._scale[r]

    def _shortlist(self, qs: np.ndarray, count: int) -> np.ndarray:
        """Rows (sorted) whose best step-1 score over the rows of qs ((parts, dim)) is among the
        `count` highest; every live row while the store is small. Rows are scored in chunks of
        CHUNK_ROWS; a running threshold (the lowest score among the best `count` so far) drops
        most rows of a chunk with one comparison, so the selection costs a few partial sorts per
        message rather than one per chunk (the same rows as a partial sort of every score)."""
        n = self._n
        if self._coarse is None or n <= max(count, EXACT_ROWS):
            return np.arange(n)
        qc = np.ascontiguousarray(qs @ self._proj, dtype=np.float32)  # (parts, COARSE_DIM)
        one = qc[0] if len(qc) == 1 else None
        theta = -np.inf
        rows_l: list[np.ndarray] = []
        vals_l: list[np.ndarray] = []
        pooled = 0
        for a in range(0, n, CHUNK_ROWS):
            b = min(n, a + CHUNK_ROWS)
            if one is not None:
                s = one @ self._coarse[:, a:b]
            else:
                s = (qc @ self._coarse[:, a:b]).max(axis=0)    # (parts, rows): the best part per row
            if pooled < count:
                idx = np.arange(b - a)
            else:
                idx = np.flatnonzero(s > theta)
                if not len(idx):
                    continue
            rows_l.append(idx + a)
            vals_l.append(s[idx])
            pooled += len(idx)
            if pooled >= 2 * count or (theta == -np.inf and pooled >= count):
                rows, vals = np.concatenate(rows_l), np.concatenate(vals_l)
                sel = np.argpartition(vals, len(vals) - count)[len(vals) - count:]
                rows_l, vals_l, pooled = [rows[sel]], [vals[sel]], count
                theta = float(vals[sel].min())
        rows, vals = np.concatenate(rows_l), np.concatenate(vals_l)
        if len(rows) > count:
            rows = rows[np.argpartition(vals, len(vals) - count)[len(vals) - count:]]
        return np.sort(rows)

    def top(self, q: np.ndarray, k: int) -> list[tuple[int, float]]:
        """The k claims nearest to unit vector q ((dim,) or (parts, dim): best over parts):
        [(claim_id, cosine)], best first."""
        q = np.asarray(q, dtype=np.float32)
        return self.top_many(q.reshape(-1, self.dim), k)[1]

    def top_many(self, qs: np.ndarray, k: int) -> tuple[list[list[tuple[int, float]]], list[tuple[int, float]]]:
        """For (parts, dim) unit rows: the k nearest claims of each row, and of the best row per
        claim (the whole message). Step 1 shortlists COARSE_CANDIDATES + 128 × parts rows by the
        best part; step 2 scores them exactly (see the module docstring)."""
        if not self._count or k <= 0 or qs is None or not len(qs):
            return [[] for _ in range(0 if qs is None else len(qs))], []
        qs = np.asarray(qs, dtype=np.float32).reshape(-1, self.dim)
        rows = self._shortlist(qs, COARSE_CANDIDATES + 128 * (len(qs) - 1))
        rows = rows[self._ids[rows] >= 0]
        if not len(rows):
            return [[] for _ in range(len(qs))], []
        sims = (self._codes[rows].astype(np.float32) @ qs.T) * self._scale[rows, None]    # (rows, parts)
        kk = min(k, len(rows))
        ids = self._ids[rows]

        def pick(col: np.ndarray) -> list[tuple[int, float]]:
            idx = np.argpartition(-col, kk - 1)[:kk]
            idx = idx[np.lexsort((ids[idx], -col[idx]))]
            return [(int(ids[i]), float(col[i])) for i in idx]
        per = [pick(sims[:, j]) for j in range(sims.shape[1])]
        return per, pick(sims.max(axis=1))
