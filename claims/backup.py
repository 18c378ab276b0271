"""Online backups: SQLite's backup API copies a live database consistently."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.engine import Engine

from .errors import InvalidInput


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
