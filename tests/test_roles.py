"""Who did what to whom, told in other grammar (issue 10 item 5): a passive with its doer marked by a
case or by "by", a participle or gerund clause, a converse verb (a sale is also a giving), the noun of
the act, the object first (OVS), Belarusian/Ukrainian forms. The same event in other grammar stays a
plain match; the roles swapped is a reversal (`contradicts`, reason "roles" or "antonym").

Names, verbs and claims here are not those of tests/test_break16c_repros.py (the tester's cases): each
kind is checked on other names, other verbs and each language. Every case marked NEW failed on main
e2cb315 (the relation in the comment is main's); the rest are guards that held there and must hold.
"""

from __future__ import annotations

import pytest

from claims.match import Matcher
from claims.normalize import analyze
from test_break12_repros import _hit, _matcher
from test_break16a_repros import _assert_flagged, _assert_plain_match

CLAIMS = {
    1: ("Франция продала Египту истребители Rafale", "ru"),
    2: ("ЦСКА проиграл Локомотиву со счётом 0:2", "ru"),
    3: ("Chelsea beat Liverpool 2-1", "en"),
    4: ("Евросоюз ввёл санкции против Белоруссии", "ru"),
    5: ("Польща передала Україні гуманітарну допомогу", "uk"),
    6: ("Канада продала Польше партию вертолётов", "ru"),
    7: ("Рубин проиграл Ростову со счётом 0:2", "ru"),
}


@pytest.fixture(scope="module")
def mr(encoder) -> Matcher:
    return _matcher(encoder, CLAIMS)


@pytest.mark.parametrize("text, claim_id", [
    # 1. English passives with both names after the verb; a participle clause; a score before "by"
    ("Rafale fighters were sold by Egypt to France", 1),        # NEW: was match 99.5
    ("Rafale jets were sold to France by Egypt", 1),            # NEW: was match 98.8
    ("Rostov, beaten by Rubin 2-0, fell to sixth", 7),          # NEW: was match
    ("Chelsea were beaten 2-1 by Liverpool", 3),                # NEW: was match 99.9
    # 1. Russian passives of the claim's own verb, the doer in the instrumental
    ("Истребители Rafale были проданы Франции Египтом", 1),     # NEW: was match 93.4
    ("Вертолёты были проданы Канаде Польшей", 6),               # NEW: was match 86.6
    # 2. a converse verb of another row (получить against «продать») with the roles kept
    ("Франция получила от Египта истребители Rafale", 1),       # NEW: was match 93.3
    ("Канада получила от Польши партию вертолётов", 6),         # NEW: was match 92.1
    # 2. uk: an adjective of origin names the giver («українську допомогу» = Ukraine's aid)
    ("Польща отримала українську гуманітарну допомогу", 5),    # NEW: was match 98.9
    ("Польща отримала від України гуманітарну допомогу", 5),   # guard
    # 3./6. a gerund, the noun of the act: the other outcome
    ("Обыграв Локомотив 2:0, ЦСКА вышел в лидеры", 2),          # guard
    ("Победа ЦСКА над Локомотивом 2:0", 2),                    # guard
    ("Канада придбала у Польщі вертольоти", 6),                 # guard: uk buyer's verb, roles kept
    # 4. OVS with the roles swapped
    ("Санкции против Евросоюза ввела Белоруссия", 4),           # guard
    # active voice, swapped: still flagged
    ("Египет продал Франции истребители Rafale", 1),            # guard
    ("Локомотив проиграл ЦСКА 0:2", 2),                         # guard
])
def test_swapped_roles_in_other_grammar_are_flagged(mr, text, claim_id):
    _assert_flagged(mr, text, claim_id)


@pytest.mark.parametrize("text, claim_id", [
    # 1. the same event in the passive, or after "by"
    ("Rafale fighters were sold by France to Egypt", 1),        # guard
    ("Истребители Rafale были проданы Египту Францией", 1),     # guard
    ("Вертолёты были проданы Польше Канадой", 6),               # guard
    ("Rubin, beaten by Rostov 2-0, fell to sixth", 7),          # NEW: was related C [roles]
    ("Liverpool were beaten 2-1 by Chelsea", 3),                # guard
    # 2. the receiver's verb with the roles swapped: the same sale
    ("Египет получил от Франции истребители Rafale", 1),        # NEW: was related C [roles]
    ("Польша получила от Канады партию вертолётов", 6),         # NEW: was related C [roles]
    ("Україна отримала від Польщі гуманітарну допомогу", 5),   # guard
    # 2. uk/be buyer's verbs the spelling corrector would read as the claim's «продать»
    ("Єгипет придбав у Франції винищувачі Rafale", 1),         # NEW: was related C [roles]
    ("Польща придбала у Канади вертольоти", 6),                 # guard
    ("Польшча набыла ў Канады верталёты", 6),                   # guard
    # 3. a gerund before both names: its object first, the doer after
    ("Обыграв ЦСКА 2:0, Локомотив вышел в лидеры", 2),          # NEW: was related C [antonym]
    # 6. the noun of the act, its doer in the genitive
    ("Победа Локомотива над ЦСКА 2:0", 2),                     # NEW: was related C [antonym]
    # 4./5. OVS, Belarusian
    ("Санкции против Белоруссии ввёл Евросоюз", 4),             # guard
    ("Еўрасаюз увёў санкцыі супраць Беларусі", 4),              # guard
    # a designation's number counts nothing after it; a score before the name either
    ("Вертолёты Ми-8 Канада продала Польше", 6),                # guard
    ("ЦСКА проиграл 0:2 Локомотиву", 2),                        # guard
    ("Локомотив обыграл ЦСКА 2:0", 2),                          # guard
    ("Франция продала Египту истребители Rafale", 1),           # guard: the claim itself
])
def test_the_same_event_in_other_grammar_is_a_plain_match(mr, text, claim_id):
    _assert_plain_match(mr, text, claim_id)


