"""Brief retries for a database that blinks (a restart, a failover, a dropped connection).

A unit of work is retried only when the failure is a connection-level one (SQLAlchemy's
``OperationalError``/``InterfaceError``, or any DBAPI error that invalidated its connection):
constraint violations and programming errors are never retried. When the budget is spent
the caller gets :class:`claims.errors.DatabaseUnavailable`, which the bot turns into "try again
in a minute" and the CLI into one error line.

The callable must be a *whole* unit of work: it opens its own session and commits or rolls
back itself, so a second attempt starts from a clean slate. Pass the engine, not a session::

    tip = with_db_retry(lambda: _save(engine, text))          # sync
    tip = await run_db(_save, engine, text)                    # async: in a worker thread
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable
from typing import ParamSpec, TypeVar

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
    log.warning("database unavailable (attempt %d): %s", state.attempt_number, _first_line(exc))


def _first_line(exc: BaseException | None) -> str:
    text = str(getattr(exc, "orig", None) or exc or "").strip()
    return text.splitlines()[0] if text else type(exc).__name__


def retrying(budget: float = DEFAULT_BUDGET) -> Retrying:
    return Retrying(
        retry=retry_if_exception(is_transient),
        stop=stop_after_delay(budget) | stop_after_attempt(MAX_ATTEMPTS),
        wait=wait_exponential(multiplier=0.1, min=0.05, max=1.0),
        before_sleep=_log_retry,
        reraise=False,
    )


def with_db_retry(fn: Callable[P, T], *args: P.args, budget: float = DEFAULT_BUDGET, **kwargs: P.kwargs) -> T:
    """Call fn(*args, **kwargs), retrying connection failures for up to `budget` seconds."""
    try:
        return retrying(budget)(fn, *args, **kwargs)
    except RetryError as err:
        last = err.last_attempt.exception()
        raise DatabaseUnavailable(f"the database is unavailable: {_first_line(last)}") from last
    except (OperationalError, InterfaceError) as err:  # pragma: no cover - reraise=False makes this rare
        raise DatabaseUnavailable(f"the database is unavailable: {_first_line(err)}") from err


def db_retry(budget: float = DEFAULT_BUDGET) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Decorator form of :func:`with_db_retry`."""

    def deco(fn: Callable[P, T]) -> Callable[P, T]:
        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
            return with_db_retry(fn, *args, budget=budget, **kwargs)

        return wrapper

    return deco


async def run_db(fn: Callable[P, T], *args: P.args, budget: float = DEFAULT_BUDGET, **kwargs: P.kwargs) -> T:
    """:func:`with_db_retry` in a worker thread, so the event loop keeps serving other updates."""
    return await asyncio.to_thread(functools.partial(with_db_retry, fn, *args, budget=budget, **kwargs))
