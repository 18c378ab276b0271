"""Verdicts, denials and roles. A post that gives a claim a verdict of its own — «X — это фейк», «X. Это неправда.», «X, не
верьте!», «Фейк: X», "The claim that X is a myth" — debunks the claim, it does not repeat it: the
desk sees it flagged (related, contradicts, reason negation), never a plain match, whichever side
of the statement the verdict stands on. A claim whose own words call something false («Глобальное
потепление — это миф») is still a plain match when a message repeats it, and a question or a
negated verdict («это не фейк») is no verdict."""

from __future__ import annotations

import pytest

from claims.match import Matcher
from test_break12_repros import _hit, _matcher

CLAIMS = {
    1: ("Прививки от кори вызывают аутизм", "ru"),
    2: ("Mobile phones cause brain cancer", "en"),
    3: ("Глобальное потепление — это миф", "ru"),
    4: ("The moon landing was a hoax", "en"),
    5: ("Информация о повышении пенсий с января — фейк", "ru"),
}
MMR = "Прививки от кори вызывают аутизм"
NEWS = ("В Казани открыли новый парк на берегу Волги. Синоптики обещают тёплую погоду до конца недели. "
        "Городской транспорт будет ходить по расписанию выходного дня.")


@pytest.fixture(scope="module")
def m(encoder) -> Matcher:
    return _matcher(encoder, CLAIMS)


@pytest.mark.parametrize("text, claim_id", [
    (f"{MMR} — это фейк", 1),
    (f"{MMR} - ФЕЙК!!! 😡", 1),
    (f"{MMR}. Это очередной фейк!", 1),                       # the verdict a sentence of its own
    (f"{NEWS} {MMR}. Это очередной фейк! {NEWS}", 1),         # … inside a long post
    (f"Правда ли, что прививки от кори вызывают аутизм? Нет, это миф.", 1),
    (f"{MMR}, не ведитесь!", 1),
    (f"{MMR} — это фейк. Вы согласны?", 1),                 # a question in the next sentence takes nothing back
    (f"❌ ФЕЙК: {MMR.lower()}", 1),
    (f"Утверждение, что {MMR.lower()}, не соответствует действительности", 1),
    (f"Минздрав опроверг информацию о том, что {MMR.lower()}", 1),
    ("Mobile phones cause brain cancer. That's not true.", 2),
    ("FALSE: mobile phones cause brain cancer", 2),
    ("Claims that mobile phones cause brain cancer are baseless", 2),
    ("Прививки від кору викликають аутизм — це фейк", 1),
    # a denied report in other spellings
    ("Don't believe that mobile phones cause brain cancer", 2),      # "don't" one word: a negation
    ("Nobody says mobile phones cause brain cancer", 2),             # English leaves out "that"
    ("Nobody's saying mobile phones cause brain cancer", 2),
    ("There is no evidence mobile phones cause brain cancer", 2),
    ("Никто не говорит: «Прививки от кори вызывают аутизм»", 1),     # a colon and quotes
    ("Никто не говорит, что «прививки от кори вызывают аутизм»", 1),
    ("Нет никаких доказательств того, что прививки от кори вызывают аутизм", 1),
])
def test_a_verdict_or_a_denied_report_flags_the_claim(m, text, claim_id):
    hit = _hit(m, text, claim_id)
    assert hit is not None and hit.contradicts and hit.relation == "related", hit
    assert hit.reasons == ["negation"], hit


@pytest.mark.parametrize("text, claim_id", [
    (f"{MMR} — это фейк?", 1),                                # a question, not a verdict
    (f"{MMR} — это не фейк", 1),                              # a denied denial states it
    (f"{MMR}. Это правда.", 1),
    ("Глобальное потепление — это миф", 3),                   # the claim's own «миф»
    ("Глобальное потепление - миф!", 3),
    ("The moon landing was a hoax", 4),
    ("Информация о повышении пенсий с января — фейк", 5),
    # affirming frames of a denied report's shape
    ("Не забывайте: прививки от кори вызывают аутизм", 1),           # advice before a colon
    ("Don't forget: mobile phones cause brain cancer", 2),
    ("Nobody doubts mobile phones cause brain cancer", 2),
    ("There is now proof mobile phones cause brain cancer", 2),
])
def test_a_claim_stated_with_no_verdict_of_its_own_stays_a_plain_match(m, text, claim_id):
    hit = _hit(m, text, claim_id)
    assert hit is not None and hit.relation == "match" and not hit.contradicts, hit


