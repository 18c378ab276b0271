"""bot/inbox.py: an update is stored before it is acknowledged, stored once however often it is
delivered, and processed exactly once by one worker; a worker that died mid-update leaves it to
the next one after the lease — on SQLite and PostgreSQL. (Real processes: test_reliability_processes.)"""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys
from datetime import timedelta

import pytest
from sqlalchemy import text, update
from sqlmodel import select
from telegram import Update

from bot import inbox, persistence
from bot.models import InboxUpdate
from bot.testing import UpdateFactory
from claims.models import Tip, utcnow

from conftest import start_app
from test_reliability_harness import pending

NOVEL = "Глокая куздра штеко будланула бокра и курдячит бокрёнка"


@pytest.fixture
async def h(make_app):
    return await make_app()


def done(h) -> int:  # noqa: ANN001
    return sum(1 for r in h.rows(InboxUpdate) if r.done_at is not None)


async def test_a_redelivered_update_is_stored_once_and_handled_once(h):
    update_ = h.make.message(NOVEL, user=h.user)
    assert [await h.deliver(update_) for _ in range(3)] == [True, False, False]
    assert len(h.api.sent("sendMessage")) == 1
    assert len(h.rows(Tip)) == 1 and len(h.rows(InboxUpdate)) == 1 and done(h) == 1
    # once processed, only the update id is kept: the text, names and ids of the raw update are gone
    # (/forget could not reach them there)
    assert h.rows(InboxUpdate)[0].payload == "" and str(h.user) not in h.rows(InboxUpdate)[0].payload
    assert not h.seen_errors


async def test_stored_updates_wait_until_a_worker_takes_them_in_order(h):
    ids = []
    for i in range(3):
        data = h.make.command("claim", str(h.ids["vaccine"]), user=h.user)
        ids.append(data["update_id"])
        h.api.note_chat(data["message"]["chat"])
        assert await inbox.intake(h.app, data["update_id"], json.dumps(data))
    assert not h.api.calls and pending(h.runtime.engine) == 3  # stored, nothing processed yet
    assert await h.app.inbox_worker.drain() == 3
    assert len(h.api.sent("sendMessage")) == 3 and pending(h.runtime.engine) == 0
    assert [r.update_id for r in h.rows(InboxUpdate)] == ids and all(r.attempts == 1 for r in h.rows(InboxUpdate))


async def test_a_leased_update_is_not_taken_again_until_the_lease_runs_out(h):
    engine = h.runtime.engine
    assert inbox.store(engine, 9001, json.dumps(h.make.message(NOVEL, user=h.user)))
    first = inbox.take(engine, 60, "worker-a")
    assert first is not None and first[0] == 9001
    assert inbox.take(engine, 60, "worker-b") is None  # leased by a
    with h.session() as s:  # a died; its lease runs out
        s.execute(update(InboxUpdate).values(locked_until=utcnow() - timedelta(seconds=1)))
        s.commit()
    again = inbox.take(engine, 60, "worker-b")
    assert again is not None and again[0] == 9001 and again[2] == 2
    inbox.mark_done(engine, 9001)
    assert inbox.take(engine, 60, "worker-c") is None


async def test_a_crash_after_the_work_before_done_repeats_the_work_idempotently(migrated_url):
    """The worker stored the tip, then died before marking the update done. After the lease the next
    worker processes it again: the user gets an answer, and the tip is still stored once (it is
    keyed by update_id); the update is then done and never processed a third time."""
    from claims.db import open_database

    first = await start_app(migrated_url)
    data = first.make.message(NOVEL, user=first.user)
    first.api.note_chat(data["message"]["chat"])
    assert await inbox.intake(first.app, data["update_id"], json.dumps(data))
    taken = inbox.take(first.runtime.engine, 600, "doomed")
    await first.app.process_update(Update.de_json(json.loads(taken[1]), first.app.bot))  # ... and dies here
    assert len(first.rows(Tip)) == 1
    await first.close()

    second = await start_app(migrated_url, seed=False, engine=open_database(migrated_url))
    try:
        second.api.note_chat(data["message"]["chat"])
        assert await second.app.inbox_worker.drain() == 0  # the lease still holds
        with second.session() as s:  # ... until it runs out (set, not waited for: a busy machine
            s.execute(update(InboxUpdate).values(locked_until=utcnow() - timedelta(seconds=1)))  # is slow)
            s.commit()
        assert await second.app.inbox_worker.drain() == 1
        assert len(second.api.sent("sendMessage")) == 1  # answered again
        assert len(second.rows(Tip)) == 1  # stored once
        assert await second.deliver(data) is False  # a late redelivery: acknowledged, not processed
        assert len(second.api.sent("sendMessage")) == 1
    finally:
        await second.close()


