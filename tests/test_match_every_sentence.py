"""Every sentence of a post is read as a short message is, wherever it stands and however long the
post is: a diminutive or slang rephrasing inside a long post, a claim in the last of many short
sentences, the same sentence on either side of the tweet-length bar, and a country named by its
people («Поляки …» for «Польша …»). In-memory matchers: no database."""

from __future__ import annotations

import pytest

from claims.match import Matcher
from claims.match.matcher import PART_MIN_COS, SHORT_PART_MIN_COS, part_min_cos
from claims.match.segmentation import split_parts
from claims.normalize import normalize
from claims.settings import Settings

FACT_CHECKS = {
    1: "Чеснок защищает от заражения коронавирусом",
    2: "Имбирь излечивает грипп за три дня",
    6: "Центробанк повысил ключевую ставку до 21 процента",
    17: "Польша закрыла границу с Белоруссией для грузовиков",
    26: "Турция отменила безвизовый режим для россиян",
}
NEWS = ("В Подмосковье ожидается облачная погода без осадков, до плюс пятнадцати градусов.",
        "Футбольный клуб «Спартак» сыграл вничью с «Зенитом» в субботнем матче.",
        "В городском парке открылась выставка цветов, вход на неё свободный для всех.",
        "Аналитики ожидают, что рынок недвижимости стабилизируется к концу года.",
        "Театр драмы представил премьеру спектакля по пьесе Чехова.",
        "На трассе М-4 из-за ремонта образовалась пробка длиной восемь километров.",
        "Школьники региона заняли призовые места на олимпиаде по математике.",
        "В зоопарке родился детёныш белого медведя, ему ещё не дали имя.",
        "Местная библиотека продлила часы работы по выходным дням.",
        "Синоптики обещают первые заморозки на следующей неделе.")


def _post(sentence: str, chars: int, before: int = 2) -> str:
    """`sentence` after `before` news sentences, news after it until the post is `chars` long (cut)."""
    out = list(NEWS[:before]) + [sentence]
    i = before
    while sum(len(s) + 1 for s in out) < chars + 100:
        out.append(NEWS[i % len(NEWS)])
        i += 1
    text = " ".join(out)[:chars]
    assert sentence in text
    return text


def _matcher(encoder, claims: dict[int, tuple[str, str]]) -> Matcher:
    m = Matcher(Settings(_env_file=None), encoder=encoder)
    m.build((i, normalize(t, lang), "", lang) for i, (t, lang) in claims.items())
    if encoder is not None:
        m.put_vectors(list(claims), encoder.encode([t for t, _ in claims.values()]))
    return m


@pytest.fixture(scope="module")
def ru(encoder) -> Matcher:
    return _matcher(encoder, {i: (t, "ru") for i, t in FACT_CHECKS.items()})


def _hit(m: Matcher, text: str, claim_id: int):
    return next((h for h in m.match(text) if h.claim_id == claim_id), None)


# ------------------------------------------------------------- 1. a rephrasing inside a long post
@pytest.mark.parametrize("chars", [450, 650, 1_500, 3_000])
@pytest.mark.parametrize("before", [0, 2, 5])
def test_a_diminutive_and_slang_sentence_inside_a_post_is_found_as_alone(ru, chars, before):
    # before: a match alone, but inside a post of other news only related or missed — the encoder
    # knows neither «чесночок» nor «ковид» (0.28 from the claim), and spelling and diminutive
    # correction ran only on the sentences already near a claim; now every sentence's resolved
    # reading is searched, and passes from PART_MIN_COS at any length
    sentence = "Чесночок спасает от ковида, ешьте больше."
    alone = _hit(ru, sentence, 1)
    assert alone is not None and alone.relation == "match"
    hit = _hit(ru, _post(sentence, chars, before), 1)
    assert hit is not None and hit.relation == "match" and not hit.contradicts
    assert hit.part_text == sentence
    # the same post stating the reversal or another illness is no plain match
    rev = _hit(ru, _post("Чесночок не спасает от ковида, не верьте.", chars, before), 1)
    assert rev is not None and rev.contradicts and rev.relation == "related"
    other = _hit(ru, _post("Чесночок спасает от простуды, ешьте больше.", chars, before), 1)
    assert other is None or other.relation != "match"


# ------------------------------------------------------------- 2. the end of a post of many sentences
EN_CLAIMS = {101: ("The central bank raised the key rate to 21 percent", "en"),
             102: ("Garlic protects against coronavirus infection", "en"),
             103: ("Poland closed its border with Belarus to trucks", "en")}
EN_SHORT = ("Rain is expected today.", "Our team drew on Saturday.", "A museum opened a show.",
            "Roads were busy again.", "Pupils won some prizes.", "A polar bear was born.",
            "The library opens late.", "Frosts are coming soon.")


