"""Offline harness for the moderation tests: the real Application (bot.app.build_application) on a
test database, talking to a recording BaseRequest instead of Telegram, plus Update builders.

Import it from a test module with ``from moderation_fixtures import *`` (pytest puts tests/bot on
sys.path); the fixtures build on the shared `db_url` fixture, so every test runs on SQLite and
on PostgreSQL.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

import pytest
from sqlalchemy import inspect, text
from telegram import Update
from telegram.request import RequestData

from bot.testing import BOT_USER, LocalBotApi, UpdateFactory

ADMIN_ID = 1000
MOD_ID = 2000
MOD2_ID = 2001
USER_ID = 3000
BOT_ID = BOT_USER["id"]
TOKEN = f"{BOT_ID}:TEST-token"

# Tables whose rows a refused command must leave alone (bookkeeping tables excluded).
IGNORED_TABLES = {"auditlog", "processedupdate", "persistenceentry", "ratehit", "userpref", "alembic_version"}


class RecordingRequest(LocalBotApi):
    """`bot.testing.LocalBotApi` (answers and validates like Telegram: HTML, lengths, callback_data,
    edits of messages that exist) plus files to download and a few helpers for the asserts."""

    def __init__(self) -> None:
        super().__init__()
        self.files: dict[str, bytes] = {}

    def __hash__(self) -> int:
        return id(self)

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None, *args, **kw):  # noqa: ANN002, ANN003
        if "/file/bot" in url:
            return 200, self.files.get(url.rsplit("/", 1)[-1], b"")
        return await super().do_request(url, method, request_data, *args, **kw)

    def _m_getFile(self, p: dict) -> dict:
        fid = p["file_id"]
        return {"file_id": fid, "file_unique_id": fid, "file_path": f"documents/{fid}",
                "file_size": len(self.files.get(fid, b""))}

    def _m_getMyCommands(self, p: dict) -> list:
        return []

    # --- what the bot said (params as sent: HTML text) ----------------------------------------
    def sent(self, *endpoints: str) -> list[dict]:  # type: ignore[override]
        """Params of the calls; texts as a reader sees them: without the invisible FSI/PDI that
        isolate names (bot.render.isolate; tests/bot/test_bidi_names.py checks those)."""
        endpoints = endpoints or ("sendMessage", "editMessageText")
        return [_unisolated(c.params) for c in self.calls if c.error is None and c.method in endpoints]

    def texts(self, chat_id: int | None = None, *endpoints: str) -> list[str]:  # type: ignore[override]
        return [p.get("text") or p.get("caption") or "" for p in self.sent(*endpoints)
                if chat_id is None or p.get("chat_id") == chat_id]

    def alerts(self) -> list[str]:
        return [_unisolated(c.params.get("text", "")) for c in self.calls if c.method == "answerCallbackQuery" and c.params.get("text")]

    def errors(self) -> list:
        return [(c.method, c.error.description) for c in self.calls if c.error is not None]

    def last(self, endpoint: str = "sendMessage") -> dict:
        found = self.sent(endpoint)
        assert found, f"no {endpoint} call; calls: {[(c.method, c.error) for c in self.calls]}"
        return found[-1]


def _unisolated(value):  # noqa: ANN001, ANN202
    if isinstance(value, str):
        return value.replace("\u2068", "").replace("\u2069", "")
    return {k: (_unisolated(v) if k in ("text", "caption") else v) for k, v in value.items()}


def buttons(params: dict) -> list[tuple[str, str]]:
    """(label, callback_data) of every inline button of a sent or edited message."""
    markup = params.get("reply_markup") or {}
    if isinstance(markup, str):
        markup = json.loads(markup)
    return [(b["text"], b.get("callback_data", "")) for row in markup.get("inline_keyboard", []) for b in row]


def button_data(params: dict, startswith: str) -> str:
    found = [d for _, d in buttons(params) if d.startswith(startswith)]
    assert found, f"no button {startswith!r} in {buttons(params)}"
    return found[0]


_make = UpdateFactory()


def user(user_id: int, lang: str = "en") -> dict:
    return UpdateFactory.user(user_id, lang, first_name=f"User{user_id}")


def message_update(user_id: int, text: str | None = None, *, chat_id: int | None = None, lang: str = "en",
                   document: dict | None = None, caption: str | None = None, forward: bool = False) -> dict:
    """A message from `user_id` (in their private chat unless `chat_id`), as Telegram sends it."""
    chat = None if chat_id is None or chat_id == user_id else UpdateFactory.group_chat(chat_id, "Moderators")
    extra = {"document": document} if document is not None else None
    update = _make.message(text, user=user(user_id, lang), chat=chat,
                           forward=_make.origin("channel", title="News <b>channel</b>") if forward else None,
                           extra=extra)
    if caption is not None:  # a document with a caption (UpdateFactory would make it a photo)
        msg = update["message"]
        msg["caption"] = caption
        if caption.startswith("/"):
            msg["caption_entities"] = [{"type": "bot_command", "offset": 0, "length": len(caption.split()[0])}]
    return update


@dataclass
class Harness:
    app: object
    request: RecordingRequest
    runtime: object
    engine: object
    extra: dict = field(default_factory=dict)

    async def command(self, user_id: int, text: str, **kw) -> None:
        await self.send(message_update(user_id, text, **kw))

    async def send(self, update: dict) -> None:
        for key in ("message", "callback_query"):
            body = update.get(key)
            if body:
                self.request.note_chat(body["chat"] if "chat" in body else body["message"]["chat"])
        await self.app.process_update(Update.de_json(update, self.app.bot))

    async def press(self, user_id: int, data: str, *, chat_id: int | None = None, lang: str = "en") -> None:
        """Press `data` on the newest bot message that has that button (in `chat_id`, default the
        presser's chat); with none, on a plain card message made for the purpose."""
        chat_id = user_id if chat_id is None else chat_id
        message = None
        for (cid, _), msg in reversed(list(self.request.messages.items())):
            if cid == chat_id and any(d == data for _, d in buttons(msg)):
                message = msg
                break
        if message is None:
            chat = self.request.chats.get(chat_id) or (UpdateFactory.private_chat(user(chat_id)) if chat_id > 0
                                                       else UpdateFactory.group_chat(chat_id, "Moderators"))
            self.request.note_chat(chat)
            message = self.request._new_message(chat, {"text": "card"})
        await self.send(_make.callback(data, message, user=user(user_id, lang)))

    def session(self):  # noqa: ANN201
        return self.runtime.session()

    def snapshot(self, ignore: Iterable[str] = IGNORED_TABLES) -> dict[str, list]:
        """Every row of every domain table, to prove a refused request changed nothing."""
        out = {}
        with self.engine.connect() as conn:
            for table in sorted(inspect(self.engine).get_table_names()):
                if table in ignore:
                    continue
                rows = conn.execute(text(f'SELECT * FROM "{table}"')).all()
                out[table] = sorted((tuple(map(str, r)) for r in rows))
        return out


def make_settings(db_url: str, **overrides):  # noqa: ANN201
    from claims.settings import Settings

    values = dict(database_url=db_url, telegram_bot_token=TOKEN, moderator_ids=[ADMIN_ID],
                  telegram_api_base_url="http://127.0.0.1:9/bot", rate_limit_per_minute=10_000,
                  default_language="en", privacy_salt="test-salt")
    values.update(overrides)
    return Settings(_env_file=None, **values)


async def start_harness(db_url: str, **overrides) -> Harness:
    """The application as production builds it, with the moderator MOD_ID added by the admin."""
    from bot.app import build_application
    from bot.app import build_runtime
    from claims.db import open_database
    from claims.services import moderators as mods

    settings = make_settings(db_url, **overrides)
    engine = open_database(db_url)  # no sample article: each test makes the rows it needs
    runtime = build_runtime(settings, engine=engine, seed=False, salt="test-salt", encoder=None)
    with runtime.session() as s:
        mods.add_moderator(s, mods.Actor(ADMIN_ID, "Admin", mods.ADMIN), MOD_ID, name="Mod One",
                           admin_ids=runtime.admin_ids)
    request = RecordingRequest()
    app = build_application(settings, token=TOKEN, request=request, get_updates_request=request, runtime=runtime,
                            rate_limiter=False, outbox=False)
    await app.initialize()
    if app.post_init is not None:
        await app.post_init(app)
    return Harness(app, request, runtime, runtime.engine)


@pytest.fixture
async def harness(db_url):
    h = await start_harness(db_url)
    try:
        yield h
    finally:
        await h.app.shutdown()
        h.engine.dispose()
    # The stand-in refuses what Telegram would (bad HTML, long texts, big callback_data): none expected.
    assert h.request.errors() == []


__all__ = ["ADMIN_ID", "BOT_ID", "Harness", "MOD2_ID", "MOD_ID", "RecordingRequest", "USER_ID", "button_data",
           "buttons", "harness", "make_settings", "message_update", "start_harness", "user"]
