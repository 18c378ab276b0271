"""claims/retry.py `run_db`: where a unit of work runs. On a SQLite file it runs at once on the event
loop unless the file is locked, and then in a worker thread that waits for the lock while the loop
keeps serving; other databases always in a worker thread."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time

from sqlalchemy import text

from claims.db import make_engine
from claims.retry import run_db


def _write(engine, value: int) -> int:  # noqa: ANN001
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO t (v) VALUES (:v)"), {"v": value})
    return threading.get_ident()


async def test_an_unlocked_sqlite_file_is_used_on_the_event_loop(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'a.db'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (v INTEGER)"))
    assert await run_db(_write, engine, 1) == threading.get_ident()
    engine.dispose()


async def test_a_locked_sqlite_file_waits_in_a_worker_thread_not_on_the_loop(tmp_path):
    path = tmp_path / "b.db"
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (v INTEGER)"))
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)  # another process's writer, say
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO t (v) VALUES (0)")
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    beat = asyncio.create_task(ticker())
    threading.Timer(0.5, other.commit).start()  # the writer finishes half a second later
    start = time.monotonic()
    ran_in = await asyncio.wait_for(run_db(_write, engine, 1), 10)
    waited = time.monotonic() - start
    beat.cancel()
    other.close()
    assert ran_in != threading.get_ident()  # it waited for the lock in a worker thread...
    assert waited >= 0.4 and ticks >= 0.3 / 0.01 * 0.5  # ...while the loop kept running
    with engine.connect() as conn:
        assert sorted(v for (v,) in conn.execute(text("SELECT v FROM t"))) == [0, 1]  # written once
    # the connection the loop uses next is back to not waiting, the worker's to waiting
    assert await run_db(_write, engine, 2) == threading.get_ident()
    engine.dispose()


async def test_an_in_memory_database_is_used_in_a_worker_thread():
    engine = make_engine("sqlite://")
    assert await run_db(lambda e: threading.get_ident(), engine) != threading.get_ident()


async def test_a_unit_that_committed_on_the_loop_is_not_run_again_when_a_later_write_meets_a_lock(tmp_path):
    """A unit with two transactions (say ingest: the article, then its audit rows) tried on the event
    loop: when another writer holds the file after the first commit, the second waits for it instead
    of failing at once and sending the whole unit (first commit included) to a worker thread again."""
    path = tmp_path / "c.db"
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (v INTEGER)"))
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)  # another worker process
    calls = 0

    def two_commits(engine) -> None:  # noqa: ANN001
        nonlocal calls
        calls += 1
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO t (v) VALUES (1)"))
        if calls == 1:  # the other writer takes the file between our two transactions
            other.execute("BEGIN IMMEDIATE")
            other.execute("INSERT INTO t (v) VALUES (0)")
            threading.Timer(0.3, other.commit).start()
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO t (v) VALUES (2)"))

    await asyncio.wait_for(run_db(two_commits, engine), 10)
    other.close()
    with engine.connect() as conn:
        rows = sorted(v for (v,) in conn.execute(text("SELECT v FROM t")))
    assert (calls, rows) == (1, [0, 1, 2])  # not (2, [0, 1, 1, 2]): the first commit applied twice
    # the loop's next unit again does not wait for a lock
    assert await run_db(_write, engine, 3) == threading.get_ident()
    engine.dispose()
