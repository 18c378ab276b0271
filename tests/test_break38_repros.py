"""Break test b38 (232 messages against 16 fact-checks and 309 headlines of the tester's own): reversals
presented as plain matches and unrelated messages matched, each kind fixed and kept here.

- an antonym the tables lacked: «пенсии … урезали / сократили на 9,5%» against «… проиндексировали на
  9,5%» (96.6 plain), «Лукашенко посадил / арестовал более 30 политзаключённых» against «… помиловал …»;
- a doubt relayed: «Эксперты усомнились, что X», "Experts doubt that X" were plain matches of X (a
  negated doubt still states it: «Никто не сомневается, что X»);
- another currency: «Курс доллара превысил 110 тенге» against «… 110 рублей» (94.5 plain);
- another payment: «проиндексировали маткапитал / пособия на 9,5%» against «… пенсии …»;
- a dictionary word "corrected" to a stored Ukrainian stem: with «Кабмін затвердив програму …» stored,
  «ЦСКА проиграл Локомотиву 0:2» read «проиграл» as «програм» and lost the antonym (92.3 plain of «ЦСКА
  обыграл Локомотив 2:0»), and «Локомотив проиграл ЦСКА 0:2» (the same result) was flagged "roles";
- a risk raised against a protection: «Чеснок повышает риск заражения коронавирусом» was a plain match of
  «Чеснок защищает от заражения коронавирусом» (85.4), "Garlic increases the risk of COVID-19" too;
- the reverse mistake: «… коронавирусом не заразишься» (the issue's own kind of rephrasing with other
  words) was flagged "negation" against «Чеснок защищает от заражения …» — what it negates is what the
  claim's verb keeps from happening;
- a bound reversed: «помиловал менее 30» against «более 30» (87.7 plain; read through the use case,
  which has the claim's text — the index drops «более», «менее» as function words).
"""

from __future__ import annotations

import json

import pytest

from claims.match.bounds import bound_reversed, bounds
from tests.test_match_written_language import hit_of, stores_by_group

GROUPS = {
    "main": {
        5: ("С 1 января 2025 года пенсии неработающих пенсионеров проиндексировали на 9,5%", "ru"),
        16: ("Лукашенко помиловал более 30 политзаключённых", "ru"),
        1: ("Чеснок защищает от заражения коронавирусом", "ru"),
        2: ("Garlic protects against COVID-19", "en"),
        9: ("Курс доллара превысил 110 рублей", "ru"),
        3: ("Эксперты сомневаются в эффективности вакцины Спутник V", "ru"),
        4: ("Курение вызывает рак лёгких", "ru"),
        6: ("Прививка от гриппа предотвращает заболевание гриппом", "ru"),
        11: ("Мобильные телефоны вызывают рак мозга", "ru"),
        12: ("Вакцина от кори вызывает аутизм", "ru"),
        13: ("В Подмосковье за неделю выявили более 500 случаев кори", "ru"),
        14: ("Минимальную пенсию подняли до 2361 гривни", "ru"),
    },
    "english": {
        20: ("Belarus released 30 political prisoners", "en"),
        21: ("Путин назначил Андрея Белоусова министром обороны", "ru"),
        22: ("Верховна Рада призначила Рустема Умєрова міністром оборони", "uk"),
    },
    "football": {
        7: ("ЦСКА обыграл Локомотив со счётом 2:0", "ru"),
        8: ("Зенит обыграл Спартак со счётом 3:1", "ru"),
        90: ("Кабмін затвердив програму єОселя для молоді", "uk"),
        91: ("ЦСКА сыграл вничью с Краснодаром 1:1", "ru"),
        92: ("Болельщики Локомотива устроили акцию протеста у стадиона", "ru"),
    },
}

