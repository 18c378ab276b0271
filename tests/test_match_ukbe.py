"""Ukrainian and Belarusian posts against Russian fact-checks: their month names are months in a
date (the same date, or a different date flagged), their inflected forms of the alias table's
names are the entity («Північної Кореї» is КНДР), and their words are read in Russian letters
(«Фінляндія», «Росією»). Sentences of these tests are written for them (not the bench's)."""

from __future__ import annotations

import pytest

from claims.match import Matcher
from claims.match.contradiction import dates_in
from claims.normalize import AliasTable, normalize
from claims.settings import Settings

FACT_CHECKS = {
    1: "Референдум о новой конституции пройдет 20 сентября 2026 года",
    2: "Япония ввела санкции против Северной Кореи",
    3: "Концерт в Минске перенесли на 3 февраля 2027 года",
    4: "Совет депутатов соберется 15 июня",
    5: "Финляндия закрыла границу с Россией",
}


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings(_env_file=None)


@pytest.fixture(scope="module")
def matcher(settings, encoder, fact_check_matcher) -> Matcher:
    return fact_check_matcher(FACT_CHECKS, settings, encoder)


@pytest.fixture(scope="module")
def lexical(settings, fact_check_matcher) -> Matcher:
    """The matcher as it runs when the encoder cannot load: words only."""
    return fact_check_matcher(FACT_CHECKS, settings)


def _hit(hits, claim_id):
    return next((h for h in hits if h.claim_id == claim_id), None)


# ------------------------------------------------------------------ dates
@pytest.mark.parametrize("text, claim", [
    ("Референдум щодо нової конституції відбудеться 20 вересня 2026 року", 1),
    ("Рэферэндум аб новай канстытуцыі пройдзе 20 верасня 2026 года", 1),
    ("Концерт перенесли на 3 лютого 2027 року", 3),     # no і ї є: read as Russian text
])
def test_a_ukbe_date_of_the_same_day_is_a_plain_match(matcher, text, claim):
    h = _hit(matcher.match(text), claim)
    assert h is not None and h.relation == "match" and not h.contradicts


@pytest.mark.parametrize("text, claim", [
    ("Концерт перенесли на 3 травня 2027 року", 3),     # no і ї є: the same-language checks
    ("Концерт перенесли на 3 грудня 2027 року", 3),
    ("Референдум щодо нової конституції відбудеться 20 жовтня 2026 року", 1),
    ("Рэферэндум аб новай канстытуцыі пройдзе 20 кастрычніка 2026 года", 1),
    ("Совет депутатов соберется 15 июля", 4),            # July is no typo of the stored June
])
def test_another_month_is_flagged_as_a_different_date(matcher, text, claim):
    h = _hit(matcher.match(text), claim)
    assert h is not None and h.contradicts and "date" in h.reasons and h.relation != "match"


RU_GENITIVE = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
               "октября", "ноября", "декабря")
UKBE_FORMS = (   # nominative, genitive (a date), locative («у червні»), uk then be
    "січень січня січні студзень студзеня студзені",
    "лютий лютого лютага",
    "березень березня березні сакавік сакавіка сакавіку",
    "квітень квітня квітні красавік красавіка красавіку",
    "травень травня травні траўня траўні мая",
    "червень червня червні чэрвень чэрвеня чэрвені",
    "липень липня липні ліпень ліпеня ліпені",
    "серпень серпня серпні жнівень жніўня жніўні",
    "вересень вересня вересні верасень верасня верасні",
    "жовтень жовтня жовтні кастрычнік кастрычніка кастрычніку",
    "листопад листопада листопаді лістапад лістапада лістападзе",
    "грудень грудня грудні снежань снежня снежні",
)


@pytest.mark.parametrize("month, form", [(m, f) for m, row in enumerate(UKBE_FORMS, 1) for f in row.split()])
def test_every_ukbe_month_form_is_that_month_in_a_date(month, form):
    assert normalize(f"до 3 {form} 2027") == normalize(f"до 3 {RU_GENITIVE[month - 1]} 2027")
    dates, _ = dates_in(normalize(f"3 {form} 2027").split())
    assert dates == {(2027, month, 3)}


