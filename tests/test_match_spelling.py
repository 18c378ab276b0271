"""What people actually type: diminutives, Ukrainian/Belarusian spellings, slang and clipped names
(claims/match/spelling.py, claims/data/aliases.tsv), and the cross-language word coverage that
counts a name said through the alias table and a number only when it is the same number."""

from __future__ import annotations

import pytest

from claims.match import Matcher
from claims.match.spelling import Corrector, diminutive_bases, letter_mask
from claims.normalize import normalize
from claims.settings import Settings

FACT_CHECKS = {
    1: "Чеснок защищает от заражения коронавирусом",
    2: "Правительство повысило НДС до 22 процентов",
    5: "Сбербанк заблокирует карты всех пенсионеров с 1 июля",
    14: "Мост через Керченский пролив обрушился после шторма",
    19: "Питьевая сода излечивает рак",
    23: "Россия вышла из Всемирной организации здравоохранения",
    25: "Курс доллара превысил 100 рублей",
    29: "Лимонный сок с горячей водой убивает коронавирус",
}


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings(_env_file=None)


@pytest.fixture(scope="module")
def lexical(settings, fact_check_matcher) -> Matcher:
    return fact_check_matcher(FACT_CHECKS, settings)


@pytest.fixture(scope="module")
def semantic(settings, encoder, fact_check_matcher) -> Matcher:
    return fact_check_matcher(FACT_CHECKS, settings, encoder)


def _plain(hits) -> list[int]:
    return [h.claim_id for h in hits if h.relation == "match" and not h.contradicts]


@pytest.mark.parametrize("word, base", [
    ("чесночок", "чеснок"), ("чесночек", "чеснок"), ("лимончик", "лимон"), ("водичка", "вода"),
    ("карточка", "карта"), ("машинка", "машина"), ("прививочка", "прививка"),
])
def test_a_diminutive_leads_to_its_plain_noun(word, base):
    assert base in diminutive_bases(word)


@pytest.mark.parametrize("word", ["переводчик", "заводчик", "летчик", "звонок", "пенсионер", "налог", "ab"])
def test_a_word_that_only_looks_diminutive_keeps_its_meaning(word):
    # «переводчик» (a person) is not a small «перевод»: the base must be a noun of the same
    # gender and animacy
    assert diminutive_bases(word) == ()


def test_corrector_offers_the_plain_noun_and_the_russian_spelling():
    c = Corrector()
    for t in ("чеснок", "вода", "финляндия", "путин"):
        c.add(t)
    assert ("вода", 1) in c.candidates("водичка")          # edit distance 4: only morphology finds it
    assert ("финляндия", 0) in c.candidates("фінляндія")
    assert ("путин", 0) in c.candidates("путін")
    assert c.candidates("переводчик") == []


def test_a_term_added_after_a_word_was_looked_up_is_offered_for_it_next_time():
    """The corrector remembers its answers (the same unknown words come in message after message)
    only until its vocabulary changes: a claim stored later can still be what a typo meant."""
    c = Corrector()
    c.add("чеснок")
    assert c.candidates("каранавирус") == []
    assert c.candidates("каранавирус") == []
    c.add("коронавирус")
    assert ("коронавирус", 2) in c.candidates("каранавирус")


def test_a_dictionary_word_is_not_corrected_into_another_word():
    # «отменить» (cancel) one letter from a stored «отметить» (mark) is another word, not a typo:
    # before, «отменили запрет» was read as «отметили запрет» and the lifted ban went unflagged
    c = Corrector()
    for t in ("отметить", "казань", "выборы"):
        c.add(t)
    assert c.candidates("отменить") == []
    assert ("отметить", 1) in c.candidates("отмеьить")     # a typo is still corrected
    assert ("выборы", 1) in c.candidates("выбооы")


@pytest.mark.parametrize("query, claim", [
    ("сбер", 5), ("ВОЗ", 23), ("крымский мост", 14), ("баксы", 25), ("рф вышла из воз", 23),
])
def test_search_finds_the_claim_by_its_slang_or_clipped_name(lexical, query, claim):
    assert claim in [h.claim_id for h in lexical.search(query)]


