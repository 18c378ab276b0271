"""Break test b41 (235 messages against 15 fact-checks and 292 headlines of the tester's own) and the known gaps
it confirmed: reversals presented as plain matches and restatements flagged, each kind fixed and kept here.

- the post's own word that what it just said is unproven, in a contrast clause or a sentence after it: «X, но
  доказательств этому нет», «X. Никаких доказательств этому нет», «X, однако учёные этого не доказали», uk «X,
  але доказів цьому немає», "X. There is no evidence for this." were plain matches of X (break test b42: not "X,
  but it did not", which restates "promised X"; after a contrast only the clause before it is judged);
- the claim's verb negated of another thing of the claim's kind (alternatives.tsv) in a contrast clause: «Чеснок
  защищает от …, но от гриппа он не защищает», «Вакцина вызывает бесплодие, но аллергию она не вызывает» were
  flagged "negation" (still flagged when that clause holds the claim's own thing, a subject of its own, or a word of
  no such kind: «…, но на практике / людей он не защищает», break test b42);
- a Ukrainian future read as an imperative: «Пенсії … не проіндексують …» was advice, a plain match (b42);
- a «не» that restricts («…, но не сразу», «але не одразу») negated the claim across languages; verdicts «Это
  совсем не так», «Всё не так», «Как бы не так!» were not read;
- a restriction with no word after the «не»: uk «…, але не всім», «але не для всіх» and a Russian message «…,
  но не всем» against a Ukrainian claim were flagged "negation" (normaliser 15: the uk/be forms of «весь» are
  function words);
- «не было никакого X» of the claim's event («… не было никакого землетрясения …») was plain;
- a bound in words («менее пятисот» against «более 500») or given by a verb («превысила 70 рублей» against
  «менее / ниже 70 рублей») was no reversal;
- a Ukrainian or Belarusian ban as the claim's word («заборонила», «забараніў») against a Russian «запретила»:
  a faithful translation was flagged "negation";
- a negated catch after a protective verb: «С имбирём гриппом не заразишься» restates «Имбирь защищает от гриппа»;
- another thing of one kind in the claim's place (alternatives.tsv): another organ («рак желудка» for «рак печени»),
  remedy («Имбирь» for «Куркума»), victims («12 коров» for «12 человек») were plain matches; a Ukrainian claim's
  own words are read too («молоко» for «хліб»); a minister's portfolio («Министр финансов» for «здравоохранения»)
  was in the table for a while and taken back (break test b43: «комитет по финансам» in a restatement);
- a clock time with "pm": "after 10 pm" was the number 10 against «після 22:00» (flagged "number").
"""

from __future__ import annotations

import json

import pytest

from claims.match.bounds import bounds
from claims.normalize import normalize
from tests.test_match_written_language import hit_of, stores_by_group

GROUPS = {
    "health": {
        1: ("Чеснок защищает от заражения коронавирусом", "ru"),
        2: ("Имбирь защищает от гриппа", "ru"),
        3: ("Вакцина вызывает бесплодие", "ru"),
        4: ("The WHO declared a new pandemic", "en"),
        5: ("Garlic protects against COVID", "en"),
        6: ("Часник захищає від коронавірусу", "uk"),
    },
    "state": {
        11: ("Власти запретили продажу энергетиков подросткам", "ru"),
        12: ("Уряд підвищив пенсії на 10 відсотків", "uk"),
        13: ("Верховна Рада заборонила продаж алкоголю після 22:00 по всій країні", "uk"),
        14: ("Урад Беларусі забараніў продаж алкаголю ўначы", "be"),
    },
    "slots": {
        31: ("Куркума излечивает рак печени", "ru"),
        32: ("Министр здравоохранения Михаил Мурашко подал в отставку", "ru"),
        33: ("При наводнении в Оренбургской области погибли 12 человек", "ru"),
        34: ("Ціна на хліб в Україні зросла на 20% за рік", "uk"),
        35: ("Верховна Рада заборонила продаж алкоголю після 22:00 по всій країні", "uk"),
        36: ("Министр здравоохранения Мурашко заявил о сокращении финансирования больниц", "ru"),
    },
    "b42": {
        41: ("Tesla promised to launch a robotaxi service in 2024", "en"),
        42: ("The EU fined Apple 1.8 billion euros", "en"),
        43: ("В Дагестане произошло землетрясение магнитудой 5,8", "ru"),
        44: ("Банк России снизил ключевую ставку до 16,5%", "ru"),
        45: ("Пенсії в Україні проіндексують на 11,5% з 1 березня", "uk"),
        46: ("Уряд України заборонив вивезення зерна до Польщі", "uk"),
    },
    "numbers": {
        21: ("На митинг в Москве вышли более 500 человек", "ru"),
        22: ("Цена бензина АИ-95 в Москве превысила 70 рублей за литр", "ru"),
        23: ("Землетрясение магнитудой 7,2 произошло на Камчатке 15 марта 2026 года", "ru"),
    },
}

