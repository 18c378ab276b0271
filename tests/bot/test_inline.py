"""Inline mode: @bot words → claim cards to post anywhere."""

from __future__ import annotations

from bot.testing import UpdateFactory
from bot.render import html_to_text

from conftest import USER_ID


async def test_inline_results(bot):
    await bot.send(bot.make.inline("бюджет Москвы", user=bot.user))
    call = bot.last("answerInlineQuery")
    results = call.params["results"]
    assert 5 <= len(results) <= 50
    assert call.params["cache_time"] == 30 and call.params["is_personal"] is True  # worded per language
    first = results[0]
    assert first["type"] == "article" and first["title"].startswith("⚪ не проверено")
    content = first["input_message_content"]
    assert content["parse_mode"] == "HTML" and "Бюджет Москвы" in html_to_text(content["message_text"])
    assert first["reply_markup"]["inline_keyboard"][0][0]["url"].startswith("https://t.me/claimcheck_bot?start=claim_")
    assert not bot.errors()  # LocalBotApi checked every card's HTML and length


async def test_inline_escapes_claim_text(bot):
    await bot.send(bot.make.inline("Eiffel", user=UpdateFactory.user(USER_ID, "en")))
    [result] = bot.last("answerInlineQuery").params["results"]
    text = result["input_message_content"]["message_text"]
    assert "&lt;b&gt;Guide&lt;/b&gt; &amp; Co" in text and "🟢" in text


async def test_inline_empty_and_unknown(bot):
    await bot.send(bot.make.inline("", user=bot.user))
    assert bot.last("answerInlineQuery").params["results"] == []
    await bot.send(bot.make.inline("котики", user=bot.user))
    call = bot.last("answerInlineQuery")
    assert call.params["results"] == [] and call.params["button"]["start_parameter"] == "inline"


async def test_inline_deep_link_opens_card(bot):
    await bot.command("start", f"claim_{bot.ids['vaccine']}")
    assert "Вакцина от гриппа" in bot.replies()[-1]


async def test_inline_many_results_page(bot):
    from claims.models import Claim, ClaimChange
    from claims.normalize import normalize

    with bot.session() as s:
        for i in range(70):
            text = f"Пенсии в регионе {i} выросли на {i} процентов"
            c = Claim(text=text, normalized=normalize(text, "ru"), language="ru")
            s.add(c)
            s.flush()
            s.add(ClaimChange(claim_id=c.id, kind="add"))
        s.commit()
    await bot.send(bot.make.inline("пенсии", user=bot.user))
    call = bot.last("answerInlineQuery")
    assert len(call.params["results"]) == 50 and call.params["next_offset"] == "50"
    await bot.send(bot.make.inline("пенсии", user=bot.user, offset="50"))
    call = bot.last("answerInlineQuery")
    assert len(call.params["results"]) == 20 and not call.params.get("next_offset")
