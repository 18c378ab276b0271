"""In-memory lexical index over normalised claim text (BM25), built for incremental updates.

Layout: a big immutable *base* (CSR posting lists and a CSR forward index in numpy arrays, claims
sorted by id) plus a small *delta* of documents added since (plain dicts), plus an `alive` mask.
Adding a claim is O(its terms); removing one flips a bit; an edit is remove + add. When the delta
or the dead part grows past a fraction of the base, `compact()` folds everything into a new base
from the stored token ids (no re-normalisation, pure numpy).

Retrieval never scans every document: only the posting lists of the query's rarest terms are
read (at most `max_terms`; the matcher uses 32). The rarest terms, up to `full_budget` postings,
collect the candidates in scratch accumulators; the common ones only add to candidates that can
still reach the top k (MaxScore bound, binary search in their sorted posting lists). The class is not thread-safe on its own; `claims.match.Matcher` guards it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from . import nlp as _nlp  # noqa: F401  (BLAS threads pinned before numpy loads)

import numpy as np

LANG_CODES = {"ru": 0, "en": 1}
DENSE_PROBE = 1         # probe a common term by one pass over its posting list when it is shorter than the candidates
LANG_NAMES = {v: k for k, v in LANG_CODES.items()}


def _grow(arr: np.ndarray, need: int) -> np.ndarray:
    if need <= arr.shape[0]:
        return arr
    new = np.zeros(max(need, int(arr.shape[0] * 1.5) + 1024), dtype=arr.dtype)
    new[: arr.shape[0]] = arr
    return new


class LexicalIndex:
    """BM25 over claim + title tokens. Documents are keyed by claim id."""

    def __init__(self, k1: float = 1.2, b: float = 0.75, *, max_terms: int = 16,
                 full_budget: int = 50_000, min_docs: int = 0) -> None:
        self.k1 = k1
        # idf prior: term statistics are computed as if the store held at least `min_docs` claims
        # (the extra ones containing none of its terms), so that one or a few claims do not make
        # every shared word look common (a background of unseen documents; 0 = plain BM25)
        self.min_docs = int(min_docs)
        self.b = b
        self.max_terms = max_terms
        self.full_budget = full_budget          # postings summed in full before switching to probing
        self._vocab: dict[str, int] = {}
        self._terms: list[str] = []
        self._df = np.zeros(0, dtype=np.int32)
        self._reset_docs()

    # ------------------------------------------------------------------ state
    def _reset_docs(self) -> None:
        self._n_base = 0
        self._b_ptr = np.zeros(1, dtype=np.int64)      # per term id < len-1
        self._b_doc = np.zeros(0, dtype=np.int32)
        self._b_w = np.zeros(0, dtype=np.float32)
        self._f_ptr = np.zeros(1, dtype=np.int64)      # per base slot
        self._f_tid = np.zeros(0, dtype=np.int32)
        self._f_clen = np.zeros(0, dtype=np.int32)
        self._slot_claim = np.zeros(0, dtype=np.int64)
        self._alive = np.zeros(0, dtype=bool)
        self._lang = np.zeros(0, dtype=np.uint8)
        self._dl = np.zeros(0, dtype=np.int32)
        self._n_slots = 0
        self._n_alive = 0
        self._sum_dl = 0
        self._delta_docs: dict[int, tuple[np.ndarray, int]] = {}   # slot -> (tids, claim length)
        self._delta_claim: dict[int, int] = {}                     # claim id -> slot
        self._delta_post: dict[int, tuple[list[int], list[float]]] = {}
        self._lang_count = [0, 0]

    def __len__(self) -> int:
        return self._n_alive

    @property
    def delta_size(self) -> int:
        return len(self._delta_docs)

    def lang_counts(self) -> dict[str, int]:
        return {LANG_NAMES[i]: c for i, c in enumerate(self._lang_count)}

    @property
    def avgdl(self) -> float:
        return self._sum_dl / self._n_alive if self._n_alive else 1.0

    # ------------------------------------------------------------------ vocabulary
    def term_id(self, term: str) -> int | None:
        return self._vocab.get(term)

    def term(self, tid: int) -> str:
        return self._terms[tid]

    def df(self, term: str) -> int:
        tid = self._vocab.get(term)
        return int(self._df[tid]) if tid is not None else 0

    @property
    def n_docs(self) -> int:
        """The document count term statistics use: max(live claims, min_docs, 1)."""
        return max(self._n_alive, self.min_docs, 1)

    def idf_tid(self, tid: int) -> float:
        n = self.n_docs
        d = float(self._df[tid]) if tid is not None and tid < self._df.shape[0] else 0.0
        return math.log(1.0 + (n - d + 0.5) / (d + 0.5))

    def idf(self, term: str) -> float:
        tid = self._vocab.get(term)
        if tid is None:
            return math.log(1.0 + (self.n_docs + 0.5) / 0.5)
        return self.idf_tid(tid)

    def _tids_for(self, tokens: Sequence[str]) -> np.ndarray:
        vocab = self._vocab
        new = [t for t in dict.fromkeys(tokens) if t not in vocab]
        if new:
            for t in new:
                vocab[t] = len(self._terms)
                self._terms.append(t)
            self._df = _grow(self._df, len(self._terms))
        return np.fromiter(map(vocab.__getitem__, tokens), dtype=np.int32, count=len(tokens))

    # ------------------------------------------------------------------ bulk build
    def build(self, docs: Iterable[tuple[int, str, str, str]], chunk: int = 50_000) -> None:
        """Replace the contents with `docs`: (claim_id, normalized, title_normalized, lang)."""
        self._reset_docs()
        self._df = np.zeros(len(self._terms), dtype=np.int32)
        ids: list[np.ndarray] = []
        tid_parts: list[np.ndarray] = []
        len_parts: list[np.ndarray] = []
        clen_parts: list[np.ndarray] = []
        lang_parts: list[np.ndarray] = []
        buf: list[tuple[int, str, str, str]] = []

        def flush() -> None:
            if not buf:
                return
            toks: list[str] = []
            lens = np.empty(len(buf), dtype=np.int32)
            clens = np.empty(len(buf), dtype=np.int32)
            langs = np.empty(len(buf), dtype=np.uint8)
            cids = np.empty(len(buf), dtype=np.int64)
            for i, (cid, norm, tnorm, lang) in enumerate(buf):
                c = norm.split() if norm else []
                t = tnorm.split() if tnorm else []
                toks.extend(c)
                toks.extend(t)
                lens[i] = len(c) + len(t)
                clens[i] = len(c)
                langs[i] = LANG_CODES.get(lang, 0)
                cids[i] = cid
            tid_parts.append(self._tids_for(toks))
            len_parts.append(lens)
            clen_parts.append(clens)
            lang_parts.append(langs)
            ids.append(cids)
            buf.clear()

        for d in docs:
            buf.append(d)
            if len(buf) >= chunk:
                flush()
        flush()
        cat = (lambda parts, dt: np.concatenate(parts) if parts else np.zeros(0, dtype=dt))
        self._install_base(cat(ids, np.int64), cat(tid_parts, np.int32), cat(len_parts, np.int32),
                           cat(clen_parts, np.int32), cat(lang_parts, np.uint8))

    def _install_base(self, claim_ids: np.ndarray, tids: np.ndarray, lens: np.ndarray,
                      clens: np.ndarray, langs: np.ndarray) -> None:
        n = int(claim_ids.shape[0])
        ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(lens, out=ptr[1:])
        if n and (np.any(np.diff(claim_ids) <= 0)):
            # sort by claim id (keep the last copy of a duplicated id)
            order = np.lexsort((-np.arange(n), claim_ids))
            keep = np.ones(n, dtype=bool)
            sorted_ids = claim_ids[order]
            keep[1:] = sorted_ids[1:] != sorted_ids[:-1]
            order = order[keep]
            tids, ptr = _ragged_take(ptr, tids, order)
            claim_ids, lens, clens, langs = claim_ids[order], lens[order], clens[order], langs[order]
            n = int(claim_ids.shape[0])
        V = len(self._terms)
        doc_of = np.repeat(np.arange(n, dtype=np.int64), lens)
        key = tids.astype(np.int64) * max(n, 1) + doc_of
        del doc_of
        ukey, tf = np.unique(key, return_counts=True)
        del key
        post_term = (ukey // max(n, 1)).astype(np.int64)
        post_doc = (ukey % max(n, 1)).astype(np.int32)
        del ukey
        counts = np.bincount(post_term, minlength=V)
        b_ptr = np.zeros(V + 1, dtype=np.int64)
        np.cumsum(counts, out=b_ptr[1:])
        df = counts.astype(np.int32)
        sum_dl = int(lens.sum())
        avgdl = sum_dl / n if n else 1.0
        dl = lens.astype(np.float32)
        tf = tf.astype(np.float32)
        w = tf * (self.k1 + 1.0) / (tf + self.k1 * (1.0 - self.b + self.b * dl[post_doc] / avgdl))

        self._n_base = n
        self._b_ptr, self._b_doc, self._b_w = b_ptr, post_doc, w.astype(np.float32)
        self._f_ptr, self._f_tid, self._f_clen = ptr, tids.astype(np.int32), clens.astype(np.int32)
        self._slot_claim = claim_ids.astype(np.int64)
        self._alive = np.ones(n, dtype=bool)
        self._lang = langs.astype(np.uint8)
        self._dl = lens.astype(np.int32)
        self._n_slots = n
        self._n_alive = n
        self._sum_dl = sum_dl
        self._df = df if df.shape[0] >= V else _grow(df, V)
        self._delta_docs = {}
        self._delta_claim = {}
        self._delta_post = {}
        self._lang_count = [int(np.count_nonzero(langs == 0)), int(np.count_nonzero(langs == 1))]

    # ------------------------------------------------------------------ incremental
    def _base_slot(self, claim_id: int) -> int | None:
        if not self._n_base:
            return None
        i = int(np.searchsorted(self._slot_claim[: self._n_base], claim_id))
        if i < self._n_base and self._slot_claim[i] == claim_id and self._alive[i]:
            return i
        return None

    def slot_of(self, claim_id: int) -> int | None:
        s = self._delta_claim.get(claim_id)
        return s if s is not None else self._base_slot(claim_id)

    def __contains__(self, claim_id: int) -> bool:
        return self.slot_of(int(claim_id)) is not None

    def live_ids(self) -> np.ndarray:
        """Sorted int64 array of the claim ids indexed now (live base slots and the delta)."""
        base = self._slot_claim[: self._n_base][self._alive[: self._n_base]]
        if not self._delta_claim:
            return base.copy()
        extra = np.fromiter(self._delta_claim.keys(), dtype=np.int64, count=len(self._delta_claim))
        return np.unique(np.concatenate([base, extra]))

    def add(self, claim_id: int, tokens: Sequence[str], title_tokens: Sequence[str] = (),
            lang: str = "ru") -> None:
        claim_id = int(claim_id)
        self.remove(claim_id)
        all_toks = list(tokens) + list(title_tokens)
        tids = self._tids_for(all_toks)
        slot = self._n_slots
        self._n_slots += 1
        need = self._n_slots
        self._slot_claim = _grow(self._slot_claim, need)
        self._alive = _grow(self._alive, need)
        self._lang = _grow(self._lang, need)
        self._dl = _grow(self._dl, need)
        self._slot_claim[slot] = claim_id
        self._alive[slot] = True
        code = LANG_CODES.get(lang, 0)
        self._lang[slot] = code
        self._lang_count[code] += 1
        dl = len(all_toks)
        self._dl[slot] = dl
        self._delta_docs[slot] = (tids, len(tokens))
        self._delta_claim[claim_id] = slot
        self._n_alive += 1
        self._sum_dl += dl
        if dl:
            uniq, tf = np.unique(tids, return_counts=True)
            self._df[uniq] += 1
            avgdl = self.avgdl
            norm = self.k1 * (1.0 - self.b + self.b * dl / avgdl)
            for t, f in zip(uniq.tolist(), tf.tolist()):
                lst = self._delta_post.get(t)
                if lst is None:
                    lst = self._delta_post[t] = ([], [])
                lst[0].append(slot)
                lst[1].append(f * (self.k1 + 1.0) / (f + norm))

    def remove(self, claim_id: int) -> bool:
        claim_id = int(claim_id)
        slot = self._delta_claim.pop(claim_id, None)
        if slot is None:
            slot = self._base_slot(claim_id)
            if slot is None:
                return False
        tids = self._slot_tids(slot)
        self._alive[slot] = False
        self._n_alive -= 1
        self._sum_dl -= int(self._dl[slot])
        self._lang_count[int(self._lang[slot])] -= 1
        if tids.shape[0]:
            self._df[np.unique(tids)] -= 1
        if slot >= self._n_base:
            # delta postings: drop lazily (dead slots are filtered by `alive`), free the doc
            self._delta_docs.pop(slot, None)
            self._delta_dead = getattr(self, "_delta_dead", 0) + 1
        return True

    def needs_compaction(self) -> bool:
        dead = self._n_slots - self._n_alive
        return (len(self._delta_docs) > max(20_000, self._n_base // 10)
                or dead > max(20_000, self._n_base // 5))

    def compact(self) -> None:
        """Fold the delta into a new base and drop removed documents (no re-normalisation)."""
        slots = np.flatnonzero(self._alive[: self._n_slots])
        if slots.shape[0] == 0:
            self._reset_docs()
            self._df[:] = 0
            return
        base_slots = slots[slots < self._n_base]
        delta_slots = slots[slots >= self._n_base]
        tids_b, ptr_b = _ragged_take(self._f_ptr, self._f_tid, base_slots)
        parts = [tids_b] + [self._delta_docs[int(s)][0] for s in delta_slots]
        lens = np.concatenate([np.diff(ptr_b)] + [np.array([self._delta_docs[int(s)][0].shape[0]], dtype=np.int64)
                                                  for s in delta_slots]).astype(np.int32)
        clens = np.concatenate([self._f_clen[base_slots]] +
                               [np.array([self._delta_docs[int(s)][1]], dtype=np.int32) for s in delta_slots])
        tids = np.concatenate(parts).astype(np.int32)
        claim_ids = self._slot_claim[slots]
        langs = self._lang[slots]
        self._install_base(claim_ids, tids, lens, clens, langs)
        self._delta_dead = 0

    # ------------------------------------------------------------------ documents
    def _slot_tids(self, slot: int) -> np.ndarray:
        if slot < self._n_base:
            return self._f_tid[self._f_ptr[slot]: self._f_ptr[slot + 1]]
        d = self._delta_docs.get(slot)
        return d[0] if d is not None else np.zeros(0, dtype=np.int32)

    def doc_tokens(self, slot: int) -> tuple[list[str], list[str]]:
        """(claim tokens, title tokens) of a slot, in their stored order."""
        if slot < self._n_base:
            tids = self._f_tid[self._f_ptr[slot]: self._f_ptr[slot + 1]]
            clen = int(self._f_clen[slot])
        else:
            d = self._delta_docs.get(slot)
            if d is None:
                return [], []
            tids, clen = d
        terms = self._terms
        toks = [terms[t] for t in tids.tolist()]
        return toks[:clen], toks[clen:]

    def claim_id(self, slot: int) -> int:
        return int(self._slot_claim[slot])

    def lang_of(self, slot: int) -> str:
        return LANG_NAMES.get(int(self._lang[slot]), "ru")

    def claim_ids(self) -> np.ndarray:
        return self._slot_claim[: self._n_slots][self._alive[: self._n_slots]]

    # ------------------------------------------------------------------ search
    def _postings(self, tid: int) -> tuple[np.ndarray, np.ndarray]:
        if tid < self._b_ptr.shape[0] - 1:
            a, b = self._b_ptr[tid], self._b_ptr[tid + 1]
            docs, w = self._b_doc[a:b], self._b_w[a:b]
        else:
            docs, w = self._b_doc[:0], self._b_w[:0]
        d = self._delta_post.get(tid)
        if d:
            docs = np.concatenate([docs, np.asarray(d[0], dtype=np.int32)])
            w = np.concatenate([w, np.asarray(d[1], dtype=np.float32)])
        return docs, w

    def _postings_len(self, tid: int) -> int:
        n = 0
        if tid < self._b_ptr.shape[0] - 1:
            n = int(self._b_ptr[tid + 1] - self._b_ptr[tid])
        d = self._delta_post.get(tid)
        return n + (len(d[0]) if d else 0)

    def select_terms(self, tids: Iterable[int], max_terms: int | None = None) -> list[int]:
        """The query's rarest indexed terms (deterministic order: df, then term id)."""
        uniq = [t for t in dict.fromkeys(tids) if t is not None and 0 <= t < self._df.shape[0] and self._df[t] > 0]
        uniq.sort(key=lambda t: (int(self._df[t]), t))
        return uniq[: (max_terms or self.max_terms)]

    def search(self, tids: Iterable[int], k: int = 50, *, max_terms: int | None = None,
               weights: dict[int, float] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Top-k (slots, BM25 scores), best first; ties broken by claim id."""
        terms = self.select_terms(tids, max_terms)
        if not terms or not self._n_alive:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        full: list[int] = []
        probe: list[int] = []
        total = 0
        for t in terms:
            c = self._postings_len(t)
            if not full or total + c <= self.full_budget:
                full.append(t)
                total += c
            else:
                probe.append(t)
        # 1) rare terms: accumulate every posting in scratch arrays (no sort, no full scan)
        acc, mark = self._scratch()
        cand_parts = []
        for t in full:
            d, w = self._postings(t)
            wt = self.idf_tid(t) * (weights.get(t, 1.0) if weights else 1.0)
            fresh = d[mark[d] == 0]
            mark[fresh] = 1
            cand_parts.append(fresh)
            acc[d] += w * np.float32(wt)          # a term's postings hold each document once
        cands = np.concatenate(cand_parts) if len(cand_parts) > 1 else cand_parts[0]
        scores = acc[cands].astype(np.float64)
        acc[cands] = 0.0
        mark[cands] = 0
        live = self._alive[cands]
        cands, scores = cands[live], scores[live]
        # 2) common terms only add to documents that can still reach the top k (MaxScore bound:
        #    a posting weighs less than idf·(k1+1))
        bounds = [self.idf_tid(t) * (weights.get(t, 1.0) if weights else 1.0) * (self.k1 + 1.0) for t in probe]
        remaining = float(sum(bounds))
        for t, ub in zip(probe, bounds):
            if not cands.shape[0]:
                break
            # (the partial sort only when some candidate could fall behind: kth ≤ the best score)
            if cands.shape[0] > k and float(scores.min()) + remaining < float(scores.max()):
                kth = np.partition(scores, cands.shape[0] - k)[cands.shape[0] - k]
                keep = scores + remaining >= kth
                if not keep.all():
                    cands, scores = cands[keep], scores[keep]
            remaining -= ub
            d, w = self._postings(t)
            wt = ub / (self.k1 + 1.0)
            if cands.shape[0] * DENSE_PROBE > d.shape[0]:
                # many candidates for this list: one pass over the list through a slot → candidate
                # position map (the same sums as the binary search below, without its cache misses)
                pos = self._positions()
                pos[cands] = np.arange(1, cands.shape[0] + 1, dtype=np.int32)
                at = pos[d]
                sel = np.flatnonzero(at)
                scores[at[sel] - 1] += w[sel].astype(np.float64) * wt
                pos[cands] = 0
                continue
            nb = self._b_len(t)
            base_d, base_w = d[:nb], w[:nb]
            if nb:
                pos = np.searchsorted(base_d, cands)
                posc = np.minimum(pos, nb - 1)
                hit = base_d[posc] == cands
                scores = scores + np.where(hit, base_w[posc].astype(np.float64) * wt, 0.0)
            if d.shape[0] > nb:
                extra = dict(zip(d[nb:].tolist(), w[nb:].tolist()))
                big = cands >= self._n_base
                if big.any():
                    add = np.array([extra.get(int(s), 0.0) for s in cands[big]], dtype=np.float64) * wt
                    scores[big] += add
        return self._top(cands, scores, k)

    def _scratch(self) -> tuple[np.ndarray, np.ndarray]:
        """Per-slot accumulators, all zero between searches (callers hold the matcher lock)."""
        acc = getattr(self, "_acc", None)
        if acc is None or acc.shape[0] < self._n_slots:
            size = max(self._n_slots + 1024, int(self._n_slots * 1.25))
            self._acc = np.zeros(size, dtype=np.float32)
            self._mark = np.zeros(size, dtype=np.uint8)
        return self._acc, self._mark

    def _positions(self) -> np.ndarray:
        """Per-slot int32 scratch (all zero between uses): a candidate's position + 1 while probing."""
        pos = getattr(self, "_pos", None)
        if pos is None or pos.shape[0] < self._n_slots:
            pos = self._pos = np.zeros(max(self._n_slots + 1024, int(self._n_slots * 1.25)), dtype=np.int32)
        return pos

    def _top(self, cands: np.ndarray, scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        if cands.shape[0] == 0:
            return cands.astype(np.int64), scores
        if cands.shape[0] > k:
            kth = np.partition(scores, cands.shape[0] - k)[cands.shape[0] - k]
            sel = scores >= kth
            cands, scores = cands[sel], scores[sel]
        order = np.lexsort((self._slot_claim[cands], -scores))[:k]
        return cands[order].astype(np.int64), scores[order]

    def _b_len(self, t: int) -> int:
        return int(self._b_ptr[t + 1] - self._b_ptr[t]) if t < self._b_ptr.shape[0] - 1 else 0

    # ------------------------------------------------------------------ sizes
    def memory_bytes(self) -> int:
        """Approximate bytes held by the index (numpy arrays + vocabulary + delta)."""
        import sys

        arrays = (self._b_ptr, self._b_doc, self._b_w, self._f_ptr, self._f_tid, self._f_clen,
                  self._slot_claim, self._alive, self._lang, self._dl, self._df)
        total = sum(a.nbytes for a in arrays)
        total += sys.getsizeof(self._vocab) + sys.getsizeof(self._terms)
        total += sum(sys.getsizeof(t) for t in self._terms)
        total += sys.getsizeof(self._delta_docs) + sum(v[0].nbytes + 64 for v in self._delta_docs.values())
        total += sys.getsizeof(self._delta_post) + sum(
            sys.getsizeof(v[0]) + sys.getsizeof(v[1]) + 56 * len(v[0]) for v in self._delta_post.values())
        total += sys.getsizeof(self._delta_claim)
        return int(total)


def _ragged_take(ptr: np.ndarray, data: np.ndarray, order: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows `order` of a CSR-like ragged array → (data, ptr)."""
    order = np.asarray(order, dtype=np.int64)
    starts = ptr[order]
    lens = ptr[order + 1] - starts
    new_ptr = np.zeros(order.shape[0] + 1, dtype=np.int64)
    np.cumsum(lens, out=new_ptr[1:])
    total = int(new_ptr[-1])
    if total == 0:
        return data[:0].copy(), new_ptr
    offs = np.arange(total, dtype=np.int64) - np.repeat(new_ptr[:-1], lens) + np.repeat(starts, lens)
    return data[offs], new_ptr
