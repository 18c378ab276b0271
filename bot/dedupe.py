"""Exactly-once intake: an update Telegram delivers twice is handled once.

Telegram redelivers an update when it did not get our answer (webhook timeout, a worker that
died before answering, a polling process killed before it confirmed the offset). Two webhook
workers may even receive the same update at the same moment. Design:

* A ``TypeHandler`` in group ``-1000`` (before every other handler, the rate limit included)
  *claims* the update id; when the id is already claimed it raises ``ApplicationHandlerStop`` so
  no handler sees it. The claim is the update's first database access and is retried for up to
  ``CLAIM_BUDGET`` seconds (:mod:`claims.retry`): a short database blink is ridden out here,
  and the handlers that follow find the database back.
* The claim becomes final only *after* the handlers ran (a hook around
  ``Application.process_update``, see below), never before, so a crash between "stored" and
  "replied" loses nothing:

  - **PostgreSQL** (several workers): the claim is ``INSERT INTO processedupdate ... ON
    CONFLICT DO NOTHING`` in a transaction that stays open on its own connection while the
    handlers run and is committed after them. A concurrent duplicate on another worker blocks
    on the unique key until the first commits (then it sees the row and stops) or dies (the
    server rolls the claim back when the connection drops, and the duplicate proceeds). So:
    exactly one reply for concurrent duplicates, and an update whose worker was killed
    mid-way is processed again when redelivered. A ``lock_timeout`` bounds the wait; a worker
    that times out treats the update as taken (the holder is alive and busy with it).
  - **SQLite** (one process: SQLite cannot hold a write lock across handler calls without
    stopping every other writer): the id is checked at the start, kept in an in-process
    in-flight set, and inserted after the handlers ran. A crash in between means a redelivery
    is processed again; the work itself is idempotent where it matters (a tip is stored once
    per update_id, a source once per claim and URL, following twice is a no-op), so the worst
    case is a repeated reply, never a lost one.

  An update that made a handler raise is still marked processed: Telegram would not redeliver
  it anyway, and a poison update must not be retried forever.
* An update Telegram could never send (a chat id that is a list, a text that is a number, a
  message without a chat: ``Update.de_json`` accepts all of these) is dropped before PTB or any
  handler touches it (an unhashable user id even crashes PTB's own bookkeeping, which would stop
  the update fetcher), with a warning. See :func:`well_formed`.
* If the database is unreachable when claiming, the update is processed unclaimed (the
  handlers then tell the user to try again); exactly-once is not promised during an outage.
* Rows older than ``KEEP_DAYS`` (Telegram keeps an update at most 24 h) are purged every few
  hours by a background task.

What this cannot do: PTB acknowledges an update to Telegram before handling it (the webhook
answers 200 when the update is queued; polling confirms the offset with the next getUpdates),
so Telegram redelivers only what was never acknowledged. An update acknowledged and then lost
in a crash is not redelivered by anyone; "processed again when redelivered" covers the
redeliveries Telegram does make (timeouts, errors, a worker that died before answering).
The terminal chat (bot/console.py) numbers its updates from 1 on every run, so bot/app.py does
not register the intake for it.
The hook around ``process_update``: ``Application`` has ``__slots__`` and no hook point after
all handler groups ran (``ApplicationHandlerStop`` in any group skips later groups), so
:func:`install_update_hooks` switches the application to a subclass (empty ``__slots__``, same
layout) whose ``process_update`` runs registered before/after hooks in ``try/finally``. This also
covers tests and benchmarks that call ``application.process_update`` directly.
:mod:`bot.persistence` uses the same hooks for its write-through.

Wiring (bot/app.py, after the handlers are registered)::

    from . import dedupe
    dedupe.register(application)
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import time
import warnings
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from telegram import Message, Update
from telegram.ext import Application, ApplicationHandlerStop, ContextTypes, TypeHandler

from claims.errors import DatabaseUnavailable
from claims.models import ProcessedUpdate, utcnow
from claims.retry import run_db, with_db_retry

log = logging.getLogger(__name__)

GROUP = -1000  # before the rate limit (bot.ratelimit, group -100): a duplicate costs the user nothing
KEEP_DAYS = 3
PURGE_EVERY = 6 * 3600.0
LOCK_TIMEOUT_MS = 30_000
CLAIM_BUDGET = 2.0  # seconds of retries when claiming; then the update goes through unclaimed
OUTAGE_MEMORY = 30.0  # after giving up, claims make one attempt (no waiting) for this long or until one succeeds

Hook = Callable[[Application, object], Awaitable[None]]


# --- before/after hooks around Application.process_update -----------------------------------------

@dataclass
class _Hooks:
    before: list[Hook] = field(default_factory=list)
    after: list[Hook] = field(default_factory=list)
    _order: dict[int, int] = field(default_factory=dict)  # id(hook) -> order

    def add(self, which: list[Hook], hook: Hook, order: int) -> None:
        if hook in which:
            return
        self._order[id(hook)] = order
        which.append(hook)
        which.sort(key=lambda h: self._order.get(id(h), 0))


_HOOKS: weakref.WeakKeyDictionary[Application, _Hooks] = weakref.WeakKeyDictionary()
_HOOKED_CLASSES: dict[type, type] = {}


def _hooked_class(cls: type[Application]) -> type[Application]:
    if getattr(cls, "_claimbot_hooked", False):
        return cls
    if cls not in _HOOKED_CLASSES:
        async def process_update(self: Application, update: object) -> None:
            if isinstance(update, Update) and not well_formed(update):
                # before PTB itself touches it: an unhashable "id" would crash its bookkeeping
                log.warning("update %s dropped: not shaped like anything the Bot API sends", update.update_id)
                return
            hooks = _HOOKS.get(self) or _Hooks()
            for hook in hooks.before:
                try:
                    await hook(self, update)
                except Exception:  # a hook must never stop the update
                    log.exception("before-update hook %r failed", hook)
            try:
                await cls.process_update(self, update)
            finally:
                for hook in hooks.after:
                    try:
                        await hook(self, update)
                    except Exception:
                        log.exception("after-update hook %r failed", hook)

        _HOOKED_CLASSES[cls] = type(f"Hooked{cls.__name__}", (cls,), {
            "__slots__": (), "process_update": process_update, "_claimbot_hooked": True,
            "__module__": __name__})
    return _HOOKED_CLASSES[cls]


def install_update_hooks(application: Application) -> _Hooks:
    """Make `application` run before/after hooks around every process_update; idempotent."""
    if not getattr(type(application), "_claimbot_hooked", False):
        application.__class__ = _hooked_class(type(application))
    return _HOOKS.setdefault(application, _Hooks())


def add_update_hook(application: Application, *, before: Hook | None = None, after: Hook | None = None,
                    order: int = 0) -> None:
    """Hooks run by ascending `order` (then registration order); adding one twice is a no-op."""
    hooks = install_update_hooks(application)
    if before is not None:
        hooks.add(hooks.before, before, order)
    if after is not None:
        hooks.add(hooks.after, after, order)


# --- background periodic tasks (no JobQueue: APScheduler is not installed) -----------------------

_TASKS: weakref.WeakKeyDictionary[Application, dict[str, asyncio.Task]] = weakref.WeakKeyDictionary()


def every(application: Application, name: str, interval: float, func: Callable[[Application], Awaitable[Any]],
          *, first_delay: float | None = None) -> None:
    """Run `func(application)` every `interval` seconds while the bot runs (started from post_init,
    cancelled in post_stop). Uses the JobQueue when there is one."""

    async def loop(app: Application) -> None:
        await asyncio.sleep(interval if first_delay is None else first_delay)
        while True:
            try:
                await func(app)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("periodic task %s failed", name)
            await asyncio.sleep(interval)

    async def start(app: Application) -> None:
        with warnings.catch_warnings():  # PTB warns when the job-queue extra is not installed
            warnings.simplefilter("ignore")
            job_queue = app.job_queue
        if job_queue is not None:
            async def job(context: ContextTypes.DEFAULT_TYPE) -> None:
                await func(context.application)

            job_queue.run_repeating(job, interval=interval, first=first_delay or interval, name=name)
            return
        tasks = _TASKS.setdefault(app, {})
        if name not in tasks or tasks[name].done():
            tasks[name] = asyncio.get_running_loop().create_task(loop(app), name=f"claimbot:{name}")

    application.bot_data.setdefault("_post_init_hooks", []).append(start)
    shutdown_hooks = application.bot_data.setdefault("_post_shutdown_hooks", [])
    if cancel_tasks not in shutdown_hooks:
        shutdown_hooks.append(cancel_tasks)
    _chain_post_stop(application)


async def cancel_tasks(app: Application) -> None:
    """Stop the periodic tasks of `app` (post_stop, or post_shutdown when stop was never called)."""
    for task in _TASKS.pop(app, {}).values():
        task.cancel()
        try:
            await task
        except (asyncio.CancelledError, Exception):
            pass


def _chain_post_stop(application: Application) -> None:
    previous = application.post_stop
    if getattr(previous, "_claimbot_cancels_tasks", False):
        return

    async def post_stop(app: Application) -> None:
        await cancel_tasks(app)
        if previous is not None:
            await previous(app)

    post_stop._claimbot_cancels_tasks = True  # type: ignore[attr-defined]
    application.post_stop = post_stop


# --- malformed updates ------------------------------------------------------------------------------

def _int(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _opt_str(v: object) -> bool:
    return v is None or isinstance(v, str)


def _user(u: object, *, required: bool = False) -> bool:
    if u is None:
        return not required
    return (_int(getattr(u, "id", None)) and isinstance(getattr(u, "first_name", None), str)
            and isinstance(getattr(u, "is_bot", None), bool) and _opt_str(getattr(u, "language_code", None))
            and _opt_str(getattr(u, "username", None)) and _opt_str(getattr(u, "last_name", None)))


def _chat(c: object, *, required: bool = False) -> bool:
    if c is None:
        return not required
    return (_int(getattr(c, "id", None)) and isinstance(getattr(c, "type", None), str)
            and all(_opt_str(getattr(c, a, None)) for a in ("title", "username", "first_name", "last_name")))


def _entities(items: object) -> bool:
    if items is None:
        return True
    if not isinstance(items, (tuple, list)):
        return False
    return all(isinstance(getattr(e, "type", None), str) and _int(getattr(e, "offset", None))
               and _int(getattr(e, "length", None)) and _user(getattr(e, "user", None))
               and _opt_str(getattr(e, "url", None)) for e in items)


def _origin(o: object) -> bool:
    if o is None:
        return True
    return (isinstance(getattr(o, "type", None), str) and _chat(getattr(o, "chat", None))
            and _chat(getattr(o, "sender_chat", None)) and _user(getattr(o, "sender_user", None))
            and _opt_str(getattr(o, "sender_user_name", None)) and _opt_str(getattr(o, "author_signature", None))
            and (getattr(o, "message_id", None) is None or _int(getattr(o, "message_id", None))))


def _message(m: object, depth: int = 0) -> bool:
    from datetime import datetime

    if not (_int(getattr(m, "message_id", None)) and _chat(getattr(m, "chat", None), required=True)):
        return False
    if not isinstance(getattr(m, "date", None), datetime):
        return False
    if not isinstance(m, Message):  # InaccessibleMessage: id, chat and date are all it has
        return True
    reply = m.reply_to_message
    return (_user(m.from_user) and _chat(m.sender_chat) and _opt_str(m.text) and _opt_str(m.caption)
            and _entities(m.entities) and _entities(m.caption_entities) and _origin(m.forward_origin)
            and _user(m.via_bot) and (m.message_thread_id is None or _int(m.message_thread_id))
            and (reply is None or (depth < 2 and _message(reply, depth + 1))))


def well_formed(update: Update) -> bool:
    """True unless the update breaks a type the Bot API guarantees (see the module docstring)."""
    try:
        for m in (update.message, update.edited_message, update.channel_post, update.edited_channel_post,
                  update.business_message, update.edited_business_message):
            if m is not None and not _message(m):
                return False
        q = update.callback_query
        if q is not None and not (isinstance(q.id, str) and _user(q.from_user, required=True) and _opt_str(q.data)
                                  and _opt_str(q.inline_message_id) and isinstance(q.chat_instance, str)
                                  and (q.message is None or _message(q.message))):
            return False
        iq = update.inline_query
        if iq is not None and not (isinstance(iq.id, str) and _user(iq.from_user, required=True)
                                   and isinstance(iq.query, str) and isinstance(iq.offset, str)):
            return False
        return True
    except Exception:  # noqa: BLE001 - anything odd enough to break the checks is not well formed
        return False


# --- the claim ------------------------------------------------------------------------------------

@dataclass
class _State:
    inflight: set[int] = field(default_factory=set)
    held: dict[int, Connection] = field(default_factory=dict)  # PostgreSQL: open claim transactions
    down_until: float = 0.0  # after a claim gave up: the database is known to be down, don't wait again
    claimed: set[int] = field(default_factory=set)  # SQLite: to be inserted after the handlers
    duplicates: int = 0


_STATES: weakref.WeakKeyDictionary[Application, _State] = weakref.WeakKeyDictionary()

CLAIMED, DUPLICATE = "claimed", "duplicate"


def _engine(application: Application) -> Engine | None:
    runtime = application.bot_data.get("runtime")
    return getattr(runtime, "engine", None)


def _is_lock_timeout(err: DBAPIError) -> bool:
    return type(getattr(err, "orig", None)).__name__ in ("LockNotAvailable", "QueryCanceled")


_CLAIM_SQL = text(
    "WITH cfg AS (SELECT set_config('lock_timeout', :lock_timeout, true)) "
    "INSERT INTO processedupdate (update_id, created_at) SELECT :update_id, :now FROM cfg "
    "ON CONFLICT (update_id) DO NOTHING RETURNING update_id")


def _claim_postgres(engine: Engine, update_id: int) -> Connection | None:
    """Open a transaction holding the claim; None when somebody else has (or had) it.

    One round trip: the CTE sets this transaction's lock_timeout before the INSERT may have to
    wait for another worker's uncommitted claim of the same id."""
    conn = engine.connect()
    try:
        row = conn.execute(_CLAIM_SQL, {"lock_timeout": f"{int(LOCK_TIMEOUT_MS)}ms", "update_id": update_id,
                                        "now": utcnow()}).first()
    except DBAPIError as err:
        conn.rollback()
        conn.close()
        if _is_lock_timeout(err):
            log.warning("update %s: another worker has held it for %d ms; skipping it", update_id, LOCK_TIMEOUT_MS)
            return None
        raise
    if row is None:
        conn.rollback()
        conn.close()
        return None
    return conn


