"""A post is read sentence by sentence in each sentence's own language, as a new user's forwarded
channel post mixes them: an English statement quoted in a Russian post is a match across languages
(it was read as Russian, got no cross-language model and was shown as «related» by the same-date
check), and one Ukrainian sentence no longer makes a whole Russian post Ukrainian (each Russian
sentence's hit was marked as crossing languages). Also: a «не» on an imperative of the message's own
(«ешьте больше чеснока и не болейте») is advice to the reader, not a reversal of the claim.
Found trying issue 10's "Done when" as a new user (ingest the sample article, import a few
fact-checks, `claims match --json` a long post)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claims.match import Matcher
from claims.normalize import normalize
from claims.settings import Settings

SAMPLE = Path(__file__).resolve().parent.parent / "claims" / "data" / "sample_article.txt"

FACT_CHECKS = {
    1: "Центробанк повысил ключевую ставку до 21 процента",
    2: "Чеснок защищает от заражения коронавирусом",
    3: "Выборы мэра Москвы пройдут 15 марта 2026 года",
    4: "Путин посетил Северную Корею в июне 2024 года",
    5: "В Казани открыли вторую линию метро",
}

VERBATIM = "Теперь об экономике. Центробанк повысил ключевую ставку до 21 процента."
REPHRASED = "Чесночок спасает от ковида, ешьте больше."
ENGLISH = "Putin visited North Korea in June 2024, the Kremlin confirmed in a short statement."
UKRAINIAN = "Путін відвідав Північну Корею у червні 2024 року, підтвердили в Кремлі."
REVERSED = "Транспорт меняется: в Казани закрыли вторую линию метро, пассажирам советуют пользоваться автобусами."
FILLER = [
    "Доброе утро, друзья! Собрали для вас главное за неделю, читайте до конца и делитесь с близкими.",
    "Погода в столице наконец наладилась: синоптики обещают до плюс двенадцати и никаких дождей до понедельника.",
    "На дорогах по-прежнему пробки, особенно на выездах из города, так что планируйте время заранее.",
    "В выходные в парках пройдут ярмарки выходного дня, будут фермерские продукты, мёд и выпечка.",
    "Аналитики говорят, что кредиты станут дороже уже в ближайший месяц, а ставки по вкладам немного подрастут.",
    "Врачи в нашем городском чате снова спорят о народных средствах, ответ терапевта опубликуем завтра.",
    "Встреча прошла за закрытыми дверями, подробности переговоров не раскрываются.",
    "Жители недовольны, в соцсетях уже появились петиции, мэрия пока не назвала сроки.",
    "Наша футбольная команда выиграла выездной матч со счётом два-один, следующая игра в субботу.",
    "В областном музее открылась выставка современного искусства: более ста работ молодых художников.",
    "Во дворах начали ставить новые детские площадки, управляющие компании обещают закончить к концу месяца.",
    "Волонтёры приглашают всех желающих на субботник в сквере у библиотеки, инвентарь выдадут на месте.",
    "Напоминаем о бесплатных курсах компьютерной грамотности для пенсионеров, запись по телефону.",
    "В филармонии в пятницу выступит камерный оркестр, в программе Моцарт, Гайдн и современные авторы.",
    "Городская поликлиника переходит на летний график работы, приём по субботам до двух часов дня.",
    "На набережной заканчивают укладку новой плитки, к открытию сезона обещают поставить скамейки.",
    "Напоминаем, что у нас есть бот для проверки новостей. Хорошего дня и берегите себя!",
]


def _post(foreign: str) -> str:
    """A channel post of about 2,000 characters: news, the claim verbatim, a rephrasing, `foreign`
    (a sentence in another language stating claim 4) and a reversal of claim 5, in that order."""
    f = FILLER
    text = " ".join([*f[:4], VERBATIM, f[4], f[5], REPHRASED, foreign, f[6], REVERSED, *f[7:]])
    assert 1_900 <= len(text) <= 4_000, len(text)
    return text


@pytest.fixture(scope="module")
def desk(encoder) -> Matcher:
    m = Matcher(Settings(_env_file=None), encoder=encoder)
    m.build((i, normalize(t), "", "ru") for i, t in FACT_CHECKS.items())
    m.put_vectors(list(FACT_CHECKS), encoder.encode(list(FACT_CHECKS.values())))
    return m


def _hits(m: Matcher, text: str) -> dict[int, object]:
    return {h.claim_id: h for h in m.match(text)}


@pytest.mark.parametrize("foreign,lang", [(ENGLISH, "en"), (UKRAINIAN, "uk")])
def test_a_foreign_sentence_in_a_russian_post_is_a_match_across_languages(desk, foreign, lang):
    text = _post(foreign)
    hits = _hits(desk, text)
    h = hits.get(4)
    assert h is not None and h.relation == "match" and not h.contradicts, h
    assert h.cross_language and h.language == lang, h
    assert h.part_text == foreign
    # the Russian sentences stay Russian: not marked as crossing languages
    assert hits[1].relation == "match" and not hits[1].cross_language and hits[1].language == "ru", hits[1]
    assert hits[2].relation == "match" and not hits[2].cross_language, hits[2]
    assert hits[5].contradicts and "antonym" in hits[5].reasons and not hits[5].cross_language, hits[5]


@pytest.mark.parametrize("text,claim", [
    ("Новини дня. У Львові відкрили новий міст через річку, рух по ньому почнеться в понеділок. "
     "Синоптики обіцяють теплу погоду без опадів до кінця тижня. "
     "Центробанк повысил ключевую ставку до 21 процента. "
     "Ми стежимо за подіями і повідомимо вам про все важливе, що станеться.", 1),
    # no «ы»: Russian by its «и» and «щ», which Belarusian does not write (the whole post's reading
    # across languages scored higher and was kept)
    ("Сёння ў Мінску прайшоў дождж, а ўвечары чакаецца туман на дарогах. "
     "Чеснок защищает от заражения коронавирусом. "
     "Беларускія сінаптыкі абяцаюць пацяпленне да канца тыдня і сонечныя выхадныя.", 2),
])
def test_a_russian_sentence_in_a_ukrainian_or_belarusian_post_is_not_across_languages(desk, text, claim):
    h = _hits(desk, text).get(claim)
    assert h is not None and h.relation == "match" and not h.cross_language and h.language == "ru", h


def test_a_negated_imperative_of_the_message_is_no_reversal(desk):
    for text in ("Чесночок спасает от ковида, ешьте больше чеснока и не болейте",
                 "Чесночок спасает от ковида, не болейте!"):
        h = _hits(desk, text).get(2)
        assert h is not None and h.relation == "match" and not h.contradicts, (text, h)
    # so is a Ukrainian, Belarusian or English one (before: «не хворійте», «не хварэйце» and "Don't
    # get sick!" were read as a negation of the claim, "possibly contradicts")
    for text in ("Часник захищає від коронавірусу, не хворійте!",
                 "Часник захищає від коронавірусу, їжте більше часнику і не хворійте",
                 "Часнык абараняе ад каранавірусу, не хварэйце!",
                 "Часнык абараняе ад каранавірусу, ешце больш часныку і не хварэйце",
                 "Garlic protects you from COVID. Don't get sick!"):
        h = _hits(desk, text).get(2)
        assert h is not None and h.relation == "match" and not h.contradicts, (text, h)
    # a «не» on the statement itself is still a reversal, with advice after it or not
    for text in ("Чеснок не спасает от ковида, не верьте", "Чесночок не спасает от ковида",
                 "Чеснок не защищает от коронавируса, ешьте чеснок",
                 "Часник не захищає від коронавірусу, не хворійте", "Часнык не абараняе ад каранавірусу, не хварэйце",
                 "Garlic does not protect you from COVID. Don't panic!"):
        h = _hits(desk, text).get(2)
        assert h is not None and h.contradicts and "negation" in h.reasons, (text, h)


def test_done_when_through_the_cli(run_cli, tmp_path):
    """Issue 10's "Done when" as a new user does it: the sample article ingested, a few fact-checks
    imported, a long post matched with `--json` and without."""
    run_cli("ingest", str(SAMPLE), check=True)
    path = tmp_path / "fc.jsonl"
    path.write_text("".join(json.dumps({"id": f"fc-{i}", "text": t, "verdict": "false"}, ensure_ascii=False) + "\n"
                            for i, t in FACT_CHECKS.items()), encoding="utf-8")
    run_cli("import", str(path), check=True)
    text = _post(ENGLISH)
    env = {"ENCODER": "use-m3"}
    out = json.loads(run_cli("match", text, "--json", env=env, check=True).stdout)
    assert out["language"] == "ru"
    by_text = {r["claim"]["text"]: r for r in out["results"]}
    got = [(r["relation"], r["contradicts"], r["cross_language"]) for r in
           (by_text.get(FACT_CHECKS[i], {"relation": None, "contradicts": None, "cross_language": None})
            for i in (1, 2, 4, 5))]
    assert got == [("match", False, False), ("match", False, False), ("match", False, True),
                   ("related", True, False)], got
    matched = [r for r in out["results"] if r["relation"] == "match"]
    assert [r["part"]["start"] for r in matched] == sorted(r["part"]["start"] for r in matched)
    e = by_text[FACT_CHECKS[4]]
    assert text[e["part"]["start"]:e["part"]["end"]] == ENGLISH and e["language"] == "en"
    plain = run_cli("match", text, env=env, check=True).stdout
    assert "(across languages: en → ru)" in plain and "(possibly contradicts: antonym)" in plain, plain


@pytest.mark.parametrize("lang, words", [("ru", "сообщение или его часть на другом языке"),
                                         ("en", "the message or a part of it")])
def test_the_bot_card_does_not_say_a_russian_post_is_in_another_language(lang, words):
    """The English sentence of a Russian post crosses languages, the post does not: the card said
    «Сообщение на другом языке» / "The message is in another language" under such a hit."""
    from bot.render import match_card
    from claims.models import Claim
    from claims.services.matching import MatchItem

    claim = Claim(id=4, text=FACT_CHECKS[4], verdict="true", language="ru")
    card = match_card(1, MatchItem(claim, None, 91.4, "match", part=(713, 796), part_text=ENGLISH,
                                   cross_language=True, language="en"), lang)
    assert words in card, card


RUDENKO = ("Кроме того, заместитель министра иностранных дел России Андрей Руденко сообщил, что в ближайшее "
           "время в Северную Корею планируют отправить дополнительные российские делегации.")


def test_a_negation_in_one_sentence_of_a_post_does_not_flag_a_claim_another_sentence_resembles(encoder):
    """A 2,000-character post of reversals: the sample article's claim on Rudenko's delegations came
    back «related 24.8, possibly contradicts: negation» — read on the whole post, a «не» of one
    sentence stood near words («сообщили», «Северной Корее») of others. Each reversal keeps its flag."""
    m = Matcher(Settings(_env_file=None), encoder=encoder)
    claims = {**FACT_CHECKS, 15: RUDENKO}
    m.build((i, normalize(t), "", "ru") for i, t in claims.items())
    m.put_vectors(list(claims), encoder.encode(list(claims.values())))
    f = FILLER
    text = " ".join([*f[:4], "Выборы мэра Москвы пройдут 15.04.2026, сообщили в избиркоме.", f[4], f[5],
                     "Одна из участниц пишет, что чеснок не защищает от ковида.", f[6],
                     "В Кремле заявили, что Путин никогда не был в Северной Корее.", REVERSED, *f[7:]])
    hits = _hits(m, text)
    assert 15 not in hits or not hits[15].contradicts, hits[15]
    assert [hits[i].reasons if i in hits else None for i in (3, 2, 4, 5)] == [
        ["date"], ["negation"], ["negation"], ["antonym"]], hits
