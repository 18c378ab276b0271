"""The take's read-ahead (bot/persistence.py `read_ahead`: one SELECT after the rate limit's write,
on the Update intake handed on or read from the row) against updates it must not choke on, and the
guarantees it must keep — on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta

from sqlalchemy import update
from sqlmodel import select
from telegram import Update

from bot import inbox
from bot.models import InboxUpdate, RateHit
from claims.models import utcnow
from conftest import start_app


async def _intake(app, data: dict, *, hand: bool = True) -> bool:  # noqa: ANN001
    """As the webhook does: the update read by PTB is handed on with its JSON."""
    app.api.note_chat(data["message"]["chat"])
    parsed = Update.de_json(data, app.app.bot) if hand else None
    return await inbox.intake(app.app, data["update_id"], json.dumps(data), parsed)


async def test_a_user_id_beyond_64_bits_is_dropped_and_neither_stalls_the_inbox_nor_counts_twice(migrated_url):
    """Telegram's ids fit in 52 bits; an id past the signed 64-bit range (a forged or broken update)
    is not shaped like anything the Bot API sends: dropped before the handlers (`chat_of` already
    refused it). Fails on main 1658668: PostgreSQL refused the take's read ("bigint out of range")
    on every try, so no update of any chat was taken again (so did bd93721); SQLite failed the
    read after the rate-limit count was written with the lease (since perf11 the read comes after
    the write), and the handlers' own read counted the update a second time (two hits, one update)."""
    app = await start_app(migrated_url, rate_limit_per_minute=5)
    try:
        huge = app.make.command("start", user=app.make.user(2**64 + 5, "en"))
        fine = app.make.command("start", user=app.make.user(7700, "en"))
        for data in (huge, fine):
            assert await _intake(app, data)
        assert await app.app.inbox_worker.drain() == 2
        assert [c.params["chat_id"] for c in app.api.sent("sendMessage")] == [7700]
        assert [(r.update_id, r.attempts, r.done_at is not None) for r in app.rows(InboxUpdate)] == [
            (huge["update_id"], 1, True), (fine["update_id"], 1, True)]
        with app.session() as s:
            assert len(s.exec(select(RateHit)).all()) == 1  # the fine update's, once
        assert not app.seen_errors
    finally:
        await app.close()


def _pressed(app, data: str, user: dict) -> dict:  # noqa: ANN001
    """A press of the button `data` on the newest message of `app`'s that has it."""
    from conftest import buttons

    for call in reversed(app.api.sent()):
        if isinstance(call.result, dict) and any(d == data for _, d in buttons(call.result)):
            return app.make.callback(data, call.result, user=user)
    raise AssertionError(f"no button {data!r}")


async def _step(app, data: dict) -> None:  # noqa: ANN001
    """`data` stored by `app`'s intake with the Update it read handed on, and processed by `app`'s worker."""
    body = data.get("message") or data["callback_query"]["message"]
    app.api.note_chat(body["chat"])
    assert await inbox.intake(app.app, data["update_id"], json.dumps(data), Update.de_json(data, app.app.bot))
    assert await app.app.inbox_worker.drain() == 1


async def test_a_submit_conversation_alternating_two_workers_keeps_its_state_and_an_unusual_note(migrated_url):
    """/submit's guided flow, each step taken by the other worker (one database), each update handed
    on by intake: the state read in the take's one SELECT carries the flow from step to step, and a
    note of unusual text (NUL-like words, right-to-left, emoji, quotes, 1000 characters) arrives
    intact. Pins perf11's read-ahead (`read_ahead`) and handed updates (`InboxWorker.hand`) on a
    conversation spanning workers; passes on main."""
    from claims.db import open_database
    from claims.i18n import t
    from claims.models import Source

    a = await start_app(migrated_url)
    b = await start_app(migrated_url, seed=False, engine=open_database(migrated_url))
    try:
        make, user = a.make, a.user
        note = ("NULL None null \\N '' \"\" עברית مرحبا 👍 <b>&amp;</b> " * 40)[:999] + "."
        await _step(a, make.command("submit", user=user))
        await _step(b, make.message(str(a.ids["vaccine"]), user=user))
        await _step(a, make.message("https://example.org/proof?q=ü", user=user))
        assert a.api.texts()[-1] == t("ru", "submit.ask_stance")
        await _step(b, _pressed(a, "st:refutes", user))
        await _step(a, make.message(note, user=user))
        await _step(b, _pressed(a, "sc:y", user))
        with a.session() as s:
            [src] = [x for x in s.exec(select(Source)) if x.url.startswith("https://example.org/proof")]
        assert (src.stance, src.note, src.claim_id) == ("refutes", note, a.ids["vaccine"])
        assert not a.seen_errors and not b.seen_errors
        assert all(r.done_at is not None and r.attempts == 1 for r in a.rows(InboxUpdate))
    finally:
        await b.close()
        await a.close()


