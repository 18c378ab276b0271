"""Durable intake with real `claimbot` processes (bot/inbox.py): nothing acknowledged to Telegram is
lost — a webhook worker killed with SIGKILL in the middle of 200 acknowledged updates, the database
unreachable for ten seconds behind a webhook, and a polling worker that fetched updates it could not
store. Marked slow: each test starts one or two processes.

Counted on the Bot API stand-in (`SlowBotApi`): a reply is delivered when the stand-in answered 200
to a client that was still connected (a reply in flight when its process was killed never arrived,
as with Telegram). Every update comes from its own user, so "each answered once" is one delivery
per chat.
"""

from __future__ import annotations

import random
import re
import threading
import time

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from bot.models import InboxUpdate
from bot.testing import UpdateFactory
from claims.models import Tip

from conftest import seed_claims
from test_reliability_harness import SlowBotApi, TcpProxy, pg_target, via_proxy
from test_reliability_processes import TOKEN, SECRET, Bot, bot_env, free_port, pg_schema, post  # noqa: F401

pytestmark = pytest.mark.slow

_WORDS = ("куздра", "бокр", "шорёк", "хливкий", "мюмзик", "зелюк", "пырялся", "нава", "штеко", "будлануть",
          "курдячить", "глокая", "варкалось", "мова", "брандашмыг", "бармаглот", "тумтум", "жутко", "ворлы",
          "грызень", "пыхать", "зелёный", "свиристел", "хрюкотать")


def novel_posts(make: UpdateFactory, n: int, first_user: int) -> list[dict]:
    """`n` forwarded channel posts no seeded claim resembles (each answered "stored as a tip"),
    one per user."""
    rng = random.Random(first_user)
    posts = []
    for i in range(n):
        words = " ".join(rng.sample(_WORDS, 9))
        posts.append(make.forwarded(f"Сообщают, что {words} ({first_user + i})",
                                    user=make.user(first_user + i, "ru")))
    return posts


def webhook_bot(api: SlowBotApi, migrated_url: str, workdir, name: str, **env: str) -> tuple[Bot, int]:  # noqa: ANN001
    port = free_port()
    bot = Bot(["--webhook", "--listen", "127.0.0.1", "--port", str(port), "--url", "https://bot.example.org/hook"],
              bot_env(api, migrated_url, WEBHOOK_SECRET=SECRET, **env), workdir, name)
    return bot, port


def inbox_state(engine) -> tuple[int, int]:  # noqa: ANN001
    """(rows, rows not done)."""
    with Session(engine) as s:
        total = s.exec(select(func.count()).select_from(InboxUpdate)).one()[0]
        waiting = s.exec(select(func.count()).select_from(InboxUpdate).where(InboxUpdate.done_at.is_(None))).one()[0]
    return total, waiting


def tip_update_ids(engine) -> list[int]:  # noqa: ANN001
    with Session(engine) as s:
        return [row[0] for row in s.exec(select(Tip.update_id))]


def assert_each_answered_once(api: SlowBotApi, posts: list[dict]) -> None:
    got = api.deliveries()
    users = [p["message"]["from"]["id"] for p in posts]
    wrong = {uid: got.get(uid, 0) for uid in users if got.get(uid, 0) != 1}
    assert not wrong, f"{len(wrong)} users not answered exactly once: {list(wrong.items())[:10]}"


def assert_clean(*logs: str) -> None:
    """No traceback and no token in the logs (a periodic job failing during a database outage is
    one warning line, bot/errors.py)."""
    for out in logs:
        assert TOKEN not in out
        records = re.split(r"\n(?=\d{4}-\d\d-\d\d |INFO:|WARNING:|ERROR:)", out)
        bad = [r for r in records if "Traceback" in r]
        assert not bad, bad[0][:4000]


# --- SIGKILL in the middle of 200 acknowledged updates ----------------------------------------------

