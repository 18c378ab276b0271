"""A new user's fact-checks, as a tester sent them: who did it to whom is read through a name in the genitive
after its noun («Сборная Аргентины обыграла…»), and a currency counting a number («до 120 рублей»)
is no participant, so a restatement inside a long post stays a plain match."""

from __future__ import annotations

import pytest

from claims.settings import Settings

CHECKS = {
    1: "Сборная Бразилии обыграла Аргентину со счетом 3:1 в финале",
    2: "Курс доллара вырос до 120 рублей после решения Центробанка",
    3: "Мэр Новосибирска Анатолий Локоть подписал указ о бесплатном проезде для пенсионеров в метро",
    4: "Ginger cures type 2 diabetes",
    5: "Имбирь излечивает диабет второго типа",
    6: ("Министр иностранных дел России Сергей Лавров подчеркнул особую близость и «непобедимое братство в "
        "борьбе» между Россией и Северной Кореей во время встречи с лидером КНДР Ким Чен Ыном в порту Вонсан."),
    7: "Цены на бензин в России выросли на 15 процентов за год",
}


@pytest.fixture(scope="module")
def matcher(fact_check_matcher, encoder):
    return fact_check_matcher(CHECKS, Settings(_env_file=None), encoder)


def _hit(hits, claim):
    return next((h for h in hits if h.claim_id == claim), None)


@pytest.mark.parametrize("text", [
    "Сборная Аргентины обыграла Бразилию со счетом 3:1 в финале",
    "Сборная Аргентины обыграла бразильцев 3:1 в финале",
])
def test_the_other_team_winning_is_never_a_plain_match(matcher, text):
    h = _hit(matcher.match(text), 1)
    assert h is None or h.relation != "match" or h.contradicts
    if text.endswith("Бразилию со счетом 3:1 в финале"):
        assert h is not None and h.contradicts and "roles" in h.reasons


def test_the_same_team_winning_stays_a_match(matcher):
    h = _hit(matcher.match("Сборная Бразилии обыграла Аргентину 3:1"), 1)
    assert h is not None and h.relation == "match" and not h.contradicts


def test_a_long_post_restating_two_claims_gets_both_as_plain_matches(matcher):
    post = ("Друзья, срочно репостните! Сегодня в городском чате появилась новость, которая касается "
            "каждого пожилого человека. Мэр Новосибирска Анатолий Локоть подписал указ о бесплатном "
            "проезде для пенсионеров в метро. Карты будут выдавать в МФЦ с понедельника, но очереди "
            "уже огромные. Также стало известно, что доллар подорожал до 120 рублей, после того как "
            "ЦБ принял своё решение. Что это значит для пенсионеров — непонятно, но цены в магазинах "
            "уже ползут вверх. Пишите в комментариях, что вы думаете об этом!")
    hits = matcher.match(post)
    for claim in (3, 2):
        h = _hit(hits, claim)
        assert h is not None and h.relation == "match" and not h.contradicts, (claim, h)


HIDDEN = ["\u0301", "\u0300", "\u00ad", "\u200b", "\u2062", "\ufeff", "\u200e", "\u2066", "\U000e0041"]


@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("text", ["Ginger cures type 2 diabetes", "Ginger cures type 2 diabetes, doctors say",
                                  "Имбирь излечивает диабет второго типа"])
def test_a_hidden_mark_after_any_letter_gives_the_same_decision(matcher, text, hidden):
    """A stress mark after a Latin letter is composed by NFC into another letter («diabetés»,
    "tyṕe"): the post went from a match at 77 to related at 30. Any invisible character or stress
    mark after every third character, Latin or Cyrillic, gives the clean text's decision."""
    dirty = "".join(ch + hidden if i % 3 == 2 else ch for i, ch in enumerate(text))
    clean = [(h.claim_id, h.relation, h.contradicts) for h in matcher.match(text) if h.relation != "none"]
    assert clean and clean[0][1] == "match"
    assert [(h.claim_id, h.relation, h.contradicts) for h in matcher.match(dirty) if h.relation != "none"] == clean


def test_a_name_of_several_words_in_its_ukrainian_spelling_is_no_other_actor(matcher):
    """«Кім Чен Ином» is «Ким Чен Ын» spelt the Ukrainian way; the alias table joins only the
    Russian spelling into one name, and its pieces «Ким», «Чен» were taken for another actor:
    a faithful translation of the claim was only related (60.3)."""
    text = ("Лавров підкреслив особливу близькість і непереможне братерство між Росією та Північною "
            "Кореєю під час зустрічі з Кім Чен Ином у Вонсані")
    h = _hit(matcher.match(text), 6)
    assert h is not None and h.relation == "match" and h.cross_language and not h.contradicts, h
    # another leader in his place is still another claim
    other = ("Лавров підкреслив особливу близькість і непереможне братерство між Росією та Китаєм "
             "під час зустрічі з Сі Цзіньпіном у Пекіні")
    h = _hit(matcher.match(other), 6)
    assert h is None or h.relation != "match"


@pytest.mark.parametrize("text", ["Цены на молоко в России выросли на 15 процентов за год",
                                  "Хлеб в России подорожал на 15 процентов за год",
                                  "Ціни на цукор у Росії зросли на 15 відсотків за рік"])
def test_another_staple_in_the_price_claims_place_is_another_claim(matcher, text):
    """«Цены на молоко … выросли на 15 процентов» was a plain 91.3 match for the petrol claim:
    staple foods are commodities of the alternatives table like fuels."""
    h = _hit(matcher.match(text), 7)
    assert h is None or (h.relation != "match" and not h.contradicts), h


