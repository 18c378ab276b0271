"""Reversals the desk must see flagged: negation, antonyms (a data table), numbers in words,
dates in any format, swapped roles — and restatements that must not be flagged."""

from __future__ import annotations

import pytest

from claims.match.contradiction import (
    AntonymTable,
    contradiction_reasons,
    cross_language_reasons,
    dates_in,
    names_reordered,
    other_actor,
)
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


@pytest.mark.parametrize("message, claim", [
    ("Выборы пройдут 14.10.2026", "Выборы пройдут 14 сентября 2026 года"),
    ("Выборы пройдут 01.10.2026", "Выборы пройдут 1 ноября 2026 года"),
    ("Выборы пройдут 20.10.2026", "Выборы пройдут 20.11.2026"),
    ("Выборы пройдут 14 сентября 2026 года", "Выборы пройдут 14.10.2026"),
])
def test_a_day_month_date_in_october_or_with_a_leading_zero_is_a_date(message, claim):
    # «14.10» was read as the decimal 14.1 (and «01.10» as 1.1), so no date at all: another month
    # came back as a plain match
    assert reasons(message, claim) == ["date"]


@pytest.mark.parametrize("text, expected", [("14.10.2026", (2026, 10, 14)), ("01.10.2026", (2026, 10, 1)),
                                            ("30.10.2026", (2026, 10, 30)), ("01.03.2026", (2026, 3, 1))])
def test_dates_in_reads_a_month_with_a_zero(text, expected):
    assert dates_in(normalize(text).split())[0] == {expected}
    assert reasons(f"Выборы пройдут {text}", "Выборы пройдут {} {} {} года".format(
        expected[2], ("марта", "октября")[expected[1] == 10], expected[0])) == []


def test_a_decimal_before_a_year_stays_a_number():
    assert normalize("рост 3.5 2026") == "рост 3.5 2026"
    assert normalize("цена 14.10 рубля") == "цена 14.1 рубль"


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
    c_lang = "en" if claim.isascii() else "ru"
    got = cross_language_reasons(analyze(message, lang), lang, normalize(claim, c_lang).split(), c_lang)
    assert got == expected


# ------------------------------------------------------------------ another actor, swapped roles
@pytest.mark.parametrize("message, claim", [
    ("Лукашенко посетил Казань", "Путин посетил Казань"),
    ("Токаев посетил Казань в понедельник", "Путин посетил Казань"),
    ("Байден посетил КНДР в июне 2024 года", "Путин посетил КНДР в июне 2024 года"),
    ("Лавров посетил КНДР в июне 2024 года", "Путин посетил КНДР в июне 2024 года"),   # same side, other man
    ("Ротенберг купил компанию Twitter за 44 миллиарда долларов", "Илон Маск купил компанию Twitter за 44 миллиарда долларов"),
    ("Мэр Москвы Бирюков открыл новую станцию метро", "Мэр Москвы Собянин открыл новую станцию метро"),
    ("Роснефть повысила цены на газ для Европы", "Газпром повысил цены на газ для Европы"),
    ("Зеленский встретился с Шольцем в Париже", "Зеленский встретился с Макроном в Париже"),
    ("Зеленский встретился с Макроном в Берлине", "Зеленский встретился с Макроном в Париже"),
    ("Germany beat Italy in the final", "Germany beat France in the final"),
    ("Spain beat France in the final", "Germany beat France in the final"),
    ("Trump visited North Korea", "Putin visited North Korea"),
])
def test_another_name_in_the_claims_place_is_another_actor(message, claim):
    lang = "en" if message.isascii() else "ru"
    assert other_actor(analyze(message, lang), normalize(claim, lang).split())
    assert reasons(message, claim, lang) == []          # another claim, not a reversal of this one


@pytest.mark.parametrize("message, claim", [
    ("Путина встретили в Казани: президент посетил Казань", "Путин посетил Казань"),
    ("Президент России Владимир Путин посетил Казань", "Путин посетил Казань"),
    ("Путин побывал в Казани", "Путин посетил Казань"),
    ("Маск купил Twitter за 44 миллиарда долларов", "Илон Маск купил компанию Twitter за 44 миллиарда долларов"),
    ("Правда что в Питере в июле выпал снег?", "В Санкт-Петербурге выпал снег в июле"),
    ("Вторая ветка метрополитена заработала в Казани", "В Казани открыли вторую линию метро"),
    ("Russian President Vladimir Putin visited North Korea", "Putin visited North Korea"),
])
def test_the_same_actor_in_other_words_is_no_other_actor(message, claim):
    lang = "en" if message.isascii() else "ru"
    assert not other_actor(analyze(message, lang), normalize(claim, lang).split())


