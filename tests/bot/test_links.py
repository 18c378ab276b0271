"""Links kept and used (issue 12.2), on SQLite and PostgreSQL.

* A link hidden behind words (a ``text_link`` entity), in a text or in a caption, is kept with the
  tip and shown, escaped, on the moderator's tip card in /queue.
* A message that is only a link — to an ingested article, to a fact-check's review, to an approved
  source — answers with the claims it leads to, however the link is spelled (tracking parameters,
  ``www.``, ``t.me/s/``), and is not kept as a tip.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.render import html_to_text
from claims.models import Article, Claim, Source, Tip
from claims.services.catalog import insert_claim
from claims.services.ingest import ingest_article
from claims.services.tips import save_tip, tip_links
from claims.urls import url_key

from conftest import MOD_ID, message_update
from conftest import PUBLIC_ID as USER_ID

SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_3f4717b877e978cd.txt"
ARTICLE_URL = "https://example.org/world/2025/07/lavrov-wonsan"
REVIEW_URL = "https://factcheck.example.net/reviews/bridge-cost"
SOURCE_URL = "https://t.me/factdesk/123"


def text_link(text: str, word: str, url: str) -> dict:
    """The text_link entity Telegram attaches to `word` inside `text` (offsets in UTF-16 units)."""
    start = text.index(word)
    return {"type": "text_link", "offset": len(text[:start].encode("utf-16-le")) // 2,
            "length": len(word.encode("utf-16-le")) // 2, "url": url}


async def queue_card(h) -> str:  # noqa: ANN001
    await h.say(MOD_ID, "/queue")
    return h.api.last_params("sendMessage")["text"]


async def test_text_link_in_text_is_kept_with_the_tip_and_shown_to_moderators(harness):
    h = harness
    hidden = "https://example.com/leak?id=7&utm_source=tg"
    text = "Губернатор пообещал построить мост к лету, подробности по ссылке"
    update = message_update(USER_ID, text)
    update["message"]["entities"] = [text_link(text, "подробности по ссылке", hidden)]
    await h.send(update)
    tips = h.rows(Tip)
    assert len(tips) == 1 and tip_links(tips[0]) == [hidden]
    card = await queue_card(h)
    assert f'href="{hidden.replace("&", "&amp;")}"' in card  # clickable, escaped
    assert "Links in the message (1)" in html_to_text(card)


async def test_text_link_and_bare_url_in_a_caption_are_kept_and_shown(harness):
    h = harness
    hidden = "https://example.com/docs/<scan>.pdf"
    caption = "Фото документа, оригинал здесь, копия на www.example.net/copy"
    update = message_update(USER_ID, caption=caption)
    msg = update["message"]
    msg["photo"] = [{"file_id": "p1", "file_unique_id": "p1u", "width": 90, "height": 90}]
    msg.pop("document", None)
    copy = "www.example.net/copy"
    msg["caption_entities"] = [text_link(caption, "оригинал здесь", hidden),
                               {"type": "url", "offset": caption.index(copy), "length": len(copy)}]
    await h.send(update)
    tips = h.rows(Tip)
    assert len(tips) == 1 and tip_links(tips[0]) == [hidden, copy]
    card = await queue_card(h)
    assert "&lt;scan&gt;" in card and "<scan>" not in card
    assert 'href="http://www.example.net/copy"' in card


@pytest.fixture
def known_links(harness):  # noqa: ANN201
    """The sample article ingested with its URL, a claim with a review URL, a claim with an approved source."""
    h = harness
    with h.session() as s:
        article = ingest_article(s, SAMPLE.read_text(encoding="utf-8"), url=ARTICLE_URL, lang="ru",
                                 nlp=h.runtime.nlp)
        assert article.claims, "the sample article gave no claims"
        reviewed = insert_claim(s, "Мост через реку обошёлся в десять миллиардов рублей", actor_id=None,
                                actor_name="desk", lang="ru")
        reviewed.review_url, reviewed.review_url_key = REVIEW_URL, url_key(REVIEW_URL)
        sourced = insert_claim(s, "Школы региона переходят на четырёхдневную неделю", actor_id=None,
                               actor_name="desk", lang="ru")
        s.add(Source(claim_id=sourced.id, url=SOURCE_URL, url_key=url_key(SOURCE_URL), stance="refutes",
                     status="approved"))
        s.add(Source(claim_id=reviewed.id, url="https://t.me/pending/1", url_key=url_key("https://t.me/pending/1"),
                     stance="supports", status="pending"))
        s.commit()
        return {"article": [c.text for c in article.claims], "review": reviewed.text, "source": sourced.text}


@pytest.mark.parametrize("message, via", [
    (ARTICLE_URL, "article"),
    ("https://www.example.org/world/2025/07/lavrov-wonsan/?utm_source=telegram&fbclid=IwAR0", "article"),
    ("Это правда? http://example.org/world/2025/07/lavrov-wonsan#comments", "article"),
    (REVIEW_URL + "?utm_medium=social", "review"),
    ("https://t.me/s/factdesk/123", "source"),
    ("t.me/factdesk/123?single", "source"),
])
async def test_a_link_only_message_answers_with_the_claims_it_leads_to(harness, known_links, message, via):
    h = harness
    await h.send(message_update(USER_ID, message))
    reply = html_to_text(h.api.last_params("sendMessage")["text"])
    assert reply.startswith("The link in this message leads to claims in the fact-checkers' database:"), reply
    expected = known_links[via]
    if via == "article":
        assert "A claim from the article the link leads to." in reply
        assert sum(text[:60] in reply for text in expected) >= min(len(expected), 3), reply
    else:
        assert expected in reply
        assert ("fact-checkers' review of this claim" if via == "review" else "approved source on this claim") in reply
    assert "found by the link" in reply
    assert "already in the database" in reply  # answered, not kept as a tip
    assert h.rows(Tip) == []


async def test_a_hidden_link_to_a_review_answers_with_its_claim(harness, known_links):
    h = harness
    text = "Вот что про это пишут"
    update = message_update(USER_ID, text)
    update["message"]["entities"] = [text_link(text, "пишут", "https://factcheck.example.net/reviews/bridge-cost/")]
    await h.send(update)
    reply = html_to_text(h.api.last_params("sendMessage")["text"])
    assert known_links["review"] in reply and "review of this claim" in reply


async def test_a_pending_source_or_unknown_link_is_not_an_answer(harness, known_links):
    h = harness
    await h.send(message_update(USER_ID, "https://t.me/pending/1"))
    await h.send(message_update(USER_ID, "https://example.org/world/2025/07/another-story"))
    assert all("leads to claims" not in text for text in h.api.texts_in(USER_ID))
    assert [tip_links(t) for t in h.rows(Tip)] == [["https://t.me/pending/1"],
                                                         ["https://example.org/world/2025/07/another-story"]]


async def test_in_a_group_a_link_addressed_to_the_bot_finds_its_claim(harness, known_links):
    h = harness
    group = -100777
    await h.send(message_update(USER_ID, "@claimcheck_bot https://t.me/s/factdesk/123?utm_source=chat",
                                chat_id=group))
    reply = html_to_text(h.api.last_params("sendMessage")["text"])
    assert h.api.last_params("sendMessage")["chat_id"] == group
    assert known_links["source"] in reply and "approved source on this claim" in reply
    assert h.rows(Tip) == []


async def test_a_long_tip_with_many_long_links_is_still_one_card(harness):
    h = harness
    text = ("Длинный пост про мост и бюджет региона. " * 120).strip()
    urls = [f"https://example.com/{n}/" + "x" * 1500 + "?utm_source=tg" for n in range(12)]
    with h.session() as s:
        save_tip(s, text, salt="test-salt", links=urls)
    card = await queue_card(h)  # the stand-in refuses a message over 4096 characters (checked by the fixture)
    shown = html_to_text(card)
    assert "Links in the message (12)" in shown and shown.count("• https://example.com/") == 8


async def test_a_link_to_an_article_whose_claim_was_merged_answers_with_the_claim_it_was_merged_into(harness):
    """The article's only claim was merged into a claim of the desk's: its link still answers, with
    that claim (before: "no claim found", and the link was kept as a new tip)."""
    h = harness
    url = "https://example.org/2025/bridge-cost"
    with h.session() as s:
        kept = insert_claim(s, "Мост через реку обошёлся в десять миллиардов рублей", actor_id=None,
                            actor_name="desk", lang="ru")
        article = Article(url=url, url_key=url_key(url), title="Мост", language="ru", text="…", content_hash="m1")
        s.add(article)
        s.flush()
        dup = insert_claim(s, "Мост через реку стоил 10 млрд рублей", actor_id=None, actor_name="desk", lang="ru")
        dup.article_id, dup.merged_into_id = article.id, kept.id
        s.commit()
        kept_text = kept.text
    await h.send(message_update(USER_ID, "https://www.example.org/2025/bridge-cost/?utm_source=tg"))
    reply = html_to_text(h.api.last_params("sendMessage")["text"])
    assert reply.startswith("The link in this message leads to claims"), reply
    assert kept_text in reply and "10 млрд" not in reply
    assert h.rows(Tip) == []


async def test_hidden_links_that_are_not_web_addresses_are_not_kept_or_shown(harness):
    """text_link entities may carry mailto:, tg:// or javascript: addresses: only the web link is kept
    with the tip and listed on the moderator's card (before: «mailto:press@example.org» was kept and
    shown as a link to http://mailto:press@example.org)."""
    h = harness
    text = "Пишите в редакцию, автору или по ссылке: губернатор пообещал мост к лету"
    update = message_update(USER_ID, text)
    update["message"]["entities"] = [text_link(text, "в редакцию", "mailto:press@example.org"),
                                     text_link(text, "автору", "javascript:1@example.org/x"),
                                     text_link(text, "или", "tg://user?id=42"),
                                     text_link(text, "по ссылке", "https://example.com/bridge")]
    await h.send(update)
    tips = h.rows(Tip)
    assert len(tips) == 1 and tip_links(tips[0]) == ["https://example.com/bridge"]
    card = await queue_card(h)
    assert "Links in the message (1)" in html_to_text(card)
    assert "mailto" not in card and "javascript" not in card and "tg://" not in card


