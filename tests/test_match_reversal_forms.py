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


@pytest.fixture(scope="module")
def ru(encoder) -> Matcher:
    m = Matcher(Settings(_env_file=None), encoder=encoder)
    m.build((i, normalize(t, "ru"), "", "ru") for i, t in FACT_CHECKS.items())
    m.put_vectors(list(FACT_CHECKS), encoder.encode(list(FACT_CHECKS.values())))
    return m


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
