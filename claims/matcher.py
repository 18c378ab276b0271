"""Match incoming messages against stored claims.

Pipeline for one message:
1. `claims.normalize.analyze` cleans and normalises it (lemmas, aliases, transliteration, numbers);
   a mostly-Latin message is also read as transliterated Russian when the store holds Russian
   claims. Who the message names as its source (an embedded tweet's author, @handles split into
   words) is added as extra query words.
2. Unknown Russian words are corrected against the index vocabulary and the alias variants (edit
   distance 1, or 2 for long words): typos and transliteration near-misses (пхенян → кндр);
   run-together words are split into known terms (#shameonoreos → shame, oreo).
3. `claims.index.LexicalIndex` returns the BM25 top candidates from the 32 rarest query terms
   (never a scan of every claim).
4. Each candidate gets ~30 features (idf-weighted coverage of the claim by the message and of the
   message by the claim, exact, prefix-5 and via Russian word vectors; bigrams; character n-grams;
   entities and numbers on both sides, names / numbers with no counterpart, verb agreement;
   rapidfuzz ratio / token_sort_ratio / partial_ratio on the normalised strings — length-aware
   ones, never WRatio or token_set alone; BM25 relative to the best candidate) and a logistic
   model per claim language fuses them into a 0-100 score, a fitted P(message states this claim).
   Weights: `bench/fit_fusion.py --write`, fitted on CheckThat! 2A train+dev (English),
   ParaPhraser train (Russian) and the dev split of tests/data/seed_ru.json; never on a test set.
   Russian claims at least twice as long as the message (or wholly found in it) also get a
   containment score (how much of the message the claim explains); the higher of the two counts.
5. Decision against the Settings thresholds (fitted the same way, see claims/settings.py), and
   contradiction flags (negation, numbers, agent/object swap) that keep a candidate from being
   presented as the same claim: such a hit is at most "related", with `contradicts=True`.

The matcher holds no database session; `refresh(session)` is given one. One re-entrant lock guards
the index: mutations and the retrieval step of a query take it; features are computed outside it.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from . import nlp as _nlp  # noqa: F401  (pins BLAS threads before numpy)
from .index import LexicalIndex
from .normalize import (
    EN_STOP,
    NEGATIONS,
    RU_STOP,
    AliasTable,
    Token,
    analyze,
    attribution,
    default_aliases,
    detect_language,
    load_aliases,
    normalize,
    token_kind,
    word_norm,
)

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

log = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 8_000      # a Telegram post is at most 4096; longer input is cut
MAX_QUERY_TOKENS = 256          # tokens of a message used for retrieval and features
CANDIDATES = 12                 # BM25 candidates re-ranked per query variant (10-40 measured equal)
MAX_TERMS = 32                  # rarest query terms whose posting lists are read
REFRESH_WINDOW = 200            # change ids below the newest that are re-read (out-of-order commits)
GAP_TTL_SECONDS = 600.0         # how long a missing change id is waited for
CONTAIN_LONGER = 2.0            # containment scores a claim only if it has ≥ 2× the message's words
                                # (a message restating one clause of a long claim, not a sibling
                                # headline), or if every claim word is in the message too


@dataclass
class MatchHit:
    claim_id: int
    score: float          # 0..100, rounded to 1 decimal
    relation: str         # "match" | "related" | "none"
    contradicts: bool
    reasons: list[str] = field(default_factory=list)   # e.g. ["negation"], ["number"], ["roles"]


# ------------------------------------------------------------------------------------------
# Fusion model. Feature order matters; weights come from bench/fit_fusion.py (see RESULTS.md).

# BEGIN FITTED (written by bench/fit_fusion.py --write; do not edit by hand)
# logistic regression per claim language, L2 1e-05; see bench/fit_fusion.py for the data
FEATURES = (
    "bigram_c", "bigram_d_idf", "bm25_frac", "char3", "char3_c", "char4", "char4_c", "cov_c",
    "cov_c5", "cov_d", "cov_q", "cov_q5", "cov_t", "emb_cos", "ent_c", "ent_clash", "ent_miss_both",
    "ent_miss_d", "ent_miss_q", "ent_q", "mass", "max_idf", "miss_c", "miss_q", "n_matched",
    "num_match", "partial", "ratio", "rel_bm25", "short_doc", "soft_c", "soft_q", "title_partial",
    "title_sort", "token_sort", "verb_d", "verb_q",
)
FUSION = {
    "en": {"bias": -26.2823, "w": (
        -2.1524, -0.6936, -0.6332, 4.4375, -1.3747, 2.4971, -1.7170, 0.0431, 3.6309, -5.7914,
        0.6717, 0.7186, 3.8758, 0.0000, -0.1030, -0.3476, 0.3497, 0.0131, 0.3275, 0.6071,
        4.3259, 4.6586, 0.0974, 1.9010, 1.0711, 0.9142, 1.8892, 1.5784, 12.5549, -3.9979,
        0.0431, 0.6717, 1.2361, 3.0967, -1.5208, -0.0000, -0.0000,
    )},
    "ru": {"bias": -16.9819, "w": (
        -1.8990, -0.1110, 4.3086, 2.8040, 1.2590, -0.4982, -1.6946, -1.6199, 4.0627, -1.6199,
        -7.3890, 2.1570, 0.0000, 0.4441, -0.0545, -0.8704, -0.2189, -0.9190, -0.9801, -0.3620,
        4.0674, 5.3756, 0.5146, 0.9054, 4.9160, 1.2565, 0.4784, 0.8438, 2.7712, 3.4804,
        0.6848, 1.2316, 0.4784, 0.0179, 0.0179, -0.1751, 0.3167,
    )},
}
# containment model (max with the fused score; Russian only), sign-constrained
CONTAIN_FEATURES = ("k_cov", "k_ents", "k_miss", "k_miss_ent", "k_n")
CONTAIN = {
    "ru": {"bias": -7.3360, "w": (5.1882, 0.8011, -0.2161, -0.8820, 3.0364,)},
}
# END FITTED


def _bigrams(seq: Sequence[str]) -> set[tuple[str, str]]:
    return {(seq[i], seq[i + 1]) for i in range(len(seq) - 1)}


def _prefix(t: str) -> str:
    return t[:5] if len(t) > 5 and not t[0].isdigit() else t


class _Embeddings:
    """Russian word vectors (navec news embedding shipped inside the natasha wheel; nothing is
    downloaded). Used only for soft coverage between Russian lemmas (нарастить ~ увеличить)."""

    def __init__(self) -> None:
        self._emb = None
        self._failed = False
        self._cache: dict[str, np.ndarray | None] = {}
        self._lock = threading.Lock()

    def _load(self):
        if self._emb is None and not self._failed:
            with self._lock:
                if self._emb is None and not self._failed:
                    try:
                        from natasha import NewsEmbedding

                        self._emb = NewsEmbedding()
                    except Exception:  # pragma: no cover - natasha is a dependency
                        log.warning("navec embedding unavailable; soft coverage disabled")
                        self._failed = True
        return self._emb

    def vector(self, term: str) -> np.ndarray | None:
        v = self._cache.get(term, False)
        if v is not False:
            return v
        emb = self._load()
        v = None
        if emb is not None and term in emb:
            raw = np.asarray(emb[term], dtype=np.float32)
            n = float(np.linalg.norm(raw))
            v = raw / n if n > 0 else None
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[term] = v
        return v

    def matrix(self, terms: Sequence[str]) -> tuple[list[str], np.ndarray | None]:
        kept, vecs = [], []
        for t in terms:
            v = self.vector(t)
            if v is not None:
                kept.append(t)
                vecs.append(v)
        return kept, (np.stack(vecs) if vecs else None)


EMBEDDINGS = _Embeddings()


def _grams(terms, n: int) -> set[str]:
    out: set[str] = set()
    for t in terms:
        p = f" {t} "
        out.update(p[i:i + n] for i in range(len(p) - n + 1))
    return out


def _soft_cov(src: list[str], src_m, dst_m, w, exact: set[str]) -> float:
    """idf-weighted mean over src terms of the best cosine to any dst term (exact matches = 1)."""
    if src_m is None or dst_m is None:
        return 0.0
    best = np.max(src_m @ dst_m.T, axis=1)
    num = den = 0.0
    for t, b in zip(src, best.tolist()):
        wt = w.get(t, 1.0)
        num += wt * (1.0 if t in exact else max(0.0, b))
        den += wt
    return num / den if den else 0.0


class _TermInfo:
    """Per-term data the features need, computed once per process (terms repeat a lot)."""

    __slots__ = ("prefix", "g3", "g4", "is_ent", "is_num", "is_verb")

    def __init__(self, t: str) -> None:
        self.prefix = _prefix(t)
        p = f" {t} "
        self.g3 = frozenset(p[i:i + 3] for i in range(len(p) - 2))
        self.g4 = frozenset(p[i:i + 4] for i in range(len(p) - 3))
        self.is_num = t[:1].isdigit()
        kind = token_kind(t)[0] if not self.is_num else "num"
        self.is_ent = kind == "ent"
        self.is_verb = kind == "verb"


_TERM_INFO: dict[str, _TermInfo] = {}


def _info(t: str) -> _TermInfo:
    ti = _TERM_INFO.get(t)
    if ti is None:
        if len(_TERM_INFO) > 500_000:
            _TERM_INFO.clear()
        ti = _TERM_INFO[t] = _TermInfo(t)
    return ti


class _QView:
    """The message side of the features, computed once per query."""

    def __init__(self, q_norms: Sequence[str], lang: str) -> None:
        self.norms = list(q_norms)
        self.Q = set(q_norms)
        infos = [_info(t) for t in self.Q]
        self.info = dict(zip(self.Q, infos))
        self.prefixes = {i.prefix for i in infos}
        self.g3 = frozenset().union(*(i.g3 for i in infos)) if infos else frozenset()
        self.g4 = frozenset().union(*(i.g4 for i in infos)) if infos else frozenset()
        self.ents = {t for t, i in self.info.items() if i.is_ent}
        self.ent_prefixes = {self.info[t].prefix for t in self.ents}
        self.nums = {t for t, i in self.info.items() if i.is_num}
        self.bigrams = _bigrams(self.norms)
        self.string = " ".join(self.norms)
        self.lang = lang
        self._emb = None

    def emb(self):
        if self._emb is None:
            self._emb = EMBEDDINGS.matrix(sorted(self.Q))
        return self._emb


def all_features(q_norms, c_norms: Sequence[str], t_norms: Sequence[str],
                 idf, bm25: float, top_bm25: float, log_n: float = 10.0,
                 lang: str = "ru") -> dict[str, float]:
    """Every candidate feature of (message, claim), each roughly in [0, 1]. `q_norms` may be a
    prepared `_QView` (the matcher builds one per query)."""
    qv = q_norms if isinstance(q_norms, _QView) else _QView(q_norms, lang)
    Q = qv.Q
    C = set(c_norms)
    T = set(t_norms)
    D = C | T
    if not Q or not D:
        return {}
    w = {t: idf(t) for t in Q | D}
    wq = sum(w[t] for t in Q) or 1.0
    wc = sum(w[t] for t in C) or 1.0
    wt = sum(w[t] for t in T) or 1.0
    wd = sum(w[t] for t in D) or 1.0
    DQ = D & Q
    dinfo = {t: _info(t) for t in D}
    f: dict[str, float] = {}
    f["cov_c"] = sum(w[t] for t in C & Q) / wc if C else 0.0
    f["cov_q"] = sum(w[t] for t in DQ) / wq
    f["cov_t"] = sum(w[t] for t in T & Q) / wt if T else 0.0
    f["cov_d"] = sum(w[t] for t in DQ) / wd
    qp = qv.prefixes
    dp = {i.prefix for i in dinfo.values()}
    f["cov_c5"] = sum(w[t] for t in C if dinfo[t].prefix in qp) / wc if C else 0.0
    f["cov_q5"] = sum(w[t] for t, i in qv.info.items() if i.prefix in dp) / wq
    cb = _bigrams(c_norms)
    qb = qv.bigrams
    f["bigram_c"] = len(cb & qb) / len(cb) if cb else f["cov_c"]
    db = cb | _bigrams(t_norms) if T else cb
    if db:
        bw = {bg: w.get(bg[0], 0.0) + w.get(bg[1], 0.0) for bg in db}
        f["bigram_d_idf"] = sum(v for bg, v in bw.items() if bg in qb) / (sum(bw.values()) or 1.0)
    else:
        f["bigram_d_idf"] = f["cov_d"]
    qs = qv.string
    cs = " ".join(c_norms) if c_norms else " ".join(t_norms)
    f["ratio"] = fuzz.ratio(qs, cs) / 100.0
    f["token_sort"] = fuzz.token_sort_ratio(qs, cs) / 100.0
    f["partial"] = fuzz.partial_ratio(qs, cs) / 100.0
    if t_norms:
        ts = " ".join(t_norms)
        f["title_sort"] = fuzz.token_sort_ratio(qs, ts) / 100.0
        f["title_partial"] = fuzz.partial_ratio(qs, ts) / 100.0
    else:
        f["title_sort"] = f["token_sort"]
        f["title_partial"] = f["partial"]
    matched_mass = sum(w[t] for t in DQ)
    x = matched_mass / max(log_n, 1.0)      # matched "rare-term equivalents", collection-size free
    f["mass"] = x / (x + 2.0)
    f["rel_bm25"] = bm25 / top_bm25 if top_bm25 > 0 else 0.0
    f["bm25_frac"] = min(1.0, bm25 / wq)
    f["short_doc"] = 1.0 / (1.0 + len(C))
    f["max_idf"] = max((w[t] for t in DQ), default=0.0) / max(log_n, 1.0)
    f["n_matched"] = len(DQ) / (len(DQ) + 3.0)
    # character n-grams of the lemmas (derivation: москвич ~ москва, оппозиционер ~ оппозиция)
    d3 = frozenset().union(*(i.g3 for i in dinfo.values()))
    d4 = frozenset().union(*(i.g4 for i in dinfo.values()))
    c3 = frozenset().union(*(dinfo[t].g3 for t in C)) if T else d3
    c4 = frozenset().union(*(dinfo[t].g4 for t in C)) if T else d4
    for n, a, b, bc in ((3, qv.g3, d3, c3), (4, qv.g4, d4, c4)):
        f[f"char{n}"] = 2.0 * len(a & b) / (len(a) + len(b)) if a and b else 0.0
        f[f"char{n}_c"] = len(a & bc) / len(bc) if bc else 0.0
    # entities (names, places, organisations, alias canonicals) and numbers on both sides
    qe = qv.ents
    de = {t for t, i in dinfo.items() if i.is_ent}
    f["ent_q"] = (sum(1 for t in qe if qv.info[t].prefix in dp) / len(qe)) if qe else 1.0
    f["ent_c"] = (sum(1 for t in de if dinfo[t].prefix in qp) / len(de)) if de else 1.0
    f["ent_clash"] = 1.0 if qe and de and not (qv.ent_prefixes & {dinfo[t].prefix for t in de}) else 0.0
    qn = qv.nums
    dn = {t for t, i in dinfo.items() if i.is_num}
    f["num_match"] = (1.0 if qn & dn else 0.0) if qn and dn else 0.5
    un_q = [w[t] for t, i in qv.info.items() if i.prefix not in dp]
    un_c = [w[t] for t in C if dinfo[t].prefix not in qp]
    f["miss_q"] = max(un_q, default=0.0) / max(log_n, 1.0)
    f["miss_c"] = max(un_c, default=0.0) / max(log_n, 1.0)
    if lang == "ru":
        cl = sorted(C)
        ck, cm = EMBEDDINGS.matrix(cl)
        qk, qm = qv.emb()
        f["soft_c"] = _soft_cov(ck, cm, qm, w, Q) if ck else f["cov_c"]
        f["soft_q"] = _soft_cov(qk, qm, cm, w, C) if qk else f["cov_q"]
        if cm is not None and qm is not None:
            cw = np.asarray([w.get(t, 1.0) for t in ck], dtype=np.float32)
            qw = np.asarray([w.get(t, 1.0) for t in qk], dtype=np.float32)
            a = cw @ cm
            b = qw @ qm
            na, nb = float(np.linalg.norm(a)), float(np.linalg.norm(b))
            f["emb_cos"] = max(0.0, float(a @ b) / (na * nb)) if na > 0 and nb > 0 else 0.0
        else:
            f["emb_cos"] = 0.0
    else:
        f["soft_c"], f["soft_q"], f["emb_cos"] = f["cov_c"], f["cov_q"], 0.0
    _predicates(f, qv, dinfo, w, lang)
    _containment(f, qv, dp, dinfo, w, log_n, lang, C)
    return f


def _soft_hits(src: list[str], dst: list[str], lang: str) -> float:
    """Mean over src terms of the best similarity to a dst term: 1 for the same 5-letter prefix,
    else (Russian) the word-vector cosine, clipped to [0, 1]."""
    if not src:
        return 1.0
    if not dst:
        return 0.0
    dp = {_info(t).prefix for t in dst}
    total = 0.0
    rest = []
    for t in src:
        if _info(t).prefix in dp:
            total += 1.0
        else:
            rest.append(t)
    if rest and lang == "ru":
        sk, sm = EMBEDDINGS.matrix(rest)
        dk, dm = EMBEDDINGS.matrix(dst)
        if sm is not None and dm is not None:
            total += float(np.clip(np.max(sm @ dm.T, axis=1), 0.0, 1.0).sum())
    return total / len(src)


def _predicates(f: dict, qv: "_QView", dinfo: dict, w: dict, lang: str) -> None:
    """Predicate and entity agreement: do the verbs of one side have a counterpart among the verbs
    of the other (same stem or a close word vector), and how many names / numbers of either side
    have no counterpart at all (another country or person in an otherwise identical headline)."""
    qverbs = sorted(t for t, i in qv.info.items() if i.is_verb)
    dverbs = sorted(t for t, i in dinfo.items() if i.is_verb)
    f["verb_q"] = _soft_hits(qverbs, dverbs, lang)
    f["verb_d"] = _soft_hits(dverbs, qverbs, lang)
    qp = qv.prefixes
    dp = {i.prefix for i in dinfo.values()}
    miss_q = sum(1 for t, i in qv.info.items() if (i.is_ent or i.is_num) and i.prefix not in dp)
    miss_d = sum(1 for t, i in dinfo.items() if (i.is_ent or i.is_num) and i.prefix not in qp)
    f["ent_miss_q"] = miss_q / (miss_q + 1.0)
    f["ent_miss_d"] = miss_d / (miss_d + 1.0)
    f["ent_miss_both"] = 1.0 if miss_q and miss_d else 0.0


def _containment(f: dict, qv: "_QView", dp: set[str], dinfo: dict, w: dict, log_n: float,
                 lang: str, C: set[str]) -> None:
    """Asymmetric features for the containment score (`k_*`, not used by the fusion): how much of
    the MESSAGE the claim explains. A message usually restates one clause of a longer extracted
    claim, so claim coverage says little; what matters is that every content word of the message
    is found in the claim (exact, 5-letter prefix, or a close Russian word vector), and that no name
    or number of the message is missing. Term weights are idf capped at the idf of a term seen in one
    claim, so that words no claim uses (common in a small store) do not dominate."""
    n_docs = max(math.exp(log_n) - 1.0, 1.0)
    cap = math.log(1.0 + max(n_docs - 0.5, 0.5) / 1.5) or 1.0
    terms = list(qv.info.items())
    credit = {t: 1.0 for t, i in terms if i.prefix in dp}
    if lang == "ru" and len(credit) < len(terms):
        qk, qm = qv.emb()
        ck, cm = EMBEDDINGS.matrix(sorted(C))
        if qk and ck and qm is not None and cm is not None:
            best = np.max(qm @ cm.T, axis=1)
            for t, b in zip(qk, best.tolist()):
                if t not in credit and not qv.info[t].is_ent and not qv.info[t].is_num:
                    credit[t] = min(1.0, max(0.0, (b - 0.25) / 0.35))
    num = den = n = 0.0
    miss = miss_ent = 0.0
    ents = 0
    for t, i in terms:
        kw = min(w.get(t, cap), cap) / cap
        if i.is_ent or i.is_num:
            kw *= 1.5
        c = credit.get(t, 0.0)
        num += kw * c
        den += kw
        n += c
        if c >= 0.5 and (i.is_ent or i.is_num):
            ents += 1
        if c < 0.5:
            if i.is_ent or i.is_num:
                miss_ent = 1.0
            else:
                miss = max(miss, kw)
    f["k_cov"] = num / den if den else 0.0
    f["k_n"] = min(n, 6.0) / 6.0
    f["k_miss"] = miss
    f["k_miss_ent"] = miss_ent
    f["k_ents"] = min(ents, 3) / 3.0
    found = sum(1 for c in credit.values() if c >= 0.5)
    f["k_gate"] = 1.0 if found >= 3 else 0.0
    qp = qv.prefixes
    f["k_long"] = 1.0 if (len(C) >= CONTAIN_LONGER * len(terms)
                          or all(dinfo[t].prefix in qp for t in C)) else 0.0


def contain_score(fd: dict, lang: str, model: dict | None = None) -> float:
    """0-100: fitted P(message states this claim) from the containment features alone; 0 when fewer
    than three message words are found in the claim (keyword queries never match this way) or the
    claim is neither at least CONTAIN_LONGER times as long as the message nor wholly found in it
    (for texts of similar length the symmetric fused score is the better judge: on ParaPhraser
    train, 2-fold CV, containment on every pair ranks worse; but a verbatim repeat must match even
    in a store of three claims, where the idf-based fused features are weak). `model` defaults to
    the fitted CONTAIN (bench/fit_fusion.py passes the one it is fitting)."""
    model = model if model is not None else CONTAIN.get(lang)
    if not model or not fd.get("k_gate") or not fd.get("k_long"):
        return 0.0
    z = model["bias"] + sum(a * fd.get(n, 0.0) for a, n in zip(model["w"], CONTAIN_FEATURES))
    z = max(-30.0, min(30.0, z))
    return 100.0 / (1.0 + math.exp(-z))


def score_of(fd: dict, lang: str) -> float:
    """The candidate's score: the fused (symmetric) probability or the containment probability,
    whichever is higher — a message restating part of a long claim scores by containment."""
    f = [fd.get(name, 0.0) for name in FEATURES]
    return max(fuse(f, lang), contain_score(fd, lang))


def pair_features(q_norms: Sequence[str], c_norms: Sequence[str], t_norms: Sequence[str],
                  idf, bm25: float, top_bm25: float, log_n: float = 10.0, lang: str = "ru") -> list[float]:
    """The model's features of (message, claim), in FEATURES order."""
    f = all_features(q_norms, c_norms, t_norms, idf, bm25, top_bm25, log_n, lang)
    return [f.get(name, 0.0) for name in FEATURES]


