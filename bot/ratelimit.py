"""Per-user limit on how much work one person asks for (RATE_LIMIT_PER_MINUTE; README.md, *Limits*):
``ratehit`` rows keyed by a salted hash, one sliding one-minute window shared by every worker. The guard
runs right after the intake and stops an update over the limit with one polite answer per window; only
updates the bot acts on count (`_counted`), an album once. The count rides in the inbox worker's take
(`precount`), else the guard counts in a short transaction (`Limiter.hit`); a refusal is stored on the
inbox row (`mark_refused`) so a re-take repeats it. Admins and moderators are not limited; when the
database cannot be reached the request is let through.
"""

from __future__ import annotations

import contextlib
import logging
import math
import time
from collections.abc import Callable

from sqlalchemy import bindparam, delete, func, insert, select, text, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlmodel import Session
from telegram import Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationHandlerStop, TypeHandler

from claims.errors import DatabaseUnavailable
from claims.i18n import t
from claims.retry import run_db
from claims.services.moderators import role_of
from claims.services.tips import user_hash

from .core import Context, Prepared, message_text, prepared_for, run_in_session
from .models import InboxUpdate, RateHit
from .runtime import RUNTIME_KEY, Runtime

log = logging.getLogger(__name__)

WINDOW = 60.0
PRUNE_EVERY = 600.0
BUDGET = 1.0  # seconds of retries for the count; then the request goes through uncounted
OUTAGE_MEMORY = 10.0  # after a count gave up: seconds during which requests pass without trying
HIT, WARN = "hit", "warn"
_STATE_KEY = "_ratelimit"


def user_key(salt: str, user_id: int) -> str:
    """The rate-limit key of a user: 32 hex digits of their salted hash (the id is never stored)."""
    return user_hash(f"ratelimit:{salt}", user_id)[:32]


# built once (building and keying a statement costs more CPU than running it on SQLite)
# PostgreSQL, one round trip: the user's advisory lock (and no WAL flush wait at commit: a lost count
# does no harm), then this request's row. The window is read by the next statement, which sees every
# count committed before the lock was granted.
_LOCK_AND_COUNT = text("INSERT INTO ratehit (user_key, kind, at) SELECT :key, 'hit', :at FROM (SELECT set_config("
                       "'synchronous_commit', 'off', true), pg_advisory_xact_lock(hashtextextended(:k, 0))) AS l")
_COUNT = insert(RateHit).values(user_key=bindparam("key"), kind=HIT, at=bindparam("at"))
_SEEN = (select(RateHit.kind, func.count(), func.min(RateHit.at))
         .where(RateHit.user_key == bindparam("key"), RateHit.at > bindparam("since")).group_by(RateHit.kind))
_THIS_HIT = (RateHit.user_key == bindparam("key"), RateHit.kind == HIT, RateHit.at == bindparam("now"))
_TO_WARN = update(RateHit).where(*_THIS_HIT).values(kind=WARN)
_UNCOUNT = delete(RateHit).where(*_THIS_HIT)
_REFUSED = update(InboxUpdate).where(InboxUpdate.update_id == bindparam("refused_id")).values(rate_limited=True)

#: (user key, since) -> {kind: (rows, earliest ``at``)} of the user's rows with ``at`` > since, as `_SEEN`
#: reads them; a caller may read them in a statement of its own (`count`'s `read_window`)
WindowReader = Callable[[str, float], dict[str, tuple[int, float]]]


def count(conn: Connection, key: str, per_minute: int, *, now: float, read_window: WindowReader | None = None,
          refused_id: int | None = None) -> tuple[float, bool]:
    """Count one request of `key` on `conn` (the caller commits) if the window allows it: (0.0, False)
    when let through, else (seconds until the next is allowed, whether to tell the user: once per
    window, across workers). `now`: Unix seconds. The row is written first (SQLite: the write lock;
    PostgreSQL: the user's advisory lock first), then the window read (`_SEEN` or `read_window`); over
    the limit the row becomes the "told" mark or is deleted and the inbox row `refused_id` is marked
    refused. Raises SQLAlchemy errors (the caller retries)."""
    postgres = conn.dialect.name == "postgresql"
    conn.execute(_LOCK_AND_COUNT if postgres else _COUNT, {"k": "ratelimit:" + key, "key": key, "at": now})
    if read_window is not None:
        seen = read_window(key, now - WINDOW)
    else:
        seen = {kind: (int(n), first) for kind, n, first in conn.execute(_SEEN, {"key": key, "since": now - WINDOW})}
    hits, first = seen.get(HIT, (0, None))
    if hits <= per_minute:  # this one included
        return 0.0, False
    # never more than the window: a worker whose clock runs ahead wrote `first` in our future
    wait, warn = min(WINDOW, max(0.1, float(first) + WINDOW - now)), WARN not in seen
    conn.execute(_TO_WARN if warn else _UNCOUNT, {"key": key, "now": now})
    if refused_id is not None:
        mark_refused(conn, refused_id)
    return wait, warn