def test_a_name_after_a_preposition_of_the_other_party_is_oblique():     # NEW
    # an indeclinable name («США», «КНДР») after «против», «у», «от»: it has it done, it does not do it
    toks = {t.norm: t.case for t in analyze("Санкции против США ввёл Иран", "ru")}
    assert toks["сша"] == "obl" and toks["иран"] == "nomn"
    toks = {t.norm: t.case for t in analyze("Китай купил у КНДР снаряды", "ru")}
    assert toks["кндр"] == "obl"


def test_a_name_of_several_words_takes_its_nouns_case():     # NEW
    # «Злучаныя Штаты»: the dictionary's guess for the Belarusian adjective is no case of the name
    assert {t.norm: t.case for t in analyze("Злучаныя Штаты ўвялі санкцыі", "ru")}["сша"] != "obl"
    assert {t.norm: t.case for t in analyze("Соединённые Штаты Америки ввели санкции", "ru")}["сша"] != "obl"
    assert {t.norm: t.case for t in analyze("Санкции ввели против Северной Кореи", "ru")}["кндр"] == "obl"


def test_an_english_participle_clause_marks_its_doer():     # NEW
    toks = analyze("Rostov, beaten by Rubin 2-0, fell to sixth", "en")
    assert [t.case for t in toks if t.norm == "rubin"] == ["nomn"]
    # no clause start, no be-form: "by" is read as before
    assert all(t.case is None for t in analyze("The report by Reuters says Rubin won", "en"))


# roles19: the kinds of break18's repros on other names and products (not tuned on). NEW = wrong on
# main 30c89ba (related C [roles] for the plain matches, match for the flagged); the rest are guards.
CLAIMS19 = {
    1: ("Германия продала Норвегии подводные лодки Siemens", "ru"),
    2: ("Корея продала Польше танки Hyundai", "ru"),
    3: ("Brazil sold planes to Portugal", "en"),
}


@pytest.fixture(scope="module")
def m19(encoder) -> Matcher:
    return _matcher(encoder, CLAIMS19)


@pytest.mark.parametrize("text, claim_id", [
    # a Latin product name among the nouns before a passive is no party (NEW)
    ("Подводные лодки Siemens проданы Норвегии Германией", 1),
    ("Подводные лодки Siemens были проданы Норвегии Германией", 1),
    ("Танки Hyundai проданы Польше Кореей", 2),
    ("Танки Hyundai, проданные Кореей Польше, прибыли в Гдыню", 2),
    # an English reduced relative: the name after "by" does it (NEW)
    ("Planes sold by Brazil to Portugal crashed in Lisbon", 3),
    ("Planes sold to Portugal by Brazil crashed in Lisbon", 3),
])
def test_roles19_the_same_event_in_other_grammar_is_a_plain_match(m19, text, claim_id):
    _assert_plain_match(m19, text, claim_id)


@pytest.mark.parametrize("text, claim_id", [
    ("Подводные лодки Siemens проданы Германии Норвегией", 1),     # guard
    ("Танки Hyundai, проданные Польшей Корее, прибыли в Гдыню", 2),  # guard
    ("Planes sold by Portugal to Brazil crashed in Lisbon", 3),     # guard
])
def test_roles19_swapped_roles_in_other_grammar_are_flagged(m19, text, claim_id):
    _assert_flagged(m19, text, claim_id)


@pytest.mark.parametrize("text, claim_id, flagged", [
    ("Гуманітарну допомогу Україні передала Польща", 5, False),          # NEW: uk object first
    ("Гуманітарна допомога була передана Україні Польщею", 5, False),    # guard: uk passive, the claim's roles
    ("Гуманітарна допомога була передана Польщі Україною", 5, True),     # NEW: uk passive, the roles swapped
    ("Истребители Rafale проданы Египту Францией", 1, False),            # guard
    ("Истребители Rafale проданы Франции Египтом", 1, True),             # guard
    ("Rafale jets sold by Egypt to France were shown at the parade", 1, True),  # NEW: was match
])
def test_roles19_ukrainian_and_reduced_relatives(mr, text, claim_id, flagged):
    (_assert_flagged if flagged else _assert_plain_match)(mr, text, claim_id)


