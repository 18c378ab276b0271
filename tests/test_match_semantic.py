"""What a forwarded post gets back with the sentence encoder on: long posts, rephrasings, other
languages, reversals, small stores, bad input; vectors stored once and loaded at start-up
(on SQLite and PostgreSQL); and lexical matching when the encoder cannot load."""

from __future__ import annotations

import json
import logging
import threading

import pytest

from claims.match import Matcher, load_encoder
from claims.match.segmentation import split_parts
from claims.normalize import normalize
from claims.settings import Settings

FACT_CHECKS = {
    1: "Чеснок защищает от заражения коронавирусом",
    2: "Правительство повысило НДС до 22 процентов",
    3: "В Казани открыли вторую линию метро",
    4: "Путин посетил КНДР в июне 2024 года",
    5: "Сбербанк заблокирует карты всех пенсионеров с 1 июля",
}
FILLER = ("Доброе утро, друзья! Сегодня в нашем канале главные новости дня. В Подмосковье ожидается "
          "облачная погода, без осадков. Футбольный клуб «Спартак» сыграл вничью с «Зенитом». ")
LONG_POST = (FILLER + "Внимание! Сбербанк заблокирует карты всех пенсионеров с 1 июля. Перешлите родным! "
             + FILLER * 24)


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings(_env_file=None)


def _matcher(settings, encoder, ids=tuple(FACT_CHECKS)) -> Matcher:
    m = Matcher(settings, encoder=encoder)
    m.build((i, normalize(FACT_CHECKS[i]), "", "ru") for i in ids)
    m.put_vectors(list(ids), encoder.encode([FACT_CHECKS[i] for i in ids]))
    return m


@pytest.fixture(scope="module")
def matcher(settings, encoder) -> Matcher:
    return _matcher(settings, encoder)


def _plain(hits) -> list[int]:
    return [h.claim_id for h in hits if h.relation == "match" and not h.contradicts]


@pytest.mark.parametrize("post", [LONG_POST, (FILLER * 26 + "Сбербанк заблокирует карты всех пенсионеров с 1 июля.")[-4_000:]])
def test_claim_inside_a_long_post_is_a_match_and_says_where(matcher, post):
    assert len(post) >= 3_900
    hits = matcher.match(post)
    assert _plain(hits) == [5]
    h = hits[0]
    assert post[h.part[0]:h.part[1]] == h.part_text
    assert "Сбербанк заблокирует карты" in h.part_text and len(h.part_text) < 300     # a sentence or a few


def test_post_with_two_claims_lists_both_in_post_order(matcher):
    post = FILLER + "А в Казани открыли вторую линию метро. " + FILLER + \
        "Правительство повысило НДС до 22 процентов. " + FILLER
    hits = matcher.match(post)
    assert _plain(hits) == [3, 2]
    assert hits[0].part[0] < hits[1].part[0]


def test_a_post_repeating_its_sentences_lists_each_claim_once_and_says_where(matcher):
    # forwarded chains repeat themselves: the claim at the start and again at the end, the same
    # filler between (each distinct sentence is encoded and ranked once; every copy keeps its place)
    claim = "Сбербанк заблокирует карты всех пенсионеров с 1 июля. "
    post = claim + FILLER * 10 + "А в Казани открыли вторую линию метро. " + FILLER * 10 + claim + "Перешлите родным!"
    hits = matcher.match(post)
    assert sorted(_plain(hits)) == [3, 5]
    for h in hits[:2]:
        assert post[h.part[0]:h.part[1]] == h.part_text
    assert "Сбербанк заблокирует карты" in hits[_plain(hits).index(5)].part_text
    assert "Казани открыли" in hits[_plain(hits).index(3)].part_text


class _CountingEncoder:
    """The test encoder, counting its calls and the texts of each."""

    def __init__(self, inner) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.calls: list[int] = []

    def encode(self, texts):
        self.calls.append(len(texts))
        return self.inner.encode(texts)