CASES = [
    # (group, claim, message, expected: "plain" | "flag" | "not plain")
    ("main", 5, "С 1 января 2025 года пенсии неработающих пенсионеров урезали на 9,5%", "flag"),
    ("main", 5, "С 1 января 2025 года пенсии неработающих пенсионеров сократили на 9,5%", "flag"),
    ("main", 5, "С 1 января 2025 года пенсии неработающих пенсионеров понизили на 9,5%", "flag"),
    ("main", 5, "Пенсии неработающим пенсионерам с 1 января 2025 года увеличили на 9,5%", "plain"),
    ("main", 5, "С 1 января 2025 года пенсии неработающих пенсионеров повысили на 9,5%", "plain"),
    ("main", 16, "Лукашенко посадил более 30 политзаключённых", "flag"),
    ("main", 16, "Лукашенко арестовал более 30 политзаключённых", "flag"),
    ("main", 16, "Лукашенко освободил более 30 политзаключённых", "plain"),
    ("main", 1, "Эксперты усомнились, что чеснок защищает от заражения коронавирусом", "flag"),
    ("main", 1, "Врачи сомневаются, что чеснок защищает от заражения коронавирусом", "flag"),
    ("main", 1, "Многие врачи сомневаются в том, что чеснок защищает от заражения коронавирусом", "flag"),
    ("main", 2, "Experts doubt that garlic protects against COVID-19", "flag"),
    ("main", 2, "Scientists doubted that garlic protects against COVID-19", "flag"),
    ("main", 1, "Никто не сомневается, что чеснок защищает от заражения коронавирусом", "plain"),
    ("main", 1, "Учёные уже не сомневаются, что чеснок защищает от заражения коронавирусом", "plain"),
    ("main", 1, "Нет сомнений, что чеснок защищает от заражения коронавирусом", "plain"),
    ("main", 2, "Nobody doubts that garlic protects against COVID-19", "plain"),
    ("main", 2, "There is no doubt that garlic protects against COVID-19", "plain"),
    ("main", 3, "Специалисты сомневаются, что Спутник V эффективен", "plain"),
    ("main", 9, "Курс доллара превысил 110 тенге", "not plain"),
    ("main", 9, "Курс доллара превысил 110 гривен", "not plain"),
    ("main", 9, "Курс доллара превысил отметку в 110 рублей", "plain"),
    ("main", 5, "С 1 января 2025 года в России проиндексировали маткапитал на 9,5%", "not plain"),
    ("main", 5, "С 1 января 2025 года в России проиндексировали пособия на 9,5%", "not plain"),
    ("main", 5, "С 1 января 2025 года в России проиндексировали стипендии на 9,5%", "not plain"),
    ("main", 1, "Чеснок повышает риск заражения коронавирусом", "flag"),
    ("main", 1, "Чеснок увеличивает риск заражения коронавирусом", "flag"),
    ("main", 1, "Чеснок снижает риск заражения коронавирусом", "plain"),
    ("main", 2, "Garlic increases the risk of COVID-19", "flag"),
    ("main", 2, "Garlic reduces the risk of COVID-19", "plain"),
    ("main", 4, "Курение повышает риск рака лёгких", "plain"),
    ("main", 4, "Курение снижает риск рака лёгких", "flag"),
    ("main", 1, "Если регулярно есть чеснок, коронавирусом не заразишься — проверено врачами", "plain"),
    ("main", 1, "Ешь чеснок и не заразишься коронавирусом", "plain"),
    ("main", 1, "Чеснок не защищает от заражения коронавирусом", "flag"),
    ("main", 6, "Привитые от гриппа не заболеют гриппом", "plain"),
    ("main", 6, "Прививка от гриппа не предотвращает заболевание гриппом", "flag"),
    # break test b39, aimed at the above: a doubt asked about, mocked or answered is no denial; «не менее»
    # is a bound, not a negation; currency codes and the other Ukrainian forms are units too
    ("main", 11, "Кто ещё сомневается, что мобильные телефоны вызывают рак мозга?", "plain"),
    ("main", 11, "Хватит сомневаться: мобильные телефоны вызывают рак мозга", "plain"),
    ("main", 12, "Мало кто сомневается, что вакцина от кори вызывает аутизм", "plain"),
    ("main", 11, "Скептики сомневались, что мобильные телефоны вызывают рак мозга, но это подтвердилось", "plain"),
    ("main", 2, "Anyone still doubt that garlic protects against COVID-19?", "plain"),
    ("main", 11, "Сомнительно, что мобильные телефоны вызывают рак мозга", "flag"),
    ("main", 11, "Скептики сомневались, что мобильные телефоны вызывают рак мозга, и не зря", "flag"),
    ("main", 13, "В Подмосковье за неделю выявили не менее 500 случаев кори", "plain"),
    ("main", 14, "Минимальную пенсию подняли до 2361 злотого", "not plain"),
    ("main", 14, "Минимальную пенсию подняли до 2361 гривен", "plain"),
    # break test b40: English arrest / release, fire / appoint; a passive without its doer restates a
    # Ukrainian claim (an alias row for «Верховна Рада» made the omitted doer "another actor")
    ("english", 20, "Belarus arrested 30 political prisoners", "flag"),
    ("english", 20, "Belarus jailed 30 political prisoners", "flag"),
    ("english", 20, "Belarus freed 30 political prisoners", "plain"),
    ("english", 21, "Putin fired defence minister Andrei Belousov", "flag"),
    ("english", 21, "Putin appointed Andrei Belousov as defence minister", "plain"),
    ("english", 22, "Ukraine's parliament appointed Rustem Umerov as defence minister", "plain"),
    ("english", 22, "Rustem Umerov was appointed Ukraine's defence minister", "plain"),
    ("football", 7, "ЦСКА проиграл Локомотиву со счётом 0:2", "flag"),
    ("football", 7, "Локомотив проиграл ЦСКА со счётом 0:2", "plain"),
    ("football", 8, "Зенит проиграл Спартаку со счётом 1:3", "flag"),
    ("football", 8, "Спартак проиграл Зениту 1:3", "plain"),
]


