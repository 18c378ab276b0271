"""Break test b38 (2026-12-03): multi-sentence posts and numbers in words.
- a greeting before a two-claim post («Девочки! X. Чеснок защищает от заражения коронавирусом.») had the
  post matched as a whole and its names read as one act's roles across sentences: «коронавирус» of the first
  sentence before «чеснок» of the second was "roles". The roles of a post matched as a whole are read in
  the sentence that says the claim (`Matcher._saying_sentence`);
- a negation in a contrast clause with a subject of its own («Центробанк поднял ключевую ставку до 21%, но
  инфляция не снизилась», «…, но рубль это не спасло») reversed the claim: it is about something else
  (`contradiction.negation_in_other_clause`); the claim's own clause negated («ЦБ не повысил ставку, но …»),
  a clause with no subject of its own («…, но не до 21%») and one that doubts the claim («…, но это не
  подтвердилось») still reverse it;
- numbers in words with a fraction were two numbers: «девять с половиной процентов» was 9 («number» against
  «на 9,5%»), «две целых пять десятых» 2 and 5; "nine and a half", "two point five", «полмиллиона» too;
- a forward header on a line the post goes on after («Переслано из группы «Здоровая мама». Девочки, …», a
  post whose lines were joined) removed the whole post: the claim in it was not ranked at all;
- a month and a year in digits («в 06.2024», «6/2024») were the decimal 6.2024 or two numbers, no date: the
  claim «… в июне 2024 года» was only related.
"""

from __future__ import annotations

import pytest

from claims.normalize import analyze, clean_message
from tests.test_match_written_language import hit_of, stored

FACTS = {
    1: ("Чеснок защищает от заражения коронавирусом", "ru"),
    2: ("Прививка от коронавируса вызывает бесплодие у женщин", "ru"),
    4: ("Центробанк повысил ключевую ставку до 21% в октябре 2024 года", "ru"),
    5: ("С 1 января 2025 года пенсии неработающих пенсионеров проиндексировали на 9,5%", "ru"),
    6: ("Путин посетил Северную Корею в июне 2024 года", "ru"),
    7: ("ЦСКА обыграл Локомотив со счётом 2:0", "ru"),
    8: ("Роскомнадзор полностью заблокировал WhatsApp в России", "ru"),
    9: ("Курс доллара превысил 110 рублей", "ru"),
    12: ("Finland closed all border crossings with Russia", "en"),
    16: ("Лукашенко помиловал более 30 политзаключённых", "ru"),
}


@pytest.fixture(scope="module")
def m(encoder):
    return stored(encoder, FACTS)


def _match(m, text: str, cid: int) -> None:
    h = hit_of(m, text, cid)
    assert h is not None, f"{cid} not ranked for «{text}»"
    assert (h.relation, h.contradicts, h.reasons) == ("match", False, []), (h.relation, h.score, h.reasons)


def _flagged(m, text: str, cid: int, reason: str) -> None:
    h = hit_of(m, text, cid)
    assert h is not None and h.contradicts and reason in h.reasons and h.relation != "match", \
        (h and (h.relation, h.score, h.reasons))


# 1. a greeting before a two-claim post: the roles are read in the claim's sentence

@pytest.mark.parametrize("text", [
    "Девочки! Прививка от коронавируса вызывает бесплодие. Чеснок защищает от заражения коронавирусом.",
    "Девочки! Прививка от коронавируса вызывает бесплодие у женщин. Чеснок защищает от заражения коронавирусом.",
    "Друзья! Прививка от коронавируса вызывает бесплодие у женщин. Чеснок защищает от заражения коронавирусом.",
])
def test_greeting_before_two_claims_keeps_the_match(m, text):
    _match(m, text, 1)


@pytest.mark.parametrize("text", [
    "Друзья! Курс доллара превысил 110 рублей. Локомотив обыграл ЦСКА со счётом 2:0.",
    "Девочки! Прививка от коронавируса вызывает бесплодие. Локомотив обыграл ЦСКА со счётом 2:0.",
])
def test_swapped_roles_in_a_post_still_flagged(m, text):
    _flagged(m, text, 7, "roles")


# 2. a negation in a contrast clause with a subject of its own

@pytest.mark.parametrize("text, cid", [
    ("Центробанк в октябре 2024 года поднял ключевую ставку до 21%, но инфляция не снизилась.", 4),
    ("Центробанк поднял ключевую ставку до 21%, но инфляция не снизилась", 4),
    ("Центробанк поднял ключевую ставку до 21%, но рубль это не спасло", 4),
    ("Рынок лихорадит вторую неделю. Центробанк в октябре 2024 года поднял ключевую ставку до 21%, но рубль "
     "это не спасло. Курс доллара превысил 110 рублей, и очереди в обменниках снова как в 2022-м. Аналитики "
     "разводят руками. Держите сбережения в разных валютах, друзья.", 4),
    ("Роскомнадзор полностью заблокировал WhatsApp в России, но пользователи не заметили", 8),
    ("Finland closed all border crossings with Russia, but the talks did not stop", 12),
])
def test_negation_of_another_clause_is_no_reversal(m, text, cid):
    _match(m, text, cid)