def test_a_long_posts_sentences_with_typos_are_encoded_together_and_still_found(settings, encoder):
    # a sentence restating a claim with a typo or a diminutive is also read with its words resolved
    # («митро» → метро, «карточки» → карта); a post's such readings go to the encoder in one
    # batch, not one call per sentence (a 2,000-character post has dozens of sentences)
    counting = _CountingEncoder(encoder)
    m = _matcher(settings, encoder)
    m.encoder = counting
    post = (FILLER + "В Казани открыли вторую линию митро. " + FILLER
            + "Сбербанк заблокирует карточки всех пенсионеров с 1 июля. " + FILLER * 6)
    assert len(post) > 600
    hits = m.match(post)
    assert _plain(hits) == [3, 5]
    assert len(counting.calls) == 2          # the post's sentences, then their resolved readings
    assert counting.calls[1] >= 2


@pytest.mark.parametrize("text, claim", [
    ("Кабмин поднял НДС до 22%", 2),
    ("Налог на добавленную стоимость увеличили до 22 процентов", 2),
    ("Правда ли, что Сбербанк заблокирует карты пенсионерам с 1 июля?", 5),
])
def test_rephrasing_with_other_words_is_a_match(matcher, text, claim):
    assert _plain(matcher.match(text)) == [claim]


@pytest.mark.parametrize("text, lang", [
    ("Часник захищає від зараження коронавірусом", "uk"),
    ("Garlic protects you from coronavirus infection", "en"),
])
def test_other_language_finds_the_russian_claim_and_says_so(matcher, text, lang):
    hits = matcher.match(text)
    assert _plain(hits)[:1] == [1]
    assert hits[0].cross_language is True and hits[0].language == lang


def test_same_language_match_is_not_marked_as_crossing(matcher):
    hits = matcher.match("Правительство повысило НДС до 22 процентов")
    assert hits[0].claim_id == 2 and hits[0].cross_language is False


@pytest.mark.parametrize("text", [
    "Кабмин поднял НДС до 22% https://www.example-news.com/economy/government-raises-value-added-tax-to-22-percent?utm_source=telegram",
    "Правительство повысило НДС до 22 процентов @EconomyNewsChannelOfficial https://t.me/EconomyNewsChannelOfficial/12345",
])
def test_a_link_in_a_russian_post_does_not_make_it_english(matcher, text):
    # the letters of a URL or @mention are no language: read as English, the post was scored by the
    # cross-language model (a plain rephrasing fell to "related" and was marked as crossing languages)
    hits = matcher.match(text)
    assert _plain(hits)[:1] == [2]
    assert hits[0].language == "ru" and hits[0].cross_language is False


@pytest.mark.parametrize("text, claim, reason", [
    ("В Казани закрыли вторую линию метро", 3, "antonym"),
    ("Правительство понизило НДС до 22 процентов", 2, "antonym"),
    ("Путин никогда не был в КНДР", 4, "negation"),
    ("Правительство повысило НДС до 25 процентов", 2, "number"),
    ("Путин посетил КНДР 15 марта 2024 года", 4, "date"),
])
def test_reversal_comes_back_flagged_never_as_a_plain_match(matcher, text, claim, reason):
    hits = matcher.match(text)
    hit = next(h for h in hits if h.claim_id == claim)        # never silently dropped
    assert hit.contradicts and reason in hit.reasons
    assert hit.relation != "match"


@pytest.mark.parametrize("ids", [(1,), (2,), (3,), (5,)])
def test_a_store_of_one_claim_decides_as_a_full_store(settings, encoder, ids):
    """A new desk with one fact-check gets the same decision as with several."""
    text = {1: "Часник захищає від зараження коронавірусом", 2: "Кабмин поднял НДС до 22%",
            3: "В Казани открыли вторую линию метро, сообщает мэрия", 5: LONG_POST}[ids[0]]
    small = _matcher(settings, encoder, ids)
    full = _matcher(settings, encoder)
    assert _plain(small.match(text)) == list(ids) == _plain(full.match(text))[:1]