@pytest.mark.parametrize("text, claim_id, flagged", [
    # the gerund of the claim's verb or of a verb of its side (NEW: were plain matches)
    ("Проиграв ЦСКА 0:2, Локомотив выбыл из борьбы", 2, True),
    ("Уступив ЦСКА 0:2, Локомотив выбыл из борьбы", 2, True),
    ("Проиграв Локомотиву 0:2, ЦСКА выбыл из борьбы", 2, False),          # guard
    # the noun of the act, the name after it doing it (NEW: were plain matches)
    ("Поражение Ростова от Рубина 0:2", 7, True),
    ("Продажа Египтом истребителей Rafale Франции", 1, True),
    ("Продажа Польшей вертолётов Канаде", 6, True),
    ("Поражение Рубина от Ростова 0:2", 7, False),                       # guard
    ("Продажа Францией истребителей Rafale Египту", 1, False),           # guard
    # a «не» on a name denies the swapped roles
    ("Это не Локомотив проиграл ЦСКА, а ЦСКА проиграл Локомотиву со счётом 0:2", 2, False),   # guard
    ("It was not Liverpool that beat Chelsea, Chelsea beat Liverpool 2-1", 3, False),  # NEW: was flagged
    ("Это не ЦСКА проиграл Локомотиву, а Локомотив проиграл ЦСКА со счётом 0:2", 2, True),   # guard
    ("It was not Chelsea that beat Liverpool 2-1", 3, True),                                # guard
])
def test_roles19_gerunds_act_nouns_and_a_negated_name(mr, text, claim_id, flagged):
    (_assert_flagged if flagged else _assert_plain_match)(mr, text, claim_id)


@pytest.mark.parametrize("text, claim_id, flagged", [
    # uk nouns of the act (verbal_nouns.tsv rows read with the Russian dictionary), the roles swapped
    ("Поразка Ростова від Рубіна 0:2", 7, True),            # NEW: was a plain match
    ("Перемога Рубіна над Ростовом 2:0", 7, True),          # guard: the converse act's noun, the roles kept
    ("Поразка Рубіна від Ростова 0:2", 7, False),           # guard
    ("Перемога Ростова над Рубіном 2:0", 7, False),         # NEW: was related C [antonym] (the same event)
])
def test_roles19_ukrainian_nouns_of_the_act(mr, text, claim_id, flagged):
    (_assert_flagged if flagged else _assert_plain_match)(mr, text, claim_id)


# roles20: a correction of the doer ("by Y, not by Z", «Y-ом, а не Z», "not by Z but by Y") denies the
# claim's doer: a reversal, never a plain match (break19 A1: the «не» on a name read as denying swapped
# roles, `_name_negated`, dropped its negation and roles). NEW = a plain match on main 750ad11 (the
# figure in the comment is main's); the rest are guards. Cases marked "not tuned" were written after
# the fix and checked only once.
CLAIMS20 = {
    1: ("Apple banned the iPhone 12 in France", "en"),
    2: ("Tesla bought Twitter", "en"),
    3: ("Iran sold drones to Venezuela", "en"),
    4: ("Apple запретила iPhone 12 во Франции", "ru"),
    5: ("Иран продал беспилотники Венесуэле", "ru"),
    6: ("Microsoft bought GitHub", "en"),
    7: ("Канада продала Польше партию вертолётов", "ru"),
}


@pytest.fixture(scope="module")
def m20(encoder) -> Matcher:
    return _matcher(encoder, CLAIMS20)


@pytest.mark.parametrize("text, claim_id", [
    ("The iPhone 12 was banned by France, not by Apple", 1),                     # NEW: match 99.9
    ("The iPhone 12 was banned in France by regulators, not by Apple", 1),       # NEW: match 99.7
    ("Twitter was bought by SpaceX, not by Tesla", 2),                           # NEW: match 96.7
    ("Drones were sold to Venezuela by Russia, not by Iran", 3),                 # guard ([negation])
    ("Twitter was bought not by Tesla but by SpaceX", 2),                        # guard
    ("iPhone 12 запрещён во Франции Францией, а не Apple", 4),                   # guard
    ("iPhone 12 запретила Франция, а не Apple", 4),                              # guard
    ("Беспилотники проданы Венесуэле Россией, а не Ираном", 5),                  # guard
    ("Беспилотники Венесуэле продал не Иран, а Россия", 5),                      # guard
    ("Это не Иран продал беспилотники Венесуэле, а Россия", 5),                  # guard
    ("It was not Iran that sold drones to Venezuela, it was Russia", 3),         # guard
    # not tuned
    ("The drones Venezuela got were sold by Russia, not by Iran", 3),
    ("GitHub was bought by Oracle, not by Microsoft", 6),
    ("GitHub was acquired by Google and not by Microsoft", 6),
    ("Вертолёты проданы Польше Германией, а не Канадой", 7),
    ("Helicopters were sold to Poland by Germany, not by Canada", 7),
])
def test_roles20_a_corrected_doer_is_flagged(m20, text, claim_id):
    _assert_flagged(m20, text, claim_id)


