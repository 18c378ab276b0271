"""PTB persistence in the database (table ``persistenceentry``), as JSON, shared by every worker.

One row per item: ``kind`` is ``user_data`` / ``chat_data`` (key: the id), ``bot_data`` (key
``bot``), ``callback_data`` (key ``callback``) or ``conversations`` (key
``"<name>:<k1>,<k2>..."``; the data repeats the key tuple so claims/services/privacy.py can find
every conversation that names a user). Values are JSON, never pickle: a row written by one
version of the bot can be read by another, and nothing in the table can run code on load.
Tuples, sets, dates and dicts with non-string keys survive the round trip (tagged JSON); a
top-level value that is not data (a Runtime, an engine, a function) is skipped with a warning.

``bot_data`` is *not* stored by default: it holds the per-process Runtime and the post_init
hooks, and PTB replaces ``application.bot_data`` with the stored dict on start-up, which would
drop them. Pass ``store_data=PersistenceInput(bot_data=True)`` only if you keep your own data
there; non-JSON and ``_``-prefixed keys and ``runtime`` are filtered out either way.

``update_interval`` is honoured as PTB defines it (the Application writes changed data every
``update_interval`` seconds and on shutdown). With ``shared=True`` every update additionally

* *before* the handlers: one query re-reads the user's and the chat's data (served to PTB's
  ``refresh_*_data``) and the state of each persistent ConversationHandler for this update's key,
  so a conversation begun on worker A continues on worker B;
* *after* the handlers: what changed is written at once (write-through), so the next worker sees
  it and a process killed with SIGKILL loses no step of a conversation (``update_interval`` alone
  would lose up to that many seconds). Unchanged data is not rewritten and an empty dict is not
  stored, so most updates write nothing.

bot/app.py uses ``shared=True`` always (several webhook workers, and crash safety for one); it
costs one indexed SELECT per update (about 0.5 ms on SQLite, 1.5 ms on PostgreSQL here; see the
Load section of bench/RESULTS.md). One race remains by design: the reply goes out while the
handler runs, the new state is written right after it returns, so an answer arriving at another
worker within those few milliseconds would see the previous state.

Reads and writes around an update make one attempt each (the inbox worker, bot/inbox.py, is
what waits out a database blink: it takes an update only when the database answers): a read that fails leaves the process's copy as it is, a write
that fails is kept and written on the next run or on ``flush()``; neither reaches the error
handler.

Wiring (bot/app.py)::

    builder = builder.persistence(SQLPersistence(runtime.engine if runtime else settings.database_url,
                                                 shared=True))
    ...
    application = builder.build()
    application.add_update_hook(before=persistence.before_update, after=persistence.after_update)

and each ConversationHandler that should survive a restart needs ``persistent=True,
name="<stable name>"`` (bot/handlers/submit.py's "submit" does when the app has a persistence).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, bindparam, delete, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlmodel import Session, col
from telegram import Update
from telegram.ext import Application, BasePersistence, ConversationHandler, PersistenceInput
from telegram.ext._handlers.conversationhandler import PendingState  # no public name for it

from claims.db import open_database
from claims.errors import DatabaseUnavailable
from claims.models import utcnow
from claims.retry import run_db

from .models import AlbumPart, PersistenceEntry

log = logging.getLogger(__name__)

USER, CHAT, BOT, CALLBACK, CONV = "user_data", "chat_data", "bot_data", "callback_data", "conversations"
SKIP_KEYS = frozenset({"runtime"})
MAX_KEY_CHARS = 256


# --- JSON with tags for what plain JSON loses -------------------------------------------------------

class NotData(TypeError):
    """A value that is not plain data (and so is not persisted)."""


def encode(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, tuple):
        return {"__tuple__": [encode(v) for v in value]}
    if isinstance(value, (set, frozenset)):
        items = [encode(v) for v in value]
        try:
            items.sort(key=lambda x: json.dumps(x, sort_keys=True))
        except TypeError:
            pass
        return {"__set__": items}
    if isinstance(value, datetime):
        return {"__datetime__": value.isoformat()}
    if isinstance(value, date):
        return {"__date__": value.isoformat()}
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value) and not any(k.startswith("__") and k.endswith("__")
                                                                for k in value):
            return {k: encode(v) for k, v in value.items()}
        return {"__pairs__": [[encode(k), encode(v)] for k, v in value.items()]}
    raise NotData(f"{type(value).__name__} is not data")


def decode(value: Any) -> Any:
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        if len(value) == 1:
            (tag, inner), = value.items()
            if tag == "__tuple__":
                return tuple(decode(v) for v in inner)
            if tag == "__set__":
                return {_hashable(decode(v)) for v in inner}
            if tag == "__datetime__":
                return datetime.fromisoformat(inner)
            if tag == "__date__":
                return date.fromisoformat(inner)
            if tag == "__pairs__":
                return {_hashable(decode(k)): decode(v) for k, v in inner}
        return {k: decode(v) for k, v in value.items()}
    return value


def _hashable(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    return value


def dumps_mapping(data: dict, *, what: str, skip_private: bool = False) -> str:
    """A dict as JSON, leaving out (with a warning) top-level entries that are not data.

    `skip_private` (bot_data): also leave out ``runtime`` and ``_``-prefixed keys silently."""
    kept: dict = {}
    for key, value in data.items():
        if skip_private and (key in SKIP_KEYS or (isinstance(key, str) and key.startswith("_"))):
            continue
        try:
            encode(key)
            encode(value)
        except NotData as err:
            log.warning("%s: a value is not persisted: %s", what.split("[")[0], err)
            continue
        kept[key] = value
    return json.dumps(encode(kept), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def loads_mapping(text: str) -> dict:
    value = decode(json.loads(text))
    return value if isinstance(value, dict) else {}


def _key_of(data: str) -> list:
    try:
        return list(json.loads(data).get("key", []))
    except (ValueError, AttributeError, TypeError):
        return []


def conversation_key(name: str, key: Iterable[Any]) -> str:
    return f"{name}:{','.join(str(k) for k in key)}"[:MAX_KEY_CHARS]


# --- the rows -------------------------------------------------------------------------------------

def _upsert(engine: Engine, rows: list[tuple[str, str, str]]) -> None:
    if not rows:
        return
    insert = pg_insert if engine.dialect.name == "postgresql" else sqlite_insert
    now = utcnow()
    with engine.begin() as conn:
        for kind, key, data in rows:
            stmt = insert(PersistenceEntry).values(kind=kind, key=key, data=data, updated_at=now)
            conn.execute(stmt.on_conflict_do_update(index_elements=["kind", "key"],
                                                    set_={"data": stmt.excluded.data, "updated_at": now}))


def _delete(engine: Engine, kind: str, key: str) -> None:
    with engine.begin() as conn:
        conn.execute(delete(PersistenceEntry).where(PersistenceEntry.kind == kind, PersistenceEntry.key == key))


def _load_kind(engine: Engine, kind: str) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        return [(k, d) for k, d in conn.execute(select(PersistenceEntry.key, PersistenceEntry.data)
                                                .where(PersistenceEntry.kind == kind))]


def _load_keys(engine: Engine, kind: str, keys: list[str]) -> dict[str, str]:
    return {key: d for (_, key), d in _load_pairs(engine, [(kind, k) for k in keys]).items()}


_PAIRS = (select(PersistenceEntry.kind, PersistenceEntry.key, PersistenceEntry.data)
          .where(PersistenceEntry.kind.in_(bindparam("kinds", expanding=True)),
                 PersistenceEntry.key.in_(bindparam("keys", expanding=True))))


def _load_pairs(engine: Engine, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Rows for several (kind, key) pairs in one round trip (one cached statement: kind IN … AND
    key IN …, which the (kind, key) unique index serves; the few extra combinations are dropped)."""
    if not pairs:
        return {}
    wanted = set(pairs)
    with engine.connect() as conn:
        rows = conn.execute(_PAIRS, {"kinds": sorted({k for k, _ in pairs}), "keys": sorted({k for _, k in pairs})})
        return {(k, key): d for k, key, d in rows if (k, key) in wanted}


