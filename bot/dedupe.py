"""Exactly-once intake: an update Telegram delivers twice is handled once.

Telegram redelivers an update when it did not get our answer (webhook timeout, a worker that
died before answering, a polling process killed before it confirmed the offset). Two webhook
workers may even receive the same update at the same moment. Design:

* A ``TypeHandler`` in the first handler group (before every other handler, the rate limit included)
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
The hook around ``process_update`` is ``bot.app.ClaimBotApplication`` (PTB's supported
``application_class``); bot/app.py adds `before_update` / `after_update` to it and registers the
claim in its group table.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import time
import weakref
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import delete, select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from telegram import Message, Update
from telegram.ext import Application, ApplicationHandlerStop, CallbackContext, TypeHandler

from claims.errors import DatabaseUnavailable
from claims.models import utcnow
from claims.retry import run_db, with_db_retry

from .models import ProcessedUpdate

log = logging.getLogger(__name__)

KEEP_DAYS = 3
PURGE_EVERY = 6 * 3600.0
LOCK_TIMEOUT_MS = 30_000
CLAIM_BUDGET = 2.0  # seconds of retries when claiming; then the update goes through unclaimed
OUTAGE_MEMORY = 30.0  # after giving up, claims make one attempt (no waiting) for this long or until one succeeds

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
    with engine.begin() as conn:
        conn.execute(sqlite_insert(ProcessedUpdate).values(update_id=update_id, created_at=utcnow())
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


async def _claim_handler(update: Update, context: CallbackContext) -> None:
    if await claim(context.application, update.update_id) == DUPLICATE:
        _STATES[context.application].duplicates += 1
        log.info("update %s already handled: dropped", update.update_id)
        raise ApplicationHandlerStop
    _CLAIMED.set(update.update_id)


async def before_update(application: Application, update: object) -> None:
    _CLAIMED.set(None)


async def after_update(application: Application, update: object) -> None:
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


async def purge_job(application: Application) -> None:
    """The periodic job: forget update ids older than KEEP_DAYS."""
    engine = _engine(application)
    if engine is not None:
        n = await asyncio.to_thread(purge_processed, engine)
        if n:
            log.info("purged %d processed update ids older than %d days", n, KEEP_DAYS)


def register(application: Application, group: int) -> None:
    """Claim every update first (`group`, before the rate limit: a duplicate costs the user nothing)."""
    application.add_handler(TypeHandler(Update, _claim_handler), group=group)