@pytest.mark.parametrize("text, claim_id", [
    ("Twitter was bought by Tesla, not by SpaceX", 2),                           # guard
    ("Это не Венесуэла продала беспилотники Ирану, а Иран продал беспилотники Венесуэле", 5),  # guard
    ("It was not Venezuela that sold drones to Iran; Iran sold drones to Venezuela", 3),       # guard
    # not tuned
    ("GitHub was bought by Microsoft, not by Google", 6),
    ("Вертолёты проданы Польше Канадой, а не Германией", 7),
])
def test_roles20_the_claims_doer_kept_is_a_plain_match(m20, text, claim_id):
    _assert_plain_match(m20, text, claim_id)


# roles20's known limits (wrong on main 750ad11 too) are all settled in roles22: «Это не Польша продала
# Канаде вертолёты, а …» (test_roles22_a_dative_place_name), "Drones sold by Iran to Venezuela? No, by
# Russia." (test_roles22_a_question_answered_no), and «Twitter купила Tesla, а не SpaceX», read as Russian
# and flagged on purpose — a Latin name has no case, so the order cannot tell the roles
# (test_roles22_russian_words_around_latin_names).


# roles22: defects found by testers (2026-12-02). NEW = wrong on main 54cca6c (relation there in the
# comment); "not tuned" = written after the fix and checked once; the rest are near-misses that must
# stay as they are.
CLAIMS22 = {
    1: ("Израиль нанёс удар по Ирану", "ru"),
    2: ("Японія передала Україні генератори", "uk"),
    3: ("Iran sold drones to Venezuela", "en"),
    4: ("Тайвань атаковал Китай", "ru"),
    5: ("Россия продала Китаю истребители Су-35", "ru"),
    6: ("Канада продала Польше партию вертолётов", "ru"),
    7: ("Грузия напала на Россию", "ru"),
    8: ("Arsenal beat Tottenham 3-1", "en"),
    9: ("Spain beat France 2-0", "en"),
    10: ("Динамо проиграло Краснодару со счётом 1:2", "ru"),
    11: ("Tesla bought Twitter", "en"),
    12: ("США продали Канаде партию истребителей", "ru"),
}


@pytest.fixture(scope="module")
def m22(encoder) -> Matcher:
    return _matcher(encoder, CLAIMS22)


@pytest.mark.parametrize("text, claim_id, flagged", [
    # 3. the noun of an act told with a light verb («нанести удар»), the genitive after it doing it,
    #    or after a verb of undergoing (verbal_nouns.tsv, contradiction._UNDERGO_RE)
    ("Удар Ирана по Израилю", 1, True),                  # NEW: related, not flagged
    ("Израиль подвергся удару Ирана", 1, True),          # NEW: match 86.5
    ("Удар Израиля по Ирану", 1, False),                 # guard
    ("Иран подвергся удару Израиля", 1, False),          # NEW: related C [roles]
    ("Удар Ірану по Ізраїлю", 1, True),                  # not tuned (uk genitive in -у)
    ("Ізраїль зазнав удару Ірану", 1, True),             # not tuned
    ("Ночной удар Ирана по Израилю", 1, True),           # not tuned
    ("Атака Китая на Тайвань", 4, True),                 # not tuned
    ("Атака Тайваня на Китай", 4, False),                # not tuned
    ("Грузия подверглась нападению России", 7, True),    # not tuned
    ("Россия подверглась нападению Грузии", 7, False),   # not tuned
    ("Нападение России на Грузию", 7, True),             # not tuned
    ("Нападение Грузии на Россию", 7, False),            # not tuned
    ("Израиль нанёс удар по Ирану", 1, False),           # near-miss: the claim itself
])
def test_roles22_nouns_of_an_act_with_a_light_verb(m22, text, claim_id, flagged):
    (_assert_flagged if flagged else _assert_plain_match)(m22, text, claim_id)


@pytest.mark.parametrize("text, claim_id, flagged", [
    # 2. two names side by side opening the clause, object first, the verb after them
    #    (contradiction._object_first)
    ("Японії Україна передала генератори", 2, True),                    # NEW: match 99.9
    ("Україні Японія передала генератори", 2, False),                   # guard
    ("Канаде Польша продала партию вертолётов", 6, True),               # not tuned
    ("Польше Канада продала партию вертолётов", 6, False),              # not tuned
    ("России Китай продал истребители Су-35", 5, True),                 # not tuned
    ("Китаю Россия продала истребители Су-35", 5, False),               # not tuned
    # near-miss: a genitive name after a common noun belongs to it
    ("Президент России Путин сказал, что Россия продала Китаю истребители Су-35", 5, False),
])
def test_roles22_object_first_before_the_verb(m22, text, claim_id, flagged):
    (_assert_flagged if flagged else _assert_plain_match)(m22, text, claim_id)


