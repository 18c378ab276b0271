"""Durable intake (README.md, *Durable intake*): an update is in the database (``inboxupdate``) before
Telegram is told it arrived (`store`), and processed exactly once by one worker even when a worker is
killed: `take` (lease, done mark and persistence writes in one transaction; ``SKIP LOCKED`` on
PostgreSQL), `InboxWorker` (one per process); `well_formed` drops updates Telegram could never send.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import os
import secrets
import socket
import time
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, delete, exists, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import aliased
from telegram import Message, Update
from telegram.error import TelegramError
from telegram.ext import Application

from claims.db import one_statement
from claims.errors import DatabaseUnavailable
from claims.models import utcnow
from claims.retry import is_transient, run_db

from .core import PREPARED, ClaimBot, Prepared, engine_of
from .models import InboxUpdate
from .persistence import DEFER, read_ahead, shared_persistence, write_rows

log = logging.getLogger(__name__)

KEEP_DAYS = 3
PURGE_EVERY = 6 * 3600.0
IDLE_POLL = 1.0  # seconds between looks at the inbox when nothing woke the worker
MAX_ATTEMPTS = 5
INTAKE_BUDGET = 2.0  # seconds the webhook waits for the database before answering 503
STOP_GRACE = 30.0  # seconds a stopping worker lets the update in hand finish
PROCESS_LIMIT = 600.0  # seconds an update's handlers may run before they are cancelled and it is set aside
HANDED_KEPT = 256  # updates read at intake kept for this process's worker (`InboxWorker.hand`)
_SIGNED_64 = 2**63

# --- malformed updates ------------------------------------------------------------------------------


def _int(v: object) -> bool:
    """An integer that fits a signed 64-bit id column (BIGINT) and bound parameter, as the Bot API's do."""
    return isinstance(v, int) and not isinstance(v, bool) and -_SIGNED_64 <= v < _SIGNED_64


def is_update_id(v: object) -> bool:
    """An ``update_id`` as Telegram sends one: a non-negative signed 64-bit integer."""
    return _int(v) and v >= 0


def _opt(check: Callable[[object], bool]) -> Callable[[object], bool]:
    return lambda v: v is None or check(v)


def _is(kind: type) -> Callable[[object], bool]:
    return lambda v: isinstance(v, kind)


def _fields(spec: dict[str, Callable[[object], bool]]) -> Callable[[object], bool]:
    """A check that every attribute named in `spec` passes its check (a missing one is None)."""
    return lambda o: all(check(getattr(o, name, None)) for name, check in spec.items())


# What the Bot API guarantees of the parts of an update that the handlers and the inbox read.
_STR, _OPT_STR = _is(str), _opt(_is(str))
_USER = _fields({"id": _int, "first_name": _STR, "is_bot": _is(bool), "language_code": _OPT_STR,
                 "username": _OPT_STR, "last_name": _OPT_STR})
_CHAT = _fields({"id": _int, "type": _STR, "title": _OPT_STR, "username": _OPT_STR, "first_name": _OPT_STR,
                 "last_name": _OPT_STR})
_ENTITY = _fields({"type": _STR, "offset": _int, "length": _int, "user": _opt(_USER), "url": _OPT_STR})
_ENTITIES = _opt(lambda items: isinstance(items, (tuple, list)) and all(map(_ENTITY, items)))
_ORIGIN = _fields({"type": _STR, "chat": _opt(_CHAT), "sender_chat": _opt(_CHAT), "sender_user": _opt(_USER),
                   "sender_user_name": _OPT_STR, "author_signature": _OPT_STR, "message_id": _opt(_int)})
_ANY_MESSAGE = _fields({"message_id": _int, "chat": _CHAT, "date": _is(datetime)})  # InaccessibleMessage too
_MESSAGE = _fields({"from_user": _opt(_USER), "sender_chat": _opt(_CHAT), "text": _OPT_STR, "caption": _OPT_STR,
                    "entities": _ENTITIES, "caption_entities": _ENTITIES, "forward_origin": _opt(_ORIGIN),
                    "via_bot": _opt(_USER), "message_thread_id": _opt(_int)})


