"""break18: REPRODUCTIONS OF DEFECTS FOUND BY A TESTER (2026-12-02) on the trial merge f6a15fc (branches
"verdict" — whose verdict a post states — and "roles" — who did what to whom). Every case FAILS on the
merge and is marked `xfail(strict=True)`: when a fix makes one pass, pytest reports XPASS — then drop its
marker. No product code is changed here.

"REGRESSION" = the merge broke it (right on /work/main, the code before the merge); "OLD" = wrong on
both. Comments give relation / score / contradicts [reasons] on the merge, then on main. Several were
confirmed through `claims import` + `claims db embed` + `claims match --stdin --json` on a fresh SQLite
store of the claims below (same answers, marked CLI). The labels were checked by running this file
against main's code (PYTHONPATH=/work/main, a copy of the file outside the worktree): the two
REGRESSION cases XPASS there, every OLD case still fails, and the guards marked "fixed" fail there.
"""

from __future__ import annotations

import pytest

from claims.match import Matcher
from test_break12_repros import _hit, _matcher

BROKEN = pytest.mark.xfail(strict=True, reason="break18 repro: fails on the trial merge f6a15fc")

CLAIMS = {
    1: ("Турция продала Азербайджану беспилотники Bayraktar", "ru"),
    2: ("Динамо проиграло Краснодару со счётом 1:2", "ru"),
    3: ("США ввели санкции против Венесуэлы", "ru"),
    4: ("Минздрав запретил продажу энергетиков подросткам", "ru"),
    5: ("Хлорка в бассейнах вызывает астму у детей", "ru"),
    6: ("Arsenal beat Tottenham 3-1", "en"),
    7: ("Iran sold drones to Venezuela", "en"),
    8: ("Налоговая заблокирует счета всех самозанятых", "ru"),
    9: ("Лимон с содой излечивает рак", "ru"),
    10: ("Microwave ovens destroy nutrients in food", "en"),
    11: ("Японія передала Україні генератори", "uk"),
    12: ("В Беларуси отменят пенсии для работающих пенсионеров", "ru"),
    13: ("Швеция вступила в НАТО", "ru"),
    14: ("Газпром прекратил поставки газа в Молдову", "ru"),
}


@pytest.fixture(scope="module")
def m18(encoder) -> Matcher:
    return _matcher(encoder, CLAIMS)


def _flagged(hit) -> bool:
    return hit is not None and hit.contradicts and hit.relation != "match"


def _plain_match(hit) -> bool:
    return hit is not None and hit.relation == "match" and not hit.contradicts


# 1. A DENIAL or NEGATION shown as a PLAIN match (the failure a desk cares about most).
@BROKEN
@pytest.mark.parametrize("text, claim_id", [
    # OLD. Belarusian «, ды гэта няпраўда/фэйк» (the merge's «ды» splits, but the verdict after it is
    # not read; «, і гэта няпраўда» and «. Гэта фэйк.» are flagged) — cross-language hit.
    ("Швецыя ўступіла ў НАТА, ды гэта няпраўда", 13),              # CLI: match 97.6 / main match 97.6
    ("Швеция вступила в НАТО, ды гэта фэйк", 13),                  # match 89.1 / main match 89.1
    # OLD. English verdict after ", and" / "while in reality" (ru «, и это полная ложь» is flagged).
    ("Iran sold drones to Venezuela, and that's a lie.", 7),        # match 99.5 / main match 99.4
    ("They claim Iran sold drones to Venezuela, while in reality it is a hoax", 7),  # match 99.4 / main 95.8
    # OLD. Reported claim + the post's own verdict after «, но» / «, а на самом деле» (the uk
    # «Кажуть, що X, але це фейк» IS flagged: related 86.5 contradicts).
    ("Говорят, что хлорка в бассейнах вызывает астму у детей, но это фейк", 5),   # match 84.9 / main 84.9
    ("Пишут, что налоговая заблокирует счета всех самозанятых, а на самом деле это очередной фейк", 8),
    #                                                                  match 88.3 / main match 78.3
    # OLD. The post's own verdict after others' outcry.
    ("Хлорка в бассейнах вызывает астму у детей — кричат мамочки в чатах. Но это фейк.", 5),  # match 85.5 / 85.5
    # OLD. A checking sentence in other words than the merge's rule knows, then a verdict.
    ("Налоговая заблокирует счета всех самозанятых. Мы позвонили в налоговую. Это не так.", 8),  # match 91.2 / 91.2
    ("Налоговая заблокирует счета всех самозанятых. Мы позвонили в налоговую. Там это опровергли.", 8),  # 91.0 / 91.0
    ("Microwave ovens destroy nutrients in food. We checked with nutritionists. Not true.", 10),  # 99.5 / 99.5
    # OLD. «Правда? Нет, фейк.» after the statement (the mirror of «Фейк? Нет! X»).
    ("Газпром прекратил поставки газа в Молдову. Правда? Нет, фейк.", 14),  # match 89.5 / main 89.5
    # OLD. One verdict on two joined statements: the first is shown plain (the merge's split raised
    # its score: 95.4 against 78.3 on main).
    ("Хлорка в бассейнах вызывает астму у детей, а лимон с содой излечивает рак — всё это фейки", 5),
    ("Минздрав запретил продажу энергетиков подросткам, и налоговая заблокирует счета всех самозанятых"
     " — обе новости фейк", 8),                                      # match 77.3 / main match 55.5
    # OLD. «Неверно, что X, и что Y»: the second «что» clause is under the same denial.
    ("Неверно, что Турция продала Азербайджану беспилотники Bayraktar, и что Динамо проиграло Краснодару"
     " со счётом 1:2", 2),                                           # match 96.5 / main match 88.3
])
def test_break18_a_denial_is_not_a_plain_match(m18, text, claim_id):
    assert _flagged(_hit(m18, text, claim_id)), _hit(m18, text, claim_id)


