"""break30: a post that repeats a stored claim and then denies it in a few words was a plain match (80-99.6):

1. a bare «нет» / "no" after a label and a colon or dash — «X. Спойлер: нет.», «X. Ответ: нет.», «X. Коротко: нет.»,
   «Правда ли, что X? Спойлер: нет.», "X. Short answer: no." (`segmentation._LABEL_NO_RE`); «X. Нет.» and «Правда
   ли, что X? Нет.» were flagged already (a «нет» after the claim's last word);
2. an English short denial with no word of the statement's — "X. They do not.", "X. It didn't." (the verb of
   "5G towers spread …", "Vaccines cause …" was not found, so nothing was read) — or after an answer "No," ("X. No,
   he didn't.", "X. No, it isn't."), and «X. Нет, он его не покупал.» (`_negated_restatements(_en)`);
3. a relayed denial after «Нет,» / "No," — «X. Нет, в Роскомнадзоре это опровергли.» (`_DENIED_IT_RE`; strict
   xfail in test_break29c_repros.py until now);
4. a negated restatement of more than 6 words — «Никакого запрета на продажу энергетиков подросткам не было»
   (RESTATED_WORDS: each word must be the statement's or a pronoun / negation, so the length brings none of its
   own), and «Никакого запрета не было» after a claim whose verb is not the noun's («ввели запрет»: the noun was
   read as an object in a swapped role, `_roles_swapped`).
5. found on the way: «Финляндия не закрывала границу с Россией» was a plain match 97.9 of «Финляндия закрыла границу с
   Россией» — alone or after it — since «закрывать» / «закрыть» (imperfective «-ывать», perfective «-ыть») were no
   aspect partners and «закрыть» is privative (contradiction._suffix_partner). Known limit, the safe side: «X закрыла
   границу, но не закрывала аэропорты» is flagged, as «…, но не закрыла …» was already on main.

Each message is read against a matcher holding its claim alone. NEW = a plain match on main 78d37f5 (the decision
in the comment); "untuned" = written before the code and checked once; near-misses must stay plain.
"""

from __future__ import annotations

import pytest

from claims.normalize import written_language
from test_break12_repros import _flagged, _plain_match
from test_match_written_language import _hit, stored

TELEGRAM = "Россия запретила Telegram"
MUSK_RU = "Илон Маск купил Twitter"
GARLIC = "Чеснок защищает от коронавируса"
SWEDEN = "Швеция вступила в НАТО"
ENERGY = "Минздрав запретил продажу энергетиков подросткам"
MEAT = "В Италии ввели запрет на продажу искусственного мяса"
SHOIGU = "Путин уволил министра обороны Шойгу"
LITHUANIA = "Литва закрыла границу с Беларусью"
MUSK = "Elon Musk bought Twitter"
TIKTOK = "Germany banned TikTok"
FINLAND = "Finland closed its border with Russia"
G5 = "5G towers spread the coronavirus"
TIKTOK_US = "TikTok was banned in the United States"
FINLAND_RU = "Финляндия закрыла границу с Россией"


@pytest.fixture(scope="module")
def alone(encoder):
    by: dict[str, object] = {}

    def hit(text: str, claim: str):
        if claim not in by:
            by[claim] = stored(encoder, {1: (claim, written_language(claim))})
        return _hit(by[claim], text, 1)
    return hit


