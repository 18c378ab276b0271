"""The schema comes only from Alembic, and the migrations agree with the models on both databases."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

import bot.models  # noqa: F401
import claims.models  # noqa: F401
from claims.db import alembic_config, is_current, make_engine, open_database


def test_migrations_create_exactly_the_models(db_url):
    engine = open_database(db_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), SQLModel.metadata)
    assert diff == [], f"models and migrations disagree: {diff}"
    assert is_current(engine)
    engine.dispose()


def test_downgrade_to_base_and_back(db_url):
    engine = open_database(db_url)
    tables = set(inspect(engine).get_table_names())
    assert {"claim", "article", "source", "verdicthistory", "tip", "subscription"} <= tables
    cfg = alembic_config(db_url)
    command.downgrade(cfg, "base")
    engine.dispose()
    engine = make_engine(db_url)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    assert not is_current(engine)
    command.upgrade(cfg, "head")
    assert set(inspect(engine).get_table_names()) == tables
    engine.dispose()


def test_db_upgrade_command_on_empty_database(run_cli, db_url):
    proc = run_cli("db", "upgrade")
    assert proc.returncode == 0, proc.stderr
    assert "up to date" in proc.stdout
    assert is_current(make_engine(db_url))