def _seen_sqlite(engine: Engine, update_id: int) -> bool:
    with engine.connect() as conn:
        return conn.execute(select(ProcessedUpdate.update_id)
                            .where(ProcessedUpdate.update_id == update_id)).first() is not None


def _mark_sqlite(engine: Engine, update_id: int) -> None:
    from sqlalchemy.dialects.sqlite import insert

    with engine.begin() as conn:
        conn.execute(insert(ProcessedUpdate).values(update_id=update_id, created_at=utcnow())
                     .on_conflict_do_nothing(index_elements=["update_id"]))


def _commit(conn: Connection) -> None:
    try:
        conn.commit()
    finally:
        conn.close()


async def claim(application: Application, update_id: int) -> str:
    """CLAIMED (go on; finish() makes it final) or DUPLICATE (drop the update)."""
    state = _STATES.setdefault(application, _State())
    if update_id in state.inflight:
        return DUPLICATE
    engine = _engine(application)
    if engine is None:
        return CLAIMED
    state.inflight.add(update_id)
    # Wait out a blink, but once a claim has given up, try once per update until one succeeds:
    # during a real outage every update gets its "try again" at once instead of queueing behind
    # a CLAIM_BUDGET wait each.
    budget = 0 if time.monotonic() < state.down_until else CLAIM_BUDGET
    try:
        if engine.dialect.name == "postgresql":
            conn = await run_db(_claim_postgres, engine, update_id, budget=budget)
            if conn is None:
                state.inflight.discard(update_id)
                return DUPLICATE
            state.held[update_id] = conn
        else:
            if await run_db(_seen_sqlite, engine, update_id, budget=budget):
                state.inflight.discard(update_id)
                return DUPLICATE
            state.claimed.add(update_id)
        state.down_until = 0.0
    except DatabaseUnavailable as err:
        log.warning("update %s processed without a dedupe claim: %s", update_id, err)
        state.inflight.discard(update_id)
        state.down_until = time.monotonic() + OUTAGE_MEMORY
    return CLAIMED


