"""bot/inbox.py's take that reads ahead (bot/core.py `Prepared`): what a re-taken update, a
language change and /forget look like to the update after them — on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import time
from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlmodel import select

from bot import inbox, persistence
from bot.models import InboxUpdate
from claims.i18n import t
from claims.models import utcnow

from conftest import start_app
from test_reliability_harness import pending


def _died_mid_update(app) -> None:  # noqa: ANN001
    """The worker's process died after processing its last update, before recording it; its lease ran out."""
    app.app.inbox_worker._unrecorded = None  # noqa: SLF001
    with app.session() as s:
        s.exec(update(InboxUpdate).where(InboxUpdate.done_at.is_(None))
               .values(locked_until=utcnow() - timedelta(seconds=1)))
        s.commit()


def _store(app, data) -> None:  # noqa: ANN001
    if "message" in data:
        app.api.note_chat(data["message"]["chat"])
    assert inbox.store(app.runtime.engine, data["update_id"], json.dumps(data))


async def test_an_update_over_the_rate_limit_is_still_limited_when_taken_again(migrated_url):
    """Limit 2 a minute; the user's third /start is over it and gets the "too often" answer. The
    worker dies before recording it and the update is taken again: it is still over the limit, so
    /start is not answered (the re-take must not turn a refused update into one let through), the
    user is not told a second time, and the re-take counts nothing (two hits and the "told" mark)."""
    from bot.models import RateHit

    app = await start_app(migrated_url, rate_limit_per_minute=2)
    try:
        worker = app.app.inbox_worker
        for _ in range(2):
            _store(app, app.make.command("start", user=app.user))
        assert await worker.drain() == 2
        assert len(app.api.sent("sendMessage")) == 2
        _store(app, app.make.command("start", user=app.user))
        assert await worker.run_once()
        told = app.api.texts()[2:]
        assert len(told) == 1 and "часто" in told[0], told  # limited, told once
        _died_mid_update(app)
        assert await worker.drain() == 1
        with app.session() as s:
            assert [r.attempts for r in s.exec(select(InboxUpdate).order_by(InboxUpdate.update_id))] == [1, 1, 2]
        again = app.api.texts()[3:]
        assert again == [], f"the refused update was let through on its re-take: {again}"
        with app.session() as s:
            assert sorted(r.kind for r in s.exec(select(RateHit))) == ["hit", "hit", "warn"]
    finally:
        await app.close()


