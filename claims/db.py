"""Engine, sessions and schema upgrades. Sessions are always passed in, never global."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import event, inspect
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DisconnectionError, OperationalError
from sqlmodel import Session, create_engine

from .errors import DatabaseUnavailable
from .retry import error_line

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def make_engine(url: str, *, echo: bool = False) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # noqa: ANN001
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            if ":memory:" not in url and url not in ("sqlite://", "sqlite:///"):
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine
    engine = create_engine(url, echo=echo, pool_size=5, max_overflow=10, connect_args={"connect_timeout": 5})
    event.listen(engine, "checkin", _idle_since)
    event.listen(engine, "checkout", _ping_if_idle)
    return engine


#: seconds a pooled server connection may have been idle before its checkout pings it
PING_AFTER_IDLE = 2.0


def _idle_since(_dbapi_conn, record) -> None:  # noqa: ANN001
    record.info["idle_since"] = time.monotonic()


def _ping_if_idle(dbapi_conn, record, _proxy) -> None:  # noqa: ANN001
    """A server database's connection that sat in the pool for more than PING_AFTER_IDLE seconds is
    pinged at checkout (SQLAlchemy's pre-ping, but only then): a dead one is replaced before the unit
    of work uses it (``DisconnectionError`` makes the pool connect afresh). A connection checked in
    moments ago is not pinged (the ping was a round trip on every transaction, ~0.4 ms CPU and
    ~1 ms wall here: bench/RESULTS.md, issue 11); if the server went away since, the unit's first
    statement fails with a connection error, the pool is invalidated and `claims.retry` runs the
    unit again on a fresh connection."""
    since = record.info.get("idle_since")
    if since is None or time.monotonic() - since <= PING_AFTER_IDLE:
        return
    try:
        cur = dbapi_conn.cursor()
        try:
            cur.execute("SELECT 1")
        finally:
            cur.close()
        dbapi_conn.rollback()
    except Exception as err:  # noqa: BLE001 - any failure: the connection is not usable
        raise DisconnectionError(f"pooled connection is dead: {type(err).__name__}") from err


def one_statement(conn: Connection) -> Connection:
    """PostgreSQL: `conn` in autocommit, for a unit of one statement: no BEGIN and COMMIT round
    trips (two of three), the statement is atomic by itself. SQLite: `conn` as it is (no round
    trips to save; its transactions keep the lock handling of claims.retry)."""
    return conn.execution_options(isolation_level="AUTOCOMMIT") if conn.dialect.name == "postgresql" else conn


def alembic_config(url: str):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


@lru_cache(maxsize=1)
def _script():  # noqa: ANN202 - an alembic ScriptDirectory
    """The migrations directory, read once per process: each reading imports every revision file
    (about 0.1 s), and a process that opens several databases (tests, `claims db restore`) need not
    read it again."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(""))


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision (a no-op when it already is): what
    `alembic upgrade head` runs (alembic.command.upgrade), on the migrations read once (`_script`)."""
    from alembic.runtime.environment import EnvironmentContext

    script = _script()
    try:
        with engine.begin() as conn:
            cfg = alembic_config(engine.url.render_as_string(hide_password=False))
            cfg.attributes["connection"] = conn
            with EnvironmentContext(cfg, script, fn=lambda rev, _ctx: script._upgrade_revs("head", rev),
                                    destination_rev="head"):
                script.run_env()
    except OperationalError as err:
        raise DatabaseUnavailable(f"cannot reach the database {engine.url.render_as_string(hide_password=True)}: "
                                  f"{error_line(err)}") from None


def is_current(engine: Engine) -> bool:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads()) == set(_script().get_heads())


def open_database(url: str) -> Engine:
    """Engine for `url` with the schema brought up to date; raises DatabaseUnavailable."""
    engine = make_engine(url)
    try:
        with engine.connect():
            pass
    except OperationalError as err:
        raise DatabaseUnavailable(f"cannot reach the database {engine.url.render_as_string(hide_password=True)}: "
                                  f"{error_line(err)}") from None
    if not is_current(engine):
        upgrade(engine)
    return engine


def table_names(engine: Engine) -> list[str]:
    return inspect(engine).get_table_names()


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error."""
    session = Session(engine, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
