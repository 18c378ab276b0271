"""Claim-vector search alone at 1M claims: int8 two-step search vs the exact float32 scan.

    taskset -c 1 .venv/bin/python bench/bench_vectors.py --claims 1000000 --messages 60 --posts 10

A short run for a busy machine (bench_match.py's speed section runs the whole matcher): the
synthetic store and messages of bench_match (real use-m3 vectors of the first 100k claims, the
rest repeated with noise), the query vectors of short messages and of 2,000-character posts
(one vector per part), then per message the store's `top_many` (what `Matcher.match` calls once)
for both stores, interleaved: median and p95 ms, their ratio, recall of the exact 8 nearest
claims, memory, and the time to fill the store. Prints only.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import claims.nlp  # noqa: E402,F401  (pins BLAS threads before numpy)

import numpy as np  # noqa: E402

from bench import bench_match as bm  # noqa: E402
from bench.synth import Generator  # noqa: E402
from claims.match.encoder import load_encoder  # noqa: E402
from claims.match.matcher import Matcher  # noqa: E402
from claims.match.segmentation import split_parts  # noqa: E402
from claims.match.vectors import VectorStore, from_bytes, to_bytes  # noqa: E402
from claims.settings import Settings  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--claims", type=int, default=1_000_000)
    ap.add_argument("--messages", type=int, default=60)
    ap.add_argument("--posts", type=int, default=10)
    args = ap.parse_args(argv)
    enc = load_encoder("use-m3")
    bm.ENCODER = enc
    n = args.claims
    texts, _, _ = bm.synthetic(max(n, 1_000_000))
    texts = texts[:n]
    t = time.perf_counter()
    vecs = bm.synthetic_vectors(enc, texts)
    print(f"vectors generated in {time.perf_counter() - t:.0f} s", flush=True)
    blobs = to_bytes(vecs[:100_000])
    t = time.perf_counter()
    codes, scales = from_bytes(blobs, enc.dim)
    decode_s = (time.perf_counter() - t) * n / len(blobs)
    store = VectorStore(enc.dim)
    store.reserve(n)
    t = time.perf_counter()
    for a in range(0, n, 65_536):
        store.put_many(np.arange(a, min(n, a + 65_536)), vecs[a:a + 65_536])
    fill_s = time.perf_counter() - t
    exact = bm.ExactFloat32(np.arange(n), vecs)
    gen = Generator(7_000 + n)
    m = Matcher(Settings(_env_file=None), encoder=enc)
    msgs = [gen.message(texts[gen.rng.randrange(n)]) for _ in range(args.messages)]
    posts = [bm.long_post(gen, x) for x in msgs[:args.posts]]
    qs = [enc.encode([p.text for p in split_parts(x)]) for x in msgs]
    qp = [enc.encode([p.text for p in split_parts(x)]) for x in posts]
    parts = statistics.median(len(q) for q in qp)
    res = {}
    for name, group in (("message", qs), ("post", qp)):
        new_t, old_t, hit = [], [], 0
        for q in group:
            s = time.perf_counter()
            got = store.top_many(q, 8)[1]
            new_t.append(time.perf_counter() - s)
            s = time.perf_counter()
            want = exact.top_many(q, 8)[1]
            old_t.append(time.perf_counter() - s)
            hit += len({c for c, _ in got} & {c for c, _ in want})
        res[name] = {"new_med": 1000 * statistics.median(new_t), "new_p95": 1000 * float(np.percentile(new_t, 95)),
                     "old_med": 1000 * statistics.median(old_t), "old_p95": 1000 * float(np.percentile(old_t, 95)),
                     "recall8": hit / (8 * len(group))}
    print(f"claims {n:,}; vectors in memory: int8 two-step {store.memory_bytes() / 2**20:.0f} MB, float32 "
          f"{exact.memory_bytes() / 2**20:.0f} MB; filled in {fill_s:.1f} s; stored blobs decoded at "
          f"{decode_s:.1f} s per {n:,}; posts: median {parts:.0f} parts", flush=True)
    for name, r in res.items():
        print(f"{name}: top_many int8 two-step median {r['new_med']:.1f} ms p95 {r['new_p95']:.1f} ms; "
              f"exact float32 median {r['old_med']:.1f} ms p95 {r['old_p95']:.1f} ms; ratio "
              f"{r['new_med'] / r['old_med']:.3f}; recall@8 {r['recall8']:.3f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
