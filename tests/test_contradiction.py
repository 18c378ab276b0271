"""Reversals the desk must see flagged: negation, antonyms (a data table), numbers in words,
dates in any format, swapped roles — and restatements that must not be flagged."""

from __future__ import annotations

import pytest

from claims.match.contradiction import AntonymTable, contradiction_reasons, dates_in
from claims.normalize import analyze, normalize


def reasons(message: str, claim: str, lang: str = "ru") -> list[str]:
    return contradiction_reasons(analyze(message, lang), normalize(claim, lang).split(), lang)


@pytest.mark.parametrize("message", ["Выборы пройдут 15.03.2026", "Выборы пройдут 15/03/2026",
                                     "Выборы пройдут 2026-03-15", "Выборы пройдут 15 марта 2026 года",
                                     "Выборы пройдут 15 марта"])
def test_one_date_in_any_format_is_not_a_contradiction(message):
    assert reasons(message, "Выборы пройдут 15 марта 2026 года") == []


@pytest.mark.parametrize("message", ["Выборы пройдут 15 апреля 2026 года", "Выборы пройдут 15.04.2026",
                                     "Выборы пройдут 16 марта 2026 года"])
def test_another_date_is_flagged_as_date(message):
    assert reasons(message, "Выборы пройдут 15 марта 2026 года") == ["date"]


@pytest.mark.parametrize("message, claim, expected", [
    ("В Казани закрыли вторую линию метро", "В Казани открыли вторую линию метро", ["antonym"]),
    ("Центробанк понизил ключевую ставку", "Центробанк повысил ключевую ставку", ["antonym"]),
    ("Цены на бензин упали", "Цены на бензин выросли", ["antonym"]),
    ("Минздрав запретил продажу", "Минздрав разрешил продажу", ["antonym"]),
    ("Rates fell sharply", "Rates rose sharply", ["antonym"]),
    ("Путин никогда не был в КНДР", "Путин посетил КНДР", ["negation"]),
    ("Погибли двадцать пять человек", "Погиб 21 человек", ["number"]),
])
def test_reversals_are_flagged_with_their_reason(message, claim, expected):
    assert reasons(message, claim, "en" if message.isascii() else "ru") == expected


@pytest.mark.parametrize("message, claim", [
    ("Погибли двадцать один человек", "Погиб 21 человек"),
    ("Цены выросли в полтора раза", "Цены выросли в 1,5 раза"),
    ("Кабмин поднял НДС до 22%", "Правительство повысило НДС до 22 процентов"),
    ("В Казани открыли вторую линию метро", "В Казани открыли вторую линию метро"),
])
def test_restatements_are_not_flagged(message, claim):
    assert reasons(message, claim) == []


def test_antonym_table_is_data_a_desk_can_extend(tmp_path):
    path = tmp_path / "antonyms.tsv"
    path.write_text("# test\nru\tналить\tвылить\n", encoding="utf-8")
    table = AntonymTable.load(path)
    msg = analyze("Воду вылили в реку", "ru")
    claim = normalize("Воду налили в реку").split()
    assert contradiction_reasons(msg, claim, "ru", antonyms=table) == ["antonym"]
    assert contradiction_reasons(msg, claim, "ru") == []       # not in the shipped table


def test_dates_in_reads_every_written_form():
    for text in ("15.03.2026", "15/03/2026", "2026-03-15", "15 марта 2026 года"):
        assert dates_in(normalize(text).split())[0] == {(2026, 3, 15)}


@pytest.mark.parametrize("message", [
    "Сбербанк с 1 декабря не будет блокировать карты, не привязанные к Госуслугам",
    "Сбербанк с 1 декабря не станет блокировать все карты, не привязанные к Госуслугам",
])
def test_a_negated_imperfective_reverses_its_perfective_even_beside_another_negation(message):
    # «не будет блокировать» says the opposite of «заблокирует»; the claim's own «не привязанные»
    # must not hide it (before, the reversal was a plain 98% match)
    claim = "Сбербанк с 1 декабря заблокирует все карты, не привязанные к Госуслугам"
    assert reasons(message, claim) == ["negation"]


@pytest.mark.parametrize("message", [
    "Сбербанк с 1 декабря будет блокировать все карты, не привязанные к Госуслугам",
    "Сбербанк с 1 декабря заблокирует карты, не привязанные к Госуслугам, но не тронет вклады",
])
def test_the_same_verb_in_either_aspect_is_no_reversal(message):
    claim = "Сбербанк с 1 декабря заблокирует все карты, не привязанные к Госуслугам"
    assert reasons(message, claim) == []


@pytest.mark.parametrize("message, lang, claim, expected", [
    ("Garlic does not protect you from COVID", "en", "Чеснок защищает от заражения коронавирусом", ["negation"]),
    ("The Central Bank lowered the key rate to 21 percent", "en", "Центробанк повысил ключевую ставку до 21 процента", ["antonym"]),
    ("The Central Bank raised the key rate to 25 percent", "en", "Центробанк повысил ключевую ставку до 21 процента", ["number"]),
    ("Finland joined NATO in April 2022", "en", "Финляндия вступила в НАТО в апреле 2023 года", ["date"]),
    ("Путин не посещал КНДР", "ru", "Putin visited North Korea in June 2024", ["negation"]),
    ("Garlic protects you from COVID", "en", "Чеснок защищает от заражения коронавирусом", []),
    ("Ілон Маск купіў кампанію Twitter за 44 мільярды долараў", "ru",
     "Илон Маск купил компанию Twitter за 44 миллиарда долларов", []),
])
def test_reversals_across_languages_are_flagged(message, lang, claim, expected):
    from claims.match.contradiction import cross_language_reasons

    c_lang = "en" if claim.isascii() else "ru"
    got = cross_language_reasons(analyze(message, lang), lang, normalize(claim, c_lang).split(), c_lang)
    assert got == expected
