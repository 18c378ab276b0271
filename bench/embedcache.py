"""Claim vectors for benchmarks, computed once per (encoder, text list) and cached in bench/.cache."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

CACHE = Path(__file__).resolve().parent / ".cache"


def vectors_for(encoder, texts: list[str], batch: int = 128) -> np.ndarray:
    """(len(texts), encoder.dim) float32 unit vectors of `texts` (what `claims db embed` stores)."""
    key = hashlib.blake2b("\n".join(texts).encode(), digest_size=8).hexdigest()
    path = CACHE / f"vec_{encoder.name}_{key}.npy"
    CACHE.mkdir(exist_ok=True)
    if path.exists():
        return np.load(path)
    vecs = (np.vstack([encoder.encode(texts[i:i + batch]) for i in range(0, len(texts), batch)])
            if texts else np.zeros((0, encoder.dim), dtype=np.float32))
    np.save(path, vecs.astype(np.float32))
    return vecs
