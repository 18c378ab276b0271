"""One web process: the Telegram webhook endpoint and the public pages in one ASGI application.

Follows python-telegram-bot's own custom-webhook example (examples/customwebhookbot.py): the
Application runs without its built-in (tornado) webhook server, a Starlette route stores each
update in the inbox table (bot/inbox.py; the Application's inbox worker processes it from there),
and uvicorn serves that route together with the claim pages of :mod:`claims.web`.

The endpoint refuses before reading any of the body: a request without the right
``X-Telegram-Bot-Api-Secret-Token`` (403), without a Content-Length (411) or declaring more than
``WEBHOOK_MAX_BODY_BYTES`` (413), and closes the connection so the rest of the upload is not read
either; a body that still grows past the limit is cut off (413). A body
that is not a JSON object, has no integer ``update_id``, or whose sender hangs up before it is all
there, gets 400. A body with the secret and an ``update_id`` that python-telegram-bot cannot read
(a field of an unexpected type) is stored and acknowledged all the same — refused, Telegram would
deliver it again and again — and the worker sets it aside with a warning. 200 means the update is stored in the database (committed): a worker will process it even
if this process dies next. An update already stored (a redelivery) gets 200 again and adds no row.
When the database cannot store it within a couple of seconds (an outage) the answer is 503, so
Telegram keeps the update and delivers it again later.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import signal
import socket
import sys
import threading
from collections.abc import Awaitable, Callable, Iterator

import uvicorn
from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route
from telegram import Update
from telegram.ext import Application

from claims.errors import DatabaseUnavailable
from claims.web import create_app

from . import inbox
from .runtime import Runtime

log = logging.getLogger(__name__)
SECRET_HEADER = "x-telegram-bot-api-secret-token"
Intake = Callable[[int, str], Awaitable[object]]


def _refuse(status: int) -> Response:
    """An answer sent without reading the body; ``Connection: close`` so that the server hangs up
    instead of reading (and discarding) the rest of what the sender is still uploading."""
    return Response(status_code=status, headers={"Connection": "close"})


def webhook_route(intake: Intake, path: str, secret: str, max_body: int) -> Route:
    """POST `path`: each of Telegram's updates handed to ``await intake(update_id, raw JSON text)``,
    which stores it and raises DatabaseUnavailable when it cannot (see the module docstring)."""
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
            raw = body.decode("utf-8")
            data = json.loads(raw)
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
            update_id = data.get("update_id")
            if not (isinstance(update_id, int) and not isinstance(update_id, bool) and 0 <= update_id < 2**63):
                raise ValueError("no update_id")
        except Exception as err:  # noqa: BLE001  (anything unparsable is the sender's fault: 400, no traceback)
            log.warning("webhook: refused a body that is not a Telegram update (%s)", type(err).__name__)
            return Response(status_code=400)
        try:
            Update.de_json(data, None)
        except Exception as err:  # noqa: BLE001
            # It came with the secret, so Telegram sent it: refusing it would only make Telegram
            # deliver it again and again (and slow every later update down). Stored and
            # acknowledged; the worker sets it aside with a warning (bot/inbox.py).
            log.warning("webhook: update %s is not readable by python-telegram-bot (%s); stored, it will be "
                        "set aside", update_id, type(err).__name__)
        try:
            await intake(update_id, raw)
        except DatabaseUnavailable:
            log.warning("webhook: update %s not stored (the database is unavailable): answered 503, Telegram "
                        "will deliver it again", update_id)
            return Response(status_code=503, headers={"Retry-After": "10"})
        return Response(status_code=200)

    return Route("/" + path.lstrip("/"), telegram, methods=["POST"])


def build_web_app(application: Application, runtime: Runtime, *, url_path: str, secret_token: str,
                  max_body: int) -> Starlette:
    """The public pages of claims.web with the webhook route in front, on the bot's engine and matcher."""
    async def store(update_id: int, raw: str) -> bool:
        return await inbox.intake(application, update_id, raw)

    route = webhook_route(store, url_path, secret_token, max_body)
    return create_app(runtime.settings, runtime.engine, runtime.matcher, extra_routes=[route])


class _Server(uvicorn.Server):
    """uvicorn's server, stopping on SIGINT/SIGTERM without re-raising the signal afterwards
    (uvicorn re-raises it when serve() returns, which would cut the Application's shutdown short)."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        previous = {sig: signal.signal(sig, self.handle_exit) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


def listening_socket(listen: str, port: int) -> socket.socket:
    """A socket bound to listen:port; OSError (address in use, no such address) before anything starts."""
    sock = socket.socket(socket.AF_INET6 if ":" in listen else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((listen, port))
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


async def serve(application: Application, runtime: Runtime, *, sock: socket.socket, url_path: str,
                webhook_url: str, secret_token: str, max_body: int) -> None:
    """Run the Application and the web server together, in the order of PTB's run_webhook:
    initialize, post_init, start, listen, then setWebhook (so Telegram's first post finds us
    listening) … stop, post_stop, shutdown, post_shutdown."""
    web = build_web_app(application, runtime, url_path=url_path, secret_token=secret_token, max_body=max_body)
    host, port = sock.getsockname()[:2]
    server = _Server(uvicorn.Config(web, host=host, port=port, lifespan="off", access_log=False,
                                    server_header=False, log_level=runtime.settings.log_level.lower()))
    try:
        await application.initialize()
        if application.post_init:
            await application.post_init(application)
        await application.start()
        try:
            serving = asyncio.create_task(server.serve(sockets=[sock]))
            while not server.started and not serving.done():  # listen first, then tell Telegram
                await asyncio.sleep(0.05)
            if server.started:
                try:
                    await application.bot.set_webhook(url=webhook_url, allowed_updates=Update.ALL_TYPES,
                                                      secret_token=secret_token)
                except BaseException:
                    server.should_exit = True
                    await serving
                    raise
            await serving
        finally:
            await application.stop()
            if application.post_stop:
                await application.post_stop(application)
    finally:
        await application.shutdown()
        if application.post_shutdown:
            await application.post_shutdown(application)


def run_webhook(application: Application, runtime: Runtime, *, listen: str, port: int,
                **options: object) -> None:
    """`claimbot --webhook`: blocks until SIGINT/SIGTERM. Options as :func:`serve`; an address that
    cannot be listened on stops the program with one line (exit 1) before anything starts."""
    try:
        sock = listening_socket(listen, port)
    except OSError as err:
        print(f"error: cannot listen on {listen}:{port}: {err.strerror or err}", file=sys.stderr)
        raise SystemExit(1) from None
    try:
        asyncio.run(serve(application, runtime, sock=sock, **options))
    except KeyboardInterrupt:
        log.debug("stopped by the keyboard")
    finally:
        sock.close()
