"""Features of a (message, claim) pair and the fitted fusion that turns them into a score.

The lexical features (~30, each roughly in [0, 1]) are computed from normalised lemmas; `sem` is
the sentence-encoder cosine (claims/match/encoder.py) when an encoder is loaded. The logistic
weights live in claims/match/data/weights.json, written by `bench/fit_fusion.py --write`
(fitted on CheckThat! 2A train+dev, ParaPhraser train and the dev split of tests/data/seed_ru.json;
never on a test set).
"""

from __future__ import annotations

import json
import logging
import math
import threading
from collections.abc import Sequence
from importlib import resources

import numpy as np
from rapidfuzz import fuzz

from .. import nlp as _nlp  # noqa: F401  (pins BLAS threads before numpy work)
from ..normalize import token_kind

log = logging.getLogger(__name__)

CONTAIN_LONGER = 2.0            # containment scores a claim only if it has ≥ 2× the message's words
                                # (a message restating one clause of a long claim, not a sibling
                                # headline), or if every claim word is in the message too
WEIGHTS_FILE = "weights.json"


def load_weights(path=None) -> dict:
    """The fitted model: {"features": [...], "fusion": {lang: {"bias", "w"}}, "contain_features",
    "contain"}; `path` None → the shipped claims/match/data/weights.json."""
    if path is None:
        text = resources.files("claims.match").joinpath("data", WEIGHTS_FILE).read_text(encoding="utf-8")
    else:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    return json.loads(text)


_W = load_weights()
FEATURES: tuple[str, ...] = tuple(_W["features"])
FUSION: dict = {k: {"bias": v["bias"], "w": tuple(v["w"])} for k, v in _W["fusion"].items()}
CONTAIN_FEATURES: tuple[str, ...] = tuple(_W["contain_features"])
CONTAIN: dict = {k: {"bias": v["bias"], "w": tuple(v["w"])} for k, v in _W["contain"].items()}
# with an encoder: the same features plus `sem` (fitted by `bench/fit_fusion.py --encoder NAME`)
SEM: dict = _W.get("semantic", {})
FEATURES_SEM: tuple[str, ...] = tuple(SEM.get("features", ()))
FUSION_SEM: dict = {k: {"bias": v["bias"], "w": tuple(v["w"])} for k, v in SEM.get("fusion", {}).items()}
# a ranking model per claim language (so far English): a linear score fitted listwise (softmax over
# each message's candidates) over FEATURES_SEM, and `gap`. Within one message, a claim this model
# puts below another (the model's top) scores at most σ(logit of the top's score + gap · (z − z_top)):
# the fused probability still decides how sure a match is, the ranking model which claim comes first
# (`cap_by_rank`; fitted by `bench/fit_fusion.py --listwise`, source in weights.json)
RANK: dict = {k: {"bias": v["bias"], "w": tuple(v["w"]), "gap": float(v["gap"])}
              for k, v in SEM.get("rank", {}).items()}
# the claim languages whose semantic models read `sem_w` (the whole short message's cosine): a
# message is encoded whole as well only when the store holds claims in one of them
WHOLE_LANGS: frozenset = frozenset(
    lang for lang, m in [*FUSION_SEM.items(), *RANK.items()]
    if "sem_w" in FEATURES_SEM and m["w"][FEATURES_SEM.index("sem_w")] != 0.0)
# across languages only the cosine can be compared: 100·σ(a·sem + b)
CROSS: dict = SEM.get("cross", {"a": 20.0, "b": -11.0})


def _bigrams(seq: Sequence[str]) -> set[tuple[str, str]]:
    return {(seq[i], seq[i + 1]) for i in range(len(seq) - 1)}


def _prefix(t: str) -> str:
    return t[:5] if len(t) > 5 and not t[0].isdigit() else t


LONG_MESSAGE_TERMS = 32    # a message with more terms than this (a post) has its terms indexed per query
MATRIX_KEPT = 1_024        # word-vector matrices kept (`_Embeddings.matrix`): at most 1,024 lists of
MATRIX_KEPT_TERMS = 32     # at most 32 terms (a claim's), 1.2 KB a term: ≤ 40 MB, ~10 MB typical


