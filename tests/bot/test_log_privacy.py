"""Logs carry no message texts, names or user ids at any level unless LOG_PRIVATE_DATA asks for
them (issue 13, item 5), on SQLite and PostgreSQL: the real Application at DEBUG, a handler that
raises, a database that fails with the message in its SQL parameters, PTB's own logging."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy.exc import OperationalError

from bot.errors import install_log_privacy
from claims.logprivacy import uninstall as uninstall_log_privacy
from bot.testing import UpdateFactory

from conftest import TOKEN, start_app

USER_ID = 987654321
FIRST, LAST, HANDLE = "Zebulonius", "Quixotewright", "zq_secret_handle"
TEXT = "Фламинго кумкват цеппелин мармелад съели 9137 бегемотов в Кологриве"
QUERY = "квазигрибной тиранозавр"
CHANNEL = "Канал Зорблакс"
SECRETS = (str(USER_ID), FIRST, LAST, HANDLE, TEXT[:20], "кумкват цеппелин", QUERY, CHANNEL)


class Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def capture():
    root = logging.getLogger()
    handler, level = Capture(), root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        uninstall_log_privacy()


def _user() -> dict:
    user = UpdateFactory.user(USER_ID, "en", first_name=FIRST, username=HANDLE)
    user["last_name"] = LAST
    return user


async def _drive(h, monkeypatch) -> None:  # noqa: ANN001
    """A tip, a search whose handler raises with the query in the error, and a tip the database
    refuses with the text and id in its SQL parameters; then PTB's raw-body and URL logging."""
    import bot.handlers.search as search

    user = _user()
    await h.send(h.make.forwarded(TEXT, title=CHANNEL, user=user))

    def boom(session, matcher, query, **kw):  # noqa: ANN001, ANN003, ANN202
        raise RuntimeError(f"search broke on {query!r} for {USER_ID}")

    monkeypatch.setattr(search, "search_claims", boom)
    await h.send(h.make.command("search", QUERY, user=user))

    def down(session, index, text, **kw):  # noqa: ANN001, ANN003, ANN202
        raise OperationalError("INSERT INTO tip (text, user_id) VALUES (?, ?)", (text, kw.get("user_id")),
                               Exception("server closed the connection unexpectedly"))

    monkeypatch.setattr("claims.services.tipline.file_tip", down)
    monkeypatch.setattr("claims.retry.DEFAULT_BUDGET", 0.3, raising=False)
    await h.send(h.make.message(TEXT + " снова", user=user))
    import bot.handlers.cards as cards

    def card_down(session, claim_id):  # noqa: ANN001, ANN202
        raise OperationalError("SELECT * FROM claim WHERE text = ? AND user_id = ?", (TEXT, USER_ID),
                               Exception("server closed the connection unexpectedly"))

    monkeypatch.setattr(cards, "claim_card", card_down)
    await h.send(h.make.command("claim", "1", user=user))
    # what PTB's webhook handler and Bot log with raw data, and httpx's request line
    body = h.make.message(TEXT, user=user)
    logging.getLogger("telegram.ext._utils.webhookhandler").critical(
        "Something went wrong processing the data received from Telegram. Received data was *not* processed! "
        "Received data was: %r", body)
    logging.getLogger("telegram.ext._utils.webhookhandler").debug("Webhook received data: %s", str(body))
    try:  # a failed statement logged with its traceback, outside any update
        raise OperationalError("INSERT INTO tip (text, user_id) VALUES (?, ?)", (TEXT, USER_ID),
                               Exception("server closed the connection unexpectedly"))
    except OperationalError:
        logging.getLogger("bot.outbox").exception("a job failed")
    logging.getLogger("httpx").info('HTTP Request: POST https://api.telegram.org/bot%s/getUpdates "200 OK"', TOKEN)


