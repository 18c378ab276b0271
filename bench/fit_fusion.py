"""Fit the fusion weights (claims/match/data/weights.json) and the decision thresholds (claims/settings.py).

    .venv/bin/python bench/fit_fusion.py            # fit, print the weights and thresholds
    .venv/bin/python bench/fit_fusion.py --cv       # also 2-fold cross-validated MAP on the fit data
    .venv/bin/python bench/fit_fusion.py --encoder use-m3 --write-lang en --checkthat-text both --cv
        # the English model alone, fitted on CheckThat! verified claims indexed both as claim +
        # subtitle and as claim + title only (what `claims import` of {text, title} stores);
        # 2-fold CV per representation. Measured 2026-11-30: no better than the shipped model
        # (title only, CV train/dev 0.881/0.930 against 0.881/0.932), so not written.
    .venv/bin/python bench/fit_fusion.py --encoder use-m3 --write-lang en --checkthat-text both --listwise --cv --write
        # what weights.json holds for English since 2026-12-01 (branch quality16): the pointwise
        # English model refitted with the feature `sem_w` (the whole tweet's cosine), plus the
        # English ranking model ("rank": fitted listwise, `fit_listwise`, L2 1e-2; gap 4 of 1, 2, 4, 8
        # by 2-fold CV on train). 2-fold CV, claim + title only, train / dev MAP@5 (match F1 at the
        # shipped bar): old features 0.882 / 0.940 (0.852 / 0.908); + sem_w 0.886 / 0.940 (0.851 /
        # 0.916); + the ranking model 0.893 / 0.942 (0.866 / 0.933). A listwise model alone,
        # calibrated by one logistic over its score, ranked as well but its probabilities lost the
        # match decisions (train F1 0.73): a ranking score does not say whether the best candidate
        # is right, so the fused probability keeps that role. Tried on train, no gain: a "later
        # year" feature (the claim names a year after the tweet's), the claim's vector of title +
        # claim, rank and gap features, products with `sem`; a second vector per claim, of its
        # title, +0.002 (not worth twice the vectors' memory).
    .venv/bin/python bench/fit_fusion.py --encoder use-m3 --write-lang ru
        # the Russian model alone (ParaPhraser train + dev splits of the seed and dev sets; the
        # English, cross-language and containment models kept), printed beside the shipped one:
        # MAP@5 in sample and on held-out halves, best-F1 bars. Measured 2026-11-30 (main 65f32ae,
        # 4,342 ParaPhraser train queries, 1,646 with a precise pair): the shipped model 0.9473 in
        # sample and on held-out halves; refit at the defaults 0.9475 in sample, 0.9469 held out;
        # best of 36 (L2 × near label × seed weight, 2 × 2-fold CV) L2 1e-4, near 0, seed weight 1:
        # +0.0013, but on 5 fresh 2-fold splits +0.0004 (paired bootstrap 95% CI −0.0027..+0.0032,
        # 33 queries better, 35 worse). Not better, so not written.
    CheckThat! title only, diagnosed on train/dev (2026-11-30, main 464aab4; the test split not looked at):
        # the matcher as `claims import` {text: claim, title} stores it, limit 40: train MAP@5 0.884,
        # dev 0.941. Of 149 train queries not ranked first, 124 have the right claim among the
        # candidates (re-ranking, not recall); where it is in the K=12 pool and loses (111 train+dev
        # queries), the winner has the higher BM25 in 104 (rel_bm25 0.27 above the gold's on average)
        # while the gold has the higher cosine in 66. Tried, none adopted: the claim's vector from claim + title
        # (vector-only MAP@5 train 0.639 → 0.695, dev 0.772 → 0.846, but fused train 0.884 → 0.886,
        # dev 0.941 → 0.941); features rel_sem (cosine minus the pool's best), sem², sem × cov_q /
        # rel_bm25 / cov_t, title cosine (2-fold CV on train+dev 0.892 → at most 0.896); a listwise
        # (softmax per query) fit, calibrated afterwards (CV 0.892 → 0.900 with claim + title
        # vectors, but dev 0.941 → 0.936 when fitted on train). The USE-m3 cosine is the limit.

Data (never a test set):
- English: CheckThat! 2A train + dev queries against the 14,231 verified claims (claim + subtitle,
  title: `bench.datasets.claim_text`);
  label 1 = the qrels claim.
- Russian: ParaPhraser *train* (pool = all train headlines, queries = distinct text_1 of precise or
  near pairs; label 2 = precise paraphrase, 1 = near paraphrase, 0 = anything else retrieved) and
  the dev split of tests/data/seed_ru.json (seed-article rephrasings; match / related / none).

For every query the matcher's own BM25 top-40 candidates are featurised exactly as at run time
(`Matcher._rank`); a logistic regression per claim language (L2, Newton steps) maps the features
to P(message states this claim). Score = 100·P.

Thresholds (one set for both languages, since scores are calibrated probabilities):
- match_threshold: maximises F1 of "match" (CheckThat gold pair, ParaPhraser precise pair, seed
  match) against every other candidate, over the top-5 candidates of each fit query;
- related_threshold: maximises F1 of (match ∪ near paraphrase ∪ seed related) against the rest;
- short_message_threshold: over messages with fewer than short_message_words content words
  (the seed short keyword queries as negatives, ParaPhraser precise pairs whose text_1 is that
  short as positives): the lowest score that keeps every negative out while keeping most positives.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import claims.nlp  # noqa: F401,E402

import numpy as np  # noqa: E402

from bench import datasets as ds  # noqa: E402
from bench.embedcache import vectors_for  # noqa: E402
from claims.match.encoder import load_encoder  # noqa: E402
from claims.match.features import contain_score  # noqa: E402
from claims.match.matcher import BACKGROUND_COS, Matcher  # noqa: E402
from claims.normalize import normalize  # noqa: E402

CACHE = Path(__file__).resolve().parent / ".cache"
SEED = Path(__file__).resolve().parent.parent / "tests" / "data" / "seed_ru.json"
K = 12


ENCODER = None          # set by --encoder: candidates then carry the `sem` feature


def _matcher(ids_texts, lang):
    """A matcher over (id, text[, title]) with the fit encoder's vectors (cached per encoder and
    text set; the vector is of the text, as `claims db embed` stores it)."""
    ids_texts = list(ids_texts)
    m = Matcher(_Settings(), encoder=ENCODER)
    m.build((r[0], normalize(r[1], lang), r[2] if len(r) > 2 else "", lang) for r in ids_texts)
    if ENCODER is not None:
        vecs = vectors_for(ENCODER, [r[1] for r in ids_texts])
        m.put_vectors([r[0] for r in ids_texts], vecs)
    return m


class _Settings:
    match_threshold = 70.0
    related_threshold = 50.0
    short_message_words = 4
    short_message_threshold = 90.0


def _groups_for(m: Matcher, queries: dict, labels_for, exclude_self=None, names=None):
    groups = []
    for qid, text in queries.items():
        ranked, n_content = m._rank(text, K, m.query_vectors(text), wvec=m.whole_vector(text))
        rows = []
        for score, cid, q, c_toks, lang, f, _cross in ranked:
            name = names[cid] if names is not None else cid
            if exclude_self is not None and name == exclude_self(qid):
                continue
            rows.append((name, f, labels_for(qid, name)))
        groups.append({"qid": qid, "lang": lang if ranked else "ru", "n_content": n_content, "rows": rows})
    return groups


ONLY_EN = False         # --write-lang en: fit (and featurise) the English model only
ONLY_RU = False         # --write-lang ru: fit (and featurise) the Russian model only
CT_TEXT = "subtitle"    # --checkthat-text: how a verified claim is indexed for the English fit


def collect_checkthat(splits=("train", "dev"), text: str | None = None):
    """CheckThat! train/dev groups. `text` "subtitle": claim + subtitle, title (`ds.claim_text`);
    "title": claim + title only, as `claims import` of {text: claim, title} stores it; "both": the
    two sets of groups (each query twice, once against each representation of the collection)."""
    text = text or CT_TEXT
    if text == "both":
        return collect_checkthat(splits, "subtitle") + collect_checkthat(splits, "title")
    vc = ds.load_vclaims()
    body = ds.claim_text if text == "subtitle" else (lambda v: v.claim)
    m = _matcher(((i, body(v), v.title) for i, v in enumerate(vc)), "en")
    names = [v.id for v in vc]
    groups = []
    for split in splits:
        q = ds.load_queries(split)
        qr = ds.load_qrels(split)
        q = {k: v for k, v in q.items() if k in qr}
        g = _groups_for(m, q, lambda qid, name: 2 if name in qr[qid] else 0, names=names)
        for x in g:
            x["source"] = f"checkthat-{split}"
            x["ct_text"] = text
            x["n_rel"] = len(qr[x["qid"]])
        groups += g
    return groups


def collect_paraphraser(split="train"):
    pairs = ds.load_pairs(split)
    pool, queries, _ = ds.paraphraser_task(pairs, (1, 0))
    cls = {}
    for p in pairs:
        cls[(p.text_1, p.text_2)] = p.cls
    m = _matcher(enumerate(pool), "ru")

    def label(qid, name):
        c = cls.get((qid, name))
        return 2 if c == 1 else 1 if c == 0 else 0
    g = _groups_for(m, queries, label, exclude_self=lambda qid: qid, names=pool)
    for x in g:
        x["source"] = f"paraphraser-{split}"
        x["n_rel_precise"] = sum(1 for (a, b), c in cls.items() if a == x["qid"] and c == 1)
        x["n_rel_any"] = sum(1 for (a, b), c in cls.items() if a == x["qid"] and c in (0, 1))
    return g


def collect_seed(split="dev"):
    d = json.loads(SEED.read_text(encoding="utf-8"))
    m = _matcher(((c["id"], c["text"]) for c in d["claims"]), "ru")
    groups = []
    for i, msg in enumerate(d["messages"]):
        if msg["split"] != split:
            continue
        ranked, n_content = m._rank(msg["text"], K, m.query_vectors(msg["text"]), wvec=m.whole_vector(msg["text"]))
        lab = {"match": 2, "related": 1, "contradicts": 1, "short": 0, "none": 0}[msg["label"]]
        rows = [(cid, f, lab if cid == msg["claim"] else 0) for score, cid, q, c, lang, f, _x in ranked]
        groups.append({"qid": f"seed-{i}", "lang": "ru", "n_content": n_content, "rows": rows,
                       "source": f"seed-{split}", "kind": msg["label"]})
    return groups


def collect_devset(split="dev"):
    """The dev split of bench/data/devset_ru.json (our own messages of every kind against our 30
    fact-checks + the ParaPhraser gold headlines): the target claim(s) of a "match" message = 2, of
    a reversal = 1 (related at most), everything else 0. The test split is never used."""
    from bench.bench_match import devset_store

    d, m = devset_store(ENCODER) if ENCODER is not None else devset_store(None)
    groups = []
    for i, msg in enumerate(d["messages"]):
        if msg["split"] != split or msg["kind"] in ("uk", "be", "en"):   # those: the cross model
            continue
        ranked, n_content = m._rank(msg["text"], K, m.query_vectors(msg["text"]), wvec=m.whole_vector(msg["text"]))
        want = set(msg["claims"])
        lab = 2 if msg["label"] == "match" else 1 if msg["label"] == "contradicts" else 0
        rows = [(cid, f, lab if cid in want else 0) for score, cid, q, c, lang, f, _x in ranked]
        groups.append({"qid": f"devset-{i}", "lang": "ru", "n_content": n_content, "rows": rows,
                       "source": f"seed-devset-{split}", "kind": msg["kind"]})
    return groups


def load_all(refresh: bool = False):
    """Public-data groups are cached (bench/.cache/fit_groups.pkl; --refresh after a feature
    change); the seed dev groups are featurised afresh every run (a second)."""
    CACHE.mkdir(exist_ok=True)
    if ONLY_EN:     # --write-lang en: the English groups alone (CheckThat!), cached per representation
        path = CACHE / f"fit_groups_en_{ENCODER.name if ENCODER is not None else 'lex'}_ct-{CT_TEXT}.pkl"
        if path.exists() and not refresh:
            return pickle.loads(path.read_bytes())
        groups = collect_checkthat()
        path.write_bytes(pickle.dumps(groups))
        return groups
    if ONLY_RU:     # --write-lang ru: ParaPhraser train (cached) + the seed and dev-set dev splits
        path = CACHE / f"fit_groups_ru_{ENCODER.name if ENCODER is not None else 'lex'}.pkl"
        if path.exists() and not refresh:
            groups = pickle.loads(path.read_bytes())
        else:
            t = time.time()
            groups = collect_paraphraser("train")
            print(f"featurised {len(groups)} queries in {time.time() - t:.0f} s", file=sys.stderr)
            path.write_bytes(pickle.dumps(groups))
        return groups + collect_seed("dev") + collect_devset("dev")
    tag = "" if CT_TEXT == "subtitle" else f"_ct-{CT_TEXT}"
    path = CACHE / (f"fit_groups_{ENCODER.name}{tag}.pkl" if ENCODER is not None else f"fit_groups{tag}.pkl")
    groups = None
    if path.exists() and not refresh:
        groups = [g for g in pickle.loads(path.read_bytes()) if not g["source"].startswith("seed")]
    if groups is None:
        t = time.time()
        groups = collect_checkthat() + collect_paraphraser("train")
        print(f"featurised {len(groups)} queries in {time.time() - t:.0f} s", file=sys.stderr)
        path.write_bytes(pickle.dumps(groups))
    return groups + collect_seed("dev") + collect_devset("dev")


# ------------------------------------------------------------------------------------ model
FEATS: list[str] = []


def vec(fd):
    return [fd.get(n, 0.0) for n in FEATS]


# ------------------------------------------------------------------ containment model
# A second, small logistic model on the asymmetric containment features (claims/match/features.py
# `_containment`), Russian claims only; the run-time score is max(fused, containment) where the
# claim is at least CONTAIN_LONGER times as long as the message. Fitted on all candidates that pass
# the word gate (≥ 3 message words found in the claim): seed dev (match = 1, the
# rest 0) and ParaPhraser train (precise = 1, other retrieved = 0; near paraphrases left out — they
# are often partial restatements, neither clearly a repeat nor clearly not). Signs are constrained
# (more coverage / more words found: up; a missing word / name / number: down): a feature whose
# fitted weight has the wrong sign is dropped and the model refitted.
CONTAIN_FEATURES = ("k_cov", "k_ents", "k_miss", "k_miss_ent", "k_n")
CONTAIN_SIGNS = (1, 1, -1, -1, 1)
CONTAIN_SEED_WEIGHT = 20.0
CONTAIN_MODEL: dict = {}


def cvec(fd):
    return [fd.get(n, 0.0) for n in CONTAIN_FEATURES]


def contain_scores(rows_f, lang):
    """The run-time containment score (gate included) under the model being fitted."""
    model = CONTAIN_MODEL.get(lang)
    if not model:
        return np.zeros(len(rows_f))
    return np.asarray([contain_score(fd, lang, model) for fd in rows_f])


def fit_contain(groups, l2):
    X, y, w = [], [], []
    for g in groups:
        seed = g["source"].startswith("seed")
        for name, f, lab in g["rows"]:
            if not f.get("k_gate"):
                continue
            if not seed and lab == 1:
                continue
            X.append(cvec(f))
            y.append(1.0 if lab == 2 else 0.0)
            w.append(CONTAIN_SEED_WEIGHT if seed else 1.0)
    X, y, w = np.asarray(X, dtype=np.float64), np.asarray(y), np.asarray(w)
    keep = list(range(len(CONTAIN_FEATURES)))
    while True:
        beta = fit_logistic(X[:, keep], y, w, l2)
        bad = [k for k, b in zip(keep, beta[1:]) if b * CONTAIN_SIGNS[k] < 0]
        if not bad:
            break
        keep.remove(bad[0])
    full = np.zeros(len(CONTAIN_FEATURES) + 1)
    full[0] = beta[0]
    for k, b in zip(keep, beta[1:]):
        full[k + 1] = b
    print(f"containment model on {len(y)} gated candidates ({int(y.sum())} positive): "
          + ", ".join(f"{n} {v:+.3f}" for n, v in zip(("bias",) + CONTAIN_FEATURES, full)))
    return {"bias": float(full[0]), "w": tuple(float(v) for v in full[1:])}


def combined(beta, rows, lang):
    """Run-time score of candidate rows: max(fused, containment)."""
    X = np.asarray([vec(r[1]) for r in rows])
    return np.maximum(scores_for(beta, X), contain_scores([r[1] for r in rows], lang))


LISTWISE = False      # --listwise
LISTWISE_L2 = 1e-2    # --listwise: L2 on standardised features (1e-3 and 1e-2 measured, 2-fold CV on CheckThat! train)
LISTWISE_GAP = 4.0    # --listwise: the cap's slope (1, 2, 4 measured: 2-fold CV on CheckThat! train, MAP@5 and match F1)
NEAR_LABEL = 0.5      # a ParaPhraser near paraphrase counts as half a match (soft target)
SEED_WEIGHT = 5.0     # in-domain seed messages weigh more than one ParaPhraser query


def design(groups, target="match"):
    X, y, w, gid = [], [], [], []
    for gi, g in enumerate(groups):
        gw = SEED_WEIGHT if g["source"].startswith("seed") else 1.0
        for name, f, lab in g["rows"]:
            X.append(vec(f))
            if target == "match":
                if g["source"].startswith("paraphraser") and lab == 1:
                    y.append(NEAR_LABEL)
                else:
                    y.append(1.0 if lab == 2 else 0.0)
                w.append(gw)
            else:
                y.append(1.0 if lab >= 1 else 0.0)
                w.append(1.0)
            gid.append(gi)
    return np.asarray(X, dtype=np.float64), np.asarray(y), np.asarray(w), np.asarray(gid)


def fit_logistic(X, y, w, l2=1e-3, iters=50):
    Xb = np.hstack([np.ones((X.shape[0], 1)), X])
    beta = np.zeros(Xb.shape[1])
    reg = np.full(Xb.shape[1], l2 * len(y))
    reg[0] = 0.0
    for _ in range(iters):
        z = np.clip(Xb @ beta, -30, 30)
        p = 1.0 / (1.0 + np.exp(-z))
        g = Xb.T @ (w * (p - y)) + reg * beta
        H = (Xb * (w * p * (1 - p))[:, None]).T @ Xb + np.diag(reg) + 1e-9 * np.eye(Xb.shape[1])
        step = np.linalg.solve(H, g)
        beta -= step
        if np.max(np.abs(step)) < 1e-7:
            break
    return beta


def fit_listwise(groups, l2=1e-2, iters=400, lr=0.05):
    """A linear ranking model fitted listwise: per query, the softmax over its candidates' scores
    against the gold claim(s) (cross-entropy; standardised features, L2 `l2`, Adam steps; queries
    whose gold is not among the candidates carry no information and are left out). It orders the
    candidates; the fused (pointwise) model still gives the score (`capped`). Returns beta on the
    raw scale."""
    Xs, Ys = [], []
    for g in groups:
        rows = g["rows"]
        if not rows or not any(r[2] == 2 for r in rows):
            continue
        Xs.append(np.asarray([vec(r[1]) for r in rows], dtype=np.float64))
        y = np.asarray([1.0 if r[2] == 2 else 0.0 for r in rows])
        Ys.append(y / y.sum())
    allx = np.vstack(Xs)
    mu, sd = allx.mean(axis=0), allx.std(axis=0) + 1e-9
    n, d, width = len(Xs), allx.shape[1], max(len(x) for x in Xs)
    XX, YY, M = np.zeros((n, width, d)), np.zeros((n, width)), np.zeros((n, width), dtype=bool)
    for i, (x, y) in enumerate(zip(Xs, Ys)):
        XX[i, :len(x)] = (x - mu) / sd
        YY[i, :len(x)] = y
        M[i, :len(x)] = True
    w, m1, m2 = np.zeros(d), np.zeros(d), np.zeros(d)
    for t in range(1, iters + 1):
        z = np.where(M, XX @ w, -1e9)
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z) * M
        p /= p.sum(axis=1, keepdims=True)
        grad = np.einsum("nl,nld->d", p - YY, XX) / n + l2 * w
        m1 = 0.9 * m1 + 0.1 * grad
        m2 = 0.999 * m2 + 0.001 * grad * grad
        w -= lr * (m1 / (1 - 0.9 ** t)) / (np.sqrt(m2 / (1 - 0.999 ** t)) + 1e-8)
    beta = np.empty(d + 1)
    beta[1:] = w / sd
    beta[0] = -float(np.sum(w * mu / sd))
    return beta


def capped(beta, rank_beta, rows, gap=None):
    """Run-time scores of one query's candidates (English: no containment model) with the ranking
    model's cap (`claims.match.features.cap_by_rank`): the fused score, capped at
    100·σ(logit(s_top) + gap · (z − z_top)) where top is the ranking model's first candidate."""
    gap = LISTWISE_GAP if gap is None else gap
    X = np.asarray([vec(r[1]) for r in rows])
    s = scores_for(beta, X)
    z = rank_beta[0] + X @ rank_beta[1:]
    t = int(np.argmax(z))
    p = min(max(s[t] / 100.0, 1e-12), 1 - 1e-12)
    cap = 100.0 / (1.0 + np.exp(-np.clip(np.log(p / (1 - p)) + gap * (z - z[t]), -30, 30)))
    return np.minimum(s, cap)