class _Embeddings:
    """Russian word vectors (navec news embedding shipped inside the natasha wheel; nothing is
    downloaded). Used only for soft coverage between Russian lemmas (нарастить ~ увеличить)."""

    def __init__(self) -> None:
        self._emb = None
        self._failed = False
        self._cache: dict[str, np.ndarray | None] = {}
        self._matrices: dict[tuple[str, ...], tuple[list[str], np.ndarray | None]] = {}
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

    def matrix(self, terms: Sequence[str], keep: bool = True) -> tuple[list[str], np.ndarray | None]:
        """(the terms that have a vector, their (n, 300) unit rows or None). The answers for the
        last MATRIX_KEPT short term lists are kept (a candidate claim's terms are asked for twice per
        message part, and again by every part it is a candidate of); read them, do not change them.
        `keep` False: neither looked up nor kept (a message's terms, asked for once per query: kept,
        they only pushed claims' lists out of the MATRIX_KEPT)."""
        key = tuple(terms) if keep else ()
        hit = self._matrices.get(key) if keep else None
        if hit is not None:
            return hit
        kept, vecs = [], []
        for t in terms:
            v = self.vector(t)
            if v is not None:
                kept.append(t)
                vecs.append(v)
        out = (kept, (np.stack(vecs) if vecs else None))
        if keep and len(key) <= MATRIX_KEPT_TERMS:
            if len(self._matrices) >= MATRIX_KEPT:
                self._matrices.clear()
            self._matrices[key] = out
        return out


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


def _sorted_tokens(text: str) -> str | None:
    """`text`'s space-separated tokens sorted and joined by one space — what rapidfuzz's
    token_sort_ratio compares (`_token_sort`) — or None when `text` holds another blank (a tab,
    a no-break space: `isprintable` is False) whose splitting rapidfuzz might do otherwise."""
    return " ".join(sorted(text.split())) if text.isprintable() else None