def mark_refused(conn: Connection, update_id: int) -> None:
    """Store on the inbox row of `update_id` (``rate_limited``, in `conn`'s transaction) that the limit
    refused it, so a re-take refuses it again (`precount`'s `limited`). Raises SQLAlchemy errors."""
    conn.execute(_REFUSED, {"refused_id": update_id})


def _delete(session: Session, where: object) -> int:
    n = session.execute(delete(RateHit).where(where)).rowcount
    session.commit()
    return n or 0


def prune(session: Session, *, now: float) -> int:
    """Delete counts older than the window; how many rows went."""
    return _delete(session, RateHit.at <= now - WINDOW)


def forget(session: Session, salt: str, user_id: int) -> int:
    """/forget: delete a user's counts now rather than at the next prune; how many rows went."""
    return _delete(session, RateHit.user_key == user_key(salt, user_id))


def _in_transaction(engine: Engine, unit: Callable, *args: object, **kwargs: object) -> object:
    with engine.begin() as conn:  # a bare connection: an ORM session costs more than the count
        return unit(conn, *args, **kwargs)


class Limiter:
    """The shared limit as the guard uses it: `hit` counts through the database."""

    def __init__(self, engine: Engine, per_minute: int, salt: str) -> None:
        self.engine, self.per_minute, self.salt = engine, per_minute, salt
        self.down_until = 0.0  # the database is known to be down: don't make every update wait for it
        self.albums: dict[tuple[int, str], tuple[bool, float]] = {}  # (user id, media_group_id) -> (allowed, when)

    def album(self, key: int, media_group_id: str) -> bool | None:
        """What this process decided for the album's first part (True: let through), or None for its
        first part seen here: an album counts once, its parts all pass or all stop."""
        seen = self.albums.get((key, media_group_id))
        return seen[0] if seen is not None and seen[1] > time.time() - WINDOW else None

    def decide_album(self, key: int, media_group_id: str, allowed: bool) -> None:
        now = time.time()
        if len(self.albums) > 50_000:
            self.albums = {k: v for k, v in self.albums.items() if v[1] > now - WINDOW}
        self.albums[(key, media_group_id)] = (allowed, now)

    async def hit(self, user_id: int, *, refused_id: int | None = None) -> tuple[float, bool]:
        """(0, False) when allowed, else (seconds to wait, tell the user now); allowed when the database
        is down (then, for OUTAGE_MEMORY seconds, without asking it). `refused_id`: as `count`'s."""
        if time.monotonic() < self.down_until:
            return 0.0, False
        try:
            return await run_db(_in_transaction, self.engine, count, user_key(self.salt, user_id), self.per_minute,
                                now=time.time(), refused_id=refused_id, budget=BUDGET, on=self.engine)
        except IntegrityError:  # another worker counted this user in the very same microsecond
            return 0.0, False
        except DatabaseUnavailable:
            self.down_until = time.monotonic() + OUTAGE_MEMORY
            return 0.0, False

    async def refused(self, update_id: int) -> None:
        """`mark_refused` in a transaction of its own (a further part of an album refused here); a
        failure is logged, never raised (a re-take may then be let through)."""
        try:
            await run_db(_in_transaction, self.engine, mark_refused, update_id, budget=BUDGET, on=self.engine)
        except DatabaseUnavailable:
            pass
        except SQLAlchemyError as err:
            log.warning("update %s: its refusal by the rate limit is not stored (%s)", update_id, type(err).__name__)


def _subject(application: Application, update: Update) -> tuple[Limiter, int] | None:
    """(limiter, user id) when the limit applies to `update`: a user who is not an admin, asking the
    bot for something (`_counted`); else None (also when the guard is not registered)."""
    runtime, limiter = application.bot_data.get(RUNTIME_KEY), application.bot_data.get(_STATE_KEY)
    user, bot = update.effective_user, application.bot
    if limiter is None or user is None or user.id in runtime.admin_ids or not _counted(update, bot.id, bot.username):
        return None
    return limiter, user.id


