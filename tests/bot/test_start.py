"""/start, /help, /lang, language detection, unknown commands, edits and channel posts."""

from __future__ import annotations

import pytest

from bot.testing import UpdateFactory

from conftest import USER_ID


@pytest.mark.parametrize(("code", "expect"), [("ru", "Я проверяю"), ("uk", "Я проверяю"), ("be", "Я проверяю"),
                                              ("en", "I check"), ("de", "I check"), ("pt-BR", "I check")])
async def test_start_language_from_telegram(bot, code, expect):
    await bot.command("start", user=UpdateFactory.user(USER_ID + 1, code))
    assert expect in bot.last().text
    assert bot.last().params["parse_mode"] == "HTML"


async def test_start_without_language_code_uses_default(make_bot):
    h = await make_bot(default_language="en")
    await h.command("start", user=UpdateFactory.user(77, None))
    assert "I check" in h.last().text


@pytest.mark.parametrize(("code", "words"), [("ru", ["Что я храню", "солёный хеш", "/unfollow"]),
                                              ("en", ["What I store", "salted hash", "/unfollow"])])
async def test_help_has_privacy_note(bot, code, words):
    await bot.command("help", user=UpdateFactory.user(USER_ID, code))
    text = bot.replies()[-1]
    for word in words:
        assert word in text
    assert "@claimcheck_bot" in text


async def test_lang_command_switches_and_is_stored(bot):
    from claims.models import UserPref

    await bot.command("lang", "en")
    assert bot.replies()[-1] == "Language: English."
    await bot.command("start")
    assert "I check" in bot.last().text
    with bot.session() as s:
        assert s.get(UserPref, USER_ID).language == "en"


async def test_lang_buttons(bot):
    await bot.command("lang")
    assert [d for _, d in __import__("conftest").buttons(bot.last().params)] == ["l:ru", "l:en"]
    await bot.press("l:en")
    assert bot.last("editMessageText").text == "Language: English."
    await bot.command("help")
    assert "What I store" in bot.replies()[-1]


async def test_lang_bad_value(bot):
    await bot.command("lang", "fr")
    assert "/lang ru" in bot.replies()[-1]


async def test_stored_language_wins_over_telegram_language(make_bot):
    h = await make_bot()
    await h.command("lang", "en")
    h2 = await make_bot()  # a fresh process: nothing cached
    await h2.command("start")
    assert "I check" in h2.last().text


async def test_unknown_command(bot):
    await bot.command("frobnicate")
    assert "Такой команды я не знаю" in bot.replies()[-1]


async def test_edited_message_gets_a_clear_reply(bot):
    await bot.send(bot.make.message("Вакцина от гриппа вызывает аутизм", user=bot.user, kind="edited_message"))
    assert "только новые сообщения" in bot.replies()[-1]


async def test_channel_post_command_points_to_inline_mode(bot):
    await bot.send(bot.make.message("/search вакцины", kind="channel_post"))
    assert "@claimcheck_bot" in bot.replies()[-1]
    await bot.send(bot.make.message("просто пост в канале", kind="channel_post"))
    assert len(bot.api.sent("sendMessage")) == 1  # ordinary channel posts are not answered
    assert not bot.errors()


async def test_help_mentions_forget(bot):
    await bot.command("help")  # every bot build_application makes has /forget (bot/app.py GROUPS)
    assert "/forget" in bot.replies()[-1]
