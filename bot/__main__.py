"""`claimbot` / `python -m bot`: long polling, a webhook behind HTTPS, or — without a token — a terminal chat."""

from __future__ import annotations

import argparse
import logging
import re
import sys
from urllib.parse import urlsplit

SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="claimbot",
        description="Telegram bot of the claim tracker. Without TELEGRAM_BOT_TOKEN it opens a chat on the "
                    "terminal that runs the same handlers.")
    p.add_argument("--console", action="store_true", help="terminal chat even when a token is set")
    p.add_argument("--as-moderator", action="store_true", help="console: act as a moderator")
    p.add_argument("--user-id", type=int, default=None, help="console: your Telegram user id (default 1)")
    p.add_argument("--lang", choices=("ru", "en"), default=None, help="console: your Telegram language")
    p.add_argument("--webhook", action="store_true", help="receive updates by webhook instead of long polling")
    p.add_argument("--listen", default=None, help="webhook: address to listen on (WEBHOOK_LISTEN)")
    p.add_argument("--port", type=int, default=None, help="webhook: port (WEBHOOK_PORT)")
    p.add_argument("--url", default=None, help="webhook: public HTTPS URL Telegram posts to (WEBHOOK_URL)")
    p.add_argument("--secret", default=None, help="webhook: secret token checked on every request (WEBHOOK_SECRET)")
    return p.parse_args(argv)


def fail(message: str, code: int = 2) -> None:
    print(f"error: {message}", file=sys.stderr)
    raise SystemExit(code)


def main(argv: list[str] | None = None) -> None:
    # The imports below wait until the arguments are parsed: --help, a bad flag or a bad setting
    # answer at once, without loading PTB, the database layer and the NLP models.
    args = parse_args(argv)
    from claims.settings import load_settings

    settings = load_settings()
    token = settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else None
    console = token is None or args.console
    from .errors import install_log_privacy  # imports PTB

    # the token and (unless LOG_PRIVATE_DATA) message texts, names and user ids stay out of every record
    install_log_privacy(settings.log_private_data, None if console else token)
    logging.basicConfig(format="%(levelname)s %(name)s: %(message)s" if console
                        else "%(asctime)s %(levelname)s %(name)s: %(message)s",
                        level=logging.WARNING if console else settings.log_level)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its INFO lines are request URLs
    if console:
        from .console import CONSOLE_USER_ID, run_console

        raise SystemExit(run_console(settings, user_id=args.user_id or CONSOLE_USER_ID, lang=args.lang,
                                     moderator=args.as_moderator))
    from telegram import Update
    from telegram.error import InvalidToken, TelegramError

    from claims.errors import ClaimsError

    from .app import build_application, build_runtime

    webhook = webhook_options(settings, args) if args.webhook else None
    try:
        runtime = build_runtime(settings)
    except ClaimsError as err:
        fail(str(err), 1)
    application = build_application(settings, runtime=runtime)
    try:
        if webhook is None:
            logging.getLogger("bot").info("starting: long polling %s", settings.telegram_api_base_url)
            application.run_polling(allowed_updates=Update.ALL_TYPES)
        else:
            from .webhook import run_webhook

            logging.getLogger("bot").info("starting: webhook and public pages on %s:%s (webhook path /%s)",
                                          webhook["listen"], webhook["port"], webhook["url_path"])
            run_webhook(application, runtime, max_body=settings.webhook_max_body_bytes, **webhook)
    except InvalidToken:
        fail("TELEGRAM_BOT_TOKEN: Telegram does not accept this token", 1)
    except TelegramError as err:
        fail(f"cannot reach the Bot API at {settings.telegram_api_base_url}: {err}".replace(token, "<token>"), 1)


def webhook_options(settings, args: argparse.Namespace) -> dict:  # noqa: ANN001
    """run_webhook arguments from settings, CLI flags winning; refuses to run without a secret."""
    url = args.url or settings.webhook_url
    secret = args.secret or (settings.webhook_secret.get_secret_value() if settings.webhook_secret else None)
    if not url:
        fail("WEBHOOK_URL: set the public https:// URL Telegram should post updates to (or --url)")
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        fail(f"WEBHOOK_URL: must be an https:// URL, got {url!r}")
    if not secret:
        fail("WEBHOOK_SECRET: set a secret token (1-256 of A-Z a-z 0-9 _ -) so only Telegram can post updates")
    if not SECRET_RE.match(secret):
        fail("WEBHOOK_SECRET: only A-Z, a-z, 0-9, _ and - are allowed, 1-256 characters")
    return {"listen": args.listen or settings.webhook_listen, "port": args.port or settings.webhook_port,
            "url_path": parts.path.lstrip("/"), "webhook_url": url, "secret_token": secret}


if __name__ == "__main__":
    main()
