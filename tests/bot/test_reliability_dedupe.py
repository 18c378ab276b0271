"""bot/dedupe.py: every update handled at most once, and an update whose handling was cut short by a
crash handled again when redelivered — on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import func, update
from sqlmodel import select
from telegram import Update

from bot import dedupe
from bot.testing import UpdateFactory
from bot.models import ProcessedUpdate
from claims.models import Tip, utcnow

from test_reliability_harness import start_app

NOVEL = "Глокая куздра штеко будланула бокра и курдячит бокрёнка"


@pytest.fixture
async def h(db_url):
    app = await start_app(db_url)
    yield app
    await app.close()


def processed(h) -> int:  # noqa: ANN001
    with h.session() as s:
        return s.exec(select(func.count()).select_from(ProcessedUpdate)).one()


def tips(h) -> list[Tip]:  # noqa: ANN001
    with h.session() as s:
        return list(s.exec(select(Tip)))


async def test_a_redelivered_update_is_handled_once(h):
    update = h.make.message(NOVEL, user=h.user)
    for _ in range(3):
        await h.send(update)
    assert len(h.api.sent("sendMessage")) == 1
    assert len(tips(h)) == 1 and processed(h) == 1
    assert dedupe.duplicates_dropped(h.app) == 2
    assert not h.seen_errors


async def test_concurrent_copies_in_one_process(h):
    data = h.make.command("claim", str(h.ids["vaccine"]), user=h.user)
    await asyncio.gather(*(h.app.process_update(Update.de_json(data, h.app.bot)) for _ in range(4)))
    assert len(h.api.sent("sendMessage")) == 1 and processed(h) == 1


async def test_a_stopped_update_is_still_recorded(make_bot):
    """ApplicationHandlerStop in a later group (the rate limit) skips later groups; the claim is still
    made final, so a redelivery of the limited update is not processed later either."""
    h = await make_bot(rate_limit_per_minute=1)
    first, second = (h.make.message(NOVEL + str(i), user=h.user) for i in range(2))
    await h.send(first)
    await h.send(second)  # over the limit: answered "slow down", stopped in group -100
    with h.session() as s:
        assert s.exec(select(func.count()).select_from(ProcessedUpdate)).one() == 2
    before = len(h.api.calls)
    await h.send(second)
    assert len(h.api.calls) == before


async def test_update_ids_are_kept_a_few_days_then_purged(h):
    for i in range(3):
        await h.command("claim", str(h.ids["vaccine"]))
    with h.session() as s:
        s.execute(update(ProcessedUpdate).where(ProcessedUpdate.update_id <= 2)
                  .values(created_at=utcnow() - timedelta(days=dedupe.KEEP_DAYS + 1)))
        s.commit()
    assert dedupe.purge_processed(h.runtime.engine) == 2
    assert processed(h) == 1


async def test_periodic_jobs_run_on_the_job_queue_and_stop_with_it(h):
    """Periodic work is PTB's JobQueue: named jobs scheduled at start-up, run while it runs."""
    names = {job.name for job in h.app.job_queue.jobs()}
    assert {"purge processed update ids", "tip retention"} <= names
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


# --- crash semantics --------------------------------------------------------------------------------

async def test_postgres_a_worker_killed_mid_update_leaves_it_to_the_redelivery(db_url):
    """Worker A claims an update and dies before finishing (its connection drops: the server rolls the
    claim back). Worker B, which got the same update and was waiting on A's claim, then handles it."""
    if not db_url.startswith("postgresql"):
        pytest.skip("the held-claim protocol is PostgreSQL's; SQLite is covered below")
    a = await start_app(db_url)
    b = await start_app(db_url, seed=False)  # a second worker: own engine, same database
    try:
        assert await dedupe.claim(a.app, 777) == dedupe.CLAIMED
        waiting = asyncio.create_task(dedupe.claim(b.app, 777))
        await asyncio.sleep(0.5)
        assert not waiting.done()  # B waits for A's claim to resolve
        conn = dedupe._STATES[a.app].held.pop(777)
        await asyncio.to_thread(conn.invalidate)  # A dies: the connection is gone, the claim rolled back
        assert await asyncio.wait_for(waiting, 10) == dedupe.CLAIMED
        await dedupe.finish(b.app, 777)
        # and once B finished, anyone else sees it as handled
        assert await dedupe.claim(a.app, 777) == dedupe.DUPLICATE
        with a.session() as s:
            assert s.get(ProcessedUpdate, 777) is not None
    finally:
        await b.close()
        await a.close()


async def test_postgres_the_second_worker_drops_what_the_first_finished(db_url):
    if not db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    a = await start_app(db_url)
    b = await start_app(db_url, seed=False)
    try:
        assert await dedupe.claim(a.app, 778) == dedupe.CLAIMED
        waiting = asyncio.create_task(dedupe.claim(b.app, 778))
        await asyncio.sleep(0.3)
        await dedupe.finish(a.app, 778)
        assert await asyncio.wait_for(waiting, 10) == dedupe.DUPLICATE
    finally:
        await b.close()
        await a.close()


async def test_a_crash_after_the_work_before_the_mark_repeats_the_work_idempotently(db_url):
    """The process stored the tip, then died before the update was marked handled (SQLite: the mark
    comes after the handlers; PostgreSQL: the claim was never committed). The redelivery is processed
    again: the user gets an answer, and the tip is still stored once (it is keyed by update_id)."""
    from claims.db import open_database

    first = await start_app(db_url)
    data = first.make.message(NOVEL, user=first.user)
    engine_url = db_url

    async def crash_before_finish(app, update_obj) -> None:  # noqa: ANN001
        state = dedupe._STATES.get(app)
        if state is not None:  # forget the claim as a killed process would
            conn = state.held.pop(update_obj.update_id, None)
            if conn is not None:
                await asyncio.to_thread(conn.invalidate)
            state.claimed.discard(update_obj.update_id)
            state.inflight.discard(update_obj.update_id)

    first.app.add_update_hook(after=crash_before_finish, order=999)  # runs before the finish (1000)
    await first.send(data)
    assert len(tips(first)) == 1
    await first.close()

    second = await start_app(engine_url, seed=False, engine=open_database(engine_url))
    try:
        await second.send(data)  # Telegram redelivers: the first answer never got through
        assert len(second.api.sent("sendMessage")) == 1  # answered again
        assert len(tips(second)) == 1  # stored once
        with second.session() as s:
            assert s.get(ProcessedUpdate, data["update_id"]) is not None
        await second.send(data)
        assert len(second.api.sent("sendMessage")) == 1
    finally:
        await second.close()


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
        assert dedupe.well_formed(Update.de_json(data, bot)), data
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
        assert not dedupe.well_formed(update_obj), data


async def test_a_malformed_update_never_reaches_ptb_or_the_handlers(h):
    data = h.make.message("hi", user=h.user)
    data["message"]["from"]["id"] = [{}]  # unhashable: PTB's own bookkeeping would raise
    await h.app.process_update(Update.de_json(data, h.app.bot))
    assert not h.api.calls and not h.seen_errors and processed(h) == 0


async def test_hooks_survive_a_failing_hook(h):
    async def broken(app, update_obj) -> None:  # noqa: ANN001
        raise RuntimeError("hook bug")

    h.app.add_update_hook(before=broken, after=broken)
    await h.command("claim", str(h.ids["vaccine"]))
    assert len(h.api.sent("sendMessage")) == 1 and processed(h) == 1