CASES = [
    # unproven, said by the post itself
    ("health", 1, "Чеснок защищает от заражения коронавирусом, но доказательств этому нет", "flag"),
    ("health", 1, "Чеснок защищает от заражения коронавирусом. Доказательств этому нет.", "flag"),
    ("health", 1, "Чеснок защищает от заражения коронавирусом, но это ничем не подтверждено", "flag"),
    ("health", 1, "Чеснок защищает от заражения коронавирусом, однако учёные этого не доказали", "flag"),
    ("health", 1, "Пишут, что чеснок защищает от заражения коронавирусом. Никаких доказательств этому нет", "flag"),
    ("health", 6, "Часник захищає від коронавірусу, але доказів цьому немає", "flag"),
    ("health", 4, "The WHO declared a new pandemic. There is no evidence for this.", "flag"),
    ("health", 4, "The WHO declared a new pandemic, but this has not been proven", "flag"),
    ("health", 1, "Чеснок защищает от заражения коронавирусом, и доказательств этому много", "plain"),
    ("health", 1, "Чеснок защищает от заражения коронавирусом, но доказательств этому пока мало, говорят врачи",
     "plain"),
    ("health", 4, "The WHO declared a new pandemic, but it did not say how long it will last", "plain"),
    # (break test b42) "but it did not" is no denial: "promised X, but it did not" restates the promise; after a
    # contrast the clause right before it is what is unproven, within its sentence
    ("b42", 41, "Tesla promised to launch a robotaxi service in 2024, but it did not", "plain"),
    ("b42", 42, "The EU fined Apple 1.8 billion euros. Apple was asked to comment, but it did not", "plain"),
    ("b42", 43, "В Дагестане произошло землетрясение магнитудой 5,8. Блогеры связали его с испытаниями оружия, "
                "но доказательств этому нет.", "plain"),
    ("b42", 43, "В Дагестане произошло землетрясение магнитудой 5,8, его связывают с испытаниями, но это не доказано",
     "plain"),
    ("b42", 44, "Говорят, что Банк России снизил ключевую ставку до 16,5%, но подтверждений этому нет", "flag"),
    ("health", 1, "Чеснок защищает от заражения коронавирусом. Это совсем не так.", "flag"),
    ("health", 1, "Чеснок защищает от заражения коронавирусом? Всё не так.", "flag"),
    ("health", 1, "Чеснок защищает от заражения коронавирусом? Как бы не так!", "flag"),
    ("health", 1, "Чеснок защищает от заражения коронавирусом. Это не совсем так.", "flag"),
    ("health", 1, "Чеснок защищает от заражения коронавирусом. Всё не так просто, но это правда.", "plain"),
    # the claim's verb negated of another thing
    ("health", 1, "Чеснок защищает от заражения коронавирусом, но от гриппа он не защищает", "plain"),
    ("health", 3, "Вакцина вызывает бесплодие, но аллергию она не вызывает", "plain"),
    ("health", 5, "Garlic protects against COVID, but it does not protect against flu", "plain"),
    ("state", 11, "Власти запретили продажу энергетиков подросткам, но продажу сигарет не запретили", "plain"),
    ("health", 1, "Чеснок защищает от простуды, но от заражения коронавирусом он не защищает", "flag"),
    ("health", 3, "Вакцина вызывает аллергию, но бесплодие она не вызывает", "flag"),
    ("health", 5, "Garlic protects against flu, but it does not protect against COVID", "flag"),
    ("state", 11, "Власти запретили продажу сигарет подросткам, но продажу энергетиков не запретили", "flag"),
    ("health", 1, "Чеснок защищает от заражения коронавирусом, однако врачи говорят: не защищает", "flag"),
    ("health", 1, "Чеснок защищает от заражения коронавирусом, но на самом деле он не защищает", "flag"),
    # (b42) a circumstance, a group of people or a study is no other thing: the claim negated
    ("health", 1, "Говорят, что чеснок защищает от заражения коронавирусом, но на практике он не защищает", "flag"),
    ("health", 1, "Чеснок защищает от заражения коронавирусом, но в исследованиях он не защищал", "flag"),
    ("health", 1, "Чеснок защищает от заражения коронавирусом, но людей он не защищает", "flag"),
    ("health", 3, "Вакцина вызывает бесплодие, но у привитых женщин она его не вызывает", "flag"),
    ("health", 5, "Garlic protects against COVID, but it does not protect against it in practice", "flag"),
    ("health", 5, "Garlic protects against COVID, but it does not protect adults", "flag"),
    # a restriction with nothing after its «не»
    ("state", 12, "Уряд підвищив пенсії на 10 відсотків, але не всім", "plain"),
    ("state", 12, "Уряд підвищив пенсії на 10 відсотків, але не для всіх", "plain"),
    ("state", 12, "Правительство повысило пенсии на 10 процентов, но не всем", "plain"),
    ("state", 12, "Уряд не підвищив пенсії на 10 відсотків", "flag"),
    ("health", 6, "Часник захищає від коронавірусу, але не всіх", "plain"),
    ("b42", 45, "Пенсии в Украине проиндексируют на 11,5% с 1 марта, но не сразу", "plain"),
    ("b42", 45, "Пенсії в Україні проіндексують на 11,5% з 1 березня, але не одразу", "plain"),
    ("b42", 45, "Пенсії в Україні не проіндексують на 11,5% з 1 березня", "flag"),
    ("b42", 45, "Уряд заявив, що пенсії в Україні не проіндексують на 11,5% з 1 березня", "flag"),
    ("b42", 46, "Уряд України скасував заборону на вивезення зерна до Польщі", "flag"),
    ("b42", 46, "Уряд України зняв заборону на вивезення зерна до Польщі", "flag"),
    # a uk/be ban as the claim's word
    ("state", 13, "Верховная Рада запретила продажу алкоголя после 22:00 по всей стране", "plain"),
    ("state", 13, "Рада запретила продажу алкоголя после 22:00 по всей стране", "plain"),
    ("state", 13, "Верховная Рада разрешила продажу алкоголя после 22:00 по всей стране", "flag"),
    ("state", 13, "Верховная Рада не запрещала продажу алкоголя после 22:00 по всей стране", "flag"),
    ("state", 14, "Правительство Беларуси запретило продажу алкоголя ночью", "plain"),
    ("state", 14, "Правительство Беларуси запретило продажу алкоголя днём", "not plain"),
    ("state", 14, "Правительство Беларуси не запрещало продажу алкоголя ночью", "flag"),
    ("state", 14, "Урад Беларусі забараніў продаж алкаголю ўдзень", "flag"),
    ("state", 13, "Верховна Рада заборонила продаж алкоголю після 22:00 вдень, а не вночі", "not plain"),
    # «не было никакого X» (but «X не было» at the end is no denial of X: «предупреждения о землетрясении не было»,
    # b42; «Землетрясения … не было» stays a known gap)
    ("numbers", 23, "15 марта 2026 года на Камчатке не было никакого землетрясения магнитудой 7,2", "flag"),
    ("numbers", 23, "Землетрясение магнитудой 7,2 произошло на Камчатке 15 марта 2026 года, но жертв не было",
     "plain"),
    # another thing of the claim's kind in its place
    ("slots", 31, "Имбирь излечивает рак печени", "not plain"),
    ("slots", 31, "Куркума излечивает рак желудка", "not plain"),
    ("slots", 31, "Куркума вылечивает рак печени", "plain"),
    pytest.param("slots", 32, "Министр финансов Михаил Мурашко подал в отставку", "not plain", marks=pytest.mark.xfail(
        strict=True, reason="a minister's portfolio in the table took «комитет по финансам» in a restatement for "
        "another portfolio (break test b43): taken back")),
    ("slots", 36, "Мурашко на заседании комитета по финансам заявил о сокращении финансирования больниц", "plain"),
    ("slots", 32, "Глава Минздрава Михаил Мурашко подал в отставку", "plain"),
    ("slots", 33, "При наводнении в Оренбургской области погибли 12 коров", "not plain"),
    ("slots", 33, "В Оренбургской области при наводнении погибли 12 жителей", "plain"),
    ("slots", 34, "Ціна на молоко в Україні зросла на 20% за рік", "not plain"),
    ("slots", 34, "Цена на хлеб в Украине выросла на 20% за год", "plain"),
    ("slots", 35, "Ukraine's parliament banned alcohol sales after 10 pm nationwide", "not flag"),
    # a protection restated by a negated catch
    ("health", 2, "С имбирём гриппом не заразишься", "plain"),
    ("health", 2, "Имбирь не защищает от гриппа", "flag"),
]