def test_the_same_commodity_in_other_words_stays_a_match(matcher):
    h = _hit(matcher.match("Бензин в России за год подорожал на 15%"), 7)
    assert h is not None and h.relation == "match" and not h.contradicts


# ---------------------------------------------------------------------------------------------------
# A tester's second round: Ukrainian and Belarusian words the gloss did not read, another period, and
# a shared date standing in for a shared subject.

MORE_CHECKS = {
    11: "Служба внешней разведки России сообщила о подготовке провокации на границе",
    12: "Россия и Япония восстановили дипломатические отношения",
    13: "Имбирь вылечивает диабет второго типа",
    14: "Цены на бензин в России выросли на 15 процентов за год",
    15: "Финляндия вступила в НАТО в апреле 2023 года",
    16: "В 2024 году в России родилось меньше всего детей за последние 25 лет",
}


@pytest.fixture(scope="module")
def more(fact_check_matcher, encoder):
    return fact_check_matcher(MORE_CHECKS, Settings(_env_file=None), encoder)


@pytest.mark.parametrize("word, lang, russian", [
    ("відносини", "uk", "отношения"), ("відносинах", "uk", "отношения"),
    ("розвідки", "uk", "разведка"), ("розвідці", "uk", "разведка"),
    ("зовнішньої", "uk", "внешний"), ("повідомила", "uk", "сообщить"),
    ("адносіны", "be", "отношения"),
])
def test_ukrainian_and_belarusian_news_words_are_glossed_into_russian(word, lang, russian):
    """«відносини» was glossed «видносини» and «розвідці» «розвидци»: no Russian word, so a uk post
    on intelligence or diplomatic relations shared only its names with the Russian claim."""
    from claims.match.cognates import gloss

    assert gloss(word, lang, []).text == russian


@pytest.mark.parametrize("word, russian", [("розслідування", "расследование"), ("розвідку", "разведка"),
                                           ("підготовку", "подготовка")])
def test_ukrainian_prefixes_read_as_their_russian_counterparts(word, russian):
    """Ukrainian від-, під-, роз- are Russian от-, под-, раз-/рас-: a word with one of them is the
    cognate of the Russian word among a claim's words («розслідування» ~ «расследование»)."""
    from claims.match.cognates import gloss

    assert gloss(word, "uk", [russian, "разный", "подарок"]).text in (russian, "подготовку")


@pytest.mark.parametrize("word, russian", [("вылечвае", "вылечивает"), ("запісвае", "записывает"),
                                           ("разглядвае", "разглядывает")])
def test_a_belarusian_imperfective_verb_reads_as_the_russian_one(word, russian):
    """Belarusian -ва- after a consonant is Russian -ива-/-ыва-: «вылечвае» was left as it is."""
    from claims.match.cognates import gloss

    assert gloss(word, "be", []).text == russian


@pytest.mark.parametrize("text, claim", [
    ("Служба зовнішньої розвідки Росії повідомила про підготовку провокації на кордоні", 11),
    ("Росія та Японія відновили дипломатичні відносини", 12),
    ("Імбір вылечвае дыябет другога тыпу", 13),
])
def test_ukrainian_and_belarusian_restatements_are_matches(more, text, claim):
    h = _hit(more.match(text), claim)
    assert h is not None and h.relation == "match" and h.cross_language and not h.contradicts, h


@pytest.mark.parametrize("text", ["Цены на бензин в России выросли на 15 процентов за месяц",
                                  "Бензин в России за неделю подорожал на 15%",
                                  "Petrol prices in Russia rose by 15 percent in a month",
                                  "Ціни на бензин в Росії зросли на 15 відсотків за місяць"])
def test_another_period_is_flagged(more, text):
    """«за месяц» against «за год» was a plain 97.1 match: the same rise over another stretch of
    time is another claim, and one that may reverse the checked one."""
    h = _hit(more.match(text), 14)
    assert h is not None and h.contradicts and "period" in h.reasons and h.relation != "match", h


@pytest.mark.parametrize("text", ["Цены на бензин в России выросли на 15 процентов за 12 месяцев",
                                  "Цены на бензин в России за последний год выросли на 15 процентов",
                                  "Petrol prices in Russia rose by 15 percent in a year"])
def test_the_same_period_in_other_words_stays_a_match(more, text):
    h = _hit(more.match(text), 14)
    assert h is not None and h.relation == "match" and not h.contradicts, h


def test_periods_are_read_in_days():
    from claims.match.contradiction import periods_in

    assert periods_in("цена вырасти 15 процент год".split()) == {365.0}
    assert periods_in("цена вырасти 3 месяц".split()) == {90.0}
    assert periods_in("2024 год россия родиться 25 год".split()) == {25 * 365.0}     # «в 2024 году»: a point
    assert periods_in("выборы пройти 15 март 2026".split()) == set()


@pytest.mark.parametrize("text, claim", [
    ("В апреле 2023 года в Финляндии прошли парламентские выборы", 15),
    ("В 2024 году в России открыли 25 новых школ", 16),
])
def test_a_shared_date_and_place_with_another_event_is_no_plain_match(more, text, claim):
    """«В апреле 2023 года в Финляндии прошли выборы» was a plain 76.4 match for the NATO claim: it
    shares only when and where."""
    h = _hit(more.match(text), claim)
    assert h is None or h.relation != "match", h


@pytest.mark.parametrize("text", ["В апреле 2023 года Финляндия стала членом НАТО",
                                  "Весной 2023 года Финляндия присоединилась к НАТО"])
def test_the_same_event_on_that_date_in_other_words_stays_a_match(more, text):
    h = _hit(more.match(text), 15)
    assert h is not None and h.relation == "match" and not h.contradicts, h