def whom(application: Application, update: Update) -> tuple[Limiter, int] | None:
    """`_subject` when the guard would count `update` in the database (`precount` writes), else None
    (not counted, an album part, the database known to be down: the guard decides itself)."""
    subject = _subject(application, update)
    if subject is None or time.monotonic() < subject[0].down_until or (
            update.message is not None and update.message.media_group_id is not None):
        return None
    return subject


def precount(conn: Connection, application: Application, update: Update, *, first: bool,
             limited: bool = False, refused_id: int | None = None,
             read_window: WindowReader | None = None) -> tuple[float, bool] | None:
    """The guard's count of `update` on `conn` (the caller's transaction): what `Limiter.hit` answers, or
    None when the guard decides itself (`whom`). `first` False (counted on an earlier take): nothing is
    written, that decision is repeated (`limited`: refused then). Raises SQLAlchemy errors."""
    if not first and limited:  # the stored refusal needs no window, nor a database the limiter trusts
        return WINDOW, False
    counted = whom(application, update)
    if counted is None or counted[0].engine.url != conn.engine.url:
        return None
    if not first:
        return 0.0, False
    limiter, user_id = counted
    return count(conn, user_key(limiter.salt, user_id), limiter.per_minute, now=time.time(),
                 read_window=read_window, refused_id=refused_id)


def _leased(prep: Prepared | None) -> int | None:
    """The inbox row of an update the inbox worker leased for the first time, else None."""
    return prep.update_id if prep is not None and not prep.retake and not prep.own else None


def _counted(update: Update, bot_id: int, username: str | None) -> bool:
    """Whether the bot acts on it: buttons, inline queries, private chats (their edits too), and in
    groups commands, mentions of the bot and replies to it."""
    if update.callback_query or update.inline_query:
        return True
    message = update.message
    if message is None:
        return update.edited_message is not None and update.edited_message.chat.type == ChatType.PRIVATE
    text, replied = message_text(message), message.reply_to_message
    return (message.chat.type == ChatType.PRIVATE or text.startswith("/")
            or bool(username and f"@{username.lower()}" in text.lower())
            or bool(replied and replied.from_user and replied.from_user.id == bot_id))


async def guard(update: Update, context: Context) -> None:
    if (subject := _subject(context.application, update)) is None:
        return
    (limiter, user_id), prep = subject, prepared_for(update)
    album = update.message.media_group_id if update.message is not None else None
    if prep is not None and prep.counted is not None:  # counted with the lease (`precount`)
        wait, warn = prep.counted
    else:
        if album is not None and (earlier := limiter.album(user_id, album)) is not None:
            if earlier:  # a further photo of an album already let through (bot/handlers/albums.py answers it once)
                return
            if (leased := _leased(prep)) is not None:
                await limiter.refused(leased)
            raise ApplicationHandlerStop
        if prep is not None and prep.retake:
            return  # counted when it was leased before (and not refused: `precount`)
        wait, warn = await limiter.hit(user_id, refused_id=_leased(prep))
    allowed = not wait or await context.run(role_of, user_id, context.runtime.admin_ids) is not None
    if album is not None:
        limiter.decide_album(user_id, album, allowed)
    if allowed:
        return
    text = t(context.lang, "ratelimit", seconds=math.ceil(wait)) if warn else None
    with contextlib.suppress(TelegramError):
        if update.callback_query:
            await update.callback_query.answer(text, show_alert=bool(text) or None)
        elif text and update.inline_query:
            await update.inline_query.answer([], cache_time=0, is_personal=True)
        elif text and update.effective_message is not None:
            await update.effective_message.reply_text(text)
    raise ApplicationHandlerStop


async def prune_job(application: Application) -> int:
    """The periodic job: counts older than the window are deleted (any worker may run it)."""
    runtime = application.bot_data.get(RUNTIME_KEY)
    try:
        return 0 if runtime is None else await run_in_session(runtime, prune, now=time.time())
    except DatabaseUnavailable:
        return 0


def register(application: Application, group: int) -> None:
    """The guard in `group`, with the process's `Limiter` (kept in bot_data) on the runtime's database."""
    runtime: Runtime = application.bot_data[RUNTIME_KEY]
    application.bot_data[_STATE_KEY] = Limiter(runtime.engine, runtime.settings.rate_limit_per_minute, runtime.salt)
    application.add_handler(TypeHandler(Update, guard), group=group)
