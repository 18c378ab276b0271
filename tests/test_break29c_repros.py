"""break29c: false alarms of the short negated restatement (`_negated_restatements`, 05b867e) and of a denial
of another actor in a post, each a claim restated and then flagged (90-99):

1. roles swapped in the negated sentence: «Финляндия закрыла границу с Россией. Россия её не закрывала.» (96.8
   flagged) says nothing of Finland (`_roles_swapped`);
2. a double negation confirms: «Не уволить его он не мог.», «Никто не мог его не уволить.»;
3. a verb of denying negated: «X. Песков не стал опровергать эту новость.», "X. Nobody has debunked it.";
4. «X. Новость о том, что Y, оказалась фейком.», Y another actor's version of X: X, said plainly in a sentence of
   its own, is the claim's part (the whole post was read and flagged by Y's verdict).

Near-misses stay flagged: the statement's own subject, a pronoun or «никто» in the negated sentence; X said and
then called fake. Marked "untuned": written before the code and never looked at while writing it."""

from __future__ import annotations

import pytest

from claims.match import Matcher
from claims.normalize import written_language
from test_break12_repros import _flagged, _plain_match
from test_match_written_language import _hit, stored

CLAIMS = ["Финляндия закрыла границу с Россией", "Путин уволил министра обороны Шойгу",
          "Apple прекратила продажи iPhone в России", "Пугачёва получила гражданство Израиля",
          "Илон Маск купил Twitter", "Россия запретила Telegram", "5G towers spread the coronavirus",
          "Литва закрыла границу с Беларусью"]


@pytest.fixture(scope="module")
def m(encoder) -> Matcher:
    return stored(encoder, {i: (t, written_language(t)) for i, t in enumerate(CLAIMS)})


RESTATED = [
    # 1. roles swapped
    ("Финляндия закрыла границу с Россией. Россия её не закрывала.", 0),                           # the issue's
    ("Финляндия закрыла границу с Россией. Россия границу не закрывала.", 0),
    ("Путин уволил министра обороны Шойгу. Шойгу никого не увольнял.", 1),
    ("Путин уволил министра обороны Шойгу. Шойгу Путина не увольнял.", 1),
    ("Путин уволил министра обороны Шойгу. Министр обороны никого не увольнял.", 1),
    ("Apple прекратила продажи iPhone в России. Россия продажи не прекращала.", 2),
    ("Пугачёва получила гражданство Израиля. Израиль его не получал.", 3),
    ("Литва закрыла границу с Беларусью. Беларусь её не закрывала.", 7),                             # untuned
    ("Илон Маск купил Twitter. Twitter его не покупал.", 4),                                        # untuned
    ("Россия запретила Telegram. Telegram её не запрещал.", 5),                                     # untuned
    ("Путин уволил министра обороны Шойгу. Шойгу его не увольнял.", 1),                              # untuned
    ("Финляндия закрыла границу с Россией. Россия и Норвегия её не закрывали.", 0),
    ("Литва закрыла границу с Беларусью. Беларусь и Россия её не закрывали.", 7),                    # untuned
    # 2. double negation
    ("Путин уволил министра обороны Шойгу. Не уволить его он не мог.", 1),                          # the issue's
    ("Финляндия закрыла границу с Россией. Не закрыть её Финляндия не могла.", 0),
    ("Путин уволил министра обороны Шойгу. Никто не мог его не уволить.", 1),
    ("Илон Маск купил Twitter. Не купить его Маск не мог.", 4),                                      # untuned
    ("Литва закрыла границу с Беларусью. Никто не мог её не закрыть.", 7),                           # untuned
    ("Россия запретила Telegram. Не запретить его Россия не могла.", 5),                             # untuned
    # 3. a verb of denying negated
    ("Путин уволил министра обороны Шойгу. Песков не стал опровергать эту новость.", 1),            # the issue's
    ("5G towers spread the coronavirus. Nobody has debunked it.", 6),
    ("5G towers spread the coronavirus. No one denies it.", 6),
    ("Россия запретила Telegram. Роскомнадзор не стал это опровергать.", 5),                         # untuned
    ("5G towers spread the coronavirus. Nobody denied it.", 6),                                      # untuned
    ("5G towers spread the coronavirus. No one has refuted the claim.", 6),                          # untuned
    # 4. another actor's version denied
    ("Финляндия закрыла границу с Россией. Новость о том, что Норвегия закрыла границу с Россией, "
     "оказалась фейком.", 0),                                                                          # the issue's
    ("Финляндия закрыла границу с Россией. Слухи о том, что Норвегия закрыла границу с Россией, — фейк.", 0),
    ("Литва закрыла границу с Беларусью. Информация о том, что Латвия закрыла границу с Беларусью, "
     "оказалась фейком.", 7),                                                                          # untuned
    ("Илон Маск купил Twitter. Слухи о том, что Безос купил Twitter, — фейк.", 4),                    # untuned
    ("Россия запретила Telegram. Новость о том, что Китай запретил Telegram, оказалась фейком.", 5),    # untuned
    ("В России запретили Telegram. Слухи о том, что в Китае запретили Telegram, — фейк.", 5),
]


