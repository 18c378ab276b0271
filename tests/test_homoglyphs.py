"""Look-alike letters of another script inside a word never change what matches (claims.normalize).

«Cбepбaнк зaблoкиpуeт вce кapты» (Latin C, e, p, a, o, c) is the same claim as «Сбербанк заблокирует
все карты», a Ukrainian «мiського» typed with a Latin i is still Ukrainian, and "Mоdеrnа" with
Cyrillic о, е, а is still Moderna. The stored and displayed text keeps what the person wrote; only
what matching, search and the language guesses read is folded (fold_homoglyphs).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.match import Matcher
from claims.match.matcher import message_words
from claims.normalize import written_language as message_language
from claims.normalize import HOMOGLYPHS, detect_language, fold_homoglyphs, normalize
from claims.settings import Settings

DATA = json.loads((Path(__file__).parent / "data" / "seed_ru.json").read_text(encoding="utf-8"))
CLAIMS = {c["id"]: c["text"] for c in DATA["claims"]}
SBER = "Сбербанк заблокирует все карты пенсионеров с 1 декабря"
CLAIMS[100] = SBER
# messages of the dev split only (the test split is for reporting)
DEV = [m["text"] for m in DATA["messages"] if m["split"] == "dev"]
EN_CLAIMS = ["Putin visited North Korea last year", "Moderna vaccine is toxic and contains microchips",
             "Biden signed an executive order banning cash payments", "Sberbank will block every card in December"]

# a letter → its look-alike in the other script, where the look-alike reads back as the letter
# (so an «в» has none here: a lower-case в is no Latin letter)
CYR2LAT = {c: lat for c, lat in HOMOGLYPHS if c.lower() in "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў"}
LAT2CYR = {lat: c for c, lat in CYR2LAT.items()}
_WORD = re.compile(r"[^\W\d_]+")


def _disguise(text: str, table: dict[str, str], flags: list[bool]) -> str:
    """`text` with the look-alike letters chosen by `flags` (one per replaceable letter, cycled)
    written in the other script; every word keeps at least one letter of its own script (a word
    written wholly in the other script is another word, and stays as written)."""
    out = list(text)
    k = 0
    for m in _WORD.finditer(text):
        swapped = []
        for i in range(m.start(), m.end()):
            if text[i] in table:
                if flags and flags[k % len(flags)]:
                    out[i] = table[text[i]]
                    swapped.append(i)
                k += 1
        if swapped and len(swapped) == m.end() - m.start():
            out[swapped[0]] = text[swapped[0]]
    return "".join(out)


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    m = Matcher(Settings(_env_file=None, encoder="none"))
    for cid, text in CLAIMS.items():
        m.add_claim(cid, normalize(text, "ru"))
    return m


def _decision(matcher: Matcher, text: str) -> list[tuple]:
    return [(h.claim_id, h.relation, h.contradicts, round(h.score, 1)) for h in matcher.match(text, limit=5)]


def test_the_example_from_the_report(matcher):
    mixed = "Cбepбaнк зaблoкиpуeт вce кapты пeнcиoнepoв с 1 дeкaбpя"
    assert normalize(mixed) == normalize(SBER)
    assert mixed != SBER and fold_homoglyphs(mixed) == SBER
    assert _decision(matcher, mixed) == _decision(matcher, SBER)
    assert _decision(matcher, SBER)[0][:2] == (100, "match")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(sorted(CLAIMS)), st.sampled_from(DEV), st.lists(st.booleans(), min_size=1, max_size=40))
def test_any_look_alike_letters_in_claims_and_messages_change_nothing(matcher, cid, message, flags):
    claim = CLAIMS[cid]
    mixed_claim = _disguise(claim, CYR2LAT, flags)
    assert normalize(mixed_claim, "ru") == normalize(claim, "ru")          # what the store keeps
    assert normalize(mixed_claim) == normalize(claim)                      # language guessed
    for text in (claim, message):
        mixed = _disguise(text, CYR2LAT, flags)
        assert normalize(mixed) == normalize(text)
        assert detect_language(mixed) == detect_language(text)
        assert message_language(mixed) == message_language(text)
        assert message_words(mixed) == message_words(text)
        assert _decision(matcher, mixed) == _decision(matcher, text)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(EN_CLAIMS), st.lists(st.booleans(), min_size=1, max_size=40))
def test_english_with_cyrillic_look_alikes_is_the_english(text, flags):
    mixed = _disguise(text, LAT2CYR, flags)
    assert normalize(mixed) == normalize(text)
    assert normalize(mixed, "ru") == normalize(text, "ru")
    assert detect_language(mixed) == "en"


def test_words_in_one_script_are_never_changed():
    for text in ("Putin visited Geneva", "Путин посетил Женеву", "Компания Apple начала PR-кампанию",
                 "Top secret: Coca-Cola и Pepsi", "iPhone", "PR-кампания"):
        assert fold_homoglyphs(text) == text
    # an English word in a Russian text keeps its script; a mixed word of it follows its own letters
    assert fold_homoglyphs("Вiden встретился с Путиным") == "Biden встретился с Путиным"
    assert fold_homoglyphs("Тоp secret") == "Top secret"          # Cyrillic Т, о and a Latin p, among English words
    assert fold_homoglyphs("iPhoneом") == "iPhoneом"              # no look-alike reading: as written


def test_ukrainian_with_a_latin_i_is_ukrainian():
    clean = "Він сказав, що ремонт міського мосту завершать до кінця року"
    typed = clean.replace("і", "i")                               # Latin i (U+0069)
    assert typed != clean and "i" in typed
    assert message_language(clean) == message_language(typed) == "uk"
    assert normalize(typed) == normalize(clean)
    assert "вина" not in normalize(typed).split()                 # «Вiн» is the function word «він»


def test_search_with_a_mixed_script_query_finds_the_claim(run_cli, tmp_path):
    path = tmp_path / "fc.jsonl"
    path.write_text(json.dumps({"id": "sber", "text": SBER, "verdict": "false"}, ensure_ascii=False) + "\n"
                    + json.dumps({"id": "other", "text": "Путин посетил Северную Корею в прошлом году",
                                  "verdict": "true"}, ensure_ascii=False) + "\n", encoding="utf-8")
    proc = run_cli("import", str(path), "--json")
    assert proc.returncode == 0, proc.stderr
    # Latin C, e, p, a, y, o: «Сбер» is an alias of Сбербанк, «Северная Корея» of КНДР
    for query, want in (("Cбep кapтy", "sber"), ("кapтy пeнcиoнepa", "sber"), ("Ceвepнaя Кopeя", "other")):
        proc = run_cli("search", query, "--json")
        assert proc.returncode == 0, proc.stderr
        found = json.loads(proc.stdout)
        assert found["query"] == query                           # shown as the person wrote it
        assert [r["claim"]["external_id"] for r in found["results"]][:1] == [want], (query, found)