@pytest.mark.parametrize("message, claim", [
    ("Зенит победил Спартак со счётом 2:1", "Спартак победил Зенит со счётом 2:1"),     # names read as common words
    ("Путин обвинил Навального в коррупции", "Навальный обвинил Путина в коррупции"),  # «Навальный» an adjective
    ("Навального обвинил Путин в коррупции", "Навальный обвинил Путина в коррупции"),  # object first, by case
    ("Байден раскритиковал Трампа на съезде", "Трамп раскритиковал Байдена на съезде"),  # both of one side
    ("Сечин обвинил Ротенберга в мошенничестве", "Ротенберг обвинил Сечина в мошенничестве"),
    ("France beat Germany in the final", "Germany beat France in the final"),
    ("Italy beat Spain in the final", "Spain beat Italy in the final"),                 # unknown to the alias table
    # a name in the genitive after a noun plays that noun's part: Argentina's team won
    ("Сборная Аргентины обыграла Бразилию со счетом 3:1 в финале", "Сборная Бразилии обыграла Аргентину со счетом 3:1 в финале"),
    ("Президент Франции раскритиковал Германию", "Президент Германии раскритиковал Францию"),
])
def test_swapped_roles_are_flagged_whatever_the_case_of_the_names(message, claim):
    lang = "en" if message.isascii() else "ru"
    assert reasons(message, claim, lang) == ["roles"]


@pytest.mark.parametrize("message, claim", [
    ("Путина обвинил Навальный в коррупции", "Навальный обвинил Путина в коррупции"),   # same roles, other order
    ("Сечина обвинил Ротенберг в мошенничестве", "Ротенберг обвинил Сечина в мошенничестве"),
    ("Макрон встретился с Зеленским в Париже", "Зеленский встретился с Макроном в Париже"),  # a meeting is mutual
    ("Germany beat France in the final", "Germany beat France in the final"),
    ("Спартак победил Зенит со счётом 2:1", "Спартак победил Зенит со счётом 2:1"),
    ("Сборная Бразилии обыграла Аргентину 3:1", "Сборная Бразилии обыграла Аргентину со счетом 3:1 в финале"),
    # a unit counting a number («до 120 рублей») and an actor in another clause are no swapped roles
    ("доллар подорожал до 120 рублей, после того как ЦБ принял своё решение",
     "Курс доллара вырос до 120 рублей после решения Центробанка"),
    ("Евро подешевел до 90 рублей после заявления Минфина", "Курс евро упал до 90 рублей после заявления Минфина"),
])
def test_the_same_roles_are_not_flagged(message, claim):
    lang = "en" if message.isascii() else "ru"
    assert reasons(message, claim, lang) == []


def test_names_in_the_other_order_around_another_verb_are_a_loose_swap():
    claim = normalize("Спартак победил Зенит со счётом 2:1").split()
    assert names_reordered(analyze("Зенит обыграл Спартак со счётом 2:1"), claim)
    assert names_reordered(analyze("Спартака обыграл Зенит со счётом 2:1"), claim)   # by case, not order
    assert not names_reordered(analyze("Спартак обыграл Зенит со счётом 2:1"), claim)
    draw = normalize("Спартак сыграл вничью с Зенитом").split()
    assert not names_reordered(analyze("Зенит сыграл вничью со Спартаком"), draw)    # a draw is mutual


