"""break25: a post that restates a stored claim and then denies it in words the verdict reading did not know
was returned as a plain match; it must come back flagged (`contradicts`, "possibly contradicts"). Fixed in
claims/match/segmentation.py:

- that it did not happen, as a sentence of its own (`_NOT_HAPPENED` in `_FALSE_SAID`): «Не было такого»,
  «Этого не было», «Ничего такого не было», uk «Такого не було», be «Такога не было», en "No such deal
  happened", "Nothing of the kind", "That never took place", "There was no such deal";
- what does not match reality in more words (`_NOT_REAL`): «не соответствует реальности / фактам», «не имеет
  ничего общего с реальностью», «далеко от истины», uk «не відповідає реальності», en "does not correspond to
  reality", "has nothing to do with reality";
- a word of regret or of course before the verdict (`_SIGH`): «Увы, ничего подобного», «К сожалению, это фейк»,
  uk «На жаль, це фейк», "Sadly, it's a hoax";
- a conjunction before «только» (`_VERDICT_CONJ`): «, да вот только это враньё», «, но только это фейк», uk «, але
  тільки …», be «, ды толькі …»;
- a speaker and a colon before the verdict (`_RELAYED_RE`): «Ответ МИД: это выдумка», 'Musk: "This is fiction."';
- words: be «ўкід», «фальшивка», "made up", "not the case", «это же …».

Near-misses stay plain: a record or what has no precedent («Такого роста не было с 2008 года», «Ничего подобного
раньше не было», "Nothing like this has happened before"), a negated verdict («Это не выдумка: X»).

Comments: "was plain N" gives the score on main (9164953). "untuned" cases were written after the rule and run
once, without changing the rule for them; "tuned" ones made it change.
"""

from __future__ import annotations

import pytest

from claims.match import Matcher
from claims.match.segmentation import denied_reports, split_parts
from test_break12_repros import _flagged, _hit, _matcher, _plain_match

CLAIMS = {
    1: ("Илон Маск купил Twitter", "ru"),
    2: ("Elon Musk bought Twitter", "en"),
    3: ("Швеция вступила в НАТО", "ru"),
    4: ("Японія передала Україні генератори", "uk"),
    5: ("Финляндия закрыла границу с Россией", "ru"),
    6: ("Google bought Fitbit", "en"),
    7: ("Газпром прекратил поставки газа в Молдову", "ru"),
}


@pytest.fixture(scope="module")
def m25(encoder) -> Matcher:
    return _matcher(encoder, CLAIMS)


# The reported cases (all were plain matches on main).
@pytest.mark.parametrize("text, claim_id", [
    ("Илон Маск купил Twitter. Не было такого.", 1),                              # was plain 90.3
    ("Илон Маск купил Twitter. Этого не было.", 1),                               # was plain 90.3
    ("Илон Маск купил Twitter. Ничего такого не было.", 1),                       # was plain 92.0
    ("Илон Маск купил Twitter. Увы, ничего подобного.", 1),                       # was plain 92.6
    ("Илон Маск купил Twitter. Это не соответствует реальности.", 1),             # was plain 91.3
    ("Илон Маск купил Twitter, да вот только это враньё.", 1),                    # was plain 81.9
    ("Илон Маск купил Twitter, но только это фейк.", 1),                          # was plain 76.4
    ("Илон Маск купил Twitter. Ответ МИД: это выдумка.", 1),                      # was plain 90.9
    ("Ілон Маск купіў Twitter. Гэта ўкід.", 1),                                   # was plain 98.9
    ("Elon Musk bought Twitter. No such deal happened.", 2),                      # was plain 99.3
    ("Elon Musk bought Twitter. Nothing of the kind, officials say.", 2),         # was plain 99.3
    ('Elon Musk bought Twitter. Musk: "This is fiction."', 2),                    # was plain 99.3
])
def test_break25_reported_denial_is_flagged(m25, text, claim_id):
    assert _flagged(_hit(m25, text, claim_id)), _hit(m25, text, claim_id)