@pytest.mark.parametrize("text, cid", [
    ("ЦБ не повысил ставку до 21%, но инфляция снизилась", 4),
    ("Центробанк не повысил ключевую ставку до 21% в октябре 2024 года, а инфляция не снизилась", 4),
    ("Центробанк повысил ключевую ставку, но не до 21%", 4),
    ("Говорят, что Центробанк повысил ключевую ставку до 21% в октябре 2024 года, но это не подтвердилось", 4),
    ("Чеснок не защищает от заражения коронавирусом, а врачи его рекомендуют", 1),
    ("Чеснок защищает от заражения коронавирусом, однако прививка от гриппа не защищает", 1),
    ("Finland closed its border with Russia, but not all crossings", 12),
])
def test_negation_of_the_claims_clause_still_flagged(m, text, cid):
    _flagged(m, text, cid, "negation")


# 3. numbers in words with a fraction

@pytest.mark.parametrize("text, norms", [
    ("на девять с половиной процентов", ["9.5", "процент"]),
    ("на девять с половиною процентов", ["9.5", "процент"]),
    ("две целых пять десятых процента", ["2.5", "процент"]),
    ("одна целая две десятых", ["1.2"]),
    ("три целых двадцать пять сотых", ["3.25"]),
    ("ноль целых пять десятых", ["0.5"]),
    ("два с половиной миллиона", ["2500000"]),
    ("двадцать пять с половиной", ["25.5"]),
    ("полтора процента", ["1.5", "процент"]),
    ("полмиллиона человек", ["500000", "человек"]),
    ("полтысячи рублей", ["500", "рубль"]),
    ("nine and a half percent", ["9.5", "percent"]),
    ("one and a half million", ["1500000"]),
    ("two point five percent", ["2.5", "percent"]),
    ("половина населения", ["половина", "население"]),      # no number: the word stays
    ("5 десятых классов", ["5", "десятый", "класс"]),        # digits: no fraction in words
])
def test_number_words_with_a_fraction(text, norms):
    lang = "en" if text.isascii() else "ru"
    assert [t.norm for t in analyze(text, lang)] == norms


@pytest.mark.parametrize("text", [
    "С 1 января 2025 года пенсии неработающих пенсионеров проиндексировали на девять с половиной процентов",
    "С 1 января 2025 года пенсии неработающих пенсионеров проиндексировали на девять целых пять десятых процента",
])
def test_fraction_in_words_restates(m, text):
    _match(m, text, 5)


def test_other_fraction_in_words_flagged(m):
    _flagged(m, "С 1 января 2025 года пенсии неработающих пенсионеров проиндексировали на восемь с половиной "
                "процентов", 5, "number")


# 4. a forward header on the post's own line

@pytest.mark.parametrize("text, cleaned", [
    ("Переслано из группы «Здоровая мама». Девочки, срочно! Прививка вызывает бесплодие.",
     "Девочки, срочно! Прививка вызывает бесплодие."),
    ("Переслано из чата родителей: чеснок защищает от коронавируса", "чеснок защищает от коронавируса"),
    ('Переслано из канала "Правда": Путин посетил КНДР', "Путин посетил КНДР"),
    ("Forwarded from The Daily. Garlic protects you from covid, doctors say",
     "Garlic protects you from covid, doctors say"),
    # the header alone, or with a few words that may be the source's name: the line goes
    ("Forwarded from Dr. Smith\nGarlic cures covid", "Garlic cures covid"),
    ("Переслано из группы «Здоровая мама». Девочки!", ""),
    ("Переслано из Вести\nВнимание! Цены растут", "Цены растут"),
])
def test_forward_header_keeps_the_post_on_its_line(text, cleaned):
    assert clean_message(text) == cleaned


def test_forwarded_two_claim_post_finds_both(m):
    text = ("Переслано из группы «Здоровая мама». Девочки, срочно! Прививка от коронавируса вызывает бесплодие у "
            "женщин, это уже признали врачи за рубежом. Лучше защищайтесь естественно: чеснок защищает от заражения "
            "коронавирусом, ешьте по зубчику утром и вечером. Берегите себя и своих дочек.")
    _match(m, text, 1)
    _match(m, text, 2)


# 5. a month and a year in digits

@pytest.mark.parametrize("text, norms", [
    ("в 06.2024", ["июнь", "2024"]),
    ("в 6/2024", ["июнь", "2024"]),
    ("с 12.2024 года", ["декабрь", "2024", "год"]),
    ("in 06/2024", ["june", "2024"]),
    ("15.06.2024", ["15.06", "2024"]),      # a full date stays a date
    ("15/06/2024", ["15", "6", "2024"]),
    ("на 9,5%", ["9.5", "процент"]),
])
def test_month_and_year_in_digits(text, norms):
    lang = "en" if text.startswith("in ") else "ru"
    assert [t.norm for t in analyze(text, lang)] == norms


@pytest.mark.parametrize("text", ["Путин посетил Северную Корею в 06.2024", "Путин посетил Северную Корею в 6/2024"])
def test_month_year_restates(m, text):
    _match(m, text, 6)


def test_other_month_year_flagged(m):
    _flagged(m, "Путин посетил Северную Корею в 05.2024", 6, "date")
