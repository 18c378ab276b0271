"""bot/persistence.py: PTB state in the database as JSON, surviving restarts and shared by workers."""

from __future__ import annotations

import asyncio
import json
import time
from datetime import date, datetime, timezone

import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import select
from telegram import Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import persistence as bp
from bot.testing import LocalBotApi
from bot.app import ClaimBotApplication
from bot.persistence import SQLPersistence
from bot.models import PersistenceEntry
from claims.services.privacy import forget_user

USER, OTHER = 4242, 5151


def texts(api: LocalBotApi) -> list[str]:
    return [c.params["text"] for c in api.sent("sendMessage")]


def message_update(update_id: int, text: str, user_id: int = USER) -> dict:
    entities = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}] if text.startswith("/") else []
    return {"update_id": update_id, "message": {
        "message_id": update_id, "date": int(time.time()), "text": text, "entities": entities,
        "chat": {"id": user_id, "type": "private", "first_name": "U"},
        "from": {"id": user_id, "is_bot": False, "first_name": "U", "language_code": "en"}}}


URL, NOTE = range(2)


async def _start(update, context):
    context.user_data["flow"] = "submit"
    await update.message.reply_text("send the link")
    return URL


async def _url(update, context):
    context.user_data["url"] = update.message.text
    context.user_data["seen"] = {1, 2}
    context.user_data["when"] = date(2024, 5, 1)
    await update.message.reply_text("now a note")
    return NOTE


async def _note(update, context):
    await update.message.reply_text(f"saved {context.user_data['url']} / {update.message.text}")
    context.user_data.pop("flow", None)
    return ConversationHandler.END


def submit_conversation() -> ConversationHandler:
    return ConversationHandler(
        entry_points=[CommandHandler("submit", _start)],
        states={URL: [MessageHandler(filters.TEXT & ~filters.COMMAND, _url)],
                NOTE: [MessageHandler(filters.TEXT & ~filters.COMMAND, _note)]},
        fallbacks=[], persistent=True, name="submit")


async def make_app(db, *, update_interval=60.0) -> tuple[Application, LocalBotApi]:
    request = LocalBotApi()
    pers = SQLPersistence(db, update_interval=update_interval)
    app = (ApplicationBuilder().application_class(ClaimBotApplication).token("1:TEST").request(request)
           .get_updates_request(LocalBotApi()).persistence(pers).build())
    app.bot_data["runtime"] = object()  # like the real Runtime: must never be persisted
    app.add_handler(submit_conversation())
    await app.initialize()
    return app, request


async def feed(app: Application, data: dict) -> None:
    await app.process_update(Update.de_json(data, app.bot))


def _rows(session, kind=None):
    session.expire_all()
    q = select(PersistenceEntry)
    if kind:
        q = q.where(PersistenceEntry.kind == kind)
    return {(r.kind, r.key): json.loads(r.data) for r in session.exec(q)}


# --- round trips ----------------------------------------------------------------------------------

async def test_round_trip_all_kinds_as_json(engine, session):
    p = SQLPersistence(engine)
    when = datetime(2024, 1, 2, 3, 4, tzinfo=timezone.utc)
    await p.update_user_data(USER, {"lang": "ru", "ids": (1, 2), "tags": {"a"}, "when": when, 7: "int key"})
    await p.update_chat_data(-100, {"autocheck": True, "nested": {"__tuple__": "not a tag"}})
    await p.update_bot_data({"counter": 3, "runtime": object(), "_post_init_hooks": [print]})
    await p.update_conversation("submit", (USER, USER), 1)
    await p.update_conversation("other", (-5,), "S")
    await p.update_callback_data(([("kb1", 123.0, {"b1": ("claim", 5)})], {"q1": "kb1"}))

    rows = _rows(session)
    assert {kind for kind, _ in rows} == {"user_data", "chat_data", "conversations"}  # bot_data is per process
    for raw in session.exec(select(PersistenceEntry.data)):
        json.loads(raw)  # every row is plain JSON

    fresh = SQLPersistence(engine)  # a new process reads nothing at start-up: each update reads its rows
    assert [await fresh.get_user_data(), await fresh.get_chat_data(), await fresh.get_bot_data(),
            await fresh.get_conversations("submit"), await fresh.get_callback_data()] == [{}, {}, {}, {}, None]
    user_data, chat_data = {}, {}
    await fresh.refresh_user_data(USER, user_data)
    await fresh.refresh_chat_data(-100, chat_data)
    assert user_data == {"lang": "ru", "ids": (1, 2), "tags": {"a"}, "when": when, 7: "int key"}
    assert chat_data == {"autocheck": True, "nested": {"__tuple__": "not a tag"}}
    assert bp._conversation(json.dumps(rows[("conversations", f"submit:{USER},{USER}")])) == ("submit", (USER, USER), 1)
    assert bp._conversation(json.dumps(rows[("conversations", "other:-5")])) == ("other", (-5,), "S")

    await fresh.update_conversation("submit", (USER, USER), None)
    await fresh.drop_user_data(USER)
    await fresh.drop_chat_data(-100)
    rows = _rows(session)
    assert ("user_data", str(USER)) not in rows and ("chat_data", "-100") not in rows
    assert ("conversations", f"submit:{USER},{USER}") not in rows


