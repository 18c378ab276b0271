"""Answers in a post (2026-12-03, third session): a «нет» / "no" that answers, and whose question it answers.
- A labelled «нет» before a comma and a verdict denies the statement before it, as the bare labelled «нет»
  does: «X. Ответ: нет, это фейк.», «X. Коротко: нет, это не так.» were X restated (`segmentation._LABEL_NO_RE`);
- the colloquial "Nope." / «Неа.» after a statement deny it as "No." / «Нет.» do (NEGATIONS;
  NORMALIZER_VERSION 13);
- after an explainer's opening question of another thing, a leading «(Ответ:) нет, …» is that question's answer,
  read apart from the statement after it: «Можно ли въехать в Финляндию? Ответ: нет, X.» states X (`split_parts`,
  `_ANSWER_LEAD_RE`). A first version also read a bare «Нет.» after such a question as its answer, and any
  labelled «нет,» as a denial whatever followed; break test b32 found both wrong (a same-topic question's «Нет.»
  denies; «Вердикт: нет, это не фейк» confirms), so a labelled «нет,» denies only before a verdict.
"""

from __future__ import annotations

import pytest

from claims.match import Matcher
from claims.normalize import normalize

FACT_CHECKS = {
    1: ("Минздрав запретил продажу энергетиков подросткам", "ru"),
    2: ("Финляндия закрыла границу с Россией", "ru"),
    3: ("Роскомнадзор заблокировал Telegram", "ru"),
    4: ("5G towers spread the coronavirus", "en"),
    6: ("Vaccines cause autism", "en"),
}
FLAGGED = [
    (2, "Финляндия закрыла границу с Россией. Ответ: нет, это фейк."),
    (2, "Финляндия закрыла границу с Россией. Коротко: нет, это не так."),
    # break test b32: a bare «Нет.» after a question on the same topic, or after a report, denies the statement
    # (a first version read it as the question's answer whenever the question shared under half the words)
    (2, "Что происходит на границе? В соцсетях пишут, что Финляндия закрыла границу с Россией. Нет."),
    (2, "Въезд в Финляндию на машине закрыт? Финляндия закрыла границу с Россией. Нет."),
    (2, "Закрыла ли Финляндия границу с Россией? Ответ: нет, это фейк."),
    (4, "5G towers spread the coronavirus. Spoiler: no, that is a myth."),
    (6, "Vaccines cause autism. Nope."),
    (3, "Роскомнадзор заблокировал Telegram. Неа."),
    # what an answer already denied, still flagged
    (2, "Финляндия закрыла границу с Россией. Нет."),
    (6, "Vaccines cause autism. No."),
    (2, "Финляндия закрыла границу с Россией? Нет, граница открыта."),
    (2, "Правда ли, что Финляндия закрыла границу с Россией? Нет, Финляндия не закрывала границу."),
    (6, "Do vaccines cause autism? No, vaccines do not cause autism."),
]
PLAIN = [
    (2, "Можно ли въехать в Финляндию? Ответ: нет, Финляндия закрыла границу с Россией."),
    (1, "Будут ли энергетики в магазинах у школ? Коротко: нет, Минздрав запретил продажу энергетиков подросткам."),
    (4, "Is it safe to live near a mast? Short answer: no, 5G towers spread the coronavirus."),
    # no answer at all
    (2, "Финляндия закрыла границу с Россией. Ответ: нет сомнений."),
    (2, "Финляндия закрыла границу с Россией. Нет, это не шутка."),
    (2, "Финляндия закрыла границу с Россией. Нет, не временно, а бессрочно."),
    (6, "Vaccines cause autism. No doubt."),
    (6, "Vaccines cause autism. No kidding."),
    # break test b32: a labelled «нет,» that goes on to say something else than a verdict answers something else
    (2, "Финляндия закрыла границу с Россией. Вердикт: нет, это не фейк."),
    (2, "Финляндия закрыла границу с Россией. Спойлер: нет, исключений для дипломатов не будет."),
    (2, "Финляндия закрыла границу с Россией. Коротко: нет, вернуть машину не получится."),
    (6, "Vaccines cause autism. Verdict: no, this is not fake news."),
    (4, "5G towers spread the coronavirus. Bottom line: no, you cannot avoid them."),
]
# known limits, the cost of the b32 fixes: a labelled «нет,» before a statement that is no verdict word, and a bare
# «Нет.» / "Nope." answering an explainer's opening question of another thing
UNREAD = [
    pytest.param(2, "Финляндия закрыла границу с Россией? Спойлер: нет, граница открыта.", True),
    pytest.param(6, "Vaccines cause autism. Short answer: no, they don't.", True),
    pytest.param(2, "Можно ли въехать в Финляндию? Финляндия закрыла границу с Россией. Нет.", False),
    pytest.param(6, "Should you trust your paediatrician? Vaccines cause autism. Nope.", False),
]