@pytest.mark.parametrize("with_encoder", [True, False])
@pytest.mark.parametrize("n", [49, 150, 300])
@pytest.mark.parametrize("where", ["start", "middle", "end"])
def test_a_claim_anywhere_in_a_post_of_many_sentences_is_found(encoder, with_encoder, n, where):
    # before: over 48 sentences were matched in groups of two, three …; the group holding the claim
    # fell under the part bar (0.48 from the claim at 150 sentences) and the whole post's words stop
    # at MAX_QUERY_TOKENS, so a claim in the last sentence was missed, and so was its reversal
    m = _matcher(encoder if with_encoder else None, EN_CLAIMS)
    filler = [EN_SHORT[i % len(EN_SHORT)] for i in range(n)]
    at = {"start": 0, "middle": n // 2, "end": n}[where]
    for claim, plain in (("The central bank raised the key rate to 21 percent.", True),
                         ("The central bank lowered the key rate to 21 percent.", False)):
        post = " ".join(filler[:at] + [claim] + filler[at:])
        assert len(post) <= 8_000 and len(split_parts(post)) == n + 1     # every sentence its own part
        hit = _hit(m, post, 101)
        assert hit is not None, (n, where, claim)
        if plain:
            assert hit.relation == "match" and not hit.contradicts
        else:
            assert hit.contradicts and hit.relation == "related" and "antonym" in hit.reasons
        assert hit.part_text == claim


# ------------------------------------------------------------- 3. one sentence, one decision at any length
@pytest.mark.parametrize("sentence, claim_id", [
    ("Регулятор повысил ставку до 21%.", 6),                # related at 590 characters, a match at 610
    ("ЦБповысил ставку до 21%.", 6),                        # run-together words (25.8 against 51.3)
    ("Чесночок спасает от ковида, ешьте больше.", 1),       # diminutive and slang
    ("Поляки перекрыли границу с Беларусью для фур.", 17),  # a demonym and synonyms
    ("Имбирь излечивает грипп за три дня.", 2),             # verbatim
    ("Польша провела военные учения у границы.", 17),       # the topic, not the claim
])
def test_a_sentence_gets_the_same_decision_on_either_side_of_the_tweet_length(ru, sentence, claim_id):
    # before: a part of a message of up to 600 characters was matched on its own only from cosine
    # 0.7, of a longer one from 0.5, and split dictionary words only up to 600: one sentence got
    # "related" in a post of 590 characters and "match" in one of 610. The bar now falls
    # continuously with the length (`part_min_cos`) and parts never split dictionary words
    for below, above in ((580, 620), (595, 605), (780, 820)):
        decisions = []
        for chars in (below, above):
            hit = _hit(ru, _post(sentence, chars), claim_id)
            decisions.append(hit.relation if hit is not None else None)   # the post's other words differ
        assert decisions[0] == decisions[1], (below, above, decisions)


def test_the_part_bar_is_continuous_in_the_length():
    bars = [part_min_cos(n, "ru") for n in range(0, 2_000, 5)]
    assert bars[0] == SHORT_PART_MIN_COS and bars[-1] == PART_MIN_COS
    assert all(0 <= a - b <= 0.0026 for a, b in zip(bars, bars[1:]))     # never rises, no step
    assert {part_min_cos(n, "uk") for n in (100, 600, 5_000)} == {PART_MIN_COS}


# ------------------------------------------------------------- 4. a country named by its people
@pytest.mark.parametrize("people, country", [
    ("Поляки", "Польша"), ("Россияне", "Россия"), ("Американцы", "США"), ("Украинцы", "Украина"),
    ("Китайцы", "Китай"), ("Японцы", "Япония"), ("Немцы", "Германия"), ("Французы", "Франция"),
    ("Британцы", "Великобритания"), ("Белорусы", "Беларусь"), ("Турки", "Турция"), ("Израильтяне", "Израиль"),
    ("Шведы", "Швеция"), ("Канадцы", "Канада"), ("Иранцы", "Иран"), ("Северокорейцы", "КНДР"),
])
def test_a_demonym_reads_as_its_country(people, country):
    # the alias table (claims/data/aliases.tsv) had each country's adjective and English demonym
    # ("Mexicans"), not the Russian one: «Поляки закрыли границу» shared no name with «Польша …»
    assert normalize(f"{people} закрыли границу") == normalize(f"{country} закрыла границу")


@pytest.mark.parametrize("with_encoder", [True, False])
def test_a_rephrasing_with_a_demonym_and_synonyms_is_a_match(encoder, with_encoder):
    # before: related at 22.1 in the dev set's store (the encoder at 0.69 from the claim, «Поляки»
    # no word of it, and a name read lower-case in the encoder's reading)
    m = _matcher(encoder if with_encoder else None, {i: (t, "ru") for i, t in FACT_CHECKS.items()})
    expected = {"Поляки перекрыли границу с Беларусью для фур": ("match", False),
                "Поляки открыли границу с Беларусью для фур": ("related", True),       # a reversal
                "Белорусы закрыли границу с Польшей для грузовиков": ("related", True)}  # roles swapped
    got = {text: (h.relation, h.contradicts) if (h := _hit(m, text, 17)) else None for text in expected}
    assert got == expected
    assert _hit(m, "Турция отменила безвизовый режим для России", 26).relation == "match"
