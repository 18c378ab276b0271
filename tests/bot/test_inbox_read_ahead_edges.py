"""The take's read-ahead (bot/persistence.py `read_ahead`: one SELECT after the rate limit's write,
on the Update intake handed on or read from the row) against updates it must not choke on, and the
guarantees it must keep — on SQLite and PostgreSQL."""

from __future__ import annotations

import json

from sqlmodel import select
from telegram import Update

from bot import inbox
from bot.models import InboxUpdate, RateHit
from test_reliability_harness import start_app


def _rows(app) -> list[InboxUpdate]:  # noqa: ANN001
    with app.session() as s:
        return list(s.exec(select(InboxUpdate).order_by(InboxUpdate.update_id)))


async def _intake(app, data: dict, *, hand: bool = True) -> bool:  # noqa: ANN001
    """As the webhook does: the update read by PTB is handed on with its JSON."""
    app.api.note_chat(data["message"]["chat"])
    parsed = Update.de_json(data, app.app.bot) if hand else None
    return await inbox.intake(app.app, data["update_id"], json.dumps(data), parsed)


async def test_a_user_id_beyond_64_bits_is_dropped_and_neither_stalls_the_inbox_nor_counts_twice(db_url):
    """Telegram's ids fit in 52 bits; an id past the signed 64-bit range (a forged or broken update)
    is not shaped like anything the Bot API sends: dropped before the handlers (`chat_of` already
    refused it). Fails on main 1658668: PostgreSQL refused the take's read ("bigint out of range")
    on every try, so no update of any chat was taken again (so did bd93721); SQLite failed the
    read after the rate-limit count was written with the lease (since perf11 the read comes after
    the write), and the handlers' own read counted the update a second time (two hits, one update)."""
    app = await start_app(db_url, rate_limit_per_minute=5)
    try:
        huge = app.make.command("start", user=app.make.user(2**64 + 5, "en"))
        fine = app.make.command("start", user=app.make.user(7700, "en"))
        for data in (huge, fine):
            assert await _intake(app, data)
        assert await app.app.inbox_worker.drain() == 2
        assert [c.params["chat_id"] for c in app.api.sent("sendMessage")] == [7700]
        assert [(r.update_id, r.attempts, r.done_at is not None) for r in _rows(app)] == [
            (huge["update_id"], 1, True), (fine["update_id"], 1, True)]
        with app.session() as s:
            assert len(s.exec(select(RateHit)).all()) == 1  # the fine update's, once
        assert not app.seen_errors
    finally:
        await app.close()