@pytest.fixture(scope="module")
def store(encoder):
    return stores_by_group(encoder, GROUPS)


@pytest.mark.parametrize("group, claim, message, expected", CASES, ids=[c[2][:60] for c in CASES])
def test_b38_decisions(store, group, claim, message, expected):
    h = hit_of(store(group), message, claim)
    got = "none" if h is None else "flag" if h.contradicts else "plain" if h.relation == "match" else h.relation
    if expected == "not plain":
        assert got != "plain", (message, h)
    else:
        assert got == expected, (message, h)


@pytest.mark.parametrize("message, claim, reversed_", [
    ("Лукашенко помиловал менее 30 политзаключённых", "Лукашенко помиловал более 30 политзаключённых", True),
    ("Лукашенко помиловал не более 30 политзаключённых", "Лукашенко помиловал более 30 политзаключённых", True),
    ("Lukashenko pardoned fewer than 30 political prisoners", "Лукашенко помиловал более 30 политзаключённых", True),
    ("Лукашенко помиловал свыше 30 политзаключённых", "Лукашенко помиловал более 30 политзаключённых", False),
    ("Лукашенко помиловал не менее 30 политзаключённых", "Лукашенко помиловал более 30 политзаключённых", False),
    ("Лукашенко помиловал 32 политзаключённых", "Лукашенко помиловал более 30 политзаключённых", False),
    ("Лукашенко помиловал менее 40 политзаключённых", "Лукашенко помиловал более 30 политзаключённых", False),
    ("Over 1,000 people were evacuated", "Fewer than 1 000 people were evacuated", True),
    ("ВВП России вырос менее чем на 3% в 2024 году", "ВВП России вырос более чем на 3% в 2024 году", True),
    ("ВВП России в 2024 году вырос не более чем на 3%", "ВВП России вырос более чем на 3% в 2024 году", True),
    ("ВВП России в 2024 году вырос не менее чем на 3%", "ВВП России вырос более чем на 3% в 2024 году", False),
    ("Not more than 150 people died in floods in Valencia", "At least 150 people died in floods in Valencia", True),
    ("Not fewer than 150 people died in floods in Valencia", "At least 150 people died in floods in Valencia", False),
    ("Not less than 150 people died in floods in Valencia", "At least 150 people died in floods in Valencia", False),
])
def test_a_bound_is_read_from_the_text_as_written(message, claim, reversed_):
    assert bound_reversed(message, claim) is reversed_
    assert bounds("не менее 30 и менее 9,5%") == {30.0: "above", 9.5: "below"}