async def test_no_text_name_or_id_in_any_log_line(migrated_url, capture, monkeypatch):
    install_log_privacy(False, TOKEN)
    h = await start_app(migrated_url)
    try:
        await _drive(h, monkeypatch)
    finally:
        await h.close()
    assert h.seen_errors  # the crash reached the error handler
    logged = "\n".join(capture.lines)
    assert "caused an error in bot.handlers.search" in logged  # what the desk needs: update, chat type, handler
    assert "(chat type private)" in logged and "Calling Bot API endpoint" in logged
    assert "server closed the connection" in logged  # the database failure itself is still told
    assert "[parameters: <redacted>]" in logged
    for secret in SECRETS + (TOKEN,):
        leaks = [line for line in capture.lines if secret in line]
        assert not leaks, f"{secret!r} logged: {leaks[:2]}"


async def test_the_debug_setting_lets_them_in(migrated_url, capture, monkeypatch):
    install_log_privacy(True, TOKEN)
    h = await start_app(migrated_url, log_private_data=True)
    try:
        await _drive(h, monkeypatch)
    finally:
        await h.close()
    logged = "\n".join(capture.lines)
    assert QUERY in logged and str(USER_ID) in logged and FIRST in logged


def test_a_database_error_outside_an_update_names_no_user(engine, capture):
    """A job or the persistence flush (no update being processed) that hits a constraint: PostgreSQL
    puts the row's values in the error text ("DETAIL: Key (user_id)=(987654321) already exists",
    "Failing row contains (…)", "invalid input syntax for type bigint: "…""), outside the SQL
    parameters that were already cut; the line must still say which constraint failed."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError
    from sqlmodel import Session

    from claims.models import UserPref

    install_log_privacy(False, TOKEN)
    log = logging.getLogger("bot.outbox")
    with Session(engine) as s:
        s.add(UserPref(user_id=USER_ID, language="en"))
        s.commit()
    insert = ("INSERT INTO userpref (user_id, language, blocked, updated_at) "
              "VALUES (:u, 'ru', {blocked}, CURRENT_TIMESTAMP)")
    # a duplicate key (the id is in DETAIL), then a NOT NULL violation (the whole row is in DETAIL)
    for user_id, blocked in ((USER_ID, "false"), (USER_ID + 1, "NULL")):
        with Session(engine) as s:
            try:
                s.execute(text(insert.format(blocked=blocked)), {"u": user_id})
                s.commit()
            except DBAPIError:
                log.exception("a job failed")
    if engine.dialect.name == "postgresql":
        with Session(engine) as s:
            try:
                s.execute(text("SELECT CAST(:v AS bigint)"), {"v": f"{FIRST} {USER_ID}"})
            except DBAPIError:
                log.exception("a job failed")
    logged = "\n".join(capture.lines)
    assert "userpref" in logged.lower() or "unique" in logged.lower(), logged
    for secret in (str(USER_ID), str(USER_ID + 1), FIRST):
        leaks = [line for line in capture.lines if secret in line]
        assert not leaks, f"{secret!r} logged: {leaks[:2]}"


@pytest.mark.parametrize("changed", ["lower-cased", "cleaned", "repr"])
async def test_a_text_changed_by_a_handler_is_still_kept_out(migrated_url, capture, monkeypatch, changed):
    """An exception whose message holds the text as the handler had it — lower-cased for matching,
    cleaned of bidi and control characters (claims.textclean), or repr()'d — was logged verbatim:
    only the text exactly as sent was scrubbed."""
    import bot.handlers.check as check
    from claims.textclean import clean_text

    text = "Квазиутконос Зюзя съел\nмармеладки «дважды» и 'трижды' \u202eнаоборот"

    def boom(context, message, **kw):  # noqa: ANN001, ANN003, ANN202
        shown = {"lower-cased": message.lower(), "cleaned": clean_text(message), "repr": repr(message)}[changed]
        raise ValueError(f"cannot check {shown}")

    monkeypatch.setattr(check, "check", boom)
    install_log_privacy(False, TOKEN)
    h = await start_app(migrated_url)
    try:
        await h.send(h.make.message(text, user=_user()))
    finally:
        await h.close()
    assert h.seen_errors
    logged = "\n".join(capture.lines)
    assert "ValueError: cannot check" in logged
    for word in ("утконос", "мармелад", "дважды", "трижды", "наоборот"):
        assert word not in logged.lower(), (word, [line for line in capture.lines if "cannot check" in line][-1:])