@pytest.mark.parametrize("text", ["", "   ", "😀🔥👍", "https://t.me/some_channel/123", "\x00\x00",
                                  "Чеснок\x00защищает от заражения коронавирусом", "а" * 100_000,
                                  ("Чеснок защищает от заражения коронавирусом. " * 3_000)])
def test_bad_input_gives_an_answer_not_an_exception(matcher, text):
    hits = matcher.match(text)
    assert isinstance(hits, list)
    assert all(h.relation in ("match", "related", "none") for h in hits)


def test_encoder_that_fails_to_load_falls_back_to_lexical_with_one_warning(settings, caplog, monkeypatch):
    from claims.match import encoder as enc_mod

    def broken():
        raise OSError("weights missing")
    monkeypatch.setitem(enc_mod.ENCODERS, "broken", broken)
    with caplog.at_level(logging.WARNING, logger="claims.match.encoder"):
        enc = load_encoder("broken")
    assert enc is None
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1
    assert "lexical only" in caplog.records[0].getMessage()
    m = Matcher(settings, encoder=enc)
    m.build((i, normalize(t), "", "ru") for i, t in FACT_CHECKS.items())
    assert _plain(m.match("Правительство повысило НДС до 22 процентов")) == [2]


def test_split_parts_keeps_offsets_and_clauses():
    text = "Первое предложение тут длинное. Второе: налоги выросли в два раза; а цены упали на треть."
    parts = split_parts(text)
    assert all(text[p.start:p.end] == p.text for p in parts)
    texts = [p.text for p in parts]
    assert "Второе: налоги выросли в два раза" in texts and "а цены упали на треть." in texts
    assert split_parts("") == [] and split_parts("😀") == []
    (whole,) = split_parts("Одно предложение без точки")
    assert (whole.start, whole.end) == (0, 26)


# ------------------------------------------------------------------ stored vectors (both databases)

def _add_claims(engine, texts) -> list[int]:
    from claims.db import session_scope
    from claims.models import Claim, ClaimChange

    ids = []
    with session_scope(engine) as s:
        for t in texts:
            c = Claim(text=t, normalized=normalize(t), language="ru")
            s.add(c)
            s.flush()
            s.add(ClaimChange(claim_id=c.id, kind="add"))
            ids.append(c.id)
    return ids


def test_vectors_are_stored_once_loaded_at_start_and_backfill_resumes(db_url, settings, encoder):
    from sqlmodel import Session, select

    from claims.db import open_database, session_scope
    from claims.models import ClaimEmbedding
    from claims.services.match_index import count_missing_vectors, embed_missing, load_matcher

    engine = open_database(db_url)
    ids = _add_claims(engine, list(FACT_CHECKS.values()))
    with Session(engine) as s:
        assert count_missing_vectors(s, encoder) == 5
    assert embed_missing(engine, encoder, batch=2, limit=2) == 2          # interrupted after one batch
    with Session(engine) as s:
        assert count_missing_vectors(s, encoder) == 3
    assert embed_missing(engine, encoder, batch=2) == 3                    # resumes with the rest
    with Session(engine) as s:
        assert count_missing_vectors(s, encoder) == 0
        stored = {r.claim_id: r.vector for r in s.exec(select(ClaimEmbedding))}
    m = load_matcher(engine, settings, encoder=encoder)                   # start-up: loads, computes nothing
    assert all(m.has_vector(i) for i in ids)
    assert _plain(m.match("Кабмин поднял НДС до 22%")) == [ids[1]]
    with session_scope(engine) as s:
        assert {r.claim_id: r.vector for r in s.exec(select(ClaimEmbedding))} == stored
    engine.dispose()


