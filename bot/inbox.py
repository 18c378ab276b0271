"""Durable intake: an update is in the database before Telegram is told it arrived, and every
stored update is processed exactly once, by one worker, even when a worker is killed.

Telegram redelivers an update only while it has not been acknowledged (the webhook answered
something other than 200, or a polling client did not yet ask for a higher offset); once
acknowledged, the update exists nowhere but with us. So:

* **Intake** (`store`): the raw update goes into the ``inboxupdate`` table, keyed by its
  ``update_id`` (``INSERT … ON CONFLICT DO NOTHING``: a redelivered or concurrently delivered copy
  adds no second row). Only after that commit does the webhook answer 200 (bot/webhook.py); when
  the database cannot take it the endpoint answers 503 and Telegram delivers it again later.
  Polling: PTB's ``Updater`` puts each fetched update into ``application.update_queue`` and asks
  for the next offset (which acknowledges) only after every ``put`` returned; :class:`InboxQueue`
  is that queue, and its ``put`` returns only once the update is stored (retrying while the
  database is down, so polling waits rather than acknowledging).
* **Workers** (:class:`InboxWorker`, one asyncio task per process, started and stopped with the
  Application): take the oldest pending row, run it through ``application.process_update`` (every
  handler group and the update hooks), then mark it done. Taking a row leases it for
  ``INBOX_LEASE_SECONDS`` (extended while its handlers still run); on PostgreSQL the take is
  ``SELECT … FOR UPDATE SKIP LOCKED``, so several workers never take the same row, and only the
  oldest pending update of each chat (``chat_id``, :func:`chat_of`) can be taken, so a chat's
  updates (the steps of a /submit conversation) run one at a time and in order across workers. A worker killed
  mid-update leaves the row leased; when the lease runs out another worker (or the restarted one)
  takes it again. SQLite has one process: when it starts it releases the leases of processes
  that no longer exist (a second process started by mistake leaves a live one's lease alone).
* An update whose processing was cut short by a crash is processed again: the work is idempotent
  where it matters (a tip is stored once per update_id, a source once per claim and URL, following
  twice is a no-op) and a reply still in flight to Telegram when the process died never arrived.
  An update taken ``MAX_ATTEMPTS`` times without being finished (it kills its worker) is set aside
  as done with a warning, so it cannot stop the queue; so is one whose handlers are still running
  after ``PROCESS_LIMIT`` seconds (they are cancelled).
* An update Telegram could never send (a chat id that is a list, a text that is a number, a message
  without a chat: ``Update.de_json`` accepts all of these) is dropped before PTB or any handler
  touches it (:func:`well_formed`; an unhashable user id even crashes PTB's own bookkeeping).
* Done rows are kept ``KEEP_DAYS`` (Telegram redelivers for at most 24 h: a late copy is still
  recognised) and then purged by a JobQueue job.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import socket
import time
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, exists, func, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import aliased
from telegram import Message, Update
from telegram.error import TelegramError
from telegram.ext import Application

from claims.errors import DatabaseUnavailable
from claims.models import utcnow
from claims.retry import is_transient, run_db, with_db_retry

from .core import ClaimBot
from .models import InboxUpdate

log = logging.getLogger(__name__)

KEEP_DAYS = 3
PURGE_EVERY = 6 * 3600.0
IDLE_POLL = 1.0  # seconds between looks at the inbox when nothing woke the worker
MAX_ATTEMPTS = 5
INTAKE_BUDGET = 2.0  # seconds the webhook waits for the database before answering 503
STOP_GRACE = 30.0  # seconds a stopping worker lets the update in hand finish
PROCESS_LIMIT = 600.0  # seconds an update's handlers may run before they are cancelled and it is set aside

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
        if not _int(update.update_id):
            return False
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


# --- the table ----------------------------------------------------------------------------------------

_SIGNED_64 = 2**63


def chat_of(payload: str) -> int | None:
    """The chat an update (its raw JSON text) belongs to, for keeping that chat's updates in order:
    the chat of its message (or of the message a button was under, or the chat a membership change
    is about), else the id of the user who sent it (an inline query, a button under an inline
    message: the same id as that user's private chat). None when it names neither (or not as an
    integer)."""
    try:
        data = json.loads(payload)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    for key, value in data.items():
        if key == "update_id" or not isinstance(value, dict):
            continue
        message = value.get("message")
        for holder, field in ((value, "chat"), (message if isinstance(message, dict) else {}, "chat"),
                              (value, "from"), (value, "user"), (value, "voter_chat")):
            ident = holder.get(field)
            if isinstance(ident, dict):
                ident = ident.get("id")
                if _int(ident) and -_SIGNED_64 <= ident < _SIGNED_64:
                    return ident
        return None
    return None


def store(engine: Engine, update_id: int, payload: str) -> bool:
    """Write one raw update (`payload`: its JSON text) to the inbox and commit.

    True when the row is new, False when this update_id was already there (a redelivery: nothing
    written). Raises SQLAlchemy errors as they come (the callers retry or answer 503)."""
    insert = pg_insert if engine.dialect.name == "postgresql" else sqlite_insert
    stmt = (insert(InboxUpdate).values(update_id=update_id, payload=payload, chat_id=chat_of(payload),
                                       received_at=utcnow())
            .on_conflict_do_nothing(index_elements=["update_id"]).returning(InboxUpdate.update_id))
    with engine.begin() as conn:
        return conn.execute(stmt).first() is not None


def _no_fsync_wait(conn: Connection) -> None:
    """PostgreSQL: this transaction's commit does not wait for the WAL flush. Only for the lease and
    the done mark: losing one in a server crash means an update is processed again (as when a
    worker is killed), never lost. The intake's commit (`store`) always waits."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SET LOCAL synchronous_commit TO OFF"))