def test_the_verdict_names_its_own_sentence_as_the_part(m):
    text = f"{NEWS} {MMR}. Это очередной фейк! {NEWS}"
    hit = _hit(m, text, 1)
    assert hit is not None and hit.contradicts and text[hit.part[0]:hit.part[1]].startswith(MMR), hit


def test_a_quoted_report_after_a_colon_is_a_part_of_its_own(m):
    text = "Минздрав утверждает: «Прививки от кори вызывают аутизм»"      # was 58.9 on the whole sentence
    hit = _hit(m, text, 1)
    assert hit is not None and hit.relation == "match" and hit.part[0] > 0 and hit.score >= 85, hit


# across languages (the words of the message and the claim cannot be compared): a negation in the
# frame of a report that affirms it, or that denies only the clause before «, but …», negates nothing
@pytest.mark.parametrize("text, flagged", [
    ("Nobody says measles vaccines cause autism", True),
    ("Nobody denies that measles vaccines cause autism", False),
    ("It is no secret that measles vaccines cause autism", False),
    ("Nobody says the weather is bad, but measles vaccines cause autism", False),
    ("Ніхто не заперечує, що щеплення від кору викликають аутизм", False),
    ("Ніхто не каже, що щеплення від кору викликають аутизм", True),
])
def test_a_frame_negates_across_languages_only_what_it_denies(m, text, flagged):
    hit = _hit(m, text, 1)
    assert hit is not None and hit.cross_language and hit.contradicts is flagged, hit
    assert (hit.relation == "related") is flagged, hit


@pytest.fixture(scope="module")
def roles(encoder) -> Matcher:
    return _matcher(encoder, {3: ("Спартак проиграл Зениту 1:3", "ru"),
                              4: ("Россия продала Китаю истребители Су-35", "ru"),
                              9: ("Германия передала Украине танки Leopard 2", "ru"),
                              12: ("Spartak beat Zenit 3:1", "en")})


@pytest.mark.parametrize("text, claim_id, flagged", [
    ("Zenit lost to Spartak 1:3", 3, True),                  # the claim's verb, the teams swapped
    ("Зеніт поступився Спартаку 1:3", 3, True),
    ("Spartak lost to Zenit 1:3", 3, False),
    ("Спартак поступився Зеніту 1:3", 3, False),
    ("China sold Su-35 fighters to Russia", 4, True),        # "sold" is the claim's «продать»
    ("Russia sold Su-35 fighters to China", 4, False),
    ("China bought Su-35 fighters from Russia", 4, False),   # the converse verb: the same event
    ("Ukraine gave Germany Leopard 2 tanks", 9, True),
    ("Germany handed Leopard 2 tanks to Ukraine", 9, False),
    ("Україна передала Німеччині танки Leopard 2", 9, True),      # Ukrainian names of countries
    ("Німеччина передала Україні танки Leopard 2", 9, False),     # (was related 98.4: «Німеччина» unread)
    ("Німеччина отримала від України танки Leopard 2", 9, True),
    # passives: the doer after «был обыгран …» / "was beaten by"
    ("Спартак был обыгран Зенитом 1:3", 3, False),
    ("Зенит был обыгран Спартаком 1:3", 3, True),
    ("Spartak was beaten by Zenit 1:3", 3, False),            # was flagged roles 93.0
    ("Zenit was beaten by Spartak 1:3", 3, True),             # was a plain match 91.8
    ("Spartak was beaten by Zenit 3:1", 12, True),            # against the English claim
    ("Zenit was beaten by Spartak 3:1", 12, False),
])
def test_the_claims_own_verb_with_swapped_roles_across_languages_is_a_reversal(roles, text, claim_id, flagged):
    hit = _hit(roles, text, claim_id)
    assert hit is not None and hit.contradicts is flagged and (hit.relation == "match") is not flagged, hit

