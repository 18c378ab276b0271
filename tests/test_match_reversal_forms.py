"""Reversals written in forms a short test sentence rarely uses, alone and inside a long post: a
month in the locative («в мае 2024 года» against «в июне 2024 года») and a negated imperfective
after an auxiliary («не будет блокировать» against «заблокирует»). In-memory matchers: no database."""

from __future__ import annotations

import pytest

from claims.match import Matcher
from claims.match.contradiction import contradiction_reasons
from claims.normalize import analyze, normalize
from claims.settings import Settings

FACT_CHECKS = {
    4: "Путин посетил КНДР в июне 2024 года",
    5: "Сбербанк заблокирует карты всех пенсионеров с 1 июля",
    7: "Минздрав запретил продажу энергетиков школьникам",
}
NEWS = ("В Подмосковье ожидается облачная погода без осадков, до плюс пятнадцати градусов.",
        "Футбольный клуб «Спартак» сыграл вничью с «Зенитом» в субботнем матче.",
        "В городском парке открылась выставка цветов, вход на неё свободный для всех.",
        "Аналитики ожидают, что рынок недвижимости стабилизируется к концу года.",
        "Театр драмы представил премьеру спектакля по пьесе Чехова.",
        "На трассе М-4 из-за ремонта образовалась пробка длиной восемь километров.")


def _matcher(encoder, fact_checks: dict[int, str]) -> Matcher:
    m = Matcher(Settings(_env_file=None), encoder=encoder)
    m.build((i, normalize(t, "ru"), "", "ru") for i, t in fact_checks.items())
    m.put_vectors(list(fact_checks), encoder.encode(list(fact_checks.values())))
    return m


@pytest.fixture(scope="module")
def ru(encoder) -> Matcher:
    return _matcher(encoder, FACT_CHECKS)


def _post(sentence: str, where: int) -> str:
    """`sentence` among 12 news sentences (about 900 characters): first, in the middle or last."""
    news = list(NEWS * 2)
    news.insert({0: 0, 1: 6, 2: 12}[where], sentence)
    return " ".join(news)


def _hit(m: Matcher, text: str, claim_id: int):
    return next((h for h in m.match(text) if h.claim_id == claim_id), None)


def test_russian_month_in_the_locative_is_kept_and_the_belarusian_verb_dropped():
    # before: «мае» is also the Belarusian "has" (UKBE_STOP) and was dropped in Russian text too
    assert normalize("Путин посетил КНДР в мае 2024 года", "ru") == "путин посетить кндр май 2024 год"
    assert normalize("В мае", "ru") == "май"
    assert "май" not in normalize("Беларусь мае права на гэта, ён мае машыну", "ru").split()


@pytest.mark.parametrize("text, claim, reason", [
    ("Путин посетил КНДР в мае 2024 года", "Путин посетил КНДР в июне 2024 года", "date"),
    ("Путин посетил КНДР в мае", "Путин посетил КНДР в июне 2024 года", "date"),
    ("Сбербанк не будет блокировать карты пенсионеров", FACT_CHECKS[5], "negation"),
    ("Сбербанк не станет блокировать карты всех пенсионеров с 1 июля", FACT_CHECKS[5], "negation"),
])
def test_reason_found(text, claim, reason):
    assert reason in contradiction_reasons(analyze(text, "ru"), normalize(claim, "ru").split(), "ru")


@pytest.mark.parametrize("text", [
    "Путин посетил КНДР в мае 2024 года",       # same month and year: no date reason
    "Больше не продадут энергетики школьникам",  # a negation that states a ban (PRIVATIVE_RU)
])
def test_no_reason_where_none(text):
    claim = FACT_CHECKS[4] if "КНДР" in text else FACT_CHECKS[7]
    claim = claim.replace("июне", "мае")
    assert contradiction_reasons(analyze(text, "ru"), normalize(claim, "ru").split(), "ru") == []


@pytest.mark.parametrize("where", [0, 1, 2])
@pytest.mark.parametrize("text, claim_id", [
    ("Путин посетил КНДР в мае 2024 года.", 4),
    ("Сбербанк не будет блокировать карты пенсионеров, успокоили в банке.", 5),
])
def test_reversal_is_flagged_alone_and_anywhere_in_a_long_post(ru, text, claim_id, where):
    # before: both were plain matches (88.0 and 80.3 alone), a reversal shown as the claim
    for msg in (text, _post(text, where)):
        hit = _hit(ru, msg, claim_id)
        assert hit is not None and hit.contradicts and hit.relation != "match", (msg[:60], hit)
    # and the plain statement in the same post is still a match
    plain = {4: "Путин посетил КНДР в июне 2024 года.", 5: "Сбербанк заблокирует карты всех пенсионеров с 1 июля."}
    hit = _hit(ru, _post(plain[claim_id], where), claim_id)
    assert hit is not None and hit.relation == "match" and not hit.contradicts


