"""The Notification outbox sender: every outcome Telegram can give, restarts, no duplicates.

Runs on SQLite and (with TEST_POSTGRES_URL) on PostgreSQL, where rows are claimed with
FOR UPDATE SKIP LOCKED.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlmodel import select

from bot import outbox
from claims.services import notifications
from bot.testing import LocalBotApi
from claims.models import Claim, Notification, Subscription, Tip, UserPref, utcnow
from claims.services.verdicts import set_verdict

from conftest import TOKEN, bot_settings, start_bot

FOLLOWERS = (501, 502, 503)


@pytest.fixture
async def env(migrated_url, tmp_path):
    h = await start_bot(bot_settings(tmp_path / "unused.db", database_url=migrated_url), api=LocalBotApi())
    app, api, runtime = h.app, h.api, h.runtime
    with runtime.session() as s:
        claim = Claim(text="Вода <мокрая> & холодная", normalized="вода", language="ru")
        s.add(claim)
        s.flush()
        for uid in FOLLOWERS:
            s.add(Subscription(user_id=uid, chat_id=uid, claim_id=claim.id))
        s.add(UserPref(user_id=502, language="en"))
        s.add(Tip(text="tip", notify=True, user_id=601, chat_id=601, claim_id=claim.id, status="linked"))
        s.commit()
        set_verdict(s, claim.id, "false", reason="Проверка <показала> & всё", by="desk")
        cid = claim.id
    api.clear()
    yield app, api, runtime, cid
    await app.shutdown()
    runtime.engine.dispose()


def rows(runtime):  # noqa: ANN001, ANN201
    with runtime.session() as s:
        return {n.chat_id: n for n in s.exec(select(Notification))}


async def test_sends_each_once_in_recipients_language(env):
    app, api, runtime, cid = env
    counts = await outbox.send_due(app)
    assert (counts.sent, counts.dead, counts.retried) == (4, 0, 0)
    sent = {c.params["chat_id"]: c.text for c in api.sent("sendMessage")}
    assert set(sent) == {501, 502, 503, 601}
    assert "Изменился вердикт" in sent[501] and "The verdict on claim" in sent[502]
    assert "не проверено" in sent[501] and "🔴 <b>ложь</b>" in sent[501]
    assert "Проверка &lt;показала&gt; &amp; всё" in sent[501] and "Вода &lt;мокрая&gt;" in sent[501]
    assert f"/claim_{cid}" in sent[502] and "unverified" in sent[502]
    assert all(n.status == "sent" and n.sent_at for n in rows(runtime).values())
    # A second pass sends nothing.
    api.clear()
    assert (await outbox.send_due(app)).claimed == 0
    assert api.sent("sendMessage") == []


async def test_dedupe_key_prevents_a_second_row(env):
    app, api, runtime, cid = env
    from sqlalchemy.exc import IntegrityError

    with runtime.session() as s:
        first = s.exec(select(Notification)).first()
        s.add(Notification(chat_id=first.chat_id, kind=first.kind, payload=first.payload,
                           dedupe_key=first.dedupe_key))
        with pytest.raises(IntegrityError):
            s.commit()


async def test_retry_after_postpones_the_batch(env):
    app, api, runtime, cid = env
    api.fail("sendMessage", 429, "Too Many Requests: retry after 7", {"retry_after": 7})
    counts = await outbox.send_due(app)
    assert counts.sent == 0 and counts.retried == 4
    now = utcnow()
    for n in rows(runtime).values():
        assert n.status == "pending" and n.attempts == 0
        assert n.next_attempt_at - now > timedelta(seconds=5)
    assert (await outbox.send_due(app)).claimed == 0  # not due yet
    _make_due(runtime)
    assert (await outbox.send_due(app)).sent == 4


async def test_network_error_backs_off_then_succeeds(env):
    app, api, runtime, cid = env
    api.fail("sendMessage", 502, "Bad Gateway")
    counts = await outbox.send_due(app)
    assert counts.sent == 3 and counts.retried == 1
    [failed] = [n for n in rows(runtime).values() if n.status == "pending"]
    assert failed.attempts == 1 and failed.last_error and failed.next_attempt_at > utcnow() + timedelta(seconds=20)
    _make_due(runtime)
    assert (await outbox.send_due(app)).sent == 1
    assert len(api.sent("sendMessage")) == 4


async def test_gives_up_after_max_attempts(env, monkeypatch):
    app, api, runtime, cid = env
    monkeypatch.setattr(notifications, "MAX_ATTEMPTS", 2)
    for _ in range(2):
        for _ in range(4):
            api.fail("sendMessage", 502, "Bad Gateway")
        await outbox.send_due(app)
        _make_due(runtime)
    assert {n.status for n in rows(runtime).values()} == {"dead"}


async def test_forbidden_marks_dead_and_blocked(env):
    app, api, runtime, cid = env
    api.blocked.add(503)
    counts = await outbox.send_due(app)
    assert counts.sent == 3 and counts.dead == 1
    assert rows(runtime)[503].status == "dead" and "blocked" in rows(runtime)[503].last_error
    with runtime.session() as s:
        assert s.get(UserPref, 503).blocked is True
        claim_id = cid
        set_verdict(s, claim_id, "true", reason="новые данные", by="desk")
    api.clear()
    await outbox.send_due(app)
    assert 503 not in {c.params["chat_id"] for c in api.sent("sendMessage")}  # nothing more is sent
    assert any(n.chat_id == 503 and n.status == "dead" and n.last_error == "recipient blocked the bot"
               for n in _all(runtime))


async def test_user_writing_again_unblocks(env):
    app, api, runtime, cid = env
    from bot.testing import UpdateFactory
    from telegram import Update

    with runtime.session() as s:
        s.get(UserPref, 502).blocked = True
        s.commit()
    make = UpdateFactory()
    await app.process_update(Update.de_json(make.command("help", user=make.user(502, "en")), app.bot))
    with runtime.session() as s:
        assert s.get(UserPref, 502).blocked is False


async def test_bad_request_marks_dead_with_error(env):
    app, api, runtime, cid = env
    api.fail("sendMessage", 400, "Bad Request: chat not found")
    counts = await outbox.send_due(app)
    assert counts.dead == 1 and counts.sent == 3
    [dead] = [n for n in rows(runtime).values() if n.status == "dead"]
    assert "chat not found" in dead.last_error.lower()


async def test_rows_stuck_in_sending_are_retried_after_lock(env):
    app, api, runtime, cid = env
    with runtime.session() as s:
        claimed = notifications.claim_due(s, limit=2)  # a worker claimed two rows, then died
    assert len(claimed) == 2
    counts = await outbox.send_due(app)
    assert counts.sent == 2  # the other two; the claimed ones are locked
    with runtime.session() as s:
        for n in s.exec(select(Notification).where(Notification.status == "sending")):
            n.locked_until = utcnow() - timedelta(seconds=1)
        s.commit()
    counts = await outbox.send_due(app)
    assert counts.sent == 2
    assert sorted(c.params["chat_id"] for c in api.sent("sendMessage")) == sorted([*FOLLOWERS, 601])


async def test_two_senders_never_send_the_same_row(env):
    app, api, runtime, cid = env
    results = await asyncio.gather(outbox.send_due(app), outbox.send_due(app))
    assert sum(r.sent for r in results) == 4
    chats = [c.params["chat_id"] for c in api.sent("sendMessage")]
    assert len(chats) == len(set(chats)) == 4


async def test_outbox_job_sends_and_stops(env):
    app, api, runtime, cid = env
    app.job_queue.run_repeating(lambda ctx: outbox.drain(ctx.application), interval=0.05, first=0, name=outbox.JOB)
    await app.job_queue.start()
    try:
        for _ in range(100):
            if len(api.sent("sendMessage")) == 4:
                break
            await asyncio.sleep(0.05)
    finally:
        await app.job_queue.stop()
    assert len(api.sent("sendMessage")) == 4


async def test_text_kind_and_unknown_kind(env):
    app, api, runtime, cid = env
    with runtime.session() as s:
        s.add(Notification(chat_id=700, kind="text", payload='{"text": "<hi> & bye"}', dedupe_key="t1"))
        s.add(Notification(chat_id=701, kind="text", payload='{"key": "follow.ok", "values": {"id": 5}}',
                           dedupe_key="t2"))
        s.add(Notification(chat_id=702, kind="mystery", dedupe_key="t3"))
        s.commit()
    await outbox.send_due(app, limit=50)
    sent = {c.params["chat_id"]: c.text for c in api.sent("sendMessage")}
    assert sent[700] == "&lt;hi&gt; &amp; bye" and "№5" in sent[701]
    assert rows(runtime)[702].status == "dead"


def _make_due(runtime) -> None:  # noqa: ANN001
    with runtime.session() as s:
        for n in s.exec(select(Notification).where(Notification.status == "pending")):
            n.next_attempt_at = utcnow() - timedelta(seconds=1)
        s.commit()


def _all(runtime):  # noqa: ANN001, ANN202
    with runtime.session() as s:
        return list(s.exec(select(Notification)))


async def test_postgres_skips_rows_locked_by_another_sender(env):
    app, api, runtime, cid = env
    if runtime.engine.dialect.name != "postgresql":
        pytest.skip("FOR UPDATE SKIP LOCKED is the PostgreSQL path")
    with runtime.session() as a:
        locked = set(a.exec(select(Notification.id).order_by(Notification.id).limit(2).with_for_update()).all())
        with runtime.session() as b:
            got = {n.id for n in notifications.claim_due(b, limit=10)}
        a.rollback()
    assert len(got) == 2 and got.isdisjoint(locked)


async def test_blocked_then_writing_again_is_noticed_at_once(env):
    app, api, runtime, cid = env
    from bot.testing import UpdateFactory
    from telegram import Update

    make = UpdateFactory(first_update_id=5000)
    await app.process_update(Update.de_json(make.command("help", user=make.user(503, "ru")), app.bot))
    api.blocked.add(503)
    await outbox.send_due(app)
    with runtime.session() as s:
        assert s.get(UserPref, 503).blocked is True
    api.blocked.discard(503)
    await app.process_update(Update.de_json(make.command("help", user=make.user(503, "ru")), app.bot))
    with runtime.session() as s:
        assert s.get(UserPref, 503).blocked is False
