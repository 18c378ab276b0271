"""The per-user rate limit and the error handler (apology, no internals, no token in logs)."""

from __future__ import annotations

import logging

import pytest

from bot.errors import install_log_privacy
from claims.logprivacy import uninstall as uninstall_log_privacy
from bot.testing import UpdateFactory

from conftest import TOKEN, USER_ID


async def test_rate_limit_answers_politely_once(make_bot):
    bot = await make_bot(rate_limit_per_minute=3)
    for _ in range(6):
        await bot.command("start")
    texts = bot.replies()
    assert sum("Я проверяю" in t for t in texts) == 3
    assert sum("слишком часто" in t for t in texts) == 1  # told once, then silence
    # Another user is not affected.
    await bot.command("start", user=UpdateFactory.user(USER_ID + 1, "en"))
    assert "I check" in bot.replies()[-1]


async def test_rate_limited_button_is_answered(make_bot):
    bot = await make_bot(rate_limit_per_minute=2)
    await bot.command("search", "бюджет Москвы")
    await bot.press(startswith="sp:")
    await bot.press(startswith="sp:")
    answer = bot.last("answerCallbackQuery")
    assert "слишком часто" in answer.params["text"] and answer.params["show_alert"] is True


async def test_moderators_are_not_limited(make_bot):
    bot = await make_bot(rate_limit_per_minute=1, moderator_ids=[USER_ID])
    for _ in range(3):
        await bot.command("help")
    assert not any("слишком часто" in t for t in bot.replies())


async def test_the_readers_language_is_never_read_by_a_handler_on_the_event_loop(make_bot, monkeypatch):
    """Whether the rate limit counts the update or not (an admin; anyone while the limiter believes the
    database down and lets updates through uncounted; group chatter), the reader's /lang choice is
    read before the handlers with the update's other rows (bot/persistence.py `before_update`), never
    by `Context.lang` inside a handler: that was a blocking read on the event loop, which holds every
    other update meanwhile (on PostgreSQL up to the connect timeout during an outage)."""
    import threading
    import time

    from bot.ratelimit import _STATE_KEY, Limiter
    from claims.services import prefs

    bot = await make_bot(moderator_ids=[USER_ID])
    rt = bot.app.bot_data["runtime"]
    reader = UpdateFactory.user(USER_ID + 5, "ru")
    with rt.session() as session:
        prefs.remember_language(session, USER_ID, "en")  # both chose English; their clients say ru
        prefs.remember_language(session, reader["id"], "en")
    # every statement run while a handler asks `Context.lang` is a read on the event loop
    from sqlalchemy import event

    from bot.core import Context

    asking, on_loop, getter = [False], [], Context.lang.fget

    def lang(self):  # noqa: ANN001, ANN202
        asking[0] = True
        try:
            return getter(self)
        finally:
            asking[0] = False

    def statement(*args, **kwargs) -> None:  # noqa: ANN002, ANN003
        if asking[0]:
            on_loop.append(threading.current_thread() is threading.main_thread())

    monkeypatch.setattr(Context, "lang", property(lang, Context.lang.fset))
    event.listen(rt.engine, "before_cursor_execute", statement)
    await bot.command("help")  # an admin: not counted
    assert "How to use me" in bot.replies()[-1]
    limiter = bot.app.bot_data[_STATE_KEY] = Limiter(rt.engine, rt.settings.rate_limit_per_minute, rt.salt)
    limiter.down_until = time.monotonic() + 60  # a count found the database down a moment ago
    await bot.command("start", user=reader)
    assert "I check" in bot.replies()[-1]
    await bot.text("болтовня в группе", chat=bot.make.group_chat(), user=UpdateFactory.user(USER_ID + 6, "ru"))
    event.remove(rt.engine, "before_cursor_execute", statement)
    assert not on_loop, "Context.lang read the database"


async def test_moderators_added_in_the_bot_are_not_limited(make_bot):
    from claims.models import Moderator

    bot = await make_bot(rate_limit_per_minute=1)
    rt = bot.app.bot_data["runtime"]
    with rt.session() as session:
        session.add(Moderator(user_id=USER_ID, name="mod"))
        session.commit()
    for _ in range(3):
        await bot.command("help")
    assert not any("слишком часто" in t for t in bot.replies())


async def test_group_chatter_is_not_counted(make_bot):
    bot = await make_bot(rate_limit_per_minute=2)
    group = bot.make.group_chat()
    for _ in range(5):
        await bot.text("болтовня в группе", chat=group)
    await bot.command("start")
    assert "Я проверяю" in bot.replies()[-1]


async def test_handler_crash_gives_apology_and_logs_without_token(bot, caplog, monkeypatch):
    import bot.handlers.search as search

    def boom(*a, **k):  # noqa: ANN002, ANN003
        raise RuntimeError(f"internal detail {TOKEN}")

    monkeypatch.setattr(search, "search_claims", boom)
    install_log_privacy(False, TOKEN)
    try:
        with caplog.at_level(logging.ERROR, logger="bot.errors"):
            await bot.command("search", "бюджет")
    finally:
        uninstall_log_privacy()
    assert bot.replies()[-1] == "Извините, у меня что-то сломалось. Попробуйте, пожалуйста, чуть позже."
    assert "internal detail" not in bot.replies()[-1]
    logged = caplog.text
    assert "caused an error in bot.handlers.search" in logged and "internal detail" in logged
    assert '"update_id"' not in logged and "бюджет" not in logged  # no update JSON, no message text
    assert TOKEN not in logged and "<token>" in logged


async def test_database_down_gives_database_message(bot, monkeypatch):
    from sqlalchemy.exc import OperationalError

    import bot.handlers.cards as cards

    def down(*a, **k):  # noqa: ANN002, ANN003
        raise OperationalError("SELECT 1", {}, Exception("database is locked"))

    monkeypatch.setattr(cards, "claim_card", down)
    await bot.command("claim", "1", user=UpdateFactory.user(USER_ID, "en"))
    assert bot.replies()[-1] == "The database is not available right now. Please try again in a few minutes."


async def test_crash_in_button_is_answered_as_alert(bot, monkeypatch):
    import bot.handlers.search as search

    await bot.command("search", "бюджет Москвы")
    monkeypatch.setattr(search, "search_claims", lambda *a, **k: 1 / 0)
    await bot.press(startswith="sp:")
    answer = bot.last("answerCallbackQuery")
    assert "что-то сломалось" in answer.params["text"]


def test_the_token_is_kept_out_even_with_private_data_logged():
    install_log_privacy(True, "123:abc")  # LOG_PRIVATE_DATA=true
    try:
        rec = logging.getLogger("httpx").makeRecord("httpx", logging.INFO, __file__, 1, "POST %s",
                                                    ("https://x/bot123:abc/getMe",), None)
    finally:
        uninstall_log_privacy()
    assert rec.getMessage() == "POST https://x/bot<token>/getMe"