DENIED = [
    # 1. a label, a colon, «нет»
    (f"{TELEGRAM}. Спойлер: нет.", TELEGRAM),                                   # NEW: match 86.4 (the brief's)
    (f"{TELEGRAM}. Ответ: нет.", TELEGRAM),                                     # NEW: match 89.4
    (f"{TELEGRAM}. Коротко: нет.", TELEGRAM),                                   # NEW: match 86.9
    (f"Правда ли, что {MUSK_RU.lower()}? Спойлер: нет.", MUSK_RU),            # NEW: match 75.1
    (f"{MUSK_RU}. Спойлер: нет.", MUSK_RU),                                     # NEW: match 80.5
    # untuned
    ("Правда ли, что чеснок защищает от коронавируса? Ответ: нет.", GARLIC),
    (f"{SWEDEN}. Короче: нет.", SWEDEN),
    (f"{ENERGY}? Спойлер — нет.", ENERGY),
    (f"{MUSK}. Spoiler: no.", MUSK),
    ("Do vaccines cause autism? Short answer: no.", "Vaccines cause autism"),
    ("Vaccines cause autism. Short answer: no.", "Vaccines cause autism"),
    # already flagged on main: kept so
    (f"{TELEGRAM}. Нет.", TELEGRAM),
    (f"Правда ли, что {TELEGRAM.lower()}? Нет.", TELEGRAM),
    # 2. English short denials, an answer before a Russian one
    (f"{MUSK}. No, he didn't.", MUSK),                                          # NEW: match 99.3 (the brief's)
    (f"{G5}. They do not.", G5),                                                # NEW: match 99.6 (the brief's)
    (f"{G5}. It didn't.", G5),                                                  # NEW: match 99.6 (the brief's)
    (f"{FINLAND}. No, it isn't.", FINLAND),                                     # NEW: match 99.4 (the brief's)
    (f"{TIKTOK}. No, it didn't.", TIKTOK),                                      # NEW: match 99.1
    (f"{G5}. No, they don't.", G5),                                             # NEW: match 99.5
    # untuned
    ("Vaccines cause autism. No, they don't.", "Vaccines cause autism"),
    ("Vaccines cause autism. They do not.", "Vaccines cause autism"),
    ("Bill Gates owns the WHO. No, he doesn't.", "Bill Gates owns the WHO"),
    (f"{FINLAND}. No, it didn't.", FINLAND),
    (f"{MUSK_RU}. Нет, он его не покупал.", MUSK_RU),
    (f"{MUSK_RU}. Нет, Маск не покупал Twitter.", MUSK_RU),
    (f"{TELEGRAM}. Нет, не запрещала.", TELEGRAM),
    # 3. «Нет,» / "No," before a relayed denial
    (f"{TELEGRAM}. Нет, в Роскомнадзоре это опровергли.", TELEGRAM),           # NEW: match 90.9 (the brief's)
    (f"{G5}. No, the WHO has debunked it.", G5),                                # NEW: match 99.5
    # untuned
    (f"{SHOIGU}. Нет, в Кремле это опровергли.", SHOIGU),
    (f"{TIKTOK_US}. No, officials have denied it.", TIKTOK_US),
    # 4. a longer negated restatement
    (f"{ENERGY}. Никакого запрета на продажу энергетиков подросткам не было.", ENERGY),    # NEW (the brief's)
    (f"{MEAT}. Никакого запрета на продажу искусственного мяса в Италии не было.", MEAT),  # NEW
    (f"{MEAT}. Никакого запрета не было.", MEAT),                                         # NEW: roles misread
    # untuned
    (f"{ENERGY}. Никакого запрета на продажу энергетиков подросткам Минздрав не вводил.", ENERGY),   # flagged on main
    (f"{SHOIGU}. Никакого увольнения министра обороны Шойгу не было.", SHOIGU),
    ("Литва закрыла границу с Беларусью. Никакого закрытия границы с Беларусью не было.", LITHUANIA),
    (f"{FINLAND}. Finland did not close its border with Russia.", FINLAND),
]


@pytest.mark.parametrize("text, claim", DENIED)
def test_a_short_denial_after_the_claim_is_flagged(alone, text, claim):
    h = alone(text, claim)
    assert _flagged(h), (text, h)


