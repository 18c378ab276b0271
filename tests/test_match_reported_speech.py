"""A claim reported inside a wordy sentence («Одна из участниц пишет, что …, поэтому …») of a long
post is read on its own, as the clause it is: the words of the frame around it («пишет, что»,
«по словам врача», "says that") and the consequence after it («, поэтому ешьте больше …») no
longer dilute it. Its reversal is still flagged, a denied report is no match, and an unrelated
report is no match. In-memory matchers: no database."""

from __future__ import annotations

import time

import pytest

from claims.match import Matcher
from claims.match.segmentation import MAX_PARTS, split_parts
from claims.settings import Settings
from test_match_every_sentence import NEWS

FACT_CHECKS = {
    1: "Чеснок защищает от заражения коронавирусом",
    2: "Имбирь излечивает грипп за три дня",
    6: "Центробанк повысил ключевую ставку до 21 процента",
}
WORDY = "Одна из участниц пишет, что чесночок спасает от ковида, поэтому ешьте больше чеснока и не болейте."


@pytest.fixture(scope="module")
def ru(fact_check_matcher, encoder) -> Matcher:
    return fact_check_matcher(FACT_CHECKS, Settings(_env_file=None), encoder)


def _post(sentence: str, before: int, after: int) -> str:
    return " ".join(list(NEWS[:before]) + [sentence] + list(NEWS[before:before + after]))


def _hit(m: Matcher, text: str, claim_id: int):
    return next((h for h in m.match(text) if h.claim_id == claim_id), None)


@pytest.mark.parametrize("before, after", [(3, 4), (0, 7), (4, 4), (8, 0)])
def test_a_claim_reported_in_a_wordy_sentence_of_a_long_post_is_a_match(ru, before, after):
    # before: a match alone (52.6), but inside a post of 6-8 other news sentences the sentence was
    # 0.476 from the claim, under the part bar of 0.5, and the post only related (32.1)
    alone = _hit(ru, WORDY, 1)
    assert alone is not None and alone.relation == "match" and not alone.contradicts
    post = _post(WORDY, before, after)
    hit = _hit(ru, post, 1)
    assert hit is not None and hit.relation == "match" and not hit.contradicts, hit
    assert "чесночок спасает от ковида" in hit.part_text and hit.part_text in WORDY
    assert post[hit.part[0]:hit.part[1]] == hit.part_text


@pytest.mark.parametrize("frame", [
    "Одна из участниц пишет, что {}, поэтому ешьте больше чеснока.",
    "В чате говорят, что {}, так что запасайтесь.",
    "По словам соседки, {}, поэтому не болейте.",
])
def test_a_reported_reversal_is_flagged_never_a_plain_match(ru, frame):
    for before, after in ((3, 4), (0, 7)):
        post = _post(frame.format("чеснок не защищает от заражения коронавирусом"), before, after)
        hit = _hit(ru, post, 1)
        assert hit is not None and hit.contradicts and hit.relation == "related", hit
        # the same frame repeating the claim is a match
        hit = _hit(ru, _post(frame.format("чесночок спасает от ковида"), before, after), 1)
        assert hit is not None and hit.relation == "match" and not hit.contradicts, hit


def test_a_denied_report_and_an_unrelated_report_are_no_match(ru):
    denied = _post("Никто из врачей не говорит, что чесночок спасает от ковида, так что не выдумывайте.", 3, 4)
    hit = _hit(ru, denied, 1)
    assert hit is None or hit.relation != "match", hit
    for sentence in ("Одна из участниц пишет, что чеснок отлично растёт на даче, поэтому сажайте больше.",
                     "Одна из участниц пишет, что в парке открылась выставка цветов, поэтому сходите."):
        for h in ru.match(_post(sentence, 3, 4)):
            assert h.relation != "match", (sentence, h)