async def finish(application: Application, update_id: int) -> None:
    """Make the claim final (after the handlers ran)."""
    state = _STATES.get(application)
    if state is None:
        return
    try:
        conn = state.held.pop(update_id, None)
        if conn is not None:
            try:
                await asyncio.to_thread(_commit, conn)
            except (OperationalError, DBAPIError) as err:
                log.warning("update %s: could not record it as processed (%s); a redelivery would be "
                            "processed again", update_id, err)
        elif update_id in state.claimed:
            state.claimed.discard(update_id)
            engine = _engine(application)
            if engine is not None:
                try:
                    await run_db(_mark_sqlite, engine, update_id)
                except DatabaseUnavailable as err:
                    log.warning("update %s: could not record it as processed (%s)", update_id, err)
    finally:
        state.inflight.discard(update_id)


# The update id this process_update call claimed (a copy that was dropped as a duplicate must not
# finish the claim of the copy that is still being handled). Blocking handlers run in the task of
# process_update, so the value set in the handler is seen by the after-hook.
_CLAIMED: contextvars.ContextVar[int | None] = contextvars.ContextVar("claimbot_claimed_update", default=None)


async def _claim_handler(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if await claim(context.application, update.update_id) == DUPLICATE:
        _STATES[context.application].duplicates += 1
        log.info("update %s already handled: dropped", update.update_id)
        raise ApplicationHandlerStop
    _CLAIMED.set(update.update_id)


async def _before_update(application: Application, update: object) -> None:
    _CLAIMED.set(None)


async def _after_update(application: Application, update: object) -> None:
    claimed = _CLAIMED.get()
    _CLAIMED.set(None)
    if isinstance(update, Update) and claimed == update.update_id:
        await finish(application, update.update_id)


def duplicates_dropped(application: Application) -> int:
    state = _STATES.get(application)
    return state.duplicates if state else 0


# --- retention ------------------------------------------------------------------------------------

def purge_processed(engine: Engine, keep_days: int = KEEP_DAYS) -> int:
    cutoff = utcnow() - timedelta(days=keep_days)

    def work() -> int:
        with engine.begin() as conn:
            return conn.execute(delete(ProcessedUpdate).where(ProcessedUpdate.created_at < cutoff)).rowcount

    return with_db_retry(work)


async def _purge_job(application: Application) -> None:
    engine = _engine(application)
    if engine is not None:
        n = await asyncio.to_thread(purge_processed, engine)
        if n:
            log.info("purged %d processed update ids older than %d days", n, KEEP_DAYS)


def register(application: Application) -> None:
    """Claim every update in group -100, finish the claim after the handlers, purge old ids."""
    if any(getattr(h, "callback", None) is _claim_handler for h in application.handlers.get(GROUP, [])):
        return
    application.add_handler(TypeHandler(Update, _claim_handler), group=GROUP)
    # order 1000: after everything else, e.g. the persistence write-through (order 0)
    add_update_hook(application, before=_before_update, after=_after_update, order=1000)
    every(application, "purge_processed_updates", PURGE_EVERY, _purge_job, first_delay=60.0)