def test_two_workers_starting_on_a_new_store_both_store_its_vectors(db_url, encoder):
    """Two bot workers start together on a new desk and both embed its first claims: the second
    write replaces the first instead of failing on the primary key (seen in the two-worker test)."""
    from sqlmodel import Session, select

    from claims.db import open_database
    from claims.models import ClaimEmbedding
    from claims.services.match_index import store_vectors

    engine = open_database(db_url)
    ids = _add_claims(engine, list(FACT_CHECKS.values())[:2])
    pairs = [(i, t) for i, t in zip(ids, list(FACT_CHECKS.values())[:2])]
    errors = []

    def second_worker() -> None:
        try:
            with Session(engine) as second:
                store_vectors(second, encoder, pairs)  # waits for the first worker's rows, then writes
                second.commit()
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    with Session(engine) as first:
        store_vectors(first, encoder, pairs)          # written, not yet committed
        worker = threading.Thread(target=second_worker)
        worker.start()
        worker.join(1.0)                              # the second worker is now waiting on the rows
        first.commit()
    worker.join(30)
    assert errors == []
    with Session(engine) as s:
        assert sorted(r.claim_id for r in s.exec(select(ClaimEmbedding))) == sorted(ids)
    engine.dispose()


def test_claim_written_by_another_process_is_matched_semantically_at_once(db_url, settings, encoder):
    from sqlmodel import select

    from claims.db import open_database, session_scope
    from claims.models import ClaimEmbedding
    from claims.services.match_index import follow_changes, load_matcher

    engine = open_database(db_url)
    _add_claims(engine, [FACT_CHECKS[3]])
    m = load_matcher(engine, settings, encoder=encoder)
    (new_id,) = _add_claims(engine, [FACT_CHECKS[2]])                    # another process writes
    with session_scope(engine) as s:
        assert follow_changes(s, m) == 1
    assert m.has_vector(new_id)
    with session_scope(engine) as s:
        row = s.exec(select(ClaimEmbedding).where(ClaimEmbedding.claim_id == new_id)).one()
        assert row.model == encoder.name and row.dim == encoder.dim
    assert _plain(m.match("Налог на добавленную стоимость увеличили до 22 процентов")) == [new_id]
    engine.dispose()


def test_cli_embed_then_match_json_names_the_part_and_the_language(run_cli, tmp_path):
    src = tmp_path / "checks.jsonl"
    src.write_text("\n".join(json.dumps({"text": t, "verdict": "false"}, ensure_ascii=False)
                             for t in FACT_CHECKS.values()), encoding="utf-8")
    env = {"ENCODER": "use-m3"}
    run_cli("import", str(src), check=True)
    proc = run_cli("db", "embed", env=env, check=True)
    assert "Stored 5" in proc.stdout
    assert "Every claim has" in run_cli("db", "embed", env=env, check=True).stdout
    messages = [LONG_POST, "Garlic protects you from coronavirus infection", "В Казани закрыли вторую линию метро"]
    proc = run_cli("match", "--stdin", "--json", input="\n".join(messages) + "\n", env=env, check=True)
    long_, en, rev = [json.loads(line) for line in proc.stdout.splitlines()]
    top = long_["results"][0]
    assert top["relation"] == "match" and top["claim"]["text"] == FACT_CHECKS[5]
    assert LONG_POST[top["part"]["start"]:top["part"]["end"]] == top["part"]["text"]
    assert en["language"] == "en" and en["results"][0]["cross_language"] is True
    assert en["results"][0]["relation"] == "match"
    assert rev["results"][0]["contradicts"] is True and rev["results"][0]["relation"] == "related"
    assert "antonym" in rev["results"][0]["reasons"]


@pytest.mark.parametrize("lang, words", [("ru", "на другом языке"), ("en", "in another language")])
def test_bot_card_says_when_the_match_crossed_languages(lang, words):
    from bot.render import match_card
    from claims.models import Claim
    from claims.services.matching import MatchItem

    claim = Claim(id=1, text=FACT_CHECKS[1], verdict="false", language="ru")
    crossed = match_card(1, MatchItem(claim, None, 80.0, "match", cross_language=True), lang)
    same = match_card(1, MatchItem(claim, None, 80.0, "match"), lang)
    assert words in crossed and words not in same


