"""Russian NLP models (razdel, natasha, pymorphy3), loaded once per process.

The models ship inside the wheels; nothing here downloads anything. BLAS is pinned to
one thread before numpy loads: on a 2-core machine multi-threaded BLAS made natasha
about 13x slower.
"""

from __future__ import annotations

import os
import threading
import warnings
from dataclasses import dataclass
from functools import cached_property

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

# natasha imports pymorphy2, which imports pkg_resources (setuptools < 81 is pinned for it).
warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)


@dataclass
class _Natasha:
    segmenter: object
    morph_vocab: object
    morph_tagger: object
    syntax_parser: object
    ner_tagger: object


class NLP:
    """Holder for the heavy objects; build one with `get_nlp()` and pass it around."""

    @cached_property
    def morph(self):
        import pymorphy3

        return pymorphy3.MorphAnalyzer()

    @cached_property
    def natasha(self) -> _Natasha:
        from natasha import (
            MorphVocab,
            NewsEmbedding,
            NewsMorphTagger,
            NewsNERTagger,
            NewsSyntaxParser,
            Segmenter,
        )

        emb = NewsEmbedding()
        return _Natasha(
            segmenter=Segmenter(),
            morph_vocab=MorphVocab(),
            morph_tagger=NewsMorphTagger(emb),
            syntax_parser=NewsSyntaxParser(emb),
            ner_tagger=NewsNERTagger(emb),
        )


_lock = threading.Lock()
_nlp: NLP | None = None


def get_nlp() -> NLP:
    """The process-wide NLP holder (models themselves load lazily on first use)."""
    global _nlp
    with _lock:
        if _nlp is None:
            _nlp = NLP()
        return _nlp
