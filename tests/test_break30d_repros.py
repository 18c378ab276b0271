"""Break test b30d (2026-12-03, 14 fact-checks, 329 messages against the deny30 merge): restatements
that the new denial rules flagged. Each was a plain match before deny30 and flagged ("negation") after:
- «никакой N» heading a restatement, with no «не» to make it a denial: «Никаких энергетиков для
  подростков: Минздрав запретил их продажу.» (89.7 flagged); `contradiction._negated` now needs a
  negation after the noun («Никакого запрета … не было» still denies);
- a labelled «нет» answering the question a post opens with, not the statement after it: «Можно ли
  теперь въехать в Финляндию на машине? Финляндия закрыла границу с Россией. Коротко: нет.» (95.4
  flagged); "Can you still …? X. Short answer: no." (99.5); `segmentation.answers_masked`;
- "That is not all." read as a denial made of pronouns and auxiliaries (99.2 flagged);
- «X, хотя раньше никогда её не закрывала»: the imperfective partner negated beside the claim's own
  verb affirmed (93.4 flagged); `contradiction_reasons` now reads the «не» as of another time.
A second break test (r2, 13 fact-checks, 198 messages: 36 wrong against 82 at 78d37f5) found 7
regressions and 8 denials the question rule had undone, here too: the question rule now applies only
to a question of another thing (`segmentation.after_other_question`: not «Правда ли, что X?», not a
question in X's words, not «… Правда ли это? Ответ: нет.»); a statement in one aspect with the other
aspect negated is stated (`_verbs_stated`: «…, хотя прежде её не закрывала»); «никакой N» negates N
only with a negation of being after it («не было», «нет»), not a verb's («никаким подросткам их не
продадут»); and a short participle's subject is what the act is done to (`contradiction._passive`
takes a participle reading as likely as the first: «Движение по Крымскому мосту закрыто» was flagged
"roles" against «Крымский мост закрыли для движения»).
"""

from __future__ import annotations

import pytest

from claims.match import Matcher
from claims.normalize import normalize
from claims.settings import Settings

FACT_CHECKS = {
    1: ("Минздрав запретил продажу энергетиков подросткам", "ru"),
    2: ("Финляндия закрыла границу с Россией", "ru"),
    3: ("Роскомнадзор заблокировал Telegram", "ru"),
    4: ("5G towers spread the coronavirus", "en"),
    5: ("Правительство заморозило пенсии на 2025 год", "ru"),
    6: ("Vaccines cause autism", "en"),
    7: ("В Москве отменили бесплатный проезд для пенсионеров", "ru"),
    8: ("Крымский мост закрыли для движения", "ru"),
}
PLAIN = [
    (1, "Никаких энергетиков для подростков: Минздрав запретил их продажу."),
    (1, "Минздрав запретил продажу энергетиков подросткам: никакой продажи энергетиков несовершеннолетним."),
    (3, "Никакого Telegram больше: Роскомнадзор заблокировал мессенджер."),
    (3, "Роскомнадзор заблокировал Telegram, никакого Telegram без VPN."),
    (5, "Никакой пенсии сверх нынешней: правительство заморозило пенсии на 2025 год."),
    (7, "Никаких бесплатных поездок: в Москве отменили бесплатный проезд для пенсионеров."),
    (2, "Можно ли теперь въехать в Финляндию на машине? Финляндия закрыла границу с Россией. Коротко: нет."),
    (3, "Работает ли ещё мессенджер? Роскомнадзор заблокировал Telegram. Ответ: нет."),
    (6, "Can you still skip the school vaccines? Vaccines cause autism. Short answer: no."),
    (4, "Is it safe to live near a mast? 5G towers spread the coronavirus. Short answer: no."),
    (6, "Vaccines cause autism. That is not all."),
    (4, "5G towers spread the coronavirus. That is not all."),
    (2, "Финляндия закрыла границу с Россией, хотя раньше никогда её не закрывала."),
    (2, "Финляндия закрыла границу с Россией — и раньше никогда её не закрывала."),
    # break test r2 (13 fact-checks, 198 messages against 5622f58)
    (2, "Финляндия закрыла границу с Россией, хотя прежде её не закрывала."),
    (2, "Финляндия закрыла границу с Россией, хотя раньше её не закрывала даже в пандемию."),
    (1, "Минздрав запретил продажу энергетиков подросткам, никаким подросткам их больше не продадут."),
    (2, "Можно ли поехать в Хельсинки? Финляндия закрыла границу с Россией. Ответ: нет."),
    # "no" to "Is it fake?" says it is not fake: no truth question, the answer is not the claim's denial
    (4, "Is it fake? 5G towers spread the coronavirus. Short answer: no."),
    # the subject of a short participle is what the act is done to: no swapped roles («закрыто» was read
    # as the adjective before NORMALIZER_VERSION 12, so no verb; then as a verb whose subject does it)
    (8, "Движение по Крымскому мосту закрыто, — сообщает Гришин."),
    (8, "Движение по Крымскому мосту закрыто — Росавтодор."),
    (8, "Движение по Крымскому мосту закрыто."),
]
FLAGGED = [     # what the rules are for, still flagged
    (1, "Минздрав запретил продажу энергетиков подросткам. Никакого запрета на продажу энергетиков подросткам не было."),
    (2, "Финляндия закрыла границу с Россией. Спойлер: нет."),
    (2, "Правда ли, что Финляндия закрыла границу с Россией? Спойлер: нет."),
    (6, "Vaccines cause autism. Short answer: no."),
    (4, "5G towers spread the coronavirus. They do not."),
    (6, "Vaccines cause autism. Not at all."),
    (2, "Финляндия не закрывала границу с Россией"),
    (2, "Финляндия закрыла границу с Россией. Нет, Финляндия не закрывала границу с Россией."),
    # a question that is the claim, or asks whether it is true, is what the labelled «нет» answers (r2)
    (2, "Правда ли, что Финляндия закрыла границу с Россией? Финляндия закрыла границу с Россией — так пишут в сети. "
        "Ответ: нет."),
    (2, "Финляндия закрыла границу с Россией? Финляндия закрыла границу с Россией. Спойлер: нет."),
    (2, "Закрыла ли Финляндия границу? Закрыла ли Финляндия границу с Россией? Ответ: нет."),
    (2, "Что случилось на границе? Говорят, Финляндия закрыла границу с Россией. Правда ли это? Ответ: нет."),
    (6, "Is it true? Vaccines cause autism. Short answer: no."),
    (4, "Do 5G towers spread the coronavirus? 5G towers spread the coronavirus. Short answer: no."),
    (8, "Движение по Крымскому мосту открыто."),
]


@pytest.fixture(scope="module")
def m(encoder) -> Matcher:
    matcher = Matcher(Settings(_env_file=None), encoder=encoder)
    matcher.build((i, normalize(t, lg), "", lg, t) for i, (t, lg) in FACT_CHECKS.items())
    matcher.put_vectors(list(FACT_CHECKS), encoder.encode([t for t, _ in FACT_CHECKS.values()]))
    return matcher


def _hit(m: Matcher, text: str, cid: int):
    return next((h for h in m.match(text, min_score=0) if h.claim_id == cid), None)


@pytest.mark.parametrize("cid, text", PLAIN)
def test_restatement_is_not_read_as_its_denial(m, cid, text):
    hit = _hit(m, text, cid)
    assert hit is not None and (hit.relation, hit.contradicts) == ("match", False), hit


@pytest.mark.parametrize("cid, text", FLAGGED)
def test_denial_is_still_flagged(m, cid, text):
    hit = _hit(m, text, cid)
    assert hit is not None and hit.contradicts, hit