async def test_a_claim_card_has_the_verdict_buttons_for_a_moderator_in_private_only(harness):
    """`show_card` reads the card and the reader's role in one session (`card_and_role`): the admin
    and a moderator get "Set verdict"/"History" in their private chat; one of the public does not,
    nor does the moderator in a group (a group never gets one member's tools); a missing claim is
    explained. Pins perf11's card change end to end (only `card_buttons` was tested); passes on main."""
    from conftest import ADMIN_ID, MOD_ID, PUBLIC_ID, buttons

    from claims.services.catalog import add_claim

    h = harness
    with h.session() as s:
        claim = add_claim(s, "The river froze in July <b>2024</b>", lang="en", actor_id=ADMIN_ID,
                          actor_name="Admin").id
    tools = {f"m:v:{claim}", f"m:h:{claim}"}

    async def card_as(user_id: int, chat_id: int | None = None) -> set[str]:
        await h.say(user_id, f"/claim {claim}", chat_id=chat_id)
        params = h.api.last_params()
        assert "The river froze" in params["text"], params["text"]
        return {d for _, d in buttons(params)}

    assert tools <= await card_as(ADMIN_ID)
    assert tools <= await card_as(MOD_ID)
    assert not tools & await card_as(PUBLIC_ID)
    group = await card_as(MOD_ID, chat_id=-100777)
    assert not tools & group and group  # the Follow button only
    await h.say(MOD_ID, "/claim 999999")
    assert "999999" in h.api.last_params()["text"]


async def test_a_re_take_by_the_same_worker_reads_the_stored_update_not_the_handed_one_a_handler_changed(migrated_url):
    """The worker processes the Update intake handed on; a handler changes it (here: the text, as a
    buggy handler could) and the process dies before recording it. When the row is taken again the
    stored JSON is read: the handlers see the update Telegram sent, and another handed copy of the
    same id (a redelivery is not stored twice) is never used. Pins `InboxWorker.hand`'s "used once";
    passes on main."""
    from telegram.ext import MessageHandler, filters

    app = await start_app(migrated_url)
    try:
        seen: list[str] = []

        async def tamper(update, context) -> None:  # noqa: ANN001
            seen.append(update.message.text)
            with update.message._unfrozen():  # noqa: SLF001
                update.message.text = "/claim 999999"

        app.app.add_handler(MessageHandler(filters.TEXT, tamper), group=-6000)
        data = app.make.command("claim", str(app.ids["vaccine"]), user=app.user)
        assert await _intake(app, data)
        worker = app.app.inbox_worker
        assert await worker.run_once()
        worker._unrecorded = None  # noqa: SLF001 - the process died here, before recording it
        with app.session() as s:
            s.exec(update(InboxUpdate).values(locked_until=utcnow() - timedelta(seconds=1)))
            s.commit()
        assert await _intake(app, data) is False  # a redelivery: acknowledged, not handed on
        assert await worker.drain() == 1
        assert seen == [data["message"]["text"]] * 2  # the re-take's handlers saw what Telegram sent
        assert [r.attempts for r in app.rows(InboxUpdate)] == [2]
        assert not app.seen_errors
    finally:
        await app.close()


async def test_more_updates_than_handed_kept_taken_by_two_workers_are_each_processed_once(migrated_url, monkeypatch):
    """HANDED_KEPT (here 5) is smaller than what arrives before the workers take anything: 12
    updates of 4 users handed to worker A's intake, then A and B drain at once. The oldest handed
    copies are dropped (read from the row instead), B never has any: each update is answered once,
    in its chat's order, and done after one take. Pins `InboxWorker.hand`'s bound; passes on main."""
    from claims.db import open_database

    monkeypatch.setattr(inbox, "HANDED_KEPT", 5)
    a = await start_app(migrated_url)
    b = await start_app(migrated_url, seed=False, engine=open_database(migrated_url))
    try:
        sent = []
        for n in range(12):
            data = a.make.command("claim", str(a.ids[("vaccine", "eiffel", "bridge")[n % 3]]),
                                  user=a.make.user(7800 + n % 4, "en"))
            b.api.note_chat(data["message"]["chat"])
            assert await _intake(a, data)
            sent.append((data["message"]["chat"]["id"], data["update_id"]))
        assert len(a.app.inbox_worker._handed) == 5  # noqa: SLF001
        counts = await asyncio.gather(a.app.inbox_worker.drain(), b.app.inbox_worker.drain())
        assert sum(counts) == 12
        answered = [c.params["chat_id"] for h in (a, b) for c in h.api.sent("sendMessage")]
        assert sorted(answered) == sorted(chat for chat, _ in sent)
        assert all(r.attempts == 1 and r.done_at is not None for r in a.rows(InboxUpdate))
        assert not a.seen_errors and not b.seen_errors
    finally:
        await b.close()
        await a.close()