async def test_defaults_exclude_bot_data_and_keep_update_interval(engine):
    p = SQLPersistence(engine, update_interval=7.5)
    assert p.update_interval == 7.5
    assert p.store_data.bot_data is False and p.store_data.callback_data is False
    assert p.store_data.user_data and p.store_data.chat_data


async def test_unchanged_data_is_not_rewritten(engine, session):
    p = SQLPersistence(engine)
    await p.update_user_data(USER, {"a": 1})
    before = session.exec(select(PersistenceEntry.updated_at)).one()
    await asyncio.sleep(0.01)
    await p.update_user_data(USER, {"a": 1})
    session.expire_all()
    assert session.exec(select(PersistenceEntry.updated_at)).one() == before


async def test_empty_data_is_not_stored_but_emptying_stored_data_is(engine, session):
    p = SQLPersistence(engine)
    await p.update_chat_data(-1, {})
    await p.update_user_data(USER, {})
    assert not _rows(session)
    await p.update_user_data(USER, {"draft": {"url": "https://x.org"}})
    await p.update_user_data(USER, {})  # the draft was used up: the other workers must see that
    assert _rows(session) == {("user_data", str(USER)): {}}


async def test_a_failed_write_is_kept_and_written_later(engine, session, monkeypatch):
    p = SQLPersistence(engine)
    real = bp._upsert
    calls = {"n": 0}

    def flaky(*args, **kwargs):
        calls["n"] += 1
        raise OperationalError("INSERT", {}, Exception("server closed the connection"))

    monkeypatch.setattr(bp, "_upsert", flaky)
    monkeypatch.setattr("claims.retry.DEFAULT_BUDGET", 0.2)
    monkeypatch.setattr("claims.retry.MAX_ATTEMPTS", 2)
    await p.update_user_data(USER, {"step": 1})  # must not raise: kept for later
    assert calls["n"] >= 1 and not _rows(session)
    monkeypatch.setattr(bp, "_upsert", real)
    await p.flush()
    assert _rows(session) == {("user_data", str(USER)): {"step": 1}}


# --- a ConversationHandler across a restart and across workers ------------------------------------

async def test_restart_mid_flow_resumes_the_conversation(engine, session):
    app, req = await make_app(engine)
    await feed(app, message_update(1, "/submit"))
    await feed(app, message_update(2, "https://example.org/a"))
    assert texts(req) == ["send the link", "now a note"]
    await app.update_persistence()
    await app.shutdown()
    rows = _rows(session)
    assert rows[("conversations", f"submit:{USER},{USER}")]["state"] == NOTE
    assert "runtime" not in json.dumps(list(rows.values()))

    app2, req2 = await make_app(engine)  # a new process: everything comes from the table
    await feed(app2, message_update(3, "primary source"))
    assert app2.user_data[USER]["seen"] == {1, 2} and app2.user_data[USER]["when"] == date(2024, 5, 1)
    assert texts(req2) == ["saved https://example.org/a / primary source"]
    await app2.update_persistence()
    await app2.shutdown()
    assert ("conversations", f"submit:{USER},{USER}") not in _rows(session)


async def test_two_workers_share_one_conversation(engine, session):
    a, req_a = await make_app(engine)
    b, req_b = await make_app(engine)
    await feed(a, message_update(1, "/submit"))
    await feed(b, message_update(2, "https://example.org/b"))  # B continues what A began
    await feed(a, message_update(3, "a note"))  # and A sees what B stored in user_data
    assert texts(req_a) == ["send the link", "saved https://example.org/b / a note"]
    assert texts(req_b) == ["now a note"]
    # the conversation ended on A: B must not think it is still in NOTE
    await feed(b, message_update(4, "stray text"))
    assert len(req_b.sent("sendMessage")) == 1
    assert ("conversations", f"submit:{USER},{USER}") not in _rows(session)
    # another user is independent
    await feed(b, message_update(5, "/submit", user_id=OTHER))
    assert req_b.sent("sendMessage")[-1].params["chat_id"] == OTHER
    for app in (a, b):
        await app.shutdown()


async def test_forget_user_removes_the_persisted_conversation(engine, session):
    app, _ = await make_app(engine)
    await feed(app, message_update(1, "/submit"))
    await app.update_persistence()
    assert ("user_data", str(USER)) in _rows(session)
    counts = forget_user(session, USER, "salt", state=app.persistence)
    assert counts["persistence"] == 2  # user_data and the conversation (an empty chat_data is not stored)
    assert not _rows(session)
    await app.shutdown()


@pytest.mark.parametrize("value", [float("nan"), "\u0000\ud7ff\U0010ffff", "x" * 100_000, -(2**63), 2**63])
async def test_awkward_values_round_trip(engine, value):
    p = SQLPersistence(engine)
    await p.update_user_data(USER, {"v": value})
    await SQLPersistence(engine).refresh_user_data(USER, read := {})
    got = read["v"]
    assert got == value or (value != value and got != got)