async def test_a_chats_next_update_waits_while_another_worker_processes_its_previous_one(h):
    """Several workers (PostgreSQL, or two processes on one SQLite file): the steps of one chat's
    /submit conversation must not run at the same time or out of order. While one worker holds a
    chat's update, another worker takes other chats' updates but not that chat's next one."""
    engine = h.runtime.engine
    other_user = h.make.user(7777, "ru")
    first = h.make.command("submit", user=h.user)
    second = h.make.message("https://example.org/source", user=h.user)
    elsewhere = h.make.message(NOVEL, user=other_user)
    for data in (first, second, elsewhere):
        assert inbox.store(engine, data["update_id"], json.dumps(data))
    assert inbox.take(engine, 60, "worker-a")[0] == first["update_id"]
    got = inbox.take(engine, 60, "worker-b")
    assert got is not None and got[0] == elsewhere["update_id"]  # not the same chat's second step
    assert inbox.take(engine, 60, "worker-b") is None
    inbox.mark_done(engine, first["update_id"])
    assert inbox.take(engine, 60, "worker-b")[0] == second["update_id"]  # its turn now


def test_chat_of_names_the_chat_an_update_belongs_to():
    make = UpdateFactory()
    msg = {"message_id": 1, "date": 1, "chat": {"id": -100123, "type": "supergroup"}}
    assert inbox.chat_of(json.dumps(make.message("hi", user=make.user(5, "ru")))) == 5
    assert inbox.chat_of(json.dumps(make.callback("d:1", msg))) == -100123
    assert inbox.chat_of(json.dumps(make.inline("q"))) == make.inline("q")["inline_query"]["from"]["id"]
    for odd in ('{"update_id": 1}', "not json", '{"update_id": 1, "message": {"chat": {"id": "5"}}}',
                json.dumps({"update_id": 1, "message": {"chat": {"id": 2**70}}})):
        assert inbox.chat_of(odd) is None


async def test_postgres_workers_skip_a_row_another_worker_is_taking(migrated_url):
    """FOR UPDATE SKIP LOCKED: while one worker's transaction holds the oldest row, another takes the
    next one at once instead of waiting (or taking the same one)."""
    if not migrated_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only (SQLite runs one process)")
    h = await start_app(migrated_url)
    try:
        engine = h.runtime.engine
        for uid in (1, 2):  # two chats (one chat's updates are taken in turn)
            inbox.store(engine, uid, json.dumps(h.make.message(NOVEL, user=h.make.user(1000 + uid, "ru"))))
        with engine.connect() as holder:
            holder.execute(text("SELECT update_id FROM inboxupdate WHERE update_id = 1 FOR UPDATE"))
            got = await asyncio.wait_for(asyncio.to_thread(inbox.take, engine, 60, "b"), 5)
            assert got is not None and got[0] == 2
            holder.rollback()
        got = inbox.take(engine, 60, "a")
        assert got is not None and got[0] == 1
    finally:
        await h.close()


async def test_sqlite_a_restarted_process_takes_what_the_dead_one_had_leased(tmp_path):
    from bot.models import InboxUpdate as Row

    url = f"sqlite:///{tmp_path / 'one.db'}"
    h = await start_app(url)
    try:
        inbox.store(h.runtime.engine, 5, json.dumps(h.make.command("claim", str(h.ids["vaccine"]), user=h.user)))
        dead = subprocess.Popen([sys.executable, "-c", "pass"])  # the previous claimbot, gone
        dead.wait()
        assert inbox.take(h.runtime.engine, 3600, f"{socket.gethostname()}:{dead.pid}") is not None
        assert await h.app.inbox_worker.drain() == 0
        await h.app.inbox_worker.start()  # what Application.start() does on SQLite: one process
        for _ in range(100):
            if h.app.inbox_worker.processed:
                break
            await asyncio.sleep(0.05)
        await h.app.inbox_worker.stop()
        assert len(h.api.sent("sendMessage")) == 1
        with h.session() as s:
            assert s.get(Row, 5).done_at is not None
    finally:
        await h.close()