@pytest.mark.parametrize("text, claim_id, flagged", [
    # 5./8. a question answered «Нет, …» / "No, …": an answer stating the claim asserts it, any other
    #       denies the question (segmentation.answer_after, Matcher._answered)
    ("Drones sold by Iran to Venezuela? No, by Russia.", 3, True),                        # NEW: match 99.4
    ("Иран нанёс удар по Израилю? Нет, это Израиль нанёс удар по Ирану", 1, False),       # NEW: related C [roles]
    ("Iran sold drones to Venezuela? No, Russia did.", 3, True),                          # not tuned
    ("Did Iran sell drones to Venezuela? No, Russia did.", 3, True),                      # not tuned
    ("Venezuela sold drones to Iran? No, Iran sold drones to Venezuela.", 3, False),      # not tuned
    ("Израиль нанёс удар по Ирану? Нет, это сделал Иран.", 1, True),                      # not tuned
    ("Иран ударил по Израилю? Нет, Израиль нанёс удар по Ирану.", 1, False),              # not tuned
    ("Польша продала Канаде вертолёты? Нет, Канада продала Польше партию вертолётов.", 6, False),  # not tuned
    ("Китай продал России Су-35? Нет, Россия продала Китаю истребители Су-35.", 5, False),        # not tuned
    # near-misses that must stay as they are
    ("Израиль нанёс удар по Ирану? Нет, это Иран нанёс удар по Израилю", 1, True),        # guard
    ("Канада продала Польше вертолёты? Нет, Польша продала Канаде партию вертолётов.", 6, True),
    ("Iran sold drones to Venezuela? No.", 3, True),                                      # guard
])
def test_roles22_a_question_answered_no(m22, text, claim_id, flagged):
    (_assert_flagged if flagged else _assert_plain_match)(m22, text, claim_id)


@pytest.mark.xfail(strict=True, reason="an answer that is a fragment correcting the swapped question's doer is "
                                       "not read into the question: flagged (the safe side)")
def test_roles22_known_limit_a_fragment_answer_restoring_the_claim(m22):
    _assert_plain_match(m22, "Drones sold by Venezuela to Iran? No, by Iran.", 3)


@pytest.mark.parametrize("text, claim_id, flagged", [
    # 1. an English noun of the act after a possessive name (verbal_nouns.tsv en rows,
    #    contradiction._en_possessive_acts): the owner of a defeat lost, of a victory won
    ("Tottenham's 3-1 defeat by Arsenal", 8, False),        # NEW: related C [roles]
    ("Arsenal's 3-1 defeat by Tottenham", 8, True),         # NEW: match 99.9
    ("Tottenham's 3-1 loss to Arsenal", 8, False),          # not tuned
    ("Arsenal's 3-1 loss to Tottenham", 8, True),           # not tuned
    ("France's 2-0 defeat by Spain", 9, False),             # not tuned
    ("France's 2-0 victory over Spain", 9, True),           # not tuned
    ("Spain's 2-0 win over France", 9, False),              # not tuned
    ("Spain beat France 2-0", 9, False),                    # near-miss: the claim itself
])
def test_roles22_english_nouns_of_the_act(m22, text, claim_id, flagged):
    (_assert_flagged if flagged else _assert_plain_match)(m22, text, claim_id)


@pytest.mark.parametrize("text, claim_id, flagged", [
    # 6. Russian words around Latin names are Russian (normalize.latin_names_only; an English query is
    #    made too, so the English claim is found), the names matched back to the claim's spelling
    #    (contradiction._claim_word_of). A Latin name has no case: «Twitter купила Tesla» may be either
    #    order, so the name first is read as the doer — flagged, the safe side for a desk
    ("Twitter купила Tesla, а не SpaceX", 11, True),         # was related C [roles], read as English
    ("Twitter купила SpaceX, а не Tesla", 11, True),         # not tuned
    ("Twitter купил Tesla", 11, True),                       # not tuned
    ("Tesla купила Twitter", 11, False),                     # near-miss: the claim in Russian
    ("Tesla купила Twitter за 44 миллиарда", 11, False),     # not tuned
])
def test_roles22_russian_words_around_latin_names(m22, text, claim_id, flagged):
    (_assert_flagged if flagged else _assert_plain_match)(m22, text, claim_id)
    assert _hit(m22, text, claim_id).language == "ru"


def test_roles22_latin_names_only_is_russian_and_english_stays_english():
    from claims.normalize import detect_language
    assert detect_language("Twitter купила Tesla, а не SpaceX") == "ru"
    assert detect_language("Apple iPhone 15 Pro Max купить") == "ru"
    assert detect_language("Tesla bought Twitter, пишут") == "en"
    assert detect_language("Putin visited North Korea in June 2024 — пишут") == "en"


@pytest.mark.parametrize("text, claim_id, flagged", [
    # 4. «поражение от X»: the name after «от» (normalize.Token.prep) is the other party, the clause's
    #    subject lost (contradiction._FROM_PREPS); a post on the coach shares few words with the claim,
    #    so it is "related" by its score, but never flagged: the same event
    ("После поражения от Краснодара Динамо сменило тренера", 10, False),   # NEW: related 28.0 C [roles]
    ("После поражения от Динамо Краснодар сменил тренера", 10, True),      # NEW: related, not flagged
    ("Після поразки від Краснодара Динамо змінило тренера", 10, False),    # not tuned (uk «від»)
    ("Поражение Краснодара от Динамо", 10, True),                          # guard
    ("Поражение Динамо от Краснодара", 10, False),                         # not tuned
])
def test_roles22_a_defeat_from_the_other_party(m22, text, claim_id, flagged):
    hit = _hit(m22, text, claim_id)
    if flagged:
        _assert_flagged(m22, text, claim_id)
    else:
        assert hit is not None and not hit.contradicts, hit