def fuse(features: Sequence[float], lang: str) -> float:
    model = FUSION.get(lang) or FUSION["ru"]
    z = model["bias"] + sum(a * b for a, b in zip(model["w"], features))
    z = max(-30.0, min(30.0, z))
    return 100.0 / (1.0 + math.exp(-z))


# ------------------------------------------------------------------------------------------
# Contradiction heuristics

_YEAR = range(1900, 2101)


def _negated(seq: Sequence[tuple[str, str]]) -> set[str]:
    out: set[str] = set()
    for i, (n, k) in enumerate(seq):
        if k == "neg" or n in NEGATIONS:
            for j in (i + 1, i + 2):
                if j < len(seq) and seq[j][1] != "neg" and seq[j][0] not in NEGATIONS:
                    out.add(seq[j][0])
                    break
            if n in ("нет", "no", "none") and i > 0 and seq[i - 1][0] not in NEGATIONS:
                out.add(seq[i - 1][0])
    return out


def _num_classes(nums: Iterable[str]) -> tuple[set[str], set[str]]:
    years, other = set(), set()
    for n in nums:
        try:
            v = float(n)
        except ValueError:
            continue
        (years if v.is_integer() and int(v) in _YEAR else other).add(n)
    return years, other


def contradiction_reasons(q_tokens: Sequence[Token], c_norms: Sequence[str], lang: str = "ru") -> list[str]:
    """Why a message that resembles a claim may state something else: negation, number, roles."""
    reasons: list[str] = []
    c_info = [(n, *token_kind(n)) for n in c_norms]
    q_seq = [(t.norm, t.kind) for t in q_tokens]
    c_seq = [(n, k) for n, k, _ in c_info]
    q_set = {n for n, _ in q_seq}
    c_set = set(c_norms)
    shared = (q_set & c_set) - NEGATIONS

    # negation: a shared word negated on one side only, or a negated verb on one side only
    qneg, cneg = _negated(q_seq), _negated(c_seq)
    q_has_neg = any(k == "neg" for _, k in q_seq)
    c_has_neg = any(k == "neg" for _, k in c_seq)
    neg = any((t in qneg) != (t in cneg) for t in shared)
    if not neg and q_has_neg != c_has_neg:
        negs = qneg if q_has_neg else cneg
        kinds = {n: k for n, k in (q_seq if q_has_neg else c_seq)}
        neg = any(kinds.get(t) == "verb" for t in negs)
    if neg:
        reasons.append("negation")

    # numbers: a number of the claim is missing and the message has another one of the same kind
    qy, qo = _num_classes(n for n, k in q_seq if k == "num")
    cy, co = _num_classes(n for n, k in c_seq if k == "num")
    if (co - qo and qo - co) or (cy - qy and qy - cy):
        reasons.append("number")

    # roles: who did what (Russian word order + case; sides come from the alias groups)
    if shared and _roles_swapped(q_tokens, c_info, shared):
        reasons.append("roles")
    return reasons