def test_a_reversed_bound_is_flagged_by_the_use_case(run_cli, tmp_path):
    """Through `claims match` (what the bot calls), on SQLite and PostgreSQL."""
    path = tmp_path / "fc.jsonl"
    path.write_text(json.dumps({"text": "Лукашенко помиловал более 30 политзаключённых", "verdict": "true"},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    run_cli("import", str(path), check=True)
    proc = run_cli("match", "--stdin", "--json", input="Лукашенко помиловал менее 30 политзаключённых\n"
                   "Лукашенко помиловал свыше 30 политзаключённых\n")
    assert proc.returncode == 0, proc.stderr
    less, more = (json.loads(x)["results"][0] for x in proc.stdout.splitlines())
    assert (less["relation"], less["contradicts"], less["reasons"]) == ("related", True, ["number"])
    assert (more["relation"], more["contradicts"]) == ("match", False)


def test_a_claim_with_no_words_is_not_imported(run_cli, tmp_path):
    """Break test bot40: `claims import` stored «и в на», «😀😀😀» and a bare link as claims no search or
    match could ever find (normalised to nothing); the whole file is refused, line by line."""
    path = tmp_path / "w.csv"
    path.write_text("text,verdict\nи в на,false\n😀😀😀,false\nЧеснок защищает от коронавируса,false\n",
                    encoding="utf-8")
    proc = run_cli("import", str(path))
    assert proc.returncode == 1, proc.stdout
    assert "line 2: text: has no words" in proc.stderr and "line 3: text: has no words" in proc.stderr
    assert "nothing was imported" in proc.stderr
    # a headline with words finds it (CheckThat!'s verified claims hold «The» titled "3 Musketeers")
    titled = tmp_path / "t.jsonl"
    titled.write_text('{"text": "The", "title": "3 Musketeers", "verdict": "false"}\n', encoding="utf-8")
    assert run_cli("import", str(titled)).returncode == 0


def test_an_edited_claim_is_read_in_the_language_of_its_new_text(session):
    """Break test bot40: a Russian claim edited into English kept "ru" and was normalised as
    transliterated Russian («the of and» stored as «оф анды»); now the edit is read as a new claim is."""
    from claims.errors import NoWords
    from claims.services.catalog import add_claim, edit_claim

    claim = add_claim(session, "Чеснок защищает от коронавируса")
    with pytest.raises(NoWords):
        edit_claim(session, claim.id, "the of and")
    edited = edit_claim(session, claim.id, "Garlic protects against COVID-19")
    assert (edited.language, edited.normalized.split()[0]) == ("en", "garlic")


@pytest.mark.parametrize("words, number", [("сто с половиной рублей", "150"), ("двести с половиной", "250"),
                                           ("девять с половиной процентов", "9.5"), ("двадцать с половиной лет", "20.5")])
def test_a_half_after_a_round_number_is_half_its_order(words, number):
    """Break test b40: «сто с половиной рублей» (150) was read as 100.5 and flagged "number" against «… 150 …»."""
    from claims.normalize import normalize

    assert normalize(words, "ru").split()[0] == number


@pytest.mark.parametrize("text, lang, negated", [
    ("В Подмосковье выявили не менее 500 случаев кори", "ru", False),
    ("ВВП вырос не более чем на 3%", "ru", False),
    ("Not more than 150 people died", "en", False),
    ("No more free bus rides in Moscow", "en", True),
    ("Бесплатного проезда больше не будет", "ru", True),
])
def test_a_negation_before_a_bound_is_the_bound(text, lang, negated):
    """«не менее 500» is a lower bound, no negation (it was flagged "negation" against «более 500»: b39);
    "no more" before anything but "than" or a number still negates."""
    from claims.normalize import NEGATIONS, normalize

    assert any(w in NEGATIONS for w in normalize(text, lang).split()) is negated
