"""break18: DEFECTS FOUND BY A TESTER (2026-12-02) on the trial merge f6a15fc (branches "verdict" — whose
verdict a post states — and "roles" — who did what to whom), each first kept here as a strict xfail. All
are fixed now (branches verdict19 and roles19, 2026-12-02): the cases stand as tests, with the figures
they had, and with new cases of the same kinds that were not tuned on.

"REGRESSION" = the merge had broken it; "OLD" = wrong before the merge too. Comments give relation /
score / contradicts [reasons] on the merge, then on main before it. Several were confirmed through
`claims import` + `claims db embed` + `claims match --stdin --json` on a fresh SQLite store of the claims
below (marked CLI).
"""

from __future__ import annotations

import pytest

from claims.match import Matcher
from test_break12_repros import _flagged, _hit, _matcher, _plain_match

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
    15: ("Израиль нанёс удар по Ирану", "ru"),
    16: ("Tesla bought Twitter", "en"),
}


@pytest.fixture(scope="module")
def m18(encoder) -> Matcher:
    return _matcher(encoder, CLAIMS)


# 1. A DENIAL or NEGATION shown as a PLAIN match (the failure a desk cares about most).
# Fixed (all OLD; figures on the merge / on main): the post's own verdict after a conjunction, after what
# is "really" so, after others' outcry, after a checking sentence in other words, after «Правда? Нет», and
# one verdict over two joined statements or two «что» of one denial (claims/match/segmentation.py:
# `_VERDICT_CONJ`, `_IN_REALITY`, `_ALL_OF_THEM`, `_CHECKED_RE`, `_DENIED_IT_RE`, `_TRUE_ASKED_RE`, `_AND_THAT_RE`).
@pytest.mark.parametrize("text, claim_id", [
    # Belarusian «, ды гэта няпраўда/фэйк» (the merge's «ды» splits, but the verdict after it was
    # not read; «, і гэта няпраўда» and «. Гэта фэйк.» were flagged) — cross-language hit.
    ("Швецыя ўступіла ў НАТА, ды гэта няпраўда", 13),              # CLI: was match 97.6 / main match 97.6
    ("Швеция вступила в НАТО, ды гэта фэйк", 13),                  # was match 89.1 / main match 89.1
    # English verdict after ", and" / "while in reality" (ru «, и это полная ложь» was flagged).
    ("Iran sold drones to Venezuela, and that's a lie.", 7),        # was match 99.5 / main match 99.4
    ("They claim Iran sold drones to Venezuela, while in reality it is a hoax", 7),  # was match 99.4 / main 95.8
    # Reported claim + the post's own verdict after «, но» / «, а на самом деле» (the uk «Кажуть, що X,
    # але це фейк» was flagged only by the cross-language negation check: no verdict read after «, но/але»).
    ("Говорят, что хлорка в бассейнах вызывает астму у детей, но это фейк", 5),   # was match 84.9 / main 84.9
    ("Пишут, что налоговая заблокирует счета всех самозанятых, а на самом деле это очередной фейк", 8),
    #                                                                  was match 88.3 / main match 78.3
    # The post's own verdict after others' outcry («. Но это фейк.»: a conjunction before «это»).
    ("Хлорка в бассейнах вызывает астму у детей — кричат мамочки в чатах. Но это фейк.", 5),  # was match 85.5
    # A checking sentence in other words (a verb of asking someone), then a verdict.
    ("Налоговая заблокирует счета всех самозанятых. Мы позвонили в налоговую. Это не так.", 8),  # was match 91.2
    ("Налоговая заблокирует счета всех самозанятых. Мы позвонили в налоговую. Там это опровергли.", 8),  # was 91.0
    ("Microwave ovens destroy nutrients in food. We checked with nutritionists. Not true.", 10),  # was match 99.5
    # «Правда? Нет, фейк.» after the statement (the mirror of «Фейк? Нет! X»).
    ("Газпром прекратил поставки газа в Молдову. Правда? Нет, фейк.", 14),  # was match 89.5 / main 89.5
    # One verdict on two joined statements: the first was shown plain (the merge's split raised
    # its score: 95.4 against 78.3 on main).
    ("Хлорка в бассейнах вызывает астму у детей, а лимон с содой излечивает рак — всё это фейки", 5),
    ("Минздрав запретил продажу энергетиков подросткам, и налоговая заблокирует счета всех самозанятых"
     " — обе новости фейк", 8),                                      # was match 77.3 / main match 55.5
    # «Неверно, что X, и что Y»: the second «что» clause is under the same denial.
    ("Неверно, что Турция продала Азербайджану беспилотники Bayraktar, и что Динамо проиграло Краснодару"
     " со счётом 1:2", 2),                                           # was match 96.5 / main match 88.3
])
def test_break18_a_denial_is_not_a_plain_match(m18, text, claim_id):
    assert _flagged(_hit(m18, text, claim_id)), _hit(m18, text, claim_id)