def test_the_answer_is_read_apart_from_the_statement_it_precedes():
    from claims.match.segmentation import split_parts

    text = "Можно ли въехать в Финляндию? Ответ: нет, Финляндия закрыла границу с Россией."
    assert [p.text for p in split_parts(text)][-1] == "Финляндия закрыла границу с Россией."


# An English claim's names as written (its normalised form is lower-cased: «musk» is a word like any other
# there) and an English message told in the passive read doer first: another person in the claim's place
# is another claim (break test, 2026-12-03: each was a plain match 94–99 in a store of four claims)
EN_CLAIMS = {1: ("Elon Musk bought Twitter", "en"), 2: ("Pfizer vaccine causes infertility", "en"),
             3: ("Илон Маск купил Twitter", "ru"), 4: ("Garlic protects against coronavirus", "en"),
             5: ("Taylor Swift gave a concert in Moscow in October 2026.", "en"),
             6: ("Scientists found microplastics in human brains.", "en"),
             7: ("Police arrested 50 climate activists in London.", "en")}
EN_OTHER = [(1, "Jeff Bezos bought Twitter"), (1, "Twitter was bought by Jeff Bezos"),
            # a claim's first word that is a name anyway (b33: contradiction.english_names; and the vaccine line of
            # the alternatives table)
            (2, "The Moderna vaccine causes infertility"),
            (5, "Lady Gaga gave a concert in Moscow in October 2026."),
            (5, "Taylor Swift gave a concert in Warsaw in October 2026.")]
EN_SAME = [(1, "Twitter was bought by Elon Musk"), (1, "Twitter was bought by Musk"),
           (2, "Infertility is caused by the Pfizer vaccine"), (2, "Infertility is caused by Pfizer's vaccine"),
           # a month is capitalised but no name (the first version read "Oct." as another name than October)
           (5, "Taylor Swift gave a concert in Moscow in Oct. 2026."),
           # a first word's capital says nothing (b32: each was related after the first version)
           (6, "Researchers at the University of New Mexico found microplastics in human brains."),
           (6, "A study by Harvard found microplastics in human brains."),
           (7, "Scotland Yard arrested 50 climate activists in London."),
           (7, "50 climate activists were arrested in London by the Met.")]


@pytest.mark.parametrize("cid, text", EN_OTHER)
def test_another_name_in_an_english_claims_place_is_no_plain_match(store, cid, text):
    hit = _hit(store("en"), text, cid)
    assert hit is not None and hit.relation != "match", hit