def _message(m: object, depth: int = 0) -> bool:
    if not _ANY_MESSAGE(m):
        return False
    if not isinstance(m, Message):  # InaccessibleMessage: id, chat and date are all it has
        return True
    reply = m.reply_to_message
    return _MESSAGE(m) and (reply is None or (depth < 2 and _message(reply, depth + 1)))


_UPDATE = _fields({
    "update_id": _int,
    **dict.fromkeys(("message", "edited_message", "channel_post", "edited_channel_post", "business_message",
                     "edited_business_message"), _opt(_message)),
    "callback_query": _opt(_fields({"id": _STR, "from_user": _USER, "data": _OPT_STR, "inline_message_id": _OPT_STR,
                                    "chat_instance": _STR, "message": _opt(_message)})),
    "inline_query": _opt(_fields({"id": _STR, "from_user": _USER, "query": _STR, "offset": _STR}))})


def well_formed(update: Update, prep: Prepared | None = None) -> bool:
    """True unless the update breaks a type the Bot API guarantees (a chat id that is a list, a text
    that is a number, an id past 64 bits). `prep`: its `Prepared`, whose ``checked`` answer is reused."""
    if prep is not None and prep.checked is not None:
        return prep.checked
    try:
        return _UPDATE(update)
    except Exception:  # noqa: BLE001 - anything odd enough to break the checks is not well formed
        return False


# --- the table ----------------------------------------------------------------------------------------


def chat_of(payload: str) -> int | None:
    """The chat an update (raw JSON text) belongs to, for keeping its updates in order: its (or its
    message's) chat, else its sender's id; None when it names neither as a signed 64-bit integer."""
    try:
        data = json.loads(payload)
        value = next(v for k, v in data.items() if k != "update_id" and isinstance(v, dict))
    except (ValueError, AttributeError, StopIteration):  # not JSON, not an object, nothing in it
        return None
    message = value.get("message")
    for holder, field in ((value, "chat"), (message if isinstance(message, dict) else {}, "chat"),
                          (value, "from"), (value, "user"), (value, "voter_chat")):
        if isinstance(ident := holder.get(field), dict) and _int(ident := ident.get("id")):
            return ident
    return None


# The statements of every update are built once (parameters bound at execution): building and
# keying a statement for SQLAlchemy's compiled cache cost more CPU than running it on SQLite.
_STORE = {name: (insert(InboxUpdate).on_conflict_do_nothing(index_elements=["update_id"])
                 .returning(InboxUpdate.update_id)) for name, insert in (("postgresql", pg_insert),
                                                                           ("sqlite", sqlite_insert))}
_EARLIER = aliased(InboxUpdate)
_PICK = (select(InboxUpdate.update_id)
         .where(InboxUpdate.done_at.is_(None),
                (InboxUpdate.locked_until.is_(None)) | (InboxUpdate.locked_until < bindparam("now")),
                ~exists().where(_EARLIER.chat_id == InboxUpdate.chat_id, _EARLIER.update_id < InboxUpdate.update_id,
                                _EARLIER.done_at.is_(None)))
         .order_by(InboxUpdate.update_id).limit(1)
         .with_for_update(skip_locked=True).scalar_subquery())
_TAKE = (update(InboxUpdate).where(InboxUpdate.update_id == _PICK)
         .values(locked_until=bindparam("lease_until"), locked_by=bindparam("lease_worker"),
                 attempts=InboxUpdate.attempts + 1)
         .returning(InboxUpdate.update_id, InboxUpdate.payload, InboxUpdate.attempts, InboxUpdate.rate_limited))