def _token_sort(qs_sorted: str | None, qs: str, other: str) -> float:
    """fuzz.token_sort_ratio(qs, other) with qs's tokens sorted once per query (`qs_sorted`,
    `_sorted_tokens(qs)`): the same number (ratio of the sorted token strings), without sorting
    a post's ~200 tokens again for every candidate."""
    other_sorted = _sorted_tokens(other) if qs_sorted is not None else None
    if other_sorted is None:
        return fuzz.token_sort_ratio(qs, other)
    return fuzz.ratio(qs_sorted, other_sorted)


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
        # its tokens sorted, as token_sort_ratio sorts them (`_sorted_tokens`), once per query
        self.sorted_string = _sorted_tokens(self.string)
        self.lang = lang
        self._emb = None
        self._w_idf = None       # the idf function the message-side weights below were computed with
        self._w: dict[str, float] = {}
        self._wq = 1.0
        # indexes that let a candidate's features visit only the message terms it concerns (a long
        # post has ~200 terms, a claim ~10): terms by 5-letter prefix, each term's place in `info`
        # (sums keep that order, so every feature is the same float as a loop over all terms)
        self.pos = {t: k for k, t in enumerate(self.info)}
        self.by_prefix: dict[str, list[str]] = {}
        for t, i in self.info.items():
            self.by_prefix.setdefault(i.prefix, []).append(t)
        self.entnum = frozenset(t for t, i in self.info.items() if i.is_ent or i.is_num)
        self.verbs = sorted(t for t, i in self.info.items() if i.is_verb)
        self._by_w: list[tuple[float, str]] | None = None
        self._by_w_of: dict | None = None
        self._kw_of: dict | None = None
        self._kw_cap = 0.0
        self._kw: dict[str, float] = {}
        self._kw_den = 0.0
        self._kw_plain: list[tuple[float, str]] = []
        self._verb_emb = None       # (verbs with a vector, their rows, term → row, the verbs' prefixes)
        self._soft_of: dict | None = None     # the weights `_soft` below were made with
        self._soft: tuple = ()
        self._esum_of: dict | None = None
        self._esum: tuple = ()

    def shared(self, dp: set[str] | frozenset[str]) -> list[str]:
        """The message terms whose prefix is among `dp` (a claim's prefixes), in `info` order."""
        if len(self.info) <= LONG_MESSAGE_TERMS:
            return [t for t, i in self.info.items() if i.prefix in dp]
        by = self.by_prefix
        out = [t for p in dp if p in by for t in by[p]]
        out.sort(key=self.pos.__getitem__)
        return out

    def by_weight(self) -> list[tuple[float, str]]:
        """(weight, term) over the message terms, heaviest first (after `weights`)."""
        if self._by_w is None or self._by_w_of is not self._w:
            self._by_w = sorted(((self._w[t], t) for t in self.info), key=lambda x: -x[0])
            self._by_w_of = self._w
        return self._by_w

    def contain_weights(self, cap: float) -> tuple[dict[str, float], float, list[tuple[float, str]]]:
        """For `_containment` (after `weights`): each term's weight there (idf capped at `cap`,
        over `cap`, × 1.5 for a name or number), their sum in `info` order, and the (weight, term)
        of the terms that are no name or number, heaviest first."""
        if self._kw_of is not self._w or self._kw_cap != cap:
            kw: dict[str, float] = {}
            den = 0.0
            for t, i in self.info.items():
                k = min(self._w.get(t, cap), cap) / cap
                if i.is_ent or i.is_num:
                    k *= 1.5
                kw[t] = k
                den += k
            self._kw, self._kw_den = kw, den
            self._kw_plain = sorted(((k, t) for t, k in kw.items() if t not in self.entnum), key=lambda x: -x[0])
            self._kw_of, self._kw_cap = self._w, cap
        return self._kw, self._kw_den, self._kw_plain

    def weights(self, idf) -> tuple[dict[str, float], float]:
        """({term: idf} over the message terms, their sum or 1.0), computed once per idf function
        (every candidate of a query shares them; a long post has ~200 terms)."""
        if self._w_idf is not idf:
            self._w = {t: idf(t) for t in self.Q}
            self._wq = sum(self._w[t] for t in self.Q) or 1.0
            self._w_idf = idf
        return self._w, self._wq

    def emb(self):
        if self._emb is None:
            self._emb = EMBEDDINGS.matrix(sorted(self.Q), keep=False)
        return self._emb

    def verb_emb(self) -> tuple[list[str], np.ndarray | None, dict[str, int], set[str], list[str]]:
        """The message verbs' word vectors, once per query (a post has ~40 verbs, more than
        `EMBEDDINGS.matrix` keeps): (the verbs with a vector, their (n, 300) rows or None,
        verb → row, the set of the verbs' prefixes, each verb's prefix in `verbs` order)."""
        if self._verb_emb is None:
            kept, m = EMBEDDINGS.matrix(self.verbs, keep=False)
            prefixes = [_info(t).prefix for t in self.verbs]
            self._verb_emb = (kept, m, {t: i for i, t in enumerate(kept)}, set(prefixes), prefixes)
        return self._verb_emb

    def soft_weights(self) -> tuple[dict[str, int], np.ndarray, float]:
        """For `soft_cov` (after `weights`): term → row of `emb()`, the (n,) float64 weights of the
        terms with a vector in that order, and their sum added left to right (as a loop would)."""
        if self._soft_of is not self._w:
            qk = self.emb()[0]
            wts = np.fromiter((self._w.get(t, 1.0) for t in qk), dtype=np.float64, count=len(qk))
            den = float(np.cumsum(wts)[-1]) if len(qk) else 0.0
            self._soft = ({t: i for i, t in enumerate(qk)}, wts, den)
            self._soft_of = self._w
        return self._soft

    def emb_sum(self) -> tuple[np.ndarray, float]:
        """(the (300,) float32 weight-summed word vector of the message terms, its norm), for
        `emb_cos` (after `weights`; once per query, not once per candidate)."""
        if self._esum_of is not self._w:
            qk, qm = self.emb()
            qw = np.asarray([self._w.get(t, 1.0) for t in qk], dtype=np.float32)
            b = qw @ qm
            self._esum = (b, float(np.linalg.norm(b)))
            self._esum_of = self._w
        return self._esum

    def soft_cov(self, best: np.ndarray | None, exact: set[str]) -> float:
        """`_soft_cov` over the message terms with a vector (`emb()`), `best` ((n,) float32) each
        one's best cosine to a claim term, `exact` the claim's terms (those count 1): the same sums in
        the same order, added by `np.cumsum` (sequential, as the loop) instead of term by term."""
        if best is None:
            return 0.0
        pos, wts, den = self.soft_weights()
        vals = np.maximum(best.astype(np.float64), 0.0)
        for t in exact:
            i = pos.get(t)
            if i is not None:
                vals[i] = 1.0
        num = float(np.cumsum(wts * vals)[-1]) if len(vals) else 0.0
        return num / den if den else 0.0


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
    qw, wq = qv.weights(idf)
    w = dict(qw)
    for t in D:
        if t not in w:
            w[t] = idf(t)
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
    shared = qv.shared(dp)          # message terms with a prefix of the claim's, in message order
    f["cov_q5"] = sum(w[t] for t in shared) / wq
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
    f["token_sort"] = _token_sort(qv.sorted_string, qs, cs) / 100.0
    f["partial"] = fuzz.partial_ratio(qs, cs) / 100.0
    if t_norms:
        ts = " ".join(t_norms)
        f["title_sort"] = _token_sort(qv.sorted_string, qs, ts) / 100.0
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
    # the heaviest message term without a prefix of the claim's (0.0 when there is none)
    if len(qv.info) <= LONG_MESSAGE_TERMS:
        miss_q = max((w[t] for t, i in qv.info.items() if i.prefix not in dp), default=0.0)
    else:
        miss_q = next((wt for wt, t in qv.by_weight() if qv.info[t].prefix not in dp), 0.0)
    f["miss_q"] = miss_q / max(log_n, 1.0)
    un_c = [w[t] for t in C if dinfo[t].prefix not in qp]
    f["miss_c"] = max(un_c, default=0.0) / max(log_n, 1.0)
    qbest = None        # (message terms with a vector,) float32: each one's best cosine to a claim term
    if lang == "ru":
        cl = sorted(C)
        ck, cm = EMBEDDINGS.matrix(cl)
        qk, qm = qv.emb()
        if qm is not None and cm is not None:
            qbest = np.max(qm @ cm.T, axis=1)
        f["soft_c"] = _soft_cov(ck, cm, qm, w, Q) if ck else f["cov_c"]
        f["soft_q"] = qv.soft_cov(qbest, C) if qk else f["cov_q"]
        if cm is not None and qm is not None:
            cw = np.asarray([w.get(t, 1.0) for t in ck], dtype=np.float32)
            a = cw @ cm
            b, nb = qv.emb_sum()
            na = float(np.linalg.norm(a))
            f["emb_cos"] = max(0.0, float(a @ b) / (na * nb)) if na > 0 and nb > 0 else 0.0
        else:
            f["emb_cos"] = 0.0
    else:
        f["soft_c"], f["soft_q"], f["emb_cos"] = f["cov_c"], f["cov_q"], 0.0
    _predicates(f, qv, dinfo, w, lang, dp, shared)
    _containment(f, qv, dp, dinfo, log_n, lang, C, shared, qbest)
    return f


