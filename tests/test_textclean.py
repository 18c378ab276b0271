"""Invisible characters never change what is stored or what matches (claims.textclean)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.normalize import normalize
from claims.textclean import clean_line, clean_text

INVISIBLES = ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\u2062", "\ufeff", "\u200e",
              "\u200f", "\u202e", "\u2066", "\u2069", "\U000e0041", "\x00", "\x07", "\u0301"]
CLAIM = "Президент Путин посетил Северную Корею в прошлом году"


def test_invisible_characters_are_removed_without_splitting_words():
    assert clean_text("пре\u00adзи\u200bдент\x00") == "президент"
    assert clean_text("\u202eПутин\u202c") == "Путин"
    assert clean_text("мо́локо") == "молоко"


def test_letters_in_other_fonts_become_plain_but_russian_typography_stays():
    assert clean_text("𝐏𝐮𝐭𝐢𝐧 Ｐｕｔｉｎ") == "Putin Putin"
    assert clean_text("№ 5 … «ёлка» й") == "№ 5 … «ёлка» й"


def test_line_breaks_kept_and_one_line_fields_folded():
    assert clean_text("a\r\nb\rc") == "a\nb\nc"
    assert clean_line("  Иван\n  Петров\t ") == "Иван Петров"
    assert clean_text(None) == ""


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(CLAIM)), st.sampled_from(INVISIBLES)), max_size=8))
def test_any_invisible_anywhere_gives_the_same_text_and_normal_form(inserts):
    text = CLAIM
    for pos, ch in sorted(inserts, reverse=True):
        text = text[:pos] + ch + text[pos:]
    assert clean_text(text) == CLAIM
    assert normalize(text) == normalize(CLAIM)


def test_a_stress_mark_never_turns_a_letter_into_another():
    # NFC alone would compose К + U+0301 into the Macedonian letter Ќ (found by hypothesis)
    assert clean_text("Северную К\u0301орею, Г\u0301ермания, Е\u0300вропа") == "Северную Корею, Германия, Европа"