def _roles_swapped(q_tokens: Sequence[Token], c_info: Sequence[tuple[str, str, str | None]], shared: set[str]) -> bool:
    verbs = [n for n, k, _ in c_info if k == "verb" and n in shared]
    if not verbs:
        return False
    verb = verbs[0]
    c_pos = next(i for i, (n, _, _) in enumerate(c_info) if n == verb)
    c_ag = {g or n for i, (n, k, g) in enumerate(c_info) if k == "ent" and i < c_pos}
    c_ob = {g or n for i, (n, k, g) in enumerate(c_info) if k == "ent" and i > c_pos}
    q_pos = next((i for i, t in enumerate(q_tokens) if t.norm == verb), None)
    if q_pos is None or not c_ag or not c_ob:
        return False
    q_ag, q_ob = set(), set()
    for i, t in enumerate(q_tokens):
        if t.kind != "ent":
            continue
        g = t.group or t.norm
        if t.case == "nomn":
            q_ag.add(g)
        elif t.case == "obl":
            q_ob.add(g)
        elif i < q_pos:
            q_ag.add(g)
        else:
            q_ob.add(g)
    return bool((c_ag & q_ob) and (c_ob & q_ag) and not (c_ag & q_ag))


# ------------------------------------------------------------------------------------------
# Vocabulary correction (typos, transliteration near-misses)