@pytest.mark.parametrize("text, claim", [
    ("Сбер заблокирует карточки всем пенсионерам с 1 июля", 5),
    ("Лимончик с горячей водичкой убивает коронавирус", 29),
    ("Крымский мост обрушился после шторма", 14),
    ("бакс превысил 100 рублей", 25),
])
def test_slang_and_diminutives_are_a_match(lexical, semantic, text, claim):
    assert _plain(lexical.match(text)) == [claim]
    assert _plain(semantic.match(text)) == [claim]


@pytest.mark.parametrize("text, claim", [
    ("Garlic protects you from COVID", 1),
    ("Baking soda cures cancer", 19),
    ("Eating garlic shields you from coronavirus infection", 1),
])
def test_english_statement_of_a_russian_claim_is_a_match_across_languages(semantic, text, claim):
    hits = semantic.match(text)
    assert _plain(hits) == [claim]
    assert hits[0].cross_language


def test_another_number_in_another_language_is_not_the_claim(semantic):
    # the encoder rates "19" like "22"; the word coverage counts a number only when it is the same
    assert 2 not in _plain(semantic.match("The VAT rate in Germany stays at 19 percent"))
    q = semantic._queries("The VAT rate in Germany stays at 19 percent")[0]
    semantic._resolve(q)
    c_vat = normalize(FACT_CHECKS[2]).split()
    same = semantic._queries("The VAT was raised to 22 percent")[0]
    semantic._resolve(same)
    assert (semantic.cross_coverage("The VAT rate in Germany stays at 19 percent", c_vat, q.norms)
            < semantic.cross_coverage("The VAT was raised to 22 percent", c_vat, same.norms))


def test_a_name_said_through_the_alias_table_counts_as_covered(semantic):
    text = "Putin visited North Korea in June 2024"
    c_toks = normalize("Путин посетил КНДР в июне 2024 года").split()
    q = semantic._queries(text)[0]
    semantic._resolve(q)
    assert semantic.cross_coverage(text, c_toks, q.norms) > semantic.cross_coverage(text, c_toks) + 0.1


def test_ukrainian_i_is_read_as_the_russian_y_only_in_an_unknown_word():
    c = Corrector()
    for t in ("выборы", "быть"):
        c.add(t)
    assert ("выборы", 1) in c.candidates("вибори")      # uk «вибори» = «выборы»
    assert c.candidates("бить") == []                   # a Russian word: «бить» is not «быть»



def test_letter_filter_keeps_every_term_within_the_edit_distance_in_bucket_order(monkeypatch):
    """`Corrector._near` rules a bucket's terms out by their letters before any distance is
    computed: the look-up finds exactly what scoring every term of the bucket finds, in the same
    order, also where more terms are near than the 8 a bucket look-up keeps (ties by position)."""
    import random

    rng = random.Random(5)
    letters = "абвгдеклмнопрстя"
    vocab = sorted({"п" + "".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(3000)})
    c = Corrector()
    for t in vocab:
        c.add(t)
    probes = []
    for _ in range(1500):
        w = rng.choice(vocab)
        i = rng.randrange(1, len(w))
        ch = rng.choice(letters)
        probes.append(rng.choice([w[:i] + ch + w[i + 1:], w[:i] + w[i + 1:], w[:i] + ch + w[i:], w]))
    found = [c._candidates(t) for t in probes]
    kept = sum(len(c._near((t[0], len(t)), letter_mask(t), 1)) for t in probes)
    assert kept < sum(len(c._buckets.get((t[0], len(t)), ())) for t in probes) / 4   # most ruled out
    monkeypatch.setattr(Corrector, "_near", lambda self, key, mask, maxd: self._buckets.get(key, []))
    assert found == [c._candidates(t) for t in probes]
    assert sum(len(f) >= 8 for f in found) > 10     # crowded look-ups were compared too


def test_a_word_added_after_a_look_up_is_found_by_the_next_one():
    c = Corrector()
    c.add("политика")
    assert c.candidates("палитика") == [("политика", 1)]
    c.add("палитра")
    c.add("палитрка")
    assert ("палитрка", 1) in c.candidates("палитка")


def test_bit_count_without_numpy_2_counts_as_numpy_does():
    import numpy as np

    from claims.match.spelling import _bit_counts

    x = np.array([0, 1, 3, 2**63, 2**64 - 1, letter_mask("чеснок") ^ letter_mask("чесночок")], dtype=np.uint64)
    assert _bit_counts(x).tolist() == [0, 1, 2, 1, 64, bin(letter_mask("чеснок") ^ letter_mask("чесночок")).count("1")]