# New cases of the same kinds (not tuned on), in the other languages the rules cover.
@pytest.mark.parametrize("text, claim_id", [
    ("Arsenal beat Tottenham 3-1, but that is a lie", 6),
    ("Японія передала Україні генератори, і це повна брехня", 11),
    ("Пишуть, що Японія передала Україні генератори, а насправді це фейк", 11),
    ("Говорят, будто Швеция вступила в НАТО, однако это неправда", 13),
    ("Iran sold drones to Venezuela — officials cry in the chats. But that's a lie.", 7),
    ("Газпром прекратил поставки газа в Молдову. Мы связались с пресс-службой. Это фейк.", 14),
    ("В Беларуси отменят пенсии для работающих пенсионеров. Мы спросили в Минтруда. Там это опровергли.", 12),
    ("Arsenal beat Tottenham 3-1. Is it true? No, it's fake.", 6),
    ("Iran sold drones to Venezuela. Really? No, it is a myth.", 7),
    ("Японія передала Україні генератори. Ми зателефонували до посольства. Це фейк.", 11),
    ("США ввели санкции против Венесуэлы, а Швеция вступила в НАТО — обе новости фейк", 3),
    ("Microwave ovens destroy nutrients in food, and Iran sold drones to Venezuela. Both are fake.", 10),
    ("It is not true that Arsenal beat Tottenham 3-1 and that Iran sold drones to Venezuela", 7),
    ("Неправда, що Газпром припинив постачання газу до Молдови, і що Швеція вступила в НАТО", 13),
    ("Хлорка в бассейнах вызывает астму у детей — это правда, а лимон с содой излечивает рак — всё это фейки", 9),
    # guards of break19's fixes: a debunk attributed, not contradicted, stays a verdict; so does one with a «что»
    # clause of the statement itself, and «всё это» over a clause with nothing of its own
    ("Газпром прекратил поставки газа в Молдову — это фейк, сообщает Минэнерго.", 14),
    ("Налоговая заблокирует счета всех самозанятых. Это фейк, сообщает Минфин, но блогеры не верят.", 8),
    ("Это фейк, что Швеция вступила в НАТО", 13),
    ("Хлорка в бассейнах вызывает астму у детей, а вот лимон с содой излечивает рак — всё это фейки", 5),
])
def test_break18_a_verdict_of_the_same_kinds_is_flagged(m18, text, claim_id):
    assert _flagged(_hit(m18, text, claim_id)), _hit(m18, text, claim_id)


# 2. SWAPPED ROLES shown as a PLAIN match: all fixed (roles19), see test_break18_fixed_swapped_roles_are_flagged.


# 3. A post that REPEATS the claim, flagged as contradicting it: all fixed — the passives, reduced relatives,
# Ukrainian object-first order and corrected reversal (roles19, test_break18_fixed_*), the warnings not to
# believe the deniers (verdict19, below).


# Fixed (OLD: related C [negation] on the merge and on main): a warning not to believe THOSE WHO DENY it,
# before a colon, asserts what follows (test_verdict's «Не слушайте тех, кто говорит, что это фейк: X»
# passed; «Не ведитесь на отговорки чиновников: X» too): «называет это фейком» / "call it fake" is a verdict
# reported as others' (`_SAID_VERDICT`), "trust" a verb of the warning, and «сказки» no verb of saying.
@pytest.mark.parametrize("text, claim_id", [
    ("Не верьте тем, кто называет это фейком: лимон с содой излечивает рак", 9),  # was related 92.2 C [negation]
    ("Don't trust those who call it fake: microwave ovens destroy nutrients in food", 10),  # was related 99.6 C
    ("Не ведитесь на сказки чиновников: хлорка в бассейнах вызывает астму у детей", 5),  # was related 91.7 C
    # new, not tuned on
    ("Не вірте тим, хто називає це фейком: Японія передала Україні генератори", 11),
    ("Don't listen to those who dismiss it as a hoax: Iran sold drones to Venezuela", 7),
    ("Не доверяйте тем, кто называет это выдумкой: Газпром прекратил поставки газа в Молдову", 14),
])
def test_break18_a_warning_against_the_deniers_asserts_what_follows(m18, text, claim_id):
    assert _plain_match(_hit(m18, text, claim_id)), _hit(m18, text, claim_id)


# ... while a warning against fairy tales themselves denies what follows
@pytest.mark.parametrize("text, claim_id", [
    ("Не ведитесь на сказки: хлорка в бассейнах вызывает астму у детей", 5),
    ("Не верьте байкам: лимон с содой излечивает рак", 9),
])
def test_break18_a_warning_against_tales_denies_what_follows(m18, text, claim_id):
    assert _flagged(_hit(m18, text, claim_id)), _hit(m18, text, claim_id)


# Guards of the fixes above: no verdict, or one that affirms, stays a plain match.
@pytest.mark.parametrize("text, claim_id", [
    ("Iran sold drones to Venezuela, and that's a fact.", 7),
    ("Говорят, что хлорка в бассейнах вызывает астму у детей, и это правда", 5),
    ("Налоговая заблокирует счета всех самозанятых. Мы позвонили в налоговую. Там это подтвердили.", 8),
    ("Газпром прекратил поставки газа в Молдову. Правда? Да, правда.", 14),
    ("Хлорка в бассейнах вызывает астму у детей, а лимон с содой излечивает рак — всё это правда", 5),
    ("Microwave ovens destroy nutrients in food. We checked with nutritionists. It is not a myth.", 10),
    ("Говорят, что это фейк, но хлорка в бассейнах вызывает астму у детей", 5),
    ("Налоговая заблокирует счета всех самозанятых. Мы позвонили в налоговую. Там это не опровергли.", 8),
    ("Iran sold drones to Venezuela. The ministry has not denied it.", 7),
    ("Arsenal beat Tottenham 3-1, but that's not a lie.", 6),
    ("Газпром прекратил поставки газа в Молдову. Правда? Да.", 14),
    # «всё это фейки» goes back over the clauses without a verdict of their own, not over «— это правда»
    ("Хлорка в бассейнах вызывает астму у детей — это правда, а лимон с содой излечивает рак — всё это фейки", 5),
])
def test_break18_no_verdict_or_an_affirming_one_stays_a_plain_match(m18, text, claim_id):
    assert _plain_match(_hit(m18, text, claim_id)), _hit(m18, text, claim_id)


