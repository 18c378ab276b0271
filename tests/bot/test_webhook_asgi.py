"""The webhook route of the one web process (bot/webhook.py): refused before the body is read, and a
real `claimbot --webhook` serving updates and the claim pages on one port."""

from __future__ import annotations

import asyncio
import http.client
import json
import signal
import socket
import subprocess
import time
import urllib.request

import pytest
from starlette.applications import Starlette
from telegram import Update

from bot.testing import UpdateFactory
from bot.webhook import webhook_route
from claims.errors import DatabaseUnavailable
from conftest import free_port

SECRET = "s3cret_token-1"
LIMIT = 1_000_000


class Asgi:
    """Drives the route with raw ASGI messages and records whether anyone read the body; what the
    route stores goes to `queue` as (update_id, raw text), unless `down` (the database is out)."""

    def __init__(self) -> None:
        self.queue: asyncio.Queue = asyncio.Queue()
        self.down = False

        async def intake(update_id: int, raw: str, parsed: Update | None) -> bool:
            if self.down:
                raise DatabaseUnavailable("the database is unavailable: connection refused")
            self.queue.put_nowait((update_id, raw))
            return True

        self.web = Starlette(routes=[webhook_route(intake, "hook/tg", SECRET, LIMIT)])

    async def post(self, headers: dict[str, str], chunks: list[bytes | None]) -> tuple[int, int]:
        """(status, how many body chunks the app asked for); a None chunk is a disconnect."""
        reads = 0
        sent: list[dict] = []
        pending = list(chunks)

        async def receive() -> dict:
            nonlocal reads
            reads += 1
            body = pending.pop(0) if pending else b""
            if body is None:  # the sender hung up
                return {"type": "http.disconnect"}
            return {"type": "http.request", "body": body, "more_body": bool(pending)}

        async def send(message: dict) -> None:
            sent.append(message)

        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
                 "scheme": "http", "path": "/hook/tg", "raw_path": b"/hook/tg", "query_string": b"",
                 "root_path": "", "server": ("127.0.0.1", 8443), "client": ("127.0.0.1", 5000),
                 "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()]}
        await self.web(scope, receive, send)
        return sent[0]["status"], reads


def update_bytes(update_id: int = 1) -> bytes:
    return json.dumps(UpdateFactory(first_update_id=update_id).command("start", user=UpdateFactory().user(5, "en"))
                      ).encode()


async def test_refused_before_the_body_is_read():
    asgi = Asgi()
    huge = {"Content-Length": str(95_000_000), "Content-Type": "application/json"}
    # no secret, a wrong one, the right one with a body over the limit, no length at all
    assert await asgi.post(huge, [b"x" * 65536] * 3) == (403, 0)
    assert await asgi.post({**huge, "X-Telegram-Bot-Api-Secret-Token": "wrong"}, [b"x"]) == (403, 0)
    assert await asgi.post({**huge, "X-Telegram-Bot-Api-Secret-Token": SECRET + "x"}, [b"x"]) == (403, 0)
    assert await asgi.post({**huge, "X-Telegram-Bot-Api-Secret-Token": SECRET}, [b"x"]) == (413, 0)
    assert await asgi.post({"X-Telegram-Bot-Api-Secret-Token": SECRET, "Transfer-Encoding": "chunked"},
                           [b"{}"]) == (411, 0)
    assert await asgi.post({"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Length": "-5"}, [b"{}"]) == (411, 0)
    assert asgi.queue.empty()


async def test_a_body_longer_than_it_said_is_cut_off():
    asgi = Asgi()
    status, reads = await asgi.post({"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Length": "10"},
                                    [b"x" * 600_000] * 5)
    assert status == 413 and reads == 2 and asgi.queue.empty()