async def test_card_links_without_a_scheme_are_clickable_whatever_their_query_holds(harness):
    """A link written without a scheme whose query holds another address, and one in capitals, are
    both clickable on the tip card (before: the first was shown as plain text)."""
    h = harness
    with h.session() as s:
        save_tip(s, "Губернатор пообещал мост к лету", salt="test-salt",
                 links=["example.org/go?to=https://other.example/a&b=<1>", "HTTPS://EXAMPLE.NET/News"])
    card = await queue_card(h)
    assert 'href="http://example.org/go?to=https://other.example/a&amp;b=&lt;1&gt;"' in card
    assert 'href="HTTPS://EXAMPLE.NET/News"' in card


async def test_a_new_statement_sent_with_a_link_to_a_checked_article_is_still_a_tip(harness, known_links):
    """The link answers with the article's claims, and the message's own statement about something
    else reaches the desk as a tip (before: the link's claims counted as repeating the whole text, and
    the statement was dropped); a post that only retells the article next to its link is not a tip."""
    h = harness
    statement = "Губернатор Татарстана пообещал построить новый мост через Каму к лету"
    await h.send(message_update(USER_ID, f"{statement} {ARTICLE_URL}?utm_source=tg"))
    reply = html_to_text(h.api.last_params("sendMessage")["text"])
    assert "found by the link" in reply and "part to the fact-checkers as a tip" in reply, reply
    tips = h.rows(Tip)
    assert len(tips) == 1 and statement in tips[0].text and tips[0].matched_claims
    title = "Россия и Северная Корея заявляют о крепкой дружбе и предупреждают о вмешательстве США"
    await h.send(message_update(USER_ID, f"{title}\n{ARTICLE_URL}"))
    reply = html_to_text(h.api.last_params("sendMessage")["text"])
    assert "already in the database" in reply, reply
    assert len(h.rows(Tip)) == 1
