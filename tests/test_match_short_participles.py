"""A state told by a short passive participle (break test of 2026-12-03): «Запрет отменён»,
«Мост закрыт», «Запрет снят». With «ё» folded, pymorphy reads the masculine form as an adjective as
often as as the verb («отменен»: «отменный» or «отменить»; «закрыт»: «закрытый»; «снят»: «снятой»)
and took the adjective, while «отменена», «отменили», «закрыли» read as the verb. So the restatement
«Запрет на ввоз зерна из Украины отменён» was flagged "negation" against «… отменили» (95.1), and
reversals were plain matches: «Запрет на продажу энергетиков детям отменён» against «Власти ввели
запрет …» (88.0), «Мост через Обь открыли» against «Мост через Обь закрыт» (88.0). Now such a word
reads as the verb (normalize.ru_lex, NORMALIZER_VERSION 12); stored claims: `claims db reindex`.
The neuter «открыто» ties with the adverb ("openly"), «закрыто» with the adjective: the participle
where its clause holds no verb but a copula (normalize._mark_predicate_participles).
"""

from __future__ import annotations

import pytest

from claims.match import Matcher
from claims.normalize import normalize
from claims.settings import Settings

FACT_CHECKS = {
    1: "Запрет на ввоз зерна из Украины отменили",
    2: "Власти ввели запрет на продажу энергетиков детям",
    3: "Закон о запрете майнинга отменён",
    4: "Мэрия закрыла Крымский мост на ремонт",
    5: "Запрет на полёты Белавиа сняли",
    6: "Мост через Обь закрыт для грузовиков",
    7: "Аэропорт Пулково открыли после проверки",
    8: "Движение по Крымскому мосту закрыли",
    9: "Министр открыто заявил о повышении налогов",
    10: "Границу с Финляндией открыли для туристов",
    11: "Аэропорт Сочи открыли для рейсов",
}
RESTATED = [
    (1, "Запрет на ввоз зерна из Украины отменён"),
    (1, "Запрет на ввоз украинского зерна отменен"),
    (3, "Закон о запрете майнинга отменили"),
    (4, "Крымский мост закрыт на ремонт"),
    (5, "Запрет на полёты Белавиа снят"),
    (6, "Мост через Обь закрыли для грузовиков"),
    (7, "Аэропорт Пулково открыт после проверки"),
    (8, "Движение по Крымскому мосту закрыто"),
    (8, "Движение по Крымскому мосту было закрыто"),
    (9, "Министр открыто заявил о повышении налогов"),      # the adverb «открыто» stays an adverb
]
REVERSED = [
    (2, "Запрет на продажу энергетиков детям отменён"),
    (3, "Закон о запрете майнинга приняли"),
    (4, "Крымский мост открыт после ремонта"),
    (5, "Запрет на полёты Белавиа ввели"),
    (6, "Мост через Обь открыли для грузовиков"),
    (6, "Мост через Обь открыт для грузовиков"),
    (7, "Аэропорт Пулково закрыт после проверки"),
    # the neuter «открыто» reads as the adverb ("openly") as often as as the participle: the
    # participle where no verb but a copula stands beside it (was a plain match, 56.8)
    (8, "Движение по Крымскому мосту открыто"),
    (8, "Движение по Крымскому мосту будет открыто"),
    # ... with the usual attribution after a comma or dash: its verb is another clause's
    (8, "Движение по Крымскому мосту открыто, сообщили в Росавтодоре"),
    (8, "Движение по Крымскому мосту открыто — сообщает Росавтодор"),
    # the adverb «открыто» in the clause of the verb that reverses the claim stays an adverb
    # (break test b30p: read as «открыть» it stood beside «закрыть» and hid the antonym)
    (10, "Финляндия открыто и без объяснений закрыла границу для туристов"),
    (10, "Финляндия закрыла границу для туристов совершенно открыто"),
    (10, "Финляндия закрыла границу для туристов, заявив об этом открыто"),
    (11, "Аэропорт Сочи открыто и без объяснений закрыли для рейсов"),
]


@pytest.fixture(scope="module")
def m(encoder) -> Matcher:
    matcher = Matcher(Settings(_env_file=None), encoder=encoder)
    matcher.build((i, normalize(t, "ru"), "", "ru", t) for i, t in FACT_CHECKS.items())
    matcher.put_vectors(list(FACT_CHECKS), encoder.encode(list(FACT_CHECKS.values())))
    return matcher


def _top(m: Matcher, text: str):
    hits = m.match(text, min_score=0)
    assert hits, text
    return hits[0]


@pytest.mark.parametrize("cid, text", RESTATED)
def test_restatement_with_a_short_participle_is_a_plain_match(m, cid, text):
    hit = _top(m, text)
    assert (hit.claim_id, hit.relation, hit.contradicts) == (cid, "match", False), hit


@pytest.mark.parametrize("cid, text", REVERSED)
def test_reversal_with_a_short_participle_is_flagged(m, cid, text):
    hit = _top(m, text)
    assert (hit.claim_id, hit.contradicts) == (cid, True), hit


@pytest.mark.parametrize("text, verb", [("Запрет отменён", "отменить"), ("Мост закрыт", "закрыть"),
                                        ("Запрет снят", "снять"), ("Стадион занят", "занять"),
                                        ("Движение открыто", "открыть"), ("Метро будет закрыто", "закрыть")])
def test_short_participle_reads_as_its_verb(text, verb):
    assert normalize(text, "ru").split()[-1] == verb


@pytest.mark.parametrize("text, adjective", [("Министр уверен в победе", "уверенный"),
                                             ("Актёр известен всем", "известный"),
                                             ("Мэр согласен с решением", "согласный"),
                                             ("Министр открыто заявил о налогах", "открыто"),
                                             ("Магазин работает открыто", "открыто"),
                                             ("Финляндия закрыла границу совершенно открыто", "открыто"),
                                             ("Министр закрыто обсуждал бюджет", "закрытый"),
                                             ("Переговоры прошли закрыто", "закрытый")])
def test_a_plain_short_adjective_or_adverb_stays_one(text, adjective):
    assert adjective in normalize(text, "ru").split()
