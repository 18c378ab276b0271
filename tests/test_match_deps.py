"""The matcher's installed dependencies are the fast ones its speed figures were measured with."""

from __future__ import annotations

import pymorphy3.dawg

from claims.nlp import get_nlp


def test_pymorphy_reads_its_dictionary_through_the_c_extension():
    """pymorphy3[fast] (DAWG2): with the pure-Python DAWG reader pymorphy falls back to silently,
    a 2,000-character post of words not seen before took 1.1-1.2x as long at 100k and 1M claims
    (bench/RESULTS.md "Fresh posts and cold posts")."""
    assert pymorphy3.dawg.EXTENSION_AVAILABLE
    morph = get_nlp().morph
    assert any(c.__module__ == "dawg" for c in type(morph.dictionary.words).__mro__)
    # ё-insensitive look-up (the C reader's similar_items) still finds the lemma
    assert morph.parse("ежик")[0].normal_form == "ёжик"