# 2. SWAPPED ROLES shown as a PLAIN match: all fixed (roles19), see test_break18_fixed_swapped_roles_are_flagged.


# 3. A post that REPEATS the claim, flagged as contradicting it.
@BROKEN
@pytest.mark.parametrize("text, claim_id", [
    # OLD. A warning not to believe THOSE WHO DENY it, before a colon, asserts what follows (test_verdict's
    # «Не слушайте тех, кто говорит, что это фейк: X» passes; «Не ведитесь на отговорки чиновников: X» too).
    ("Не верьте тем, кто называет это фейком: лимон с содой излечивает рак", 9),  # related 92.2 C [negation] / same
    ("Don't trust those who call it fake: microwave ovens destroy nutrients in food", 10),  # related 99.6 C / same
    ("Не ведитесь на сказки чиновников: хлорка в бассейнах вызывает астму у детей", 5),  # related 91.7 C / same
])
def test_break18_a_repeat_is_a_plain_match(m18, text, claim_id):
    assert _plain_match(_hit(m18, text, claim_id)), _hit(m18, text, claim_id)


# Guards: found right on the merge (several fixed by it); they must keep holding.
@pytest.mark.parametrize("text, claim_id, flagged", [
    ("Санкции против США ввела Венесуэла", 3, True),                 # main: plain match (fixed)
    ("Arsenal lost 3-1 to Tottenham", 6, True),                      # main: plain match (fixed)
    ("Tottenham beaten 3-1 by Arsenal in north London derby", 6, True),  # main: plain match (fixed)
    ("Iran received drones from Venezuela", 7, True),                # main: plain match (fixed)
    ("Купив у Азербайджана беспилотники Bayraktar, Турция усилила армию", 1, True),  # main: match (fixed)
    ("Не вірте чуткам: лимон з содою виліковує рак", 9, True),      # main: match 93.3 (fixed)
    ("Лимон с содой излечивает рак. Онкологи изучили этот рецепт. Не верьте!", 9, True),  # main: match (fixed)
    ("Iran never sold drones to Venezuela", 7, True),
    ("Venezuela was sold drones by Iran", 7, False),
    ("Азербайджан получил турецкие беспилотники Bayraktar", 1, False),  # main: flagged (fixed)
    ("Фейк? Нет! Хлорка в бассейнах вызывает астму у детей", 5, False),  # main: flagged (fixed)
    ("Don't trust the mainstream media: microwave ovens destroy nutrients in food", 10, False),
    ("Лимон с содой излечивает рак. Онкологи изучили этот рецепт. Это не фейк.", 9, False),
])
def test_break18_guards(m18, text, claim_id, flagged):
    hit = _hit(m18, text, claim_id)
    assert (_flagged(hit) if flagged else _plain_match(hit)), hit


# Fixed (were REGRESSIONS of the merge f6a15fc: related C [roles]; plain matches on main before it): a
# Russian passive whose one name is oblique by a preposition — the other name is its doer, though
# indeclinable («США») or of several words («Соединёнными Штатами»); a doer in the instrumental with
# the roles swapped stays flagged.
@pytest.mark.parametrize("text", [
    "Санкции против Венесуэлы введены США",                        # CLI: was related 90.8 C [roles]
    "Санкции против Венесуэлы были введены США ещё в 2019 году",  # CLI: was related 94.8 C [roles]
    "Санкции против Венесуэлы были введены Соединёнными Штатами",  # was related 88.6 C [roles]
])
def test_break18_a_passive_beside_an_oblique_name_repeats_the_claim(m18, text):
    assert _plain_match(_hit(m18, text, 3)), _hit(m18, text, 3)