KEPT = [
    # near-misses: an answer affirming it, «нет» of something else, a word of its own, another actor
    (f"{TELEGRAM}. Спойлер: да, это правда.", TELEGRAM),
    (f"{TELEGRAM}. Спойлер: да.", TELEGRAM),
    (f"{TELEGRAM}. Нет сомнений, что это надолго.", TELEGRAM),
    (f"{TELEGRAM}. Ответ: нет сомнений, что это надолго.", TELEGRAM),
    (f"Правда ли, что {TELEGRAM.lower()}? Да, это правда.", TELEGRAM),
    (f"Правда ли, что {MUSK_RU.lower()}? Ответ: да.", MUSK_RU),
    (f"{MUSK}. Yes, he did.", MUSK),
    (f"{MUSK}. Spoiler: yes.", MUSK),
    (f"{MUSK}. No wonder prices rose.", MUSK),
    (f"Did Elon Musk buy Twitter? Yes, he did.", MUSK),
    ("Do vaccines cause autism? Yes, they do.", "Vaccines cause autism"),
    ("Do vaccines cause autism? Short answer: no one knows.", "Vaccines cause autism"),
    (f"{MUSK}. No, he didn't sell it.", MUSK),
    (f"{MUSK}. No, it was not cheap.", MUSK),
    (f"{MUSK}. That's not all.", MUSK),
    (f"{MUSK}. He did not stop there.", MUSK),
    (f"{MUSK_RU}. Нет, он его не продавал.", MUSK_RU),
    (f"{TELEGRAM}. Никаких проблем с Telegram в России не было.", TELEGRAM),
    (f"{SHOIGU}. Никаких проблем у министра обороны Шойгу не было.", SHOIGU),
    (f"{MEAT}. Никакого запрета на продажу искусственного мяса во Франции не было.", MEAT),
    (f"{ENERGY}. Никакого запрета на продажу энергетиков взрослым не было.", ENERGY),
    (f"{TELEGRAM}. Нет, Роскомнадзор это не опроверг.", TELEGRAM),
]


@pytest.mark.parametrize("text, claim", KEPT)
def test_no_denial_of_the_claim_stays_plain(alone, text, claim):
    h = alone(text, claim)
    assert _plain_match(h), (text, h)


@pytest.mark.parametrize("text, claim", [
    ("Финляндия не закрывала границу с Россией.", FINLAND_RU),                              # NEW: match 97.9
    (f"{FINLAND_RU}. Финляндия не закрывала границу с Россией.", FINLAND_RU),               # NEW: match 97.9
    (f"{FINLAND_RU}. Финляндия никогда не закрывала границу с Россией.", FINLAND_RU),       # NEW: match 97.5
    # untuned
    ("Литва не закрывала границу с Беларусью.", LITHUANIA),
    ("Сбербанк не закрывает отделения в регионах.", "Сбербанк закрыл отделения в регионах"),
    ("Минобороны не скрывало данные о потерях.", "Минобороны скрыло данные о потерях"),     # flagged on main: not privative
])
def test_an_imperfective_negated_is_flagged(alone, text, claim):
    h = alone(text, claim)
    assert _flagged(h), (text, h)


@pytest.mark.parametrize("text, claim", [
    ("Финляндия закрывала границу с Россией.", FINLAND_RU),
    ("Литва закрывала границу с Беларусью.", LITHUANIA),
    ("Минобороны скрывало данные о потерях.", "Минобороны скрыло данные о потерях"),
    ("Сбербанк закрыл отделения в регионах.", "Сбербанк закрывает отделения в регионах"),
])
def test_an_imperfective_stated_stays_plain(alone, text, claim):
    assert _plain_match(alone(text, claim))


@pytest.mark.parametrize("a, b", [("закрывать", "закрыть"), ("открыть", "открывать"), ("скрываться", "скрыться")])
def test_suffix_aspect_partners(a, b):
    from claims.match.contradiction import aspect_partners
    assert aspect_partners(a, b) and not aspect_partners(a, "закрепить")


@pytest.mark.parametrize("low, n", [
    ("elon musk bought twitter. no, he didn't.", 1),
    ("5g towers spread the coronavirus. they do not.", 1),
    ("5g towers spread the coronavirus. no, they do not sell them.", 0),
    ("elon musk bought twitter. yes, he did.", 0),
])
def test_negated_restatements_en(low, n):
    from claims.match.segmentation import _negated_restatements_en
    assert len(_negated_restatements_en(low)) == n


@pytest.mark.parametrize("low, n", [
    ("россия запретила telegram. спойлер: нет.", 1),
    ("россия запретила telegram. спойлер: нет, конечно.", 1),
    ("россия запретила telegram. ответ: нет сомнений.", 0),
    ("россия запретила telegram. спойлер: да.", 0),
])
def test_label_no(low, n):
    from claims.match.segmentation import denied_reports
    assert len(denied_reports(low)) == n