def take(engine: Engine, lease_seconds: float, worker: str) -> tuple[int, str, int] | None:
    """Lease the oldest pending update no live lease holds: (update_id, payload, attempts) or None.

    Only the oldest pending update of each chat (`chat_of`) can be taken: while one worker
    processes a chat's update, the chat's next one waits, so a chat's updates run one at a time and
    in order across workers. One statement: on PostgreSQL the row is picked ``FOR UPDATE SKIP
    LOCKED`` (a row another worker is leasing at this instant is skipped, never waited for) and the
    lease written in the same transaction. `attempts` counts this take."""
    now = utcnow()
    earlier = aliased(InboxUpdate)
    pick = (select(InboxUpdate.update_id)
            .where(InboxUpdate.done_at.is_(None),
                   (InboxUpdate.locked_until.is_(None)) | (InboxUpdate.locked_until < now),
                   ~exists().where(earlier.chat_id == InboxUpdate.chat_id, earlier.update_id < InboxUpdate.update_id,
                                   earlier.done_at.is_(None)))
            .order_by(InboxUpdate.update_id).limit(1)
            .with_for_update(skip_locked=True).scalar_subquery())
    stmt = (update(InboxUpdate).where(InboxUpdate.update_id == pick)
            .values(locked_until=now + timedelta(seconds=lease_seconds), locked_by=worker[:64],
                    attempts=InboxUpdate.attempts + 1)
            .returning(InboxUpdate.update_id, InboxUpdate.payload, InboxUpdate.attempts))
    with engine.begin() as conn:
        _no_fsync_wait(conn)
        row = conn.execute(stmt).first()
    return None if row is None else (int(row[0]), row[1], int(row[2]))


def extend(engine: Engine, update_id: int, lease_seconds: float, worker: str) -> None:
    """Push the lease of an update this worker is still processing further out."""
    with engine.begin() as conn:
        conn.execute(update(InboxUpdate)
                     .where(InboxUpdate.update_id == update_id, InboxUpdate.locked_by == worker[:64],
                            InboxUpdate.done_at.is_(None))
                     .values(locked_until=utcnow() + timedelta(seconds=lease_seconds)))