# break19 (tester's report /work/notes/BREAK19_A.md on main 4b7f2f4, A2–A5; were REGRESSIONS of the verdict19
# merge, plain matches before it). Fixed (verdict20, claims/match/segmentation.py `_verdicts`): a verdict with
# its own «что» / "that" clause is a verdict of that clause (`_COMPLEMENT_RE`); a verdict attributed to others
# after it is not the post's own after a conjunction, after what is really so, over several statements or
# after a checking sentence (`_ATTRIBUTED_RE`); «всё это фейки» goes back neither over a clause affirmed by a
# word of proof (`_PROVEN_RE`) nor over the clause before «а вот что Y» (`_FOCUS_RE`). Comments: main's figures.
@pytest.mark.parametrize("text, claim_id", [
    # A2: «, но/але/ды это фейк, что Z» is about Z
    ("Швеция вступила в НАТО, но это фейк, что она отправит войска.", 13),          # was related 93.3 C [negation]
    ("Швеция вступила в НАТО, но это неправда, что её заставили.", 13),            # was flagged
    ("Швеция вступила в НАТО, но это фейк, что Финляндия вышла.", 13),             # was flagged
    ("Швеція вступила до НАТО, але це фейк, що вона відправить війська.", 13),     # was flagged 99.8
    ("Швецыя ўступіла ў НАТА, ды гэта няпраўда, што яе прымусілі.", 13),           # was flagged
    ("Иран продал беспилотники Венесуэле, а на самом деле это фейк, что их оплатили золотом.", 7),  # was flagged
    ("Iran sold drones to Venezuela, and it's fake news that they were paid in gold", 7),  # right already
    # A3: «Это не так, что Z» after a checking sentence
    ("Швеция вступила в НАТО. Мы позвонили в МИД Швеции. Это не так, что страна отправит войска.", 13),  # was flagged
    # A4: a verdict attributed to others, then rejected
    pytest.param("Microwave ovens destroy nutrients in food, and that's a lie, according to the manufacturers."
                 " The study says otherwise.", 10, marks=pytest.mark.xfail(strict=True, reason="'says otherwise' after others' verdict, with no contrast word, may be others again ('Critics say otherwise'): flagged, the safe side")),
    pytest.param("Sweden joined NATO, and that's a lie, say Kremlin bloggers; NATO confirmed it.", 13, marks=pytest.mark.xfail(strict=True, reason="a word of proof after others' verdict, with no contrast word, does not say whose verdict it proves: flagged, the safe side")),
    ("Microwave ovens destroy nutrients in food, and that's a lie, some say; but the study holds.", 10),  # was flagged
    ("Налоговая заблокирует счета всех самозанятых, но это фейк, уверяют в ФНС. Однако документ у нас есть.", 8),
    #                                                                              was flagged (main before: match 77.6)
    pytest.param("Налоговая заблокирует счета всех самозанятых, а на самом деле это фейк — так считали до вчерашнего"
                 " дня.", 8, marks=pytest.mark.xfail(strict=True, reason="a past belief taken back without a contrast "
                                                    "or a word of proof is still read as the post's verdict (flagged)")),
    ("Налоговая заблокирует счета всех самозанятых. Мы позвонили в налоговую. Это не так, сказали нам сначала,"
     " но потом подтвердили.", 8),                                                 # was flagged
    ("Хлорка в бассейнах вызывает астму у детей, а лимон с содой излечивает рак — всё это фейки, говорят"
     " скептики. Но исследования подтверждают.", 5),                               # was flagged
    # A5: «всё это фейки» not over «— это доказано» nor over the clause before «а вот что …»
    ("Хлорка в бассейнах вызывает астму у детей — это доказано, а лимон с содой излечивает рак — всё это фейки", 5),
    ("Хлорка в бассейнах вызывает астму у детей, а вот что лимон с содой излечивает рак — всё это фейки", 5),
    # new, not tuned on
    ("Японія передала Україні генератори, але це брехня, що вони безкоштовні.", 11),
    ("Arsenal beat Tottenham 3-1, but it's a myth that the referee helped them.", 6),
    ("Газпром прекратил поставки газа в Молдову, и это фейк, утверждают в Кишинёве. Но документы есть.", 14),
    # (break22: a word of showing and one of the opposite in the next sentence contradict others' verdict)
    ("Iran sold drones to Venezuela, and that's fake news, officials claim. Satellite images show otherwise.", 7),
    ("Лимон с содой излечивает рак — это подтверждено, а хлорка в бассейнах вызывает астму у детей — всё это фейки", 9),
    # A4 of the same kind in the tester's lists (OLD: flagged on main and before the merge): others' verdict in
    # the next sentence, contradicted right after it (`_contradicted`)
    ("США ввели санкции против Венесуэлы. Это не так, пишут в соцсетях сторонники Мадуро, но Госдеп опубликовал"
     " указ.", 3),                                                                 # was related 93.5 C [negation]
    ("Налоговая заблокирует счета всех самозанятых. Это фейк, пишут в соцсетях, но ФНС подтвердила.", 8),  # was 92.4 C
    ("Microwave ovens destroy nutrients in food. Not true, say manufacturers. But the lab results are clear.", 10),
    #                                                                              was related 99.4 C [negation]
    # new, not tuned on
    ("Японія передала Україні генератори. Це фейк, пишуть у соцмережах, але посольство підтвердило.", 11),
    ("Iran sold drones to Venezuela. That's a lie, Tehran says, but satellite images show the deliveries.", 7),
])
def test_break19_a_verdict_of_another_clause_or_of_others_leaves_a_plain_match(m18, text, claim_id):
    assert _plain_match(_hit(m18, text, claim_id)), _hit(m18, text, claim_id)


