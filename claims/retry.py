"""Brief retries for a database that blinks (a restart, a failover, a dropped connection).

A unit of work is retried only when the failure is a connection-level one (SQLAlchemy's
``OperationalError``/``InterfaceError``, or any DBAPI error that invalidated its connection):
constraint violations and programming errors are never retried. When the budget is spent
the caller gets :class:`claims.errors.DatabaseUnavailable`, which the bot turns into "try again
in a minute" and the CLI into one error line.

The callable must be a *whole* unit of work: it opens its own session and commits or rolls
back itself, so a second attempt starts from a clean slate. Pass the engine, not a session::

    tip = with_db_retry(lambda: _save(engine, text))          # sync
    tip = await run_db(_save, engine, text)                    # async: never waits on the event loop

`run_db` on PostgreSQL (or any server database) runs the unit in a worker thread: the event loop
never waits for the network or a lock. On a SQLite file it first runs the unit at once on the
event loop with the connection's lock wait off (``busy_timeout`` 0 for that attempt): local
statements take micro- to milliseconds, and a thread hand-off per call cost more than the call
(bench/RESULTS.md, issue 11, pair 4). A SQLite file that another connection is writing answers
"database is locked" at once instead of making the loop wait; that attempt is rolled back and the
unit goes to a worker thread, which waits and retries as on PostgreSQL. Only until the unit's first
commit: after it the unit waits for locks on the loop (running it again would repeat that commit).
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import logging
import time
import weakref
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from tenacity import RetryError, Retrying, retry_if_exception, stop_after_attempt, stop_after_delay, wait_exponential

from .errors import DatabaseUnavailable

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")

#: seconds a unit of work keeps being retried before DatabaseUnavailable
DEFAULT_BUDGET = 3.0
MAX_ATTEMPTS = 6


def is_transient(exc: BaseException) -> bool:
    """A failure that a fresh connection a moment later may not see again."""
    if isinstance(exc, (OperationalError, InterfaceError)):
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    # psycopg raised outside SQLAlchemy (e.g. psycopg.connect in a test helper)
    mod = type(exc).__module__ or ""
    return mod.startswith("psycopg") and type(exc).__name__ in ("OperationalError", "InterfaceError")


def _log_retry(state) -> None:  # noqa: ANN001
    exc = state.outcome.exception() if state.outcome else None
    log.warning("database unavailable (attempt %d): %s", state.attempt_number, error_line(exc))


def error_line(exc: BaseException | None) -> str:
    """The first line of a database error's message (the driver's own, without SQLAlchemy's SQL and
    parameters), else the exception's class name: what a log line or an error message shows."""
    text = str(getattr(exc, "orig", None) or exc or "").strip()
    return text.splitlines()[0] if text else type(exc).__name__


def retrying(budget: float = DEFAULT_BUDGET, attempts: int = MAX_ATTEMPTS) -> Retrying:
    return Retrying(
        retry=retry_if_exception(is_transient),
        stop=stop_after_delay(budget) | stop_after_attempt(attempts),
        wait=wait_exponential(multiplier=0.1, min=0.05, max=1.0),
        before_sleep=_log_retry,
        reraise=False,
    )


def with_db_retry(fn: Callable[P, T], *args: P.args, budget: float = DEFAULT_BUDGET, **kwargs: P.kwargs) -> T:
    """Call fn(*args, **kwargs), retrying connection failures for up to `budget` seconds."""
    started = time.monotonic()
    try:  # the first attempt without tenacity's bookkeeping (most calls need no retry)
        return fn(*args, **kwargs)
    except Exception as err:
        if not is_transient(err):
            raise
        if time.monotonic() - started >= budget:  # budget 0, or spent by this attempt (a connect timeout)
            if not _dropped(err):
                raise DatabaseUnavailable(f"the database is unavailable: {error_line(err)}") from err
            return _once_more(fn, *args, **kwargs)
        log.warning("database unavailable (attempt 1): %s", error_line(err))
        time.sleep(0.05)  # tenacity's first wait (wait_exponential's minimum)
    try:
        return retrying(max(0.0, budget - (time.monotonic() - started)), MAX_ATTEMPTS - 1)(fn, *args, **kwargs)
    except RetryError as err:
        last = err.last_attempt.exception()
        raise DatabaseUnavailable(f"the database is unavailable: {error_line(last)}") from last
    except (OperationalError, InterfaceError) as err:  # pragma: no cover - reraise=False makes this rare
        raise DatabaseUnavailable(f"the database is unavailable: {error_line(err)}") from err