async def test_a_refused_button_press_stays_refused_on_every_re_take_even_after_the_window(migrated_url, monkeypatch):
    """Limit 2 a minute: /search, one press of its button, and a second press over the limit, which
    gets the "too often" alert. Its worker dies three times in a row before recording it; the last
    re-take comes two minutes later, when the window has passed. Each re-take repeats the refusal:
    the button's page is never shown, the alert is never shown again (the query is only answered,
    so the client's spinner stops), and nothing more is counted. The decision is the one the user
    was told about; a crash must not turn it into an answer arriving minutes later."""
    from bot.models import RateHit

    app = await start_app(migrated_url, rate_limit_per_minute=2)
    try:
        worker, make, user = app.app.inbox_worker, app.make, app.user
        _store(app, make.command("search", "бюджет Москвы", user=user))
        assert await worker.drain() == 1
        card = app.api.sent("sendMessage")[-1].result
        data = card["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
        _store(app, make.callback(data, card, user=user))
        assert await worker.drain() == 1
        allowed = len(app.api.calls)
        _store(app, make.callback(data, card, user=user))
        assert await worker.run_once()
        told = [c.params for c in app.api.calls[allowed:]]
        assert len(told) == 1 and "часто" in told[0]["text"] and told[0]["show_alert"] is True, told
        later = time.time() + 120
        for n in range(3):
            if n == 2:
                monkeypatch.setattr(time, "time", lambda: later)
            _died_mid_update(app)
            assert await worker.run_once()
        await worker.record_done()
        again = [(c.method, c.params) for c in app.api.calls[allowed + 1:]]
        assert again == [("answerCallbackQuery", {"callback_query_id": told[0]["callback_query_id"]})] * 3, again
        with app.session() as s:
            assert [r.attempts for r in s.exec(select(InboxUpdate).order_by(InboxUpdate.update_id))][-1] == 4
            assert sorted(r.kind for r in s.exec(select(RateHit))) == ["hit", "hit", "warn"]
    finally:
        await app.close()


async def test_a_refused_update_stays_refused_on_its_re_take_while_the_limiter_believes_the_database_down(migrated_url):
    """Limit 1 a minute: the second /start is refused ("too often"), the refusal stored on its inbox
    row. Its worker dies; meanwhile the limiter saw the database fail (an album part's count found it
    down) and lets requests through uncounted for OUTAGE_MEMORY s. The re-take's take reached the
    database and read the stored refusal, which needs no count: /start is still not answered
    (before: `precount` gave up on a re-take while the limiter believed the database down, and the
    guard let it through)."""
    from bot import ratelimit

    app = await start_app(migrated_url, rate_limit_per_minute=1)
    try:
        worker = app.app.inbox_worker
        for _ in range(2):
            _store(app, app.make.command("start", user=app.user))
        assert await worker.run_once() and await worker.run_once()
        assert len(app.api.texts()) == 2 and "часто" in app.api.texts()[1]
        _died_mid_update(app)
        app.app.bot_data[ratelimit._STATE_KEY].down_until = time.monotonic() + ratelimit.OUTAGE_MEMORY  # noqa: SLF001
        assert await worker.drain() == 1
        again = app.api.texts()[2:]
        assert again == [], f"the refused update was let through on its re-take: {again}"
    finally:
        await app.close()


@pytest.mark.parametrize("died_on", [1, 2])
async def test_a_refused_album_is_not_answered_when_another_process_takes_its_part_again(migrated_url, died_on):
    """Limit 1 a minute: /start, then an album of two photos (an album counts as one request): the
    first part is counted and refused ("too often"), the second refused with it (remembered by the
    process). Album parts are counted by the guard, not by the take, so the guard stores the refusal
    on the part's inbox row. Worker A dies on part `died_on`, before recording it, and process B (no
    memory of the album) takes it again — and the rest: the album stays refused, B sends nothing
    (before: B let the re-taken part through and answered the album with the claim it repeats)."""
    import asyncio

    from claims.db import open_database

    caption = "Министр финансов: инфляция в России в 2023 году составила 7,4%"
    a = await start_app(migrated_url, rate_limit_per_minute=1, album_wait_seconds=0.3)
    make, user = a.make, a.user
    _store(a, make.command("start", user=user))
    assert await a.app.inbox_worker.drain() == 1
    parts = [make.message(caption=text, media="photo", user=user, extra={"media_group_id": "g-refused"})
             for text in (caption, None)]
    parts[1]["message"].pop("caption", None)
    for part in parts:
        _store(a, part)
    for _ in range(died_on):
        assert await a.app.inbox_worker.run_once()
    assert len(a.api.texts()) == 2 and "часто" in a.api.texts()[1], a.api.texts()
    _died_mid_update(a)
    await a.close()

    b = await start_app(migrated_url, seed=False, engine=open_database(migrated_url), rate_limit_per_minute=1,
                        album_wait_seconds=0.3)
    b.app.inbox_worker.enabled = False  # drained here; started only for the JobQueue that answers albums
    await b.app.start()
    try:
        b.api.note_chat(parts[0]["message"]["chat"])
        assert await b.app.inbox_worker.drain() == 3 - died_on
        await asyncio.sleep(2.5)  # an album is answered 0.3 s after its last part, or 1.5 s without a caption
        assert b.api.texts() == [], f"the refused album was answered on its re-take: {b.api.texts()}"
    finally:
        await b.app.stop()
        await b.close()


async def test_a_language_chosen_on_one_worker_is_the_language_of_the_next_update_on_another(migrated_url):
    """Two workers on one database (two processes: PostgreSQL, or SQLite's mistake case). The user
    talks to worker B (in Russian, their client's language), then chooses English with /lang — worker
    A processes that — and the next /help is taken by B: it answers in English. The chat's order
    guarantees /help is taken only after /lang is done, so nothing but a stale copy in B can make it
    Russian."""
    from claims.db import open_database

    a = await start_app(migrated_url)
    b = await start_app(migrated_url, seed=False, engine=open_database(migrated_url))
    try:
        make, user = a.make, a.user
        first = make.command("start", user=user)
        for h in (a, b):
            h.api.note_chat(first["message"]["chat"])
        _store(b, first)
        assert await b.app.inbox_worker.drain() == 1
        assert "Я проверяю" in b.api.texts()[-1]
        _store(a, make.command("lang", "en", user=user))
        assert await a.app.inbox_worker.drain() == 1
        assert a.api.texts(), "no answer to /lang"
        _store(b, make.command("help", user=user))
        assert await b.app.inbox_worker.drain() == 1
        answer = b.api.texts()[-1]
        assert "How to use me" in answer, f"/help after /lang en answered in the old language: {answer[:60]!r}"
    finally:
        await b.close()
        await a.close()


async def test_a_submit_step_repeated_after_its_worker_died_starts_from_the_state_before_it(migrated_url):
    """/submit on worker A (asks for the claim), then the claim's number: A processes it (asks for the
    link) and dies before recording it — its step existed only in A's memory. Worker B takes the
    number again after the lease: the conversation is where it was before the repeat (waiting for the
    claim), so B asks for the link again (the reply arrives at most twice) and the link then goes on
    to the stance question."""
    from claims.db import open_database

    a = await start_app(migrated_url, inbox_lease_seconds=60)
    make, user = a.make, a.user
    chat = make.command("submit", user=user)["message"]["chat"]
    _store(a, make.command("submit", user=user))
    assert await a.app.inbox_worker.drain() == 1
    claim = make.message(str(a.ids["vaccine"]), user=user)
    _store(a, claim)
    assert await a.app.inbox_worker.run_once()
    asked = a.api.texts()[-1]
    a.app.persistence._dirty.clear()  # A's process is gone: its memory with it  # noqa: SLF001
    _died_mid_update(a)
    await a.close()

    b = await start_app(migrated_url, seed=False, engine=open_database(migrated_url))
    try:
        b.api.note_chat(chat)
        assert await b.app.inbox_worker.drain() == 1
        assert b.api.texts() == [asked], "the repeat did not start from the state before it"
        _store(b, make.message("https://example.org/source", user=user))
        assert await b.app.inbox_worker.drain() == 1
        assert b.api.texts()[1:] == [t("ru", "submit.ask_stance")]
        with b.session() as s:
            assert all(r.done_at is not None for r in s.exec(select(InboxUpdate)))
    finally:
        await b.close()


async def test_a_step_whose_handler_raises_is_done_and_the_chat_goes_on(migrated_url, monkeypatch):
    """/submit, then the claim's number, whose handler raises (a bug): the update is recorded done
    (not taken again and again), the conversation stays where it was (waiting for the claim) in the
    database too, and the chat's next update is taken and answered."""
    from bot.handlers import submit
    from bot.models import PersistenceEntry

    app = await start_app(migrated_url)
    try:
        worker, make, user = app.app.inbox_worker, app.make, app.user
        _store(app, make.command("submit", user=user))
        assert await worker.drain() == 1
        with app.session() as s:
            before = [r.data for r in s.exec(select(PersistenceEntry).where(PersistenceEntry.kind == "conversations"))]
        real = submit.claim_card

        def broken(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            raise RuntimeError("a bug in a handler")

        monkeypatch.setattr(submit, "claim_card", broken)
        _store(app, make.message(str(app.ids["vaccine"]), user=user))
        assert await worker.drain() == 1
        assert app.seen_errors and "a bug in a handler" in app.seen_errors[-1][1]
        with app.session() as s:
            assert all(r.done_at is not None for r in s.exec(select(InboxUpdate)))
            after = [r.data for r in s.exec(select(PersistenceEntry).where(PersistenceEntry.kind == "conversations"))]
        assert after == before
        monkeypatch.setattr(submit, "claim_card", real)
        sent = len(app.api.texts())
        _store(app, make.message(str(app.ids["vaccine"]), user=user))
        assert await worker.drain() == 1
        assert len(app.api.texts()) == sent + 1 and str(app.ids["vaccine"]) in app.api.texts()[-1]
    finally:
        await app.close()


async def test_forget_on_one_worker_leaves_nothing_of_the_user_on_another(migrated_url):
    """Worker B served the user: English (/lang en), a /submit waiting for the claim with a draft.
    /forget and its confirm button are processed by worker A. The user's next message is taken by B:
    no language, conversation or draft of theirs comes back from B's memory — it is answered as a new
    user's message (their Telegram language, Russian; a claim number is not taken as the /submit step)."""
    from bot import callbacks as cb
    from bot.models import PersistenceEntry
    from claims.db import open_database

    a = await start_app(migrated_url)
    b = await start_app(migrated_url, seed=False, engine=open_database(migrated_url))
    try:
        make, user = a.make, a.user
        chat = make.command("start", user=user)["message"]["chat"]
        for h in (a, b):
            h.api.note_chat(chat)
        for data in (make.command("lang", "en", user=user), make.command("submit", user=user),
                     make.message(str(a.ids["vaccine"]), user=user)):
            _store(b, data)
            assert await b.app.inbox_worker.drain() == 1
        assert "link to the source" in b.api.texts()[-1]  # in English, waiting for the link
        _store(a, make.command("forget", user=user))
        assert await a.app.inbox_worker.drain() == 1
        yes = cb.FORGET.data("y", user["id"])
        message = next(m for (cid, _), m in reversed(list(a.api.messages.items()))
                       if any(d == yes for row in m.get("reply_markup", {}).get("inline_keyboard", [])
                              for d in [b_.get("callback_data") for b_ in row]))
        _store(a, make.callback(yes, message, user=user))
        assert await a.app.inbox_worker.drain() == 1
        with a.session() as s:
            assert not list(s.exec(select(PersistenceEntry))), "/forget left persistence rows"
        _store(b, make.command("help", user=user))
        assert await b.app.inbox_worker.drain() == 1
        assert "Как мной пользоваться" in b.api.texts()[-1], "a forgotten language came back"
        _store(b, make.message("https://example.org/source", user=user))
        assert await b.app.inbox_worker.drain() == 1
        assert b.api.texts()[-1] != t("ru", "submit.ask_stance"), "a forgotten /submit went on"
        with b.session() as s:
            rows = list(s.exec(select(PersistenceEntry)))
        assert not any(str(a.ids["vaccine"]) in r.data for r in rows), [r.data for r in rows]
    finally:
        await b.close()
        await a.close()


async def test_two_workers_share_one_users_burst_in_order_and_count_it_once(migrated_url, monkeypatch):
    """Limit 3 a minute; one user sends six /claim commands at once, alternately in their private chat
    and in a group, and two workers on one database drain them concurrently. Each chat's order holds,
    the first three are answered, the fourth is told to wait, the rest are dropped silently, and the
    user's count in the database is three hits and one "told" mark — each update counted once."""
    from bot.models import RateHit
    from claims.db import open_database
    from claims.models import Claim

    a = await start_app(migrated_url, rate_limit_per_minute=3)
    b = await start_app(migrated_url, seed=False, engine=open_database(migrated_url), rate_limit_per_minute=3)
    try:
        with a.session() as s:
            claim_ids = sorted(c.id for c in s.exec(select(Claim)))[:3]
        chat, group = a.make.command("start", user=a.user)["message"]["chat"], a.make.group_chat()
        for h in (a, b):
            h.api.note_chat(chat)
            h.api.note_chat(group)
        chat_of = {}
        for i in range(6):  # the same user in their private chat and in a group, alternately
            data = a.make.command("claim", str(claim_ids[i % 3]), user=a.user, **({"chat": group} if i % 2 else {}))
            chat_of[data["update_id"]] = data["message"]["chat"]["id"]
            _store(a, data)
        import asyncio

        seen, real = [], inbox.InboxWorker._process  # noqa: SLF001

        async def process(self, engine, update_id, *args):  # noqa: ANN001, ANN002, ANN202
            seen.append(("start", update_id, self.name))
            await asyncio.sleep(0.01)  # let the other worker try to take meanwhile
            await real(self, engine, update_id, *args)
            seen.append(("end", update_id, self.name))

        monkeypatch.setattr(inbox.InboxWorker, "_process", process)
        async def work(h) -> int:  # noqa: ANN001 - a worker's loop, until the backlog is gone
            n = 0
            while pending(h.runtime.engine):
                n += await h.app.inbox_worker.run_once()
                await asyncio.sleep(0.005)
            await h.app.inbox_worker.record_done()
            return n

        got = await asyncio.wait_for(asyncio.gather(work(a), work(b)), 60)
        assert sum(got) == 6
        with a.session() as s:
            assert all(r.done_at is not None and r.attempts == 1 for r in s.exec(select(InboxUpdate)))
            kinds = sorted(r.kind for r in s.exec(select(RateHit)))
        texts = [c.text for c in a.api.sent("sendMessage")] + [c.text for c in b.api.sent("sendMessage")]
        assert len(texts) == 4, texts
        assert sum("часто" in x for x in texts) == 1
        assert kinds == ["hit", "hit", "hit", "warn"], kinds
        for c in set(chat_of.values()):
            mine = [(k, u) for k, u, _ in seen if chat_of[u] == c]
            starts = [u for k, u in mine if k == "start"]
            assert starts == sorted(starts) and len(starts) == 3, seen
            assert [k for k, _ in mine] == ["start", "end"] * 3, seen  # never two of a chat's updates at once
        assert len({w for _, _, w in seen}) == 2, "one worker did everything: the test proves nothing"
    finally:
        await b.close()
        await a.close()


@pytest.mark.parametrize("path", ["inbox", "direct"])
async def test_a_language_button_holds_for_the_chats_very_next_update(migrated_url, path):
    """/lang, the English button, and at once /help in the same chat — through the inbox worker (the
    next update's language is read in the transaction that records the button's update) and without
    it (the console's and tests' direct `process_update`): /help answers in English either way, and
    again after the process's remembered copy is gone (read from the database)."""
    from bot import callbacks as cb
    from bot.core import PREFS_KEY

    app = await start_app(migrated_url)
    try:
        go = app.deliver if path == "inbox" else app.send
        await go(app.make.command("lang", user=app.user))
        chooser = app.api.messages[next(reversed(app.api.messages))]  # the /lang answer with its buttons
        await go(app.make.callback(cb.LANGUAGE.data("en"), chooser, user=app.user))
        await go(app.make.command("help", user=app.user))
        assert "How to use me" in app.api.texts()[-1]
        app.app.bot_data.pop(PREFS_KEY, None)
        await go(app.make.command("help", user=app.user))
        assert "How to use me" in app.api.texts()[-1]
        assert not app.seen_errors
    finally:
        await app.close()



async def test_a_step_whose_write_fails_with_its_done_mark_is_still_written_before_the_update_is_done(
        migrated_url, monkeypatch):
    """The transaction that records /submit done fails on its conversation rows for a reason other
    than the database being away (here the first write raises a DataError). The worker logs that it
    writes them apart and records the update done: by then the step must be in the database too —
    `take`'s promise, "committed with that mark and never without it"."""
    from sqlalchemy.exc import DataError

    from bot.models import PersistenceEntry

    app = await start_app(migrated_url)
    try:
        real, failed = inbox.write_rows, []

        def once(conn, rows):  # noqa: ANN001, ANN202
            if not failed:
                failed.append(rows)
                raise DataError("INSERT INTO persistenceentry", {}, Exception("value too long"))
            return real(conn, rows)

        monkeypatch.setattr(inbox, "write_rows", once)
        _store(app, app.make.command("submit", user=app.user))
        assert await app.app.inbox_worker.run_once()
        assert await app.app.inbox_worker.run_once() is False  # records it (the failing write first)
        assert failed
        with app.session() as s:
            assert all(r.done_at is not None for r in s.exec(select(InboxUpdate)))
            steps = list(s.exec(select(PersistenceEntry).where(PersistenceEntry.kind == "conversations")))
        assert steps, "the update is done while its conversation step is only in memory"
    finally:
        await app.close()


async def _assert_no_step_written_before_done_mark(migrated_url, monkeypatch, meanwhile) -> None:  # noqa: ANN001
    """/submit is processed by a worker; right after its handlers, `meanwhile(app)` runs in a task of
    its own context (as PTB's updater task or a job does); then the worker dies before the done mark.
    A new process must find no conversation row in the database."""
    import asyncio
    import contextvars

    from bot.models import PersistenceEntry
    from claims.db import open_database

    a = await start_app(migrated_url)
    make, user = a.make, a.user
    real_after = persistence.after_update

    async def fires_meanwhile(app, update_obj) -> None:  # noqa: ANN001
        await real_after(app, update_obj)
        loop = asyncio.get_running_loop()  # started at Application.start: another context
        await loop.create_task(meanwhile(app), context=contextvars.Context())

    _store(a, make.command("submit", user=user))
    monkeypatch.setattr(persistence, "after_update", fires_meanwhile)
    assert await a.app.inbox_worker.run_once()
    a.app.persistence._dirty.clear()  # noqa: SLF001 - the process dies before the done mark
    _died_mid_update(a)
    monkeypatch.setattr(persistence, "after_update", real_after)
    await a.close()
    b = await start_app(migrated_url, seed=False, engine=open_database(migrated_url))
    try:
        b.api.note_chat(make.command("start", user=user)["message"]["chat"])
        with b.session() as s:
            rows = [r.data for r in s.exec(select(PersistenceEntry).where(PersistenceEntry.kind == "conversations"))]
        assert rows == [], f"the step was written before its done mark: {rows}"
    finally:
        await b.close()


async def test_the_periodic_persistence_update_does_not_write_an_in_flight_step_before_its_done_mark(
        migrated_url, monkeypatch):
    """PTB's own persistence updater (a task started with the Application, every 60 s) runs while a
    worker is between /submit's handlers and the update's done mark (or waits there for the database).
    The worker then dies: the repeat must start from the state before the update, so no row of its
    step may be in the database until its done mark is. (Holds because the updater finds nothing new
    to write; were another row changed at that moment — a job's — `flush` would write the in-flight
    step with it.)"""
    await _assert_no_step_written_before_done_mark(migrated_url, monkeypatch, lambda app: app.update_persistence())


async def test_a_jobs_write_meanwhile_does_not_write_an_in_flight_step_before_its_done_mark(
        migrated_url, monkeypatch):
    """As above, but what the updater (or a job, in its own task) writes at that moment is another
    user's data: that write must not carry the in-flight update's deferred /submit step into the
    database before its done mark (it did: `flush` wrote every unwritten row), or the worker's death
    then makes the repeat start from the step after it."""
    await _assert_no_step_written_before_done_mark(
        migrated_url, monkeypatch, lambda app: app.persistence.update_user_data(424242, {"job": 1}))


def test_two_processes_with_one_host_name_and_pid_hold_leases_under_different_names(monkeypatch):
    """Two containers sharing the host's name, each its own pid 1: a take(release=True) by one must
    not void the other's live lease, so their lease holders' names differ; a previous incarnation
    of this very process (same pid, another token) is recognised as gone at a SQLite start."""
    from bot import inbox

    me = inbox.worker_name()
    monkeypatch.setattr(inbox, "_PROCESS_TOKEN", "other1")
    twin = inbox.worker_name()
    assert twin != me and twin.rpartition(":")[2] == me.rpartition(":")[2]
    assert len(inbox.worker_name(12)) < 64
    assert inbox._holder_is_gone(twin, me)  # same host and pid, another process token: an earlier run
    monkeypatch.setattr(inbox, "_PROCESS_TOKEN", me.split("~")[1].split(":")[0])
    assert not inbox._holder_is_gone(inbox.worker_name(2), me)  # this process's other worker is alive
    host = me.split("~")[0]
    assert inbox._holder_is_gone(f"{host}:{os.getpid()}", me)  # the old "host:pid" of this pid
    assert not inbox._holder_is_gone(f"elsewhere~abc123:{os.getpid()}", me)  # another host keeps it