def _soft_hits(src: list[str], dst: list[str], lang: str, src_emb: tuple | None = None,
               dst_emb: tuple | None = None) -> float:
    """Mean over src terms of the best similarity to a dst term: 1 for the same 5-letter prefix,
    else (Russian) the word-vector cosine, clipped to [0, 1]. `src_emb` / `dst_emb`: that side's
    `_QView.verb_emb()` (its rows are taken from there instead of stacked again: the same rows)."""
    if not src:
        return 1.0
    if not dst:
        return 0.0
    dp = dst_emb[3] if dst_emb is not None else {_info(t).prefix for t in dst}
    total = 0.0
    rest = []
    prefixes = src_emb[4] if src_emb is not None else [_info(t).prefix for t in src]
    for t, p in zip(src, prefixes):
        if p in dp:
            total += 1.0
        else:
            rest.append(t)
    if rest and lang == "ru":
        if src_emb is not None:
            pos = src_emb[2]
            idx = [pos[t] for t in rest if t in pos]
            sm = src_emb[1][idx] if idx else None
        else:
            sm = EMBEDDINGS.matrix(rest)[1]
        dm = dst_emb[1] if dst_emb is not None else EMBEDDINGS.matrix(dst)[1]
        if sm is not None and dm is not None:
            best = (sm @ dm.T).max(axis=1)          # clipped to [0, 1] as np.clip would, without its
            np.maximum(best, 0.0, out=best)         # per-call argument checks (~120 calls a post)
            np.minimum(best, 1.0, out=best)
            total += float(best.sum())
    return total / len(src)