_RELEASE = (update(InboxUpdate)
            .where(InboxUpdate.locked_by == bindparam("lease_worker"), InboxUpdate.done_at.is_(None),
                   InboxUpdate.locked_until.is_not(None), InboxUpdate.update_id != bindparam("done_id"))
            .values(locked_until=None))
# The done mark (the lease ends, the raw JSON is erased). PostgreSQL: the lease's and the done mark's
# commits do not wait for the WAL flush (one lost in a server crash means an update is processed
# again, never lost; `store` always waits): set_config(..., true) is SET LOCAL, in the mark's round
# trip (the row is found by its key first, so it runs once; a mark that finds no row commits with the
# usual wait, which does no harm).
_DONE = {"sqlite": (update(InboxUpdate).where(InboxUpdate.update_id == bindparam("done_id"))
                    .values(done_at=bindparam("done_now"), locked_until=None, payload="")),
         "postgresql": text("UPDATE inboxupdate SET done_at = :done_now, locked_until = NULL, payload = '' WHERE "
                            "update_id = :done_id AND set_config('synchronous_commit', 'off', true) IS NOT NULL")}
_SYNC_OFF = text("SET LOCAL synchronous_commit TO OFF")  # a take without a done mark, PostgreSQL: as `_DONE`


def store(engine: Engine, update_id: int, payload: str) -> bool:
    """Write one raw update (its JSON text) and commit. True when new, False for a redelivery
    (nothing written). Raises SQLAlchemy errors (the callers retry or answer 503)."""
    with engine.connect() as conn:
        conn = one_statement(conn)
        new = conn.execute(_STORE[engine.dialect.name], {
            "update_id": update_id, "payload": payload, "chat_id": chat_of(payload),
            "received_at": utcnow()}).first() is not None
        conn.commit()
        return new


def take(engine: Engine, lease_seconds: float, worker: str, *, done: int | None = None,
         writes: dict[tuple[str, str], str | None] | None = None,
         prepare: Callable[[Connection, int, str, int, bool], Any] | None = None,
         release: bool = False) -> tuple | None:
    """Lease the oldest pending update no live lease holds and no earlier pending update of its chat
    precedes (one statement; SKIP LOCKED on PostgreSQL): (update_id, payload, attempts counting this
    take) or None. In the same transaction, first: `done` marked done (as `mark_done`) with `writes`
    (bot/persistence.py `write_rows`); with `release`, every other lease of `worker` voided (a take of
    its own failed: its commit may have succeeded with the answer lost); after the lease: `prepare(conn,
    update_id, payload, attempts, rate_limited)` appended. Raises SQLAlchemy errors; then nothing happened."""
    now, worker = utcnow(), worker[:64]
    with engine.begin() as conn:
        if done is not None:
            conn.execute(_DONE[conn.dialect.name], {"done_id": done, "done_now": now})
        elif conn.dialect.name == "postgresql":
            conn.execute(_SYNC_OFF)
        if release:
            conn.execute(_RELEASE, {"lease_worker": worker, "done_id": -1 if done is None else done})
        if writes:
            write_rows(conn, writes)
        row = conn.execute(_TAKE, {"now": now, "lease_until": now + timedelta(seconds=lease_seconds),
                                   "lease_worker": worker}).first()
        if row is None:
            return None
        taken = (int(row[0]), row[1], int(row[2]))
        return taken if prepare is None else (*taken, prepare(conn, *taken, bool(row[3])))


def extend(engine: Engine, update_id: int, lease_seconds: float, worker: str) -> None:
    with engine.begin() as conn:
        conn.execute(update(InboxUpdate)
                     .where(InboxUpdate.update_id == update_id, InboxUpdate.locked_by == worker[:64],
                            InboxUpdate.done_at.is_(None))
                     .values(locked_until=utcnow() + timedelta(seconds=lease_seconds)))