def test_roles22_a_defeat_from_another_opponent_is_no_plain_match(m22):
    hit = _hit(m22, "После поражения от Спартака со счётом 1:2 Динамо уволило тренера", 10)
    assert hit is None or hit.relation != "match", hit
    _assert_plain_match(m22, "После поражения от Краснодара со счётом 1:2 Динамо уволило тренера", 10)


@pytest.mark.parametrize("text, claim_id, flagged", [
    # 7. a place name of the dative-or-locative form with no preposition of the locative before it
    #    (normalize.Token.prep "") is the dative, a participant, not a setting (contradiction._setting)
    ("Это не Польша продала Канаде вертолёты, а Канада продала Польше партию вертолётов", 6, False),  # NEW: flagged
    ("Это не Канада продала Польше вертолёты, а Польша продала Канаде партию вертолётов", 6, True),   # not tuned
    ("США продали Канаде партию истребителей", 12, False),          # guard
    ("Канада продала США партию истребителей", 12, True),           # guard
    ("Польша продала Канаде партию вертолётов", 6, True),           # guard
    ("Канаде Польша продала партию вертолётов", 6, True),           # not tuned
])
def test_roles22_a_dative_place_name(m22, text, claim_id, flagged):
    (_assert_flagged if flagged else _assert_plain_match)(m22, text, claim_id)


def test_roles22_a_place_after_a_preposition_of_the_locative_is_a_setting():
    from claims.match.contradiction import _setting
    q = analyze("В Канаде продали Польше партию вертолётов", "ru")
    assert _setting(q[0]) and not _setting(q[2]), q
    assert not _setting(analyze("США продали Канаде партию", "ru")[2])


# break22 (a tester on dcba721, the merge of roles22 and verdict22): three regressions of roles22, now
# fixed, with cases of the same kinds that were not tuned on.
CLAIMS22B = {
    1: ("Barcelona beat Real Madrid 4-0", "en"),
    2: ("Google bought Fitbit", "en"),
    3: ("Азербайджан атаковал Армению", "ru"),
    4: ("Microsoft bought GitHub", "en"),
    5: ("Liverpool beat Chelsea 2-1", "en"),
}


@pytest.fixture(scope="module")
def m22b(encoder) -> Matcher:
    return _matcher(encoder, CLAIMS22B)


@pytest.mark.parametrize("text, claim_id, flagged", [
    # "X's defeat OF Y": X won (the English name keeps its preposition, normalize `_EN_PREPOSITIONS`);
    # "X's defeat BY/TO Y": X lost. Both were read as X's loss (plain 100.0 / flagged 99.9)
    ("Real Madrid's 4-0 defeat of Barcelona", 1, True),
    ("Barcelona's 4-0 defeat of Real Madrid", 1, False),
    ("Barcelona's 4-0 defeat by Real Madrid", 1, True),
    ("Real Madrid's 4-0 defeat by Barcelona", 1, False),
    ("Chelsea's 2-1 defeat of Liverpool", 5, True),          # not tuned
    ("Liverpool's 2-1 defeat of Chelsea", 5, False),         # not tuned
    ("Chelsea's 2-1 defeat to Liverpool", 5, False),         # not tuned
])
def test_break22_an_english_defeat_of_someone_was_won(m22b, text, claim_id, flagged):
    (_assert_flagged if flagged else _assert_plain_match)(m22b, text, claim_id)


@pytest.mark.parametrize("text, claim_id, flagged", [
    # a Latin name the Russian reading wrote in Cyrillic letters as a locative-looking form («Google» →
    # «гугле») kept its "no preposition before it" mark through the cross-language reading, and is
    # matched to the claim's word by the claim word's own Cyrillic spelling (was plain 99.9)
    ("Fitbit купила Google", 2, True),
    ("Fitbit приобрела Google за 2,1 млрд долларов", 2, True),
    ("Google купила Fitbit", 2, False),
    ("GitHub купил Microsoft", 4, True),                     # not tuned
    ("Microsoft купил GitHub", 4, False),                    # not tuned
    ("Fitbit поглотила Google", 2, True),                    # «поглотить» buys (converses.tsv; was plain 97.1–98.6)
    ("Google поглотила Fitbit", 2, False),
    ("GitHub поглотил Microsoft", 4, True),                  # not tuned
])
def test_break22_latin_names_in_a_russian_sentence_keep_their_roles(m22b, text, claim_id, flagged):
    (_assert_flagged if flagged else _assert_plain_match)(m22b, text, claim_id)


