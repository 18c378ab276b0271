"""Break-test round 2 of 2026-12-02 (a tester on 19fddb3): a verdict one sentence after the statement,
with a sentence between that says the statement was spread («Сообщение перепостили тысячи
пользователей.», "The post went viral overnight."), judged the spreading sentence, and the statement
came back a plain match (91–99.9). It now judges the statement, as after a checking sentence."""

from __future__ import annotations

import pytest

from claims.match import Matcher
from claims.normalize import written_language
from test_match_written_language import _hit, stored

CLAIMS = ["Илон Маск купил Twitter", "Швеция вступила в НАТО", "TikTok was banned in the United States",
          "Часник захищає від коронавірусу", "Литва закрыла границу с Беларусью", "Tesla купит SpaceX"]


@pytest.fixture(scope="module")
def m(encoder) -> Matcher:
    return stored(encoder, {i: (t, written_language(t)) for i, t in enumerate(CLAIMS)})


@pytest.mark.parametrize("text, claim_id", [
    ("Илон Маск купил Twitter. Сообщение перепостили тысячи пользователей. Это фейк.", 0),     # reported
    ("Илон Маск купил Twitter. Сообщение перепостили тысячи пользователей. Не было такого.", 0),
    ("Швеция вступила в НАТО. Об этом пишут многие каналы. Но это неправда.", 1),
    ("TikTok was banned in the United States. The post went viral overnight. This is false.", 2),
    ("Часник захищає від коронавірусу. Повідомлення поширили десятки каналів. Це фейк.", 3),
    ("Литва закрыла границу с Беларусью. Новость разошлась по сети. Это ложь.", 4),               # not tuned
    ("Илон Маск купил Twitter. Эту новость распространили десятки пабликов. Это неправда.", 0),  # not tuned
    ("Elon Musk bought Twitter. The story was shared thousands of times. It is fake.", 0),       # not tuned
])
def test_a_verdict_after_a_spreading_sentence_judges_the_statement(m, text, claim_id):
    h = _hit(m, text, claim_id)
    assert h is not None and h.relation != "match" and h.contradicts, (text, h)


@pytest.mark.parametrize("text, claim_id", [
    ("Илон Маск купил Twitter. Об этом пишут многие каналы. Это правда.", 0),
    ("Илон Маск купил Twitter. Многие пишут, что Tesla купит SpaceX. Это фейк.", 0),   # the verdict is of Y
    ("Илон Маск купил Twitter. Новость быстро разлетелась по сети.", 0),
])
def test_near_misses_stay_plain(m, text, claim_id):
    h = _hit(m, text, claim_id)
    assert h is not None and h.relation == "match" and not h.contradicts, (text, h)


def test_a_reported_statement_of_a_ukrainian_claim_then_denied(encoder):
    """Break-test round 3 (a regression against 9164953, where the uk claim was stored as Russian):
    the reported X of «Сегодня стало известно, что X.» was read without the verdict after it when
    the claim's Russian gloss ranked it above its sentence."""
    claims = ["Кабмін підвищив пенсії на 10 відсотків", "Илон Маск купил Twitter"]
    matcher = stored(encoder, {i: (t, written_language(t)) for i, t in enumerate(claims)})
    opening = "Сегодня стало известно, что Кабмин повысил пенсии на 10 процентов."
    for text in (opening + " Это фейк, пенсии не меняли.", opening + " Об этом пишут многие каналы. Это фейк."):
        h = _hit(matcher, text, 0)
        assert h is not None and h.relation != "match" and h.contradicts, (text, h)
    for text in (opening, opening + " Это правда."):        # near-misses
        h = _hit(matcher, text, 0)
        assert h is not None and h.relation == "match" and not h.contradicts, (text, h)