def test_the_reported_clause_is_an_extra_part_with_exact_offsets():
    text = ("Главные новости этого дня. Одна из участниц пишет, что чесночок спасает от ковида, поэтому ешьте больше. "
            "По словам врача, имбирь излечивает грипп за три дня. My aunt says that garlic protects "
            "you from COVID, so eat more. Подруга пише, що часник захищає від коронавірусу, тому їжте "
            "більше. Никто не пишет, что чеснок защищает от ковида.")
    parts = split_parts(text)
    for p in parts:
        assert text[p.start:p.end] == p.text
    texts = [p.text for p in parts]
    for clause in ("чесночок спасает от ковида", "имбирь излечивает грипп за три дня.",
                   "garlic protects you from COVID", "часник захищає від коронавірусу"):
        assert clause in texts, texts
    assert "чеснок защищает от ковида." not in texts        # a denied report
    # every sentence is still a part, in text order
    assert "Одна из участниц пишет, что чесночок спасает от ковида, поэтому ешьте больше." in texts
    assert [p.start for p in parts] == sorted(p.start for p in parts)


def test_reported_clauses_keep_the_part_budget_and_linear_time():
    many = " ".join(f"Сосед номер {i} пишет, что чесночок спасает от ковида и гриппа." for i in range(200))
    parts = split_parts(many)
    assert len(parts) == 200           # every sentence; no clause beyond MAX_PARTS parts
    few = " ".join(f"Сосед номер {i} пишет, что чесночок спасает от ковида и гриппа." for i in range(20))
    assert len(split_parts(few)) == 40 <= MAX_PARTS
    # 100 KB sentences of nothing but reports, or a verb and «что» 100,000 blanks apart, are read
    # in linear time (before the blanks were made possessive the latter took 78 s)
    for blob in ("пишет, что " * 9_000 + "конец", "пишет" + " " * 100_000 + "что слово",
                 "по словам" + " " * 100_000 + "врача, чеснок", "что " * 25_000,
                 "пишет, что чеснок" + ", " * 50_000 + "поэтому"):
        t = time.process_time()
        for p in split_parts(blob):
            assert blob[p.start:p.end] == p.text
        assert time.process_time() - t < 2.0, blob[:20]


def _items(m: Matcher, post: str) -> list:
    """The matcher's hits on `post` as the service's MatchItems (what the bot files a tip from)."""
    from claims.models import Claim
    from claims.normalize import normalize
    from claims.services.matching import MatchItem

    return [MatchItem(Claim(id=h.claim_id, text=FACT_CHECKS[h.claim_id], normalized=normalize(FACT_CHECKS[h.claim_id])),
                      None, h.score, h.relation, h.contradicts, h.reasons, part=h.part, part_text=h.part_text)
            for h in m.match(post)]


def test_a_post_whose_reported_claim_matched_files_only_its_other_news_as_a_tip(ru):
    # the sentence that reports the claim is covered by its matched clause; the frame around the
    # claim («Одна из участниц пишет, что …, поэтому …») is no tip of its own
    from claims.services.matching import MatchResult
    from claims.services.tipline import tip_text_of

    news = "Депутаты предложили запретить продажу петард в жилых кварталах круглый год."
    post = _post(WORDY, 3, 0) + " " + news
    items = _items(ru, post)
    assert any(i.relation == "match" and i.claim.id == 1 for i in items)
    tip = tip_text_of(MatchResult(post, items))
    assert tip is not None and tip.matched_claims == [1]
    assert "петард" in tip.text and "участниц" not in tip.text and "чесночок" not in tip.text
    # a reported statement that matched nothing is filed with the sentence that reports it, not
    # cut down to the clause (the clause is a part to match, not a unit of the post)
    other = "Одна из участниц пишет, что депутаты запретят продажу петард круглый год, поэтому запасайтесь."
    post = _post(WORDY, 3, 0) + " " + other
    items = _items(ru, post)
    tip = tip_text_of(MatchResult(post, items))
    assert tip is not None and other in tip.text and "чесночок" not in tip.text, tip