# a converse verb (claims/match/data/converses.tsv) tells the same event from the other
# participant's side: with the roles swapped it is the claim, with the roles kept its reversal
# (message, claim, language, the same event?)
CONVERSES = [
    ("Зенит обыграл Спартак 3:1", "Спартак проиграл Зениту 1:3", "ru", True),
    ("Зенит победил Спартак со счётом 3:1", "Спартак проиграл Зениту 1:3", "ru", True),
    ("Зениту уступил Спартак 1:3", "Зенит обыграл Спартак 3:1", "ru", True),                 # by case, not order
    ("Китай купил у России партию истребителей Су-35", "Россия продала Китаю партию истребителей Су-35", "ru", True),
    ("Twitter перешёл к Илону Маску за 44 млрд $", "Илон Маск купил компанию Twitter за 44 миллиарда долларов", "ru", True),
    ("США передали Украине партию танков Abrams", "Украина получила от США партию танков Abrams", "ru", True),
    ("Zenit beat Spartak 3:1", "Spartak lost to Zenit 1:3", "en", True),
    ("China bought fighter jets from Russia", "Russia sold fighter jets to China", "en", True),
    ("Спартак обыграл Зенит 3:1", "Спартак проиграл Зениту 1:3", "ru", False),
    ("Спартак выиграл у Зенита 3:1", "Спартак проиграл Зениту 1:3", "ru", False),
    ("Спартаку уступил Зенит 1:3", "Зенит обыграл Спартак 3:1", "ru", False),                 # by case, not order
    ("Россия купила у Китая партию истребителей Су-35", "Россия продала Китаю партию истребителей Су-35", "ru", False),
    ("Украина передала США партию танков Abrams", "Украина получила от США партию танков Abrams", "ru", False),
    ("Spartak beat Zenit 3:1", "Spartak lost to Zenit 1:3", "en", False),
    ("Russia bought fighter jets from China", "Russia sold fighter jets to China", "en", False),
]


@pytest.mark.parametrize("message, claim, lang, same", CONVERSES)
def test_a_converse_verb_states_the_claim_with_the_roles_swapped_and_reverses_it_with_them_kept(
        message, claim, lang, same):
    # before: «Зенит обыграл Спартак» was an antonym of «Спартак проиграл Зениту», «Китай купил у
    # России» swapped roles of «Россия продала Китаю», and «Россия купила у Китая» no reversal
    got = reasons(message, claim, lang)
    reordered = names_reordered(analyze(message, lang), normalize(claim, lang).split())
    if same:
        assert got == [] and not reordered
    else:
        assert got in (["antonym"], ["roles"]) and reordered


def test_a_converse_pair_leaves_another_antonym_standing():
    # «Зенит обыграл Спартак» is the claim's result, «закрыли» against «открыли» is still a reversal
    assert reasons("После того как Зенит обыграл Спартак, стадион закрыли",
                   "После того как Спартак проиграл Зениту, стадион открыли") == ["antonym"]


# ------------------------------------------------------------------ Ukrainian and Belarusian reversals
UK_BE = [
    ("Уряд знизив ПДВ до 22 відсотків", "uk", "Правительство повысило НДС до 22 процентов", ["antonym"]),
    ("Пенсійний вік у Росії знизять до 70 років", "uk", "Пенсионный возраст в России повысят до 70 лет", ["antonym"]),
    ("У Казані закрили другу лінію метро", "uk", "В Казани открыли вторую линию метро", ["antonym"]),
    ("Ціни на бензин у Росії впали на 10 відсотків за рік", "uk",
     "Цены на бензин в России выросли на 10 процентов за год", ["antonym"]),
    ("МОЗ заборонив продавати антибіотики без рецепта", "uk", "Минздрав разрешил продавать антибиотики без рецепта", ["antonym"]),
    ("Туреччина продовжить безвізовий режим для росіян", "uk", "Турция отменила безвизовый режим для россиян", ["antonym"]),
    ("Міст через Керченську протоку встояв після шторму", "uk", "Мост через Керченский пролив обрушился после шторма", ["antonym"]),
    ("Вибори пройдуть 15 квітня 2026 року", "uk", "Выборы пройдут 15 марта 2026 года", ["date"]),
    ("Урад знізіў ПДВ да 22 працэнтаў", "be", "Правительство повысило НДС до 22 процентов", ["antonym"]),
    ("У Казані зачынілі другую лінію метро", "be", "В Казани открыли вторую линию метро", ["antonym"]),
    ("Цэны на бензін у Расіі ўпалі на 10 працэнтаў за год", "be",
     "Цены на бензин в России выросли на 10 процентов за год", ["antonym"]),
    ("Мінздароўя забараніў прадаваць антыбіётыкі без рэцэпта", "be", "Минздрав разрешил продавать антибиотики без рецепта", ["antonym"]),
    ("Польшча адкрыла мяжу з Беларуссю для грузавікоў", "be", "Польша закрыла границу с Белоруссией для грузовиков", ["antonym"]),
    ("Турцыя працягне бязвізавы рэжым для расіян", "be", "Турция отменила безвизовый режим для россиян", ["antonym"]),
    # restatements stay unflagged
    ("Уряд підвищив ПДВ до 22 відсотків", "uk", "Правительство повысило НДС до 22 процентов", []),
    ("Вибори пройдуть 15 березня 2026 року", "uk", "Выборы пройдут 15 марта 2026 года", []),
    ("Туреччина скасувала безвізовий режим для росіян", "uk", "Турция отменила безвизовый режим для россиян", []),
    ("Урад павысіў ПДВ да 22 працэнтаў", "be", "Правительство повысило НДС до 22 процентов", []),
    ("У Казані адкрылі другую лінію метро", "be", "В Казани открыли вторую линию метро", []),
]


