"""Invisible characters never change what is stored or what matches (claims.textclean)."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.normalize import normalize
from claims.textclean import clean_line, clean_text, invisible_chars

INVISIBLES = ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\u2062", "\ufeff", "\u200e",
              "\u200f", "\u202e", "\u2066", "\u2069", "\U000e0041", "\x00", "\x07", "\u0301", "\ufffe", "\ufdd0", "\U0010ffff",
              "\ud800", "\udfff", "\u3164", "\uffa0", "\u115f", "\u1160", "\u034f"]
CLAIM = "Президент Путин посетил Северную Корею в прошлом году"


def test_invisible_characters_are_removed_without_splitting_words():
    assert clean_text("пре\u00adзи\u200bдент\x00") == "президент"
    assert clean_text("\u202eПутин\u202c") == "Путин"
    assert clean_text("мо́локо") == "молоко"
    assert clean_text("Ко́́рея Ќ́") == "Корея К"  # a doubled mark does not make «Ќ»
    # A lone surrogate (JSON "\\ud800", a cut UTF-16 pair) cannot be stored as UTF-8 by either database.
    assert clean_text("Пу\ud800тин\udfff") == "Путин"
    assert clean_line("\ud83d https://t.me/x") == "https://t.me/x"


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


def test_a_stress_mark_never_composes_into_another_letter():
    # NFC would make «К» + U+0301 the Macedonian «Ќ» and «е» + U+0300 the «ѐ»; a Latin accent stays
    assert clean_text("К\u0301орею, е\u0300сли, Ма\u0301ша") == "Корею, если, Маша"
    assert clean_text("cafe\u0301") == "café"


def test_every_invisible_character_of_any_plane_is_removed():
    # The table is built from three planes only (import time); a scan of every code point of the
    # running Python's Unicode database must find nothing more, or a new Cf character would slip by.
    everything = invisible_chars((range(0x110000),))
    assert len(everything) > 2000
    assert clean_text("пре" + everything.replace("\r", "") + "зидент") == "президент"  # \r is a line break


def test_hangul_fillers_are_invisible_too(run_cli, tmp_path):
    """U+3164 HANGUL FILLER (and its half-width and jamo forms) draws nothing: Telegram users put it in
    "blank" names and spammers inside words. `claims import` stored it in the claim's text as sent
    (shown and exported so), and the normaliser read «Пу\u3164тин» as one unknown word «пуᅠтина»."""
    assert clean_text("Центр\u3164обанк пов\uffa0ысил за\u115fпрет ❤\ufe0f") == "Центробанк повысил запрет ❤\ufe0f"
    assert normalize("Пу\u3164тин посетил Корею") == normalize("Путин посетил Корею")
    path = tmp_path / "fc.csv"
    path.write_text("text,verdict\nЦентр\u3164обанк пов\u3164ысил ключе\uffa0вую ставку до 21 процента,false\n",
                    encoding="utf-8")
    run_cli("import", str(path), check=True)
    shown = json.loads(run_cli("list", "--json", check=True).stdout)
    assert [c["text"] for c in shown] == ["Центробанк повысил ключевую ставку до 21 процента"]
