"""Offline harness for the bot: the real Application on a temp SQLite database, no Telegram.

Fixtures (reusable by any bot test module in this directory):

* ``seeded_db`` — path of a migrated SQLite database holding the `SEED` claims (built once per
  session, copied per test, so each test starts from the same rows in a few milliseconds);
* ``bot`` — a started `BotHarness`: ``await bot.send(update)``, ``await bot.text("…")``,
  ``await bot.command("search", "words")``, ``await bot.press(data)`` (presses a button of the
  last message that had one), with ``bot.api`` (`bot.testing.LocalBotApi`: every call recorded
  in ``bot.api.calls``; it answers like Telegram, including 400s for bad HTML, texts over 4096
  and callback_data over 64 bytes) and ``bot.make`` (`bot.testing.UpdateFactory`: Update JSON
  as Telegram sends it — commands with a ``bot_command`` entity, forwards with
  ``forward_origin``, captions, stickers, group messages, callback and inline queries);
* ``make_bot`` — the same with settings overrides: ``await make_bot(rate_limit_per_minute=3)``;
* ``harness`` — the same `BotHarness` on a database of each backend with the schema (``migrated_url``: SQLite and
  PostgreSQL), English by default, with the admin ADMIN_ID and the moderator MOD_ID: moderation
  tests act as a given user with ``await h.say(MOD_ID, "/queue")`` and ``await h.press_as(MOD_ID,
  data)``, and read what was sent as parameters (``h.api.last_params()``, ``h.api.alerts()``).

Every harness is started by `start_bot` (settings → `bot.app.build_runtime` → `build_application`).
Run ``bot.ids`` to look up seeded claim ids by key (``bot.ids["inflation"]``).
"""

from __future__ import annotations

import itertools
import json
import shutil
import socket
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlmodel import select
from telegram import Update
from telegram.request import RequestData

from bot.testing import BOT_USER, LocalBotApi, UpdateFactory

TOKEN = f"{BOT_USER['id']}:TEST-token-do-not-log"
_FIRST_UPDATE_IDS = itertools.count(1, 1_000_000)
USER_ID = 4242
OTHER_ID = 4343
# The `harness` fixture's people (empty database): the admin, two moderators, one of the public.
ADMIN_ID = 1000
MOD_ID = 2000
MOD2_ID = 2001
PUBLIC_ID = 3000
BOT_ID = BOT_USER["id"]
# Tables whose rows a refused command must leave alone (bookkeeping tables excluded).
IGNORED_TABLES = {"auditlog", "inboxupdate", "persistenceentry", "ratehit", "userpref", "alembic_version"}

# key, text, lang, speaker, verdict, article (url, title) or None
SEED = [
    ("inflation", "Министр финансов заявил, что инфляция в России в 2023 году составила 7,4 процента",
     "ru", "Антон Силуанов", "true", ("https://example.org/news/1?a=1&b=2", "Инфляция <итоги> & прогнозы")),
    ("vaccine", "Вакцина от гриппа вызывает аутизм у детей", "ru", None, "false", None),
    ("eiffel", "The Eiffel Tower was built in 1889 for the World's Fair in Paris", "en", "<b>Guide</b> & Co",
     "true", ("javascript:alert(1)", "A <script>tour</script>")),
    ("troops", "Северная Корея направила войска в Россию для участия в боевых действиях", "ru", None,
     "unverified", None),
    ("troops_dup", "КНДР отправила войска в Россию", "ru", None, "unverified", None),
] + [(f"budget{i}", f"Бюджет Москвы на {2010 + i} год вырос на {i + 3} процентов по сравнению с прошлым годом",
      "ru", "мэрия", "unverified", None) for i in range(12)]