@pytest.mark.parametrize("text, month", [
    ("у червні", 6), ("у лютому", 2), ("у маі", 5), ("ў жніўні", 8),       # a month alone
    ("лютого мороза не боимся", None), ("листопад в парке", None),         # Russian words
])
def test_month_words_that_are_also_russian_words_are_months_only_in_a_date(text, month):
    dates, _ = dates_in(normalize(text).split())
    assert dates == ({(None, month, None)} if month else set())


# ------------------------------------------------------------------ names of the alias table
@pytest.mark.parametrize("text", [
    "Японія запровадила санкції проти Північної Кореї",
    "Японія ўвяла санкцыі супраць Паўночнай Карэі",
])
def test_inflected_ukbe_name_of_an_alias_is_the_entity(matcher, lexical, text):
    assert "кндр" in normalize(text).split()
    for m in (matcher, lexical):
        h = _hit(m.match(text), 2)
        assert h is not None and h.relation == "match" and not h.contradicts and h.cross_language


@pytest.mark.parametrize("text, canonical", [
    ("Північну Корею", "кндр"), ("Північній Кореї", "кндр"), ("Паўночную Карэю", "кндр"),
    ("з Росією", "россия"), ("у Росії", "россия"), ("у Расіі", "россия"), ("в Україні", "украина"),
])
def test_ukbe_case_forms_fold_onto_the_canonical_name(text, canonical):
    assert normalize(text).split() == [canonical]


def test_a_russian_word_or_a_longer_name_is_not_taken_for_a_ukbe_variant():
    assert "россия" not in normalize("Выпала роса").split()        # «роса» is Russian, not «Росія»
    table = AliasTable()
    table.add("австрия", "австрія")
    assert normalize("в Австрії", aliases=table).split() == ["австрия"]
    assert "австрия" not in normalize("в Австралії", aliases=table).split()


# ------------------------------------------------------------------ words read in Russian letters
def test_ukrainian_words_are_lemmatised_in_russian_letters(lexical):
    assert normalize("Фінляндія закрила кордон з Росією").split()[0] == "финляндия"
    h = _hit(lexical.match("Фінляндія закрила кордон з Росією"), 5)
    assert h is not None and h.relation == "match" and not h.contradicts


def test_ukbe_function_words_are_not_read_as_russian_words():
    # «від» in Russian letters is «вид» ("view"); «що», «гэта» are no content words either
    assert normalize("Часник захищає від застуди, що доведено").split().count("вид") == 0
    assert normalize("Гэта праўда, што часнок абараняе") == normalize("праўда часнок абараняе")


# ------------------------------------------------------------------ roles
ROLES = {11: "Зенит обыграл Спартак в финале Кубка России",
         12: "Динамо победило ЦСКА в Минске"}


@pytest.fixture(scope="module")
def roles(settings, encoder, fact_check_matcher) -> Matcher:
    return fact_check_matcher(ROLES, settings, encoder)


@pytest.mark.parametrize("text, claim", [
    ("Спартак обіграв Зеніт у фіналі Кубка Росії", 11),
    # «Дынама» (akanye) is glossed «Динамо» and keeps its capital, so both names are names
    # (before the gloss kept capitals: a plain match, the roles uncompared)
    ("ЦСКА перамог Дынама ў Мінску", 12),
])
def test_a_ukbe_message_with_the_roles_swapped_is_never_a_plain_match(roles, text, claim):
    # before, «Спартак обіграв Зеніт…» was a plain 99.6 match: the roles check ran only on messages
    # in the claim's language, while a uk/be message is read with the Russian dictionary anyway
    h = _hit(roles.match(text), claim)
    assert h is None or h.relation != "match"


@pytest.mark.parametrize("text, claim", [
    ("Зеніт обіграв Спартак у фіналі Кубка Росії", 11),
])
def test_a_ukbe_message_with_the_claims_roles_stays_a_match(roles, text, claim):
    h = _hit(roles.match(text), claim)
    assert h is not None and h.relation == "match" and not h.contradicts


# ------------------------------------------------------------------ Ukrainian «и» with no і ї є
ELECTION = {21: "Выборы в Госдуму пройдут 15 июня 2026 года"}


@pytest.fixture(scope="module")
def election(settings, fact_check_matcher) -> Matcher:
    return fact_check_matcher(ELECTION, settings)