async def test_sqlite_a_second_process_started_by_mistake_leaves_a_live_lease_alone(tmp_path):
    """SQLite is documented as one process. An operator who starts a second `claimbot` on the same
    file anyway must not make the update the first one is processing run twice: only the leases of
    processes that no longer exist are released at start."""
    url = f"sqlite:///{tmp_path / 'one.db'}"
    h = await start_app(url)
    first = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])  # the first claimbot
    try:
        engine = h.runtime.engine
        inbox.store(engine, 5, json.dumps(h.make.command("claim", str(h.ids["vaccine"]), user=h.user)))
        assert inbox.take(engine, 3600, f"{socket.gethostname()}:{first.pid}") is not None  # it is working on it

        async def run_worker() -> None:  # what Application.start() and stop() do
            await h.app.inbox_worker.start()
            await asyncio.sleep(1.5)
            await h.app.inbox_worker.stop()

        await run_worker()  # the second process starts while the first works
        assert not h.api.sent("sendMessage")
        with h.session() as s:
            assert s.get(InboxUpdate, 5).done_at is None

        first.kill()
        first.wait()
        await run_worker()  # the first one died: its update is taken again at once
        assert len(h.api.sent("sendMessage")) == 1
        with h.session() as s:
            assert s.get(InboxUpdate, 5).done_at is not None
    finally:
        first.kill()
        first.wait()
        await h.close()


async def test_an_update_that_keeps_killing_its_worker_is_set_aside(h):
    engine = h.runtime.engine
    data = h.make.message(NOVEL, user=h.user)
    inbox.store(engine, data["update_id"], json.dumps(data))
    with h.session() as s:
        s.execute(update(InboxUpdate).values(attempts=inbox.MAX_ATTEMPTS))
        s.commit()
    assert await h.app.inbox_worker.drain() == 1
    assert not h.api.calls and done(h) == 1 and not h.rows(Tip)


async def test_an_update_whose_handler_never_returns_is_set_aside_and_the_others_go_on(h, monkeypatch, caplog):
    """One worker processes one update at a time: a handler that hangs must not stop every chat."""
    from telegram.ext import MessageHandler, filters

    async def hang(update, context) -> None:  # noqa: ANN001
        await asyncio.Event().wait()

    h.app.add_handler(MessageHandler(filters.Regex("^hang$"), hang), group=-5000)
    monkeypatch.setattr(inbox, "PROCESS_LIMIT", 3.0, raising=False)  # the other update must finish in it on a busy machine
    stuck = h.make.message("hang", user=h.make.user(9100, "ru"))
    fine = h.make.command("claim", str(h.ids["vaccine"]), user=h.user)
    for data in (stuck, fine):
        h.api.note_chat(data["message"]["chat"])
        assert inbox.store(h.runtime.engine, data["update_id"], json.dumps(data))
    assert await asyncio.wait_for(h.app.inbox_worker.drain(), 20) == 2
    assert [c.params["chat_id"] for c in h.api.sent("sendMessage")] == [h.user["id"]]
    assert done(h) == 2 and "set aside" in caplog.text


async def test_a_stopped_update_is_still_done(make_bot):
    """ApplicationHandlerStop in a group (the rate limit) skips later groups; the update is still done,
    so a redelivery of the limited update is not processed later either."""
    h = await make_bot(rate_limit_per_minute=1)
    first, second = (h.make.message(NOVEL + str(i), user=h.user) for i in range(2))
    await h.deliver(first)
    await h.deliver(second)  # over the limit: answered "slow down", stopped in group -100
    assert done(h) == 2
    before = len(h.api.calls)
    await h.deliver(second)
    assert len(h.api.calls) == before


