"""Real `claimbot` processes: killed with SIGKILL in the middle of a notification batch, and two webhook
workers sharing one PostgreSQL database. Marked slow: each test starts processes (~10-25 s each).

Deliveries are counted on the Bot API stand-in (`SlowBotApi`): a message is delivered when the
stand-in answered 200 to a client that was still there.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlmodel import Session, select

from bot.testing import UpdateFactory
from claims.models import Notification, Source, Subscription, Tip, utcnow

from conftest import free_port, seed_claims
from test_reliability_harness import SlowBotApi, root_conftest

pytestmark = pytest.mark.slow

TOKEN = "424242:reliability-token"
SECRET = "reliability_secret-1"


def claimbot() -> str:
    path = Path(sys.executable).parent / "claimbot"
    if not path.exists():
        pytest.fail("console script 'claimbot' is not installed (pip install -e .)")
    return str(path)


def bot_env(api: SlowBotApi, migrated_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_", "DATABASE_URL",
                                                                    "MODERATOR_", "PRIVACY_SALT", "RATE_LIMIT"))}
    env.update(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=api.base_url, DATABASE_URL=migrated_url,
               PRIVACY_SALT="reliability", LOG_LEVEL="INFO", RATE_LIMIT_PER_MINUTE="1000", **extra)
    return env


class Bot:
    """One claimbot process with its log in a file."""

    def __init__(self, args: list[str], env: dict[str, str], workdir: Path, name: str) -> None:
        self.log_path = workdir / f"{name}.log"
        self.log = self.log_path.open("w+")
        self.proc = subprocess.Popen([claimbot(), *args], env=env, cwd=workdir, stdout=self.log,
                                     stderr=subprocess.STDOUT)

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> str:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(25)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.log.seek(0)
        out = self.log.read()
        self.log.close()
        return out


def followers_and_verdict(engine, claim_id: int, users: list[int]) -> int:  # noqa: ANN001
    from claims.services.follow import follow
    from claims.services.verdicts import set_verdict

    with Session(engine, expire_on_commit=False) as s:
        for uid in users:
            follow(s, uid, uid, claim_id)
        return set_verdict(s, claim_id, "false", reason="опровергнуто", by="desk").id


def notification_rows(engine) -> list[Notification]:  # noqa: ANN001
    with Session(engine) as s:
        return list(s.exec(select(Notification).order_by(Notification.id)))


# --- SIGKILL in the middle of a notification batch --------------------------------------------------

def test_killed_mid_batch_then_restarted_loses_and_repeats_nothing(migrated_url, tmp_path):
    from claims.db import open_database

    engine = open_database(migrated_url)
    ids = seed_claims(engine)
    users = list(range(8101, 8113))  # 12 notices: one batch
    followers_and_verdict(engine, ids["bridge"], users)
    keys = {n.chat_id: n.dedupe_key for n in notification_rows(engine)}
    assert len(keys) == len(users)

    with SlowBotApi(TOKEN) as api:
        api.send_delay = 0.6
        first = Bot([], bot_env(api, migrated_url), tmp_path, "first")
        try:
            # kill while the 4th notice waits for Telegram's answer
            assert api.wait_until(lambda: len(api.delivered) >= 3 and api.in_flight > 0, timeout=90), \
                first.log_path.read_text()[-3000:]
            first.kill()
        finally:
            first_log = first.stop()
        delivered_before = api.deliveries()
        assert 3 <= sum(delivered_before.values()) < len(users)
        rows = notification_rows(engine)
        stuck = [n for n in rows if n.status == "sending"]
        assert stuck, [(n.chat_id, n.status) for n in rows]  # the rest of the batch is leased to the dead process
        assert {n.chat_id for n in rows if n.status == "sent"} == set(delivered_before)

        # The lease (bot.outbox.LOCK) expires: simulated instead of waited for.
        with Session(engine) as s:
            s.execute(update(Notification).where(Notification.status == "sending")
                      .values(locked_until=utcnow() - timedelta(seconds=1)))
            s.commit()

        api.send_delay = 0.05
        second = Bot([], bot_env(api, migrated_url), tmp_path, "second")
        try:
            assert api.wait_until(lambda: len(api.deliveries()) == len(users), timeout=90), \
                second.log_path.read_text()[-3000:]
            time.sleep(1.5)  # room for a duplicate to show up
        finally:
            second_log = second.stop()

    per_key = Counter(keys[chat] for chat in (int(p["chat_id"]) for p in api.delivered))
    assert per_key == Counter({key: 1 for key in keys.values()}), per_key
    assert {n.status for n in notification_rows(engine)} == {"sent"}
    assert api.abandoned >= 1  # the killed request really was in flight
    for out in (first_log, second_log):
        assert "Traceback" not in out and TOKEN not in out, out[-3000:]
    engine.dispose()


# --- two webhook workers on one PostgreSQL database -------------------------------------------------

def post(port: int, update: dict, secret: str = SECRET) -> int:
    req = urllib.request.Request(f"http://127.0.0.1:{port}/hook", data=json.dumps(update).encode(),
                                 headers={"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret})
    for _ in range(100):
        try:
            return urllib.request.urlopen(req, timeout=10).status
        except urllib.error.HTTPError as err:
            return err.code
        except urllib.error.URLError:
            time.sleep(0.2)  # still starting
    raise AssertionError(f"webhook on port {port} never came up")


def post_both(ports: list[int], update: dict) -> list[int]:
    codes: list[int] = [0, 0]
    barrier = threading.Barrier(2)

    def go(i: int) -> None:
        barrier.wait()
        codes[i] = post(ports[i], update)

    threads = [threading.Thread(target=go, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return codes


@pytest.fixture
def pg_schema():
    url, drop = root_conftest().make_postgres_schema_url()
    yield url
    drop()


def test_two_webhook_workers_share_one_postgresql(pg_schema, tmp_path):
    from claims.db import open_database

    engine = open_database(pg_schema)
    ids = seed_claims(engine)
    make = UpdateFactory(first_update_id=500_000)
    ports = [free_port(), free_port()]
    with SlowBotApi(TOKEN) as api:
        env = bot_env(api, pg_schema, WEBHOOK_SECRET=SECRET)
        workers = [Bot(["--webhook", "--listen", "127.0.0.1", "--port", str(port), "--url",
                        "https://bot.example.org/hook"], env, tmp_path, f"worker{i}")
                   for i, port in enumerate(ports)]
        try:
            assert api.wait_until(lambda: sum(c.method == "setWebhook" for c in api.calls) >= 2, timeout=90)

            # 1. The same update delivered to both workers at once: one reply, one row.
            # nonsense no seeded claim resembles: the only reply is "stored as a tip"
            novel = ["Глокая куздра {} штеко будланула бокра и курдячит бокрёнка",
                     "Варкалось, и хливкие шорьки {} пырялись по наве"]
            dup_users = []
            for i in range(6):
                uid = 9100 + i
                dup_users.append(uid)
                user = make.user(uid, "ru")
                if i % 2:
                    update = make.command("claim", str(ids["vaccine"]), user=user)
                else:
                    update = make.message(novel[i % 4 // 2].format(10 + i), user=user)
                assert post_both(ports, update) == [200, 200]
            assert api.wait_until(lambda: all(uid in api.deliveries() for uid in dup_users), timeout=60)

            # 2. A guided /submit, every step on the other worker than the one before.
            user = make.user(9200, "en")
            steps = [make.command("submit", user=user), make.message(str(ids["bridge"]), user=user),
                     make.message("https://example.org/bridge-report", user=user), make.message("refutes", user=user),
                     make.message("official report", user=user)]
            for n, step in enumerate(steps):
                before = api.deliveries().get(9200, 0)
                assert post(ports[n % 2], step) == 200
                assert api.wait_until(lambda b=before: api.deliveries().get(9200, 0) > b, timeout=30), n
                # The reply goes out before the worker writes the new state (right after the handler
                # returns); a person takes longer than this to answer.
                time.sleep(0.3)
            confirm = next(p for p in reversed(api.delivered) if int(p["chat_id"]) == 9200)
            assert "reply_markup" in confirm, confirm
            sent_confirm = next(c for c in reversed(api.calls) if c.method == "sendMessage"
                                and c.params.get("chat_id") == 9200)
            assert post(ports[1], make.callback("sc:y", api.message(sent_confirm), user=user)) == 200
            assert api.wait_until(lambda: any(c.method == "editMessageText" and c.params.get("chat_id") == 9200
                                              for c in api.calls), timeout=30)

            # 3. Followers made on either worker; a verdict; both outboxes running: one notice each.
            followers = list(range(9300, 9310))
            for n, uid in enumerate(followers):
                assert post(ports[n % 2], make.command("follow", str(ids["inflation"]), user=make.user(uid, "ru"))) == 200
            assert api.wait_until(lambda: all(uid in api.deliveries() for uid in followers), timeout=60)
            with Session(engine) as s:
                assert len(s.exec(select(Subscription)).all()) == len(followers)
            from claims.services.verdicts import set_verdict

            with Session(engine) as s:
                set_verdict(s, ids["inflation"], "mostly_true", reason="пересчёт", by="desk")
            assert api.wait_until(lambda: all(api.deliveries().get(uid) == 2 for uid in followers), timeout=60)
            time.sleep(2.0)  # room for duplicates
        finally:
            logs = [w.stop() for w in workers]

    got = api.deliveries()
    for n, uid in enumerate(dup_users):
        assert got[uid] == 1, (uid, got[uid], [p.get("text", "")[:60] for p in api.delivered
                                                if int(p["chat_id"]) == uid])
    with Session(engine) as s:
        tips = list(s.exec(select(Tip)))
        assert sorted(t.text for t in tips) == sorted({novel[i % 4 // 2].format(10 + i) for i in range(0, 6, 2)})
        sources = list(s.exec(select(Source).where(Source.url == "https://example.org/bridge-report")))
        assert len(sources) == 1 and sources[0].stance == "refutes" and sources[0].note == "official report"
        notes = list(s.exec(select(Notification).where(Notification.claim_id == ids["inflation"])))
        assert len(notes) == len(followers) and {n.status for n in notes} == {"sent"}
    for uid in followers:
        assert got[uid] == 2  # the follow confirmation and exactly one verdict notice
    for out in logs:
        assert "Traceback" not in out and TOKEN not in out, out[-3000:]
    # both workers really got each duplicated update, and one of them found it already stored
    assert sum(out.count("already in the inbox") for out in logs) == len(dup_users), logs
    engine.dispose()


def test_two_webhook_workers_on_one_sqlite_file_keep_each_tip_once(tmp_path):
    """Two processes on one SQLite file (run_db tries units on the event loop without a lock wait):
    60 forwarded posts, 20 texts from three users each, a third of them posted to both workers at
    once. Each user is answered once, never with "you sent this before"; 20 tips with 3 askers each."""
    from concurrent.futures import ThreadPoolExecutor

    from claims.db import open_database
    from claims.models import TipAsker

    migrated_url = f"sqlite:///{tmp_path / 'shared.db'}"
    engine = open_database(migrated_url)
    seed_claims(engine)
    make = UpdateFactory(first_update_id=700_000)
    ports = [free_port(), free_port()]
    texts = [f"Сообщают, что глокая куздра {i} штеко будланула бокра номер {i} и курдячит бокрёнка" for i in range(20)]
    posts = [(i, make.forwarded(texts[i % 20], user=make.user(20000 + i, "ru"))) for i in range(60)]
    with SlowBotApi(TOKEN) as api:
        env = bot_env(api, migrated_url, WEBHOOK_SECRET=SECRET)
        workers = [Bot(["--webhook", "--listen", "127.0.0.1", "--port", str(port), "--url",
                        "https://bot.example.org/hook"], env, tmp_path, f"worker{i}") for i, port in enumerate(ports)]
        try:
            assert api.wait_until(lambda: sum(c.method == "setWebhook" for c in api.calls) >= 2, timeout=90)

            def send(job: tuple[int, dict]) -> list[int]:
                i, update_ = job
                return post_both(ports, update_) if i % 3 == 0 else [post(ports[i % 2], update_)]

            with ThreadPoolExecutor(12) as pool:
                codes = [c for cs in pool.map(send, posts) for c in cs]
            assert set(codes) == {200}
            assert api.wait_until(lambda: all(20000 + i in api.deliveries() for i in range(60)), timeout=120)
            time.sleep(2.0)  # room for duplicates
        finally:
            logs = [w.stop() for w in workers]
    got = api.deliveries()
    assert all(got[20000 + i] == 1 for i in range(60)), got
    answers = [p.get("text", "") for p in api.delivered]
    assert not [a for a in answers if "Вы уже присылали" in a]
    with Session(engine) as s:
        assert sorted(t.text for t in s.exec(select(Tip))) == sorted(texts)
        assert len(s.exec(select(TipAsker)).all()) == 60
    for out in logs:
        assert "Traceback" not in out and TOKEN not in out and "куздра" not in out, out[-3000:]
    engine.dispose()
