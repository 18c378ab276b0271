"""Issue 10 (break29), «Reversals … never shown as a plain match»: a statement followed by a verdict is read
as denied, but three kinds of denial were still a plain match (90–99.9) of the claim they deny:

1. a sentence between statement and verdict saying the statement was spread in other words — «Об этом трубят
   все каналы.», «Новость растиражировали …», «… гуляет по сети», «Ролик стал вирусным.», "The post got
   millions of views." (`_SPREAD_RE`), or about it by any verb, its subject pointing back at it («Ролик
   посмотрели миллионы.»: `_POINTED_BACK_RE`);
2. verdict words not read — «оказалась уткой» (a verdict noun in the instrumental; «новость о том, что X» as
   the verdict's subject), "That claim is misleading", "This has been debunked", "Fact-checkers rated it
   false" (others' verdict relayed by a verb of rating or naming);
3. a short sentence denying the statement in its own words, negated — «Никакого запрета не было.» after
   «Россия запретила Telegram.», «Он его не покупал.» after «Илон Маск купил Twitter.»
   (`_negated_restatements`).

Marked "untuned": written before the code and never looked at while writing it."""

from __future__ import annotations

import pytest

from claims.match import Matcher
from claims.normalize import written_language
from test_break12_repros import _flagged, _plain_match
from test_match_written_language import _hit, stored

CLAIMS = ["Чеснок защищает от коронавируса", "Илон Маск купил Twitter", "Россия запретила Telegram",
          "TikTok was banned in the United States", "Швеция вступила в НАТО", "Литва закрыла границу с Беларусью",
          "Прививки от кори вызывают аутизм", "Минздрав запретил продажу энергетиков подросткам",
          "Elon Musk bought Twitter"]


@pytest.fixture(scope="module")
def m(encoder) -> Matcher:
    return stored(encoder, {i: (t, written_language(t)) for i, t in enumerate(CLAIMS)})


SPREAD = [
    ("Чеснок защищает от коронавируса. Об этом трубят все каналы. Это фейк.", 0),              # the issue's
    ("Илон Маск купил Twitter. Новость растиражировали сотни пабликов. Это неправда.", 1),
    ("Швеция вступила в НАТО. Эта новость гуляет по сети. Это ложь.", 4),
    ("Литва закрыла границу с Беларусью. Ролик стал вирусным. Это фейк.", 5),
    ("TikTok was banned in the United States. The post got millions of views. This is false.", 3),
    ("Часник захищає від коронавірусу. Про це трублять усі канали. Це фейк.", 0),
    ("Прививки от кори вызывают аутизм. Этот пост собрал тысячи лайков. Это миф.", 6),                   # untuned
    ("Минздрав запретил продажу энергетиков подросткам. Ролик посмотрели миллионы. Это фейк.", 7),      # untuned
    ("TikTok was banned in the United States. The claim is trending on X. It is a hoax.", 3),         # untuned
    ("Чеснок защищает от коронавируса. Эту новость обсуждают во всех чатах. Но это выдумка.", 0),      # untuned
    ("Россия запретила Telegram. Этот слух кочует по пабликам. Это вброс.", 2),                        # untuned
    ("Elon Musk bought Twitter. The video racked up thousands of shares. It's fake.", 8),              # untuned
    ("Прививки от кори вызывают аутизм. Об этом судачат мамочки в чатах. Это миф.", 6),                # untuned
]

VERDICT = [
    ("Новость о том, что Илон Маск купил Twitter, оказалась уткой.", 1),                          # the issue's
    ("Илон Маск купил Twitter — утка.", 1),
    ("Швеция вступила в НАТО. Це брехня.", 4),
    ("Чеснок защищает от коронавируса. Це брехня.", 0),
    ("TikTok was banned in the United States. That claim is misleading.", 3),
    ("TikTok was banned in the United States. Fact-checkers rated it false.", 3),
    ("TikTok was banned in the United States. This has been debunked.", 3),
    ("TikTok was banned in the United States. That report is inaccurate.", 3),
    ("Слух о том, что прививки от кори вызывают аутизм, оказался уткой.", 6),                          # untuned
    ("Прививки от кори вызывают аутизм. Врачи назвали это мифом.", 6),                                 # untuned
    ("TikTok was banned in the United States. Reuters labelled the story as false.", 3),               # untuned
    ("Информация о том, что Литва закрыла границу с Беларусью, оказалась фейком.", 5),                 # untuned
    ("Швеция вступила в НАТО. Эксперты признали это фейком.", 4),                                      # untuned
    ("TikTok was banned in the United States. PolitiFact ruled the claim false.", 3),                  # untuned
    ("TikTok was banned in the United States. The story has been debunked.", 3),                       # untuned
]

