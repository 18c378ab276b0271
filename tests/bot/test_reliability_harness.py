"""Shared pieces of the reliability and hostile tests (and a few checks of the pieces themselves).

* `TcpProxy`: a TCP proxy on 127.0.0.1 that can be stopped (every connection cut, new ones
  refused) and started again on the same port: a PostgreSQL server that blinks.
* `SlowBotApi`: the shared Bot API stand-in (tests/bot/fake_bot_api.py) with a slow sendMessage
  and a record of what was really delivered, for `claimbot` subprocesses.

(`start_app`, the Application on any database URL with a few claims, is in tests/bot/conftest.py.)
"""

from __future__ import annotations

import importlib.util
import json
import socket
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.models import InboxUpdate
from bot.testing import LocalBotApi
from conftest import TOKEN, start_app
from fake_bot_api import FakeBotApi

_ROOT_CONFTEST = Path(__file__).resolve().parent.parent / "conftest.py"


def root_conftest():  # noqa: ANN201
    """tests/conftest.py (shadowed on sys.path by tests/bot/conftest.py): postgres_base_url,
    make_postgres_schema_url, script."""
    spec = importlib.util.spec_from_file_location("claims_tests_root_conftest", _ROOT_CONFTEST)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pg_target() -> tuple[str, int]:
    """(host, port) of the test PostgreSQL; skips (or fails under CI=true) without TEST_POSTGRES_URL."""
    from sqlalchemy.engine import make_url

    url = make_url(root_conftest().postgres_base_url())
    return url.host or "127.0.0.1", url.port or 5432


def via_proxy(url: str, port: int) -> str:
    """The same PostgreSQL URL (schema and all), pointed at 127.0.0.1:`port`."""
    from sqlalchemy.engine import make_url

    return make_url(url).set(host="127.0.0.1", port=port).render_as_string(hide_password=False)

# --- a PostgreSQL that blinks -----------------------------------------------------------------------

class TcpProxy:
    """127.0.0.1:<port> → target, in a thread. `stop()` cuts every connection and refuses new ones."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self._listener: socket.socket | None = None
        self._conns: set[socket.socket] = set()
        self._lock = threading.Lock()
        self.accepted = 0

    def start(self) -> None:
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        for _ in range(50):
            try:
                sock.bind(("127.0.0.1", self.port))
                break
            except OSError:
                time.sleep(0.05)
        sock.listen(64)
        self._listener = sock
        threading.Thread(target=self._accept, args=(sock,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            self.accepted += 1
            with self._lock:
                self._conns |= {client, upstream}
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()

    def stop(self) -> None:
        if self._listener is not None:
            try:
                self._listener.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept()
            except OSError:
                pass
            self._listener.close()
            self._listener = None
        with self._lock:
            conns, self._conns = self._conns, set()
        for s in conns:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()


# --- a Bot API over HTTP for subprocesses -----------------------------------------------------------

class SlowBotApi(FakeBotApi):
    """tests/bot/fake_bot_api.FakeBotApi (LocalBotApi's answers over HTTP, getUpdates long polling)
    plus: `send_delay` seconds before answering sendMessage, and `delivered` — the sendMessage
    calls that count as delivered: answered 200 to a client that was still connected. A process
    killed while waiting for the answer did not get its message out (Telegram commits a message
    when it answers; the stand-in models that).
    """

    def __init__(self, token: str) -> None:
        super().__init__(token)
        self.send_delay = 0.0
        self.delivered: list[dict] = []
        self.in_flight = 0
        self.abandoned = 0

    def deliveries(self) -> dict[int, int]:
        out: dict[int, int] = {}
        with self.cond:
            for params in self.delivered:
                out[int(params["chat_id"])] = out.get(int(params["chat_id"]), 0) + 1
        return out

    def wait_until(self, predicate, timeout: float = 30.0) -> bool:  # noqa: ANN001
        deadline = time.monotonic() + timeout
        with self.cond:
            while not predicate():
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self.cond.wait(min(left, 0.2))
            return True

    def _handler(self):  # noqa: ANN202
        from fake_bot_api import _decode

        fake = self
        base = super()._handler()

        class Handler(base):
            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                sending = self.path.endswith("/sendMessage")
                if sending and fake.send_delay:
                    with fake.cond:
                        fake.in_flight += 1
                        fake.cond.notify_all()
                    try:
                        deadline = time.monotonic() + fake.send_delay
                        while time.monotonic() < deadline:
                            time.sleep(0.02)
                            if self._client_gone():
                                with fake.cond:
                                    fake.abandoned += 1
                                    fake.cond.notify_all()
                                return
                    finally:
                        with fake.cond:
                            fake.in_flight -= 1
                code, payload = fake._handle(self.path, body, self.headers.get("Content-Type", ""))
                data = json.dumps(payload, ensure_ascii=False).encode()
                try:
                    self.send_response(code)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                    self.wfile.flush()
                except OSError:
                    return
                if sending and code == 200 and not self._client_gone():
                    with fake.cond:
                        fake.delivered.append(_decode(body, self.headers.get("Content-Type", "")))
                        fake.cond.notify_all()

            def _client_gone(self) -> bool:
                import select

                try:
                    readable, _, _ = select.select([self.connection], [], [], 0)
                    return bool(readable) and self.connection.recv(1, socket.MSG_PEEK) == b""
                except OSError:
                    return True

        return Handler


# --- checks of the pieces ---------------------------------------------------------------------------

async def test_harness_runs_the_real_application_on_both_databases(migrated_url):
    h = await start_app(migrated_url)
    try:
        await h.command("claim", str(h.ids["vaccine"]))
        assert "аутизм" in h.replies()[-1]
        assert not h.seen_errors
    finally:
        await h.close()


def test_proxy_stops_and_starts_on_the_same_port():
    import psycopg

    target = pg_target()
    proxy = TcpProxy(target)
    proxy.start()
    try:
        dsn = f"postgresql://postgres@127.0.0.1:{proxy.port}/test"
        with psycopg.connect(dsn, connect_timeout=3) as conn:
            assert conn.execute("select 1").fetchone() == (1,)
            proxy.stop()
            with pytest.raises(psycopg.OperationalError):
                conn.execute("select 1")
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(dsn, connect_timeout=1)
        proxy.start()
        with psycopg.connect(dsn, connect_timeout=3) as conn:
            assert conn.execute("select 1").fetchone() == (1,)
    finally:
        proxy.stop()


def pending(engine) -> int:  # noqa: ANN001
    """How many stored updates wait to be processed (leased ones included)."""
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(InboxUpdate)
                            .where(InboxUpdate.done_at.is_(None))).scalar_one()