def mark_done(engine: Engine, update_id: int, writes: dict[tuple[str, str], str | None] | None = None) -> None:
    """Record the update as processed (its lease ends) and erase its raw JSON (/forget could not reach
    it); the done row only recognises a late redelivery. `writes`: as `take`'s."""
    with engine.begin() as conn:
        conn.execute(_DONE[conn.dialect.name], {"done_id": update_id, "done_now": utcnow()})
        if writes:
            write_rows(conn, writes)


def _holder_is_gone(holder: str | None, me: str) -> bool:
    """True when the lease `holder` (a `worker_name`, or an older "host:pid") is this worker, an earlier
    incarnation of this process (same pid, other token: a restarted container) or a dead process of
    this host; another host's or a live process's lease is kept."""
    if not holder or holder == me[:64]:
        return True
    place, _, pid = holder.rpartition(":")
    mine = me.rpartition(":")[0]
    if not pid.isdigit() or len(holder) >= 64 or _host(place) != _host(mine):
        return False  # another host (or a name we did not write): its lease runs out on its own
    if int(pid) == os.getpid():
        return place.split("/")[0] != mine.split("/")[0]
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError, ValueError):
        return False
    return False


def release_leases(engine: Engine, me: str) -> int:
    """SQLite, at start: void the leases of dead processes (`_holder_is_gone` of worker `me`); how many."""
    with engine.begin() as conn:
        held = conn.execute(select(InboxUpdate.update_id, InboxUpdate.locked_by)
                            .where(InboxUpdate.done_at.is_(None), InboxUpdate.locked_until.is_not(None))).all()
        gone = [uid for uid, holder in held if _holder_is_gone(holder, me)]
        return conn.execute(update(InboxUpdate).where(InboxUpdate.update_id.in_(gone))
                            .values(locked_until=None)).rowcount if gone else 0


def purge_done(engine: Engine) -> int:
    """Delete done rows older than KEEP_DAYS (never pending ones); how many. Raises SQLAlchemy errors."""
    with engine.begin() as conn:
        cutoff = utcnow() - timedelta(days=KEEP_DAYS)
        return conn.execute(delete(InboxUpdate).where(InboxUpdate.done_at < cutoff)).rowcount


# --- intake from the webhook and from polling ---------------------------------------------------------


async def intake(application: Application, update_id: int, payload: str,
                 parsed: Update | None = None) -> bool:
    """Store one update (`payload`: its JSON text) for the workers; True when new. `parsed`: the same
    update as PTB read it (`InboxWorker.hand`). Raises DatabaseUnavailable after INTAKE_BUDGET seconds."""
    if (engine := engine_of(application)) is None:
        raise DatabaseUnavailable("the bot has no database yet")
    new = await run_db(store, engine, update_id, payload, budget=INTAKE_BUDGET)
    if not new:
        log.info("update %s is already in the inbox: acknowledged again, not stored twice", update_id)
    elif (worker := getattr(application, "inbox_worker", None)) is not None:
        if parsed is not None:
            worker.hand(update_id, parsed)
        worker.wake()
    return new


class InboxBot(ClaimBot):
    """The Application's bot: an update PTB cannot parse no longer fails a whole getUpdates batch (polling
    would stick on that offset): the batch is fetched again as raw JSON and parsed one by one, an
    unreadable update handed on as a bare Update with its fields, stored and set aside by the worker."""

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
            if not is_update_id(update_id):
                raise TelegramError("getUpdates returned an update without an update_id")
            try:
                update_obj = Update.de_json(json.loads(json.dumps(data)), self)
                self.insert_callback_data(update_obj)
            except Exception as err:  # noqa: BLE001
                log.warning("update %s is not readable by python-telegram-bot (%s); stored, it will be set aside",
                            update_id, type(err).__name__)
                update_obj = Update(update_id=update_id, api_kwargs={k: v for k, v in data.items() if k != "update_id"})
            out.append(update_obj)
        return tuple(out)


