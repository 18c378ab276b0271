"""Claim vectors for benchmarks, computed once per (encoder, text list) and cached in bench/.cache.

    .venv/bin/python bench/embedcache.py --synthetic 1000000   # encode the 1M synthetic store (resumable)
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import numpy as np

CACHE = Path(__file__).resolve().parent / ".cache"
CHUNK = 100_000     # texts per cached .npy file of vectors_chunked (an interrupted run resumes per chunk)


def _path(encoder, texts: list[str]) -> Path:
    key = hashlib.blake2b("\n".join(texts).encode(), digest_size=8).hexdigest()
    return CACHE / f"vec_{encoder.name}_{key}.npy"


def vectors_for(encoder, texts: list[str], batch: int = 128, progress=None) -> np.ndarray:
    """(len(texts), encoder.dim) float32 unit vectors of `texts` (what `claims db embed` stores).

    Cached as one .npy file keyed by the texts; written to a temporary name then renamed, so an
    interrupted run never leaves a half-written cache. `progress(n)` is called after each batch."""
    path = _path(encoder, texts)
    CACHE.mkdir(exist_ok=True)
    if path.exists():
        if progress is not None:
            progress(len(texts))
        return np.load(path)
    parts = []
    for i in range(0, len(texts), batch):
        parts.append(np.asarray(encoder.encode(texts[i:i + batch]), dtype=np.float32))
        if progress is not None:
            progress(len(texts[i:i + batch]))
    vecs = np.vstack(parts) if parts else np.zeros((0, encoder.dim), dtype=np.float32)
    tmp = path.with_name(path.stem + f".{os.getpid()}.tmp.npy")
    np.save(tmp, vecs)
    tmp.rename(path)
    return vecs


def vectors_chunked(encoder, texts: list[str], chunk: int = CHUNK, show: bool = True,
                    reverse: bool = False) -> np.ndarray:
    """Like `vectors_for`, cached in files of `chunk` texts (each keyed by its own texts, so the
    first chunk is the same file as `vectors_for(texts[:chunk])`): an interrupted run resumes at
    the first missing chunk (`reverse`: last chunk first, so a second process can work from the
    other end; each file is written under a temporary name and renamed). Shows a rich progress bar (claims encoded, rate, time left) on a terminal
    or when `show` is true."""
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)

    out = np.empty((len(texts), encoder.dim), dtype=np.float32)
    cols = (TextColumn("[bold]encoding {task.fields[name]}"), BarColumn(), MofNCompleteColumn(),
            TaskProgressColumn(), TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TimeRemainingColumn())
    with Progress(*cols, disable=not show, refresh_per_second=1) as bar:
        task = bar.add_task("encode", total=len(texts), name=encoder.name, rate="")
        starts = list(range(0, len(texts), chunk))
        for a in (starts[::-1] if reverse else starts):
            b = min(len(texts), a + chunk)

            def step(k: int) -> None:
                bar.advance(task, k)
                sp = bar.tasks[0].speed
                bar.update(task, rate=f"{sp:,.0f} claims/s" if sp else "")
            out[a:b] = vectors_for(encoder, texts[a:b], progress=step)
    return out


def main(argv: list[str] | None = None) -> int:
    import argparse

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import claims.nlp  # noqa: F401  (pins BLAS threads before numpy work)
    from bench.bench_match import synthetic
    from claims.match.encoder import load_encoder
    from claims.settings import Settings

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--synthetic", type=int, required=True, help="size of the synthetic store to encode")
    ap.add_argument("--reverse", action="store_true", help="last chunk first (a second worker)")
    ap.add_argument("--encoder", default=None, help="encoder name (default: the Settings default)")
    args = ap.parse_args(argv)
    enc = load_encoder(args.encoder or Settings(_env_file=None).encoder)
    texts = synthetic(args.synthetic)[0]
    vecs = vectors_chunked(enc, texts, reverse=args.reverse)
    print(f"{len(vecs):,} vectors of {enc.name} cached in {CACHE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