class _Corrector:
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


# ------------------------------------------------------------------------------------------

@dataclass
class _Query:
    lang: str
    tokens: list[Token]              # the message itself (contradiction checks look only here)
    norms: list[str]                 # tokens + attribution words: what retrieval and features use
    extra: list[Token] = field(default_factory=list)


class Matcher:
    """In-memory claim matcher. Build with `from_engine`, keep in step with `refresh`."""

    def __init__(self, settings=None, aliases_path: str | None = None) -> None:
        if settings is None:
            from .settings import Settings

            settings = Settings()
        self.settings = settings
        self.aliases: AliasTable = load_aliases(aliases_path) if aliases_path else default_aliases()
        self._extra_aliases: AliasTable | None = None
        if aliases_path:
            self._extra_aliases = AliasTable()
            try:
                self._extra_aliases.load(aliases_path)
            except OSError:
                self._extra_aliases = None
        self._index = LexicalIndex(max_terms=MAX_TERMS)
        self._lock = threading.RLock()
        self._corrector = _Corrector()
        self._corrected_terms = 0
        self._alias_targets: dict[str, str] = {}
        self._last_change_id = 0
        self._applied: set[int] = set()
        self._gaps: dict[int, float] = {}
        self.candidates = CANDIDATES
        self._corrector, self._alias_targets = self._new_corrector([])

    def _new_corrector(self, terms) -> tuple[_Corrector, dict[str, str]]:
        corrector = _Corrector()
        for t in terms:
            corrector.add(t)
        targets: dict[str, str] = {}
        for key, canonical in self.aliases.single_variants.items():
            if len(key) >= 4 and key != canonical:
                targets[key] = canonical
                corrector.add(key)
        return corrector, targets

    # -------------------------------------------------------------- building
    @classmethod
    def from_engine(cls, engine, settings=None, aliases_path: str | None = None) -> "Matcher":
        """Build from every non-merged claim; remembers the newest claimchange id."""
        from sqlalchemy import func, select
        from sqlmodel import Session

        from .models import Claim, ClaimChange

        m = cls(settings, aliases_path)
        with Session(engine) as session:
            conn = session.connection()
            max_id = conn.execute(select(func.max(ClaimChange.id))).scalar() or 0
            low = max(0, max_id - REFRESH_WINDOW)
            recent = [int(r[0]) for r in conn.execute(select(ClaimChange.id).where(ClaimChange.id > low))]
            stmt = (select(Claim.id, Claim.normalized, Claim.title, Claim.language, Claim.text,
                           Claim.title_normalized)
                    .where(Claim.merged_into_id.is_(None)).order_by(Claim.id)
                    .execution_options(yield_per=20_000))
            rows = conn.execute(stmt)
            m.build((int(r[0]), r[1] or "", r[2] or "", r[3] or "ru", r[4] or "", r[5] or "") for r in rows)
        now = time.monotonic()
        with m._lock:
            m._last_change_id = int(max_id)
            seen = set(recent)
            m._applied = seen
            m._gaps = {i: now for i in range(low + 1, int(max_id) + 1) if i not in seen}
        return m

    def build(self, rows: Iterable[tuple]) -> None:
        """Replace the index with `rows` of (claim_id, normalized, title, lang[, text[, title_normalized]]).

        Stored normalised strings are used as they are; an empty one is normalised here (claims
        written before `title_normalized` existed, or without `normalized`)."""
        def docs():
            for r in rows:
                cid, norm, title, lang = r[0], r[1], r[2], r[3]
                text = r[4] if len(r) > 4 else ""
                lang = lang if lang in ("ru", "en") else "ru"
                if not norm and text:
                    norm = normalize(text, lang, aliases=self.aliases)
                if self._extra_aliases is not None:
                    norm = self._realias(norm)
                tnorm = r[5] if len(r) > 5 and r[5] else (
                    normalize(title, lang, aliases=self.aliases) if title else "")
                yield cid, norm, tnorm, lang

        index = LexicalIndex(max_terms=MAX_TERMS)
        index.build(docs())
        corrector, targets = self._new_corrector(index._terms)
        with self._lock:
            self._index = index
            self._corrector = corrector
            self._alias_targets = targets

    def _realias(self, norm: str) -> str:
        toks = norm.split()
        spans = self._extra_aliases.apply(toks, toks) if toks else []
        if not spans:
            return norm
        out, i = [], 0
        by_start = {s[0]: s for s in spans}
        while i < len(toks):
            sp = by_start.get(i)
            if sp:
                if sp[3]:
                    out.extend(toks[sp[0]:sp[1]])
                if not (sp[1] < len(toks) and toks[sp[1]] == sp[2]):
                    out.append(sp[2])
                i = sp[1]
            else:
                out.append(toks[i])
                i += 1
        return " ".join(out)

    def __len__(self) -> int:
        return len(self._index)

    # -------------------------------------------------------------- incremental
    def add_claim(self, claim_id: int, normalized: str, title_normalized: str = "", lang: str = "ru") -> None:
        """Index (or re-index) one claim from its stored normalised text."""
        if self._extra_aliases is not None:
            normalized = self._realias(normalized or "")
        toks = (normalized or "").split()
        ttoks = (title_normalized or "").split()
        with self._lock:
            self._index.add(int(claim_id), toks, ttoks, lang if lang in ("ru", "en") else "ru")
            for t in toks + ttoks:
                self._corrector.add(t)
            if self._index.needs_compaction():
                self._index.compact()

    def remove_claim(self, claim_id: int) -> None:
        with self._lock:
            self._index.remove(int(claim_id))
            if self._index.needs_compaction():
                self._index.compact()

    def refresh(self, session) -> int:
        """Apply claim writes of other processes (claimchange rows not seen yet). Returns how many
        claims were re-indexed or removed. One indexed query when nothing changed."""
        from sqlalchemy import select

        from .models import Claim, ClaimChange

        with self._lock:
            floor = min([self._last_change_id] + [g - 1 for g in self._gaps])
            last = self._last_change_id
        conn = session.connection()
        rows = conn.execute(select(ClaimChange.id, ClaimChange.claim_id)
                            .where(ClaimChange.id > floor).order_by(ClaimChange.id)).all()
        fresh = [(int(r[0]), int(r[1])) for r in rows if int(r[0]) not in self._applied]
        now = time.monotonic()
        if not fresh:
            self._expire_gaps(now)
            return 0
        claim_ids = sorted({c for _, c in fresh})
        claims: dict[int, tuple] = {}
        for i in range(0, len(claim_ids), 500):
            part = claim_ids[i:i + 500]
            for r in conn.execute(select(Claim.id, Claim.normalized, Claim.title, Claim.language,
                                         Claim.text, Claim.merged_into_id, Claim.title_normalized)
                                  .where(Claim.id.in_(part))).all():
                claims[int(r[0])] = tuple(r)
        prepared: dict[int, tuple[str, str, str] | None] = {}
        for cid in claim_ids:
            r = claims.get(cid)
            if r is None or r[5] is not None:
                prepared[cid] = None
                continue
            lang = r[3] if r[3] in ("ru", "en") else "ru"
            norm = r[1] or (normalize(r[4] or "", lang, aliases=self.aliases))
            tnorm = r[6] or (normalize(r[2], lang, aliases=self.aliases) if r[2] else "")
            prepared[cid] = (norm, tnorm, lang)
        with self._lock:
            for cid, p in prepared.items():
                if p is None:
                    self._index.remove(cid)
                else:
                    self.add_claim(cid, *p)
            seen_ids = [i for i, _ in fresh]
            self._applied.update(seen_ids)
            new_last = max(last, max(seen_ids))
            present = set(self._applied)
            for i in range(last + 1, new_last + 1):
                if i not in present:
                    self._gaps.setdefault(i, now)
            for i in seen_ids:
                self._gaps.pop(i, None)
            self._last_change_id = new_last
            self._expire_gaps(now)
            if self._index.needs_compaction():
                self._index.compact()
        return len(prepared)

    def _expire_gaps(self, now: float) -> None:
        with self._lock:
            for i in [i for i, t in self._gaps.items()
                      if now - t > GAP_TTL_SECONDS or i < self._last_change_id - 50 * REFRESH_WINDOW]:
                del self._gaps[i]
            if len(self._gaps) > 10_000:
                for i in sorted(self._gaps)[:-10_000]:
                    del self._gaps[i]
            floor = min([self._last_change_id - REFRESH_WINDOW] + list(self._gaps))
            if len(self._applied) > 4 * REFRESH_WINDOW:
                self._applied = {i for i in self._applied if i >= floor}

    # -------------------------------------------------------------- queries
    def _queries(self, text: str) -> list[_Query]:
        if not isinstance(text, str):
            return []
        text = text[:MAX_MESSAGE_CHARS]
        lang = detect_language(text)
        counts = self._index.lang_counts()
        langs = [lang]
        if lang == "en" and counts.get("ru", 0) > 0:
            langs = ["ru", "en"] if counts.get("en", 0) > 0 else ["ru"]
        out = []
        src = attribution(text)
        for lg in langs:
            toks = analyze(text, lg, aliases=self.aliases)[:MAX_QUERY_TOKENS]
            extra = analyze(src, lg, aliases=self.aliases)[:32] if src else []
            if toks or extra:
                out.append(_Query(lg, toks, [t.norm for t in toks + extra], extra))
        return out

    def _resolve(self, q: _Query) -> None:
        """Replace unknown words by the nearest known term or alias (typos, transliteration)."""
        index = self._index
        budget = 12
        for t in q.tokens + q.extra:
            n = t.norm
            if index.df(n) > 0 or budget <= 0 or len(n) < 4 or n[0].isdigit() or t.kind == "neg":
                continue
            budget -= 1
            best = None
            forms = [n]
            sl = t.surface.casefold().replace("ё", "е")
            if sl != n and sl.isalpha():
                forms.append(sl)
            # English: typo correction measured slightly harmful on CheckThat! train/dev, so only
            # run-together words are split there; Russian gets both (typos, transliteration).
            for form in (forms if q.lang == "ru" else []):
                for cand, dist in self._corrector.candidates(form):
                    target = self._alias_targets.get(cand, cand)
                    df = index.df(target)
                    if df <= 0:
                        continue
                    key = (dist, -df, target)
                    if best is None or key < best[0]:
                        best = (key, target)
            if best is not None:
                t.norm = best[1]
                if best[1] in self.aliases.canonicals:
                    t.kind = "ent"
                    t.group = self.aliases.groups.get(best[1], best[1])
            elif len(sl) >= 7 and sl.isalpha():
                pieces = self._segment(sl, q.lang)
                if pieces:
                    q.extra.extend(Token(p, "w", surface=p) for p in pieces)
        q.norms = [t.norm for t in q.tokens + q.extra]

    def _segment(self, word: str, lang: str) -> list[str]:
        """Split a run-together word into known terms (#shameonoreos → shame, oreo)."""
        n = len(word)
        if n > 40:
            return []
        index = self._index
        stop = EN_STOP if lang == "en" else RU_STOP
        best: list[tuple[int, int, list[str]] | None] = [None] * (n + 1)
        best[0] = (0, 0, [])
        for i in range(1, n + 1):
            for j in range(max(0, i - 20), i - 1):
                prev = best[j]
                if prev is None:
                    continue
                piece = word[j:i]
                if piece in stop:
                    cand = (prev[0] + 1, prev[1] - len(piece) ** 2, prev[2])
                else:
                    if len(piece) < 3:
                        continue
                    norm = word_norm(piece, lang)
                    if index.df(norm) <= 0:
                        continue
                    cand = (prev[0] + 1, prev[1] - len(piece) ** 2, prev[2] + [norm])
                if best[i] is None or cand[:2] < best[i][:2]:
                    best[i] = cand
        res = best[n]
        if res is None or len(res[2]) < 2 or res[0] > 4:
            return []
        return res[2]

    def _rank(self, text: str, k: int) -> tuple[list[tuple], int]:
        """Scored candidates: (score, claim_id, query, claim tokens, lang, features) best first."""
        queries = self._queries(text)
        if not queries:
            return [], 0
        n_content = max(len(q.tokens) for q in queries)
        pool: dict[int, tuple] = {}
        with self._lock:
            index = self._index
            if not len(index):
                return [], n_content
            log_n = math.log(len(index) + 1.0)
            prepared = []
            for q in queries:
                self._resolve(q)
                tids = [index.term_id(t) for t in q.norms]
                slots, scores = index.search(tids, k)
                if not len(slots):
                    continue
                top = float(scores[0])
                idf_cache: dict[str, float] = {}

                def idf(t, _c=idf_cache, _i=index):
                    v = _c.get(t)
                    if v is None:
                        v = _c[t] = _i.idf(t)
                    return v
                for s, sc in zip(slots.tolist(), scores.tolist()):
                    cid = index.claim_id(s)
                    c_toks, t_toks = index.doc_tokens(s)
                    doc_lang = index.lang_of(s)
                    prepared.append((q, cid, c_toks, t_toks, doc_lang, sc, top, idf))
        views: dict[int, _QView] = {}
        for q, cid, c_toks, t_toks, doc_lang, sc, top, idf in prepared:
            if len(queries) > 1 and doc_lang != q.lang:
                continue
            qv = views.get(id(q))
            if qv is None:
                qv = views[id(q)] = _QView(q.norms, q.lang)
            fd = all_features(qv, c_toks, t_toks, idf, sc, top, log_n, doc_lang)
            score = score_of(fd, doc_lang)
            prev = pool.get(cid)
            if prev is None or score > prev[0]:
                pool[cid] = (score, cid, q, c_toks, doc_lang, fd)
        ranked = sorted(pool.values(), key=lambda r: (-r[0], r[1]))
        return ranked, n_content

    def _decide(self, score: float, n_content: int, reasons: list[str]) -> str:
        s = self.settings
        short = n_content < s.short_message_words
        match_at = max(s.short_message_threshold, s.match_threshold) if short else s.match_threshold
        related_at = s.related_threshold
        rel = "match" if score >= match_at else "related" if score >= related_at else "none"
        if reasons and rel == "match":
            rel = "related"
        return rel

    def match(self, text: str, *, limit: int = 5, min_score: float | None = None) -> list[MatchHit]:
        """Hits for a forwarded or typed message, best first. min_score None → only "match" and
        "related" hits; min_score=0 → the ranked candidates whatever their score."""
        try:
            return self._match(text, limit, min_score)
        except Exception:  # never let a message break the caller
            log.exception("match failed")
            return []

    def _match(self, text: str, limit: int, min_score: float | None) -> list[MatchHit]:
        if limit <= 0:
            return []
        ranked, n_content = self._rank(text, max(self.candidates, limit))
        hits: list[MatchHit] = []
        for score, cid, q, c_toks, doc_lang, _f in ranked:
            score = round(score, 1)
            reasons = contradiction_reasons(q.tokens, c_toks, doc_lang) if score >= min(
                self.settings.related_threshold, min_score if min_score is not None else 100) else []
            rel = self._decide(score, n_content, reasons)
            if min_score is None:
                if rel == "none":
                    continue
            elif score < min_score:
                continue
            hits.append(MatchHit(int(cid), score, rel, bool(reasons), reasons))
            if len(hits) >= limit:
                break
        return hits

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[MatchHit]:
        """Keyword search: every claim sharing a (corrected) term with the query, by BM25."""
        try:
            return self._search(query, limit, offset)
        except Exception:
            log.exception("search failed")
            return []

    def _search(self, query: str, limit: int, offset: int) -> list[MatchHit]:
        if limit <= 0 or offset < 0 or not isinstance(query, str):
            return []
        queries = self._queries(query)
        if not queries:
            return []
        k = min(offset + limit, 1000)
        found: dict[int, tuple] = {}
        with self._lock:
            index = self._index
            for q in queries:
                self._resolve(q)
                tids = [index.term_id(t) for t in q.norms]
                slots, scores = index.search(tids, k)
                if not len(slots):
                    continue
                sel = index.select_terms(tids)
                best = sum(index.idf_tid(t) * (index.k1 + 1) for t in sel) or 1.0
                top = float(scores[0])
                for s, sc in zip(slots.tolist(), scores.tolist()):
                    cid = index.claim_id(s)
                    if cid not in found or sc / best > found[cid][0]:
                        c_toks, t_toks = index.doc_tokens(s)
                        found[cid] = (sc / best, cid, q, c_toks, t_toks, index.lang_of(s), sc, top,
                                      index.idf)
        ranked = sorted(found.values(), key=lambda r: (-r[0], r[1]))[offset:offset + limit]
        n_content = max(len(q.tokens) for q in queries)
        hits = []
        for rel_score, cid, q, c_toks, t_toks, lang, sc, top, idf in ranked:
            fused = score_of(all_features(q.norms, c_toks, t_toks, idf, sc, top,
                                          math.log(len(self._index) + 1.0), lang), lang)
            reasons = contradiction_reasons(q.tokens, c_toks, lang)
            hits.append(MatchHit(int(cid), round(min(100.0, 100.0 * rel_score), 1),
                                 self._decide(fused, n_content, reasons), bool(reasons), reasons))
        return hits

    def stats(self) -> dict:
        with self._lock:
            return {"claims": len(self._index), "delta": self._index.delta_size,
                    "memory_bytes": self._index.memory_bytes(), "last_change_id": self._last_change_id,
                    "gaps": len(self._gaps)}