async def test_done_updates_are_kept_a_few_days_then_purged(h):
    for _ in range(3):
        await h.deliver(h.make.command("claim", str(h.ids["vaccine"]), user=h.user))
    inbox.store(h.runtime.engine, 99_999, "{}")  # pending: never purged, however old
    with h.session() as s:
        s.execute(update(InboxUpdate).values(received_at=utcnow() - timedelta(days=30)))
        s.execute(update(InboxUpdate).where(InboxUpdate.update_id <= 2)
                  .values(done_at=utcnow() - timedelta(days=inbox.KEEP_DAYS + 1)))
        s.commit()
    assert inbox.purge_done(h.runtime.engine) == 2
    assert [r.update_id for r in h.rows(InboxUpdate)] == [3, 99_999]


async def test_periodic_jobs_run_on_the_job_queue_and_stop_with_it(h):
    """Periodic work is PTB's JobQueue: named jobs scheduled at start-up, run while it runs."""
    names = {job.name for job in h.app.job_queue.jobs()}
    assert {"purge processed updates from the inbox", "tip retention"} <= names
    ran = asyncio.Event()

    async def job(context) -> None:  # noqa: ANN001
        ran.set()

    h.app.job_queue.run_repeating(job, interval=0.05, first=0.0, name="test-job")
    await h.app.job_queue.start()
    try:
        await asyncio.wait_for(ran.wait(), 5)
    finally:
        await h.app.job_queue.stop()
    assert not h.app.job_queue.scheduler.running


# --- malformed updates ------------------------------------------------------------------------------

def test_well_formed_accepts_what_telegram_sends_and_refuses_the_rest():
    from telegram import Bot

    bot = Bot("1:x")
    make = UpdateFactory()
    good = [make.message("hi"), make.command("start"), make.message(None, caption="c"),
            make.message("x", forward=UpdateFactory.origin("hidden_user")), make.inline("q"),
            make.message("x", kind="channel_post"),
            make.callback("d:1", {"message_id": 1, "date": 1, "chat": {"id": 1, "type": "private"}})]
    for data in good:
        assert inbox.well_formed(Update.de_json(data, bot)), data
    bad = make.message("hi")
    bad["message"]["from"]["id"] = [1]
    no_chat = make.message("hi")
    del no_chat["message"]["chat"]
    text_int = make.message("hi")
    text_int["message"]["text"] = 5
    lang_int = make.message("hi")
    lang_int["message"]["from"]["language_code"] = 7
    for data in (bad, no_chat, text_int, lang_int):
        try:
            update_obj = Update.de_json(data, bot)
        except Exception:  # noqa: BLE001
            continue
        assert not inbox.well_formed(update_obj), data


async def test_a_malformed_update_never_reaches_ptb_or_the_handlers(h):
    data = h.make.message("hi", user=h.user)
    data["message"]["from"]["id"] = [{}]  # unhashable: PTB's own bookkeeping would raise
    assert await h.deliver(data)
    assert not h.api.calls and not h.seen_errors and done(h) == 1  # taken, dropped, not retried


async def test_a_stored_update_python_telegram_bot_cannot_read_is_set_aside_once(h, caplog):
    """What the webhook acknowledged although PTB cannot read it (bot/webhook.py) is taken once, set
    aside with a warning and never retried; the updates after it are processed."""
    engine = h.runtime.engine
    good = h.make.command("claim", str(h.ids["vaccine"]), user=h.user)
    odd = good["update_id"] - 1  # taken first
    assert inbox.store(engine, odd, json.dumps({"update_id": odd, "callback_query": {"id": "1"}}))
    h.api.note_chat(good["message"]["chat"])
    assert inbox.store(engine, good["update_id"], json.dumps(good))
    assert await h.app.inbox_worker.drain() == 2
    assert len(h.api.sent("sendMessage")) == 1 and done(h) == 2
    assert [r.attempts for r in h.rows(InboxUpdate)] == [1, 1]
    assert "unreadable" in caplog.text and not h.seen_errors


