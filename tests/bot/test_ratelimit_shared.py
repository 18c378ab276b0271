"""The rate limit is one limit for every worker on a database (issue 13, item 4), on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio

from sqlmodel import Session, select

from bot.models import RateHit
from bot.ratelimit import WINDOW, count, prune, user_key
from bot.testing import UpdateFactory
from conftest import start_app

USER = 7300


def take(session, key: str, per_minute: int, *, now: float) -> tuple[float, bool]:  # noqa: ANN001
    """`count` in `session`'s transaction, committed: one request as the bot counts it."""
    counted = count(session.connection(), key, per_minute, now=now)
    session.commit()
    return counted


async def test_two_workers_slow_a_user_down_after_the_limit_in_total(migrated_url):
    """Two Applications (two runtimes, one database) take turns with one user's updates, as two
    webhook workers behind a load balancer do: 5 a minute means 5 answers in total, then one "wait"."""
    first = await start_app(migrated_url, rate_limit_per_minute=5)
    second = await start_app(migrated_url, seed=False, rate_limit_per_minute=5)
    try:
        user = UpdateFactory.user(USER, "en")
        for n in range(10):
            worker = (first, second)[n % 2]
            # update ids as Telegram numbers them: one sequence for the bot, whichever worker gets it
            await worker.send(first.make.command("start", user=user))
        texts = [t for h in (first, second) for t in h.replies()]
        assert sum(t.startswith("👋") or "I check" in t for t in texts) == 5, texts
        assert sum("too fast" in t for t in texts) == 1, texts  # told once, by whichever worker
        # another user is not affected, on either worker
        await second.send(first.make.command("start", user=UpdateFactory.user(USER + 1, "en")))
        assert "I check" in second.replies()[-1]
        with first.session() as s:  # the table keys users by a salted hash, never by the id
            keys = set(s.exec(select(RateHit.user_key)))
        assert keys and all(str(USER) not in k for k in keys)
    finally:
        await first.close()
        await second.close()


async def test_a_burst_across_two_workers_is_counted_exactly(migrated_url):
    """Ten updates of one user at once, five on each worker (a user tapping fast, or a script): with the
    limit at 5 exactly 5 are answered and one "wait" is sent — on SQLite the count was read before
    the write lock was taken, so two workers both saw "4 of 5" and 6 or 7 were answered."""
    first = await start_app(migrated_url, rate_limit_per_minute=5)
    second = await start_app(migrated_url, seed=False, rate_limit_per_minute=5)
    try:
        user = UpdateFactory.user(USER + 2, "en")
        updates = [first.make.command("start", user=user) for _ in range(10)]
        await asyncio.gather(*[(first, second)[n % 2].send(u) for n, u in enumerate(updates)])
        texts = [t for h in (first, second) for t in h.replies()]
        assert sum("I check" in t for t in texts) == 5, texts
        assert sum("too fast" in t for t in texts) == 1, texts
    finally:
        await first.close()
        await second.close()


def test_the_window_slides_and_old_counts_are_pruned(engine):
    key = user_key("salt", 1)
    with Session(engine) as s:
        assert [take(s, key, 3, now=1000.0 + i) for i in range(3)] == [(0.0, False)] * 3
        wait, warn = take(s, key, 3, now=1010.0)
        assert warn and abs(wait - (1000.0 + WINDOW - 1010.0)) < 1e-6
        assert take(s, key, 3, now=1011.0)[1] is False  # told once per window
        assert take(s, user_key("salt", 2), 3, now=1011.0) == (0.0, False)  # per user
        assert take(s, key, 3, now=1000.0 + WINDOW + 0.5) == (0.0, False)  # the first hit left the window
        # (it is not read any more; the prune job deletes it)
        assert prune(s, now=1010.0 + WINDOW) == 4  # user 1's three first hits and its warning
        assert len(s.exec(select(RateHit)).all()) == 2


def test_a_worker_with_a_clock_ahead_never_asks_for_more_than_a_minute(engine):
    """Two workers on two hosts whose clocks disagree by five minutes: the one behind sees the other's
    counts in its future, and told the user to wait 360 s for a one-minute limit."""
    key = user_key("salt", 3)
    with Session(engine) as s:
        for i in range(3):
            take(s, key, 3, now=1300.0 + i)  # the worker five minutes ahead
        wait, warn = take(s, key, 3, now=1000.0)
        assert warn and 0 < wait <= WINDOW