_MISSING = object()


class SQLPersistence(BasePersistence[dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """PTB persistence on the project's database (SQLite or PostgreSQL)."""

    def __init__(
        self,
        database: str | Engine,
        *,
        store_data: PersistenceInput | None = None,
        update_interval: float = 60,
        shared: bool = False,
    ) -> None:
        super().__init__(store_data=store_data or PersistenceInput(bot_data=False),
                         update_interval=update_interval)
        self._database = database
        self._engine: Engine | None = database if isinstance(database, Engine) else None
        self.shared = shared
        self._written: dict[tuple[str, str], str | None] = {}  # what the table holds, as far as we know
        self._dirty: dict[tuple[str, str], str | None] = {}  # not yet written (or failed: retried later)
        self._lock = asyncio.Lock()
        self._prefetched: dict[tuple[str, str], str | None] = {}  # this update's rows (shared mode)

    def forget_user(self, session: Session, user_id: int) -> int:
        """/forget (claims.services.privacy.forget_user calls it in its transaction): delete the
        user's user_data, their private chat's chat_data, every conversation state whose key
        names them and the parts of their albums still waiting for an answer; returns how many rows. The key tuple is repeated in each conversation row's
        data, so a LIKE narrows and the JSON decides exactly."""
        uid = str(int(user_id))
        rows = session.execute(select(PersistenceEntry.id, PersistenceEntry.data).where(
            PersistenceEntry.kind == CONV, col(PersistenceEntry.key).contains(uid))).all()
        conversations = [row_id for row_id, data in rows if uid in map(str, _key_of(data))]
        # Parts of an album of theirs not answered yet (their private chat's id is theirs): the
        # updates as Telegram sent them, sender included; the album is then not answered at all.
        parts = session.execute(delete(AlbumPart).where(AlbumPart.chat_id == int(user_id))).rowcount
        return parts + session.execute(delete(PersistenceEntry).where(or_(
            and_(col(PersistenceEntry.kind).in_((USER, CHAT)), PersistenceEntry.key == uid),
            col(PersistenceEntry.id).in_(conversations)))).rowcount

    # -- plumbing --
    async def engine(self) -> Engine:
        if self._engine is None:
            self._engine = await run_db(open_database, str(self._database))
        return self._engine

    async def _write(self, kind: str, key: str, data: str | None) -> None:
        """Upsert (or delete when data is None); skipped when the row already holds it, and an
        empty dict is not stored for someone who has no row (most chats never store anything)."""
        known = self._written.get((kind, key), ...)
        if (known == data or (data == "{}" and known in (None, ...))) and (kind, key) not in self._dirty:
            return
        self._dirty[(kind, key)] = data
        await self._flush_dirty()

    async def _flush_dirty(self) -> None:
        async with self._lock:  # PTB writes items concurrently: one batch at a time
            await self._flush_dirty_locked()

    async def _flush_dirty_locked(self) -> None:
        if not self._dirty:
            return
        pending = dict(self._dirty)
        try:
            engine = await self.engine()
            upserts = [(k, key, d) for (k, key), d in pending.items() if d is not None]
            deletes = [(k, key) for (k, key), d in pending.items() if d is None]

            def work() -> None:
                _upsert(engine, upserts)
                for kind, key in deletes:
                    _delete(engine, kind, key)

            await run_db(work, budget=0)  # one attempt: what fails stays dirty for the next run
        except DatabaseUnavailable as err:
            log.warning("persistence: %d writes kept for later: %s", len(pending), err)
            return
        for item, data in pending.items():
            if self._dirty.get(item, ...) == data:
                del self._dirty[item]
            self._written[item] = data

    async def _load_mapping_kind(self, kind: str) -> dict[int, dict]:
        engine = await self.engine()
        out: dict[int, dict] = {}
        for key, data in await run_db(_load_kind, engine, kind):
            self._written[(kind, key)] = data
            try:
                out[int(key)] = loads_mapping(data)
            except ValueError:
                log.warning("persistence: skipping an unreadable %s row", kind)
        return out

    # -- BasePersistence: loading --
    async def get_user_data(self) -> dict[int, dict]:
        return await self._load_mapping_kind(USER)

    async def get_chat_data(self) -> dict[int, dict]:
        return await self._load_mapping_kind(CHAT)

    async def get_bot_data(self) -> dict:
        rows = await run_db(_load_keys, await self.engine(), BOT, ["bot"])
        if "bot" not in rows:
            return {}
        self._written[(BOT, "bot")] = rows["bot"]
        return loads_mapping(rows["bot"])

    async def get_callback_data(self) -> tuple[list[tuple[str, float, dict[str, Any]]], dict[str, str]] | None:
        rows = await run_db(_load_keys, await self.engine(), CALLBACK, ["callback"])
        if "callback" not in rows:
            return None
        self._written[(CALLBACK, "callback")] = rows["callback"]
        raw = json.loads(rows["callback"])
        keyboards = [(uuid, float(ts), {k: decode(v) for k, v in buttons.items()})
                     for uuid, ts, buttons in raw.get("keyboards", [])]
        return keyboards, dict(raw.get("queries", {}))

    async def get_conversations(self, name: str) -> dict[tuple, object]:
        engine = await self.engine()
        out: dict[tuple, object] = {}
        prefix = f"{name}:"
        for key, data in await run_db(_load_kind, engine, CONV):
            if not key.startswith(prefix):
                continue
            try:
                row = json.loads(data)
                if row.get("name") != name:
                    continue
                out[tuple(row["key"])] = decode(row["state"])
            except (ValueError, KeyError, TypeError):
                log.warning("persistence: skipping an unreadable conversation row")
                continue
            self._written[(CONV, key)] = data
        return out

    # -- BasePersistence: writing --
    async def update_user_data(self, user_id: int, data: dict) -> None:
        await self._write(USER, str(user_id), dumps_mapping(data, what=f"user_data[{user_id}]"))

    async def update_chat_data(self, chat_id: int, data: dict) -> None:
        await self._write(CHAT, str(chat_id), dumps_mapping(data, what=f"chat_data[{chat_id}]"))

    async def update_bot_data(self, data: dict) -> None:
        await self._write(BOT, "bot", dumps_mapping(data, what="bot_data", skip_private=True))

    async def update_callback_data(self, data: tuple[list[tuple[str, float, dict[str, Any]]], dict[str, str]]) -> None:
        keyboards, queries = data
        out = []
        for uuid, ts, buttons in keyboards:
            enc = {}
            for k, v in buttons.items():
                try:
                    enc[k] = encode(v)
                except NotData as err:
                    log.warning("callback data %s is not persisted: %s", k, err)
            out.append([uuid, ts, enc])
        await self._write(CALLBACK, "callback", json.dumps({"keyboards": out, "queries": queries},
                                                           ensure_ascii=False, sort_keys=True))

    async def update_conversation(self, name: str, key: tuple, new_state: object | None) -> None:
        row_key = conversation_key(name, key)
        if new_state is None:
            await self._write(CONV, row_key, None)
            return
        try:
            state = encode(new_state)
        except NotData as err:
            log.warning("conversation %s: a state is not persisted: %s", name, err)
            return
        await self._write(CONV, row_key, json.dumps({"name": name, "key": list(key), "state": state},
                                                    ensure_ascii=False, sort_keys=True))

    async def drop_chat_data(self, chat_id: int) -> None:
        await self._write(CHAT, str(chat_id), None)

    async def drop_user_data(self, user_id: int) -> None:
        await self._write(USER, str(user_id), None)

    # -- BasePersistence: refreshing (only when several workers share the table) --
    async def _refresh(self, kind: str, key: str, target: dict) -> None:
        if not self.shared or (kind, key) in self._dirty:
            return  # our own unwritten change wins over the table
        data = self._prefetched.pop((kind, key), _MISSING)
        if data is _MISSING:
            try:
                rows = await run_db(_load_keys, await self.engine(), kind, [key], budget=0)
            except DatabaseUnavailable:
                return
            data = rows.get(key)
        if data is None:
            if self._written.get((kind, key)) is not None:  # another worker dropped it (/forget)
                target.clear()
                self._written[(kind, key)] = None
            return
        if data != self._written.get((kind, key)):
            target.clear()
            target.update(loads_mapping(data))
            self._written[(kind, key)] = data

    async def refresh_user_data(self, user_id: int, user_data: dict) -> None:
        await self._refresh(USER, str(user_id), user_data)

    async def refresh_chat_data(self, chat_id: int, chat_data: dict) -> None:
        await self._refresh(CHAT, str(chat_id), chat_data)

    async def refresh_bot_data(self, bot_data: dict) -> None:
        return None  # bot_data is per process here (Runtime); nothing shared to re-read

    async def refresh_conversations(self, application: Application, update: object) -> None:
        """Shared mode, before the handlers: one query for this update's user_data, chat_data and
        conversation states; the conversation states go into the handlers now, the data is kept
        for PTB's refresh_user_data/refresh_chat_data calls during this update."""
        self._prefetched = {}
        if not self.shared or not isinstance(update, Update):
            return
        wanted: dict[str, list[tuple[ConversationHandler, tuple]]] = {}
        for handlers in application.handlers.values():
            for handler in handlers:
                if isinstance(handler, ConversationHandler) and handler.persistent and handler.name:
                    try:
                        key = handler._get_key(update)  # noqa: SLF001 - PTB's own key builder
                    except RuntimeError:
                        continue
                    wanted.setdefault(conversation_key(handler.name, key), []).append((handler, key))
        pairs = [(CONV, k) for k in wanted]
        user, chat = update.effective_user, update.effective_chat
        if user is not None and self.store_data.user_data:
            pairs.append((USER, str(user.id)))
        if chat is not None and self.store_data.chat_data:
            pairs.append((CHAT, str(chat.id)))
        if not pairs:
            return
        try:
            rows = await run_db(_load_pairs, await self.engine(), pairs, budget=0)
        except DatabaseUnavailable:
            return
        self._prefetched = {pair: rows.get(pair) for pair in pairs if pair[0] != CONV}
        for row_key, handler_keys in wanted.items():
            if (CONV, row_key) in self._dirty:
                continue
            data = rows.get((CONV, row_key))
            for handler, key in handler_keys:
                conversations = handler._conversations  # noqa: SLF001
                current = conversations.get(key)
                if isinstance(current, PendingState):
                    continue
                if data is None:
                    if current is not None and self._written.get((CONV, row_key)) is not None:
                        conversations.pop(key, None)  # ended on another worker
                    continue
                try:
                    row = json.loads(data)
                    state = decode(row["state"])
                except (ValueError, KeyError, TypeError):
                    continue
                if row.get("name") == handler.name and current != state:
                    conversations.update_no_track({key: state})
            if data is not None:
                self._written[(CONV, row_key)] = data
            elif (CONV, row_key) in self._written:
                self._written[(CONV, row_key)] = None

    def forget_prefetched(self) -> None:
        self._prefetched = {}

    async def flush(self) -> None:
        await self._flush_dirty()
        if self._dirty:
            log.error("persistence: %d writes could not be saved at shutdown", len(self._dirty))


async def before_update(application: Application, update: object) -> None:
    """Shared mode, before the handlers: re-read this update's conversation states and data."""
    persistence = application.persistence
    if isinstance(persistence, SQLPersistence):
        await persistence.refresh_conversations(application, update)


async def after_update(application: Application, update: object) -> None:
    """Shared mode, after the handlers: write what changed at once (write-through)."""
    persistence = application.persistence
    if isinstance(persistence, SQLPersistence) and persistence.shared:
        persistence.forget_prefetched()
        await application.update_persistence()