def mark_done(engine: Engine, update_id: int) -> None:
    """Record the update as processed (its lease ends) and erase its raw JSON (message text, names,
    user ids): a done row is kept only to recognise a late redelivery by its `update_id`, and /forget
    could not reach a text kept here. Raises SQLAlchemy errors as they come."""
    with engine.begin() as conn:
        _no_fsync_wait(conn)
        conn.execute(update(InboxUpdate).where(InboxUpdate.update_id == update_id)
                     .values(done_at=utcnow(), locked_until=None, payload=""))


def _holder_is_gone(holder: str | None, me: str) -> bool:
    """True when the lease `holder` ("host:pid", see :func:`worker_name`) cannot still be working:
    this very process (a previous incarnation with the same pid, as in a restarted container) or a
    process of this host that no longer exists. A holder on another host, or a live process here
    (a second `claimbot` started on the same SQLite file), keeps its lease until it runs out."""
    if not holder:
        return True
    if holder == me[:64]:
        return True
    pid = holder.rpartition(":")[2]
    if not pid.isdigit() or f"{me.rpartition(':')[0]}:{pid}"[:64] != holder:
        return False  # another host (or a name we did not write): its lease runs out on its own
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError, ValueError):
        return False
    return False


def release_leases(engine: Engine, me: str | None = None) -> int:
    """SQLite (one process): at start, leases left by a process that died are void (the rows are
    taken again at once instead of after the lease). Leases of live processes are left alone, so a
    second process started by mistake on the same file never takes an update the first is still
    processing. Returns how many leases were released."""
    me = me or worker_name()
    with engine.begin() as conn:
        held = conn.execute(select(InboxUpdate.update_id, InboxUpdate.locked_by)
                            .where(InboxUpdate.done_at.is_(None), InboxUpdate.locked_until.is_not(None))).all()
        gone = [uid for uid, holder in held if _holder_is_gone(holder, me)]
        if not gone:
            return 0
        return conn.execute(update(InboxUpdate).where(InboxUpdate.update_id.in_(gone))
                            .values(locked_until=None)).rowcount


def pending(engine: Engine) -> int:
    """How many stored updates wait to be processed (leased ones included)."""
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(InboxUpdate)
                            .where(InboxUpdate.done_at.is_(None))).scalar_one()


def purge_done(engine: Engine, keep_days: int = KEEP_DAYS) -> int:
    """Delete done rows older than `keep_days`; pending rows are never purged. Returns rows deleted."""
    cutoff = utcnow() - timedelta(days=keep_days)

    def work() -> int:
        with engine.begin() as conn:
            return conn.execute(delete(InboxUpdate).where(InboxUpdate.done_at.is_not(None),
                                                          InboxUpdate.done_at < cutoff)).rowcount

    return with_db_retry(work)


# --- intake from the webhook and from polling ---------------------------------------------------------

def _engine(application: Application) -> Engine | None:
    runtime = application.bot_data.get("runtime")
    return getattr(runtime, "engine", None)


def _wake(application: Application) -> None:
    worker = getattr(application, "inbox_worker", None)
    if worker is not None:
        worker.wake()


async def intake(application: Application, update_id: int, payload: str, *, budget: float = INTAKE_BUDGET) -> bool:
    """Store one update for `application`'s workers (see :func:`store`); True when it is new.

    Raises DatabaseUnavailable when the database did not take it within `budget` seconds."""
    engine = _engine(application)
    if engine is None:
        raise DatabaseUnavailable("the bot has no database yet")
    new = await run_db(store, engine, update_id, payload, budget=budget)
    if new:
        _wake(application)
    else:
        log.info("update %s is already in the inbox: acknowledged again, not stored twice", update_id)
    return new