def test_an_english_claims_names_survive_the_store(tmp_path, monkeypatch):
    """Through `claims import` and `claims match`: the names are read from the stored text at start-up."""
    import json
    import subprocess
    import sys

    rows = tmp_path / "fc.jsonl"
    rows.write_text(json.dumps({"text": "Elon Musk bought Twitter", "verdict": "false", "lang": "en"}) + "\n")
    env = {**__import__("os").environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}", "ENCODER": "none"}
    run = lambda *a, **kw: subprocess.run([sys.executable, "-m", "claims.cli", *a], env=env, capture_output=True,  # noqa: E731
                                          text=True, timeout=120, **kw)
    assert run("import", str(rows)).returncode == 0
    out = run("match", "--stdin", "--json", "--min-score", "0", input="Jeff Bezos bought Twitter")
    assert out.returncode == 0, out.stderr
    hits = json.loads(out.stdout.splitlines()[0])["results"]
    assert hits and all(h["relation"] != "match" for h in hits), hits


# Break test b31 (15 fact-checks, 261 messages of the tester's own, 2026-12-03): a per cent sign was dropped by
# the normaliser, so «на 40% за год» read as «40 год», forty years, and every restatement with «за год» moved
# elsewhere was flagged "period" (normaliser version 13: «40%» → 40 процент); «закупить» is a buying verb of the
# converse table («Казахстан продал Белоруссии …» was a plain match of «Казахстан закупил у Белоруссии …», the true
# «Белоруссия продала Казахстану …» flagged "roles"); «не смог / не сумел X» negates X; «принять» / «отклонить» (a
# law) are antonyms
B31_CLAIMS = {
    1: ("Цена на сливочное масло в России выросла на 40% за год.", "ru"),
    2: ("Казахстан закупил у Белоруссии 300 тракторов МТЗ.", "ru"),
    3: ("ЦСКА обыграл «Локомотив» со счётом 2:0.", "ru"),
    4: ("Госдума приняла закон, запрещающий коллекторам звонить должникам по ночам.", "ru"),
    7: ("Butter prices in Russia rose 40% in a year.", "en"),
    8: ("Инфляция в России за 5 лет составила 40 процентов.", "ru"),
    9: ("Цены на яйца в России выросли на 100% за год.", "ru"),
    10: ("Egg prices in the US rose 60% in a year.", "en"),
    11: ("Россия закупила у Ирана 500 беспилотников «Шахед».", "ru"),
}
B31_PLAIN = [
    (1, "Сливочное масло в России за год подорожало на 40%."),
    (1, "Цена на сливочное масло в России выросла за год на 40%."),
    (1, "Цена на сливочное масло в России выросла на 40% за последний год."),
    (1, "За год цена на сливочное масло в России выросла на 40%."),
    (1, "Сливочное масло за год подорожало на 40 процентов."),
    (8, "Инфляция в России за пять лет составила 40%."),
    (7, "Butter prices in Russia rose by 40 percent in a year."),
    (2, "Белоруссия продала Казахстану 300 тракторов МТЗ."),
    (2, "Казахстану продала Белоруссия 300 тракторов МТЗ."),
    (2, "Казахстан купил у Белоруссии 300 тракторов МТЗ."),
    (9, "Цены на яйца в России выросли на 100 процентов за год."),
    # a buyer is a getter (converses.tsv give_get; b32: «Иран поставил России …» was flagged roles)
    (11, "Иран поставил России 500 беспилотников «Шахед»."),
    (11, "Иран продал России 500 беспилотников «Шахед»."),
    (3, "ЦСКА смог обыграть «Локомотив» со счётом 2:0."),
    (3, "ЦСКА сумел обыграть «Локомотив» 2:0."),
    (4, "Госдума одобрила закон, запрещающий коллекторам звонить должникам по ночам."),
    (4, "Депутаты приняли закон: коллекторам запретили звонить должникам по ночам."),
]
B31_FLAGGED = [
    (1, "Цена на сливочное масло в России выросла на 40% за месяц."),
    (1, "Цена на сливочное масло в России за месяц выросла на 40%."),
    (1, "Цена на сливочное масло в России выросла на 4% за год."),
    (8, "Инфляция в России за 5 месяцев составила 40%."),
    # the same number in another unit (b32): «рублей» against «%», "cents" against "%"
    (9, "Цены на яйца в России выросли на 100 рублей за год."),
    (10, "Egg prices in the US rose 60 cents in a year."),
    (11, "Россия продала Ирану 500 беспилотников «Шахед»."),
    (7, "Butter prices in Russia rose 40% in a month."),
    (2, "Казахстан продал Белоруссии 300 тракторов МТЗ."),
    (2, "Белоруссия закупила у Казахстана 300 тракторов МТЗ."),
    (3, "ЦСКА не смог обыграть «Локомотив», уступив 0:2."),
    (3, "ЦСКА так и не сумел обыграть «Локомотив»."),
    (4, "Госдума отклонила закон, запрещающий коллекторам звонить должникам по ночам."),
    (4, "Депутаты Госдумы провалили закон, запрещающий коллекторам звонить должникам по ночам."),
]


