"""Whose verdict a post states (issue 10, item 5): a reversed or debunked statement is never shown as a
plain match and never silently dropped, and a post that REPEATS a claim is a plain match. New cases of
each kind fixed in claims/match/segmentation.py and matcher.py (other wordings, other claims, each
language the kind exists in) that failed on main e2cb315, and guards that held there and must keep
holding: plain repeats stay plain matches, real denials stay flagged.

Kinds: two statements joined by «, а» / «, и» read apart (`_JOINED_RE`, `Part.asserted`); a warning not
to believe before a colon is a denial (`_DISBELIEF_COLON_RE`); a verdict after a short checking sentence
judges the statement before it (`_CHECKED_RE`); others' outcry is not the post's verdict (`_OUTCRY`); a
verdict the post rejects asserts what follows (`_REJECTED_RE`); a frame negating only doubt, and «Не
только», assert what follows (`_affirming_frame`, `_NOT_ONLY_RE`); a cross-language hit's part is the
line nearest the claim (`matcher._nearest_part`).
"""

from __future__ import annotations

import pytest

from claims.match import Matcher
from test_break12_repros import _hit, _matcher
from test_break16a_repros import _assert_flagged, _assert_plain_match

PENSION = "Пенсионный возраст повысят до 70 лет"
SBER = "Сбербанк заблокирует карты всех пенсионеров"
TOWERS = "5G towers spread the coronavirus"
PHONES = "Mobile phones cause brain cancer"
CLAIMS = {1: (PENSION, "ru"), 2: (SBER, "ru"), 3: (TOWERS, "en"), 4: (PHONES, "en"),
          5: ("В Казани открыли вторую линию метро", "ru")}
pension = PENSION[0].lower() + PENSION[1:]
sber = SBER[0].lower() + SBER[1:]
UK_PENSION = "Пенсійний вік підвищать до 70 років"
uk_pension = UK_PENSION[0].lower() + UK_PENSION[1:]
BE_PENSION = "Пенсійны ўзрост павысяць да 70 гадоў"
towers = TOWERS[0].lower() + TOWERS[1:]


@pytest.fixture(scope="module")
def m(encoder) -> Matcher:
    return _matcher(encoder, CLAIMS)


# --- two statements joined by a conjunction: each its own part ------------------------------------
@pytest.mark.parametrize("text, first, second", [
    (f"{PENSION}, а {sber}.", 1, 2),
    (f"В Казани открыли вторую линию метро, и {sber}.", 5, 2),
    (f"{SBER}, а {pension}.", 2, 1),
    (f"{PHONES}, and {towers}.", 4, 3),
])
def test_two_statements_joined_by_a_conjunction_get_their_own_parts(m, text, first, second):
    a, b = _hit(m, text, first), _hit(m, text, second)
    assert a is not None and b is not None
    assert a.part != b.part, (a.part, b.part)


@pytest.mark.parametrize("text, asserted, judged", [
    (f"{PENSION} — это миф, {sber} — правда", 2, 1),            # no conjunction: failed on main
    (f"{PENSION} — это выдумка, и {sber} — правда", 2, 1),      # guard (held on main)
    (f"{TOWERS} — a myth, and {PHONES.lower()} — a fact", 4, 3),  # guard (held on main)
])
def test_a_verdict_on_one_clause_is_not_the_others(m, text, asserted, judged):
    _assert_plain_match(m, text, asserted)
    _assert_flagged(m, text, judged)


# --- a warning not to believe, before a colon ------------------------------------------------------
@pytest.mark.parametrize("text, claim_id", [
    (f"Не покупайтесь: {pension}", 1),
    (f"Не ведитесь на это: {pension}", 1),
    (f"Не ведіться: {uk_pension}", 1),
    (f"Не давярайце: {BE_PENSION[0].lower() + BE_PENSION[1:]}", 1),
    (f"Don't be fooled: {towers}", 3),
    (f"Don't buy it: {towers}", 3),
])
def test_a_warning_not_to_believe_before_a_colon_is_a_denial(m, text, claim_id):
    _assert_flagged(m, text, claim_id)