def test_new_desk_gets_vectors_at_start_without_a_backfill(db_url, settings, encoder, caplog):
    """A few fact-checks just written (no `claims db embed`): the first matcher embeds and stores
    them, so an English post finds the Russian claim at once."""
    from sqlmodel import Session

    from claims.db import open_database
    from claims.services.match_index import count_missing_vectors, load_matcher

    engine = open_database(db_url)
    ids = _add_claims(engine, list(FACT_CHECKS.values()))
    m = load_matcher(engine, settings, encoder=encoder)
    assert all(m.has_vector(i) for i in ids)
    with Session(engine) as s:
        assert count_missing_vectors(s, encoder) == 0                     # stored, not recomputed next time
    hits = m.match("Garlic protects you from coronavirus infection")
    assert hits[0].claim_id == ids[0] and hits[0].relation == "match" and hits[0].cross_language
    engine.dispose()


# headlines on the same people and topics as FACT_CHECKS: a store where a claim has neighbours
NEIGHBOURS = {
    101: "Путин провёл переговоры с Си Цзиньпином в Пекине",
    102: "Ким Чен Ын посетил завод по производству ракет",
    103: "КНДР провела испытания баллистической ракеты",
    104: "Путин выступил на пленарном заседании форума в Петербурге",
    105: "Лавров посетил Пхеньян с рабочим визитом",
    106: "Путин не исключил новых переговоров с Киевом",
    107: "КНДР не пустила иностранных журналистов на парад",
    108: "Путин подписал закон о бюджете на 2025 год",
    109: "Минфин предложил повысить налог на прибыль",
    110: "Госдума приняла закон о налоге на добавленную стоимость для IT-компаний",
}


@pytest.fixture(scope="module")
def crowded(settings, encoder) -> Matcher:
    texts = {**FACT_CHECKS, **NEIGHBOURS}
    m = Matcher(settings, encoder=encoder)
    m.build((i, normalize(t), "", "ru") for i, t in texts.items())
    m.put_vectors(list(texts), encoder.encode(list(texts.values())))
    return m


def test_reversal_in_other_words_is_flagged_among_neighbours(crowded, monkeypatch):
    # «никогда не был» shares no verb with «посетил»: among many headlines naming Путин and КНДР
    # (the development set's 2,735 distractors) its fused score fell to 10, below the floor of
    # flagged reversals, and the reversal was silently dropped. Here the floor is raised above
    # its score in this small store; the encoder still puts the claim nearest, so it is kept.
    import claims.match.matcher as mm

    assert crowded.match("Путин никогда не был в КНДР", min_score=0)[1].score < 25
    monkeypatch.setattr(mm, "CONTRA_FLOOR", 25.0)
    hits = crowded.match("Путин никогда не был в КНДР")
    hit = next(h for h in hits if h.claim_id == 4)
    assert hit.contradicts and "negation" in hit.reasons and hit.relation != "match"


@pytest.mark.parametrize("text, claim, reason", [
    ("Garlic does not protect you from coronavirus infection", 1, "negation"),
    ("The government lowered VAT to 22 percent", 2, "antonym"),
    ("The government raised VAT to 25 percent", 2, "number"),
    ("In Kazan the second metro line was closed", 3, "antonym"),
    # Ukrainian and Belarusian antonyms were missing: «знизив», «зачынілі» came back as plain matches
    ("Уряд знизив ПДВ до 22 відсотків", 2, "antonym"),
    ("У Казані закрили другу лінію метро", 3, "antonym"),
    ("Урад знізіў ПДВ да 22 працэнтаў", 2, "antonym"),
    ("У Казані зачынілі другую лінію метро", 3, "antonym"),
])
def test_reversal_in_another_language_is_flagged(matcher, text, claim, reason):
    # across languages the checks were skipped: these came back as plain matches or unflagged
    hits = matcher.match(text)
    hit = next(h for h in hits if h.claim_id == claim)
    assert hit.cross_language and hit.contradicts and reason in hit.reasons
    assert hit.relation != "match"