@pytest.mark.parametrize("text, claim_id, flagged", [
    # a question answered «Нет, …» whose answer the post goes on to call false, or that is a question
    # itself, is not the answer asserting the claim (was plain 91.5–94.8)
    ("Армения атаковала Азербайджан? Нет, это Азербайджан атаковал Армению — но это фейк.", 3, True),
    ("Армения атаковала Азербайджан? Нет, это Азербайджан якобы атаковал Армению, но это ложь.", 3, True),
    ("Армения атаковала Азербайджан? Нет, Азербайджан атаковал Армению? Тоже нет.", 3, True),
    ("Армения атаковала Азербайджан? Нет, это Азербайджан атаковал Армению, пишут в пабликах. "
     "Мы проверили: ложь.", 3, True),                         # not tuned
    ("Армения атаковала Азербайджан? Нет, это Азербайджан атаковал Армению.", 3, False),   # guard
])
def test_break22_an_answer_the_post_calls_false_asserts_nothing(m22b, text, claim_id, flagged):
    (_assert_flagged if flagged else _assert_plain_match)(m22b, text, claim_id)


# roles23: swapped roles a tester found shown as plain matches (on main c531918, 81–99.9). NEW = plain
# there (score in the comment); "not tuned" = written after the fix and checked once; the rest are
# near-misses that must stay as they are.
CLAIMS23 = {
    1: ("Азербайджан атаковал Армению", "ru"),
    2: ("Pakistan attacked India", "en"),
    3: ("Индия атаковала Пакистан", "ru"),
    4: ("Bayern beat Dortmund 3-1", "en"),
    5: ("Microsoft bought Activision", "en"),
    6: ("Apple bought Beats", "en"),
    7: ("Израиль атаковал Ливан", "ru"),
    8: ("Israel attacked Iran", "en"),
    9: ("Liverpool beat Everton 2-0", "en"),
    10: ("Intel bought Mobileye", "en"),
    11: ("Google bought Fitbit", "en"),
    12: ("Турция нанесла удар по Сирии", "ru"),
    13: ("Microsoft bought Nuance", "en"),
}


@pytest.fixture(scope="module")
def m23(encoder) -> Matcher:
    return _matcher(encoder, CLAIMS23)


@pytest.mark.parametrize("text, claim_id, flagged", [
    # 1. the noun of an act told by another verb of the same act (claims/match/data/acts.tsv: «атаковать»,
    #    «напасть», «нанести удар», «обстрелять», «вторгнуться»); the doer after «со стороны» or in the
    #    instrumental after the genitive (contradiction._BY_SIDE); uk names (claims/data/aliases.tsv)
    ("Нападение Армении на Азербайджан", 1, True),              # NEW: match 89.7
    ("Удар Армении по Азербайджану", 1, True),                  # NEW: match 90.4
    ("Вторжение Армении в Азербайджан", 1, True),               # NEW: match 88.9
    ("Обстрел Азербайджана Арменией", 1, True),                 # NEW: match 86.8
    ("Атака на Азербайджан со стороны Армении", 1, True),       # NEW: match 92.7
    ("Напад Вірменії на Азербайджан", 1, True),                 # NEW: match 81.9
    ("Азербайджан зазнав атаки Вірменії", 1, True),             # NEW: match 94.8
    ("Нападение Азербайджана на Армению", 1, False),            # near-miss
    ("Удар Азербайджана по Армении", 1, False),                 # near-miss
    ("Армения подверглась нападению Азербайджана", 1, False),   # was related C [roles] (the safe side)
    ("Обстрел Армении Азербайджаном", 1, False),                # not tuned
    ("Атака на Армению со стороны Азербайджана", 1, False),     # not tuned
    ("Напад Азербайджану на Вірменію", 1, False),               # not tuned
    ("Вірменія зазнала атаки Азербайджану", 1, False),          # not tuned
    ("Нападение Ливана на Израиль", 7, True),                   # not tuned
    ("Удар Ливана по Израилю", 7, True),                        # not tuned
    ("Израиль подвергся нападению Ливана", 7, True),            # not tuned
    ("Напад Лівану на Ізраїль", 7, True),                       # not tuned
    ("Вторжение Израиля в Ливан", 7, False),                    # not tuned
    ("Атака на Ливан со стороны Израиля", 7, False),            # not tuned
    ("Обстрел Израиля Ливаном", 7, True),                       # not tuned («Ливан» read as «ливана»: aliases.tsv)
    ("Обстрел Ливана Израилем", 7, False),                      # not tuned
    ("Атака Сирии на Турцию", 12, True),                        # not tuned
    ("Нападение Сирии на Турцию", 12, True),                    # not tuned
    ("Обстрел Турции Сирией", 12, True),                        # not tuned
    ("Атака на Турцию со стороны Сирии", 12, True),             # not tuned
    ("Удар по Сирии со стороны Турции", 12, False),             # not tuned
    # the noun as the object of its own verb, object first: the active clause reads it (NOUN_VERB_REACH)
    ("Удар по Армении нанёс Азербайджан", 1, False),            # a regression of this round, fixed
    ("Удар по Азербайджану нанесла Армения", 1, True),
    ("Нападение на Армению совершил Азербайджан", 1, False),
    ("Нападение на Азербайджан совершила Армения", 1, True),
    ("Удар по Турции нанесла Сирия", 12, True),
    # the claim told with another verb of its act, active: roles read as ever
    ("Азербайджан напал на Армению", 1, False),
    ("Армения нанесла удар по Азербайджану", 1, True),
])
def test_roles23_a_noun_of_the_act_told_by_another_verb(m23, text, claim_id, flagged):
    (_assert_flagged if flagged else _assert_plain_match)(m23, text, claim_id)


