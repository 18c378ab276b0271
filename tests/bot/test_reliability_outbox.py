"""The notification sender (bot/outbox.py) against a Bot API that fails: 429 with retry_after, 403
(the user blocked the bot), 400, timeouts, a network error in the middle of a batch — on SQLite and
PostgreSQL. In every case: no notification is lost and none is delivered twice (deliveries are
counted per chat on the stand-in, which delivers a message only when it answers 200).
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import update
from telegram.error import NetworkError, TimedOut

from bot import outbox
from claims.services import notifications
from claims.models import Notification, UserPref, utcnow
from claims.services.follow import follow
from claims.services.verdicts import set_verdict

from conftest import start_app

FOLLOWERS = [5001, 5002, 5003, 5004]


@pytest.fixture
async def h(make_app):
    return await make_app()


def queue(h, verdict: str = "false", followers=FOLLOWERS) -> int:  # noqa: ANN001
    """Followers follow the bridge claim, then a moderator sets a verdict: one notice each."""
    with h.session() as s:
        for uid in followers:
            follow(s, uid, uid, h.ids["bridge"])
        entry = set_verdict(s, h.ids["bridge"], verdict, reason=f"проверка {verdict}", by="desk")
        return entry.id


def deliveries(h) -> Counter:  # noqa: ANN001
    return Counter(int(c.params["chat_id"]) for c in h.api.sent("sendMessage"))


def rows(h) -> dict[int, Notification]:  # noqa: ANN001
    return {n.chat_id: n for n in h.rows(Notification)}


def make_due(h) -> None:  # noqa: ANN001
    """Time passes: every postponed row is due now (instead of sleeping through backoffs)."""
    with h.session() as s:
        s.execute(update(Notification).where(Notification.status == "pending")
                  .values(next_attempt_at=utcnow() - timedelta(seconds=1)))
        s.commit()


async def drain(h, passes: int = 10) -> None:  # noqa: ANN001
    """Send until nothing is left, letting backoffs elapse between passes."""
    for _ in range(passes):
        make_due(h)
        counts = await outbox.send_due(h.app)
        if not counts.claimed:
            return


async def test_429_postpones_the_batch_without_spending_attempts(h):
    queue(h)
    h.api.fail("sendMessage", 429, "Too Many Requests: retry after 1", {"retry_after": 1})
    counts = await outbox.send_due(h.app)
    assert (counts.sent, counts.retried, counts.dead) == (0, len(FOLLOWERS), 0)
    state = rows(h)
    assert {n.status for n in state.values()} == {"pending"}
    assert {n.attempts for n in state.values()} == {0}
    assert min(n.next_attempt_at for n in state.values()).replace(tzinfo=None) > \
        (utcnow() + timedelta(seconds=1)).replace(tzinfo=None)
    assert (await outbox.send_due(h.app)).claimed == 0  # nothing is due before retry_after
    time.sleep(2.1)  # retry_after + 1 s, for real
    counts = await outbox.send_due(h.app)
    assert counts.sent == len(FOLLOWERS)
    assert deliveries(h) == Counter({uid: 1 for uid in FOLLOWERS})


async def test_403_marks_the_user_blocked_and_sends_nothing_more_until_they_return(h):
    queue(h)
    h.api.blocked.add(FOLLOWERS[1])
    await drain(h)
    assert deliveries(h) == Counter({uid: 1 for uid in FOLLOWERS if uid != FOLLOWERS[1]})
    assert rows(h)[FOLLOWERS[1]].status == "dead"
    with h.session() as s:
        assert s.get(UserPref, FOLLOWERS[1]).blocked is True
    # the next verdict change: the blocked user is skipped without a request to Telegram
    h.api.clear()
    with h.session() as s:
        set_verdict(s, h.ids["bridge"], "true", reason="новые данные", by="desk")
    await drain(h)
    assert FOLLOWERS[1] not in deliveries(h) and len(deliveries(h)) == len(FOLLOWERS) - 1
    # they unblock the bot and write to it: the next notice reaches them
    h.api.blocked.discard(FOLLOWERS[1])
    from bot.testing import UpdateFactory

    await h.command("start", user=UpdateFactory.user(FOLLOWERS[1], "ru"))
    with h.session() as s:
        assert s.get(UserPref, FOLLOWERS[1]).blocked is False
        set_verdict(s, h.ids["bridge"], "misleading", reason="уточнение", by="desk")
    h.api.clear()
    await drain(h)
    assert deliveries(h)[FOLLOWERS[1]] == 1


async def test_400_kills_only_that_row(h):
    queue(h)
    h.api.fail("sendMessage", 400, "Bad Request: chat not found")
    await drain(h)
    state = rows(h)
    dead = [n for n in state.values() if n.status == "dead"]
    assert len(dead) == 1 and "chat not found" in dead[0].last_error.lower()
    assert deliveries(h) == Counter({uid: 1 for uid in FOLLOWERS if uid != dead[0].chat_id})
    assert {n.status for n in state.values()} == {"sent", "dead"}


class Flaky:
    """Make the next `n` sendMessage calls fail with `exc` before Telegram receives them."""

    def __init__(self, api, exc: Exception, n: int) -> None:  # noqa: ANN001
        self.api, self.exc, self.left = api, exc, n
        self.real = api.do_request
        api.do_request = self

    async def __call__(self, url, method, request_data=None, **kw):  # noqa: ANN001, ANN003
        if url.endswith("/sendMessage") and self.left > 0:
            self.left -= 1
            raise self.exc
        return await self.real(url, method, request_data, **kw)


@pytest.mark.parametrize("exc", [TimedOut("Timed out"), NetworkError("Connection reset by peer")],
                         ids=["timeout", "network"])
async def test_timeouts_and_network_errors_back_off_and_deliver_once(h, exc):
    queue(h)
    Flaky(h.api, exc, n=3)  # the first three notices fail: one at a time, the batch goes on
    counts = await outbox.send_due(h.app)
    assert (counts.sent, counts.retried) == (len(FOLLOWERS) - 3, 3)
    state = rows(h)
    later = [n for n in state.values() if n.status == "pending"]
    assert len(later) == 3 and all(n.attempts == 1 and n.last_error for n in later)
    assert all(n.next_attempt_at.replace(tzinfo=None) > utcnow().replace(tzinfo=None) for n in later)  # backoff
    await drain(h)
    assert deliveries(h) == Counter({uid: 1 for uid in FOLLOWERS})
    assert {n.status for n in rows(h).values()} == {"sent"}


async def test_a_row_that_keeps_timing_out_is_given_up_after_max_attempts(h):
    queue(h, followers=[FOLLOWERS[0]])
    Flaky(h.api, TimedOut("Timed out"), n=notifications.MAX_ATTEMPTS)
    await drain(h, passes=notifications.MAX_ATTEMPTS + 2)
    row = rows(h)[FOLLOWERS[0]]
    assert row.status == "dead" and row.attempts == notifications.MAX_ATTEMPTS
    assert deliveries(h) == Counter()


async def test_the_rate_limiter_absorbs_a_short_429(migrated_url):
    """With the AIORateLimiter production uses, a 429 is retried inside the call: delivered once."""
    h = await start_app(migrated_url, rate_limiter=True)
    try:
        queue(h, followers=FOLLOWERS[:2])
        h.api.fail("sendMessage", 429, "Too Many Requests: retry after 1", {"retry_after": 1})
        counts = await outbox.send_due(h.app)
        assert counts.sent == 2
        assert deliveries(h) == Counter({FOLLOWERS[0]: 1, FOLLOWERS[1]: 1})
    finally:
        await h.close()


async def test_two_senders_at_once_never_send_a_row_twice(h):
    """Two passes racing (as two workers would): each row is claimed by one of them."""
    import asyncio

    queue(h, followers=list(range(6001, 6031)))
    a, b = await asyncio.gather(outbox.send_due(h.app, limit=20), outbox.send_due(h.app, limit=20))
    await drain(h)
    got = deliveries(h)
    assert len(got) == 30 and set(got.values()) == {1}, got
    assert a.sent + b.sent <= 30