def capped_map(groups, beta, rank_beta, gap=None):
    aps = []
    for g in groups:
        rows = g["rows"]
        if not rows:
            aps.append(0.0)
            continue
        sc = capped(beta, rank_beta, rows, gap)
        order = sorted(range(len(rows)), key=lambda i: (-sc[i], str(rows[i][0])))
        rel = {r[0] for r in rows if r[2] >= 2}
        aps.append(ds.ap_at_k([rows[i][0] for i in order], rel, 5) * len(rel) / g["n_rel"] if rel else 0.0)
    return float(np.mean(aps)) if aps else 0.0


def match_f1(groups, score_fn, bar=None):
    """F1 of "match" (score ≥ the shipped match bar) over the top-5 candidates of every query, as
    the thresholds are fitted: the decisions the ranking change must not make worse."""
    if bar is None:
        from claims.settings import Settings

        bar = Settings(_env_file=None).match_threshold
    tp = lab = pos = 0
    for g in groups:
        rows = g["rows"]
        pos += sum(1 for r in rows if r[2] >= 2)
        if not rows:
            continue
        sc = score_fn(rows)
        for i in np.argsort(-sc)[:5]:
            if sc[i] >= bar:
                lab += 1
                tp += rows[i][2] >= 2
    p, r = tp / max(lab, 1), tp / max(pos, 1)
    return 2 * p * r / max(p + r, 1e-9)