# a report framed by any verb, not only the listed verbs of saying right before «что»
FRAMES = [
    "Учёные из Оксфорда наконец доказали, что {ru}, поэтому ешьте больше чеснока и не болейте всю зиму.",
    "Врачи из Израиля наконец официально признали, что {ru}, поэтому ешьте больше чеснока и не болейте.",
    "Как сообщили вчера вечером в областном минздраве, {ru}, поэтому ешьте больше чеснока и не болейте.",
    "Говорят, будто {ru}, поэтому ешьте больше чеснока и не болейте всю эту зиму.",
    "Минобороны Израиля официально утверждает: {ru}, поэтому ешьте больше чеснока и не болейте.",
    "Scientists from Oxford have finally proven that {en}, so eat more garlic and stay healthy all winter.",
    "Науковці з Оксфорда нарешті довели, що {uk}, тому їжте більше часнику і не хворійте.",
]
SAID = {"ru": "чесночок спасает от ковида", "en": "garlic protects you from COVID",
        "uk": "часник захищає від коронавірусу"}


@pytest.mark.parametrize("frame", FRAMES)
def test_a_claim_reported_after_any_verb_in_a_long_post_is_a_match(ru, frame):
    # before: each of these sentences was read only whole, at most "related" (32-34) inside the post
    # (the English and Ukrainian ones not found at all): the verb was not one of the listed verbs
    # of saying, or came before «будто», «:» or «как …,»
    sentence = frame.format(**SAID)
    said = next(v for v in SAID.values() if v in sentence)
    for before, after in ((3, 4), (0, 7)):
        post = _post(sentence, before, after)
        hit = _hit(ru, post, 1)
        assert hit is not None and hit.relation == "match" and not hit.contradicts, (frame[:30], hit)
        assert said in hit.part_text and post[hit.part[0]:hit.part[1]] == hit.part_text


@pytest.mark.parametrize("sentence, said", [
    ("Учёные доказали, что чеснок защищает от коронавируса.", "чеснок защищает от коронавируса."),
    ("Врачи из Израиля наконец официально признали, что чеснок защищает от коронавируса.",
     "чеснок защищает от коронавируса."),
    ("В сети пишут, что чеснок защищает от коронавируса.", "чеснок защищает от коронавируса."),
    ("Как сообщили в минздраве, чеснок защищает от коронавируса.", "чеснок защищает от коронавируса."),
    ("По данным минздрава, чеснок защищает от коронавируса.", "чеснок защищает от коронавируса."),
    ("Говорят, будто чеснок защищает от коронавируса.", "чеснок защищает от коронавируса."),
    ("Минобороны утверждает: чеснок защищает от коронавируса.", "чеснок защищает от коронавируса."),
    ("Scientists have proven that garlic protects from coronavirus.", "garlic protects from coronavirus."),
    ("According to doctors, garlic protects from coronavirus.", "garlic protects from coronavirus."),
    ("Науковці довели, що часник захищає від коронавірусу.", "часник захищає від коронавірусу."),
])
def test_the_clause_any_verb_reports_is_a_part_of_its_own(sentence, said):
    text = "Главные новости этого дня. " + sentence
    parts = split_parts(text)
    assert said in [p.text for p in parts if p.reported], [p.text for p in parts]


@pytest.mark.parametrize("sentence", [
    "Я пришёл домой поздно, потому что чеснок защищает от коронавируса.",     # «потому что»: a cause
    "Всё то, что чеснок защищает от коронавируса, давно известно.",           # «то, что»
    "Никто не говорит, что чеснок защищает от коронавируса.",          # denied: a clause marked denied
    "Учёные так и не доказали, что чеснок защищает от коронавируса.",
])
def test_no_reported_clause_without_a_frame_or_with_a_denied_one(sentence):
    parts = split_parts("Главные новости этого дня. " + sentence)
    assert not [p for p in parts if p.reported and not p.denied]
    assert [p.text for p in parts if p.denied] == (["чеснок защищает от коронавируса"] if "не " in sentence else [])