# break20 (a tester on 066cf2e): what the break19 fixes had turned into PLAIN matches — a denial relayed from
# a named source with nothing contradicting it (N1), a «что» that opens no clause of its own (N2: «что бы ни»,
# «что и подтвердили»), and a «Нет,» / "No," before a telling with the roles swapped (N3; were plain
# matches 92.2–99.9, flagged before the verdict19/roles19 merges).
@pytest.mark.parametrize("text, claim_id", [
    ("Налоговая заблокирует счета всех самозанятых, но это фейк, уверяют в ФНС.", 8),     # was match 75.4
    ("Налоговая заблокирует счета всех самозанятых, но это фейк, заявили в ФНС.", 8),     # was match 74.8
    ("Налоговая заблокирует счета всех самозанятых, но это фейк, как сообщили в ФНС.", 8),
    ("Microwave ovens destroy nutrients in food, and that's a lie, according to the WHO.", 10),  # was match 99.6
    ("Microwave ovens destroy nutrients in food, and that's a lie, say scientists.", 10),  # was match 99.6
    ("Хлорка в бассейнах вызывает астму у детей, а лимон с содой излечивает рак — всё это фейки, говорят врачи.", 5),
    ("США ввели санкции против Венесуэлы. Мы позвонили в Госдеп. Это не так, сказали нам.", 3),  # was match 92.2
    ("Швеция вступила в НАТО, но это фейк, что бы там ни писали.", 13),                  # was match 76.9
    ("Швеция вступила в НАТО. Это фейк, что бы там ни писали.", 13),                     # was match 90.7
    ("Налоговая заблокирует счета всех самозанятых, но это фейк, что и подтвердили в ФНС.", 8),  # was match 70.3
    ("Израиль нанёс удар по Ирану? Нет, это Иран нанёс удар по Израилю.", 15),           # was match 93.8
    ("Нет, Иран нанёс удар по Израилю.", 15),                                             # was match 92.2
    ("No, Tottenham beat Arsenal 3-1.", 6),                                               # was match 99.9
    ("Tesla bought Twitter? No, Twitter bought Tesla.", 16),                              # was match 99.4
    # new, not tuned on
    ("Газпром прекратил поставки газа в Молдову, и это неправда, заявили в Кишинёве.", 14),
    ("Iran sold drones to Venezuela, but that's fake, the Pentagon says.", 7),
    ("Нет, Краснодар обыграл Динамо со счётом 2:1.", 2),
    ("Налоговая заблокирует счета всех самозанятых, но это фейк, уверяют в ФНС, и мы это подтверждаем.", 8),
    ("Microwave ovens destroy nutrients in food, and that's a lie, the WHO says, and we confirmed it.", 10),
    ("Налоговая заблокирует счета всех самозанятых — это фейк, уверяют в ФНС; мы это подтверждаем.", 8),
    ("Microwave ovens destroy nutrients in food, and that's a lie, the WHO says; independent labs confirmed this.", 10),
    # a contrast that agrees with others' verdict does not take it back (break21: were plain matches 87.8–99.4)
    ("Хлорка в бассейнах вызывает астму у детей. Это миф, говорят врачи, но родители в это верят.", 5),
    ("Iran sold drones to Venezuela. That's false, the Pentagon says. However, the rumor keeps spreading.", 7),
    ("Швеция вступила в НАТО? Это фейк, говорят в Стокгольме, однако слухи продолжают распространяться.", 13),
    ("Минздрав запретил продажу энергетиков подросткам. Это фейк, сообщили в Минздраве. Однако закон о запрете"
     " ещё обсуждается в Госдуме.", 4),
])
def test_break20_a_relayed_denial_or_a_swap_after_no_is_flagged(m18, text, claim_id):
    assert _flagged(_hit(m18, text, claim_id)), _hit(m18, text, claim_id)