async def test_the_webhook_hands_on_what_it_read_and_malformed_updates_stop_before_the_handlers(migrated_url, caplog):
    """The real webhook route in front of the real intake (`webhook_route(inbox.intake, …, bot)`):
    a readable update with a field PTB does not know is answered; one with a chat id that is a list
    (read by PTB, handed on) and one PTB cannot read at all (a date that is text) are acknowledged
    (200, stored once) and never reach the handlers; an id beyond 64 bits is dropped too. Every
    row is done after one take. Pins perf11's `parsed` on the webhook path."""
    import functools

    import httpx
    from starlette.applications import Starlette

    from bot.webhook import SECRET_HEADER, webhook_route

    app = await start_app(migrated_url)
    try:
        web = Starlette(routes=[webhook_route(functools.partial(inbox.intake, app.app), "hook", "s3cret", 1 << 20,
                                              app.app.bot)])
        good = app.make.command("claim", str(app.ids["vaccine"]), user=app.user)
        good["business_future_field"] = {"x": 1}
        listed = app.make.message("hi", user=app.make.user(7901, "en"))
        listed["message"]["chat"]["id"] = [7901]
        unreadable = app.make.message("hi", user=app.make.user(7902, "en"))
        unreadable["message"]["date"] = "yesterday"
        huge = app.make.message("hi", user=app.make.user(-(2**63) - 1, "en"))
        app.api.note_chat(good["message"]["chat"])
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=web), base_url="http://t") as client:
            for data in (good, listed, unreadable, huge, good):
                r = await client.post("/hook", content=json.dumps(data), headers={SECRET_HEADER: "s3cret"})
                assert r.status_code == 200, (r.status_code, data)
        assert await app.app.inbox_worker.drain() == 4
        assert [c.params["chat_id"] for c in app.api.sent("sendMessage")] == [app.user["id"]]
        assert [(r.update_id, r.attempts, r.done_at is not None) for r in app.rows(InboxUpdate)] == [
            (d["update_id"], 1, True) for d in (good, listed, unreadable, huge)]
        assert not app.seen_errors
    finally:
        await app.close()


async def test_a_step_over_the_processing_limit_is_set_aside_and_the_chats_conversation_goes_on(migrated_url, monkeypatch,
                                                                                              caplog):
    """/submit asked for the claim; the chat's next update hangs in a handler past PROCESS_LIMIT
    (here 2 s — 0.5 s also cut short the next, ordinary update on a loaded CI machine; `asyncio.timeout`
    in the worker's own task since perf11): it is cancelled, set aside
    as done after one take, and the chat's following update — the claim's number — goes on with the
    conversation where it was. Passes on main."""
    from telegram.ext import MessageHandler, filters

    async def hang(update, context) -> None:  # noqa: ANN001
        await asyncio.Event().wait()

    app = await start_app(migrated_url)
    try:
        app.app.add_handler(MessageHandler(filters.Regex("^hang$"), hang), group=-5000)
        monkeypatch.setattr(inbox, "PROCESS_LIMIT", 2.0)
        for data in (app.make.command("submit", user=app.user), app.make.message("hang", user=app.user),
                     app.make.message(str(app.ids["vaccine"]), user=app.user)):
            assert await _intake(app, data)
        assert await asyncio.wait_for(app.app.inbox_worker.drain(), 30) == 3
        texts = app.api.texts()
        assert len(texts) == 2 and "Теперь пришлите ссылку" in texts[1], texts
        assert all(r.attempts == 1 and r.done_at is not None for r in app.rows(InboxUpdate))
        assert "set aside" in caplog.text and not app.seen_errors
    finally:
        await app.close()