@pytest.mark.parametrize("message, lang, claim, expected", UK_BE)
def test_ukrainian_and_belarusian_reversals_of_a_russian_claim_are_flagged(message, lang, claim, expected):
    # a uk/be message is read with the Russian dictionary (as the matcher does); its antonyms and
    # month names are recognised by how they are written (antonyms.tsv rows "uk" and "be")
    got = cross_language_reasons(analyze(message, "ru"), "ru", normalize(claim).split(), "ru", msg_lang=lang)
    assert got == expected


# ------------------------------------------------------------------ English: May, never, numerals in words
@pytest.mark.parametrize("message, claim, expected", [
    ("Prices rose in June", "Prices rose in May", ["date"]),
    ("Prices rose on 5 June 2024", "Prices rose in May 2024", ["date"]),
    ("Prices rose in May", "Prices rose in May", []),
    ("Prices rose in May 2024", "Prices rose in May", []),
    ("Prices may rise", "Prices rose in May", []),             # the modal verb is no month
    ("Prices may rise in June", "Prices may rise in June", []),
    ("Prices fell in May", "Prices rose in May", ["antonym"]),
    ("Putin never visited North Korea", "Putin visited North Korea", ["negation"]),
    ("Putin has never visited North Korea", "Putin visited North Korea in May", ["negation"]),
    ("The central bank lowered interest rates", "The central bank raised interest rates", ["antonym"]),
    ("Twenty-five people died in the fire", "Twenty-one people died in the fire", ["number"]),
    ("21 people died in the fire", "Twenty-one people died in the fire", []),
    ("Twenty one people died in the fire", "21 people died in the fire", []),
    ("Two million people visited the fair", "2,000,000 people visited the fair", []),
])
def test_english_months_modals_negation_and_numerals_in_words(message, claim, expected):
    assert reasons(message, claim, "en") == expected


def test_english_numerals_in_words_and_the_month_may_are_normalised():
    assert normalize("Twenty-one people", "en") == "21 peopl"
    assert normalize("twenty one", "en") == "21"
    assert "may" in normalize("Prices rose in May", "en").split()
    assert "may" not in normalize("Prices may rise", "en").split()
    assert "may" not in normalize("Theresa May visited Paris", "en").split()


# ------------------------------------------------------------------ found by a new user's trial (issue 10)
def test_swapped_roles_are_flagged_when_both_sides_name_the_same_circumstances():
    # «в финале Кубка России» on both sides: names of the setting, not of who beat whom
    assert reasons("Спартак победил Зенит в финале Кубка России",
                   "Зенит победил Спартак в финале Кубка России") == ["roles"]
    assert reasons("Зенит победил Спартак в финале Кубка России",
                   "Зенит победил Спартак в финале Кубка России") == []


def test_a_negation_about_something_else_in_the_same_sentence_is_no_reversal():
    # a long post's sentence states the claim verbatim, then says the grandmother «ни разу не болела»
    assert reasons("Чеснок защищает от заражения коронавирусом, поэтому моя бабушка каждое утро "
                   "съедает по две дольки и ни разу не болела за все эти годы.",
                   "Чеснок защищает от заражения коронавирусом") == []
    assert reasons("Чеснок никак не спасёт от коронавируса",
                   "Чеснок защищает от заражения коронавирусом") == ["negation"]


