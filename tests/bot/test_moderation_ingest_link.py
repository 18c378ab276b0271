"""/ingest with a link: the moderator sends a news page's address and gets its article's claims."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from conftest import MOD_ID, button_data
from sqlmodel import select

from claims.models import Article, Claim

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "data"))
from news_pages import ARTICLE_TITLE, CANONICAL, COMMENTS, NewsSite  # noqa: E402


@pytest.fixture(scope="module")
def site():
    with NewsSite() as served:
        yield served.url


async def test_ingest_a_link_previews_the_article_and_stores_it(harness, site):
    h = harness
    await h.say(MOD_ID, f"/ingest {site}/news/bridge")
    preview = h.api.last_params()
    assert "Found 5 claims" in preview["text"] and "Игорь Руденя" in preview["text"]
    assert not any(text[:25] in preview["text"] for _, text in COMMENTS)
    with h.session() as s:
        assert s.exec(select(Claim)).all() == []
    await h.press_as(MOD_ID, button_data(preview, "m:ic:"))
    assert "stored with 5 claims" in h.api.last_params("editMessageText")["text"]
    with h.session() as s:
        article = s.exec(select(Article)).one()
        assert (article.url, article.title) == (CANONICAL, ARTICLE_TITLE)


async def test_a_link_that_fails_gets_a_polite_reply_and_stores_nothing(harness, site):
    h = harness
    await h.say(MOD_ID, "/ingest")
    await h.say(MOD_ID, f"{site}/gone")
    reply = h.api.last_params()["text"]
    assert reply.startswith("⚠️ Could not take the article from the link") and "404" in reply
    assert "Traceback" not in reply
    await h.say(MOD_ID, f"/ingest {site}/front")
    assert "no article text found" in h.api.last_params()["text"]
    with h.session() as s:
        assert s.exec(select(Claim)).all() == [] and s.exec(select(Article)).all() == []


@pytest.mark.parametrize(("path", "why"), [
    ("/gone", "сервер ответил 404"), ("/front", "на странице не нашлось текста статьи"),
    ("/report.pdf", "там не веб-страница (application/pdf)"),
    ("/broken-utf8", "текст страницы повреждён: в нём недопустимые символы")])
async def test_a_russian_moderator_is_told_why_a_link_failed_in_russian(harness, site, path, why):
    """The reason comes from the error's ``page`` code, worded in the moderator's language: no English
    detail of the fetcher inside the Russian reply."""
    await harness.say(MOD_ID, f"/ingest {site}{path}", lang="ru")
    reply = harness.api.last_params()["text"]
    assert reply == f"⚠️ Не удалось взять статью по ссылке: {why}. Ничего не сохранено."
    assert not re.search("[A-Za-z]", reply.replace("application/pdf", ""))