def test_a_ukrainian_post_without_its_own_letters_finds_the_russian_claim(election):
    # «Вибори до Держдуми пройдуть…» has no і ї є, so it is read as Russian: before, «вибори» (uk «и»
    # is the Russian «ы») and «Держдума» were unknown words and the post found nothing (8.7)
    h = _hit(election.match("Вибори до Держдуми пройдуть 15 червня 2026 року"), 21)
    assert h is not None and h.relation == "match" and not h.contradicts
    h = _hit(election.match("Вибори до Держдуми пройдуть 15 липня 2026 року"), 21)
    assert h is not None and h.contradicts and h.reasons == ["date"] and h.relation == "related"


# ------------------------------------------------------------------ restatements read as Russian
# The issue's own examples: a Ukrainian or Belarusian restatement of a Russian fact-check is glossed
# into Russian words (claims/match/cognates.py) and scored as a Russian message.
GARLIC = {31: "Чеснок защищает от заражения коронавирусом",
          32: "Правительство повысило НДС до 22 процентов",
          33: "Имбирь излечивает грипп за три дня",
          34: "Минздрав рекомендовал прививку от гриппа пожилым людям"}


@pytest.fixture(scope="module")
def garlic(settings, encoder, fact_check_matcher) -> Matcher:
    return fact_check_matcher(GARLIC, settings, encoder)


@pytest.mark.parametrize("text, claim", [
    ("Часник захищає від коронавірусу", 31),          # before: 15.8, none
    ("Часник захищає від ковіду", 31),                # before: 15.8, none
    ("Часнык абараняе ад каранавіруса", 31),          # before: 10.2, none
    ("Уряд підвищив ПДВ до 22 відсотків", 32),
    ("Урад павысіў ПДВ да 22 працэнтаў", 32),
])
def test_a_ukbe_restatement_of_a_russian_claim_is_a_cross_language_match(garlic, text, claim):
    h = _hit(garlic.match(text), claim)
    assert h is not None and h.relation == "match" and not h.contradicts and h.cross_language


def test_a_ukbe_negation_of_a_russian_claim_is_flagged_not_dropped(garlic):
    # before: 10.1 with the negation found, under the floor, so the reversal was dropped
    h = _hit(garlic.match("Часник не захищає від коронавірусу"), 31)
    assert h is not None and h.contradicts and "negation" in h.reasons and h.relation == "related"
    assert h.cross_language


@pytest.mark.parametrize("text", ["Часник захищає від грипу", "Чеснок защищает от простуды",
                                  "Часник захищає від застуди"])
def test_garlic_against_another_illness_is_no_match(garlic, text):
    assert all(h.relation != "match" for h in garlic.match(text))


@pytest.mark.parametrize("text", ["Чеснок защищает от ковида", "Чесночок защищает от коронавируса"])
def test_a_short_russian_restatement_with_slang_or_a_diminutive_is_a_match(garlic, text):
    # every word of the message is the claim's (ковид is an alias, чесночок a diminutive) and the one
    # claim word it lacks is no name or number: before, related (67.2, 81.2) under the short-message bar
    h = _hit(garlic.match(text), 31)
    assert h is not None and h.relation == "match" and not h.contradicts and not h.cross_language


def test_short_keywords_stay_related(garlic):
    h = _hit(garlic.match("Чеснок коронавирус"), 31)
    assert h is None or h.relation == "related"


def test_the_gloss_reads_cognates_and_the_word_table():
    from claims.match.cognates import cognate_similarity, gloss, load_table

    g = gloss("Часнык абараняе ад каранавіруса", "be", ["чеснок", "защитить", "коронавирус"])
    assert g is not None and g.text == "Чеснок обороняет от коронавирус"     # a capital stays
    assert gloss("Часник захищає від коронавірусу", "uk", ["чеснок", "коронавирус"]).text.startswith(
        "Чеснок защищать от коронавирус")
    assert gloss("Вчора у Харкові", "uk", ()).text.split()[-1][0] == "Х"    # a name stays a name
    assert cognate_similarity("часник", "uk", "чеснок") >= 0.78       # one consonant skeleton
    assert cognate_similarity("грипу", "uk", "группа") < 0.78          # «грип» is not «груп»
    assert gloss("Чеснок", "ru", ["чеснок"]) is None                   # Russian text is not glossed
    assert load_table()["uk"].get("відсотків") == "процент"