def test_cross_language_word_coverage_tells_a_translation_from_a_shared_name(matcher):
    c_garlic = normalize(FACT_CHECKS[1]).split()
    assert matcher.cross_coverage("Garlic protects you from coronavirus infection", c_garlic) > 0.6
    # a Ukrainian word spelt like the Russian one counts (single-word vectors rate «коронавірусом»
    # against «коронавирус» lower than a stranger's words)
    assert matcher.cross_coverage("Часник захищає від зараження коронавірусом", c_garlic) > 0.6
    # the names are said (the alias table makes "Apple" and "iPhone" one token in both languages),
    # the rest of the claim is not: a translation covers it far better
    c_apple = normalize("Apple прекратила продажи iPhone в России").split()
    shared = matcher.cross_coverage("Apple unveiled a new iPhone", c_apple)
    assert shared < 0.7
    assert matcher.cross_coverage("Apple stopped selling iPhones in Russia", c_apple) > shared + 0.15


@pytest.mark.parametrize("hidden", ["\u00ad", "\u200b", "\u2062", "\ufeff", "\u200f", "\u0301"])
@pytest.mark.parametrize("text", ["Правительство повысило НДС до 22 процентов", "В Казани открыли вторую линию метро",
                                  "Чеснок защищает от заражения коронавирусом"])
def test_invisible_characters_inside_words_change_nothing_with_the_encoder_on(matcher, text, hidden):
    """The encoder reads the message as a reader sees it: a soft hyphen, zero-width space,
    invisible operator, BOM, bidi mark or stress mark inside every word gives the same answer."""
    dirty = " ".join(w[:2] + hidden + w[2:] if len(w) > 3 else w for w in text.split())
    clean = [(h.claim_id, h.relation, h.score) for h in matcher.match(text)]
    assert [(h.claim_id, h.relation, h.score) for h in matcher.match(dirty)] == clean
    assert clean and clean[0][1] == "match"


def test_encoder_reads_a_pasted_tweet_as_its_words(matcher):
    """The encoder reads what the lexical side reads: a tweet pasted with its links, @handle and
    «— Name (@handle) date» tail gets the vector of its words (`message_text`), so the claim it
    repeats keeps the cosine of the tweet's text alone."""
    from claims.match.encoder import message_text

    words = "Garlic protects you from coronavirus infection"
    tweet = (f"{words} #garlic https://t.co/AbCdEf123 pic.twitter.com/XyZ987 @WHO "
             "— Jane Smith (@jane_smith_77) March 3, 2020")
    assert message_text(tweet).split()[:6] == words.split()
    assert "t.co" not in message_text(tweet) and "jane" not in message_text(tweet).casefold()
    clean, pasted = matcher.query_vectors(words)[0], matcher.query_vectors(tweet)[0]
    assert float(clean @ pasted) > 0.9
    hits = matcher.match(tweet)
    assert _plain(hits)[:1] == [1] and hits[0].cross_language


@pytest.mark.parametrize("claim, restated, other", [
    ("Финляндия вступила в НАТО в апреле 2023 года", "Finland joined NATO in April 2023",
     "Finland held parliamentary elections in April 2023"),
    ("Apple прекратила продажи iPhone в России", "Apple stopped selling iPhones in Russia",
     "Nokia stopped selling phones in Russia"),
    # Russian in Latin letters reads as English: its names are read as transliterated Russian too
    ("Вакцины от COVID-19 вызывают бесплодие", "privivki ot covida vyzyvayut besplodie", None),
])
def test_english_post_leaving_out_the_claims_name_is_not_a_match(settings, encoder, claim, restated, other):
    """An English post on the claim's country, date or market that does not name the body or the
    company the Russian claim is about states something else: the encoder and the word coverage
    rate it close to a translation (57.5 and 57.8, plain matches, before), so it is shown as
    related at most; the translation naming it stays a match."""
    m = Matcher(settings, encoder=encoder)
    texts = {**FACT_CHECKS, 9: claim}
    m.build((i, normalize(t), "", "ru") for i, t in texts.items())
    m.put_vectors(list(texts), encoder.encode(list(texts.values())))
    assert 9 in _plain(m.match(restated))
    if other is None:
        return
    hits = [h for h in m.match(other) if h.claim_id == 9]
    assert hits and hits[0].relation == "related" and not hits[0].contradicts