@pytest.mark.parametrize("text", [
    "Санкции против США введены Венесуэлой",
    "Санкции против США были введены Венесуэлой ещё в 2019 году",
    "Венесуэла ввела санкции против США",
])
def test_break18_a_passive_with_the_roles_swapped_stays_flagged(m18, text):
    assert _flagged(_hit(m18, text, 3)), _hit(m18, text, 3)


# Fixed (OLD: plain matches 97.3–99.4 on the merge and before it): an English irregular verb negated
# in another form than the claim's ("did not sell" against "sold": claims/match/data/en_irregular.tsv).
@pytest.mark.parametrize("text", [
    "Iran did not sell drones to Venezuela",
    "Iran didn't sell drones to Venezuela",
    "Iran does not sell drones to Venezuela",
    "Iran did not sell drones to Venezuela, and Venezuela did not buy them either",  # CLI: was match 99.3
])
def test_break18_an_irregular_verb_negated_in_another_form_is_flagged(m18, text):
    assert _flagged(_hit(m18, text, 7)), _hit(m18, text, 7)


@pytest.mark.parametrize("text, claim_id", [
    ("Iran has sold drones to Venezuela", 7),
    ("Iran sells drones to Venezuela, officials say", 7),
    ("Iran, which did not pay its debts, sold drones to Venezuela", 7),
])
def test_break18_an_irregular_verb_in_another_form_still_states_the_claim(m18, text, claim_id):
    assert _plain_match(_hit(m18, text, claim_id)), _hit(m18, text, claim_id)


# Fixed (OLD, roles19): swapped roles in other grammar.
@pytest.mark.parametrize("text, claim_id", [
    # The gerund of the claim's own verb «проиграв»: Krasnodar lost to Dinamo (claim: the reverse);
    # «Обыграв …» was handled, «Проиграв …» was not.
    ("Проиграв Динамо 1:2, Краснодар опустился на пятое место", 2),  # CLI: was match 95.8 / main match 95.8
    # The verbal noun «поражение X от Y» (claims/match/data/verbal_nouns.tsv), like «победа X над Y».
    ("Поражение Краснодара от Динамо 1:2", 2),                       # was match 93.2 / main match 93.2
    # Ukrainian passive with the doer in the instrumental, roles swapped («передані», a participle the
    # Russian dictionary does not read, is the claim's «передати»; «Україною» read in Russian letters
    # is the instrumental).
    ("Генератори були передані Японії Україною", 11),                # CLI: was match 99.8 / main match 99.8
    # The verbal noun «продажа X-ом Y-у» with the roles swapped (the instrumental after it does it).
    ("Продажа Азербайджаном беспилотников Bayraktar Турции", 1),    # was match 94.2 / main match 94.2
])
def test_break18_fixed_swapped_roles_are_flagged(m18, text, claim_id):
    assert _flagged(_hit(m18, text, claim_id)), _hit(m18, text, claim_id)


# Fixed (OLD, roles19): the claim's roles in other grammar.
@pytest.mark.parametrize("text, claim_id", [
    # Passives of «продать» with a Latin product name among the nouns: the active-voice reading
    # (`_roles_swapped`) took «Bayraktar» before the participle for the doer; a passive is read by
    # its cases (`_voice_swapped`).
    ("Беспилотники Bayraktar проданы Азербайджану Турцией", 1),       # was related 90.0 C [roles] / same
    ("Беспилотники Bayraktar были проданы Азербайджану Турцией", 1),  # was related 90.4 C [roles] / same
    ("Беспилотники Bayraktar, проданные Турцией Азербайджану, сбили самолёт", 1),  # was related 94.9 C [roles]
    # English reduced relative "drones sold by Iran to Venezuela" (no "were"): the name after "by" does it.
    ("Drones sold by Iran to Venezuela were spotted in Caracas", 7),  # was related 98.6 C [roles] / same
    ("Drones sold to Venezuela by Iran were spotted in Caracas", 7),  # was related 98.8 C [roles] / same
    # Ukrainian OVS, the same event: «Японія» can only be a nominative, so it does it.
    ("Генератори Україні передала Японія", 11),                       # CLI: was related 99.9 C [roles] / same
    # A corrected reversal asserts the claim: «Это не Y проиграл X, а X проиграл Y» (a «не» on a name
    # denies the swapped roles).
    ("Это не Краснодар проиграл Динамо, а Динамо проиграло Краснодару со счётом 1:2", 2),
    #                                                   was related 98.0 C [negation, roles] / main 97.1 same
])
def test_break18_fixed_a_repeat_is_a_plain_match(m18, text, claim_id):
    assert _plain_match(_hit(m18, text, claim_id)), _hit(m18, text, claim_id)