@pytest.mark.parametrize("sentence", [
    "Никто не говорит, что чеснок защищает от коронавируса.",
    "Учёные так и не доказали, что чеснок защищает от коронавируса.",
    "Врачи не подтверждают, что чеснок защищает от коронавируса.",
    "Нет никаких доказательств, что чеснок защищает от коронавируса.",
    "Неправда, что чеснок защищает от коронавируса.",
    "Врачи опровергли, что чеснок защищает от коронавируса.",
])
def test_a_denied_report_of_the_claim_comes_back_flagged_never_a_plain_match(ru, sentence):
    # before: «Никто не говорит, что …» stating the claim's own words was a plain match (87.1): its
    # «не» stands on a verb of its own (the claim's verb stated plainly), which the negation check
    # reads as a negation about something else
    for msg in (sentence, _post(sentence, 3, 4)):
        hit = _hit(ru, msg, 1)
        assert hit is not None and hit.contradicts and hit.relation == "related", (msg[:40], hit)
        assert "negation" in hit.reasons


@pytest.mark.parametrize("sentence", [
    "Ніхто не каже, що часник захищає від коронавірусу.",
    "Ніхто не стверджує, що часник захищає від коронавірусу.",
    "Ніхто не кажа, што часнык абараняе ад каранавірусу.",
])
def test_a_ukbe_denied_report_inside_a_russian_post_comes_back_flagged(ru, sentence):
    # before: alone it was flagged, inside a Russian post nothing was found (its uk/be sentence was
    # gated by its own vector, 0.28 from the claim: only a uk/be post's parts were glossed)
    for msg in (sentence, _post(sentence, 3, 4), _post(sentence, 0, 7)):
        hit = _hit(ru, msg, 1)
        assert hit is not None and hit.contradicts and hit.relation == "related", (msg[:40], hit)
        assert "negation" in hit.reasons
    # the same sentence without its denial is a match there, across languages
    said = sentence.split(", ", 1)[1]
    hit = _hit(ru, _post(said[0].upper() + said[1:], 3, 4), 1)
    assert hit is not None and hit.relation == "match" and not hit.contradicts and hit.cross_language, hit


@pytest.mark.parametrize("sentence", [
    "Я не знал, что чеснок защищает от коронавируса.",          # factive: it states the claim
    "Не секрет, что чеснок защищает от заражения коронавирусом.",
])
def test_a_negated_factive_frame_is_no_denial(ru, sentence):
    hit = _hit(ru, sentence, 1)
    assert hit is not None and hit.relation == "match" and not hit.contradicts, hit


def test_framed_reports_and_denials_are_read_in_linear_time():
    from claims.match.segmentation import denied_reports

    # 100 KB of frames the listed verbs do not cover, of «пишет, что», of denials and of markers
    for blob in ("пишет, что " * 9_000, "доказали, что " * 7_000, "как сообщили в минздраве, " * 4_000,
                 "говорят, будто " * 6_500, "утверждает: " * 8_000, "никто не говорит, что " * 4_500,
                 "proven that " * 8_000, "что: " * 20_000, "пишет" + " " * 100_000 + "что слово"):
        t = time.process_time()
        for p in split_parts(blob):
            assert blob[p.start:p.end] == p.text
        for a, b in denied_reports(blob):
            assert 0 <= a < b <= len(blob)
        assert time.process_time() - t < 2.0, blob[:20]


@pytest.mark.parametrize("text, said", [
    ("Никто не го\u00adворит, что чеснок защищает от коронавируса.", "чеснок защищает от коронавируса"),
    ("Нет никаких до\u200bказательств, что чеснок защищает от коронавируса.", "чеснок защищает от коронавируса"),
    ("Никто не говорит, что\u00adчеснок защищает от коронавируса.", "чеснок защищает от коронавируса"),
    ("Никто не хочет, что\u00adбы чеснок защищал от коронавируса.", None),     # «чтобы»: no report
])
def test_a_denied_report_reads_through_invisible_characters(text, said):
    from claims.match.segmentation import denied_reports

    found = [text[a:b] for a, b in denied_reports(text)]
    assert found == ([said] if said else []), found
