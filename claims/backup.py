"""Backups: SQLite's online copy, and the portable JSONL backup that restores a desk on any database.

`backup_database` copies a live SQLite file consistently (PostgreSQL: pg_dump). `export_backup`
writes every row of every table with its id; `check_backup` + `restore_backup` put them back into
an empty SQLite or PostgreSQL database with the same ids (the path from SQLite to PostgreSQL a
growing desk takes).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import Integer, Table, UniqueConstraint, delete, func, insert, literal, select, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from .errors import Conflict, InvalidInput
from .urls import url_key
from .validation import Problems, check_field, rule


def backup_database(engine: Engine, path: Path) -> int:
    if engine.dialect.name != "sqlite":
        raise InvalidInput("claims backup copies SQLite databases; for PostgreSQL run: "
                           "pg_dump --format=custom --file=claims.dump \"$DATABASE_URL\"")
    path = Path(path)
    if path.exists():
        raise InvalidInput(f"{path} already exists; choose a new file name")
    if not path.parent.is_dir():
        raise InvalidInput(f"no such directory: {path.parent}")
    tmp = path.with_name(path.name + ".part")
    raw = engine.raw_connection()
    try:
        dest = sqlite3.connect(tmp)
        try:
            raw.driver_connection.backup(dest)
        finally:
            dest.close()
    finally:
        raw.close()
    tmp.replace(path)
    return path.stat().st_size


# ---------------------------------------------------------------- portable JSONL backup

BACKUP_FORMAT = "claims-backup"
BACKUP_VERSION = 1


# Rows computed from other rows, not kept in a backup: claim vectors are recomputed after a
# restore by `claims db embed` (until then those claims are matched lexically).
DERIVED_TABLES = frozenset({"claimembedding"})
# Working state of the running bot, not of the desk, also left out of a backup: the inbox of
# received updates (each one processed and purged within seconds; it holds raw message texts and
# user ids), album parts waiting a few seconds for their answer, and the rate limit's counts of the
# last minute. A backup written while updates are still pending does not carry them: stop the
# workers and let the inbox drain before the backup that moves a desk (README, production notes).
# Rows of these tables in a backup written by an earlier release are skipped on import.
TRANSIENT_TABLES = frozenset({"inboxupdate", "albumpart", "albumanswer", "ratehit"})
_NOT_BACKED_UP = DERIVED_TABLES | TRANSIENT_TABLES


def backup_tables(bind: Any = None) -> list[Table]:
    """Every table of the schema, parents before children (each foreign key points backwards).

    The domain's tables come from its models. With `bind` (a Connection or Engine) the tables
    that other parts of the application keep in the same database (the bot's inbox of
    updates and its persistence, `bot/models.py`) are read from the database itself, so a backup is
    whole without the domain importing the adapter. Shape: [Table], domain tables first.
    """
    from sqlalchemy import MetaData, inspect
    from sqlmodel import SQLModel

    from . import models  # noqa: F401  (registers the tables)

    tables = [t for t in SQLModel.metadata.sorted_tables if t.name not in _NOT_BACKED_UP]
    if bind is not None:
        known = {t.name for t in SQLModel.metadata.sorted_tables} | {"alembic_version"} | _NOT_BACKED_UP
        extra = sorted(set(inspect(bind).get_table_names()) - known)
        if extra:
            reflected = MetaData()
            reflected.reflect(bind, only=extra)
            tables += reflected.sorted_tables
    return tables


def _json_value(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def _schema_revision(session: Session) -> str | None:
    try:
        return session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except SQLAlchemyError:
        session.rollback()
        return None


def export_backup(session: Session, out: TextIO) -> dict[str, int]:
    """Write every row of every table as JSONL; returns rows written per table.

    Shape (README "Backup format"): a header line
    ``{"type": "backup", "format": "claims-backup", "version": 1, "schema": "0008",
    "created_at": ISO, "tables": {table: row count}}``, then one line per row,
    ``{"type": table, column: value, ...}`` with every column of the table (ids included;
    dates and times as ISO 8601 in UTC), tables in foreign-key order, rows by primary key.
    The counts in the header let `restore_backup` refuse a truncated file.
    """
    tables = backup_tables(session.connection())
    counts = {t.name: session.execute(select(func.count()).select_from(t)).scalar_one() for t in tables}
    header = {"type": "backup", "format": BACKUP_FORMAT, "version": BACKUP_VERSION,
              "schema": _schema_revision(session), "created_at": datetime.now(timezone.utc).isoformat(),
              "tables": counts}
    out.write(json.dumps(header, ensure_ascii=False) + "\n")
    for table in tables:
        names = [c.name for c in table.columns]
        stmt = select(*table.columns).order_by(*table.primary_key.columns).execution_options(yield_per=2000)
        for row in session.execute(stmt):
            record = {"type": table.name}
            record.update((name, _json_value(value)) for name, value in zip(names, row))
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return counts


# Columns derived from another one (claims.urls.url_key of a link): recomputed on restore, so a
# backup written before they existed, or by another release's normaliser, still finds links.
URL_KEY_COLUMNS = {"article": (("url", "url_key"),), "claim": (("review_url", "review_url_key"),),
                   "source": (("url", "url_key"),)}


def is_backup_header(record: dict) -> bool:
    return record.get("type") == "backup" and record.get("format") == BACKUP_FORMAT


@dataclass
class RestorePlan:
    """A checked backup: rows per table, ready to insert, and the tables they go to (in
    foreign-key order, as `backup_tables` gave them when the file was checked)."""

    rows: dict[str, list[dict]] = field(default_factory=dict)
    tables: list[Table] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self.rows.items()}


def check_backup(records: Iterable[tuple[int, dict]], problems: Problems, *, bind: Any = None) -> RestorePlan:
    """Validate a backup's records (header first) against the models; problems go to `problems`.

    Every column is checked by `claims.validation` (type, length, range, codes, required),
    then primary keys and unique constraints within the file, then every foreign key must point
    at a row of the file, and the header's counts must match (a truncated file is refused).
    """
    ordered = backup_tables(bind)
    tables = {t.name: t for t in ordered}
    plan = RestorePlan({name: [] for name in tables}, ordered)
    header: dict | None = None
    lines: dict[str, list[int]] = {name: [] for name in tables}
    for number, rec in records:
        if header is None:
            header = rec
            version = rec.get("version")
            if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= BACKUP_VERSION:
                problems.add(number, "version", f"this program reads backup version {BACKUP_VERSION}; "
                                                f"got {str(rec.get('version'))[:20]!r}")
            continue
        kind = rec.get("type")
        if kind in TRANSIENT_TABLES:  # an earlier release's backup: working state, not restored
            continue
        table = tables.get(kind) if isinstance(kind, str) else None
        if table is None:
            problems.add(number, "type", f"unknown record type {str(kind)[:40]!r}")
            continue
        row = {}
        for column in table.columns:
            label = f"{table.name}.{column.name}"
            if column.name not in rec:
                default = column.server_default.arg if column.server_default is not None else None
                if column.nullable or isinstance(default, str):
                    row[column.name] = default
                    continue
                problems.add(number, label, "is missing")
                continue
            row[column.name] = check_field(problems, number, label, rule(table, column.name), rec[column.name])
        extra = set(rec) - {"type"} - set(table.c.keys())
        for name in sorted(extra)[:3]:
            problems.add(number, f"{table.name}.{name}", "is not a column of this version's schema")
        for source_column, key_column in URL_KEY_COLUMNS.get(table.name, ()):  # derived: recomputed
            row[key_column] = url_key(row.get(source_column))
        plan.rows[table.name].append(row)
        lines[table.name].append(number)
    if header is None:
        problems.add(1, "file", "the backup is empty")
        return plan
    for table in tables.values():
        _check_unique(table, plan.rows[table.name], lines[table.name], problems)
    for table in tables.values():
        _check_references(table, plan.rows, lines[table.name], problems)
        _check_self_cycles(table, plan.rows[table.name], lines[table.name], problems)
    expected = header.get("tables")
    if not isinstance(expected, dict):
        problems.add(1, "tables", "must give the row count of each table (the header written by export); "
                                  "without it a truncated file cannot be told from a whole one")
        return plan
    for name, count in plan.counts().items():
        listed = expected.get(name, 0)  # a table a backup's release did not have holds no rows
        if listed != count:
            problems.add(1, f"tables.{name}", f"the header lists {listed or 'no'} rows, the file holds {count} "
                                               f"(truncated or edited backup)")
    for name in sorted(set(expected) - set(tables) - TRANSIENT_TABLES)[:3]:
        problems.add(1, f"tables.{str(name)[:40]}", "is not a table of this version's schema")
    return plan


def _unique_keys(table: Table) -> list[tuple[str, ...]]:
    keys = [tuple(c.name for c in table.primary_key.columns)]
    keys += [(c.name,) for c in table.columns if c.unique]
    keys += [tuple(c.name for c in con.columns) for con in table.constraints if isinstance(con, UniqueConstraint)]
    keys += [tuple(c.name for c in ix.columns) for ix in table.indexes if ix.unique]
    return list(dict.fromkeys(keys))


def _check_unique(table: Table, rows: list[dict], lines: list[int], problems: Problems) -> None:
    for key in _unique_keys(table):
        seen: dict[tuple, int] = {}
        for row, number in zip(rows, lines):
            values = tuple(row.get(k) for k in key)
            if any(v is None for v in values):
                continue
            if values in seen:
                problems.add(number, f"{table.name}.{','.join(key)}",
                             f"the same value as line {seen[values]} ({', '.join(str(v)[:40] for v in values)})")
            else:
                seen[values] = number


def _check_references(table: Table, rows: dict[str, list[dict]], lines: list[int], problems: Problems) -> None:
    for fk in table.foreign_keys:
        target = fk.column
        present = {r.get(target.name) for r in rows.get(target.table.name, [])}
        for row, number in zip(rows[table.name], lines):
            value = row.get(fk.parent.name)
            if value is not None and value not in present:
                problems.add(number, f"{table.name}.{fk.parent.name}",
                             f"points at {target.table.name} {value}, which is not in the backup")


def _check_self_cycles(table: Table, rows: list[dict], lines: list[int], problems: Problems) -> None:
    """A row may not lead back to itself through its own table (a claim merged into itself, or
    claims merged into each other): every claim of such a loop would vanish from search and cards."""
    for fk in table.foreign_keys:
        if fk.column.table is not table:
            continue
        key, ref = fk.column.name, fk.parent.name
        points = {r.get(key): r.get(ref) for r in rows if r.get(key) is not None}
        for row, number in zip(rows, lines):
            start, seen, at = row.get(key), [], row.get(key)
            while at is not None and at not in seen and len(seen) <= len(points):
                seen.append(at)
                at = points.get(at)
            if at is not None and at == start:
                chain = " → ".join(str(v) for v in [*seen, start])
                what = "merged into itself" if len(seen) == 1 else "in a loop"
                problems.add(number, f"{table.name}.{ref}", f"{table.name} {start} is {what} ({chain})")


def database_is_empty(session: Session, tables: list[Table] | None = None) -> bool:
    """True when no table (of `tables`, default all of `backup_tables`) holds a row (AppMeta's
    bookkeeping keys aside)."""
    for table in tables if tables is not None else backup_tables(session.connection()):
        if table.name == "appmeta":
            continue
        if session.execute(select(literal(1)).select_from(table).limit(1)).first() is not None:
            return False
    return True


def restore_backup(session: Session, plan: RestorePlan, *, chunk: int = 5000) -> dict[str, int]:
    """Insert a checked backup into an empty database keeping every id; one transaction.

    Self-references (a merged claim pointing at a later claim) are written after all rows;
    PostgreSQL sequences are moved past the restored ids so new rows continue after them.
    Raises Conflict when the database already holds data. Returns rows restored per table.
    """
    tables = plan.tables or backup_tables(session.connection())
    if not database_is_empty(session, tables):
        raise Conflict("the database already holds data; a backup is restored only into an empty database "
                       "(point DATABASE_URL at a new database, or import a fact-check file instead)")
    try:
        for table in tables:
            if table.name == "appmeta":  # bookkeeping written on start-up gives way to the backup's
                session.execute(delete(table))
            rows = plan.rows.get(table.name) or []
            if not rows:
                continue
            self_refs = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
            deferred = []
            if self_refs:
                pk = table.primary_key.columns.values()[0].name
                deferred = [(r[pk], {k: r[k] for k in self_refs}) for r in rows if any(r[k] is not None
                                                                                       for k in self_refs)]
                rows = [{**r, **{k: None for k in self_refs}} for r in rows]
            for start in range(0, len(rows), chunk):
                session.execute(insert(table), rows[start:start + chunk])
            for pk_value, values in deferred:
                session.execute(update(table).where(table.primary_key.columns.values()[0] == pk_value)
                                .values(**values))
        if session.get_bind().dialect.name == "postgresql":
            reset_sequences(session, tables)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return plan.counts()


def reset_sequences(session: Session, tables: Iterable[Table]) -> None:
    """PostgreSQL: make each serial id continue after the largest stored one."""
    for table in tables:
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or not isinstance(pk[0].type, Integer) or pk[0].autoincrement is False:
            continue
        seq = session.execute(text("SELECT pg_get_serial_sequence(:t, :c)"),
                              {"t": table.name, "c": pk[0].name}).scalar()
        if seq:
            session.execute(text(f'SELECT setval(:s, COALESCE((SELECT MAX("{pk[0].name}") FROM "{table.name}"), 1), '
                                 f'(SELECT MAX("{pk[0].name}") FROM "{table.name}") IS NOT NULL)'), {"s": seq})
