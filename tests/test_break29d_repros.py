"""break29d (2026-12-03): denials of a statement in a post still shown as plain matches (a break-tester's P1). NEW =
a plain match on main 9a4261f; "not tuned" = written after the fix and checked once; the rest are near-misses that
must stay plain matches.

1. an explanation after the verdict's colon («X. Это фейк: банк работает в обычном режиме.»);
2. several sentences of spreading in a row between the statement and its verdict;
3. sentences of spreading naming a picture, a photo, a screenshot, a chain message, or long ones with a count;
4. verdict wordings: «оказалось уткой», «назвал эту новость фейком», "found it to be false", "dismissed it as a
   hoax", "a debunked conspiracy theory";
5. a verdict after a comma following a short sentence denying the statement by pointing back at it («X. Никто его
   не увольнял, это фейк.»).
"""

from __future__ import annotations

import pytest

from claims.match import Matcher
from test_break12_repros import _flagged, _plain_match
from test_match_written_language import _hit, stored

CBR = "ЦБ отозвал лицензию у Сбербанка"
PUTIN = "Путин уволил министра обороны Шойгу"
FIVE_G = "5G towers spread the coronavirus"
ZELENSKY = "Зеленський підписав указ про мобілізацію"
CLAIMS = {1: (CBR, "ru"), 2: (PUTIN, "ru"), 3: (FIVE_G, "en"), 4: (ZELENSKY, "uk")}


@pytest.fixture(scope="module")
def m(encoder) -> Matcher:
    return stored(encoder, CLAIMS)


@pytest.mark.parametrize("text, claim_id", [
    # 1. a colon after the verdict
    (f"{CBR}. Это фейк: банк работает в обычном режиме.", 1),                  # NEW: 92.2 plain match
    (f"Срочно! Вкладчики в панике. Очереди у отделений. Говорят, деньги заморозят. {CBR}. "
     f"Это фейк: банк работает в обычном режиме.", 1),                        # NEW
    (f"{PUTIN}. Это неправда: министр сегодня провёл совещание.", 2),          # not tuned
    (f"{FIVE_G}. This is false: radio waves cannot carry a virus.", 3),        # not tuned
    (f"{ZELENSKY}. Це фейк: президент нічого не підписував.", 4),              # not tuned
    # 2. two sentences of spreading in a row
    (f"{PUTIN}. Об этом трубят все каналы. Ролик посмотрели миллионы. Это фейк.", 2),     # NEW
    (f"{CBR}. Новость разлетелась по чатам. Пост репостнули тысячи. Это неправда.", 1),  # not tuned
    (f"{FIVE_G}. The post went viral. The video was shared by thousands. It is false.", 3),  # not tuned
    # 3. nouns and verbs of spreading
    (f"{CBR}. Картинку посмотрели тысячи людей. Это фейк.", 1),               # NEW
    (f"{CBR}. Фото посмотрели тысячи людей. Это фейк.", 1),                   # NEW
    (f"{CBR}. Скриншот посмотрели тысячи людей. Это фейк.", 1),               # NEW
    (f"{CBR}. Эту рассылку получили тысячи людей. Это фейк.", 1),             # NEW
    (f"{CBR}. Скрины с этой новостью заполонили соцсети. Это неправда.", 1),  # NEW
    (f"{FIVE_G}. The claim has been shared more than 10,000 times on Facebook. It is false.", 3),  # NEW
    (f"{FIVE_G}. This rumor is all over WhatsApp. Don't believe it.", 3),     # NEW
    (f"{PUTIN}. Снимок экрана переслали сотни пользователей. Это ложь.", 2),  # not tuned
    (f"{FIVE_G}. Screenshots of the post flooded Twitter. It's a hoax.", 3),  # not tuned
    # 4. verdict wordings
    (f"{PUTIN}. Это оказалось уткой.", 2),                                    # NEW
    (f"{PUTIN}. Новость оказалась уткой.", 2),                                # NEW
    (f"{PUTIN}. Всё это оказалось вымыслом.", 2),                             # NEW
    (f"{PUTIN}. Песков назвал эту новость фейком.", 2),                       # NEW
    (f"{FIVE_G}. AFP fact-checkers found it to be false.", 3),                # NEW
    (f"{FIVE_G}. Health officials dismissed it as a hoax.", 3),               # NEW
    (f"{FIVE_G}. This is a debunked conspiracy theory.", 3),                  # NEW
    (f"{CBR}. Информация оказалась ложной.", 1),                              # not tuned
    (f"{FIVE_G}. It turned out to be a hoax.", 3),                            # not tuned
    (f"{FIVE_G}. Experts found the claim to be false.", 3),                   # not tuned
    # 5. a verdict after a comma following a denial pointing back
    (f"{PUTIN}. Никто его не увольнял, это фейк.", 2),                        # NEW
    (f"{ZELENSKY}. Він його не підписував, це фейк.", 4),                     # NEW
    (f"{CBR}. Никто её не отзывал, это враньё.", 1),                          # not tuned
    (f"{FIVE_G}. Nobody proved that, it's a myth.", 3),                       # not tuned
    # a label's colon still labels what follows it
    (f"Проверка. Это фейк: {PUTIN}.", 2),
    (f"ФЕЙК: {CBR}. Банк работает в обычном режиме.", 1),
])
def test_a_denial_is_flagged(m, text, claim_id):
    assert _flagged(_hit(m, text, claim_id)), text


@pytest.mark.parametrize("text, claim_id", [
    (f"{PUTIN}. Это не фейк.", 2),
    (f"{PUTIN}. Это правда.", 2),
    (f"{PUTIN}. Никто не назвал это фейком.", 2),
    (f"{PUTIN}. Видео про отставку Лаврова — фейк.", 2),      # a verdict of something named in its own sentence
    (f"{CBR}. Это правда: банк закрыл все отделения.", 1),
    (f"{CBR}. Картинку посмотрели тысячи людей. Это правда.", 1),
    (f"{PUTIN}. Об этом трубят все каналы. Ролик посмотрели миллионы. Это не фейк.", 2),
    (f"{PUTIN}. Шойгу никто не увольнял, но это не фейк.", 2),
    (f"{FIVE_G}. Officials found it to be true.", 3),
    (f"{FIVE_G}. The claim has been shared more than 10,000 times on Facebook.", 3),
    (f"{PUTIN}. Меморандум подписали обе стороны. Это фейк.", 2),   # a noun of its own, not «мем»
    (f"{PUTIN}. Шойгу сам подал в отставку, это фейк.", 2),        # no denial pointing back: the verdict is its own
])
def test_the_statement_stays_a_plain_match(m, text, claim_id):
    hit = _hit(m, text, claim_id)
    assert _plain_match(hit), text