# a converse verb with the participants' roles swapped states the claim (claims/match/data/converses.tsv)
CONVERSE_CLAIMS = {
    11: "Спартак проиграл Зениту 1:3",
    12: "Илон Маск купил компанию Twitter за 44 миллиарда долларов",
    13: "Россия продала Китаю партию истребителей Су-35",
    **FACT_CHECKS,
}


# the same converse verbs across languages: a Ukrainian, Belarusian or English message against a
# Russian claim, and a Russian message against an English claim (rows of converses.tsv sharing a key;
# the participants matched across scripts: «Зеніту», "Spartak", "China" as the claim's names)
EN_CLAIMS = {21: "Russia sold a batch of Su-35 fighter jets to China"}


@pytest.fixture(scope="module")
def converse(encoder) -> Matcher:
    m = Matcher(Settings(_env_file=None), encoder=encoder)
    m.build([(i, normalize(t, "ru"), "", "ru") for i, t in CONVERSE_CLAIMS.items()]
            + [(i, normalize(t, "en"), "", "en") for i, t in EN_CLAIMS.items()])
    texts = {**CONVERSE_CLAIMS, **EN_CLAIMS}
    m.put_vectors(list(texts), encoder.encode(list(texts.values())))
    return m


@pytest.mark.parametrize("text, claim_id, same", [
    ("Зенит обыграл Спартак 3:1", 11, True),
    ("Зенит победил Спартак со счётом 3:1", 11, True),
    ("Twitter перешёл к Илону Маску за 44 млрд $", 12, True),
    ("Китай купил у России партию истребителей Су-35", 13, True),
    ("Спартак обыграл Зенит 3:1", 11, False),             # the roles kept: the other outcome
    ("Спартак выиграл у Зенита 3:1", 11, False),
    ("Россия купила у Китая партию истребителей Су-35", 13, False),
    ("Зеніт обіграв Спартак 3:1", 11, True),                         # uk: the other side's verb
    ("Спартак програв Зеніту 1:3", 11, True),
    ("Зеніт абыграў Спартак 3:1", 11, True),                         # be
    ("Zenit beat Spartak 3:1", 11, True),                            # en
    ("Spartak lost to Zenit 1:3", 11, True),
    ("China bought a batch of Su-35 fighter jets from Russia", 13, True),
    ("Китай купив у Росії партію винищувачів Су-35", 13, True),
    ("Spartak beat Zenit 3:1", 11, False),                           # the roles kept: the other outcome
    ("Russia bought a batch of Su-35 fighter jets from China", 13, False),
    ("Спартак обіграв Зеніт 3:1", 11, False),
    ("Росія купила у Китаю партію винищувачів Су-35", 13, False),
    ("Китай купил у России партию истребителей Су-35", 21, True),    # a Russian message, an English claim
    ("Россия купила у Китая партию истребителей Су-35", 21, False),
    ("Russia bought a batch of Su-35 fighter jets from China", 21, False),   # English against English
    ("China bought a batch of Su-35 fighter jets from Russia", 21, True),
])
def test_the_claim_told_from_the_other_side_is_a_match_and_its_reversal_flagged(converse, text, claim_id, same):
    # before: «Зенит обыграл Спартак 3:1» came back "related", possibly contradicts (antonym), the
    # others of the same event as swapped roles, and «Россия купила у Китая …» as a plain match;
    # across languages "Spartak beat Zenit 3:1" and "Russia bought … from China" were plain matches of
    # «Спартак проиграл Зениту 1:3» and «Россия продала Китаю …» (no converse check across languages,
    # "beat" in no antonym row), and «Зеніт обіграв Спартак 3:1» was flagged as an antonym
    for msg in (text, _post(text + ".", 1)):
        hit = _hit(converse, msg, claim_id)
        assert hit is not None, msg[:60]
        if same:
            assert hit.relation == "match" and not hit.contradicts, (msg[:60], hit)
        else:
            assert hit.contradicts and hit.relation != "match", (msg[:60], hit)