async def test_a_sender_that_hangs_up_or_names_an_absurd_length_gets_an_answer_not_a_traceback(caplog):
    asgi = Asgi()
    ok = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    # said 1000 bytes, sent 2, hung up: ClientDisconnect was an "Exception in ASGI application"
    assert await asgi.post({**ok, "Content-Length": "1000"}, [b"{}", None]) == (400, 2)
    # 5000 digits: int() refuses more than 4300 (h11 stops it first; httptools would not)
    assert await asgi.post({**ok, "Content-Length": "9" * 5000}, [b"{}"]) == (413, 0)
    assert await asgi.post({**ok, "Content-Length": "0" * 5000 + "2"}, [b"{}"]) == (413, 0)
    assert asgi.queue.empty() and "Traceback" not in caplog.text


async def test_updates_are_stored_raw_and_junk_gets_400():
    asgi = Asgi()
    ok = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    body = update_bytes(77)
    assert (await asgi.post({**ok, "Content-Length": str(len(body))}, [body[:10], body[10:]]))[0] == 200
    update_id, raw = asgi.queue.get_nowait()
    assert update_id == 77 and raw == body.decode()  # the bytes Telegram sent, stored as they came
    assert Update.de_json(json.loads(raw), None).message.text == "/start"
    no_id = json.dumps({"update_id": "7", "message": {}}).encode()
    for junk in (b"not json", b"[1, 2]", b'"text"', b"\xff\xfe", b"{}", no_id, b'{"update_id": true}'):
        status, _ = await asgi.post({**ok, "Content-Length": str(len(junk))}, [junk])
        assert status == 400, junk
    assert asgi.queue.empty()


async def test_an_update_python_telegram_bot_cannot_read_is_acknowledged_not_refused_forever(caplog):
    """Well-formed JSON with the secret and an update_id, but fields PTB cannot read (a message that
    is a string, a callback query without its sender): refused, Telegram would deliver it again and
    again, holding up every later update. It is stored and acknowledged once; the worker sets it aside."""
    asgi = Asgi()
    ok = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    odd = [{"update_id": 90, "message": "text"}, {"update_id": 91, "callback_query": {"id": "1"}},
           {"update_id": 92, "message": {"message_id": 1, "chat": {"id": 1, "type": "private"}}}]
    for data in odd:
        body = json.dumps(data).encode()
        assert (await asgi.post({**ok, "Content-Length": str(len(body))}, [body]))[0] == 200, data
    assert [asgi.queue.get_nowait()[0] for _ in odd] == [90, 91, 92]
    assert "Traceback" not in caplog.text and '"text"' not in caplog.text


async def test_an_update_the_database_cannot_store_is_not_acknowledged(caplog):
    """200 means stored: with the database out the answer is 503 (Telegram delivers it again later)."""
    asgi = Asgi()
    ok = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    body = update_bytes(78)
    asgi.down = True
    status, _ = await asgi.post({**ok, "Content-Length": str(len(body))}, [body])
    assert status == 503 and asgi.queue.empty()
    asgi.down = False
    assert (await asgi.post({**ok, "Content-Length": str(len(body))}, [body]))[0] == 200
    assert asgi.queue.get_nowait()[0] == 78
    assert "Traceback" not in caplog.text


