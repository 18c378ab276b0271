"""break29f (2026-12-03): regressions a break-tester found on main 8a47343 (plain matches an older commit flagged),
fixed as kinds. NEW = a plain match on main 8a47343; "not tuned" = written after the fix and checked once; the rest
are near-misses that must keep their decision.

1. a verdict after a sentence that only negates the statement in its own words, the roles swapped («X. Россия её
   не закрывала. Это фейк.»), or that only says nobody denied it («X. МИД не стал опровергать, но это фейк.»),
   judges the statement (segmentation._negated_echo, _not_denied in `_judged_before`'s look-back);
2. a verb of bringing in with the privative noun («ввёл блокировку») states the privative verb («заблокировал»);
   «сняли / отменили блокировку» stays a reversal.
"""

from __future__ import annotations

import pytest

from claims.match import Matcher
from test_break12_repros import _flagged, _plain_match
from test_match_written_language import _hit, stored

FIN = "Финляндия закрыла границу с Россией"
PUTIN = "Путин уволил министра обороны Шойгу"
FIN_EN = "Finland closed its border with Russia"
INSTA = "В России заблокировали Instagram"
PRIVAT = "ПриватБанк заблокировал карты клиентов из Крыма"
TESLA = "Tesla bought Twitter"
CLAIMS = {1: (FIN, "ru"), 2: (PUTIN, "ru"), 3: (FIN_EN, "en"), 4: (INSTA, "ru"), 5: (PRIVAT, "ru"),
          6: (TESLA, "en")}


@pytest.fixture(scope="module")
def m(encoder) -> Matcher:
    return stored(encoder, CLAIMS)


@pytest.mark.parametrize("text, claim_id", [
    # 1. a verdict after a negated echo with the roles swapped
    (f"{FIN}. Россия её не закрывала. Это фейк.", 1),                         # NEW: 96.7 plain match
    (f"{FIN}. Россия её не закрывала. Это неправда.", 1),                     # NEW
    (f"{PUTIN}. Шойгу Путина не увольнял. Это фейк.", 2),                     # not tuned
    (f"{FIN_EN}. Russia did not close it. It is false.", 3),                  # not tuned
    # ... after a sentence saying nobody denied it
    (f"{FIN}. МИД не стал опровергать, но это фейк.", 1),                     # NEW
    (f"{FIN_EN}. Nobody has debunked it yet, but it is false.", 3),           # NEW
    (f"{PUTIN}. Кремль пока не опроверг. Это ложь.", 2),                      # not tuned
    (f"{FIN_EN}. No one has denied it. It is a hoax.", 3),                    # not tuned
    # already flagged on 8a47343: kept
    (f"{FIN}. Она её не закрывала, это фейк.", 1),
    (f"Говорят, {FIN}. Это фейк: границу закрыла Норвегия.", 1),
])
def test_verdict_after_a_negated_echo_or_an_undenied_report_judges_the_statement(m, text, claim_id):
    hit = _hit(m, text, claim_id)
    assert _flagged(hit), (text, hit)


@pytest.mark.parametrize("text, claim_id", [
    (f"{FIN}. Россия её не закрывала.", 1),                  # the roles swapped alone deny nothing (break29c)
    (f"{FIN}. Россия её не закрывала. Это правда.", 1),      # a verdict of truth
    (f"{FIN}. МИД не стал опровергать, и это правда.", 1),
    (f"{FIN_EN}. Nobody has debunked it. It is true.", 3),
])
def test_near_misses_stay_plain(m, text, claim_id):
    hit = _hit(m, text, claim_id)
    assert _plain_match(hit), (text, hit)


@pytest.mark.parametrize("text, claim_id", [
    (f"{FIN}. Латвия её не закрывала. Это фейк.", 1),       # a word of its own: the verdict judges that sentence
    (f"{FIN}. МИД не стал опровергать слухи о закрытии границы с Эстонией. Это фейк.", 1),
])
def test_a_sentence_with_words_of_its_own_is_what_the_verdict_judges(m, text, claim_id):
    hit = _hit(m, text, claim_id)
    assert not _flagged(hit), (text, hit)


@pytest.mark.parametrize("text, claim_id", [
    # 2. a privative noun first, lifted by the verb after it
    ("Блокировку Instagram в России сняли", 4),                       # NEW: 86.1 plain match
    ("Блокировку Instagram в России отменили", 4),                    # NEW
    ("Блокировка Instagram в России снята", 4),                       # NEW
    ("Блокировку карт клиентов из Крыма ПриватБанк отменил", 5),      # not tuned
    ("Блокировка карт клиентов из Крыма снята", 5),                   # not tuned
    ("Запрет на Instagram в России отменили", 4),                     # not tuned
    # the privative noun after its lifting verb: flagged on 8a47343, kept
    ("В России сняли блокировку Instagram", 4),
    ("ПриватБанк снял блокировку карт клиентов из Крыма", 5),
    ("ПриватБанк отменил блокировку карт клиентов из Крыма", 5),
])
def test_a_lifted_block_reverses_the_block(m, text, claim_id):
    hit = _hit(m, text, claim_id)
    assert _flagged(hit), (text, hit)


@pytest.mark.parametrize("text, claim_id", [
    # a verb of bringing in with the privative noun states the privative verb
    ("ПриватБанк ввёл блокировку карт клиентов из Крыма", 5),
    ("ПриватБанк установил блокировку карт клиентов из Крыма", 5),
    ("ПриватБанк объявил о блокировке карт клиентов из Крыма", 5),
    ("Блокировку Instagram в России ввели", 4),
    ("Блокировку Instagram в России продлили", 4),
    ("Блокировка Instagram в России продолжается", 4),
])
def test_a_block_brought_in_states_the_block(m, text, claim_id):
    hit = _hit(m, text, claim_id)
    assert _plain_match(hit), (text, hit)


@pytest.mark.xfail(strict=True, reason="break29f: the matcher reads the post's first clause «Роскомнадзор "
                   "заблокировал Instagram» (related 64.7), not the lift after «, а потом»")
def test_a_block_then_lifted_in_one_sentence(m):
    assert _flagged(_hit(m, "Роскомнадзор заблокировал Instagram, а потом снял блокировку", 4))