def test_names_reordered_around_another_verb_with_the_setting_named_too():
    claim = normalize("Зенит победил Спартак в финале Кубка России").split()
    assert names_reordered(analyze("Спартак обыграл Зенит в финале Кубка России"), claim)
    assert not names_reordered(analyze("Зенит обыграл Спартак в финале Кубка России"), claim)


@pytest.mark.parametrize("message, claim", [
    ("Сбербанк отменил увольнение 20% сотрудников", "Сбербанк уволит 20% сотрудников"),
    ("Правительство отказалось от повышения НДС до 22 процентов", "Правительство повысило НДС до 22 процентов"),
    ("Путин отменил посещение Казани", "Путин посетил Казань"),
    ("Сбербанк уволит 20% сотрудников", "Сбербанк отменил увольнение 20% сотрудников"),
])
def test_cancelling_the_claims_own_action_is_a_reversal(message, claim):
    # before, «отменил увольнение» against «уволит» was a plain 87.7 match: the claim's words are all
    # there, and neither side has a «не»
    assert reasons(message, claim) == ["negation"]


@pytest.mark.parametrize("message, claim", [
    ("Путин посетил Казань и отменил встречу с мэром", "Путин посетил Казань"),
    ("Сбербанк уволит 20% сотрудников, отменив премии", "Сбербанк уволит 20% сотрудников"),
])
def test_a_privative_before_another_noun_is_no_reversal(message, claim):
    assert "negation" not in reasons(message, claim)


def test_a_negated_action_agrees_with_its_ban():
    # «запретили продажу» undoes «продадут», and «больше не продадут» says so too: no reversal
    assert reasons("Несовершеннолетним больше не продадут энергетики",
                   "В России запретили продажу энергетиков несовершеннолетним") == []


@pytest.mark.parametrize("message, claim", [
    ("Сбербанк наймёт 20% сотрудников", "Сбербанк уволит 20% сотрудников"),
    ("Amazon hired 10,000 workers", "Amazon fired 10,000 workers"),
])
def test_hiring_against_firing_is_an_antonym(message, claim):
    # before, «Сбербанк наймёт 20% сотрудников» was a plain 88.7 match of «Сбербанк уволит …»
    lang = "en" if message.isascii() else "ru"
    assert reasons(message, claim, lang) == ["antonym"]


@pytest.mark.parametrize("message, claim, lang", [
    ("Казахстан вошёл в ЕАЭС", "Казахстан вышел из Евразийского экономического союза", "ru"),
    ("Россия вступила в ВОЗ", "Россия вышла из ВОЗ", "ru"),
    ("Hungary joined the ICC", "Hungary withdrew from the ICC", "en"),
])
def test_joining_against_leaving_is_an_antonym(message, claim, lang):
    # before, «Казахстан вошёл в ЕАЭС» was a plain 91.6 match of «Казахстан вышел из …»
    assert reasons(message, claim, lang) == ["antonym"]


CUT = "The Bank of Russia cut the key rate to 16 percent on 25 October 2026"


@pytest.mark.parametrize("message", [
    "The Bank of Russia cut the key rate to 16% on October 25, 2026",       # the US order
    "The Bank of Russia cut the key rate to 16 percent on Oct. 25, 2026",   # an abbreviated month
    "The Bank of Russia cut the key rate to 16 percent on October 25th, 2026",
])
def test_an_english_date_in_the_month_first_order_is_the_same_date(message):
    # "16% on October 25, 2026" was read as 16 October (the rate taken for the day): date and number flagged
    assert reasons(message, CUT, "en") == []


@pytest.mark.parametrize("message, expected", [
    ("The Bank of Russia cut the key rate to 16% on November 25, 2026", ["date"]),
    ("The Bank of Russia cut the key rate to 16% on Oct. 26, 2026", ["date"]),
    ("The Bank of Russia cut the key rate to 17% on October 25, 2026", ["number"]),
])
def test_another_english_date_in_the_month_first_order_is_flagged(message, expected):
    assert reasons(message, CUT, "en") == expected