@pytest.fixture(scope="module")
def store(encoder):
    return stores_by_group(encoder, GROUPS)


@pytest.mark.parametrize("group, claim, message, expected", CASES,
                         ids=[(c.values if hasattr(c, "values") else c)[2][:60] for c in CASES])
def test_b41_decisions(store, group, claim, message, expected):
    h = hit_of(store(group), message, claim)
    got = "none" if h is None else "flag" if h.contradicts else "plain" if h.relation == "match" else h.relation
    if expected in ("not plain", "not flag"):
        assert got != expected[4:], (message, h)
    else:
        assert got == expected, (message, h)


@pytest.mark.parametrize("text, expected", [
    ("вышли менее пятисот человек", {500.0: "below"}),
    ("свыше полутора тысяч", {1500.0: "above"}),
    ("более двадцати одного", {21.0: "above"}),
    ("выше нормы в три раза", {}),
    ("Цена превысила 70 рублей", {70.0: "above"}),
    ("Цена не превышает 70 рублей", {70.0: "below"}),
    ("Prices exceeded 5%", {5.0: "above"}),
    ("Курс евро не выше 110 рублей", {110.0: "below"}),
    ("Курс евро не ниже 110 рублей", {110.0: "above"}),
    ("Число погибших превысило 40 тысяч", {40000.0: "above"}),
    ("менее 40 000 погибших", {40000.0: "below"}),
])
def test_a_bound_in_words_or_by_a_verb(text, expected):
    assert bounds(text) == expected