@pytest.mark.parametrize("text, claim", [
    ("Сербия вступила в ШОС", "Сербия вступила в Шанхайскую организацию сотрудничества"),
    ("Казахстан вышел из ЕАЭС", "Казахстан вышел из Евразийского экономического союза"),
])
def test_the_claims_own_words_under_an_acronym_are_a_match(settings, encoder, text, claim):
    # the message is the claim's three words once the alias table reads the acronym; the encoder
    # knows the acronym poorly and three words give the fused score little weight (44.3 and 51.8
    # before: related, or a match by a hair): a restatement in the claim's own words scores ≥ 75
    m = Matcher(settings, encoder=encoder)
    texts = {**FACT_CHECKS, 9: claim}
    m.build((i, normalize(t), "", "ru") for i, t in texts.items())
    m.put_vectors(list(texts), encoder.encode(list(texts.values())))
    hit = next(h for h in m.match(text) if h.claim_id == 9)
    assert hit.relation == "match" and not hit.contradicts and hit.score >= 75.0


NEWS = (
    'В Эрмитаже открылась выставка голландской живописи семнадцатого века из частных собраний.',
    'Жители Твери пожаловались на долгую очередь в поликлинике на улице Советской.',
    'Министерство транспорта обсуждает новые правила для курьеров на электросамокатах.',
    'В Самаре прошёл городской марафон, в котором участвовали более пяти тысяч бегунов.',
    'Учёные из Томска рассказали о новом способе очистки воды от тяжёлых металлов.',
    'Аэропорт Пулково временно ограничивал приём рейсов из-за густого тумана.',
    'Фермеры Алтайского края собрали рекордный урожай пшеницы за последние десять лет.',
    'В Калининграде прошёл фестиваль уличной музыки, на который приехали артисты из двенадцати городов.',
    'Театр юного зрителя в Екатеринбурге представил премьеру спектакля по сказкам Бажова.',
    'Городские власти Перми пообещали заменить старые автобусы на новые до конца года.',
    'В Сочи завершился международный шахматный турнир, победил гроссмейстер из Индии.',
    'На Камчатке проснулся вулкан Шивелуч, пепел поднялся на высоту восьми километров.',
    'Школьники из Уфы заняли первое место на олимпиаде по робототехнике.',
    'В Ярославле открыли новый парк с детскими площадками и велодорожками вдоль Волги.',
    'Компания по производству мебели из Вологды увеличила экспорт в соседние страны.',
    'Спасатели Мурманской области вытащили туристов, застрявших на снегоходе в тундре.',
    'Библиотека в Иркутске получила в дар коллекцию старинных карт Сибири.',
    'В Ростове-на-Дону продолжается реконструкция центрального рынка, торговцев переселили во временные павильоны.',
    'Омский зоопарк сообщил о рождении двух амурских тигрят.',
    'Водители в Челябинске жалуются на ямы после зимы, дорожные службы обещают залатать их к маю.',
    'Археологи нашли под Псковом остатки средневековой мастерской ювелира.',
    'В Хабаровске прошёл турнир по хоккею с мячом среди ветеранов.',
    'В Новосибирске завершили ремонт моста через реку Обь, движение открыто по всем полосам.',
    'Синоптики обещают на выходных в Центральной России до плюс пятнадцати градусов и небольшие дожди.',
    'Футбольный клуб из Краснодара подписал контракт с новым вратарём на три сезона.',
)     # a channel's day of unrelated news


