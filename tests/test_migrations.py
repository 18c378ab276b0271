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


def _schema(engine) -> dict:  # noqa: ANN001
    """Tables with their columns (name, type, nullability, default), indexes, unique and foreign keys."""
    insp = inspect(engine)
    out = {}
    for t in sorted(insp.get_table_names()):
        out[t] = (
            [(c["name"], str(c["type"]), c["nullable"], str(c.get("default"))) for c in insp.get_columns(t)],
            sorted((i["name"], tuple(i["column_names"]), bool(i["unique"])) for i in insp.get_indexes(t)),
            sorted((u["name"], tuple(u["column_names"])) for u in insp.get_unique_constraints(t)),
            sorted((f["referred_table"], tuple(f["constrained_columns"])) for f in insp.get_foreign_keys(t)),
            insp.get_pk_constraint(t)["constrained_columns"],
        )
    return out


def test_the_tests_laid_down_schema_is_the_migrated_one(migrated_url, other_db_url):
    """The suite's `migrated_url` (a copied or replayed schema, tests/conftest.py) is what the
    migrations build, so tests on it test the real schema."""
    laid, fresh = make_engine(migrated_url), open_database(other_db_url)
    try:
        assert len(_schema(laid)) > 10 and _schema(laid) == _schema(fresh)
        with laid.connect() as a, fresh.connect() as b:
            assert MigrationContext.configure(a).get_current_heads() == MigrationContext.configure(b).get_current_heads()
        assert is_current(laid)
    finally:
        laid.dispose()
        fresh.dispose()