@pytest.mark.parametrize("text", [
    "Доброго ранку, друзі! Сьогодні в нашому каналі головні новини дня. Лікарі розповіли: часник "
    "захищає від коронавірусу, тому їжте його щодня. Підписуйтесь на наш канал і діліться з близькими.",
    "Добрай раніцы, сябры! Сёння ў нашым канале галоўныя навіны дня. Урачы расказалі: часнык абараняе "
    "ад каранавіруса, таму ешце яго кожны дзень. Падпісвайцеся на наш канал.",
])
def test_a_ukbe_post_restating_a_claim_in_one_sentence_matches_by_that_part(garlic, text):
    # before, related (45.0, 47.2): the encoder put the Ukrainian sentence under the part gate, so
    # only the whole post was scored; its gloss is close to the claim, so the sentence is matched alone
    h = _hit(garlic.match(text), 31)
    assert h is not None and h.relation == "match" and h.cross_language
    assert "коронав" in h.part_text.casefold() or "каранав" in h.part_text.casefold()


def test_the_word_table_has_only_wellformed_rows():
    from importlib import resources

    text = resources.files("claims.match").joinpath("data", "ukbe_ru.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    bad = [r for r in rows if len(r) != 3 or r[0] not in ("uk", "be") or not r[1].strip() or not r[2].strip()]
    assert not bad and len(rows) > 100


@pytest.mark.parametrize("text", ["", "😀😀😀", "\x00\x00", "а" * 100_000, "https://t.me/x"])
def test_the_gloss_of_hostile_text_is_none_or_words(text):
    from claims.match.cognates import gloss

    g = gloss(text, "uk", ["чеснок"])
    assert g is None or isinstance(g.text, str)


# ------------------------------------------------------------------ another actor
PLACES = {41: "В Самаре открыли новый стадион",
          42: "В Ростове выпал снег в мае",
          43: "Турция отменила визы для граждан Казахстана",
          44: "Польша закрыла границу с Белоруссией для грузовиков"}


@pytest.fixture(scope="module")
def places(settings, encoder, fact_check_matcher) -> Matcher:
    return fact_check_matcher(PLACES, settings, encoder)


@pytest.mark.parametrize("text, claim", [
    ("У Харкові відкрили новий стадіон", 41),     # before: 80.8 match (the gloss lost the capital)
    ("У Мінску выпаў снег у траўні", 42),         # before: 86.2 match (the cross model, no actor check)
])
def test_a_ukbe_message_naming_another_place_is_no_plain_match(places, text, claim):
    # another city where the claim names one is another claim (as «В Харькове открыли новый
    # стадион» is in Russian): related at most, without the reversal flag
    h = _hit(places.match(text), claim)
    assert h is None or (h.relation == "related" and not h.contradicts)


@pytest.mark.parametrize("text, claim", [
    ("У Самарі відкрили новий стадіон", 41),
    ("У Растове выпаў снег у траўні", 42),
    ("Туреччина скасувала візи для громадян Казахстану", 43),   # «Туреччина» is «Турция» respelled
])
def test_a_ukbe_message_naming_the_claims_place_in_its_own_spelling_still_matches(places, text, claim):
    h = _hit(places.match(text), claim)
    assert h is not None and h.relation == "match" and not h.contradicts and h.cross_language


@pytest.mark.parametrize("text", [
    "Сьогодні вранці на кордоні знову утворилися величезні черги. Водії скаржаться, що чекають по три "
    "доби без води та їжі. Польща закрила кордон з Білоруссю для вантажівок. Місцева влада обіцяє "
    "організувати гарячі обіди для водіїв. Перевізники підраховують збитки і просять уряд про допомогу.",
    "Сёння раніцай на мяжы зноў утварыліся вялізныя чэргі. Вадзіцелі скардзяцца, што чакаюць па тры "
    "суткі без вады. Польшча зачыніла мяжу з Беларуссю для грузавікоў. Перавозчыкі падлічваюць страты.",
])
def test_a_ukbe_post_whose_sentence_is_a_claim_in_other_words_matches_by_that_part(places, text):
    # before, the Ukrainian post was related at 49.8 (the whole post only): the sentence glossed
    # without the candidates' words («Польща … з Білоруссю для вантажівок») was at 0.38 from the
    # claim, under the part gate; glossed against the words of the claims the whole post ranks
    # first it is at 0.75, and is matched on its own
    h = _hit(places.match(text), 44)
    assert h is not None and h.relation == "match" and h.cross_language
    assert "Польща" in h.part_text or "Польшча" in h.part_text