def insert_seed(s, rows) -> dict[str, int]:  # noqa: ANN001
    """Claims of `rows` (key, text, lang, speaker, verdict, (article url, title) or None), with
    their change-feed entries and verdict history, plus an approved and a pending source for the
    "vaccine" claim; returns key → claim id. The caller commits."""
    from claims.models import Article, Claim, ClaimChange, Source, VerdictHistory, utcnow
    from claims.normalize import normalize

    ids: dict[str, int] = {}
    for n, (key, text, lang, speaker, verdict, article) in enumerate(rows):
        art_id = None
        if article:
            a = Article(url=article[0], title=article[1], language=lang, published=date(2024, 1, 15),
                        text=text, content_hash=f"h{n}")
            s.add(a)
            s.flush()
            art_id = a.id
        c = Claim(article_id=art_id, text=text, normalized=normalize(text, lang), speaker=speaker,
                  language=lang, verdict=verdict, checkworthiness=1.0,
                  verdict_summary="Проверено по данным Росстата" if verdict != "unverified" else None,
                  verdict_updated_at=utcnow() if verdict != "unverified" else None)
        s.add(c)
        s.flush()
        ids[key] = c.id
        s.add(ClaimChange(claim_id=c.id, kind="add"))
        if verdict != "unverified":
            s.add(VerdictHistory(claim_id=c.id, old_verdict="unverified", new_verdict=verdict, by="desk",
                                 reason="Сверено с <первоисточником>"))
    s.add(Source(claim_id=ids["vaccine"], url="https://who.int/report?x=1&y=2", stance="refutes",
                 note="Обзор <WHO>", status="approved"))
    s.add(Source(claim_id=ids["vaccine"], url="https://pending.example/a", stance="supports", status="pending"))
    return ids


def _build_seed(path: Path) -> dict[str, int]:
    from sqlmodel import Session

    from claims.db import open_database
    from claims.models import Claim, ClaimChange

    engine = open_database(f"sqlite:///{path}")
    with Session(engine) as s:
        ids = insert_seed(s, SEED)
        dup = s.get(Claim, ids["troops_dup"])
        dup.merged_into_id = ids["troops"]
        s.add(ClaimChange(claim_id=dup.id, kind="merge"))
        s.commit()
    engine.dispose()
    return ids


