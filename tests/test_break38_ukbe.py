"""Break test b38, Ukrainian and Belarusian: a uk/be word the gloss table (claims/match/data/ukbe_ru.tsv)
lacked made a restatement invisible across languages — «Щеплення від коронавірусу спричиняє безпліддя
у жінок» none 8.6 against «Прививка от коронавируса вызывает бесплодие у женщин», «ВООЗ оголосила …»
related 25.9 against "The WHO declared …", «Зеленский уволил главнокомандующего ВСУ …» related 39.3
against «Зеленський звільнив головнокомандувача ЗСУ …» — and an appointment read as the dismissal
(«Зеленський призначив Залужного …» a plain match 66.7: no uk/be row of назначить/уволить, no key).
Fixed by the table's fact-check vocabulary (health, appointments, statements, prices, war; institutions'
abbreviations, also in the alias table), a word of several meanings read as the one the texts it is
matched against say («звільн*»: уволить, освободить), the Russian gloss's cosine for a uk/be claim
against a Russian or English message (the encoder was not trained on those languages), and the
appoint_dismiss / arrest_release rows in every language under one key."""

from __future__ import annotations

import pytest

from claims.match.cognates import gloss, table_word
from tests.test_match_written_language import hit_of, stored

CLAIMS = {
    1: ("Чеснок защищает от заражения коронавирусом", "ru"),
    2: ("Прививка от коронавируса вызывает бесплодие у женщин", "ru"),
    13: ("The WHO declared the end of the COVID-19 global health emergency in May 2023", "en"),
    14: ("Кабмін підвищив мінімальну зарплату до 8000 гривень з 1 січня 2025 року", "uk"),
    15: ("Зеленський звільнив головнокомандувача ЗСУ Валерія Залужного", "uk"),
    16: ("ЗСУ звільнили Херсон", "uk"),
    # distractors of the b38 set
    101: ("Зеленський призначив Олександра Сирського головнокомандувачем ЗСУ", "ru"),   # (as the store read it)
    113: ("Зеленський звільнив міністра оборони Олексія Резнікова", "uk"),
    114: ("Залужного призначили послом України у Великій Британії", "uk"),
    102: ("Зеленський звільнив голову Служби безпеки Івана Баканова", "uk"),
    103: ("Локомотив уволил главного тренера после серии поражений", "ru"),
    104: ("The United States ended its COVID-19 national emergency in April 2023", "en"),
    105: ("Мінімальна зарплата в Польщі з 1 січня 2025 року становить 4666 злотих", "uk"),
    106: ("В Казахстане начали вакцинировать подростков от коронавируса", "ru"),
    107: ("Учёные изучили влияние витамина D на течение коронавирусной инфекции", "ru"),
    108: ("Заболеваемость коронавирусом в Москве снизилась за неделю на 12%", "ru"),
    109: ("В России зарегистрировали новый штамм коронавируса «Пирола»", "ru"),
    110: ("Минздрав обновил методические рекомендации по лечению коронавируса", "ru"),
    111: ("Исследование: вакцинация от коронавируса не влияет на менструальный цикл", "ru"),
    112: ("В Великобритании подожгли вышки сотовой связи из-за слухов о коронавирусе", "ru"),
}


@pytest.fixture(scope="module")
def m(encoder):
    return stored(encoder, CLAIMS)


@pytest.mark.parametrize("text, cid", [
    # Russian and English against the Ukrainian claim
    ("Зеленский уволил главнокомандующего ВСУ Валерия Залужного", 15),
    ("Зеленский отправил в отставку главкома ВСУ Залужного", 15),
    ("Zelensky dismissed Ukraine's commander-in-chief Valerii Zaluzhnyi", 15),
    ("Ukraine raised the minimum wage to 8,000 hryvnias from January 1, 2025", 14),
    # Ukrainian and Belarusian against Russian and English claims
    ("Щеплення від коронавірусу спричиняє безпліддя у жінок", 2),
    ("Щеплення від коронавірусу спричиняє безпліддя", 2),
    ("Прышчэпка ад каранавіруса выклікае бясплоддзе ў жанчын", 2),
    ("ВООЗ оголосила про завершення надзвичайної ситуації через COVID-19 у травні 2023 року", 13),
    ("Зяленскі звольніў галоўнакамандуючага УСУ Валерыя Залужнага", 15),
    # «звільн*» of a liberation, read as «освободить» against the words that say so
    ("ВСУ освободили Херсон", 16),
])
def test_restatement_across_languages(m, text, cid):
    h = hit_of(m, text, cid)
    assert h is not None and h.relation == "match" and not h.contradicts, h


@pytest.mark.parametrize("text", [
    "Зеленський призначив Залужного головнокомандувачем ЗСУ",      # read as Russian (no і, ї, є)
    "Зяленскі прызначыў Залужнага галоўнакамандуючым УСУ",
    "Зеленский назначил Залужного главнокомандующим ВСУ",
    "Zelensky appointed Zaluzhnyi commander-in-chief of Ukraine's armed forces",
])
def test_appointment_is_no_dismissal(m, text):
    h = hit_of(m, text, 15)
    assert h is None or h.relation != "match", h
    if h is not None and h.relation == "related" and h.score >= 30:
        assert "antonym" in h.reasons, h


@pytest.mark.parametrize("lang, word, ru", [
    ("uk", "щеплення", "прививка"), ("be", "прышчэпкі", "прививка"),
    ("uk", "спричиняє", "вызывать"), ("be", "выклікае", "вызывать"),
    ("uk", "рятує", "спасать"), ("be", "ратуе", "спасает"),
    ("uk", "звільнив", "уволить"), ("be", "звольніў", "уволить"),
    ("uk", "призначив", "назначить"), ("be", "прызначыў", "назначить"),
    ("uk", "оголосила", "объявить"), ("be", "абвясціла", "объявить"),
    ("uk", "ціни", "цены"), ("be", "цэны", "цены"),
    ("uk", "податок", "налог"), ("be", "падаткі", "налог"),
    ("uk", "війна", "война"), ("be", "зброю", "оружие"),
    ("uk", "вооз", "ВОЗ"), ("be", "сааз", "ВОЗ"),
    ("uk", "зсу", "ВСУ"), ("be", "усу", "ВСУ"),
])
def test_fact_check_vocabulary(lang, word, ru):
    assert table_word(word, lang) == ru


def test_word_of_two_meanings_read_by_the_matched_words():
    assert table_word("звільнили", "uk") == "уволить"
    assert table_word("звільнили", "uk", {"освободить", "херсон"}) == "освободить"
    assert gloss("ЗСУ звільнили Херсон", "uk", ["всу", "освободить", "херсон"]).text == "ВСУ освободить Херсон"


@pytest.mark.parametrize("text, cid", [
    ("В Польше повысили минимальную зарплату с 1 января 2025 года", 14),     # another country
    ("Zelensky dismissed defence minister Reznikov", 15),                     # another dismissal
    ("Зеленский уволил министра обороны Резникова", 15),
    ("Зеленський звільнив міністра оборони Олексія Резнікова", 15),
])
def test_same_topic_is_no_match(m, text, cid):
    h = hit_of(m, text, cid)
    assert h is None or h.relation != "match", h
