"""A Bot API stand-in speaking real HTTP on 127.0.0.1, for end-to-end tests of the `claimbot` process.

    with FakeBotApi(token="123:abc") as api:
        env["TELEGRAM_API_BASE_URL"] = api.base_url          # http://127.0.0.1:PORT/bot
        ...start claimbot...
        api.push(update_dict)                                # delivered by getUpdates (long poll)
        call = api.wait_for("sendMessage", lambda c: "…" in c.text)

Methods are answered by `bot.testing.LocalBotApi` (message ids, edits, getChatMember, Telegram's
400s for bad HTML / long texts / long callback data); this module adds the HTTP layer, the
token check (401 for any other token, as Telegram does), and getUpdates long polling from a
queue the test fills. Every call is recorded in `calls` (thread-safe).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from bot.testing import ApiCall, ApiError, LocalBotApi

TEXT_FIELDS = {"text", "caption", "query", "description", "title", "message_text", "callback_query_id",
               "inline_query_id", "next_offset", "secret_token", "url", "parse_mode", "language_code"}


class FakeBotApi:
    def __init__(self, token: str) -> None:
        self.token = token
        self.api = LocalBotApi()
        self.calls: list[ApiCall] = []
        self.updates: list[dict] = []
        self.cond = threading.Condition()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, name="fake-bot-api", daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/bot"

    def __enter__(self) -> FakeBotApi:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        with self.cond:
            self.cond.notify_all()
        self.server.shutdown()
        self.server.server_close()

    # -- what tests use -----------------------------------------------------------------------
    def push(self, update: dict) -> None:
        """Queue an update for the bot's next getUpdates; remembers the chat for realistic replies."""
        for key in ("message", "edited_message", "channel_post"):
            if key in update:
                self.api.note_chat(update[key]["chat"])
        with self.cond:
            self.updates.append(update)
            self.cond.notify_all()

    def wait_for(self, method: str, predicate: Callable[[ApiCall], bool] = lambda c: True, *,
                 timeout: float = 20.0, after: int = 0) -> ApiCall:
        """The first successful call of `method` (from index `after`) that satisfies `predicate`."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for call in self.calls[after:]:
                    if call.method == method and call.error is None and predicate(call):
                        return call
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [(c.method, c.text[:60]) for c in self.calls[-15:]]
                    raise AssertionError(f"no {method} matching within {timeout}s; last calls: {seen}")
                self.cond.wait(left)

    def mark(self) -> int:
        with self.cond:
            return len(self.calls)

    def message(self, call: ApiCall) -> dict:
        """The current state of the message a sendMessage call created (for pressing its buttons)."""
        r = call.result
        return self.api.messages.get((r["chat"]["id"], r["message_id"]), r)

    # -- the server ---------------------------------------------------------------------------
    def _get_updates(self, params: dict) -> list[dict]:
        offset = int(params.get("offset") or 0)
        timeout = min(float(params.get("timeout") or 0), 2.0)  # short polls keep shutdown quick
        deadline = time.monotonic() + timeout
        with self.cond:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
            while not self.updates and time.monotonic() < deadline:
                self.cond.wait(deadline - time.monotonic())
            return list(self.updates)

    def _handle(self, path: str, body: bytes, content_type: str) -> tuple[int, dict]:
        parts = urlsplit(path).path.strip("/").split("/")
        if len(parts) != 2 or parts[0] != f"bot{self.token}":
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        method = parts[1]
        params = _decode(body, content_type)
        if method == "getUpdates":
            result = self._get_updates(params)
            return 200, {"ok": True, "result": result}
        call = ApiCall(method, params)
        try:
            call.result = self.api.answer(method, params)
        except ApiError as err:
            call.error = err
        with self.cond:
            self.calls.append(call)
            self.cond.notify_all()
        if call.error is not None:
            return call.error.code, {"ok": False, "error_code": call.error.code,
                                     "description": call.error.description}
        return 200, {"ok": True, "result": call.result}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                code, payload = fake._handle(self.path, body, self.headers.get("Content-Type", ""))
                data = json.dumps(payload, ensure_ascii=False).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST  # noqa: N815

            def log_message(self, *args: object) -> None:
                pass

        return Handler


def _decode(body: bytes, content_type: str) -> dict:
    """PTB posts form fields whose non-string values are JSON; JSON bodies are accepted too."""
    if not body:
        return {}
    if "application/json" in content_type:
        return json.loads(body)
    params = {}
    for key, value in parse_qsl(body.decode(), keep_blank_values=True):
        if key in TEXT_FIELDS:
            params[key] = value
            continue
        try:
            params[key] = json.loads(value)
        except ValueError:
            params[key] = value
    return params