def test_a_webhook_worker_killed_mid_batch_loses_nothing_it_acknowledged(pg_schema, tmp_path):
    """Two webhook workers on one PostgreSQL database, Telegram's 200 posts spread over both; one is
    killed with SIGKILL while a reply waits for Telegram: the other takes over, including the update
    the dead one had in hand (after its lease)."""
    from claims.db import open_database

    engine = open_database(pg_schema)
    seed_claims(engine)
    posts = novel_posts(UpdateFactory(first_update_id=700_000), 200, first_user=20_000)
    with SlowBotApi(TOKEN) as api:
        (first, port1), (second, port2) = (webhook_bot(api, pg_schema, tmp_path, name, INBOX_LEASE_SECONDS="3")
                                           for name in ("first", "second"))
        try:
            assert api.wait_until(lambda: sum(c.method == "setWebhook" for c in api.calls) >= 2, timeout=90), \
                first.log_path.read_text()[-3000:]
            codes = [post(port1 if n % 2 else port2, p) for n, p in enumerate(posts)]
            assert codes == [200] * len(posts)  # all 200 acknowledged to "Telegram"
            assert api.wait_until(lambda: len(api.delivered) >= 30, timeout=90), first.log_path.read_text()[-3000:]
            # Telegram is slow to answer the next replies: each worker waits for one (a worker sends
            # one reply at a time) ...
            api.send_delay = 2.0
            assert api.wait_until(lambda: api.in_flight >= 2, timeout=30)
            first.kill()  # ... and the first dies waiting for its answer
            api.send_delay = 0.0
            answered_before = len(api.delivered)
            assert answered_before < len(posts) - 50, answered_before
            total, waiting = inbox_state(engine)
            assert total == len(posts) and waiting >= 50  # stored: the rest waits in the inbox
            with Session(engine) as s:  # the update in hand is leased to the dead worker
                leased = s.exec(select(InboxUpdate.locked_by).where(InboxUpdate.done_at.is_(None),
                                                                     InboxUpdate.locked_by.is_not(None))).all()
            assert leased, "the killed worker held no lease"
            assert api.wait_until(lambda: len(api.deliveries()) >= len(posts), timeout=120), \
                second.log_path.read_text()[-3000:]
            time.sleep(1.0)  # room for a duplicate to show up
        finally:
            first_log = first.stop()
            second_log = second.stop()

    assert_each_answered_once(api, posts)
    tips = tip_update_ids(engine)
    assert sorted(tips) == sorted(p["update_id"] for p in posts)  # every tip stored, once
    assert inbox_state(engine) == (len(posts), 0)
    assert api.abandoned >= 1  # the killed worker really had a reply in flight
    assert_clean(first_log, second_log)
    engine.dispose()


# --- the database unreachable for ten seconds -------------------------------------------------------

def test_a_database_outage_is_answered_with_an_error_and_every_update_is_processed_after(pg_schema, tmp_path):
    from claims.db import open_database

    engine = open_database(pg_schema)
    seed_claims(engine)
    proxy = TcpProxy(pg_target())
    proxy.start()
    make = UpdateFactory(first_update_id=800_000)
    before = novel_posts(make, 5, first_user=30_000)
    during = novel_posts(make, 40, first_user=31_000)
    try:
        with SlowBotApi(TOKEN) as api:
            bot, port = webhook_bot(api, via_proxy(pg_schema, proxy.port), tmp_path, "worker")
            try:
                assert api.wait_until(lambda: any(c.method == "setWebhook" for c in api.calls), timeout=90), \
                    bot.log_path.read_text()[-3000:]
                assert [post(port, p) for p in before] == [200] * len(before)
                assert api.wait_until(lambda: len(api.deliveries()) == len(before), timeout=60)

                proxy.stop()  # the database is unreachable ...
                down_at = time.monotonic()
                codes: dict[int, int] = {}
                sent = iter(during)
                while time.monotonic() - down_at < 10.0:  # ... for ten seconds, while Telegram keeps posting
                    batch = [p for p, _ in zip(sent, range(5))]
                    if not batch:
                        break
                    threads = [threading.Thread(target=lambda p=p: codes.__setitem__(p["update_id"], post(port, p)))
                               for p in batch]
                    for t in threads:
                        t.start()
                    for t in threads:
                        t.join()
                tried = [p for p in during if p["update_id"] in codes]
                assert len(tried) >= 10, len(tried)
                assert set(codes.values()) == {503}, codes  # nothing it could not store was acknowledged
                assert len(api.deliveries()) == len(before)
                time.sleep(max(0.0, 10.0 - (time.monotonic() - down_at)))
                proxy.start()  # ... and back

                # Telegram delivers again whatever did not get 200 (and, now, the rest of the batch)
                pending = [p for p in during]
                for _ in range(20):
                    pending = [p for p in pending if post(port, p) != 200]
                    if not pending:
                        break
                    time.sleep(1.0)
                assert not pending, f"{len(pending)} updates still refused after the database returned"
                assert api.wait_until(lambda: len(api.deliveries()) == len(before) + len(during), timeout=90), \
                    bot.log_path.read_text()[-3000:]
                time.sleep(1.0)  # room for a duplicate
            finally:
                log = bot.stop()
    finally:
        proxy.stop()
    assert_each_answered_once(api, before + during)
    assert sorted(tip_update_ids(engine)) == sorted(p["update_id"] for p in before + during)
    assert inbox_state(engine) == (len(before) + len(during), 0), log[-5000:]
    assert "answered 503" in log
    assert_clean(log)  # the outbox job failing during the outage is a warning line, not a traceback
    assert "database unavailable in bot.outbox" in log
    engine.dispose()