def test_words_scattered_over_a_long_post_are_no_plain_match(settings, encoder):
    # «За последние годы отношения между Россией и Северной Кореей …» is not stated by a post that
    # has «Северную Корею» in one sentence, «за последние десять лет» in the harvest and «России» in
    # the weather: no sentence of it is near the claim. From 2,000 characters on it was a plain
    # match at 61 (the whole post's words), related in a shorter post (the decision flipped with length)
    m = Matcher(settings, encoder=encoder)
    texts = {1: "За последние годы отношения между Россией и Северной Кореей значительно активизировались",
             2: "Путин никогда не посещал Северную Корею", **{10 + i: t for i, t in FACT_CHECKS.items()}}
    m.build((i, normalize(t), "", "ru") for i, t in texts.items())
    m.put_vectors(list(texts), encoder.encode(list(texts.values())))
    for n in (8, 16, 23, 30):
        post = " ".join(("Путин посетил Северную Корею.",) + NEWS[:n])
        hits = m.match(post)
        assert 1 not in _plain(hits), (len(post), [(h.claim_id, h.score, h.relation) for h in hits])
        assert [h.claim_id for h in hits if h.contradicts] == [2]    # 1 is not flagged by a sentence
        # sharing only «последний год» with it (read alone, the harvest's «десять лет» is a period)
    # the claim said in one sentence of such a post is a match
    post = " ".join(NEWS[:12] + (texts[1] + ".",) + NEWS[12:])
    assert _plain(m.match(post)) == [1]


DIGEST = ("В Ярославле открыли новый парк.", "В Самаре прошёл марафон.", "В Туле выпал снег.",
          "Омский зоопарк ждёт гостей.")
UK_DIGEST = ("У Львові відкрили новий міст.", "У Самарі пройшов марафон.", "У Тулі випав сніг.",
             "Омський зоопарк чекає гостей.")


@pytest.mark.parametrize("reversal, digest", [("В Казани закрыли вторую линию метро.", DIGEST),
                                              ("У Казані закрили другу лінію метро.", UK_DIGEST)])
def test_a_reversal_in_a_digest_of_many_short_sentences_is_flagged(matcher, reversal, digest):
    # a post of over 48 sentences was matched two sentences at a time: the reversal was read with
    # its neighbour, whose «открыли» hid its «закрыли», and was a plain match at 95-97; every
    # sentence is now a part of its own
    post = " ".join((reversal,) + digest * 13)
    assert len(split_parts(post)) == post.count(".")
    hits = matcher.match(post)
    assert 3 not in _plain(hits)
    assert [h.claim_id for h in hits if h.contradicts] == [3]
    assert "antonym" in hits[[h.claim_id for h in hits].index(3)].reasons
    # the claim itself in such a post is still a plain match
    assert _plain(matcher.match(" ".join(("В Казани открыли вторую линию метро.",) + DIGEST * 13))) == [3]


EN_NEWS = ("The city council of Leeds approved a new budget for road repairs this spring.",
           "A local football club signed a new goalkeeper on a three-year contract.",
           "Forecasters expect mild weather with light rain over the weekend.",
           "A museum in Boston opened an exhibition of Dutch paintings from private collections.",
           "Farmers in Kansas reported a record wheat harvest this year.",
           "Students from Ohio won first place at a national robotics olympiad.")


@pytest.mark.parametrize("where", [0, 13, 26])
def test_an_english_claim_sentence_anywhere_in_a_long_english_post_is_found(matcher, where):
    # "Garlic protects you from COVID." is 0.49 from its Russian claim, under the bar of a part
    # matched on its own (0.5): it was found only through the whole post's words, which stop at
    # MAX_QUERY_TOKENS, so at the end of a 2,000-character post it was missing
    sents = list(EN_NEWS * 5)[:26]
    sents.insert(where, "Garlic protects you from COVID.")
    post = " ".join(sents)
    assert len(post) > 1_900
    hits = matcher.match(post)
    assert _plain(hits) == [1]
    assert hits[0].part_text == "Garlic protects you from COVID." and hits[0].cross_language