class InboxQueue(asyncio.Queue):
    """``application.update_queue``: ``put`` of an Update returns once it is stored (retrying while the
    database is down), so its offset is acknowledged only then; anything else is queued."""

    application: Application | None = None
    retry_every = 2.0

    async def put(self, item: Any) -> None:
        if not isinstance(item, Update) or self.application is None:
            return await super().put(item)
        payload = json.dumps(item.to_dict(), ensure_ascii=False, separators=(",", ":"))
        # one PTB read a field it does not know (api_kwargs: also InboxBot's bare update for one it could
        # not read at all) is not handed on: the worker reads the stored text as it would on another process
        parsed = None if item.api_kwargs else item
        while True:
            try:
                await intake(self.application, item.update_id, payload, parsed)
                return None
            except DatabaseUnavailable as err:
                log.warning("update %s: not stored yet (%s); polling waits and Telegram keeps it", item.update_id,
                            err)
                await asyncio.sleep(self.retry_every)


# --- the worker -----------------------------------------------------------------------------------


_WORKERS = itertools.count(1)


#: random per process: two processes with the same host name and pid (containers sharing the host's
#: name, each its own pid 1) must not share a lease holder's name, or one's `take(release=True)`
#: would void the other's live lease
_PROCESS_TOKEN = secrets.token_hex(3)


def _host(place: str) -> str:
    return place.split("~")[0].split("/")[0]


def worker_name(n: int = 1) -> str:
    """"host~token:pid" for a process's first worker, "host~token/n:pid" for its n-th (a lease holder
    is one worker: `take`'s `release`); the host cut to 40 characters to fit ``locked_by``."""
    return f"{socket.gethostname()[:40]}~{_PROCESS_TOKEN}{'' if n == 1 else f'/{n}'}:{os.getpid()}"