def scores_for(beta, X):
    z = np.clip(beta[0] + X @ beta[1:], -30, 30)
    return 100.0 / (1.0 + np.exp(-z))


def group_map(groups, beta_by_lang, relevant_label=2, n_rel_key=None):
    aps = []
    for g in groups:
        beta = beta_by_lang[g["lang"]]
        rows = g["rows"]
        n_rel = g.get(n_rel_key, None) if n_rel_key else None
        if not rows:
            aps.append(0.0)
            continue
        s = combined(beta, rows, g["lang"])
        order = sorted(range(len(rows)), key=lambda i: (-s[i], str(rows[i][0])))
        ranked = [rows[i][0] for i in order]
        rel = {r[0] for r in rows if r[2] >= relevant_label}
        if n_rel is None:
            n_rel = len(rel) or 1
        aps.append(ds.ap_at_k(ranked, rel, 5) * (len(rel) / n_rel if n_rel else 0) if rel else 0.0)
    return float(np.mean(aps)) if aps else 0.0


def precision_threshold(scores, labels, target):
    """Lowest threshold whose precision over everything scoring at least that much ≥ target."""
    order = np.argsort(-scores)
    s, l = scores[order], labels[order]
    tp = np.cumsum(l)
    prec = tp / np.arange(1, len(l) + 1)
    ok = np.flatnonzero(prec >= target)
    if not len(ok):
        return float(s[0]), 0.0
    i = int(ok[-1])
    thr = (s[i] + s[i + 1]) / 2 if i + 1 < len(s) else s[i]
    return float(thr), float(tp[i] / max(l.sum(), 1))