class InboxBot(ClaimBot):
    """The Application's bot (``ApplicationBuilder.bot``): PTB's ExtBot with best-effort answers to
    callback queries (bot.core.ClaimBot), and in polling mode
    an update python-telegram-bot cannot read no longer stops polling. PTB's ``get_updates`` parses
    the whole batch at once; one unreadable update fails the batch, the Updater asks again for the
    same offset, and polling is stuck on it for good (nothing after it is ever answered). Here the
    batch is fetched again as raw JSON and parsed one update at a time; an unreadable one is handed
    on as a bare Update carrying its fields, stored in the inbox like any other (so it is
    acknowledged) and set aside by the worker with a warning — what the webhook does
    (bot/webhook.py)."""

    async def get_updates(self, offset: int | None = None, limit: int | None = None, timeout: Any = None,
                          allowed_updates: Any = None, **kwargs: Any) -> tuple[Update, ...]:
        try:
            return await super().get_updates(offset, limit, timeout, allowed_updates, **kwargs)
        except TelegramError:
            raise
        except Exception:  # noqa: BLE001 - a parsing error: see the class docstring
            raw = await self.do_api_request("getUpdates", api_kwargs={
                "offset": offset, "limit": limit, "timeout": 0, "allowed_updates": allowed_updates})
        out = []
        for data in raw or ():
            update_id = data.get("update_id") if isinstance(data, dict) else None
            if not (_int(update_id) and 0 <= update_id < _SIGNED_64):
                raise TelegramError("getUpdates returned an update without an update_id")
            try:
                update_obj = Update.de_json(json.loads(json.dumps(data)), self)
                self.insert_callback_data(update_obj)
            except Exception as err:  # noqa: BLE001
                log.warning("update %s is not readable by python-telegram-bot (%s); stored, it will be set aside",
                            update_id, type(err).__name__)
                update_obj = Update(update_id=update_id,
                                    api_kwargs={k: v for k, v in data.items() if k != "update_id"})
            out.append(update_obj)
        return tuple(out)


class InboxQueue(asyncio.Queue):
    """``application.update_queue`` (``ApplicationBuilder.update_queue``): what PTB's Updater puts
    here is stored in the inbox, and ``put`` returns only when it is — retrying while the database
    is down — so the Updater asks for the next offset (acknowledging the update to Telegram) only
    after the update is stored. Anything else PTB puts (its stop signal) is queued as usual.
    Set `application` after the Application is built."""

    application: Application | None = None
    retry_every = 2.0

    async def put(self, item: Any) -> None:
        if not isinstance(item, Update) or self.application is None:
            await super().put(item)
            return
        payload = json.dumps(item.to_dict(), ensure_ascii=False, separators=(",", ":"))
        while True:
            try:
                await intake(self.application, item.update_id, payload)
                return
            except DatabaseUnavailable as err:
                log.warning("update %s: not stored yet (%s); polling waits and Telegram keeps it", item.update_id,
                            err)
                await asyncio.sleep(self.retry_every)


# --- the worker -----------------------------------------------------------------------------------