def _predicates(f: dict, qv: "_QView", dinfo: dict, w: dict, lang: str, dp: set[str] | None = None,
                shared: list[str] | None = None) -> None:
    """Predicate and entity agreement: do the verbs of one side have a counterpart among the verbs
    of the other (same stem or a close word vector), and how many names / numbers of either side
    have no counterpart at all (another country or person in an otherwise identical headline).
    `dp`, `shared`: the claim's prefixes and `qv.shared(dp)`, when the caller has them."""
    qverbs = qv.verbs
    dverbs = sorted(t for t, i in dinfo.items() if i.is_verb)
    f["verb_q"] = _soft_hits(qverbs, dverbs, lang, src_emb=qv.verb_emb() if lang == "ru" else None)
    f["verb_d"] = _soft_hits(dverbs, qverbs, lang, dst_emb=qv.verb_emb() if lang == "ru" else None)
    qp = qv.prefixes
    if dp is None:
        dp = {i.prefix for i in dinfo.values()}
    if shared is None:
        shared = qv.shared(dp)
    entnum = qv.entnum
    miss_q = len(entnum) - sum(1 for t in shared if t in entnum)
    miss_d = sum(1 for t, i in dinfo.items() if (i.is_ent or i.is_num) and i.prefix not in qp)
    f["ent_miss_q"] = miss_q / (miss_q + 1.0)
    f["ent_miss_d"] = miss_d / (miss_d + 1.0)
    f["ent_miss_both"] = 1.0 if miss_q and miss_d else 0.0


def _containment(f: dict, qv: "_QView", dp: set[str], dinfo: dict, log_n: float,
                 lang: str, C: set[str], shared: list[str] | None = None,
                 qbest: np.ndarray | None = None) -> None:
    """Asymmetric features for the containment score (`k_*`, not used by the fusion): how much of
    the MESSAGE the claim explains. A message usually restates one clause of a longer extracted
    claim, so claim coverage says little; what matters is that every content word of the message
    is found in the claim (exact, 5-letter prefix, or a close Russian word vector), and that no name
    or number of the message is missing. Term weights are idf capped at the idf of a term seen in one
    claim, so that words no claim uses (common in a small store) do not dominate. `qbest`: each
    message term's (`qv.emb()`) best cosine to a claim term, when the caller has it (None: computed)."""
    n_docs = max(math.exp(log_n) - 1.0, 1.0)
    cap = math.log(1.0 + max(n_docs - 0.5, 0.5) / 1.5) or 1.0
    n_terms = len(qv.info)
    if n_terms <= LONG_MESSAGE_TERMS:
        _containment_short(f, qv, dp, dinfo, cap, lang, C, qbest)
        return
    kws, den, plain = qv.contain_weights(cap)
    # credit of the message terms the claim explains (a term it does not explain has credit 0 and
    # adds nothing to the sums below, so they run over the credited terms only, in message order)
    credit = {t: 1.0 for t in (qv.shared(dp) if shared is None else shared)}
    if lang == "ru" and len(credit) < n_terms:
        qk, qm = qv.emb()
        ck, cm = EMBEDDINGS.matrix(sorted(C))
        if qk and ck and qm is not None and cm is not None:
            best = (qbest if qbest is not None else np.max(qm @ cm.T, axis=1)).astype(np.float64)
            val = np.clip((best - 0.25) / 0.35, 0.0, 1.0)
            entnum = qv.entnum
            for k in np.flatnonzero(val > 0.0).tolist():
                t = qk[k]
                if t not in credit and t not in entnum:
                    credit[t] = float(val[k])
    num = n = 0.0
    ents = 0
    entnum = qv.entnum
    for t in sorted(credit, key=qv.pos.__getitem__):
        c = credit[t]
        num += kws[t] * c
        n += c
        if c >= 0.5 and t in entnum:
            ents += 1
    # the heaviest term the claim does not explain (credit under 0.5), names and numbers aside
    miss = next((k for k, t in plain if credit.get(t, 0.0) < 0.5), 0.0)
    miss = max(0.0, miss)
    miss_ent = 1.0 if ents < len(entnum) else 0.0
    _put_containment(f, qv, credit, dinfo, C, n_terms, num=num, den=den, n=n, miss=miss,
                     miss_ent=miss_ent, ents=ents)


