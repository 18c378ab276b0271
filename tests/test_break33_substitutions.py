"""Another thing of the same kind in one slot of the claim's frame is another claim (break test b33, 2026-12-03:
19 such messages were plain matches at 77–98, e.g. «… бесплодие у мужчин» for «… у женщин» at 93.4, "Drinking
vinegar cures COVID-19" for "Drinking bleach …" at 97.8, "Estonia closed its border with Russia" for "Finland …").
- The alternatives table (claims/match/data/alternatives.tsv) holds the kinds a desk meets: parts of a country,
  sexes, sports, vaccine brands, what a vaccine is said to contain, disasters, what people are left without,
  staple foods, classes of medicines, household chemicals offered as cures, hot and cold, adults, a national
  team's age (an unmarked «сборная» is the senior team: the table's 4th column);
- a person named through the claim's one («Жена Си Цзиньпина посетила …», «Двойник …»: matcher.relative_in_place);
- an English claim's capitalised first word is a name when it is one anyway ("Finland", "Pfizer":
  claims/match/english_names.py, from the encoder's cased vocabulary and the navec news vocabulary).
Restatements, with the synonyms a line keeps together («паводок» / «наводнение», «свет» / «электричество»,
«Дума» / «Госдума», «ковид» / «коронавирус», "COVID" / "coronavirus"), stay plain matches.
"""

from __future__ import annotations

import pytest

from claims.match import Matcher

CLAIMS = {
    1: ("Прививка от гриппа вызывает бесплодие у женщин", "ru"),
    2: ("Землетрясение магнитудой 7,8 произошло на востоке Турции", "ru"),
    3: ("Сборная России по хоккею обыграла Канаду со счётом 5:2", "ru"),
    4: ("Вакцина «Спутник V» содержит микрочипы для слежки", "ru"),
    5: ("Наводнение в Оренбургской области оставило без жилья 10 тысяч человек", "ru"),
    6: ("Яйца в России подорожали на 40% за год", "ru"),
    7: ("Горячая вода с лимоном убивает раковые клетки", "ru"),
    8: ("Минздрав разрешил продавать антибиотики без рецепта врача", "ru"),
    9: ("Drinking bleach cures COVID-19", "en"),
    10: ("Finland closed its border with Russia", "en"),
    11: ("Ураган оставил без электричества 50 тысяч человек в Приморье", "ru"),
    12: ("Цены на сыр выросли на 20% за месяц", "ru"),
    13: ("Hot tea with ginger cures the flu", "en"),
    14: ("На севере Казахстана в июле выпал снег", "ru"),
    15: ("Госдума приняла закон о запрете криптовалют в России", "ru"),
    16: ("Вакцина от ковида вызывает бесплодие у мужчин", "ru"),
    17: ("Молодёжная сборная России по футболу проиграла Армении", "ru"),
    18: ("Председатель КНР Си Цзиньпин посетил Новосибирск", "ru"),
    19: ("Жена Путина купила виллу в Испании", "ru"),
    # break test b35: a common noun first is no name, nor a kind before a name
    20: ("Thieves stole 500 kg of gold from Zurich airport", "en"),
    21: ("Hurricane Ian left 2 million Floridians without power", "en"),
    22: ("Congress approved $60 billion in aid to Ukraine", "en"),
    23: ("Typhoon Haikui left a million people in Taiwan without electricity", "en"),
}

SUBSTITUTED = [
    (1, "Прививка от гриппа вызывает бесплодие у мужчин"),
    (2, "Землетрясение магнитудой 7,8 произошло на западе Турции"),
    (2, "Землетрясение магнитудой 7,8 произошло на севере Турции"),
    (3, "Сборная России по футболу обыграла Канаду со счётом 5:2"),
    (3, "Сборная России по баскетболу обыграла Канаду со счётом 5:2"),
    (3, "Молодёжная сборная России по хоккею обыграла Канаду со счётом 5:2"),     # «сборная» is the senior team
    (17, "Сборная России по футболу проиграла Армении"),
    (4, "Вакцина Pfizer содержит микрочипы для слежки"),
    (4, "Вакцина AstraZeneca содержит микрочипы для слежки"),
    (4, "Вакцина «Спутник V» содержит ртуть"),
    (5, "Пожар в Оренбургской области оставил без жилья 10 тысяч человек"),
    (5, "Наводнение в Оренбургской области оставило без электричества 10 тысяч человек"),
    (5, "Наводнение в Оренбургской области оставило без газа 10 тысяч человек"),
    (6, "Сливочное масло в России подорожало на 40% за год"),
    (6, "Сыр в России подорожал на 40% за год"),
    (7, "Холодная вода с лимоном убивает раковые клетки"),
    (8, "Минздрав разрешил продавать антидепрессанты без рецепта врача"),
    (8, "Минздрав разрешил продавать обезболивающие без рецепта врача"),
    (9, "Drinking vinegar cures COVID-19"),
    (9, "Drinking hydrogen peroxide cures COVID-19"),
    (10, "Estonia closed its border with Russia"),
    (10, "Norway closed its border with Russia"),
    (11, "Землетрясение оставило без электричества 50 тысяч человек в Приморье"),
    (11, "Ураган оставил без отопления 50 тысяч человек в Приморье"),
    (12, "Цены на рис выросли на 20% за месяц"),
    (13, "Cold tea with ginger cures the flu"),
    (14, "На юге Казахстана в июле выпал снег"),
    (16, "Вакцина от ковида вызывает бесплодие у женщин"),
    # a person named through the claim's one (matcher.relative_in_place)
    (18, "Жена Си Цзиньпина посетила Новосибирск"),
    (18, "Двойник Си Цзиньпина посетил Новосибирск"),
    (19, "Путин купил виллу в Испании"),
]