def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class InboxWorker:
    """Processes the inbox for one Application (see the module docstring): `start()` after the
    Application started, `stop()` before it stops. Tests may call `run_once()` instead."""

    def __init__(self, application: Application, *, lease_seconds: float) -> None:
        self.application = application
        self.lease = float(lease_seconds)
        self.name = worker_name()
        self.processed = 0
        self._event = asyncio.Event()
        self._stopping = False
        self._task: asyncio.Task | None = None
        self._down_since: float | None = None
        self.enabled = True  # False: start() does nothing (the console feeds process_update itself)

    def wake(self) -> None:
        self._event.set()

    @property
    def engine(self) -> Engine | None:
        return _engine(self.application)

    async def start(self) -> None:
        engine = self.engine
        if engine is None or not self.enabled:
            return
        if engine.dialect.name == "sqlite":
            try:
                released = await asyncio.to_thread(release_leases, engine, self.name)
            except Exception as err:  # noqa: BLE001 - the loop below reports and retries the database
                log.warning("inbox: could not release stale leases: %s", type(err).__name__)
            else:
                if released:
                    log.info("inbox: %d update(s) left by a previous process are taken again", released)
        self._stopping = False
        self._task = asyncio.create_task(self._loop(), name="inbox worker")

    async def stop(self) -> None:
        """Let the update in hand finish (up to STOP_GRACE seconds), then end the loop."""
        self._stopping = True
        self._event.set()
        if self._task is not None:
            try:
                await asyncio.wait_for(asyncio.shield(self._task), STOP_GRACE)
            except asyncio.TimeoutError:
                self._task.cancel()
            except Exception:  # noqa: BLE001
                log.exception("inbox worker failed")
            self._task = None

    async def _loop(self) -> None:
        while not self._stopping:
            try:
                did = await self.run_once()
            except Exception as err:  # noqa: BLE001 - the database is down or blinked: wait and look again
                if not (is_transient(err) or isinstance(err, DatabaseUnavailable)):
                    log.exception("inbox worker: unexpected error")
                elif self._down_since is None:
                    self._down_since = time.monotonic()
                    log.warning("inbox: the database is unavailable; stored updates wait (%s)", type(err).__name__)
                await self._sleep(IDLE_POLL)
                continue
            if self._down_since is not None:
                log.warning("inbox: the database is back after %.0f s", time.monotonic() - self._down_since)
                self._down_since = None
            if not did:
                await self._sleep(IDLE_POLL)

    async def _sleep(self, seconds: float) -> None:
        try:
            await asyncio.wait_for(self._event.wait(), seconds)
        except asyncio.TimeoutError:
            pass
        self._event.clear()

    async def run_once(self) -> bool:
        """Take and process one update; False when none was waiting. Database errors propagate."""
        engine = self.engine
        if engine is None:
            return False
        row = await asyncio.to_thread(take, engine, self.lease, self.name)
        if row is None:
            return False
        update_id, payload, attempts = row
        if attempts > MAX_ATTEMPTS:
            log.warning("update %s: taken %d times and never finished; set aside as done", update_id, attempts - 1)
        else:
            await self._process(engine, update_id, payload)
        await self._mark_done(engine, update_id)
        self.processed += 1
        return True

    async def _mark_done(self, engine: Engine, update_id: int) -> None:
        """Record the update as done, waiting for the database as long as this worker runs: an
        update processed but not recorded would be processed again once its lease runs out."""
        warned = False
        while True:
            try:
                await run_db(mark_done, engine, update_id, budget=5.0)
                return
            except DatabaseUnavailable:
                if self._stopping:
                    raise
                if not warned:
                    log.warning("update %s: processed; recording it as done waits for the database", update_id)
                    warned = True
                await asyncio.sleep(IDLE_POLL)

    async def drain(self) -> int:
        """Process until the inbox has nothing to take; the number processed (tests, benchmarks)."""
        n = 0
        while await self.run_once():
            n += 1
        return n

    async def _process(self, engine: Engine, update_id: int, payload: str) -> None:
        try:
            update_obj = Update.de_json(json.loads(payload), self.application.bot)
        except Exception as err:  # noqa: BLE001 - stored by an older version or damaged: nothing to do
            log.warning("update %s: stored payload unreadable (%s); skipped", update_id, type(err).__name__)
            return
        keeper = asyncio.create_task(self._keep_lease(engine, update_id))
        try:
            # one worker processes one update at a time: a handler that never returns would stop
            # every chat's updates, not just its own
            await asyncio.wait_for(self.application.process_update(update_obj), PROCESS_LIMIT)
        except asyncio.TimeoutError:
            log.warning("update %s: handlers still running after %.0f s; cancelled and set aside", update_id,
                        PROCESS_LIMIT)
        except Exception:  # noqa: BLE001 - PTB hands handler errors to the error handler; this is a bug
            log.exception("update %s: processing failed", update_id)
        finally:
            keeper.cancel()

    async def _keep_lease(self, engine: Engine, update_id: int) -> None:
        while True:
            await asyncio.sleep(self.lease / 3)
            try:
                await asyncio.to_thread(extend, engine, update_id, self.lease, self.name)
            except Exception as err:  # noqa: BLE001 - a missed extension only risks a repeat, never a loss
                log.warning("update %s: lease not extended (%s)", update_id, type(err).__name__)


# --- retention ------------------------------------------------------------------------------------

async def purge_job(application: Application) -> None:
    """The periodic job: forget done updates older than KEEP_DAYS."""
    engine = _engine(application)
    if engine is not None:
        n = await asyncio.to_thread(purge_done, engine)
        if n:
            log.info("purged %d processed updates older than %d days from the inbox", n, KEEP_DAYS)