@pytest.mark.parametrize("text, claim_id", RESTATED)
def test_a_restatement_is_no_denial(m, text, claim_id):
    h = _hit(m, text, claim_id)
    assert _plain_match(h), (text, h)


@pytest.mark.parametrize("text, claim_id", [
    ("Илон Маск купил Twitter. Он его не покупал.", 4),
    ("В России запретили Telegram. Никакого запрета не было.", 5),
    ("Литва закрыла границу с Беларусью. Никто её не закрывал.", 7),
    ("Финляндия закрыла границу с Россией. Никто её не закрывал.", 0),
    ("Финляндия закрыла границу с Россией. Финляндия её не закрывала.", 0),
    ("Путин уволил министра обороны Шойгу. Путин его не увольнял.", 1),
    ("Путин уволил министра обороны Шойгу. Никто Шойгу не увольнял.", 1),
    # no subject, a plural verb: the statement's object before it is still its object
    ("Финляндия закрыла границу с Россией. Границу не закрывали.", 0),
    ("Apple прекратила продажи iPhone в России. Продажи не прекращали.", 2),
    ("Путин уволил министра обороны Шойгу. Министра обороны не увольняли.", 1),                      # untuned
    ("Литва закрыла границу с Беларусью. Границу с Беларусью не закрывали.", 7),                     # untuned
    ("Илон Маск купил Twitter. Маск его не покупал.", 4),                                            # untuned
    ("Россия запретила Telegram. Россия его не запрещала.", 5),                                      # untuned
    ("Путин уволил министра обороны Шойгу. Путин Шойгу не увольнял.", 1),                            # untuned
    ("Литва закрыла границу с Беларусью. Никто границу не закрывал.", 7),                            # untuned
    ("Apple прекратила продажи iPhone в России. Apple продажи не прекращала.", 2),                   # untuned
    ("Россия запретила Telegram. Роскомнадзор это опроверг.", 5),                                    # untuned
    ("5G towers spread the coronavirus. The WHO has debunked it.", 6),                               # untuned
    ("Финляндия закрыла границу с Россией. Новость о том, что Финляндия закрыла границу с Россией, "
     "оказалась фейком.", 0),
    ("Финляндия закрыла границу с Россией. Слухи о том, что Финляндия закрыла границу с Россией, — фейк.", 0),
    ("Илон Маск купил Twitter. Слухи о том, что Илон Маск купил Twitter, — фейк.", 4),               # untuned
    ("Финляндия закрыла границу с Россией. Это фейк.", 0),
    # the denied report is the claim, another sentence only near it: the report's verdict holds
    ("Финляндия усилила контроль на границе с Россией. Новость о том, что Финляндия закрыла границу с Россией, "
     "оказалась фейком.", 0),
    ("Граница Финляндии с Россией работает в обычном режиме. Слухи о том, что Финляндия закрыла границу с "
     "Россией, — фейк.", 0),
    ("Маск много пишет в Twitter. Информация о том, что Илон Маск купил Twitter, не соответствует "
     "действительности.", 4),
])
def test_a_denial_stays_flagged(m, text, claim_id):
    h = _hit(m, text, claim_id)
    assert _flagged(h), (text, h)


@pytest.mark.parametrize("text, claim_id", [
    ("Россия запретила Telegram. Нет, в Роскомнадзоре это опровергли.", 5),
    ("5G towers spread the coronavirus. No, the WHO has debunked it.", 6),
])
def test_an_answer_no_before_a_denial_is_flagged(m, text, claim_id):
    """«Нет, …» / "No, …" answering is no negation of the denial after it (`_NOT_DENIED_RE` leaves them out);
    `_DENIED_IT_RE` reads the answer before the denial (break30; a strict xfail until then)."""
    h = _hit(m, text, claim_id)
    assert _flagged(h), (text, h)