# --- a verdict after a short sentence saying the statement was checked --------------------------------
@pytest.mark.parametrize("text, claim_id", [
    (f"{PENSION}. Мы проверили это утверждение у экспертов. Это неправда.", 1),
    (f"{UK_PENSION}. Ми перевірили цю інформацію. Це фейк.", 1),
    (f"{TOWERS}. Our team fact-checked the claim. False.", 3),
    (f"{TOWERS}. We verified this with engineers. It's a hoax.", 3),
    (f"{PENSION}. Врачи проверили эту информацию.\nЭто фейк.", 1),
])
def test_a_verdict_after_a_checking_sentence_judges_the_statement(m, text, claim_id):
    _assert_flagged(m, text, claim_id)


# --- others' outcry and rejected verdicts: the post asserts the claim ---------------------------------
@pytest.mark.parametrize("text, claim_id", [
    (f"{PENSION} — кричат скептики: фейк!", 1),
    (f"{UK_PENSION}! Фейк! — скажуть скептики.", 1),
    (f"{TOWERS}! Fake! — critics will cry.", 3),
    (f"Миф? Нет! {PENSION}", 1),
    (f"Кажуть, що це фейк, але {uk_pension}", 1),
    (f"Говорят, что это миф, но {pension}", 1),
    (f"Не слушайте тех, кто говорит, что это фейк: {sber}", 2),
    # «Не только»
    (f"Не только {sber}", 2),
    (f"Не лише {uk_pension}", 1),
])
def test_a_post_asserting_the_claim_is_a_plain_match(m, text, claim_id):
    _assert_plain_match(m, text, claim_id)


# --- the part of a cross-language hit (guards: these held on main, where the repros of
# test_break16b_repros.py section 14 did not; the line nearest the claim must stay the part) ---------
@pytest.mark.parametrize("text, claim_id, expected", [
    (f"{TOWERS}.\nSberbank will block the cards of all pensioners.", 2, "Sberbank will block"),
    (f"FALSE: {towers}\nTRUE: the retirement age will be raised to 70", 1, "retirement age"),
])
def test_a_cross_language_hit_names_the_line_that_states_it(m, text, claim_id, expected):
    hit = _hit(m, text, claim_id)
    assert hit is not None and hit.part is not None, hit
    assert expected in text[hit.part[0]:hit.part[1]], hit


# --- guards: these held before and must keep holding ---------------------------------------------------
@pytest.mark.parametrize("text, claim_id", [
    (PENSION, 1),
    (f"{PENSION}!", 1),
    (f"{PENSION}. Врачи проверили эту информацию. Это правда.", 1),
    (f"{PENSION}. Мы проверили эту информацию.", 1),
    (f"{SBER}, и это не шутка", 2),
    (f"Не верьте властям: {pension}", 1),
    (f"Не забывайте: {pension}", 1),
    (f"Никто не спорит, что {sber}", 2),
    (f"Ни у кого не вызывает сомнений, что {sber}", 2),
    (f"Пишут, что это вброс, но {sber}", 2),
    (f"{TOWERS}. No lie.", 3),
])
def test_a_plain_repeat_stays_a_plain_match(m, text, claim_id):
    _assert_plain_match(m, text, claim_id)


@pytest.mark.parametrize("text, claim_id", [
    (f"{PENSION} — это фейк", 1),
    (f"{PENSION} — это фейк, сообщает Минздрав.", 1),
    (f"{PENSION}! Фейк!", 1),
    (f"{PENSION}, и это полная ложь", 1),
    (f"{TOWERS} — officials say: fake", 3),
    (f"Фейк: {pension}", 1),
    (f"Врачи говорят, что это фейк: {pension}", 1),
    (f"Никто не говорит, что {pension}", 1),
    (f"Не верьте слухам: {pension}", 1),
    (f"Don't believe it: {towers}", 3),
    (f"{PENSION}. Это неправда.", 1),
])
def test_a_real_denial_stays_flagged(m, text, claim_id):
    _assert_flagged(m, text, claim_id)