def _containment_short(f: dict, qv: "_QView", dp: set[str], dinfo: dict, cap: float,
                       lang: str, C: set[str], qbest: np.ndarray | None = None) -> None:
    """`_containment` of a message of at most LONG_MESSAGE_TERMS terms: one loop over them (the
    same figures; for a few terms the loop costs less than the indexes)."""
    terms = list(qv.info.items())
    credit = {t: 1.0 for t, i in terms if i.prefix in dp}
    if lang == "ru" and len(credit) < len(terms):
        qk, qm = qv.emb()
        ck, cm = EMBEDDINGS.matrix(sorted(C))
        if qk and ck and qm is not None and cm is not None:
            best = qbest if qbest is not None else np.max(qm @ cm.T, axis=1)
            for t, b in zip(qk, best.tolist()):
                if t not in credit and not qv.info[t].is_ent and not qv.info[t].is_num:
                    credit[t] = min(1.0, max(0.0, (b - 0.25) / 0.35))
    # each term's weight and their sum in `info` order, once per query (`contain_weights`: the same
    # min(idf, cap) / cap, × 1.5 for a name or number, summed in the same order)
    kws, den, _ = qv.contain_weights(cap)
    num = n = 0.0
    miss = miss_ent = 0.0
    ents = 0
    for t, i in terms:
        kw = kws[t]
        c = credit.get(t, 0.0)
        num += kw * c
        n += c
        if c >= 0.5 and (i.is_ent or i.is_num):
            ents += 1
        if c < 0.5:
            if i.is_ent or i.is_num:
                miss_ent = 1.0
            else:
                miss = max(miss, kw)
    _put_containment(f, qv, credit, dinfo, C, len(terms), num=num, den=den, n=n, miss=miss,
                     miss_ent=miss_ent, ents=ents)