def test_a_clock_time_with_pm_is_the_24_hour_time():
    assert normalize("after 10 pm nationwide", "en") == normalize("after 22:00 nationwide", "en")
    assert normalize("at 10:30 p.m.", "en") == normalize("at 22:30", "en")
    assert normalize("5 pmol", "en") == "5 pmol"


def test_bounds_reversed_in_words_or_by_a_verb_are_flagged_by_the_use_case(run_cli, tmp_path):
    """Through `claims match` (what the bot calls), on SQLite and PostgreSQL."""
    path = tmp_path / "fc.jsonl"
    path.write_text("".join(json.dumps({"text": t, "verdict": "false"}, ensure_ascii=False) + "\n" for t in (
        "На митинг в Москве вышли более 500 человек", "Цена бензина АИ-95 в Москве превысила 70 рублей за литр")),
        encoding="utf-8")
    run_cli("import", str(path), check=True)
    msgs = ["На митинг в Москве вышли менее пятисот человек", "Цена бензина АИ-95 в Москве ниже 70 рублей за литр",
            "На митинг в Москве вышли больше пятисот человек"]
    proc = run_cli("match", "--stdin", "--json", input="\n".join(msgs) + "\n")
    assert proc.returncode == 0, proc.stderr
    fewer, lower, more = (json.loads(x)["results"][0] for x in proc.stdout.splitlines())
    assert (fewer["relation"], fewer["contradicts"], fewer["reasons"]) == ("related", True, ["number"])
    assert (lower["relation"], lower["contradicts"], lower["reasons"]) == ("related", True, ["number"])
    assert (more["relation"], more["contradicts"]) == ("match", False)