def test_roles23_the_noun_of_the_claims_act_with_its_roles_is_never_flagged(m23):
    # «Нападение Турции на Сирию» scores "related" (73.5) against «Турция нанесла удар по Сирии»: no reversal
    hit = _hit(m23, "Нападение Турции на Сирию", 12)
    assert hit is None or not hit.contradicts, hit


@pytest.mark.parametrize("text, claim_id, flagged", [
    # 2. the same verb of an act in the other language (acts.tsv keys, contradiction.cross_converse), and
    #    "X came under attack from Y" (contradiction._EN_UNDERGO)
    ("Индия атаковала Пакистан", 2, True),                      # NEW: match 72.6
    ("Pakistan attacked India", 3, True),                       # NEW: match 78.9
    ("Pakistan came under attack from India", 2, True),         # NEW: match 99.3
    ("India attacked Pakistan", 3, False),                      # near-miss
    ("Пакистан атаковал Индию", 2, False),                      # near-miss
    ("Иран атаковал Израиль", 8, True),                         # not tuned
    ("Израиль атаковал Иран", 8, False),                        # not tuned
    ("Израиль напал на Иран", 8, False),                        # not tuned
    ("Israel came under attack from Iran", 8, True),            # not tuned
    ("Iran came under attack from Israel", 8, False),           # not tuned
    ("Armenia attacked Azerbaijan", 1, True),                   # not tuned
    ("Azerbaijan attacked Armenia", 1, False),                  # not tuned
    ("Pakistan struck India", 3, True),                         # not tuned (was match 77.6)
    ("India struck Pakistan", 3, False),                        # not tuned
    ("Pakistan was attacked by India", 2, True),                # guard
    ("India was attacked by Pakistan", 2, False),               # guard
])
def test_roles23_the_same_act_across_languages(m23, text, claim_id, flagged):
    (_assert_flagged if flagged else _assert_plain_match)(m23, text, claim_id)


@pytest.mark.parametrize("text, claim_id, flagged", [
    # 3. an English noun of the act with no possessive, its names after "of" and "by"/"over"
    #    (contradiction._en_possessive_acts, _EN_ACT_PREPS)
    ("The 3-1 defeat of Bayern by Dortmund", 4, True),          # NEW: match 99.9
    ("The 3-1 defeat of Dortmund by Bayern", 4, False),         # near-miss
    ("The 2-0 defeat of Liverpool by Everton", 9, True),        # not tuned
    ("The 2-0 defeat of Everton by Liverpool", 9, False),       # not tuned
    ("The 2-0 victory of Everton over Liverpool", 9, True),     # not tuned
    ("The 2-0 victory of Liverpool over Everton", 9, False),    # not tuned
])
def test_roles23_an_english_noun_of_the_act_with_of_and_by(m23, text, claim_id, flagged):
    (_assert_flagged if flagged else _assert_plain_match)(m23, text, claim_id)


@pytest.mark.parametrize("text, claim_id, flagged", [
    # 4. a Latin name whose English stem cuts its end ("activis"), read in a Russian sentence
    #    (contradiction._claim_word_of); 5. a Ukrainian verb of buying in a sentence of Latin names
    #    read as Russian (contradiction.cross_converse, the uk rows of converses.tsv)
    ("Activision купила Microsoft", 5, True),                   # NEW: match 99.8
    ("Activision приобрела Microsoft", 5, True),                # NEW: match 99.7
    ("Microsoft купила Activision", 5, False),                  # near-miss
    ("Mobileye купила Intel", 10, True),                        # not tuned
    ("Intel купила Mobileye", 10, False),                       # not tuned
    ("Nuance купила Microsoft", 13, True),                      # not tuned
    ("Microsoft купила Nuance", 13, False),                     # not tuned
    ("Beats придбала Apple", 6, True),                          # NEW: match 97.6
    ("Beats придбала Apple за 3 млрд доларів", 6, True),        # guard
    ("Apple придбала Beats", 6, False),                         # near-miss
    ("Beats придбав Apple", 6, True),                           # not tuned
    ("Fitbit придбала Google", 11, True),                       # not tuned
    ("Google придбала Fitbit", 11, False),                      # not tuned
    ("Fitbit купив Google", 11, True),                          # not tuned
    ("Google купив Fitbit", 11, False),                         # not tuned
    ("Activision придбала Microsoft", 5, True),                 # not tuned
])
def test_roles23_latin_names_around_a_russian_or_ukrainian_verb(m23, text, claim_id, flagged):
    (_assert_flagged if flagged else _assert_plain_match)(m23, text, claim_id)


def test_roles23_a_latin_name_respelled_in_cyrillic(m23):
    """(A strict xfail until the alias table named companies: «Активижн» is «Activision» there.)"""
    _assert_flagged(m23, "Активижн купила Microsoft", 5)
