"""The database goes away for a few seconds, on SQLite and PostgreSQL.

PostgreSQL: the bot talks to the server through a TCP proxy on 127.0.0.1 that is stopped (every
connection cut, new ones refused) and started again. SQLite (a file cannot "go away"): every
statement fails with a DBAPI OperationalError while the outage lasts.

Expected: a blink shorter than the handlers' retry budget is ridden out (the update waits, then
is handled normally); a longer outage in the middle of an update gets the user a "try again in a
minute" in their language, writes nothing half-way, and once the database is back everything
works and nothing is stored twice. (Updates arriving during an outage are not acknowledged at all:
the intake refuses them, see bot/inbox.py and test_reliability_processes.py.)
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import threading
import time

import pytest
from sqlalchemy import event, func
from sqlmodel import select

from bot import inbox
from bot.models import InboxUpdate
from claims.errors import DatabaseUnavailable
from claims.i18n import t
from claims.models import Subscription, Tip

from conftest import start_app
from test_reliability_harness import TcpProxy, pending, pg_target, via_proxy

NOVEL = "Губернатор пообещал построить в области сорок новых бассейнов до конца лета"
NOVEL2 = "Мэрия сообщила, что трамвайную линию продлят до аэропорта через два года"


class Outage:
    """down()/up() for the database the app uses; `after(seconds)` brings it back in the background."""

    def __init__(self, migrated_url: str) -> None:
        self.migrated_url = migrated_url
        self.proxy: TcpProxy | None = None
        self._down = False
        self.failures = 0
        self.app_url = migrated_url
        if migrated_url.startswith("postgresql"):
            self.proxy = TcpProxy(pg_target())
            self.proxy.start()
            self.app_url = via_proxy(migrated_url, self.proxy.port)

    def attach(self, engine) -> None:  # noqa: ANN001
        if self.proxy is None:
            @event.listens_for(engine, "before_cursor_execute")
            def _fail(*_args) -> None:  # noqa: ANN002
                if self._down:
                    self.failures += 1
                    raise sqlite3.OperationalError("disk I/O error (simulated outage)")

    def down(self) -> None:
        self._down = True
        if self.proxy is not None:
            self.proxy.stop()

    def up(self) -> None:
        self._down = False
        if self.proxy is not None:
            self.proxy.start()

    def up_after(self, seconds: float) -> threading.Timer:
        timer = threading.Timer(seconds, self.up)
        timer.start()
        return timer

    def close(self) -> None:
        if self.proxy is not None:
            self.proxy.stop()


@pytest.fixture
async def blinking(migrated_url):
    outage = Outage(migrated_url)
    h = await start_app(outage.app_url)
    outage.attach(h.runtime.engine)
    yield h, outage
    outage.up()
    await h.close()
    outage.close()


async def test_a_blink_delays_stored_updates_and_loses_none(blinking):
    """The database goes away after an update was stored: the inbox worker cannot take it, waits,
    and processes it normally once the database is back — no error, no "try again"."""
    h, outage = blinking
    data = h.make.message(NOVEL, user=h.user)
    h.api.note_chat(data["message"]["chat"])
    assert await inbox.intake(h.app, data["update_id"], json.dumps(data))
    outage.down()
    worker = h.app.inbox_worker
    await worker.start()
    try:
        await asyncio.sleep(1.5)
        assert not h.api.calls and worker.processed == 0  # it waits for the database
        outage.up()
        for _ in range(200):
            if worker.processed:
                break
            await asyncio.sleep(0.05)
    finally:
        await worker.stop()
    assert worker.processed == 1
    assert not h.seen_errors, h.seen_errors
    assert t("ru", "err.db") not in h.api.texts()
    assert len(h.rows(Tip)) == 1 and h.rows(Tip)[0].text == NOVEL
    assert "№" in h.api.texts()[-1] or "#" in h.api.texts()[-1]  # the tip-saved reply names the tip


async def test_a_long_outage_says_try_again_and_loses_nothing(blinking):
    h, outage = blinking
    outage.down()
    await h.text(NOVEL)  # the database went away while the update was being processed
    await h.command("follow", str(h.ids["bridge"]))
    assert h.api.texts()[-2:] == [t("ru", "err.db")] * 2
    outage.up()
    # nothing half-written
    assert h.rows(Tip) == []
    with h.session() as s:
        assert s.exec(select(Subscription)).all() == []
    # back: the user tries again and everything is stored exactly once
    await h.text(NOVEL)
    await h.command("follow", str(h.ids["bridge"]))
    await h.text(NOVEL2)
    tips = h.rows(Tip)
    assert [tip.text for tip in tips] == [NOVEL, NOVEL2]
    with h.session() as s:
        assert len(s.exec(select(Subscription)).all()) == 1
    # only DatabaseUnavailable/OperationalError reached the error handler, and only during the outage
    assert all("Operational" in e or "DatabaseUnavailable" in e for _, e in h.seen_errors), h.seen_errors


async def test_a_redelivery_after_the_outage_is_still_handled_once(blinking):
    """An update handled before the outage, redelivered during it (not acknowledged: the intake
    cannot store it) and again after it: stored and handled once."""
    h, outage = blinking
    update = h.make.message(NOVEL, user=h.user)
    assert await h.deliver(update)
    outage.down()
    with pytest.raises(DatabaseUnavailable):
        await h.deliver(update)  # the webhook answers 503 to this
    outage.up()
    assert await h.deliver(update) is False
    assert len(h.rows(Tip)) == 1
    with h.session() as s:
        assert s.exec(select(func.count()).select_from(InboxUpdate)).one() == 1
    assert pending(h.runtime.engine) == 0
    assert len([x for x in h.api.texts() if NOVEL[:10] in x or "№" in x or "#" in x]) >= 1
    assert not h.seen_errors, h.seen_errors


async def test_every_update_gets_an_answer_during_an_outage(blinking):
    """Nobody is left without a reply: whatever the update, the user hears something."""
    h, outage = blinking
    outage.down()
    await h.command("help")
    await h.command("search", "мост")
    await h.send(h.make.inline("мост", user=h.user))
    outage.up()
    assert len(h.api.texts()) == 2 and set(h.api.texts()) <= {t("ru", "err.db")} | set(h.api.texts()[:1])
    assert h.api.sent("answerInlineQuery")  # an empty inline answer rather than a spinning client


# --- claims/retry.py ----------------------------------------------------------------------------

def test_with_db_retry_retries_connection_errors_only():
    from sqlalchemy.exc import IntegrityError, OperationalError

    from claims.errors import DatabaseUnavailable
    from claims.retry import with_db_retry

    calls = {"n": 0}

    def blinking() -> str:
        calls["n"] += 1
        if calls["n"] < 3:
            raise OperationalError("SELECT 1", {}, Exception("server closed the connection unexpectedly"))
        return "ok"

    assert with_db_retry(blinking) == "ok" and calls["n"] == 3

    def down() -> None:
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    start = time.monotonic()
    with pytest.raises(DatabaseUnavailable, match="connection refused"):
        with_db_retry(down, budget=0.5)
    assert time.monotonic() - start < 3

    integrity = {"n": 0}

    def duplicate() -> None:
        integrity["n"] += 1
        raise IntegrityError("INSERT", {}, Exception("duplicate key"))

    with pytest.raises(IntegrityError):
        with_db_retry(duplicate)
    assert integrity["n"] == 1  # a constraint violation is an answer, not a blink


def test_with_db_retry_makes_no_second_attempt_once_the_budget_is_spent():
    # a first attempt that hangs for the whole budget (a connect timeout on an unreachable host)
    # is all the caller waits for: the webhook answers 503 after about INTAKE_BUDGET, not twice that
    from sqlalchemy.exc import OperationalError

    from claims.errors import DatabaseUnavailable
    from claims.retry import with_db_retry

    calls = []

    def hangs_then_fails() -> None:
        calls.append(1)
        time.sleep(0.4)
        raise OperationalError("SELECT 1", {}, Exception("connection timeout expired"))

    start = time.monotonic()
    with pytest.raises(DatabaseUnavailable, match="timeout"):
        with_db_retry(hangs_then_fails, budget=0.3)
    assert len(calls) == 1 and time.monotonic() - start < 0.7


async def test_polling_confirms_nothing_while_the_database_is_away(blinking):
    """Polling: PTB's Updater asks for the next offset (confirming the update to Telegram) only after
    `update_queue.put` returned; the inbox's put returns only once the update is stored."""
    from telegram import Update

    h, outage = blinking
    queue = h.app.update_queue
    assert isinstance(queue, inbox.InboxQueue)
    queue.retry_every = 0.2
    data = h.make.message(NOVEL, user=h.user)
    h.api.note_chat(data["message"]["chat"])
    outage.down()
    put = asyncio.create_task(queue.put(Update.de_json(data, h.app.bot)))
    await asyncio.sleep(3.0)
    assert not put.done()  # still trying: the Updater has not asked for the next offset
    outage.up()
    await asyncio.wait_for(put, 20)
    assert pending(h.runtime.engine) == 1 and queue.empty()
    assert await h.app.inbox_worker.drain() == 1  # the stored update reads back as the update it was
    assert len(h.rows(Tip)) == 1 and h.rows(Tip)[0].text == NOVEL