RESTATED = [
    (1, "Прививка от гриппа приводит к бесплодию у женщин"),
    (2, "На востоке Турции произошло землетрясение магнитудой 7,8"),
    (3, "Сборная России по хоккею победила Канаду со счётом 5:2"),
    (3, "Хоккеисты сборной России обыграли Канаду со счётом 5:2"),
    (17, "Молодёжная сборная России по футболу проиграла сборной Армении"),
    (18, "Председатель КНР Си Цзиньпин посетил Новосибирск вместе с супругой"),
    (18, "Си Цзиньпин с женой посетил Новосибирск"),
    (19, "Супруга Путина купила виллу в Испании"),
    (4, "В вакцине «Спутник V» есть микрочипы для слежки"),
    (5, "Паводок в Оренбургской области оставил без жилья 10 тысяч человек"),
    (6, "За год яйца в России подорожали на 40%"),
    (8, "Минздрав разрешил продажу антибиотиков без рецепта врача"),
    (9, "Drinking bleach cures coronavirus"),
    (10, "Finland has closed its border with Russia"),
    (11, "Ураган оставил без света 50 тысяч человек в Приморье"),
    (11, "Тайфун оставил без электроэнергии 50 тысяч человек в Приморье"),
    (12, "Сыр за месяц подорожал на 20%"),
    (13, "Warm tea with ginger cures the flu"),
    (14, "В июле на севере Казахстана выпал снег"),
    (15, "Дума приняла закон о запрете криптовалют в России"),
    (16, "Вакцина от коронавируса вызывает бесплодие у мужчин"),
    (20, "Robbers stole 500 kg of gold from Zurich airport"),
    (21, "Storm Ian left 2 million Floridians without power"),
    (22, "US lawmakers approved $60 billion in aid to Ukraine"),
    (23, "Storm Haikui left a million people in Taiwan without electricity"),
]


@pytest.fixture(scope="module")
def store(encoder) -> Matcher:
    from tests.test_match_written_language import stored

    return stored(encoder, CLAIMS)


def _hit(m: Matcher, text: str, cid: int):
    from tests.test_match_written_language import hit_of

    return hit_of(m, text, cid)


@pytest.mark.parametrize("cid, text", SUBSTITUTED)
def test_another_thing_of_the_kind_is_no_plain_match(store, cid, text):
    hit = _hit(store, text, cid)
    assert hit is None or hit.relation != "match" or hit.contradicts, hit


@pytest.mark.parametrize("cid, text", RESTATED)
def test_a_restatement_stays_a_plain_match(store, cid, text):
    hit = _hit(store, text, cid)
    assert hit is not None and hit.relation == "match" and not hit.contradicts, hit


@pytest.mark.parametrize("word, name", [
    ("Pfizer", True), ("Finland", True), ("Estonia", True), ("Twitter", True), ("Gazprom", True), ("Sberbank", True),
    ("Scientists", False), ("Researchers", False), ("Police", False), ("Drinking", False), ("Eating", False),
    ("Garlic", False), ("Vaccines", False), ("Bleach", False), ("Lemon", False), ("President", False), ("Dogs", False),
    ("The", False), ("NATO", False), ("Thieves", False), ("Monkeys", False), ("Hurricane", False), ("Congress", False),
])
def test_an_english_first_word_is_a_name_when_it_is_one_anyway(word, name):
    from claims.match.english_names import first_word_is_name

    assert first_word_is_name(word) is name


def test_the_table_keeps_synonyms_on_one_line():
    """Restating words share a line; a kind's lines share no word."""
    from claims.match.alternatives import default_alternatives
    from claims.normalize import word_norm

    t = default_alternatives()
    for a, b in [("наводнение", "паводок"), ("электричество", "свет"), ("женщина", "девушка"), ("футбол", "soccer"),
                 ("горячий", "тёплый"), ("пожар", "возгорание"), ("ураган", "тайфун")]:
        assert t.concepts([word_norm(a, "ru")]) & t.concepts([word_norm(b, "ru")]), (a, b)
    kinds: dict[str, dict[str, str]] = {}
    for w, keys in t.by_word.items():
        for kind, name in keys:
            seen = kinds.setdefault(kind, {})
            assert seen.setdefault(w, name) == name, (kind, w, name, seen[w])