def _dropped(exc: BaseException) -> bool:
    """A pooled connection found dead by its first use (the server dropped it while it sat in the
    pool: a restart, ``pg_terminate_backend``, an idle timeout), as opposed to a database that cannot
    be reached: SQLAlchemy invalidated that connection (and the pool's older ones)."""
    return isinstance(exc, DBAPIError) and exc.connection_invalidated


def _once_more(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """A unit with no retry budget whose pooled connection was dead: one more attempt, at once, on a
    fresh connection. claims/db.py pings a pooled connection only after PING_AFTER_IDLE s idle, so a
    connection dropped while hot is not an outage and must not cost a one-attempt unit its work (a
    conversation step's write, the persistence's read). A second failure is an outage."""
    try:
        return fn(*args, **kwargs)
    except Exception as err:
        if not is_transient(err):
            raise
        raise DatabaseUnavailable(f"the database is unavailable: {error_line(err)}") from err


def db_retry(budget: float = DEFAULT_BUDGET) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Decorator form of :func:`with_db_retry`."""

    def deco(fn: Callable[P, T]) -> Callable[P, T]:
        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
            return with_db_retry(fn, *args, budget=budget, **kwargs)

        return wrapper

    return deco


_NO_WAIT = contextvars.ContextVar("db_no_wait", default=False)  # set while a unit runs on the event loop
_INLINE: weakref.WeakKeyDictionary[Engine, bool] = weakref.WeakKeyDictionary()


def _busy_timeout_on_checkout(dbapi_conn, record, _proxy) -> None:  # noqa: ANN001
    """SQLite: no lock wait for a connection taken on the event loop, the engine's own otherwise
    (one PRAGMA only when the mode changes for that connection)."""
    info = record.info
    if "busy_ms" not in info:
        cur = dbapi_conn.cursor()
        info["busy_ms"] = info["own_busy_ms"] = cur.execute("PRAGMA busy_timeout").fetchone()[0]
        cur.close()
    want = 0 if _NO_WAIT.get() else info["own_busy_ms"]
    if info["busy_ms"] != want:
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={int(want)}")
        cur.close()
        info["busy_ms"] = want


def _wait_after_commit(conn) -> None:  # noqa: ANN001  (sqlalchemy Connection)
    """SQLite, a unit on the event loop that commits: from now on it waits for a lock as it would in a
    worker thread. A later "database is locked" must not send it to a thread from the start, which
    would apply what it already committed a second time (an ingested article's claims, a rate-limit
    count)."""
    if not _NO_WAIT.get():
        return
    _NO_WAIT.set(False)  # later checkouts in this attempt get the engine's own lock wait
    info = conn.connection.info
    if "own_busy_ms" in info and info.get("busy_ms") != info["own_busy_ms"]:
        cur = conn.connection.dbapi_connection.cursor()
        cur.execute(f"PRAGMA busy_timeout={int(info['own_busy_ms'])}")
        cur.close()
        info["busy_ms"] = info["own_busy_ms"]


def runs_inline(engine: Engine) -> bool:
    """Whether `run_db` tries units on this engine on the event loop first: a SQLite file (not an
    in-memory database, whose connections are per thread)."""
    inline = _INLINE.get(engine)
    if inline is None:
        inline = engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:")
        if inline:
            event.listen(engine, "checkout", _busy_timeout_on_checkout)
            event.listen(engine, "commit", _wait_after_commit)
        _INLINE[engine] = inline
    return inline


async def run_db(fn: Callable[P, T], *args: P.args, budget: float = DEFAULT_BUDGET, on: Engine | None = None,
                 **kwargs: P.kwargs) -> T:
    """:func:`with_db_retry` without blocking the event loop on the database (module docstring).
    `on`: the engine the unit uses (default: its first argument when that is an Engine); on a
    SQLite file the unit is tried on the event loop first, without waiting for a lock; a transient
    error there (a lock held elsewhere) sends it to a worker thread with the usual retries."""
    engine = on if on is not None else (args[0] if args and isinstance(args[0], Engine) else None)
    if engine is not None and runs_inline(engine):
        token = _NO_WAIT.set(True)
        try:
            return fn(*args, **kwargs)
        except Exception as err:
            if not is_transient(err):
                raise
            log.debug("database busy on the event loop (%s): the unit goes to a worker thread", error_line(err))
        finally:
            _NO_WAIT.reset(token)
    return await asyncio.to_thread(functools.partial(with_db_retry, fn, *args, budget=budget, **kwargs))
