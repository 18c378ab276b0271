"""Tuning figures for claim matching on TRAIN/DEV data only (never a test split):

- CheckThat! 2A, verified claims indexed as claim + title only (what `claims import` of
  {id, text: claim, title} gives — the issue's target setting), 2021 queries-train + queries-dev
  (same verified claims as the 2022 test);
- ParaPhraser *train*, precise: pool = every distinct headline of pairs-train.tsv, queries = the
  distinct text_1 of class-1 pairs, the query itself dropped from its ranking (the gold task's
  construction, on the train file).

    .venv/bin/python bench/tune_match.py                      # encoder use-m3 and lexical only
    .venv/bin/python bench/tune_match.py --no-lexical --set claims.match.matcher.CANDIDATES=20

`--set module.NAME=value` overrides a module constant before the matchers are built (to try a
setting without editing the code). Figures are MAP@5 (bench.datasets.evaluate), the matcher called
as `claims match --min-score 0` calls it (`Matcher.match(text, limit=40, min_score=0)`).
"""

from __future__ import annotations

import argparse
import ast
import importlib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import datasets as ds  # noqa: E402
from bench.bench_match import make_matcher  # noqa: E402
from claims.match.encoder import load_encoder  # noqa: E402
from claims.normalize import normalize  # noqa: E402


VEC_TEXT = "claim"      # --vec-text: what a verified claim's vector is of ("claim" = what `claims db embed` stores)


def _vec_text(v) -> str:
    if VEC_TEXT == "title+claim" and v.title and v.title.strip() != v.claim.strip():
        return f"{v.title.strip()}. {v.claim}"
    return v.claim


def checkthat(encoder, splits=("train", "dev")) -> dict:
    vc = ds.load_vclaims()
    rows = [(i, normalize(v.claim, "en"), v.title, "en") for i, v in enumerate(vc)]
    m = make_matcher(rows, [_vec_text(v) for v in vc], encoder)
    names = [v.id for v in vc]
    out = {}
    for split in splits:
        q, qr = ds.load_queries(split), ds.load_qrels(split)
        ranked = {qid: [names[h.claim_id] for h in m.match(q.get(qid, ""), limit=40, min_score=0)] for qid in qr}
        out[split] = ds.evaluate(ranked, qr)
    return out


def paraphraser(encoder, split="train") -> dict:
    pairs = ds.load_pairs(split)
    pool, queries, qrels = ds.paraphraser_task(pairs, (1,))
    rows = [(i, normalize(s, "ru"), "", "ru") for i, s in enumerate(pool)]
    m = make_matcher(rows, pool, encoder)
    ranked = {}
    for qid in qrels:
        text = queries[qid]
        ranked[qid] = [pool[h.claim_id] for h in m.match(text, limit=41, min_score=0) if pool[h.claim_id] != text]
    return {split: ds.evaluate(ranked, qrels)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--encoder", default="use-m3")
    ap.add_argument("--no-lexical", action="store_true", help="skip the lexical-only (ENCODER=none) run")
    ap.add_argument("--sections", default="checkthat,paraphraser")
    ap.add_argument("--set", action="append", default=[], metavar="module.NAME=value")
    ap.add_argument("--vec-text", default="claim", choices=("claim", "title+claim"))
    args = ap.parse_args(argv)
    globals()["VEC_TEXT"] = args.vec_text
    for s in args.set:
        lhs, val = s.split("=", 1)
        mod, name = lhs.rsplit(".", 1)
        setattr(importlib.import_module(mod), name, ast.literal_eval(val))
    encs = [("enc", load_encoder(args.encoder))] + ([] if args.no_lexical else [("lex", None)])
    for sec in args.sections.split(","):
        for tag, enc in encs:
            t = time.perf_counter()
            res = {"checkthat": checkthat, "paraphraser": paraphraser}[sec](enc)
            for split, mt in res.items():
                print(f"{sec:11s} {split:5s} {tag}: {mt.row()}  ({time.perf_counter() - t:.0f} s)", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
