"""PTB persistence in the database (table ``persistenceentry``), as tagged JSON (never pickle), shared by
every worker. One row per item: ``kind`` user_data/chat_data (key: the id) or conversations
(``"<name>:<k1>,<k2>..."``, the data repeating the key so /forget finds them); bot_data is per process
(the Runtime) and the bot has no arbitrary callback data, so neither is stored. The update's rows are
re-read before the handlers (`before_update`) and what changed is written after them (`after_update`),
under the inbox worker in the transaction of the update's done mark (README.md, *Durable intake*).
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import json
import logging
import weakref
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import (Boolean, Float, Integer, String, Text, and_, bindparam, cast, delete, func, literal_column,
                        null, or_, select, union_all)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql import CompoundSelect, Select
from sqlmodel import Session, col
from telegram import Update
from telegram.ext import Application, BasePersistence, ConversationHandler, PersistenceInput
from telegram.ext._handlers.conversationhandler import PendingState  # no public name for it

from claims.db import one_statement
from claims.errors import DatabaseUnavailable
from claims.models import UserPref, utcnow
from claims.services import prefs
from claims.retry import run_db

from . import ratelimit
from .core import PREPARED, Prepared, engine_of, prepared_for, read_lang, reads_lang
from .models import AlbumPart, PersistenceEntry, RateHit

log = logging.getLogger(__name__)

USER, CHAT, CONV = "user_data", "chat_data", "conversations"
MAX_KEY_CHARS = 256
Item = tuple[str, str]  # (kind, key)

# --- JSON with tags for what plain JSON loses -------------------------------------------------------


class NotData(TypeError):
    """A value that is not plain data (and so is not persisted)."""


def _hashable(value: Any) -> Any:
    return tuple(_hashable(v) for v in value) if isinstance(value, list) else value


_TAGS = {"__tuple__": tuple, "__datetime__": datetime.fromisoformat, "__date__": date.fromisoformat,
         "__set__": lambda inner: {_hashable(v) for v in inner},
         "__pairs__": lambda inner: {_hashable(k): v for k, v in inner}}


def encode(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, tuple):
        return {"__tuple__": [encode(v) for v in value]}
    if isinstance(value, (set, frozenset)):
        return {"__set__": sorted((encode(v) for v in value), key=lambda x: json.dumps(x, sort_keys=True))}
    if isinstance(value, date):
        return {"__datetime__" if isinstance(value, datetime) else "__date__": value.isoformat()}
    if isinstance(value, dict):
        if all(isinstance(k, str) and not (k.startswith("__") and k.endswith("__")) for k in value):
            return {k: encode(v) for k, v in value.items()}
        return {"__pairs__": [[encode(k), encode(v)] for k, v in value.items()]}
    raise NotData(f"{type(value).__name__} is not data")


def _untag(obj: dict) -> Any:
    """`json.loads` object hook, innermost first: a tagged value back to what `encode` was given."""
    if len(obj) == 1 and (tag := next(iter(obj))) in _TAGS:
        return _TAGS[tag](obj[tag])
    return obj


def loads(text: str) -> Any:
    return json.loads(text, object_hook=_untag)


def dumps(value: Any) -> str:
    return json.dumps(encode(value), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def data_only(data: dict, what: str) -> dict:
    """`data` without (a warning for each) the top-level entries that are not data."""
    kept: dict = {}
    for key, value in data.items():
        try:
            encode(key), encode(value)
            kept[key] = value
        except NotData as err:
            log.warning("%s: a value is not persisted: %s", what, err)
    return kept


def conversation_key(name: str, key: Iterable[Any]) -> str:
    return f"{name}:{','.join(str(k) for k in key)}"[:MAX_KEY_CHARS]


def _conversation(data: str) -> tuple[str, tuple, object] | None:
    """(name, key, state) of a conversation row; None when unreadable."""
    try:
        row = loads(data)
        return row["name"], tuple(row["key"]), row["state"]
    except (ValueError, KeyError, TypeError):
        return None


# --- the rows -------------------------------------------------------------------------------------


def _upsert_statement(insert):  # noqa: ANN001, ANN202 - the dialect's insert(); an Insert
    stmt = insert(PersistenceEntry).values(kind=bindparam("kind"), key=bindparam("key"), data=bindparam("data"),
                                           updated_at=bindparam("now"))
    return stmt.on_conflict_do_update(index_elements=["kind", "key"],
                                      set_={"data": stmt.excluded.data, "updated_at": stmt.excluded.updated_at})


# built once (parameters bound at execution): building and cache-keying an upsert cost ~0.24 ms of CPU,
# more than running it on SQLite
_UPSERT = {"postgresql": _upsert_statement(pg_insert), "sqlite": _upsert_statement(sqlite_insert)}
_DELETE = delete(PersistenceEntry).where(PersistenceEntry.kind == bindparam("kind"),
                                         PersistenceEntry.key == bindparam("key"))


def write_rows(conn: Connection, rows: dict[Item, str | None]) -> None:
    """Upsert each row on `conn` (the caller's transaction), delete those whose data is None."""
    upsert, now = _UPSERT[conn.dialect.name], utcnow()
    for (kind, key), data in rows.items():
        if data is None:
            conn.execute(_DELETE, {"kind": kind, "key": key})
        else:
            conn.execute(upsert, {"kind": kind, "key": key, "data": data, "now": now})


def _upsert(engine: Engine, rows: dict[Item, str | None]) -> None:
    """Write rows in one transaction (`write_rows`)."""
    with engine.begin() as conn:
        write_rows(conn, rows)


#: set by the inbox worker around an update: writes wait for its done mark's transaction
DEFER = contextvars.ContextVar("persistence_defer", default=False)


_ROW = (PersistenceEntry.kind, PersistenceEntry.key, PersistenceEntry.data)


@functools.cache
def _pairs(n: int):  # noqa: ANN202 - a Select
    """(kind = :k0 AND key = :v0) OR … for `n` pairs, built once per n (an expanding IN is rendered anew
    on every execution)."""
    return select(*_ROW).where(or_(*(and_(PersistenceEntry.kind == bindparam(f"k{i}"),
                                          PersistenceEntry.key == bindparam(f"v{i}")) for i in range(n))))


def _pair_params(pairs: list[Item]) -> dict[str, str]:
    """The parameters of `_pairs(len(pairs))`."""
    return {f"{name}{i}": value for i, pair in enumerate(pairs) for name, value in zip("kv", pair)}


def _load(engine: Engine, pairs: list[Item]) -> dict[Item, str]:
    """The rows of several (kind, key) pairs in one round trip."""
    if not (wanted := sorted(set(pairs))):
        return {}
    with engine.connect() as conn:
        conn = one_statement(conn)  # a read of one statement: no BEGIN/ROLLBACK round trips on PostgreSQL
        return {(k, key): d for k, key, d in conn.execute(_pairs(len(wanted)), _pair_params(wanted))}


#: application -> (how many handlers it has, its named persistent ConversationHandlers), found again when
#: a handler is added or removed
_CONVERSATIONS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _wanted(application: Application, update: Update, persistence: SQLPersistence | None
            ) -> tuple[dict[str, list[tuple[ConversationHandler, tuple]]], list[Item]]:
    """This update's persistent conversations (row key -> (handler, key) pairs) and every (kind, key)
    row to read for it: those conversations, its user's and chat's data."""
    wanted: dict[str, list[tuple[ConversationHandler, tuple]]] = {}
    if persistence is None:
        return wanted, []
    size = sum(map(len, application.handlers.values()))
    if (known := _CONVERSATIONS.get(application)) is None or known[0] != size:
        known = _CONVERSATIONS[application] = (size, [
            h for hs in application.handlers.values() for h in hs
            if isinstance(h, ConversationHandler) and h.persistent and h.name])
    for handler in known[1]:
        try:
            key = handler._get_key(update)  # noqa: SLF001 - PTB's own key builder
        except RuntimeError:
            continue
        wanted.setdefault(conversation_key(handler.name, key), []).append((handler, key))
    pairs = [(CONV, k) for k in wanted]
    user, chat = update.effective_user, update.effective_chat
    if user is not None:
        pairs.append((USER, str(user.id)))
    if chat is not None:
        pairs.append((CHAT, str(chat.id)))
    return wanted, pairs


def shared_persistence(application: Application) -> SQLPersistence | None:
    """The Application's SQLPersistence (on the runtime's database: bot/app.py), else None."""
    p = application.persistence
    return p if isinstance(p, SQLPersistence) else None


_SLOTS = (String(), String(), Text(), Integer(), Float(), Boolean())  # see `_together`


def _branch(tag: str, where: Any, slots: dict[int, Any]) -> Select:
    """One member of `_together`: the tag, then each typed slot's value in `slots` (else NULL)."""
    return select(literal_column(f"'{tag}'", String()).label("tag"),
                  *(slots.get(i, cast(null(), typ)).label(f"s{i}") for i, typ in enumerate(_SLOTS))).where(where)


@functools.cache
def _together(pairs: int, pref: bool, window: bool) -> CompoundSelect | Select:
    """One UNION ALL, built once per shape, of what an update's first steps read one by one: "row" (kind,
    key, data) of `pairs` persistence rows (`_pairs`), "pref" (``prefs.PREF_COLUMNS`` in slots 0 and 5)
    and the rate limit's `window` "seen" (kind, count, earliest ``at`` in slots 0, 3, 4: ratelimit `_SEEN`)."""
    parts = []
    if pairs:
        parts.append(_branch("row", _pairs(pairs).whereclause, dict(enumerate(_ROW))))
    if pref:
        parts.append(_branch("pref", UserPref.user_id == bindparam("pref_uid"), dict(zip((0, 5), prefs.PREF_COLUMNS))))
    if window:
        parts.append(_branch("seen", and_(RateHit.user_key == bindparam("rl_key"), RateHit.at > bindparam("rl_since")),
                             {0: RateHit.kind, 3: func.count(), 4: func.min(RateHit.at)}).group_by(RateHit.kind))
    return parts[0] if len(parts) == 1 else union_all(*parts)


def read_ahead(conn: Connection, application: Application, update: Update, *, first: bool = True,
               limited: bool = False, update_id: int | None = None) -> Prepared:
    """What an update's first steps would read or count one by one, in one statement (`_together`) on
    `conn` (the caller commits): the shared persistence's rows, the reader's language (`read_lang`) and
    the rate limit's count (`precount`: `first`, `limited`, `update_id`). Raises SQLAlchemy errors."""
    prep = Prepared(update.update_id if update_id is None else update_id, update, retake=not first)
    persistence = shared_persistence(application)
    user = update.effective_user
    pairs = sorted(set(_wanted(application, update, persistence)[1]))
    pref = reads_lang(application, user)
    got: dict[str, Any] = {"rows": None, "pref": None}

    def read(key: str | None = None, since: float | None = None) -> dict[str, tuple[int, float]]:
        params = {**_pair_params(pairs), "pref_uid": user.id if pref else None, "rl_key": key, "rl_since": since}
        got["rows"], seen = {}, {}
        if pairs or pref or key is not None:
            for tag, s0, s1, s2, s3, s4, s5 in conn.execute(_together(len(pairs), pref, key is not None), params):
                if tag == "row":
                    got["rows"][(s0, s1)] = s2
                elif tag == "pref":
                    got["pref"] = (s0, s5)
                else:
                    seen[s0] = (int(s3), s4)
        return seen

    prep.counted = ratelimit.precount(conn, application, update, first=first, limited=limited, refused_id=update_id,
                                      read_window=read)
    if got["rows"] is None:  # not counted: the rows and the language alone
        read()
    read_lang(conn, application, user, known=True, row=got["pref"])
    prep.rows = None if persistence is None else {pair: got["rows"].get(pair) for pair in pairs}
    return prep


def _read_ahead_unit(engine: Engine, application: Application, update: Update) -> Prepared:
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql" and ratelimit.whom(application, update) is None:
            conn = one_statement(conn)  # reads (an unblock at most): each statement commits itself
        prep = read_ahead(conn, application, update)
        conn.commit()
        return prep


class SQLPersistence(BasePersistence[dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """PTB persistence on the project's database (SQLite or PostgreSQL), shared by every worker."""

    def __init__(self, engine: Engine, *, update_interval: float = 60) -> None:
        super().__init__(PersistenceInput(bot_data=False, callback_data=False), update_interval)
        self.engine = engine
        self._written: dict[Item, str | None] = {}  # what the table holds, as far as we know
        self._dirty: dict[Item, str | None] = {}  # not yet written (or failed: retried later)
        self._deferred: set[Item] = set()  # of those, what an update under the inbox worker changed (`DEFER`)
        self._lock = asyncio.Lock()
        self._prefetched: dict[Item, str | None] = {}  # this update's rows (`refresh_conversations`)

    def forget_user(self, session: Session, user_id: int) -> int:
        """/forget (claims.services.privacy.forget_user, in its transaction): delete the user's
        user_data, their private chat's chat_data, every conversation whose key names them and their
        album parts still waiting for an answer; how many rows. A LIKE narrows, the JSON decides."""
        uid = str(int(user_id))
        rows = session.execute(select(PersistenceEntry.id, PersistenceEntry.data).where(
            PersistenceEntry.kind == CONV, col(PersistenceEntry.key).contains(uid))).all()
        conversations = [i for i, data in rows if (found := _conversation(data)) and uid in map(str, found[1])]
        parts = session.execute(delete(AlbumPart).where(AlbumPart.chat_id == int(user_id))).rowcount
        return parts + session.execute(delete(PersistenceEntry).where(or_(
            and_(col(PersistenceEntry.kind).in_((USER, CHAT)), PersistenceEntry.key == uid),
            col(PersistenceEntry.id).in_(conversations)))).rowcount

    async def _write(self, kind: str, key: str, data: str | None) -> None:
        """Upsert (delete when None) unless the row already holds it; no row for an empty dict."""
        item, known = (kind, key), self._written.get((kind, key), ...)
        if (known == data or (data == "{}" and known in (None, ...))) and item not in self._dirty:
            return
        self._dirty[item] = data
        if DEFER.get():
            self._deferred.add(item)
        else:
            await self.flush(at_exit=False)

    def deferred_writes(self) -> dict[Item, str | None]:
        """A copy of what is not written yet, for the inbox worker to commit with its done mark (in the
        same database: bot/app.py builds both on the runtime's engine); `written` after the commit."""
        return dict(self._dirty)

    def written(self, rows: dict[Item, str | None]) -> None:
        """`rows` were committed (by the inbox worker's transaction)."""
        for item, data in rows.items():
            if self._dirty.get(item, ...) == data:
                del self._dirty[item]
                self._deferred.discard(item)
            self._written[item] = data

    @property
    def dirty(self) -> bool:
        """Some change is not written yet."""
        return bool(self._dirty)

    async def flush(self, at_exit: bool = True, deferred: bool = False) -> None:
        """Write the unwritten rows in one attempt (DatabaseUnavailable keeps them for the next). Rows
        an update under the inbox worker changed wait for its done mark's transaction unless
        `deferred` (written before that mark, a worker dying then would repeat the update a step on)."""
        async with self._lock:  # PTB writes items concurrently: one batch at a time
            if pending := {k: v for k, v in self._dirty.items() if deferred or k not in self._deferred}:
                try:
                    await run_db(_upsert, self.engine, pending, budget=0)
                except DatabaseUnavailable as err:
                    log.warning("persistence: %d writes kept for later: %s", len(pending), err)
                else:
                    self.written(pending)
        if at_exit and self._dirty:
            log.error("persistence: %d writes could not be saved at shutdown", len(self._dirty))

    # -- BasePersistence. Nothing is loaded at start-up: every update reads its own rows first
    # (`refresh_conversations`, `_refresh`), as another worker may have changed them since. bot_data
    # (per process: the Runtime) and callback_data (none) are neither read nor written.
    async def _empty(self, *_: object) -> dict:
        return {}

    async def _nothing(self, *_: object) -> None:
        return None

    get_user_data = get_chat_data = get_conversations = get_bot_data = _empty
    get_callback_data = update_bot_data = update_callback_data = refresh_bot_data = _nothing

    async def update_user_data(self, user_id: int, data: dict) -> None:
        await self._write(USER, str(user_id), dumps(data_only(data, USER)))

    async def update_chat_data(self, chat_id: int, data: dict) -> None:
        await self._write(CHAT, str(chat_id), dumps(data_only(data, CHAT)))

    async def update_conversation(self, name: str, key: tuple, new_state: object | None) -> None:
        try:
            data = None if new_state is None else dumps({"name": name, "key": list(key), "state": new_state})
        except NotData as err:
            log.warning("conversation %s: a state is not persisted: %s", name, err)
            return
        await self._write(CONV, conversation_key(name, key), data)

    async def drop_chat_data(self, chat_id: int) -> None:
        await self._write(CHAT, str(chat_id), None)

    async def drop_user_data(self, user_id: int) -> None:
        await self._write(USER, str(user_id), None)

    # -- BasePersistence: refreshing (another worker may have changed the table) --
    async def _refresh(self, item: Item, target: dict) -> None:
        if item in self._dirty:
            return  # our own unwritten change wins over the table
        data = self._prefetched.pop(item, ...)
        if data is ...:
            try:
                data = (await run_db(_load, self.engine, [item], budget=0)).get(item)
            except DatabaseUnavailable:
                return
        if data != self._written.get(item):  # changed (or dropped: /forget) on another worker
            value = loads(data) if data is not None else {}
            target.clear()
            target.update(value if isinstance(value, dict) else {})
            self._written[item] = data

    async def refresh_user_data(self, user_id: int, user_data: dict) -> None:
        await self._refresh((USER, str(user_id)), user_data)

    async def refresh_chat_data(self, chat_id: int, chat_data: dict) -> None:
        await self._refresh((CHAT, str(chat_id)), chat_data)

    async def refresh_conversations(self, application: Application, update: Update,
                                    rows: dict[Item, str | None] | None = None) -> None:
        """Before the handlers: this update's user_data, chat_data and conversation states,
        in `rows` (`read_ahead`'s) or read here in one query; the states go into the handlers now, the
        data waits for PTB's refresh_user_data/refresh_chat_data calls."""
        self._prefetched = {}
        wanted, pairs = _wanted(application, update, self)
        if rows is None:
            try:
                rows = await run_db(_load, self.engine, pairs, budget=0)
            except DatabaseUnavailable:
                return
        self._prefetched = {pair: rows.get(pair) for pair in pairs if pair[0] != CONV}
        for row_key, handler_keys in wanted.items():
            item = (CONV, row_key)
            if item in self._dirty:
                continue
            data = rows.get(item)
            for handler, key in handler_keys:
                conversations = handler._conversations  # noqa: SLF001
                current = conversations.get(key)
                if isinstance(current, PendingState):
                    continue
                if data is None:
                    if current is not None and self._written.get(item) is not None:
                        conversations.pop(key, None)  # ended on another worker
                elif (found := _conversation(data)) and found[0] == handler.name and current != found[2]:
                    conversations.update_no_track({key: found[2]})
            if data is not None or item in self._written:
                self._written[item] = data


async def before_update(application: Application, update: object) -> None:
    """Before the handlers: this update's shared conversation states and data, the reader's language and
    the rate limit's count in one trip (`read_ahead`), unless the inbox worker's take read them. A
    database that does not answer leaves the process's copies (the guard counts, or lets it through)."""
    if not isinstance(update, Update):
        return
    persistence = shared_persistence(application)
    prep: Prepared | None = prepared_for(update)
    if prep is None:
        if (engine := engine_of(application) or (persistence and persistence.engine)) is not None:
            try:
                prep = await run_db(_read_ahead_unit, engine, application, update, budget=0)
            except DatabaseUnavailable:
                return
            except IntegrityError:  # counted for this user in the same microsecond elsewhere: the guard counts
                prep = None
            else:
                prep.own = True
                PREPARED.set(prep)  # in this task, for the guard; `after_update` clears it
    if persistence is not None:
        await persistence.refresh_conversations(application, update, prep.rows if prep is not None else None)


async def after_update(application: Application, update: object) -> None:
    """After the handlers: write what changed now, or under the inbox worker (`DEFER`) leave
    it for the transaction of the update's done mark."""
    prep = prepared_for(update)
    if prep is not None and prep.own:
        PREPARED.set(None)
    if (persistence := shared_persistence(application)) is not None:
        persistence._prefetched = {}  # noqa: SLF001
        await application.update_persistence()