def test_a_refused_upload_is_cut_off_not_swallowed():
    """403/411/413 are answered before the body is read, and the server then hangs up: a sender
    without the secret pushing 95 MB (chunked or with a Content-Length) gets no further than the
    socket buffers, instead of having uvicorn read and discard all of it."""
    import threading

    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(Asgi().web, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        while not server.started:
            time.sleep(0.02)
        mb = b"x" * (1 << 20)
        chunked = b"%x\r\n" % len(mb) + mb + b"\r\n"
        for headers, piece in (({"Content-Length": str(95 << 20)}, mb),
                               ({"Transfer-Encoding": "chunked"}, chunked),
                               ({"Transfer-Encoding": "chunked", "X-Telegram-Bot-Api-Secret-Token": SECRET}, chunked)):
            conn = socket.create_connection(("127.0.0.1", port), timeout=10)
            conn.sendall(("POST /hook/tg HTTP/1.1\r\nHost: x\r\n"
                          + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n").encode())
            sent = 0
            try:
                for _ in range(95):
                    conn.sendall(piece)
                    sent += len(piece)
            except OSError:  # the server hung up
                pass
            conn.close()
            assert sent < 40 << 20, (headers, sent)
    finally:
        server.should_exit = True
        thread.join(10)


# --- the real process ------------------------------------------------------------------------

@pytest.mark.slow
def test_one_process_serves_the_webhook_and_the_pages(tmp_path):
    from conftest import _build_seed  # noqa: PLC2701  (tests/bot/conftest.py)
    from fake_bot_api import FakeBotApi
    from test_e2e import TOKEN, clean_env, script

    from claims.db import open_database
    from claims.services.verdicts import set_verdict

    db = tmp_path / "one.db"
    ids = _build_seed(db)
    engine = open_database(f"sqlite:///{db}")
    from sqlmodel import Session

    with Session(engine) as s:
        claim_id = ids["inflation"]
        set_verdict(s, claim_id, "mostly_true", reason="пересчёт", by="desk")
    engine.dispose()
    port = free_port()
    make = UpdateFactory()
    with FakeBotApi(TOKEN) as api:
        env = clean_env(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=api.base_url, DATABASE_URL=f"sqlite:///{db}",
                        WEBHOOK_SECRET=SECRET, PUBLIC_BASE_URL="https://fc.example.org")
        proc = subprocess.Popen([script("claimbot"), "--webhook", "--listen", "127.0.0.1", "--port", str(port),
                                 "--url", "https://bot.example.org/hook/tg"], env=env, cwd=tmp_path,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            api.wait_for("setWebhook", timeout=60)
            page = None
            for _ in range(100):
                try:
                    page = urllib.request.urlopen(f"http://127.0.0.1:{port}/claims/{claim_id}?lang=en", timeout=5)
                    break
                except OSError:
                    time.sleep(0.2)
            assert page is not None and page.status == 200
            html = page.read().decode()
            assert "application/ld+json" in html and "mostly true" in html
            # 95 MB announced without the secret: answered at once, nothing sent after the headers
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.putrequest("POST", "/hook/tg")
            conn.putheader("Content-Length", str(95_000_000))
            conn.putheader("Content-Type", "application/json")
            conn.endheaders()
            assert conn.getresponse().status == 403
            conn.close()
            body = json.dumps(make.command("claim", str(claim_id), user=make.user(6, "en"))).encode()
            req = urllib.request.Request(f"http://127.0.0.1:{port}/hook/tg", data=body,
                                         headers={"Content-Type": "application/json",
                                                  "X-Telegram-Bot-Api-Secret-Token": SECRET})
            assert urllib.request.urlopen(req, timeout=10).status == 200
            card = api.wait_for("sendMessage", lambda c: c.params.get("chat_id") == 6)
            assert f'href="https://fc.example.org/claims/{claim_id}"' in card.params["text"]
        finally:
            proc.send_signal(signal.SIGINT)
            out, _ = proc.communicate(timeout=30)
        assert proc.returncode == 0, out[-2000:]
        assert TOKEN not in out and "Traceback" not in out


def test_a_port_in_use_is_one_line_before_anything_starts(tmp_path):
    from test_e2e import TOKEN, clean_env, script

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = clean_env(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL="http://127.0.0.1:9/bot",
                        DATABASE_URL=f"sqlite:///{tmp_path / 'p.db'}", WEBHOOK_SECRET=SECRET, LOG_LEVEL="WARNING")
        proc = subprocess.run([script("claimbot"), "--webhook", "--listen", "127.0.0.1", "--port", str(port),
                               "--url", "https://bot.example.org/hook"], env=env, cwd=tmp_path, capture_output=True,
                              text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert proc.stderr.strip().splitlines()[-1] == f"error: cannot listen on 127.0.0.1:{port}: Address already in use"
    assert "Traceback" not in proc.stderr