async def test_an_update_survives_failing_state_steps(h, monkeypatch):
    """Re-reading shared state before the handlers and writing it after both fail: the update is still
    answered and marked done."""
    async def broken(app, update_obj) -> None:  # noqa: ANN001
        raise RuntimeError("hook bug")

    monkeypatch.setattr(persistence, "before_update", broken)
    monkeypatch.setattr(persistence, "after_update", broken)
    await h.deliver(h.make.command("claim", str(h.ids["vaccine"]), user=h.user))
    assert len(h.api.sent("sendMessage")) == 1 and done(h) == 1


async def test_the_done_mark_rides_with_the_next_take_and_keeps_a_chats_order(h):
    """A worker records the update it processed in the same transaction as its next take: that take
    already sees it done, so the same chat's next update is taken at once (not after another round)."""
    engine = h.runtime.engine
    first = h.make.command("submit", user=h.user)
    second = h.make.message("https://example.org/source", user=h.user)
    for data in (first, second):
        assert inbox.store(engine, data["update_id"], json.dumps(data))
    assert inbox.take(engine, 60, "worker-a")[0] == first["update_id"]
    assert inbox.take(engine, 60, "worker-b") is None  # the chat's next update waits
    got = inbox.take(engine, 60, "worker-a", done=first["update_id"])
    assert got is not None and got[0] == second["update_id"]
    assert [r.done_at is not None for r in h.rows(InboxUpdate)] == [True, False] and h.rows(InboxUpdate)[0].payload == ""