async def test_a_conversation_step_is_stored_when_the_server_dropped_the_connection_while_busy(harness, migrated_url,
                                                                                          monkeypatch):
    # PostgreSQL drops the pool's connections (a restart, pg_terminate_backend) while an update's
    # handlers run: the /submit step's write (it rides with the update's done mark, bot/inbox.py) must
    # still reach the table, or the next step (on another worker, or after a SIGKILL) is read as a
    # plain message
    if not migrated_url.startswith("postgresql"):
        pytest.skip("a server-side disconnect is PostgreSQL's")
    import psycopg
    from sqlalchemy import text

    from bot import inbox, persistence
    from conftest import PUBLIC_ID, message_update

    pids: set[int] = set()  # this engine's connections only (other tests share the server)
    event.listen(harness.engine, "checkout", lambda dbapi_conn, *_: pids.add(dbapi_conn.info.backend_pid))
    warm = message_update(PUBLIC_ID, "/help")
    warm["update_id"] = 77_000_001
    await harness.deliver(warm)
    dsn = harness.engine.url.set(drivername="postgresql", query={}).render_as_string(hide_password=False)
    real, dropped = inbox.take, []

    def take(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        if not dropped and any(kind == persistence.CONV for kind, _ in (kwargs.get("writes") or {})):
            with psycopg.connect(dsn, autocommit=True) as admin:
                dropped.extend(pid for pid in pids
                               if admin.execute("SELECT pg_terminate_backend(%s)", (pid,)).fetchone()[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(inbox, "take", take)
    update = message_update(PUBLIC_ID, "/submit")
    update["update_id"] = 77_000_002
    await harness.deliver(update)
    assert dropped
    with harness.engine.connect() as conn:
        kinds = conn.execute(text("SELECT kind FROM persistenceentry")).scalars().all()
    assert persistence.CONV in kinds
