"""The Telegram webhook route beside the public pages, one uvicorn server (as PTB's customwebhookbot.py):
200 only once the update is stored in the inbox (status codes: README.md, "Running in production").
"""

from __future__ import annotations

import asyncio
import functools
import hmac
import json
import logging
import socket
import sys
from collections.abc import Awaitable, Callable
from types import FrameType

import uvicorn
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route
from telegram import Update
from telegram.ext import Application, ExtBot

from claims.errors import DatabaseUnavailable
from claims.web import create_app

from . import inbox
from .runtime import Runtime

log = logging.getLogger(__name__)
SECRET_HEADER = "x-telegram-bot-api-secret-token"
Intake = Callable[[int, str, "Update | None"], Awaitable[object]]


def _refuse(status: int) -> Response:
    """An answer without reading the body; the server hangs up instead of reading the rest."""
    return Response(status_code=status, headers={"Connection": "close"})


def webhook_route(intake: Intake, path: str, secret: str, max_body: int, bot: ExtBot | None = None) -> Route:
    """POST `path`: each update handed to ``await intake(update_id, raw JSON text, parsed)``, which
    stores it or raises DatabaseUnavailable; `parsed` is the Update read with `bot` (None when PTB
    cannot read it), which this process's inbox worker uses instead of reading the text again."""
    expected = secret.encode()

    async def telegram(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "").encode("utf-8", "replace")
        if not hmac.compare_digest(given, expected):
            return _refuse(403)
        length = request.headers.get("content-length", "")
        if not (length.isascii() and length.isdigit()):
            return _refuse(411)
        if len(length) > 15 or int(length) > max_body:  # int() refuses over 4300 digits
            return _refuse(413)
        body = bytearray()
        try:
            async for chunk in request.stream():
                body += chunk
                if len(body) > max_body:
                    return _refuse(413)
        except ClientDisconnect:  # nobody is left to read the answer; no traceback in the log
            log.warning("webhook: the sender hung up before the whole body arrived")
            return Response(status_code=400)
        try:
            data = json.loads(raw := body.decode("utf-8"))
            if not (isinstance(data, dict) and inbox.is_update_id(update_id := data.get("update_id"))):
                raise ValueError("not a JSON object with an update_id")
        except Exception as err:  # noqa: BLE001  (anything unparsable is the sender's fault: 400, no traceback)
            log.warning("webhook: refused a body that is not a Telegram update (%s)", type(err).__name__)
            return Response(status_code=400)
        try:
            parsed = Update.de_json(data, bot)
        except Exception as err:  # noqa: BLE001 - Telegram sent it (the secret): stored, set aside later
            log.warning("webhook: update %s is not readable by python-telegram-bot (%s); stored, it will be "
                        "set aside", update_id, type(err).__name__)
            parsed = None
        try:
            await intake(update_id, raw, parsed)
        except DatabaseUnavailable:
            log.warning("webhook: update %s not stored (the database is unavailable): answered 503, Telegram "
                        "will deliver it again", update_id)
            return Response(status_code=503, headers={"Retry-After": "10"})
        return Response(status_code=200)

    return Route("/" + path.lstrip("/"), telegram, methods=["POST"])


class _Server(uvicorn.Server):
    """uvicorn's server, not re-raising the SIGINT/SIGTERM it stopped on once serve() returns (that
    would cut the Application's shutdown short)."""

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        super().handle_exit(sig, frame)
        self._captured_signals.clear()  # what uvicorn re-raises after serving


async def serve(application: Application, runtime: Runtime, *, sock: socket.socket, url_path: str,
                webhook_url: str, secret_token: str, max_body: int) -> None:
    """The Application and the web server (claims.web's pages behind the webhook route) in PTB's
    run_webhook order: initialize, post_init, start, listen, then setWebhook … stop, shutdown."""
    route = webhook_route(functools.partial(inbox.intake, application), url_path, secret_token, max_body,
                          application.bot)
    web = create_app(runtime.settings, runtime.engine, runtime.matcher, extra_routes=[route])
    host, port = sock.getsockname()[:2]
    server = _Server(uvicorn.Config(web, host=host, port=port, lifespan="off", access_log=False,
                                    server_header=False, log_level=runtime.settings.log_level.lower()))
    async with application:  # initialize … shutdown
        await application.post_init(application)
        await application.start()
        try:
            serving = asyncio.create_task(server.serve(sockets=[sock]))
            while not server.started and not serving.done():  # listen first, then tell Telegram
                await asyncio.sleep(0.05)
            try:
                if server.started:
                    await application.bot.set_webhook(url=webhook_url, allowed_updates=Update.ALL_TYPES,
                                                      secret_token=secret_token)
            except BaseException:
                server.should_exit = True
                raise
            finally:
                await serving
        finally:
            await application.stop()


def run_webhook(application: Application, runtime: Runtime, *, listen: str, port: int,
                **options: object) -> None:
    """`claimbot --webhook`: blocks until SIGINT/SIGTERM; options as `serve`. An address that cannot
    be listened on stops the program with one line (exit 1) before anything starts."""
    sock = socket.socket(socket.AF_INET6 if ":" in listen else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((listen, port))
    except OSError as err:
        sock.close()
        print(f"error: cannot listen on {listen}:{port}: {err.strerror or err}", file=sys.stderr)
        raise SystemExit(1) from None
    sock.set_inheritable(True)
    try:
        asyncio.run(serve(application, runtime, sock=sock, **options))
    except KeyboardInterrupt:
        log.debug("stopped by the keyboard")
    finally:
        sock.close()