@pytest.mark.parametrize("text, claim_id", [
    # untuned, first batch (written after the rule, before running it)
    ("Илон Маск купил Twitter. Такого не было.", 1),
    ("Илон Маск купил Twitter. Ничего подобного не было!", 1),
    ("Илон Маск купил Twitter. Не было ничего подобного.", 1),
    ("Илон Маск купил Twitter. Этого не происходило.", 1),
    ("Илон Маск купил Twitter. Ничего этого не было.", 1),
    ("Илон Маск купил Twitter. Не было этого.", 1),
    ("Илон Маск купил Twitter. Такого не было и нет.", 1),
    ("Илон Маск купил Twitter. Никакой сделки не было.", 1),
    ("Илон Маск купил Twitter. К сожалению, это фейк.", 1),
    ("Илон Маск купил Twitter. Увы, это неправда.", 1),
    ("Илон Маск купил Twitter — увы, ничего подобного.", 1),
    ("Илон Маск купил Twitter. Это не соответствует фактам.", 1),
    ("Илон Маск купил Twitter. Это не имеет ничего общего с реальностью.", 1),
    ("Илон Маск купил Twitter. Это далеко от истины.", 1),
    ("Илон Маск купил Twitter, да только это выдумка.", 1),
    ("Илон Маск купил Twitter, но только это неправда.", 1),
    ("Илон Маск купил Twitter. Песков: это фейк.", 1),
    ("Илон Маск купил Twitter. Комментарий пресс-службы: ничего подобного.", 1),
    ("Илон Маск купил Twitter. Это фальшивка.", 1),
    ("Илон Маск купил Twitter. Это же враньё.", 1),
    ("Швеция вступила в НАТО. Не было такого!", 3),
    ("Японія передала Україні генератори. Такого не було.", 4),
    ("Японія передала Україні генератори. Нічого подібного не було.", 4),
    ("Японія передала Україні генератори. Це не відповідає реальності.", 4),
    ("Японія передала Україні генератори. На жаль, це фейк.", 4),
    ("Японія передала Україні генератори, але тільки це вигадка.", 4),
    ("Японія передала Україні генератори. Відповідь МЗС: це вигадка.", 4),
    ("Швецыя ўступіла ў НАТА. Такога не было.", 3),
    ("Швецыя ўступіла ў НАТА. Нічога падобнага не было.", 3),
    ("Швецыя ўступіла ў НАТА. Адказ МЗС: гэта ўкід.", 3),
    ("Elon Musk bought Twitter. That never took place.", 2),
    ("Elon Musk bought Twitter. There was no such deal.", 2),
    ("Elon Musk bought Twitter. Nothing of the kind.", 2),
    ("Elon Musk bought Twitter. Sadly, it's a hoax.", 2),
    ('Elon Musk bought Twitter. The White House: "It\'s made up."', 2),
    ("Elon Musk bought Twitter. This does not correspond to reality.", 2),
    ("Elon Musk bought Twitter. No such purchase ever took place.", 2),
    ("Google bought Fitbit. That's not the case.", 6),
    # untuned, second batch (19 of 22 were read as denials as written; the three marked tuned were not)
    ("Илон Маск купил Twitter. Ничего такого не происходило.", 1),
    ("Илон Маск купил Twitter. Ничего подобного не случалось.", 1),
    ("Илон Маск купил Twitter. Этого не случилось.", 1),
    ("Илон Маск купил Twitter. Не было никакой покупки.", 1),
    ("Илон Маск купил Twitter, да вот только всё это выдумки.", 1),
    ("Илон Маск купил Twitter. Разумеется, это ложь.", 1),
    ("Илон Маск купил Twitter. Официальный ответ Маска: ничего подобного.", 1),
    ("Илон Маск купил Twitter. Это не соответствует действительному положению дел.", 1),     # tuned
    ("Илон Маск купил Twitter. Это утверждение не имеет отношения к действительности.", 1),  # tuned
    ("Ілон Маск купив Twitter. Нічого такого не було.", 1),
    ("Ілон Маск купив Twitter. Цього не було.", 1),
    ("Ілон Маск купив Twitter, та тільки це брехня.", 1),
    ("Ілон Маск купив Twitter. Звісно, це фейк.", 1),
    ("Ілон Маск купіў Twitter. Гэтага не было.", 1),
    ("Ілон Маск купіў Twitter. На жаль, гэта хлусня.", 1),
    ("Ілон Маск купіў Twitter, ды толькі гэта выдумка.", 1),
    ("Elon Musk bought Twitter. That did not take place.", 2),
    ("Elon Musk bought Twitter. Nothing like that happened.", 2),
    ("Elon Musk bought Twitter. Unfortunately, that's false.", 2),
    ('Elon Musk bought Twitter. Twitter\'s spokesperson: "Completely made up."', 2),           # tuned
    ("Elon Musk bought Twitter. This has nothing to do with reality.", 2),
    ("Elon Musk bought Twitter. That is far from the truth.", 2),
    # tuned: a relayed interjection and a label with its verdict
    ("Илон Маск купил Twitter. Нам сказали: ничего подобного.", 1),
    ("Elon Musk bought Twitter. Update: this is fake.", 2),
    ("Илон Маск купил Twitter. Ничего подобного!", 1),
])
def test_break25_denial_in_other_words_is_flagged(m25, text, claim_id):
    assert _flagged(_hit(m25, text, claim_id)), _hit(m25, text, claim_id)