@pytest.mark.parametrize("text, lang, want", [
    ("выросла на 40% за год", "ru", "вырасти 40 процент год"),
    ("выросла на 40 процентов за год", "ru", "вырасти 40 процент год"),
    ("rose 40% in a year", "en", "rose 40 percent year"),
])
def test_a_per_cent_sign_reads_as_the_word(text, lang, want):
    assert normalize(text, lang) == want


# a refusal or failure to do what the claim says is its negation (b31: «Финляндия отказалась повышать пенсионный
# возраст до 70 лет» was a plain match 92.0 of "Finland raised the retirement age to 70"; contradiction._REFUSALS)
REFUSAL_CLAIMS = {1: ("Finland raised the retirement age to 70.", "en"),
                  2: ("Финляндия повысила пенсионный возраст до 70 лет.", "ru"),
                  5: ("CSKA beat Lokomotiv 2-0.", "en"),
                  4: ("Минздрав запретил продажу энергетиков подросткам.", "ru")}
REFUSED = [(1, "Финляндия отказалась повышать пенсионный возраст до 70 лет."),
           (2, "Финляндия отказалась повышать пенсионный возраст до 70 лет."),
           (1, "Finland refused to raise the retirement age to 70."),
           (2, "Finland refused to raise the retirement age to 70."),
           (5, "CSKA failed to beat Lokomotiv.")]
NOT_REFUSED = [(2, "Финляндия повысила пенсионный возраст до 70 лет, отказавшись от компромисса."),
               (2, "Финляндия повысила пенсионный возраст до 70 лет, хотя профсоюзы отказались это поддержать."),
               (1, "Finland raised the retirement age to 70, refusing to compromise."),
               (4, "Минздрав запретил продажу энергетиков подросткам. Магазины отказались продавать их школьникам.")]


# "not confirmed" after a statement is a verdict of it (b31: «…куркума снижает сахар у диабетиков? Исследования этого
# не подтвердили.» was a plain match 91.8; segmentation._NOT_CONFIRMED_RE)
CONFIRM_CLAIMS = {5: ("Куркума снижает уровень сахара в крови у диабетиков.", "ru"),
                  6: ("Turmeric lowers blood sugar in diabetics.", "en"),
                  2: ("Финляндия закрыла границу с Россией", "ru")}
UNCONFIRMED = [
    (5, "Кто-то всё ещё верит, что куркума снижает сахар у диабетиков? Исследования этого не подтвердили."),
    (5, "Куркума снижает уровень сахара в крови у диабетиков. Это не подтвердилось."),
    (5, "Куркума снижает уровень сахара в крови у диабетиков. Учёные не подтвердили это."),
    (5, "Куркума знижує рівень цукру в крові у діабетиків. Дослідження цього не підтвердили."),
    (6, "Turmeric lowers blood sugar in diabetics. Studies have not confirmed this."),
    (6, "Turmeric lowers blood sugar in diabetics. This has not been confirmed."),
]
CONFIRMED = [
    (5, "Куркума снижает уровень сахара в крови у диабетиков. Это подтвердили учёные."),
    (6, "Turmeric lowers blood sugar in diabetics. Studies have confirmed this."),
    (2, "Финляндия закрыла границу с Россией. Сроки пока не подтвердили."),
    (2, "Финляндия закрыла границу с Россией. Официально это подтвердили в МВД."),
]