def per_source(groups, betas):
    """Score of the top candidate by source and label (to see where thresholds fall)."""
    from collections import defaultdict

    acc = defaultdict(list)
    for g in groups:
        rows = g["rows"]
        if not rows:
            continue
        s = combined(betas[g["lang"]], rows, g["lang"])
        i = int(np.argmax(s))
        lab = rows[i][2]
        kind = g.get("kind") or ("gold" if lab == 2 else "near" if lab == 1 else "wrong")
        acc[(g["source"], kind)].append(s[i])
    for key in sorted(acc):
        v = np.asarray(acc[key])
        print(f"  top-1 {key[0]:<20} {key[1]:<12} n={len(v):5d}  p10 {np.percentile(v, 10):5.1f}  "
              f"median {np.median(v):5.1f}  p90 {np.percentile(v, 90):5.1f}  max {v.max():5.1f}")


def best_f1_threshold(scores, labels):
    order = np.argsort(-scores)
    s, l = scores[order], labels[order]
    tp = np.cumsum(l)
    fp = np.cumsum(1 - l)
    P = l.sum()
    prec = tp / np.maximum(tp + fp, 1)
    rec = tp / max(P, 1)
    f1 = 2 * prec * rec / np.maximum(prec + rec, 1e-9)
    i = int(np.argmax(f1))
    # threshold halfway between the chosen score and the next lower one
    thr = (s[i] + s[i + 1]) / 2 if i + 1 < len(s) else s[i]
    return float(thr), float(f1[i]), float(prec[i]), float(rec[i])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--refresh", action="store_true", help="recompute the cached features")
    ap.add_argument("--cv", action="store_true")
    ap.add_argument("--l2", type=float, default=1e-5)
    ap.add_argument("--features", default="", help="comma-separated feature names (default: all)")
    ap.add_argument("--write", action="store_true", help="write the fitted model into claims/match/data/weights.json")
    ap.add_argument("--near-label", type=float, default=NEAR_LABEL)
    ap.add_argument("--seed-weight", type=float, default=SEED_WEIGHT)
    ap.add_argument("--no-contain", action="store_true", help="fused score only (no containment model)")
    ap.add_argument("--encoder", default="", help="fit the semantic model (features + `sem`) with this encoder")
    ap.add_argument("--cross-only", action="store_true",
                    help="with --encoder: refit only the cross-language model (seconds, not the whole fit)")
    ap.add_argument("--checkthat-text", default=CT_TEXT, choices=("subtitle", "title", "both"),
                    help="verified claims indexed as claim + subtitle (default), claim + title only, or both")
    ap.add_argument("--listwise", action="store_true",
                    help="also fit an English ranking model listwise (softmax over each query's candidates) that orders the candidates the fused model scores (features.cap_by_rank)")
    ap.add_argument("--listwise-l2", type=float, default=LISTWISE_L2)
    ap.add_argument("--listwise-gap", type=float, default=LISTWISE_GAP)
    ap.add_argument("--write-lang", default="", choices=("", "en", "ru"),
                    help="fit (and with --write replace) only the English model, keeping the others")
    args = ap.parse_args()
    globals()["CT_TEXT"] = args.checkthat_text
    globals()["LISTWISE"] = args.listwise
    globals()["LISTWISE_L2"] = args.listwise_l2
    globals()["LISTWISE_GAP"] = args.listwise_gap
    globals()["ONLY_EN"] = args.write_lang == "en"
    globals()["ONLY_RU"] = args.write_lang == "ru"
    if args.encoder:
        globals()["ENCODER"] = load_encoder(args.encoder)
        if ENCODER is None:
            print(f"encoder {args.encoder!r} did not load", file=sys.stderr)
            return 1
    if args.cross_only:
        if ENCODER is None:
            print("--cross-only needs --encoder", file=sys.stderr)
            return 1
        cross = fit_cross()
        if args.write:
            path = Path(__file__).resolve().parent.parent / "claims" / "match" / "data" / "weights.json"
            w = json.loads(path.read_text(encoding="utf-8"))
            if w.get("semantic", {}).get("encoder") != ENCODER.name:
                print(f"weights.json holds no semantic model of {ENCODER.name}", file=sys.stderr)
                return 1
            w["semantic"]["cross"] = cross
            path.write_text(json.dumps(w, indent=1) + "\n", encoding="utf-8")
            print(f"wrote {path}")
        return 0
    globals()["NEAR_LABEL"] = args.near_label
    globals()["SEED_WEIGHT"] = args.seed_weight
    groups = load_all(args.refresh)
    if args.features:
        FEATS[:] = args.features.split(",")
    else:
        FEATS[:] = sorted(k for k in next(g for g in groups if g["rows"])["rows"][0][1].keys()
                          if not k.startswith("k_"))
    if not ds.available():
        print("skipped: ../shared/bench is absent")
        return 0
    by_lang = {"en": [g for g in groups if g["source"].startswith("checkthat")],
               "ru": [g for g in groups if not g["source"].startswith("checkthat")]}
    betas = {}
    if ONLY_EN:
        del by_lang["ru"]
    if ONLY_RU:
        return fit_ru_only(groups, by_lang["ru"], args)
    for lang, gs in by_lang.items():
        X, y, w, _ = design(gs)
        betas[lang] = fit_logistic(X, y, w, args.l2)
    CONTAIN_MODEL.clear()
    if ONLY_EN:
        betas["ru"] = betas["en"]       # unused: only the English model is printed and written
        for t in sorted({g.get("ct_text") for g in by_lang["en"]}):
            for sp in ("train", "dev"):
                sel = [g for g in by_lang["en"] if g["source"] == f"checkthat-{sp}" and g.get("ct_text") == t]
                print(f"in-sample MAP@5 checkthat-{sp} ({t}): {group_map(sel, betas, 2, 'n_rel'):.3f}")
        rank_beta = fit_listwise(by_lang["en"], LISTWISE_L2) if args.listwise else None
        if rank_beta is not None:
            for t in sorted({g.get("ct_text") for g in by_lang["en"]}):
                for sp in ("train", "dev"):
                    sel = [g for g in by_lang["en"] if g["source"] == f"checkthat-{sp}" and g.get("ct_text") == t]
                    print(f"in-sample MAP@5 checkthat-{sp} ({t}), ranked listwise: {capped_map(sel, betas['en'], rank_beta):.3f}")
        if args.cv:
            cv_en(by_lang["en"], betas, args.l2, args.listwise)
        if args.write:
            return write_en(betas["en"], args.l2, rank_beta)
        return 0
    if not args.no_contain:
        CONTAIN_MODEL["ru"] = fit_contain(by_lang["ru"], 1e-3)

    ct_dev = [g for g in by_lang["en"] if g["source"] == "checkthat-dev"]
    pp = [g for g in by_lang["ru"] if g["source"] == "paraphraser-train"]
    pp_precise = [g for g in pp if g["n_rel_precise"] > 0]
    for t in sorted({g.get("ct_text", "subtitle") for g in ct_dev}):
        for sp in ("train", "dev"):
            sel = [g for g in by_lang["en"] if g["source"] == f"checkthat-{sp}" and g.get("ct_text", "subtitle") == t]
            print(f"in-sample MAP@5 checkthat-{sp} ({t}): {group_map(sel, betas, 2, 'n_rel'):.3f}")
    print(f"in-sample MAP@5: checkthat-dev {group_map(ct_dev, betas, 2, 'n_rel'):.3f}  "
          f"paraphraser-train precise {group_map(pp_precise, betas, 2, 'n_rel_precise'):.3f}  "
          f"precise+near {group_map(pp, betas, 1, 'n_rel_any'):.3f}")
    if args.cv:
        rng = np.random.default_rng(0)
        for lang, gs in by_lang.items():
            idx = rng.permutation(len(gs))
            folds = [idx[: len(gs) // 2], idx[len(gs) // 2:]]
            res = []
            for a, b in ((0, 1), (1, 0)):
                tr = [gs[i] for i in folds[a]]
                te = [gs[i] for i in folds[b]]
                X, y, w, _ = design(tr)
                bt = dict(betas)
                bt[lang] = fit_logistic(X, y, w, args.l2)
                if lang == "en":
                    res.append(group_map(te, bt, 2, "n_rel"))
                else:
                    te_pp = [g for g in te if g["source"].startswith("paraphraser") and g["n_rel_precise"] > 0]
                    res.append(group_map(te_pp, bt, 2, "n_rel_precise"))
            print(f"2-fold CV MAP@5 {lang}: {np.mean(res):.3f}")

    # thresholds over the top-5 candidates of every fit query
    S, Lm, Lr, short_pos, short_neg = [], [], [], [], []
    for g in groups:
        rows = g["rows"]
        if not rows:
            continue
        s = combined(betas[g["lang"]], rows, g["lang"])
        order = sorted(range(len(rows)), key=lambda i: (-s[i], str(rows[i][0])))[:5]
        for i in order:
            lab = rows[i][2]
            S.append(s[i])
            Lm.append(1 if lab == 2 else 0)
            Lr.append(1 if lab >= 1 else 0)
            if g["n_content"] < _Settings.short_message_words and g["source"] != "checkthat-train":
                if g.get("kind") == "short":
                    short_neg.append(s[i])
                elif lab == 2:
                    short_pos.append(s[i])
    S, Lm, Lr = np.asarray(S), np.asarray(Lm), np.asarray(Lr)
    per_source(groups, betas)
    hp = precision_threshold(S, Lm, 0.90)
    print(f"high-precision threshold (P ≥ 0.90): {hp[0]:.1f} (R {hp[1]:.3f})")
    mt = best_f1_threshold(S, Lm)
    rt = best_f1_threshold(S, Lr)
    print(f"match threshold {mt[0]:.1f} (F1 {mt[1]:.3f}, P {mt[2]:.3f}, R {mt[3]:.3f}, n={len(S)})")
    print(f"related threshold {rt[0]:.1f} (F1 {rt[1]:.3f}, P {rt[2]:.3f}, R {rt[3]:.3f})")
    if short_neg:
        print(f"short messages: negatives max {max(short_neg):.1f} (n={len(short_neg)}), "
              f"positives n={len(short_pos)} median {np.median(short_pos) if short_pos else float('nan'):.1f} "
              f"share ≥ neg max: {np.mean(np.asarray(short_pos) > max(short_neg)) if short_pos else float('nan'):.2f}")
    block = render_model(betas, args.l2, CONTAIN_MODEL)
    print(block)
    if args.write:
        path = Path(__file__).resolve().parent.parent / "claims" / "match" / "data" / "weights.json"
        w = json.loads(path.read_text(encoding="utf-8"))
        fusion = {lang: {"bias": float(b[0]), "w": [round(float(v), 4) for v in b[1:]]} for lang, b in betas.items()}
        if ENCODER is not None:
            w["semantic"] = {"encoder": ENCODER.name, "features": list(FEATS), "fusion": fusion,
                             "cross": fit_cross(),
                             "source": f"bench/fit_fusion.py --encoder {ENCODER.name} --write (L2 {args.l2:g})"}
        else:
            w["features"] = list(FEATS)
            w["fusion"] = fusion
            w["contain"] = {lang: {"bias": m["bias"], "w": list(m["w"])} for lang, m in CONTAIN_MODEL.items()}
        path.write_text(json.dumps(w, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {path}")
    return 0


CROSS_KINDS = ("uk", "be", "en", "unrelated_xl")      # dev-set kinds of messages not in Russian


CROSS_L2 = (1e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1)   # L2 strengths tried for the cross model
CROSS_FOLDS = 5
_fit_logistic = None     # set below: fit_logistic (the cross fit standardises around it)


def fit_cross(_groups=None) -> dict:
    """Score of a claim in another language than the message: a logistic over the cosine, its
    margin over the next claim, the word coverage and the entity clash, fitted on the DEV split of
    bench/data/devset_ru.json, Ukrainian / Belarusian / English messages (stating a claim or, kind
    unrelated_xl, none) against their ten nearest claim vectors in the dev-set store (the target
    claim = 1, the others 0). The L2 strength is chosen by 5-fold cross-validation grouped by
    message (out-of-fold log-loss), and the "match" bar (Settings.cross_match_threshold) is the
    best-F1 bar over OUT-OF-FOLD scores of what the matcher returns (each message scored by a model
    fitted without it), so neither is fitted to the messages it is judged on. Cross-lingual cosines
    run lower than monolingual ones, so the ParaPhraser calibration does not carry over; the test
    split is never used."""
    from bench.bench_match import devset_store

    d, m = devset_store(ENCODER)
    X, y, grp, msgs = [], [], [], []
    for msg in d["messages"]:
        if msg["split"] != "dev" or msg["kind"] not in CROSS_KINDS:
            continue
        gi = len(msgs)
        msgs.append(msg)
        q = ENCODER.encode([msg["text"]])[0]
        qry = m._queries(msg["text"])[0]
        m._resolve(qry)
        q_toks = qry.tokens
        near = m._vectors.top(q, 10)
        for cid, cos in near:
            other = max(next((c for i, c in near if i != cid), 0.0), BACKGROUND_COS)
            c_toks = m._index.doc_tokens(m._index.slot_of(cid))[0]
            X.append([cos, cos - other, m.cross_coverage(msg["text"], c_toks, qry.norms), m.cross_entity_clash(q_toks, c_toks)])
            y.append(1.0 if cid in msg["claims"] else 0.0)
            grp.append(gi)
    X, y, grp = np.asarray(X), np.asarray(y), np.asarray(grp)
    fold = grp % CROSS_FOLDS

    def fit_logistic(X, y, w, l2):     # ridge on standardised features, returned on the raw scale
        mu, sd = X.mean(axis=0), X.std(axis=0) + 1e-9
        bs = _fit_logistic((X - mu) / sd, y, w, l2)
        beta = np.empty_like(bs)
        beta[1:] = bs[1:] / sd
        beta[0] = bs[0] - float(np.sum(bs[1:] * mu / sd))
        return beta

    def as_model(beta):
        return {"a": round(float(beta[1]), 4), "c": round(float(beta[2]), 4), "d": round(float(beta[3]), 4),
                "e": round(float(beta[4]), 4), "b": round(float(beta[0]), 4)}

    losses = {}
    for l2 in CROSS_L2:
        ll = 0.0
        for k in range(CROSS_FOLDS):
            tr, te = fold != k, fold == k
            beta = fit_logistic(X[tr], y[tr], np.ones(int(tr.sum())), l2)
            p = np.clip(scores_for(beta, X[te]) / 100.0, 1e-6, 1 - 1e-6)
            ll -= float(np.sum(y[te] * np.log(p) + (1 - y[te]) * np.log(1 - p)))
        losses[l2] = ll / len(y)
    # sign-constrained: the least out-of-fold loss among fits whose cosine, margin and coverage
    # weights are all ≥ 0 (a closer or better covered message must never score lower)
    sane = [k for k in losses if min(fit_logistic(X, y, np.ones(len(y)), k)[1:4]) >= 0.0]
    l2 = min(sane or losses, key=lambda k: (losses[k], -k))
    print("cross-language model, out-of-fold log-loss by L2: "
          + ", ".join(f"{k:g}: {v:.4f}" for k, v in losses.items()) + f" -> L2 {l2:g}")
    beta = fit_logistic(X, y, np.ones(len(y)), l2)
    print(f"cross-language (cosine + margin + word coverage + entity clash) model on {len(y)} dev-set "
          f"candidates ({int(sum(y))} positive, {len(msgs)} messages): a {beta[1]:.3f}, c {beta[2]:.3f}, "
          f"d {beta[3]:.3f}, e {beta[4]:.3f}, b {beta[0]:.3f}")
    model = as_model(beta)
    # the "match" bar of cross-language hits: best F1 over out-of-fold scores of what the matcher returns
    import claims.match.features as features

    saved = features.CROSS
    S, L, worst_none, target_oof = [], [], [], []
    try:
        for k in range(CROSS_FOLDS):
            tr = fold != k
            features.CROSS = as_model(fit_logistic(X[tr], y[tr], np.ones(int(tr.sum())), l2))
            for gi, msg in enumerate(msgs):
                if gi % CROSS_FOLDS != k:
                    continue
                top_wrong = 0.0
                for h in m.match(msg["text"], limit=10, min_score=0):
                    if h.cross_language:
                        right = h.claim_id in msg.get("claims", [])
                        S.append(h.score)
                        L.append(1.0 if right else 0.0)
                        if not right and h.claim_id <= 1000:
                            top_wrong = max(top_wrong, h.score)
                if not msg.get("claims"):
                    worst_none.append(top_wrong)
                    if top_wrong >= 30:
                        print(f"  out of fold: {msg['text']!r} (states none) scores {top_wrong:.0f}")
                else:
                    target_oof.append(min((h.score for h in m.match(msg["text"], limit=10, min_score=0)
                                           if h.claim_id in msg["claims"]), default=0.0))
    finally:
        features.CROSS = saved
    thr = best_f1_threshold(np.asarray(S), np.asarray(L))
    print(f"cross_match_threshold (Settings) {thr[0]:.1f}: out-of-fold F1 {thr[1]:.3f}, P {thr[2]:.3f}, "
          f"R {thr[3]:.3f} over {len(S)} cross-language hits ({int(sum(L))} right); messages stating no claim: "
          f"highest fact-check score out of fold {max(worst_none, default=0.0):.1f} (n={len(worst_none)})")
    print("  out of fold, messages stating a claim, its score: " + " ".join(f"{v:.0f}" for v in sorted(target_oof)))
    print("  out of fold, messages stating none, best fact-check: " + " ".join(f"{v:.0f}" for v in sorted(worst_none)))
    return {**model, "l2": l2,
            "source": "bench/fit_fusion.py fit_cross: dev split of bench/data/devset_ru.json (uk/be/en messages), "
                      f"L2 {l2:g} on standardised features by 5-fold CV grouped by message; match bar {thr[0]:.1f} from out-of-fold scores"}


def render_model(betas, l2, contain=None) -> str:
    lines = ["# BEGIN FITTED (written by bench/fit_fusion.py --write; do not edit by hand)",
             f"# logistic regression per claim language, L2 {l2:g}; see bench/fit_fusion.py for the data",
             "FEATURES = ("]
    row = "   "
    for name in FEATS:
        item = f' "{name}",'
        if len(row) + len(item) > 100:
            lines.append(row)
            row = "   "
        row += item
    lines.append(row)
    lines.append(")")
    lines.append("FUSION = {")
    for lang, beta in betas.items():
        lines.append(f'    "{lang}": {{"bias": {beta[0]:.4f}, "w": (')
        vals = [f"{v:.4f}," for v in beta[1:]]
        for i in range(0, len(vals), 10):
            lines.append("        " + " ".join(vals[i:i + 10]))
        lines.append("    )},")
    lines.append("}")
    lines.append("# containment model (max with the fused score; Russian only), sign-constrained")
    lines.append("CONTAIN_FEATURES = (" + ", ".join(f'"{n}"' for n in CONTAIN_FEATURES) + ")")
    lines.append("CONTAIN = {")
    for lang, m in (contain or {}).items():
        lines.append(f'    "{lang}": {{"bias": {m["bias"]:.4f}, "w": ('
                     + " ".join(f"{v:.4f}," for v in m["w"]) + ")},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def cv_en(gs, betas, l2, listwise: bool = False) -> None:
    """2-fold CV MAP@5 of the English model, folds by query (both representations of one query in
    the same fold), reported per representation, with the match F1 at the shipped bar (`match_f1`);
    `listwise`: also the fused model capped by a ranking model fitted as --listwise fits it."""
    rng = np.random.default_rng(0)
    qids = sorted({g["qid"] for g in gs})
    perm = rng.permutation(len(qids))
    fold_of = {qids[i]: int(k < len(qids) // 2) for k, i in enumerate(perm)}
    res: dict = {}
    for f in (0, 1):
        tr = [g for g in gs if fold_of[g["qid"]] != f]
        te = [g for g in gs if fold_of[g["qid"]] == f]
        X, y, w, _ = design(tr)
        bt = {"en": fit_logistic(X, y, w, l2)}
        bt["ru"] = bt["en"]
        rk = fit_listwise(tr, LISTWISE_L2) if listwise else None
        for t in sorted({g.get("ct_text") for g in te}):
            for sp in ("train", "dev"):
                sel = [g for g in te if g.get("ct_text") == t and g["source"] == f"checkthat-{sp}"]
                res.setdefault((t, sp, "fused"), []).append(
                    (group_map(sel, bt, 2, "n_rel"), match_f1(sel, lambda rows: combined(bt["en"], rows, "en")), len(sel)))
                if rk is not None:
                    res.setdefault((t, sp, "fused, ranked listwise"), []).append(
                        (capped_map(sel, bt["en"], rk), match_f1(sel, lambda rows: capped(bt["en"], rk, rows)), len(sel)))
    for (t, sp, how), v in sorted(res.items()):
        n = max(1, sum(k for _, _, k in v))
        print(f"2-fold CV checkthat-{sp} ({t}) {how}: MAP@5 {sum(a * k for a, _, k in v) / n:.3f}, "
              f"match F1 {sum(b * k for _, b, k in v) / n:.3f}")


def write_en(beta, l2, rank_beta=None) -> int:
    """Replace the English fusion model in weights.json (the semantic one with --encoder, else
    the lexical one), keeping every other model as it is; with `rank_beta` (--listwise, semantic
    only) also the English ranking model ("rank": its weights over the same features and the gap)."""
    path = Path(__file__).resolve().parent.parent / "claims" / "match" / "data" / "weights.json"
    w = json.loads(path.read_text(encoding="utf-8"))
    sect = w["semantic"] if ENCODER is not None else w
    have = list(sect["features"])
    if not set(have) <= set(FEATS):
        print("weights.json has features this fit lacks; refit everything instead", file=sys.stderr)
        return 1
    if have != list(FEATS):
        # new features: the other languages' models get weight 0 on them (their scores unchanged)
        for lang, mdl in sect["fusion"].items():
            old = dict(zip(have, mdl["w"]))
            mdl["w"] = [old.get(n, 0.0) for n in FEATS]
        sect["features"] = list(FEATS)
    sect["fusion"]["en"] = {"bias": float(beta[0]), "w": [round(float(v), 4) for v in beta[1:]]}
    if have != list(FEATS):
        for lang, mdl in sect.get("rank", {}).items():
            old = dict(zip(have, mdl["w"]))
            mdl["w"] = [old.get(n, 0.0) for n in FEATS]
    how = f"(L2 {l2:g})" + (f" --listwise (L2 {LISTWISE_L2:g}, gap {LISTWISE_GAP:g})" if rank_beta is not None else "")
    day = time.strftime('%Y-%m-%d', time.gmtime())
    sect["source"] += (f"; English model refitted {day} by bench/fit_fusion.py"
                       f"{' --encoder ' + ENCODER.name if ENCODER else ''} --write-lang en --checkthat-text {CT_TEXT} {how}"
                       " on CheckThat! 2A train + dev")
    if rank_beta is not None and ENCODER is not None:
        sect.setdefault("rank", {})["en"] = {
            "bias": float(rank_beta[0]), "w": [round(float(v), 5) for v in rank_beta[1:]], "gap": LISTWISE_GAP,
            "source": f"bench/fit_fusion.py --encoder {ENCODER.name} --write-lang en --checkthat-text {CT_TEXT} "
                      f"--listwise {day}: softmax over each CheckThat! 2A train + dev query's candidates "
                      f"(L2 {LISTWISE_L2:g} on standardised features); gap {LISTWISE_GAP:g} chosen by 2-fold CV on train"}
    path.write_text(json.dumps(w, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path} (English model)")
    return 0


def fit_ru_only(groups, gs, args) -> int:
    """--write-lang ru: refit the Russian model alone (semantic one with --encoder), keeping the
    English, cross-language and containment models as shipped (containment applied as at run time).
    Prints the shipped and the refitted model side by side: in-sample and 2-fold CV MAP@5 (folds by
    query) on ParaPhraser train precise / precise+near and seed/dev-set dev, and the best-F1 bars
    over the Russian top-5 candidates (to see whether the score scale moved)."""
    from claims.match import features as F

    CONTAIN_MODEL["ru"] = dict(F.CONTAIN["ru"])
    sect_feats = list(F.FEATURES_SEM if ENCODER is not None else F.FEATURES)
    ship = F.FUSION_SEM["ru"] if ENCODER is not None else F.FUSION["ru"]
    old = dict(zip(sect_feats, ship["w"]))
    shipped = np.asarray([ship["bias"]] + [old.get(n, 0.0) for n in FEATS])
    if set(sect_feats) - set(FEATS):
        print("shipped model has features this fit lacks: " + ", ".join(sorted(set(sect_feats) - set(FEATS))))
    X, y, w, _ = design(gs)
    refit = fit_logistic(X, y, w, args.l2)
    pp = [g for g in gs if g["source"] == "paraphraser-train"]
    ppp = [g for g in pp if g["n_rel_precise"] > 0]
    seed = [g for g in gs if g["source"].startswith("seed")]

    def report(tag, beta, sel_p, sel_a):
        b = {"ru": beta, "en": beta}
        return (f"{tag}: ParaPhraser train precise {group_map(sel_p, b, 2, 'n_rel_precise'):.4f}  "
                f"precise+near {group_map(sel_a, b, 1, 'n_rel_any'):.4f}")
    print(report("in-sample shipped", shipped, ppp, pp))
    print(report("in-sample refit  ", refit, ppp, pp))
    # 2-fold CV by query (seed/dev-set groups always in the training folds' data too, split alike)
    rng = np.random.default_rng(0)
    idx = rng.permutation(len(gs))
    folds = [set(idx[: len(gs) // 2].tolist()), set(idx[len(gs) // 2:].tolist())]
    cv_new, cv_old = [], []
    for a, b in ((0, 1), (1, 0)):
        tr = [gs[i] for i in sorted(folds[a])]
        te = [gs[i] for i in sorted(folds[b])]
        Xt, yt, wt, _ = design(tr)
        bt = fit_logistic(Xt, yt, wt, args.l2)
        te_p = [g for g in te if g["source"] == "paraphraser-train" and g["n_rel_precise"] > 0]
        te_a = [g for g in te if g["source"] == "paraphraser-train"]
        cv_new.append((group_map(te_p, {"ru": bt}, 2, "n_rel_precise"), group_map(te_a, {"ru": bt}, 1, "n_rel_any")))
        cv_old.append((group_map(te_p, {"ru": shipped}, 2, "n_rel_precise"),
                       group_map(te_a, {"ru": shipped}, 1, "n_rel_any")))
    print(f"2-fold CV (held-out half): shipped precise {np.mean([c[0] for c in cv_old]):.4f} "
          f"p+n {np.mean([c[1] for c in cv_old]):.4f} | refit precise {np.mean([c[0] for c in cv_new]):.4f} "
          f"p+n {np.mean([c[1] for c in cv_new]):.4f}")
    for tag, beta in (("shipped", shipped), ("refit", refit)):
        S, Lm, Lr = [], [], []
        for g in gs:
            rows = g["rows"]
            if not rows:
                continue
            s = combined(beta, rows, "ru")
            for i in sorted(range(len(rows)), key=lambda i: (-s[i], str(rows[i][0])))[:5]:
                S.append(s[i])
                Lm.append(1 if rows[i][2] == 2 else 0)
                Lr.append(1 if rows[i][2] >= 1 else 0)
        mt = best_f1_threshold(np.asarray(S), np.asarray(Lm))
        rt = best_f1_threshold(np.asarray(S), np.asarray(Lr))
        print(f"{tag}: Russian best-F1 match bar {mt[0]:.1f} (F1 {mt[1]:.3f} P {mt[2]:.3f} R {mt[3]:.3f}); "
              f"related bar {rt[0]:.1f} (F1 {rt[1]:.3f})")
        per_source(seed, {"ru": beta})
    if args.write:
        path = Path(__file__).resolve().parent.parent / "claims" / "match" / "data" / "weights.json"
        wj = json.loads(path.read_text(encoding="utf-8"))
        sect = wj["semantic"] if ENCODER is not None else wj
        if list(sect["features"]) != list(FEATS):
            print("weights.json features differ from this fit's; refit everything instead", file=sys.stderr)
            return 1
        sect["fusion"]["ru"] = {"bias": float(refit[0]), "w": [round(float(v), 4) for v in refit[1:]]}
        sect["source"] += (f"; Russian model refitted {time.strftime('%Y-%m-%d', time.gmtime())} by bench/fit_fusion.py"
                           f"{' --encoder ' + ENCODER.name if ENCODER else ''} --write-lang ru (L2 {args.l2:g}) on "
                           "ParaPhraser train + dev splits of tests/data/seed_ru.json and bench/data/devset_ru.json")
        path.write_text(json.dumps(wj, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {path} (Russian model)")
    return 0


_fit_logistic = fit_logistic

if __name__ == "__main__":
    raise SystemExit(main())