@pytest.mark.parametrize("text, claim_id", [
    # the reported near-misses: a record, what has no precedent, a negated verdict
    ("Илон Маск купил Twitter. Такого роста не было с 2008 года.", 1),
    ("Илон Маск купил Twitter. Ничего подобного раньше не было.", 1),
    ("Elon Musk bought Twitter. Nothing like this has happened before.", 2),
    ("Это не выдумка: Маск купил Twitter.", 1),
    ("Это не выдумка: Илон Маск купил Twitter.", 1),
    # untuned, first batch
    ("Илон Маск купил Twitter. Такого не было никогда в истории компании.", 1),
    ("Илон Маск купил Twitter. Ничего подобного не было с 2008 года.", 1),
    ("Илон Маск купил Twitter. Такой сделки не было давно.", 1),
    ("Илон Маск купил Twitter. Такого ещё не было!", 1),
    ("Илон Маск купил Twitter. Никаких проблем не было.", 1),
    ("Илон Маск купил Twitter. Ничего подобного в истории соцсетей не было.", 1),
    ("Илон Маск купил Twitter. Увы, это правда.", 1),
    ("Илон Маск купил Twitter. Песков: это правда.", 1),
    ("Илон Маск купил Twitter. Главное: это не фейк.", 1),
    ("Илон Маск купил Twitter. Это соответствует действительности.", 1),
    ("Илон Маск купил Twitter, да только это было давно.", 1),
    ("Elon Musk bought Twitter. Nothing like it had happened in tech.", 2),
    ("Elon Musk bought Twitter. No such deal had ever happened before.", 2),
    ("Elon Musk bought Twitter. Sadly, it's true.", 2),
    ('Elon Musk bought Twitter. Musk: "This is real."', 2),
    ("Японія передала Україні генератори. Такого ще не було.", 4),
    ("Японія передала Україні генератори. Нічого подібного раніше не було.", 4),
    ("Швецыя ўступіла ў НАТА. Такога яшчэ не было.", 3),
    ("Илон Маск купил Twitter. Не было такого, чтобы Маск не сдержал слово.", 1),
    # untuned, second batch
    ("Илон Маск купил Twitter. Такого скандала не было давно.", 1),
    ("Илон Маск купил Twitter. Ничего подобного в истории не происходило.", 1),
    ("Илон Маск купил Twitter. Подобного не было никогда.", 1),
    ("Илон Маск купил Twitter. Никаких сомнений не было.", 1),
    ("Илон Маск купил Twitter. Увы, так и есть.", 1),
    ("Илон Маск купил Twitter. Маск: «Это правда».", 1),
    ("Илон Маск купил Twitter, да только это не фейк.", 1),
    ("Илон Маск купил Twitter. Это не фальшивка.", 1),
    ("Ілон Маск купив Twitter. Такого ще ніколи не було.", 1),
    ("Elon Musk bought Twitter. Nothing like that had happened since 2013.", 2),
    ("Elon Musk bought Twitter. Of course, it's real.", 2),
    ('Elon Musk bought Twitter. Musk: "Yes, I did."', 2),
    ("Это не фейк: Илон Маск купил Twitter.", 1),
    ("Такой сделки не было с 2008 года: Илон Маск купил Twitter.", 1),
    # tuned: what has no precedent after a label, a question after a label, "no such thing as …"
    ("Илон Маск купил Twitter. Вывод: ничего подобного раньше не было.", 1),
    ("Илон Маск купил Twitter. Вопрос: фейк ли это", 1),
    ("Elon Musk bought Twitter. Analysts: nothing of the sort had happened before.", 2),
    ("Elon Musk bought Twitter. There is no such thing as a free lunch.", 2),
])
def test_break25_record_or_affirmation_stays_a_plain_match(m25, text, claim_id):
    assert _plain_match(_hit(m25, text, claim_id)), _hit(m25, text, claim_id)


@pytest.mark.parametrize("text", [
    "Не было такого, чтобы Маск не сдержал слово. Илон Маск купил Twitter.",
    "Не было такого, чтобы Маск не сдержал слово: Илон Маск купил Twitter.",
    "Илон Маск купил Twitter. Не было такого, чтобы Маск не сдержал слово",
    "Илон Маск купил Twitter. Такого не было. Не было такого. Этого не было.",
    "Илон Маск купил Twitter. Ответ МИД:",
    "Илон Маск купил Twitter: это фейк: это фейк:",
    "Илон Маск купил Twitter. Увы,",
])
def test_break25_odd_posts_are_read(m25, text):
    """Whether flagged or not is open here; the verdict reading returns spans inside the text and the
    claim is still found (`Matcher.match` swallows an exception and returns [], which would fail this)."""
    spans = denied_reports(text)
    assert all(0 <= a < b <= len(text) for a, b in spans), spans
    assert split_parts(text)
    assert _hit(m25, text, 1) is not None
