"""claims/db.py on PostgreSQL: a pooled connection the server dropped is never handed to a unit of
work that has no retry to fall back on when it sat idle, and a unit with retries rides it out anyway."""

from __future__ import annotations

import os

import psycopg
import pytest
from sqlalchemy import text

import claims.db as db
from claims.retry import with_db_retry


def postgres_base_url() -> str:
    url = os.environ.get("TEST_POSTGRES_URL")
    if not url:
        pytest.skip("TEST_POSTGRES_URL is not set (set it to run this test on PostgreSQL)")
    return url


def _psycopg_dsn(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def _kill_backends(url: str, pids: set[int]) -> None:
    with psycopg.connect(_psycopg_dsn(url), autocommit=True) as conn:
        for pid in pids:
            conn.execute("SELECT pg_terminate_backend(%s)", (pid,))


def _pid(engine) -> int:  # noqa: ANN001
    with engine.connect() as conn:
        return conn.execute(text("SELECT pg_backend_pid()")).scalar_one()


@pytest.fixture
def pg_engine():
    url = postgres_base_url()
    engine = db.make_engine(url)
    yield url, engine
    engine.dispose()


def test_an_idle_connection_the_server_dropped_is_replaced_at_checkout(pg_engine, monkeypatch):
    url, engine = pg_engine
    pid = _pid(engine)  # one pooled connection
    _kill_backends(url, {pid})
    monkeypatch.setattr(db, "PING_AFTER_IDLE", 0.0)  # it has been idle long enough to be pinged
    assert _pid(engine) != pid  # no error: the dead one was replaced before use


def test_a_busy_connection_the_server_dropped_fails_once_and_the_retry_rides_it_out(pg_engine, monkeypatch):
    url, engine = pg_engine
    pid = _pid(engine)
    _kill_backends(url, {pid})
    monkeypatch.setattr(db, "PING_AFTER_IDLE", 3600.0)  # used moments ago: not pinged
    attempts = []

    def unit() -> int:
        attempts.append(1)
        return _pid(engine)

    assert with_db_retry(unit) != pid and len(attempts) == 2


def test_a_unit_without_retries_rides_out_a_connection_dropped_while_busy(pg_engine, monkeypatch):
    # budget=0 (the bot's persistence read and write, the inbox's first take): one attempt against an
    # outage, but a pooled connection the server dropped moments ago is no outage
    url, engine = pg_engine
    pid = _pid(engine)
    _kill_backends(url, {pid})
    monkeypatch.setattr(db, "PING_AFTER_IDLE", 3600.0)
    attempts = []

    def unit() -> int:
        attempts.append(1)
        return _pid(engine)

    assert with_db_retry(unit, budget=0) != pid and len(attempts) == 2


def test_a_unit_without_retries_still_fails_at_once_when_the_database_is_away(monkeypatch):
    from claims.errors import DatabaseUnavailable

    engine = db.make_engine("postgresql+psycopg://postgres@127.0.0.1:9/none")  # nothing listens there
    attempts = []

    def unit() -> int:
        attempts.append(1)
        return _pid(engine)

    with pytest.raises(DatabaseUnavailable):
        with_db_retry(unit, budget=0)
    assert len(attempts) == 1
    engine.dispose()
