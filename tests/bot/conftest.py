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
* ``make_bot`` — the same with settings overrides: ``await make_bot(rate_limit_per_minute=3)``.

Run ``bot.ids`` to look up seeded claim ids by key (``bot.ids["inflation"]``).
"""

from __future__ import annotations

import itertools
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from telegram import Update

from bot.testing import BOT_USER, LocalBotApi, UpdateFactory

TOKEN = f"{BOT_USER['id']}:TEST-token-do-not-log"
_FIRST_UPDATE_IDS = itertools.count(1, 1_000_000)
USER_ID = 4242
OTHER_ID = 4343

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


@dataclass
class BotHarness:
    """The Application as production builds it, talking to `LocalBotApi`."""

    app: object
    api: LocalBotApi
    runtime: object
    ids: dict[str, int]
    make: UpdateFactory
    user: dict = field(default_factory=lambda: UpdateFactory.user(USER_ID, "ru"))

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


def buttons(message_or_params: dict) -> list[tuple[str, str]]:
    markup = message_or_params.get("reply_markup") or {}
    return [(b["text"], b.get("callback_data") or b.get("url") or "")
            for row in markup.get("inline_keyboard", []) for b in row]


async def start_bot(db_path: Path, ids: dict[str, int], **overrides) -> BotHarness:  # noqa: ANN003
    from bot.app import build_application
    from bot.app import build_runtime
    from claims.db import open_database

    settings = bot_settings(db_path, **overrides)
    engine = open_database(settings.database_url)
    runtime = build_runtime(settings, engine=engine, seed=False, salt="test-salt", encoder=None)
    api = LocalBotApi()
    app = build_application(settings, token=TOKEN, request=api, get_updates_request=LocalBotApi(), runtime=runtime,
                            rate_limiter=False, outbox=False)
    await app.initialize()
    await app.post_init(app)
    api.clear()
    # Update ids differ between harnesses on one database, as they would between Telegram deliveries
    # (the exactly-once intake drops an id it has seen).
    return BotHarness(app, api, runtime, ids, UpdateFactory(message_ids=api.next_message_id,
                                                            first_update_id=next(_FIRST_UPDATE_IDS)))


@pytest.fixture
async def make_bot(seeded_db, _seed_template):
    started: list[BotHarness] = []

    async def make(**overrides) -> BotHarness:  # noqa: ANN003
        h = await start_bot(seeded_db, _seed_template[1], **overrides)
        started.append(h)
        return h

    yield make
    for h in started:
        await h.app.shutdown()
        h.runtime.engine.dispose()


@pytest.fixture
async def bot(make_bot) -> BotHarness:
    return await make_bot()


def private_rows(engine, table: str) -> list:  # noqa: ANN001
    from sqlalchemy import text

    with engine.connect() as conn:
        return conn.execute(text(f'SELECT * FROM "{table}"')).mappings().all()