@pytest.fixture(scope="session")
def _seed_template(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("seed") / "seed.db"
    ids = _build_seed(path)
    return path, ids


@pytest.fixture
def seeded_db(_seed_template, tmp_path) -> Path:
    src, _ = _seed_template
    dst = tmp_path / "bot.db"
    shutil.copyfile(src, dst)
    return dst


def bot_settings(db_path: Path, **overrides):  # noqa: ANN201
    from claims.settings import Settings

    values = dict(database_url=f"sqlite:///{db_path}", telegram_bot_token=TOKEN,
                  telegram_api_base_url="http://127.0.0.1:9/bot", rate_limit_per_minute=1000,
                  default_language="ru", privacy_salt="test-salt", moderator_ids=[])
    values.update(overrides)
    return Settings(_env_file=None, **values)


class TestBotApi(LocalBotApi):
    """`bot.testing.LocalBotApi` (answers and validates like Telegram: HTML, lengths, callback_data,
    edits of messages that exist) plus files to download and what was sent, as parameters."""

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

    def params(self, *endpoints: str) -> list[dict]:
        """Parameters (HTML text) of every successful call of `endpoints` (default: messages sent or
        edited); texts as a reader sees them: without the invisible FSI/PDI that isolate names
        (bot.render.isolate; tests/bot/test_bidi_names.py checks those)."""
        endpoints = endpoints or ("sendMessage", "editMessageText")
        return [_unisolated(c.params) for c in self.calls if c.error is None and c.method in endpoints]

    def texts_in(self, chat_id: int | None = None, *endpoints: str) -> list[str]:
        return [p.get("text") or p.get("caption") or "" for p in self.params(*endpoints)
                if chat_id is None or p.get("chat_id") == chat_id]

    def alerts(self) -> list[str]:
        return [_unisolated(c.params.get("text", "")) for c in self.calls
                if c.method == "answerCallbackQuery" and c.params.get("text")]

    def refused(self) -> list:
        return [(c.method, c.error.description) for c in self.calls if c.error is not None]

    def last_params(self, endpoint: str = "sendMessage") -> dict:
        found = self.params(endpoint)
        assert found, f"no {endpoint} call; calls: {[(c.method, c.error) for c in self.calls]}"
        return found[-1]


def _unisolated(value):  # noqa: ANN001, ANN202
    if isinstance(value, str):
        return value.replace("\u2068", "").replace("\u2069", "")
    return {k: (_unisolated(v) if k in ("text", "caption") else v) for k, v in value.items()}


_MAKE = UpdateFactory(first_update_id=10**12)  # updates made as a given user (`say`, `press_as`)


def user(user_id: int, lang: str = "en") -> dict:
    return UpdateFactory.user(user_id, lang, first_name=f"User{user_id}")


def message_update(user_id: int, text: str | None = None, *, chat_id: int | None = None, lang: str = "en",
                   document: dict | None = None, caption: str | None = None, forward: bool = False) -> dict:
    """A message from `user_id` (in their private chat unless `chat_id`), as Telegram sends it."""
    chat = None if chat_id is None or chat_id == user_id else UpdateFactory.group_chat(chat_id, "Moderators")
    extra = {"document": document} if document is not None else None
    update = _MAKE.message(text, user=user(user_id, lang), chat=chat,
                           forward=_MAKE.origin("channel", title="News <b>channel</b>") if forward else None,
                           extra=extra)
    if caption is not None:  # a document with a caption (UpdateFactory would make it a photo)
        msg = update["message"]
        msg["caption"] = caption
        if caption.startswith("/"):
            msg["caption_entities"] = [{"type": "bot_command", "offset": 0, "length": len(caption.split()[0])}]
    return update


@dataclass
class BotHarness:
    """The Application as production builds it, talking to `TestBotApi`."""

    app: object
    api: TestBotApi
    runtime: object
    ids: dict[str, int]
    make: UpdateFactory
    user: dict = field(default_factory=lambda: UpdateFactory.user(USER_ID, "ru"))

    @property
    def engine(self):  # noqa: ANN201
        return self.runtime.engine

    async def send(self, update: dict) -> None:
        for key in ("message", "edited_message", "channel_post", "callback_query"):
            body = update.get(key)
            if body:
                self.api.note_chat(body["chat"] if "chat" in body else body["message"]["chat"])
        await self.app.process_update(Update.de_json(update, self.app.bot))

    async def deliver(self, update: dict) -> bool:
        """As the webhook does: store `update` in the inbox (True when new), then let the worker
        process whatever is waiting."""
        import json

        from bot import inbox

        for key in ("message", "edited_message", "channel_post", "callback_query"):
            body = update.get(key)
            if body:
                self.api.note_chat(body["chat"] if "chat" in body else body["message"]["chat"])
        new = await inbox.intake(self.app, update["update_id"], json.dumps(update))
        await self.app.inbox_worker.drain()
        return new

    async def text(self, text: str, *, user: dict | None = None, **kw) -> None:  # noqa: ANN003
        await self.send(self.make.message(text, user=user or self.user, **kw))

    async def command(self, name: str, args: str = "", *, user: dict | None = None, **kw) -> None:  # noqa: ANN003
        await self.send(self.make.command(name, args, user=user or self.user, **kw))

    async def press(self, data: str | None = None, *, startswith: str | None = None, message: dict | None = None,
                    user: dict | None = None) -> None:
        """Press a button: by exact data or prefix, on `message` or the last message that has it."""
        if message is None:
            for call in reversed(self.api.sent()):
                if isinstance(call.result, dict) and any(
                        (data is not None and d == data) or (startswith and d.startswith(startswith))
                        for _, d in buttons(call.result)):
                    message = self.api.messages.get((call.result["chat"]["id"], call.result["message_id"]),
                                                    call.result)
                    break
            assert message is not None, f"no message with button {data or startswith!r}"
        if data is None:
            data = next(d for _, d in buttons(message) if d.startswith(startswith))
        await self.send(self.make.callback(data, message, user=user or self.user))

    async def say(self, user_id: int, text: str, **kw) -> None:  # noqa: ANN003
        """A message from `user_id` (see `message_update`)."""
        await self.send(message_update(user_id, text, **kw))

    async def press_as(self, user_id: int, data: str, *, chat_id: int | None = None, lang: str = "en") -> None:
        """`user_id` presses `data` on the newest bot message that has that button (in `chat_id`,
        default the presser's chat); with none, on a plain card message made for the purpose."""
        chat_id = user_id if chat_id is None else chat_id
        message = None
        for (cid, _), msg in reversed(list(self.api.messages.items())):
            if cid == chat_id and any(d == data for _, d in buttons(msg)):
                message = msg
                break
        if message is None:
            chat = self.api.chats.get(chat_id) or (UpdateFactory.private_chat(user(chat_id)) if chat_id > 0
                                                   else UpdateFactory.group_chat(chat_id, "Moderators"))
            self.api.note_chat(chat)
            message = self.api._new_message(chat, {"text": "card"})  # noqa: SLF001
        await self.send(_MAKE.callback(data, message, user=user(user_id, lang)))

    def replies(self, method: str = "sendMessage") -> list[str]:
        """What the user saw: texts of sent messages as a reader sees them (no tags)."""
        from bot.render import html_to_text

        return [html_to_text(c.text) for c in self.api.sent(method)]

    def last(self, method: str = "sendMessage"):  # noqa: ANN201
        calls = self.api.sent(method)
        assert calls, f"no {method}; calls: {[c.method for c in self.api.calls]}"
        return calls[-1]

    def errors(self) -> list:
        return [c for c in self.api.calls if c.error is not None]

    def session(self):  # noqa: ANN201
        return self.runtime.session()

    def rows(self, model, *where) -> list:  # noqa: ANN001
        """The rows of `model` (matching `where`), in primary-key order, read in a session of their own."""
        with self.session() as s:
            return list(s.exec(select(model).where(*where).order_by(*inspect(model).primary_key)))

    def get(self, model, key):  # noqa: ANN001, ANN201
        with self.session() as s:
            return s.get(model, key)

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


def buttons(message_or_params: dict) -> list[tuple[str, str]]:
    """(label, callback_data or url) of every inline button of a message or of sent parameters."""
    markup = message_or_params.get("reply_markup") or {}
    if isinstance(markup, str):
        markup = json.loads(markup)
    return [(b["text"], b.get("callback_data") or b.get("url") or "")
            for row in markup.get("inline_keyboard", []) for b in row]


def button_data(params: dict, startswith: str) -> str:
    found = [d for _, d in buttons(params) if d.startswith(startswith)]
    assert found, f"no button {startswith!r} in {buttons(params)}"
    return found[0]


async def start_bot(settings, ids: dict[str, int] | None = None, *, engine=None, api: LocalBotApi | None = None,  # noqa: ANN001
                    rate_limiter: bool = False, harness: type[BotHarness] = BotHarness,
                    clear: bool = True, first_update_id: int | None = None, prepare=None) -> BotHarness:  # noqa: ANN001
    """The one way a test starts the bot: `settings` → `bot.app.build_runtime` (no sample article, no
    encoder) → `build_application` (outbox off) → initialised and post_init run; the start-up's
    Bot API calls (command menus) are forgotten unless `clear` is False; `prepare(runtime)` runs
    before the application starts (rows its start-up should see)."""
    from bot.app import build_application, build_runtime
    from claims.db import open_database

    runtime = build_runtime(settings, engine=engine or open_database(settings.database_url), seed=False,
                            salt="test-salt", encoder=None)
    if prepare is not None:
        prepare(runtime)
    api = api or TestBotApi()
    app = build_application(settings, token=TOKEN, request=api, get_updates_request=LocalBotApi(), runtime=runtime,
                            rate_limiter=rate_limiter, outbox=False)
    await app.initialize()
    await app.post_init(app)
    if clear:
        api.clear()
    # Update ids differ between harnesses on one database, as they would between Telegram deliveries
    # (the exactly-once intake drops an id it has seen), unless `first_update_id` says otherwise.
    first = next(_FIRST_UPDATE_IDS) if first_update_id is None else first_update_id
    return harness(app, api, runtime, ids or {}, UpdateFactory(message_ids=api.next_message_id, first_update_id=first))


async def start_harness(db_url: str, **overrides) -> BotHarness:  # noqa: ANN003
    """The `harness` fixture's bot: on `db_url` as it is, English, the moderator MOD_ID added by the admin."""
    from claims.services import moderators as mods

    def add_moderator(runtime) -> None:  # noqa: ANN001
        with runtime.session() as s:
            mods.add_moderator(s, mods.Actor(ADMIN_ID, "Admin", mods.ADMIN), MOD_ID, name="Mod One",
                               admin_ids=runtime.admin_ids)

    values = dict(moderator_ids=[ADMIN_ID], rate_limit_per_minute=10_000, default_language="en")
    return await start_bot(bot_settings(Path("unused.db"), database_url=db_url, **{**values, **overrides}),
                           clear=False, prepare=add_moderator)


SEED_CLAIMS = [
    ("inflation", "Министр финансов заявил, что инфляция в России в 2023 году составила 7,4 процента", "ru",
     "Антон Силуанов", "true"),
    ("vaccine", "Вакцина от гриппа вызывает аутизм у детей", "ru", None, "false"),
    ("eiffel", "The Eiffel Tower was built in 1889 for the World's Fair in Paris", "en", "<b>Guide</b> & Co", "true"),
    ("bridge", "Мост через Керченский пролив построили за четыре года", "ru", None, "unverified"),
]


def seed_claims(engine) -> dict[str, int]:  # noqa: ANN001
    from sqlmodel import Session

    rows = [(key, text, lang, speaker, verdict, (f"https://example.org/a/{n}", "Статья <b>"))
            for n, (key, text, lang, speaker, verdict) in enumerate(SEED_CLAIMS)]
    with Session(engine) as s:
        ids = insert_seed(s, rows)
        s.commit()
    return ids


@dataclass
class AppHarness(BotHarness):
    seen_errors: list = field(default_factory=list)

    async def close(self) -> None:
        await self.app.shutdown()
        self.runtime.engine.dispose()


async def start_app(url: str, *, seed: bool = True, engine=None, rate_limiter: bool = False,  # noqa: ANN001
                    **overrides) -> AppHarness:  # noqa: ANN003
    """`conftest.start_bot` on `url` (the seed claims stored first unless `seed` is False), recording
    every error the handlers raise in `seen_errors`."""
    from claims.db import open_database

    settings = bot_settings(Path("unused.db"), database_url=url, **overrides)
    engine = engine or open_database(url)
    ids = seed_claims(engine) if seed else {}
    h = await start_bot(settings, ids, engine=engine, api=LocalBotApi(), rate_limiter=rate_limiter, harness=AppHarness,
                        first_update_id=1)  # two workers see the same ids: Telegram's redeliveries

    async def record(update, context) -> None:  # noqa: ANN001
        h.seen_errors.append((getattr(update, "update_id", None), repr(context.error)))

    h.app.add_error_handler(record)
    return h


@pytest.fixture
async def make_app(migrated_url):
    """`start_app` on each backend's `migrated_url`, closed after the test: ``h = await make_app(**overrides)``."""
    started: list[AppHarness] = []

    async def make(**overrides) -> AppHarness:  # noqa: ANN003
        started.append(h := await start_app(migrated_url, **overrides))
        return h

    yield make
    for h in started:
        await h.close()


@pytest.fixture
async def make_bot(seeded_db, _seed_template):
    started: list[BotHarness] = []

    async def make(**overrides) -> BotHarness:  # noqa: ANN003
        h = await start_bot(bot_settings(seeded_db, **overrides), _seed_template[1])
        started.append(h)
        return h

    yield make
    for h in started:
        await h.app.shutdown()
        h.runtime.engine.dispose()


@pytest.fixture
async def bot(make_bot) -> BotHarness:
    return await make_bot()


@pytest.fixture
async def harness(migrated_url):
    h = await start_harness(migrated_url)
    try:
        yield h
    finally:
        await h.app.shutdown()
        h.engine.dispose()
    # The stand-in refuses what Telegram would (bad HTML, long texts, big callback_data): none expected.
    assert h.api.refused() == []


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def private_rows(engine, table: str) -> list:  # noqa: ANN001
    from sqlalchemy import text

    with engine.connect() as conn:
        return conn.execute(text(f'SELECT * FROM "{table}"')).mappings().all()