# --- polling: the offset confirms only what is stored -----------------------------------------------

class CheckingBotApi(SlowBotApi):
    """Records, for every getUpdates that confirms an offset, which of the confirmed updates were not
    yet in the inbox (`early`), and which update ids it handed out (`served`)."""

    def __init__(self, token: str, engine) -> None:  # noqa: ANN001
        super().__init__(token)
        self.engine = engine
        self.offsets: list[int] = []
        self.early: list[int] = []
        self.served: set[int] = set()

    def _get_updates(self, params: dict) -> list[dict]:
        offset = int(params.get("offset") or 0)
        if offset:
            with self.cond:
                confirmed = [u["update_id"] for u in self.updates if u["update_id"] < offset]
            if confirmed:
                with Session(self.engine) as s:
                    stored = {row[0] for row in s.exec(select(InboxUpdate.update_id)
                                                       .where(InboxUpdate.update_id.in_(confirmed)))}
                self.early += [uid for uid in confirmed if uid not in stored]
            self.offsets.append(offset)
        result = super()._get_updates(params)
        self.served |= {u["update_id"] for u in result}
        return result


def test_polling_confirms_an_update_only_after_it_is_stored(pg_schema, tmp_path):
    from claims.db import open_database

    engine = open_database(pg_schema)
    seed_claims(engine)
    proxy = TcpProxy(pg_target())
    proxy.start()
    make = UpdateFactory(first_update_id=900_000)
    first_batch = novel_posts(make, 20, first_user=40_000)
    second_batch = novel_posts(make, 5, first_user=41_000)
    url = via_proxy(pg_schema, proxy.port)
    try:
        with CheckingBotApi(TOKEN, engine) as api:
            first = Bot([], bot_env(api, url), tmp_path, "first")
            second = None
            try:
                for p in first_batch:
                    api.push(p)
                assert api.wait_until(lambda: len(api.deliveries()) == len(first_batch), timeout=120), \
                    first.log_path.read_text()[-3000:]
                last = first_batch[-1]["update_id"]
                assert api.wait_until(lambda: any(o > last for o in api.offsets), timeout=20)
                assert api.early == []  # every confirmed update was already in the inbox

                # fetched but not stored: the database is unreachable, then the process dies
                proxy.stop()
                for p in second_batch:
                    api.push(p)
                ids = {p["update_id"] for p in second_batch}
                assert api.wait_until(lambda: ids <= api.served, timeout=20)
                time.sleep(3.0)  # a polling loop that acknowledged would have asked for the next offset by now
                assert not any(o > min(ids) for o in api.offsets), api.offsets[-5:]
                first.kill()
                proxy.start()
                second = Bot([], bot_env(api, url), tmp_path, "second")
                assert api.wait_until(lambda: len(api.deliveries()) == len(first_batch) + len(second_batch),
                                      timeout=120), second.log_path.read_text()[-3000:]
                time.sleep(1.0)
            finally:
                first_log = first.stop()
                second_log = second.stop() if second else ""
    finally:
        proxy.stop()
    assert api.early == []
    assert_each_answered_once(api, first_batch + second_batch)
    assert sorted(tip_update_ids(engine)) == sorted(p["update_id"] for p in first_batch + second_batch)
    assert_clean(first_log, second_log)
    engine.dispose()


# --- polling: an update python-telegram-bot cannot read --------------------------------------------

def test_polling_goes_on_past_an_update_python_telegram_bot_cannot_read(migrated_url, tmp_path):
    """PTB parses a getUpdates batch at once: one unreadable update (a callback query without its
    sender) failed the batch, polling asked for the same offset again and again, and nothing after
    it was ever answered. It is stored, acknowledged and set aside; the update after it is answered."""
    from claims.db import open_database

    engine = open_database(migrated_url)
    seed_claims(engine)
    make = UpdateFactory(first_update_id=950_000)
    good = novel_posts(make, 2, first_user=50_000)
    with SlowBotApi(TOKEN) as api:
        with api.cond:
            api.updates.append({"update_id": 949_999, "callback_query": {"id": "1"}})
        for p in good:
            api.push(p)
        bot = Bot([], bot_env(api, migrated_url), tmp_path, "poll")
        try:
            assert api.wait_until(lambda: len(api.deliveries()) == len(good), timeout=60), \
                bot.log_path.read_text()[-3000:]
            time.sleep(1.0)
        finally:
            log = bot.stop()
    assert_each_answered_once(api, good)
    assert inbox_state(engine) == (3, 0)  # all three stored and done, the unreadable one set aside
    assert "949999" in log and "set aside" in log
    engine.dispose()