def _put_containment(f: dict, qv: "_QView", credit: dict[str, float], dinfo: dict, C: set[str], n_terms: int,
                     *, num: float, den: float, n: float, miss: float, miss_ent: float, ents: int) -> None:
    """Write the containment features into `f` from the sums both `_containment` loops gather:
    `credit` (message term → 0–1, how far the claim explains it), `num`/`den` the weighted covered and
    total weight, `n` the summed credit, `miss` the heaviest unexplained plain term's weight, `miss_ent`
    1.0 when a name or number is unexplained, `ents` the names and numbers explained; `C` the claim's
    terms, `n_terms` the message's."""
    f["k_cov"] = num / den if den else 0.0
    f["k_n"] = min(n, 6.0) / 6.0
    f["k_miss"] = miss
    f["k_miss_ent"] = miss_ent
    f["k_ents"] = min(ents, 3) / 3.0
    found = sum(1 for c in credit.values() if c >= 0.5)
    f["k_gate"] = 1.0 if found >= 3 else 0.0
    qp = qv.prefixes
    f["k_long"] = 1.0 if (len(C) >= CONTAIN_LONGER * n_terms
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


def score_of(fd: dict, lang: str, semantic: bool = True) -> float:
    """The candidate's score: the fused (symmetric) probability or the containment probability,
    whichever is higher — a message restating part of a long claim scores by containment. With
    `sem` in `fd` (an encoder cosine) and `semantic`, the semantic fusion model is used."""
    model = FUSION_SEM.get(lang) if semantic and "sem" in fd else None
    if model is not None:
        fused = _logistic(model, [fd.get(name, 0.0) for name in FEATURES_SEM])
    else:
        fused = fuse([fd.get(name, 0.0) for name in FEATURES], lang)
    return max(fused, contain_score(fd, lang))


def rank_score(fd: dict, lang: str) -> float | None:
    """The ranking model's linear score of a candidate (`RANK`), None without one for `lang` or
    without `sem` in `fd`."""
    model = RANK.get(lang)
    if model is None or "sem" not in fd:
        return None
    return model["bias"] + sum(a * fd.get(name, 0.0) for a, name in zip(model["w"], FEATURES_SEM))


def cap_by_rank(scores: dict, ranks: dict, lang_of: dict) -> dict:
    """{claim id: score} with each claim that has a ranking score (`ranks`: {claim id: z}) capped
    per language at 100·σ(logit(s_top) + gap · (z − z_top)), where top is the claim of that language
    the ranking model puts first and s_top its score: no claim is raised, the top keeps its own
    score, and one the ranking model puts below it scores below it."""
    out = dict(scores)
    for lang in {lang_of[c] for c in ranks}:
        ids = [c for c in ranks if lang_of[c] == lang]
        top = max(ids, key=lambda c: (ranks[c], -c))
        p = min(max(scores[top] / 100.0, 1e-12), 1 - 1e-12)
        base = math.log(p / (1.0 - p))
        gap = RANK[lang]["gap"]
        for c in ids:
            z = max(-30.0, min(30.0, base + gap * (ranks[c] - ranks[top])))
            out[c] = min(scores[c], 100.0 / (1.0 + math.exp(-z)))
    return out


def sem_score(sem: float, margin: float = 0.0, model: dict | None = None, cover: float = 0.0,
              clash: float = 0.0) -> float:
    """0-100 for a claim in another language than the message: 100·σ(a·sem + c·margin + d·cover
    + e·clash + b), where sem is the encoder cosine, margin = sem minus the best cosine of any
    other claim among the nearest (positive only for the nearest claim), cover the word coverage
    (`Matcher.cross_coverage`, 0..1) and clash 1.0 when each side names an alias-table entity the
    other does not (`Matcher.cross_entity_clash`); a, b, c, d, e from claims/match/data/weights.json
    ("semantic" → "cross", fitted by bench/fit_fusion.py fit_cross on dev data)."""
    m = model or CROSS
    z = (m["a"] * sem + m.get("c", 0.0) * margin + m.get("d", 0.0) * cover + m.get("e", 0.0) * clash
         + m["b"])
    z = max(-30.0, min(30.0, z))
    return 100.0 / (1.0 + math.exp(-z))


def _logistic(model: dict, features: Sequence[float]) -> float:
    z = model["bias"] + sum(a * b for a, b in zip(model["w"], features))
    z = max(-30.0, min(30.0, z))
    return 100.0 / (1.0 + math.exp(-z))


def pair_features(q_norms: Sequence[str], c_norms: Sequence[str], t_norms: Sequence[str],
                  idf, bm25: float, top_bm25: float, log_n: float = 10.0, lang: str = "ru") -> list[float]:
    """The model's features of (message, claim), in FEATURES order."""
    f = all_features(q_norms, c_norms, t_norms, idf, bm25, top_bm25, log_n, lang)
    return [f.get(name, 0.0) for name in FEATURES]


def fuse(features: Sequence[float], lang: str) -> float:
    """0-100 from the lexical features (FEATURES order) under the lexical model of `lang`."""
    return _logistic(FUSION.get(lang) or FUSION["ru"], features)