# Guards: found right on the merge (several fixed by it); they must keep holding.
@pytest.mark.parametrize("text, claim_id, flagged", [
    ("Санкции против США ввела Венесуэла", 3, True),                 # main: plain match (fixed)
    ("Arsenal lost 3-1 to Tottenham", 6, True),                      # main: plain match (fixed)
    ("Arsenal beaten 3-1 by Tottenham in north London derby", 6, True),
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


# Fixed: a passive with the score between the participle and "by" is read by its "by" ("Tottenham beaten
# 3-1 by Arsenal" is the claim's event; this file's guards had it labelled a swap, and it was flagged; its
# swap "Arsenal beaten 3-1 by Tottenham" was a plain match).
@pytest.mark.parametrize("text, flagged", [
    ("Tottenham beaten 3-1 by Arsenal in north London derby", False),
    ("Tottenham, beaten 3-1 by Arsenal, dropped to fifth", False),
    ("Arsenal beaten 3-1 by Tottenham in north London derby", True),
    ("Arsenal were beaten 3-1 by Tottenham", True),
])
def test_break18_a_passive_with_a_score_before_by(m18, text, flagged):
    hit = _hit(m18, text, 6)
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


# Fixed (verdict20; OLD: 395 s CPU on main): a verdict word and a long run of blanks — `_VERDICT_AFTER_RE` was
# tried from each blank of the run and read the run to its end each time (quadratic); now about 0.3 s.
def test_break19_a_verdict_before_100_kb_of_blanks_is_read_in_linear_time():
    import time

    from claims.match.segmentation import split_parts
    t0 = time.process_time()
    split_parts("Это фейк" + " " * 100_000 + ", говорят скептики")
    assert time.process_time() - t0 < 5


# break22 (testers' defects in whose verdict a post states; all were plain matches but 7's en/uk, 8's first
# telling and 12's, which were flagged only by chance: the cross-language negation check, a joined sentence).
# Fixed (verdict22, claims/match/segmentation.py): a bare «Нет.» answering a question (`_NO_ANSWER_RE`), a bare
# checking sentence («Мы проверили.», `_CHECKED_RE`), a sentence relaying others' verdict (`_RELAYED_RE`),
# «, только это …» (`_VERDICT_CONJ`), a warning not to believe those who say X (`_WARN_SAYERS_RE`), a uk/be
# denied X read by its gloss (claims/match/matcher.py `_denied`), an English verdict noun set beside X with a
# relative clause (`_APPOSED_RE`), the contrast words uk «проте», «втім», «однак», be «аднак» (`_BUT`).
@pytest.mark.parametrize("text, claim_id", [
    # 1. «X? Правда? Нет.»: an answer without a verdict word
    ("Швеция вступила в НАТО? Правда? Нет.", 13),                        # was match 86.3
    ("США ввели санкции против Венесуэлы. Это правда? Нет.", 3),
    ("Arsenal beat Tottenham 3-1? Really? No.", 6),
    ("Microwave ovens destroy nutrients in food. Is that so? Nope.", 10),
    # 2. a checking sentence with nothing after its verb
    ("Швеция вступила в НАТО. Мы проверили. Это ложь.", 13),              # was match 80.9
    ("Лимон с содой излечивает рак. Мы всё проверили. Это миф.", 9),
    ("Iran sold drones to Venezuela. We checked. Fake.", 7),
    ("Минздрав запретил продажу энергетиков подросткам. Редакция проверила. Это фейк.", 4),
    # 3. others' verdict relayed in a «что» clause
    ("Швеция вступила в НАТО. Там сказали, что это фейк", 13),           # was match 89.8
    ("Турция продала Азербайджану беспилотники Bayraktar. В Анкаре ответили, что это неправда.", 1),
    ("Microwave ovens destroy nutrients in food. The manufacturers said it was a myth.", 10),
    ("Японія передала Україні генератори. У посольстві відповіли, що це неправда.", 11),
    # 4. ... or after a colon
    ("Швеция вступила в НАТО. Нам сказали: это не так", 13),              # was match 90.4
    ("В Беларуси отменят пенсии для работающих пенсионеров. В Минтруда нам ответили: это фейк.", 12),
    ("Arsenal beat Tottenham 3-1. We were told: that's not true.", 6),
    ("Японія передала Україні генератори. Нам пояснили: це брехня.", 11),
    # 5. «, только это …»
    ("Швеция вступила в НАТО, только это брехня", 13),                   # was match 88.8
    ("Динамо проиграло Краснодару со счётом 1:2, только это фейк", 2),
    ("Израиль нанёс удар по Ирану, только это неправда", 15),
    ("Японія передала Україні генератори, тільки це вигадка", 11),
    # 7. a warning not to believe those who say X
    ("Не верьте тем, кто говорит, что Швеция вступила в НАТО", 13),      # was match 85.3
    ("Не слушайте тех, кто пишет, будто лимон с содой излечивает рак", 9),
    ("Don't trust people who claim that microwave ovens destroy nutrients in food", 10),
    ("Не довіряйте тим, хто пише, що Японія передала Україні генератори", 11),
    # 8. Belarusian «, ды гэта …, кажуць у …» (and its kin)
    ("Швецыя ўступіла ў НАТА, ды гэта няпраўда, кажуць у Кішынёве", 13),
    ("Газпром спыніў пастаўкі газу ў Малдову, ды гэта фэйк, кажуць у Кішынёве", 14),  # was match 96.6
    ("Ізраіль нанёс удар па Іране, ды гэта хлусня, сцвярджаюць у Тэгеране", 15),
    ("Японія передала Україні генератори, та це неправда, кажуть у Києві", 11),
    # 9. an English verdict noun beside X, with a relative clause
    ("Tesla bought Twitter, a lie that keeps spreading", 16),           # was match 95.1
    ("Iran sold drones to Venezuela, a myth that Tehran keeps repeating", 7),
    ("Arsenal beat Tottenham 3-1 — a hoax which spread on Facebook", 6),
    # 10/11: others' verdict stands when the next sentence says nothing of the opposite, or only others do
    ("Газпром прекратил поставки газа в Молдову — это неправда, уверяют в Москве. Блогеры утверждают обратное.", 14),
    ("Tesla bought Twitter. Fake news, says Musk. The SEC filing proves it.", 16),
    ("Швеция вступила в НАТО, но это фейк, говорят в Кремле. Документы не доказывают обратное.", 13),
    # 12. uk «проте», «втім», «однак», be «аднак»
    ("Японія передала Україні генератори, проте це фейк", 11),
    ("Японія передала Україні генератори, втім це неправда", 11),
    ("Японія передала Україні генератори, однак це брехня", 11),
    ("Швецыя ўступіла ў НАТА, аднак гэта няпраўда", 13),
])
def test_break22_a_verdict_the_post_states_or_relays_is_flagged(m18, text, claim_id):
    assert _flagged(_hit(m18, text, claim_id)), _hit(m18, text, claim_id)


# near misses: the claim repeated as true, a verdict negated or taken back, the deniers' verdict rejected
@pytest.mark.parametrize("text, claim_id", [
    ("США ввели санкции против Венесуэлы. Это правда? Да.", 3),
    ("Arsenal beat Tottenham 3-1. Really? Yes.", 6),
    ("Швеция вступила в НАТО? Правда? Нет, правда.", 13),
    ("Лимон с содой излечивает рак. Мы проверили. Это не миф.", 9),
    ("Швеция вступила в НАТО. Мы проверили. Это правда.", 13),
    ("Турция продала Азербайджану беспилотники Bayraktar. В Анкаре ответили, что это правда.", 1),
    ("Турция продала Азербайджану беспилотники Bayraktar. В Анкаре не сказали, что это неправда.", 1),
    ("В Беларуси отменят пенсии для работающих пенсионеров. В Минтруда нам ответили: это правда.", 12),
    ("Динамо проиграло Краснодару со счётом 1:2, только это не фейк", 2),
    ("Израиль нанёс удар по Ирану, только это было давно", 15),
    ("Не верьте тем, кто отрицает, что Швеция вступила в НАТО", 13),
    ("Не верьте тем, кто говорит, что это фейк: лимон с содой излечивает рак", 9),
    ("Швецыя ўступіла ў НАТА, і гэта праўда, кажуць у Стакгольме", 13),
    ("Iran sold drones to Venezuela, and it's fake news that they were paid in gold", 7),
    ("Arsenal beat Tottenham 3-1, a fact that stunned the fans", 6),
    ("Японія передала Україні генератори. Це фейк, пишуть у соцмережах, проте посольство підтвердило.", 11),
    ("Кажуть, що це фейк, проте Японія передала Україні генератори", 11),
    ("Японія передала Україні генератори. Це фейк, кажуть у соцмережах, однак посольство це підтвердило.", 11),
    # 10/11. others' verdict, then a word of proof or showing and one of the opposite in the next sentence: the
    # post affirms X (were flagged; claims/match/segmentation.py `_proves_opposite`, matcher `_with_next`)
    ("Швеция вступила в НАТО, но это фейк, говорят в Кремле. Документы доказывают обратное.", 13),  # was 93.6 C
    ("Tesla bought Twitter. Fake news, says Musk. The SEC filing proves otherwise.", 16),          # was 99.2 C
    ("Газпром прекратил поставки газа в Молдову — это неправда, уверяют в Москве. Факты свидетельствуют об обратном.", 14),
    ("Iran sold drones to Venezuela. That's a lie, Tehran says. Satellite photos show the opposite.", 7),
])
def test_break22_a_claim_repeated_as_true_stays_a_plain_match(m18, text, claim_id):
    assert _plain_match(_hit(m18, text, claim_id)), _hit(m18, text, claim_id)


# 6. «X1 и X2: первое правда, второе фейк»: ordinals that hand out verdicts over two statements joined by «и»
# without a comma are not read (the sentence is one part: X2 a plain match, X1 not matched at all)
@pytest.mark.parametrize("text, claim_id, flagged", [
    pytest.param("Швеция вступила в НАТО и Газпром прекратил поставки газа в Молдову: первое правда, второе фейк", 14,
                 True, marks=pytest.mark.xfail(strict=True, reason="«первое … второе …» verdicts are not read")),
    pytest.param("Швеция вступила в НАТО и Газпром прекратил поставки газа в Молдову: первое правда, второе фейк", 13,
                 False, marks=pytest.mark.xfail(strict=True, reason="«X1 и X2» without a comma is not split")),
    pytest.param("Tesla bought Twitter and Iran sold drones to Venezuela: the first is true, the second is fake", 7,
                 True, marks=pytest.mark.xfail(strict=True, reason="'the first … the second …' verdicts are not read")),
])
def test_break22_ordinal_verdicts_over_two_statements(m18, text, claim_id, flagged):
    hit = _hit(m18, text, claim_id)
    assert (_flagged(hit) if flagged else _plain_match(hit)), hit


# break22 tester (dcba721): «X? Правда? Нет, <affirming word>.» was read as a question corrected by its
# answer (flagged [negation] 89.9–91.6; plain before roles22); the verdict reading judges it again.
@pytest.mark.parametrize("text, claim_id, flagged", [
    ("Швеция вступила в НАТО? Правда? Нет, серьёзно.", 13, False),
    ("Швеция вступила в НАТО? Правда? Нет, всё так.", 13, False),
    ("Швеция вступила в НАТО? Правда? Нет, не шутка.", 13, False),
    ("Швеция вступила в НАТО? Это правда? Нет, серьёзно, это подтвердили в альянсе.", 13, False),  # not tuned
    ("Швеция вступила в НАТО? Правда? Нет.", 13, True),      # guard: a bare «Нет.» denies
    ("Швеция вступила в НАТО? Правда? Нет, фейк.", 13, True),  # guard
    # round 2 (a tester on 2834db0): a verdict word later in the post still denies (were plain 87.7–88.1)
    ("Швеция вступила в НАТО? Правда? Нет, честно, это фейк.", 13, True),
    ("Швеция вступила в НАТО? Правда? Нет, реально фейк.", 13, True),
    ("Швеция вступила в НАТО? Правда? Нет, честно. Это фейк.", 13, True),
    ("Швеция вступила в НАТО? Правда? Нет, серьёзно. Хотя нет, это фейк.", 13, True),
])
def test_break22_a_truth_question_answered_no_with_an_affirming_word(m18, text, claim_id, flagged):
    hit = _hit(m18, text, claim_id)
    assert (_flagged(hit) if flagged else _plain_match(hit)), hit


# break23 (a tester on c531918): posts that deny a stored claim in words the verdict reading did not know were
# plain matches (score 81–99). Each case of the brief, at least two of the same kind not tuned on, and a
# near-miss that stays a plain match. claims/match/segmentation.py: `_FALSE_SAID` (a planted falsehood «вброс»
# / «вкид» / «деза» / "fabrication" / "fiction"; «не соответствует действительности / правде», «ничего
# подобного», "never happened", "no such thing"), `_UNCONFIRMED` («не подтвердилось», "not confirmed"),
# `_INFO_NOUN` («информация не …»), `_VERDICT_CONJ` («вот только», «только вот»), `_WARN_VERB` /
# `_WARN_WHOM` / `_WARN_SAYERS_BARE_RE` («Не доверяйте людям, которые…», «Не ведитесь на тех, кто…», "Don't
# believe anyone who says X"), `_REFUTED_ABOUT_RE` («опровергли слухи о X»; "denied reports of <gerund>": the
# whole sentence, `_GERUND_RE`).
CLAIMS23 = {
    1: ("Финляндия закрыла границу с Россией", "ru"),
    2: ("Google bought Fitbit", "en"),
    3: ("В России объявят новую волну мобилизации", "ru"),
    4: ("Pakistan attacked India", "en"),
    5: ("Японія передала Україні генератори", "uk"),
    6: ("Швеция вступила в НАТО", "ru"),
    7: ("Tesla bought Twitter", "en"),
    8: ("Газпром прекратил поставки газа в Молдову", "ru"),
}


@pytest.fixture(scope="module")
def m23(encoder) -> Matcher:
    return _matcher(encoder, CLAIMS23)


_XF23 = pytest.mark.xfail(strict=True, reason="a verb of refuting + «слухи о» X: the nominal X scores too low "
                                               "against the stored sentence to be flagged")


@pytest.mark.parametrize("text, claim_id", [
    # 1. «вброс» and its kin (were plain 93.2 / 99.9 / 89.2)
    ("Финляндия закрыла границу с Россией. В ведомстве заявили, что это вброс.", 1),
    ("Японія передала Україні генератори. У посольстві заявили, що це вкид.", 5),             # untuned
    ("Швеция вступила в НАТО. В Стокгольме сказали, что это деза.", 6),                      # untuned
    # 2. «не соответствует действительности / правде» relayed (were plain 92.2–99.9)
    ("Финляндия закрыла границу с Россией. В Хельсинки ответили, что это не соответствует действительности.", 1),
    ("Газпром прекратил поставки газа в Молдову. В компании заявили, что это не соответствует правде.", 8),
    ("Японія передала Україні генератори. У посольстві відповіли, що це не відповідає дійсності.", 5),
    ("Швеция вступила в НАТО. Нам сообщили, что информация не соответствует действительности.", 6),
    # 3. «ничего подобного» (were plain 93.3–99.9)
    ("Финляндия закрыла границу с Россией. Нам ответили: ничего подобного.", 1),
    ("Японія передала Україні генератори. Нам відповіли: нічого подібного.", 5),              # untuned
    ("Газпром прекратил поставки газа в Молдову. В компании сказали: ничего подобного!", 8),  # untuned
    ("Google bought Fitbit. They told us: nothing of the sort.", 2),                         # untuned
    # 4. "it never happened" (were plain 99.2)
    ("Google bought Fitbit. The company told us: it never happened.", 2),
    ("Tesla bought Twitter. Musk said that never happened.", 7),                             # untuned
    ("Pakistan attacked India. Officials told us there was no such thing.", 4),              # untuned
    ("Google bought Fitbit. A spokesperson replied: this never happened.", 2),               # untuned
    # 5. «не подтвердилось» (were plain 87.0–98.8)
    ("Финляндия закрыла границу с Россией. Мы проверили. Не подтвердилось.", 1),
    ("Швеция вступила в НАТО. Мы проверили: информация не подтвердилась.", 6),               # untuned
    ("Газпром прекратил поставки газа в Молдову. Мы проверили. Эти сведения не подтвердились.", 8),  # untuned
    ("Google bought Fitbit. We checked. It was not confirmed.", 2),                          # untuned
    ("Японія передала Україні генератори. Ми перевірили. Не підтвердилося.", 5),             # (was flagged)
    # 6. «вот только» / «только вот» before a verdict (were plain 84.6–89.8)
    ("Финляндия закрыла границу с Россией, вот только это неправда", 1),
    ("Финляндия закрыла границу с Россией, только вот это фейк", 1),
    ("Швеция вступила в НАТО, вот только это ложь", 6),                                      # untuned
    ("Японія передала Україні генератори, от тільки це неправда", 5),                        # (was flagged)
    # 7. a warning against those who say X, in more words (were plain 84.2–92.0)
    ("Не доверяйте людям, которые говорят, что Финляндия закрыла границу с Россией", 1),
    ("Не ведитесь на тех, кто пишет, что Финляндия закрыла границу с Россией", 1),
    ("Don't believe anyone who says Google bought Fitbit", 2),
    ("Не верьте людям, которые утверждают, что Швеция вступила в НАТО", 6),                  # untuned
    ("Не вірте людям, які кажуть, що Японія передала Україні генератори", 5),                # (was flagged)
    # 8. a verdict noun set beside X, then "which / that" (were plain 83.8–93.4)
    ("Pakistan attacked India — a fabrication which Indian TV keeps airing", 4),
    ("Tesla bought Twitter, a fiction that Musk fans keep repeating", 7),                    # untuned
    ("Google bought Fitbit — a fabrication that spread on Reddit", 2),                       # untuned
    # 9. a verb of refuting + «слухи / информацию о» X (were plain 91.5)
    ("В Кремле опровергли информацию о новой волне мобилизации в России", 3),                # untuned
    ("В Госдуме опровергли сообщения о новой волне мобилизации в России", 3),                # untuned
    pytest.param("Минобороны опровергло слухи о новой волне мобилизации", 3, marks=_XF23),  # related 39.7
    # Belarusian and one more wording, not tuned on (checked after the fixes)
    ("Швецыя ўступіла ў НАТА. Нам адказалі: нічога падобнага.", 6),
    ("Швецыя ўступіла ў НАТА, вось толькі гэта няпраўда", 6),
    ("Не давярайце людзям, якія кажуць, што Швецыя ўступіла ў НАТА", 6),
    ("Газпром прекратил поставки газа в Молдову. В компании заявили, что это не соответствует истине.", 8),
    ("Tesla denied reports of buying Twitter", 7),                                          # was plain 96.7
    ("Google denied rumours about acquiring Fitbit.", 2),                                    # was plain 82.9
    ("Pakistan's army denied reports of attacking India", 4),                                # untuned
])
def test_break23_a_denial_in_other_words_is_flagged(m23, text, claim_id):
    assert _flagged(_hit(m23, text, claim_id)), _hit(m23, text, claim_id)


@pytest.mark.parametrize("text, claim_id", [
    ("Финляндия закрыла границу с Россией. В ведомстве подтвердили, что это так.", 1),
    ("Финляндия закрыла границу с Россией. В ведомстве заявили, что это не вброс.", 1),
    ("Финляндия закрыла границу с Россией. В Хельсинки ответили, что это соответствует действительности.", 1),
    ("Финляндия закрыла границу с Россией. Нам ответили: всё так.", 1),
    ("Google bought Fitbit. The company told us: it happened.", 2),
    ("Google bought Fitbit. The company told us: it happened last year.", 2),
    ("Финляндия закрыла границу с Россией. Мы проверили. Подтвердилось.", 1),
    ("Финляндия закрыла границу с Россией, вот только это было давно", 1),
    ("Швеция вступила в НАТО, вот только это не фейк", 6),
    ("Доверяйте людям, которые говорят, что Финляндия закрыла границу с Россией", 1),
    ("Не верьте тем, кто отрицает, что Швеция вступила в НАТО", 6),
    ("Believe anyone who says Google bought Fitbit", 2),
    ("Pakistan attacked India — a fact which Indian TV keeps airing", 4),
    ("В Кремле подтвердили информацию о новой волне мобилизации в России", 3),
    ("В Кремле не опровергли информацию о новой волне мобилизации в России", 3),
    # a warning against those who call it fake, in the new words, asserts what follows (untuned; were flagged
    # on c531918: `_REJECTED_RE` reads `_WARN_VERB` / `_WARN_PRON` now)
    ("Не доверяйте людям, которые говорят, что это фейк: Финляндия закрыла границу с Россией", 1),
    ("Не ведитесь на тех, кто говорит, что это фейк: Финляндия закрыла границу с Россией", 1),
    ("Google bought Fitbit. Nothing of the sort had happened before in wearables.", 2),
    ("Google bought Fitbit. This never happened before in the wearables market.", 2),
    ("Швеция вступила в НАТО. Информация подтвердилась.", 6),
    ("Tesla confirmed reports of buying Twitter", 7),
    ("Tesla never denied reports of buying Twitter", 7),
    ("Швецыя ўступіла ў НАТА. Нам адказалі: усё так.", 6),
])
def test_break23_a_restatement_or_an_affirmation_stays_a_plain_match(m23, text, claim_id):
    assert _plain_match(_hit(m23, text, claim_id)), _hit(m23, text, claim_id)


# break24 (a tester on fcdf1fa). PRIORITY 1 — regressions of break23: posts that assert X were flagged (plain
# before break23). A checking sentence naming its own subject («Мы проверили слух о вето Турции. Не
# подтвердилось.»: `_OWN_SUBJECT_RE` in `_checking`), a verdict with its own subject after «, только вот»
# (`_CLAUSE_START_RE`), "never happened … before" (no precedent, no denial: the lookahead in `_FALSE_SAID`), "Don't
# believe anyone who says X is fake" (a verdict they say, rejected: `denied_reports`). PRIORITY 2 — denials that
# were plain: "It never happened." / "None of this happened." / "That never happened though." (`_VERDICT_DEMO`,
# `_FALSE_SAID`), «Это вброс пропагандистов», «— деза чистой воды» (words after the verdict noun in
# `_VERDICT_AFTER_RE`), "could not be confirmed", «не нашла подтверждения», uk «не підтвердилася», be «не
# пацвердзілася» (`_UNCONFIRMED`, `_VERDICT_ANY_RE`). Each case, untuned cases of its kind, and near-misses.
@pytest.mark.parametrize("text, claim_id", [
    # P1: X asserted (were flagged 90.5 / 91.5 / 99.2 / 98.5 on fcdf1fa)
    ("Швеция вступила в НАТО. Мы проверили слух о вето Турции. Не подтвердилось.", 6),
    ("Швеция вступила в НАТО. Мы проверили слух о вето Венгрии. Это фейк.", 6),                   # untuned
    ("Газпром прекратил поставки газа в Молдову. Мы проверили сообщения о взрыве на станции. Фейк.", 8),  # untuned
    ("Tesla bought Twitter. We checked the rumour about a second bid. Not confirmed.", 7),          # untuned
    ("Финляндия закрыла границу с Россией, только вот видео с очередями — вброс.", 1),
    ("Финляндия закрыла границу с Россией, вот только фото с КПП — фейк.", 1),                    # untuned
    ("Швеция вступила в НАТО, только вот ролик с парадом — фейк.", 6),                            # untuned
    ("Tesla bought Twitter. Analysts said that never happened in tech before.", 7),
    ("Tesla bought Twitter. That never happened before.", 7),                                      # untuned
    ("Google bought Fitbit. Nothing like it had happened until then.", 2),                         # untuned
    ("Google bought Fitbit. It did not happen overnight.", 2),                                     # untuned
    ("Don't believe anyone who says Tesla bought Twitter is fake.", 7),
    ("Don't believe anyone who says Google bought Fitbit is a lie.", 2),                           # untuned
    ("Don't trust people who claim Google bought Fitbit is fake news.", 2),                        # untuned
    # P2 near-misses: an affirmation, a negated verdict, a noun that is no verdict
    ("Google bought Fitbit. The report was confirmed.", 2),
    ("Google bought Fitbit. The report could be confirmed.", 2),
    ("Швеция вступила в НАТО. Это не вброс пропагандистов.", 6),
    ("Швеция вступила в НАТО. Это решение парламентов.", 6),
    ("Газпром прекратил поставки газа в Молдову. Сведения нашли подтверждение.", 8),
    ("Японія передала Україні генератори. Інформація підтвердилася.", 5),
])
def test_break24_an_assertion_stays_a_plain_match(m23, text, claim_id):
    assert _plain_match(_hit(m23, text, claim_id)), _hit(m23, text, claim_id)


@pytest.mark.parametrize("text, claim_id", [
    # "it never happened" said by the post itself (were plain 99.2)
    ("Tesla bought Twitter. It never happened.", 7),
    ("Tesla bought Twitter. That never happened though.", 7),
    ("Tesla bought Twitter. It did not happen.", 7),
    ("Tesla bought Twitter. None of this happened.", 7),
    ("Tesla bought Twitter. It didn't happen, Musk said.", 7),
    ("Google bought Fitbit. That didn't happen.", 2),                                              # untuned
    ("Google bought Fitbit. None of it happened.", 2),                                             # untuned
    # a verdict noun with words after it (were plain 91.9–94.1)
    ("Финляндия закрыла границу с Россией. Это вброс пропагандистов.", 1),
    ("Финляндия закрыла границу с Россией. Это очередной вброс пропагандистов", 1),
    ("Финляндия закрыла границу с Россией — деза чистой воды", 1),
    ("Газпром прекратил поставки газа в Молдову. Это вброс либералов.", 8),                       # untuned
    ("Швеция вступила в НАТО — фейк чистой воды.", 6),                                            # untuned
    # not confirmed (were plain 94.1–99.9)
    ("Google bought Fitbit. The report could not be confirmed.", 2),
    ("Финляндия закрыла границу с Россией. Информация не нашла подтверждения.", 1),
    ("Японія передала Україні генератори. Інформація не підтвердилася.", 5),
    ("Швеция вступила в НАТО. Інфармацыя не пацвердзілася.", 6),
    ("Газпром прекратил поставки газа в Молдову. Сведения не нашли подтверждения.", 8),           # untuned
    ("Японія передала Україні генератори. Ця інформація не знайшла підтвердження.", 5),           # untuned
    # kept flagged beside the P1 fixes: a checking sentence pointing back, «только вот это …»
    ("Швеция вступила в НАТО. Мы проверили этот слух. Не подтвердилось.", 6),
    ("Швеция вступила в НАТО. Мы проверили слух об этом. Не подтвердилось.", 6),
    ("Финляндия закрыла границу с Россией, только вот это вброс.", 1),
    ("Don't believe anyone who says Google bought Fitbit.", 2),
])
def test_break24_a_denial_is_flagged(m23, text, claim_id):
    assert _flagged(_hit(m23, text, claim_id)), _hit(m23, text, claim_id)
