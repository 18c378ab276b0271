"""/search: short cards, five a page, ◀ ▶ editing the same message, queries kept server-side."""

from __future__ import annotations

import pytest

from bot.testing import UpdateFactory

from conftest import USER_ID, buttons


async def test_search_first_page_cards_and_buttons(bot):
    await bot.command("search", "бюджет Москвы")
    call = bot.last()
    text = bot.replies()[-1]
    assert "Бюджет Москвы" in text and "страница 1" in text
    assert text.count("/claim_") == 5
    assert "⚪" in text and "мэрия" in text and "%" in text
    data = [d for _, d in buttons(call.params)]
    assert sum(d.startswith("d:") for d in data) == 5
    nav = [d for d in data if d.startswith("sp:")]
    assert len(nav) == 1 and nav[0].endswith(":1")  # only ▶ on the first page
    assert all(len(d.encode()) <= 64 for d in data)
    assert "бюджет" not in "".join(data)  # the query stays server-side


async def test_paging_edits_the_same_message(bot):
    await bot.command("search", "бюджет Москвы")
    first = bot.last().result
    await bot.press(startswith="sp:")
    edit = bot.last("editMessageText")
    assert edit.params["message_id"] == first["message_id"]
    assert "страница 2" in edit.text
    assert len(bot.api.sent("sendMessage")) == 1
    nav = [d for _, d in buttons(edit.params) if d.startswith("sp:")]
    assert [d.rsplit(":", 1)[1] for d in nav] == ["0", "2"]
    await bot.press(nav[1], message=bot.api.messages[(USER_ID, first["message_id"])])
    assert "страница 3" in bot.last("editMessageText").text
    # Back to page 1.
    await bot.press(nav[0], message=bot.api.messages[(USER_ID, first["message_id"])])
    assert "страница 1" in bot.last("editMessageText").text
    assert not bot.errors()


async def test_expired_search_key(bot):
    await bot.command("search", "бюджет Москвы")
    message = bot.last().result
    await bot.press("sp:unknownkey:1", message=message)
    answer = bot.last("answerCallbackQuery")
    assert "устарел" in answer.params["text"]
    assert not bot.api.sent("editMessageText")


async def test_no_results_suggests_forwarding(bot):
    await bot.command("search", "котики <b>милые</b>", user=UpdateFactory.user(USER_ID, "en"))
    text = bot.last().text
    assert "Nothing among the claims in the database" in text and "forward the post" in text
    assert "&lt;b&gt;" in text  # the user's query is escaped


async def test_empty_search_shows_usage(bot):
    await bot.command("search")
    assert "/search" in bot.replies()[-1]


async def test_details_button_opens_card(bot):
    await bot.command("search", "вакцина")
    await bot.press(startswith="d:")
    assert "Утверждение №" in bot.replies()[-1]
    assert "Вакцина от гриппа" in bot.replies()[-1]


async def test_huge_query_is_bounded(bot):
    await bot.command("search", "бюджет " * 2000)
    assert not bot.errors()
    assert len(bot.last().text) <= 4096


async def test_old_searches_expire_politely(bot):
    await bot.command("search", "бюджет Москвы")
    first = bot.last().result
    for i in range(21):
        await bot.command("search", f"бюджет {i}")
    nav = [d for _, d in buttons(first) if d.startswith("sp:")]
    await bot.press(nav[0], message=first)
    assert "устарел" in bot.last("answerCallbackQuery").params["text"]


async def test_another_worker_can_page(make_bot):
    """Two processes on one database (webhook workers): the second pages the first one's search."""
    one = await make_bot()
    two = await make_bot()
    if one.app.persistence is None:
        pytest.skip("no shared persistence wired in bot/app.py")
    await one.command("search", "бюджет Москвы")
    first = one.last().result
    data = next(d for _, d in buttons(first) if d.startswith("sp:"))
    two.api.messages[(first["chat"]["id"], first["message_id"])] = first
    await two.send(two.make.callback(data, first, user=two.user))
    assert "страница 2" in two.last("editMessageText").text