NEGATED = [
    ("Россия запретила Telegram. Никакого запрета не было.", 2),                                   # the issue's
    ("Илон Маск купил Twitter. Он его не покупал.", 1),                                              # the issue's
    ("Илон Маск купил Twitter. Никакой покупки не было.", 1),
    ("Илон Маск купил Twitter. Він його не купував.", 1),
    ("Минздрав запретил продажу энергетиков подросткам. Никакого запрета не вводили.", 7),
    ("Литва закрыла границу с Беларусью. Никакого закрытия не было.", 5),                              # untuned
    ("Литва закрыла границу с Беларусью. Никто её не закрывал.", 5),                                   # untuned
    ("Швеция вступила в НАТО. Она туда не вступала.", 4),                                              # untuned
    ("Россия запретила Telegram. Никто его не запрещал.", 2),                                          # untuned
    ("Швеция вступила в НАТО. Никакого вступления не было.", 4),                                       # untuned
    ("Прививки от кори вызывают аутизм. Они его не вызывают.", 6),                                     # untuned
]


@pytest.mark.parametrize("text, claim_id", SPREAD + VERDICT + NEGATED)
def test_a_denial_of_the_statement_is_flagged(m, text, claim_id):
    h = _hit(m, text, claim_id)
    assert _flagged(h), (text, h)


@pytest.mark.parametrize("text, claim_id", [
    # the news only spread, no verdict
    ("Чеснок защищает от коронавируса. Об этом трубят все каналы.", 0),
    ("Илон Маск купил Twitter. Новость растиражировали сотни пабликов.", 1),
    ("TikTok was banned in the United States. The post got millions of views.", 3),
    ("Прививки от кори вызывают аутизм. Этот пост собрал тысячи лайков.", 6),
    ("Россия запретила Telegram. Этот слух кочует по пабликам.", 2),
    ("Elon Musk bought Twitter. The video racked up thousands of shares.", 8),
    # a verdict negated, or a word of truth
    ("Чеснок защищает от коронавируса. Это не фейк.", 0),
    ("Чеснок защищает от коронавируса. Об этом трубят все каналы. Но это не фейк.", 0),
    ("Чеснок защищает от коронавируса. Об этом трубят все каналы. И это правда.", 0),
    ("Илон Маск купил Twitter. Новость гуляет по сети. Это правда.", 1),
    ("TikTok was banned in the United States. The story has been confirmed.", 3),
    # others' verdict negated («nobody»: "Nobody said it was fake" was flagged before too)
    ("TikTok was banned in the United States. Nobody called it fake.", 3),
    ("TikTok was banned in the United States. Nobody said it was fake.", 3),
    ("Илон Маск купил Twitter. Никто не назвал это фейком.", 1),
    ("TikTok was banned in the United States. Researchers found it true.", 3),
    # a verdict of something else, named in its own sentence
    ("Швеция вступила в НАТО. Эта новость обрадовала многих. Слухи о выходе Финляндии — фейк.", 4),
    ("Швеция вступила в НАТО. Об этом пишут многие каналы. А вот новость о выходе Финляндии из ЕС — фейк.", 4),
    ("Илон Маск купил Twitter. Сделка закрылась в октябре. Слухи о продаже Tesla — фейк.", 1),
    ("Швеция вступила в НАТО. Эта новость — правда. Фейк — то, что Финляндия вышла из ЕС.", 4),
    # a negated sentence that brings words of its own, negates another verb, or asks
    ("Россия запретила Telegram. Никакого запрета на WhatsApp не было.", 2),
    ("Россия запретила Telegram. Запрет WhatsApp никто не вводил.", 2),
    ("Швеция вступила в НАТО. Никаких проблем не было.", 4),
    ("Швеция вступила в НАТО. Никаких протестов не было.", 4),
    ("Литва закрыла границу с Беларусью. Латвия её не закрывала.", 5),
    ("Литва закрыла границу с Беларусью. Литовские пограничники не пропускают фуры.", 5),
    ("Илон Маск купил Twitter. Раньше он его не покупал.", 1),
    ("Швеция вступила в НАТО. Раньше она никуда не вступала.", 4),
    ("Илон Маск купил Twitter. Он не покупал Tesla.", 1),
    ("Илон Маск купил Twitter. Tesla он не покупал.", 1),
    ("Илон Маск купил Twitter. Он его не продавал.", 1),
    ("Илон Маск купил Twitter. Никто не ожидал.", 1),
    ("Илон Маск купил Twitter. Он его не покупал?", 1),
    ("Прививки от кори вызывают аутизм. Раньше их не делали.", 6),
])
def test_near_misses_stay_plain(m, text, claim_id):
    h = _hit(m, text, claim_id)
    assert _plain_match(h), (text, h)


def test_a_negated_statement_said_again_stays_a_plain_match(encoder):
    """A short negated sentence after a statement that is negated itself repeats it, no denial."""
    matcher = stored(encoder, {0: ("Швеция так и не вступила в НАТО", "ru"), 1: ("Илон Маск купил Twitter", "ru")})
    for text in ("Швеция так и не вступила в НАТО. Она туда не вступала.",
                 "Швеция так и не вступила в НАТО. Никакого вступления не было."):
        h = _hit(matcher, text, 0)
        assert _plain_match(h), (text, h)