# a correction («На деле …», "In fact, …") after a statement the post gives as doubtful («якобы», "allegedly",
# «Говорят, что …») is a verdict of it (b31: «… якобы выросли в 1,5 раза. На деле — лишь на 15%.» was a plain match
# 96.9; segmentation._IN_FACT_RE)
FACT_CLAIMS = {1: ("Зарплаты учителей в Татарстане выросли в 1,5 раза.", "ru"),
               2: ("Teachers' salaries in Tatarstan rose 1.5 times.", "en")}
CORRECTED = [
    (1, "Зарплаты учителей в Татарстане якобы выросли в 1,5 раза. На деле — лишь на 15%."),
    (1, "Зарплаты учителей в Татарстане якобы выросли в 1,5 раза. На самом деле они выросли на 15%."),
    (1, "Говорят, что зарплаты учителей в Татарстане выросли в 1,5 раза. В действительности рост составил 15%."),
    (2, "Teachers' salaries in Tatarstan allegedly rose 1.5 times. In fact, they rose by 15%."),
]
NOT_CORRECTED = [
    (1, "Зарплаты учителей в Татарстане выросли в 1,5 раза. На деле это значит прибавку в 20 тысяч рублей."),
    (1, "Зарплаты учителей в Татарстане выросли в 1,5 раза. На самом деле это рекорд для региона."),
]


# every group's claims in a store of their own, as the break testers had them (`stored`: the store's start-up)
STORES = {"answers": FACT_CHECKS, "en": EN_CLAIMS, "b31": B31_CLAIMS, "refusals": REFUSAL_CLAIMS,
          "confirm": CONFIRM_CLAIMS, "facts": FACT_CLAIMS}


@pytest.fixture(scope="module")
def store(encoder):
    from tests.test_match_written_language import stores_by_group

    return stores_by_group(encoder, STORES)


def _hit(m: Matcher, text: str, cid: int):
    from tests.test_match_written_language import hit_of

    return hit_of(m, text, cid)


def _in(group: str, rows: list) -> list:
    """`rows` of (cid, text) or pytest.param(cid, text, marks=…) as (group, cid, text) parameters."""
    return [pytest.param(group, *r.values, marks=r.marks) if hasattr(r, "marks") else (group, *r) for r in rows]


@pytest.mark.parametrize("group, cid, text", _in("answers", FLAGGED) + _in("b31", B31_FLAGGED) + _in("refusals", REFUSED)
                         + _in("confirm", UNCONFIRMED) + _in("facts", CORRECTED))
def test_a_reversal_or_denial_is_flagged(store, group, cid, text):
    hit = _hit(store(group), text, cid)
    assert hit is not None and hit.contradicts, hit


@pytest.mark.parametrize("group, cid, text", _in("answers", PLAIN) + _in("en", EN_SAME) + _in("b31", B31_PLAIN)
                         + _in("refusals", NOT_REFUSED) + _in("confirm", CONFIRMED) + _in("facts", NOT_CORRECTED))
def test_a_restatement_stays_a_plain_match(store, group, cid, text):
    hit = _hit(store(group), text, cid)
    assert hit is not None and (hit.relation, hit.contradicts) == ("match", False), hit


@pytest.mark.xfail(strict=True, reason="answers read by their words alone (b32): a labelled «нет,» denies only with a "
                                       "verdict after it; a bare «Нет.» after a question denies the statement")
@pytest.mark.parametrize("cid, text, flagged", UNREAD)
def test_answers_read_by_their_words_alone(store, cid, text, flagged):
    hit = _hit(store("answers"), text, cid)
    assert hit is not None and hit.contradicts == flagged, hit