async def test_a_blink_while_recording_done_neither_loses_the_mark_nor_repeats_the_update(h, monkeypatch):
    """The take that records the previous update fails once (the database blinked): nothing of it
    applied, the worker retries, the update is recorded done and never processed a second time."""
    from sqlalchemy.exc import OperationalError

    engine = h.runtime.engine
    datas = [h.make.command("claim", str(h.ids["vaccine"]), user=h.make.user(9200 + i, "ru")) for i in range(2)]
    for data in datas:
        h.api.note_chat(data["message"]["chat"])
        assert inbox.store(engine, data["update_id"], json.dumps(data))
    worker = h.app.inbox_worker
    assert await worker.run_once()  # the first update: processed, its done mark waits for the next take
    real, failed = inbox.take, []

    def blinking(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        if kwargs.get("done") is not None and not failed:
            failed.append(kwargs["done"])
            raise OperationalError("UPDATE inboxupdate", {}, Exception("server closed the connection unexpectedly"))
        return real(*args, **kwargs)

    monkeypatch.setattr(inbox, "take", blinking)
    assert await worker.run_once() and failed == [datas[0]["update_id"]]
    assert await worker.run_once() is False  # records the second one
    assert len(h.api.sent("sendMessage")) == 2  # each answered once
    assert all(r.done_at is not None and r.attempts == 1 for r in h.rows(InboxUpdate))


async def test_a_stopping_worker_records_the_update_it_processed_last(h):
    data = h.make.command("claim", str(h.ids["vaccine"]), user=h.user)
    h.api.note_chat(data["message"]["chat"])
    assert inbox.store(h.runtime.engine, data["update_id"], json.dumps(data))
    assert await h.app.inbox_worker.run_once()
    assert h.rows(InboxUpdate)[0].done_at is None  # processed; the mark would ride with the next take
    await h.app.inbox_worker.stop()
    assert h.rows(InboxUpdate)[0].done_at is not None and len(h.api.sent("sendMessage")) == 1


class Outage:
    """Every statement on `engine` fails as a dropped server connection does while `down` is set."""

    def __init__(self, engine) -> None:  # noqa: ANN001
        from sqlalchemy import event

        self.down = False
        event.listen(engine, "before_cursor_execute", self._check)

    def _check(self, *args) -> None:  # noqa: ANN002
        from sqlalchemy.exc import OperationalError

        if self.down:
            raise OperationalError("statement", {}, Exception("server closed the connection unexpectedly"))


def conversation_rows(h) -> list[str]:  # noqa: ANN001
    from bot.models import PersistenceEntry

    with h.session() as s:
        return [r.data for r in s.exec(select(PersistenceEntry).where(PersistenceEntry.kind == "conversations"))]


async def test_an_update_is_not_done_while_its_conversation_step_is_only_in_memory(h, monkeypatch):
    """The database goes away after /submit's handler ran and comes back: the step (now waiting for
    the claim) is committed with the update's done mark, never after it — the update was recorded done
    while the step was only in this process's memory, and a crash then lost the step for good."""
    outage = Outage(h.runtime.engine)
    real_after = persistence.after_update

    async def after_with_outage(app, update_obj) -> None:  # noqa: ANN001
        outage.down = True  # between the handlers and the state's write
        try:
            await real_after(app, update_obj)
        finally:
            outage.down = False

    monkeypatch.setattr(persistence, "after_update", after_with_outage)
    data = h.make.command("submit", user=h.user)
    h.api.note_chat(data["message"]["chat"])
    assert inbox.store(h.runtime.engine, data["update_id"], json.dumps(data))
    assert await h.app.inbox_worker.run_once()
    assert await h.app.inbox_worker.run_once() is False  # records the update (the database is back)
    assert done(h) == 1
    step = conversation_rows(h)
    assert len(step) == 1, "done, but the conversation step was never written"
    # and while the database stays away, the update is not recorded done at all
    second = h.make.message(str(h.ids["vaccine"]), user=h.user)  # the claim's number, as asked
    assert inbox.store(h.runtime.engine, second["update_id"], json.dumps(second))
    monkeypatch.setattr(inbox, "IDLE_POLL", 0.01)
    assert await h.app.inbox_worker.run_once()
    outage.down = True
    with pytest.raises(Exception):  # noqa: B017, PT011 - DatabaseUnavailable after the retry budget
        await asyncio.wait_for(h.app.inbox_worker.record_done(), 30)
    outage.down = False
    assert done(h) == 1 and h.rows(InboxUpdate)[1].done_at is None
    await h.app.inbox_worker.record_done()
    assert done(h) == 2 and conversation_rows(h) != step  # the next step, with its done mark


async def test_a_re_taken_update_is_counted_once_by_the_rate_limit(migrated_url):
    """A worker processed an update and died before recording it: the next worker takes it again and
    processes it again (idempotent work), but the user's rate-limit count does not grow a second time."""
    from bot.models import RateHit

    app = await start_app(migrated_url, rate_limit_per_minute=5)
    try:
        data = app.make.command("start", user=app.user)
        app.api.note_chat(data["message"]["chat"])
        assert inbox.store(app.runtime.engine, data["update_id"], json.dumps(data))
        worker = app.app.inbox_worker
        assert await worker.run_once()
        worker._unrecorded = None  # the process died here: processed, not recorded  # noqa: SLF001
        with app.session() as s:  # its lease ran out
            s.exec(update(InboxUpdate).values(locked_until=utcnow() - timedelta(seconds=1)))
            s.commit()
        assert await worker.drain() == 1
        assert [r.attempts for r in app.rows(InboxUpdate)] == [2] and done(app) == 1
        with app.session() as s:
            hits = s.exec(select(RateHit).where(RateHit.kind == "hit")).all()
        assert len(hits) == 1, f"one update counted {len(hits)} times"
    finally:
        await app.close()


async def test_a_lease_whose_answer_was_lost_is_taken_again_at_once(h, monkeypatch):
    """The take's commit went through but its answer never came back (PostgreSQL: the connection
    dropped right after COMMIT): the worker's next take voids that orphaned lease instead of leaving
    the update (and its chat) waiting INBOX_LEASE_SECONDS."""
    from sqlalchemy.exc import OperationalError

    data = h.make.command("claim", str(h.ids["vaccine"]), user=h.user)
    h.api.note_chat(data["message"]["chat"])
    assert inbox.store(h.runtime.engine, data["update_id"], json.dumps(data))
    real, lost = inbox.take, []

    def answer_lost(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        row = real(*args, **kwargs)
        if row is not None and not lost:
            lost.append(row[0])
            raise OperationalError("COMMIT", {}, Exception("server closed the connection unexpectedly"))
        return row

    monkeypatch.setattr(inbox, "take", answer_lost)
    worker = h.app.inbox_worker
    try:  # the retry (a worker thread, on SQLite) takes again at once, or the worker's loop's next call does
        taken = await worker.run_once()
    except Exception:  # noqa: BLE001 - DatabaseUnavailable: the first take has no retry budget
        taken = False
    assert lost == [data["update_id"]]
    assert taken or await worker.run_once()  # at once, not INBOX_LEASE_SECONDS later
    await worker.drain()
    assert len(h.api.sent("sendMessage")) == 1 and done(h) == 1


async def test_the_worker_uses_the_update_intake_read_once_and_reads_the_row_on_a_retake(h, monkeypatch):
    """The webhook and polling read each update (python-telegram-bot) before storing it; handed to
    intake, this process's worker processes that very object instead of reading the stored JSON
    again (once: a re-take of the row reads the JSON). Same answers; fails on the code before it
    (intake had no `parsed`, and every take read the row's JSON again)."""
    reads = []
    real = Update.de_json.__func__

    def counted(cls, data, bot):  # noqa: ANN001, ANN202
        reads.append(data.get("update_id") if isinstance(data, dict) else None)
        return real(cls, data, bot)

    data = h.make.command("claim", str(h.ids["vaccine"]), user=h.user)
    h.api.note_chat(data["message"]["chat"])
    parsed = Update.de_json(data, h.app.bot)
    monkeypatch.setattr(Update, "de_json", classmethod(counted))
    assert await inbox.intake(h.app, data["update_id"], json.dumps(data), parsed)
    assert await h.app.inbox_worker.drain() == 1
    assert reads == [] and len(h.api.sent("sendMessage")) == 1 and done(h) == 1

    again = h.make.command("claim", str(h.ids["vaccine"]), user=h.user)  # handed, then taken twice
    assert await inbox.intake(h.app, again["update_id"], json.dumps(again), Update.de_json(again, h.app.bot))
    reads.clear()
    taken = inbox.take(h.runtime.engine, 600, "doomed")  # another worker takes it and dies
    assert taken is not None and taken[0] == again["update_id"]
    with h.session() as s:
        s.execute(update(InboxUpdate).values(locked_until=utcnow() - timedelta(seconds=1)))
        s.commit()
    assert await h.app.inbox_worker.drain() == 1  # this worker's take is the row's second: read from its JSON
    assert reads == [again["update_id"]] and len(h.api.sent("sendMessage")) == 2 and not h.seen_errors


async def test_the_take_reads_the_rows_language_and_rate_window_of_an_update_in_one_statement(h, monkeypatch):
    """The transaction that leases an update also reads what its first steps need: its shared
    persistence rows, the reader's /lang choice (unblocking a user who had blocked the bot) and the
    rate limit's window after writing its count. Those are one SELECT (they were three), with the
    same outcome: the English choice answers a Russian client, the user is unblocked, the request is
    counted. Fails on the code before it (three SELECTs in the take)."""
    from sqlalchemy import event

    from bot.models import RateHit
    from claims.models import UserPref

    with h.session() as s:
        s.add(UserPref(user_id=h.user["id"], language="en", blocked=True))
        s.commit()
    data = h.make.command("start", user=h.user)  # the user's client says "ru"
    h.api.note_chat(data["message"]["chat"])
    assert await inbox.intake(h.app, data["update_id"], json.dumps(data))
    taking, statements, real_take = [False], [], inbox.take

    def take(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        taking[0] = True
        try:
            return real_take(*args, **kwargs)
        finally:
            taking[0] = False

    def seen(conn, cursor, statement, *args) -> None:  # noqa: ANN001, ANN002
        if taking[0]:
            statements.append(" ".join(statement.split()).upper())

    monkeypatch.setattr(inbox, "take", take)
    event.listen(h.runtime.engine, "before_cursor_execute", seen)
    try:
        assert await h.app.inbox_worker.drain() == 1
    finally:
        event.remove(h.runtime.engine, "before_cursor_execute", seen)
    selects = [st for st in statements if st.startswith("SELECT")]
    assert len(selects) == 1, statements
    assert all(table in selects[0] for table in ("PERSISTENCEENTRY", "USERPREF", "RATEHIT"))
    assert "I check" in h.api.texts()[-1]  # in English, the /lang choice
    with h.session() as s:
        assert s.get(UserPref, h.user["id"]).blocked is False
        assert len(list(s.exec(select(RateHit)))) == 1
    assert not h.seen_errors