class InboxWorker:
    """Processes the inbox for one Application: `start()` after it started, `stop()` before it stops
    (tests: `run_once()`/`drain()`). `enabled` False: start() does nothing (the console feeds it)."""

    def __init__(self, application: Application, *, lease_seconds: float) -> None:
        self.application = application
        self.lease = float(lease_seconds)
        self.name = worker_name(next(_WORKERS))
        self.processed = 0
        self.enabled = True
        self._event = asyncio.Event()
        self._stopping = False
        self._task: asyncio.Task | None = None
        self._unrecorded: int | None = None  # processed here, not yet marked done (run_once)
        self._failed = False  # the last take raised: it may have leased a row whose answer was lost
        self._handed: dict[int, Update] = {}  # update_id -> the Update intake read (`hand`)

    def wake(self) -> None:
        self._event.set()

    def hand(self, update_id: int, update: Update) -> None:
        """`update`, as PTB read it, is what the row `update_id` holds: its first take uses it rather
        than parse the JSON again (~0.1 ms of CPU an update). The last HANDED_KEPT are kept."""
        if len(self._handed) >= HANDED_KEPT:  # a take in a worker thread may pop one meanwhile
            with contextlib.suppress(RuntimeError, StopIteration, KeyError):
                del self._handed[next(iter(self._handed))]
        self._handed[update_id] = update

    async def start(self) -> None:
        if (engine := engine_of(self.application)) is None or not self.enabled:
            return
        if engine.dialect.name == "sqlite":
            try:
                if released := await asyncio.to_thread(release_leases, engine, self.name):
                    log.info("inbox: %d update(s) left by a previous process are taken again", released)
            except Exception as err:  # noqa: BLE001 - the loop below reports and retries the database
                log.warning("inbox: could not release stale leases: %s", type(err).__name__)
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
        try:
            await self.record_done()
        except Exception as err:  # noqa: BLE001 - not recorded: its lease runs out and it is processed again
            log.warning("inbox: the last update processed is not recorded as done (%s)", type(err).__name__)

    async def _loop(self) -> None:
        down_since: float | None = None
        while not self._stopping:
            try:
                did = await self.run_once()
            except Exception as err:  # noqa: BLE001 - the database is down or blinked: wait and look again
                if not (is_transient(err) or isinstance(err, DatabaseUnavailable)):
                    log.exception("inbox worker: unexpected error")
                elif down_since is None:
                    down_since = time.monotonic()
                    log.warning("inbox: the database is unavailable; stored updates wait (%s)", type(err).__name__)
                did = False
            else:
                if down_since is not None:
                    log.warning("inbox: the database is back after %.0f s", time.monotonic() - down_since)
                    down_since = None
            if not did:
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(self._event.wait(), IDLE_POLL)
                self._event.clear()

    async def run_once(self) -> bool:
        """Take and process one update; False when none was waiting. Database errors propagate. It is
        recorded done with its writes by the next take (`_take_recording`) or `record_done`."""
        if not (engine := engine_of(self.application)):
            return False
        if not (row := await (self._take(engine, budget=0) if self._unrecorded is None
                              else self._take_recording(engine, self._unrecorded))):
            return False
        update_id, payload, attempts, prep = row
        if attempts > MAX_ATTEMPTS:
            log.warning("update %s: taken %d times and never finished; set aside as done", update_id, attempts - 1)
        else:
            await self._process(engine, update_id, payload, prep)
        self._unrecorded = update_id
        self.processed += 1
        return True

    async def _take(self, engine: Engine, *, budget: float, **kwargs: Any) -> tuple | None:
        """`take` for this worker (retried for `budget` s); after one that raised, the next voids this
        worker's other leases (`release`: a commit's answer can be lost, its update would wait a lease)."""

        def unit() -> tuple | None:
            release, self._failed = self._failed, True  # until it returns: a retry or the next take releases
            row = take(engine, self.lease, self.name, prepare=self._prepare, release=release, **kwargs)
            self._failed = False
            return row

        return await run_db(unit, budget=budget, on=engine)

    def _writes(self) -> dict[tuple[str, str], str | None]:
        """The shared persistence's unwritten rows, to commit with the done mark (`take`'s `writes`)."""
        p = shared_persistence(self.application)
        return {} if p is None else p.deferred_writes()

    async def _written_apart(self) -> None:
        """Before the done mark, when the writes failed in its transaction: all of them on their own.
        DatabaseUnavailable while the database is away; another failure is logged and the mark goes
        ahead (else the update blocks its chat)."""
        p = shared_persistence(self.application)
        if p is None or not p.dirty:
            return
        try:
            await p.flush(at_exit=False, deferred=True)
        except SQLAlchemyError:
            log.exception("the conversation state could not be written; the update is recorded done without it")
            return
        if p.dirty:
            raise DatabaseUnavailable("the conversation state is not written yet")

    def _prepare(self, conn: Connection, update_id: int, payload: str, attempts: int,
                 limited: bool) -> Prepared | None:
        """In the lease's transaction: parse the update and `read_ahead` for it (bot/core.py `Prepared`;
        `limited`: refused by the rate limit before); None when it will not be processed. Raises
        SQLAlchemy errors (the take is rolled back and retried)."""
        handed = self._handed.pop(update_id, None)
        if attempts > MAX_ATTEMPTS:
            return None
        try:
            update_obj = handed if handed is not None and attempts == 1 else \
                Update.de_json(json.loads(payload), self.application.bot)
        except Exception:  # noqa: BLE001 - `_process` reports it
            return None
        if not well_formed(update_obj):
            return Prepared(update_id, update_obj, retake=attempts > 1, checked=False)  # dropped before the handlers
        try:
            prep = read_ahead(conn, self.application, update_obj, first=attempts == 1, limited=limited,
                              update_id=update_id)
            prep.checked = True
            return prep
        except SQLAlchemyError:
            raise
        except Exception:  # noqa: BLE001 - a bug here must not stop the inbox: the steps read on their own
            log.exception("update %s: reading ahead failed", update_id)
            return None

    async def _record(self, mark: Callable[[dict], Awaitable[Any]], apart: bool = False) -> Any:
        """`mark(writes)`: the done mark of the update processed last, in whose transaction the shared
        persistence's unwritten rows are written (none when `apart`: `_written_apart`); its answer."""
        if apart:
            await self._written_apart()
        writes = {} if apart else self._writes()
        answer = await mark(writes)
        self._unrecorded = None
        if writes:
            shared_persistence(self.application).written(writes)
        return answer

    async def _take_recording(self, engine: Engine, processed: int) -> tuple | None:
        """`take` with the done mark of `processed` and its writes, waiting for the database as long as
        this worker runs (unrecorded it would run again; recorded without its writes it loses a step)."""
        warned = apart = False  # apart: the writes failed in the take for another reason than the database

        def take_after(writes: dict) -> Awaitable[tuple | None]:
            return self._take(engine, budget=5.0, done=processed, writes=writes)

        while True:
            try:
                return await self._record(take_after, apart)
            except DatabaseUnavailable:
                if self._stopping:
                    raise
                if not warned:
                    log.warning("update %s: processed; recording it as done waits for the database", processed)
                    warned = True
                await asyncio.sleep(IDLE_POLL)
            except SQLAlchemyError:
                if apart or not self._writes():
                    raise
                log.exception("update %s: its conversation state could not be written with its done mark; "
                              "written apart", processed)
                apart = True

    async def record_done(self) -> None:
        """Record the last update processed as done now (without taking another), with its writes."""
        if (done := self._unrecorded) is not None and (engine := engine_of(self.application)) is not None:
            await self._record(lambda writes: run_db(mark_done, engine, done, writes, budget=5.0))

    async def drain(self) -> int:
        """Process until the inbox has nothing to take; the number processed (tests, benchmarks)."""
        n = 0
        while await self.run_once():
            n += 1
        await self.record_done()
        return n

    async def _process(self, engine: Engine, update_id: int, payload: str, prep: Prepared | None = None) -> None:
        try:
            update_obj = prep.update if prep is not None else Update.de_json(json.loads(payload), self.application.bot)
        except Exception as err:  # noqa: BLE001 - stored by an older version or damaged: nothing to do
            log.warning("update %s: stored payload unreadable (%s); skipped", update_id, type(err).__name__)
            return
        prepared, deferred = PREPARED.set(prep), DEFER.set(shared_persistence(self.application) is not None)
        keeper = asyncio.create_task(self._keep_lease(engine, update_id))
        try:  # one update at a time per worker: a handler that never returns must not stop every chat
            async with asyncio.timeout(PROCESS_LIMIT):  # in this task (wait_for would start one an update)
                await self.application.process_update(update_obj)
        except TimeoutError:
            log.warning("update %s: handlers still running after %.0f s; cancelled and set aside", update_id,
                        PROCESS_LIMIT)
        except Exception:  # noqa: BLE001 - PTB hands handler errors to the error handler; this is a bug
            log.exception("update %s: processing failed", update_id)
        finally:
            keeper.cancel()
            PREPARED.reset(prepared)
            DEFER.reset(deferred)

    async def _keep_lease(self, engine: Engine, update_id: int) -> None:
        while True:
            await asyncio.sleep(self.lease / 3)
            try:
                await asyncio.to_thread(extend, engine, update_id, self.lease, self.name)
            except Exception as err:  # noqa: BLE001 - a missed extension only risks a repeat, never a loss
                log.warning("update %s: lease not extended (%s)", update_id, type(err).__name__)


async def purge_job(application: Application) -> None:
    """The periodic job: forget done updates older than KEEP_DAYS."""
    if (engine := engine_of(application)) is not None and (n := await run_db(purge_done, engine)):
        log.info("purged %d processed updates older than %d days from the inbox", n, KEEP_DAYS)
