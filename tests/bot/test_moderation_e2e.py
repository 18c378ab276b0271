"""End to end through the real Application and the user handlers, on SQLite and PostgreSQL:

a user forwards a post nothing matches (a tip) and asks to hear back → a moderator turns the tip
into a claim → the user follows it and submits a source → the moderator approves the source and
sets the verdict → the outbox tells the user "was → now".
"""

from __future__ import annotations

import pytest
from conftest import MOD_ID, PUBLIC_ID, button_data, buttons, message_update  # noqa: F401
from sqlmodel import select

from bot.outbox import send_due
from bot.render import html_to_text
from claims.models import Claim, Notification, Source, Tip

POST = "Городские власти сообщили, что новый мост через реку обошёлся бюджету в 10 миллиардов рублей"


async def test_tip_to_claim_to_verdict_notifies_the_user(harness):
    h = harness
    # 1. The user forwards a post that matches nothing: it becomes a tip; they ask to be told.
    await h.send(message_update(PUBLIC_ID, POST, lang="ru", forward=True))
    saved = h.api.last_params()
    assert saved["chat_id"] == PUBLIC_ID
    await h.press_as(PUBLIC_ID, button_data(saved, "tn:"), lang="ru")
    with h.session() as s:
        tip = s.exec(select(Tip)).one()
    assert tip.notify and tip.status == "open"

    # 2. The moderator works the queue: the tip card, "New claim", "Create as is".
    await h.say(MOD_ID, "/queue")
    card = h.api.last_params()
    assert f"Tip #{tip.id}" in card["text"] and "News &lt;b&gt;channel&lt;/b&gt;" in card["text"]
    await h.press_as(MOD_ID, button_data(card, "m:tc:"))
    await h.press_as(MOD_ID, f"m:tcc:{tip.id}")
    with h.session() as s:
        tip = s.get(Tip, tip.id)
        claim = s.get(Claim, tip.claim_id)
    assert tip.status == "converted" and claim.text == POST
    with h.session() as s:  # the sender asked to hear back: told the tip is now a claim, not checked yet
        (told,) = s.exec(select(Notification)).all()
    assert (told.chat_id, told.kind, told.claim_id) == (PUBLIC_ID, "tip_handled", claim.id)

    # 3. The user follows the claim and submits a source.
    await h.say(PUBLIC_ID, f"/follow {claim.id}", lang="ru")
    await h.say(PUBLIC_ID, f"/submit {claim.id} https://budget.example.org/bridge refutes смета 7 млрд", lang="ru")
    with h.session() as s:
        src = s.exec(select(Source)).one()
    assert src.status == "pending" and src.submitter_id == PUBLIC_ID

    # 4. The moderator approves it from the queue and sets the verdict.
    await h.say(MOD_ID, "/queue")
    card = h.api.last_params()
    assert f"Source #{src.id}" in card["text"]
    await h.press_as(MOD_ID, button_data(card, "m:sa:"))
    await h.say(MOD_ID, f"/verdict {claim.id} false по смете мост стоил 7 млрд")
    assert "Followers will be notified" in h.api.last_params()["text"]
    with h.session() as s:
        assert s.get(Claim, claim.id).verdict == "false"
        # follower and tip sender are one chat: one verdict notice
        (note,) = s.exec(select(Notification).where(Notification.kind == "verdict_change")).all()
    assert note.chat_id == PUBLIC_ID and note.status == "pending"

    # 5. The outbox delivers "was → now" to the user, in their language.
    h.api.clear()
    counts = await send_due(h.app)
    assert counts.sent == 2
    told, sent = [p for p in h.api.params("sendMessage") if p["chat_id"] == PUBLIC_ID]
    # (rendered when sent, so it already shows the verdict set since)
    assert f"сигнал №{tip.id}" in told["text"] and f"утверждение №{claim.id}" in told["text"]
    text = html_to_text(sent["text"])
    assert f"№{claim.id}" in text and "было: ⚪ не проверено" in text and "стало: 🔴 ложь" in text
    assert "по смете мост стоил 7 млрд" in text
    assert h.api.refused() == []
    for params in h.api.params():
        for _, data in buttons(params):
            assert len(data.encode()) <= 64


# --- the real `claimbot` process, over HTTP, against the Bot API stand-in --------------------------

ADMIN = 1000
FOLLOWER = 31337
MOD_CHAT = -1001234500


def _claimbot_env(migrated_url: str, base_url: str) -> dict[str, str]:
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_", "DATABASE_URL",
                                                                    "MODERATOR_", "PRIVACY_SALT"))}
    env.update(TELEGRAM_BOT_TOKEN=E2E_TOKEN, TELEGRAM_API_BASE_URL=base_url, DATABASE_URL=migrated_url,
               MODERATOR_IDS=str(ADMIN), MODERATION_CHAT_ID=str(MOD_CHAT), PRIVACY_SALT="e2e", LOG_LEVEL="INFO",
               DEFAULT_LANGUAGE="ru")
    return env


E2E_TOKEN = "123:abc-moderation-e2e"


@pytest.mark.slow
def test_claimbot_process_tip_to_verdict_notice(migrated_url, tmp_path):
    """The same story with the `claimbot` process: long polling, the announcement loop posting the
    tip to MODERATION_CHAT_ID, moderator buttons pressed there, the outbox sending the notice."""
    import re
    import signal
    import subprocess
    import sys
    from pathlib import Path

    from fake_bot_api import FakeBotApi

    from bot.testing import UpdateFactory
    from claims.db import open_database
    from claims.services.catalog import add_claim

    from sqlmodel import Session

    engine = open_database(migrated_url)  # one claim already there: no sample article to ingest at start
    with Session(engine) as s:
        add_claim(s, "Инфляция в 2023 году составила 7,4 процента", lang="ru")
    engine.dispose()

    claimbot = str(Path(sys.executable).parent / "claimbot")
    make = UpdateFactory(bot_username="claimcheck_bot")
    user = make.user(FOLLOWER, "ru")
    admin = make.user(ADMIN, "ru", first_name="Админ")
    make.group_chat(MOD_CHAT, "Модераторы")
    with FakeBotApi(E2E_TOKEN) as api:
        log = (tmp_path / "bot.log").open("w+")
        proc = subprocess.Popen([claimbot], env=_claimbot_env(migrated_url, api.base_url), cwd=tmp_path, stdout=log,
                                stderr=subprocess.STDOUT)
        try:
            api.wait_for("setMyCommands", lambda c: (c.params.get("scope") or {}).get("chat_id") == ADMIN,
                         timeout=90)
            # The user forwards a post nothing matches, and asks to hear back.
            api.push(make.forwarded(POST, user=user, title="Городской <канал>"))
            saved = api.wait_for("sendMessage", lambda c: c.params.get("chat_id") == FOLLOWER
                                 and "сигнал" in c.text)
            api.push(make.callback(button_data(saved.params, "tn:"), api.message(saved), user=user))
            api.wait_for("answerCallbackQuery")
            # The announcement loop posts the tip to the moderation chat; the admin makes a claim of it there.
            card = api.wait_for("sendMessage", lambda c: c.params.get("chat_id") == MOD_CHAT and "Новый сигнал" in c.text,
                                timeout=40)
            mark = api.mark()
            api.push(make.callback(button_data(card.params, "m:tc:"), api.message(card), user=admin))
            prompt = api.wait_for("editMessageText", lambda c: "Создать как есть" in str(c.params.get("reply_markup")),
                                  after=mark)
            api.push(make.callback(button_data(prompt.params, "m:tcc:"), api.message(card), user=admin))
            done = api.wait_for("editMessageText", lambda c: "Создано утверждение" in c.text, after=mark)
            claim_id = int(re.search(r"Создано утверждение №(\d+)", done.text).group(1))
            # The user follows it and submits a source; the admin approves it from /queue.
            mark = api.mark()
            api.push(make.command("follow", str(claim_id), user=user))
            api.push(make.command("submit", f"{claim_id} https://budget.example.org/bridge refutes смета", user=user))
            api.wait_for("sendMessage", lambda c: c.params.get("chat_id") == FOLLOWER and "ждёт модератора" in c.text,
                         after=mark)
            mark = api.mark()
            api.push(make.command("queue", user=admin))
            qcard = api.wait_for("sendMessage", lambda c: c.params.get("chat_id") == ADMIN and "Источник №" in c.text,
                                 after=mark)
            api.push(make.callback(button_data(qcard.params, "m:sa:"), api.message(qcard), user=admin))
            api.wait_for("editMessageText", lambda c: "Одобрил(а) \u2068Админ\u2069" in c.text, after=mark)
            # The verdict; the follower is told "было → стало".
            api.push(make.command("verdict", f"{claim_id} ложь по смете мост стоил 7 млрд", user=admin))
            notice = api.wait_for("sendMessage", lambda c: c.params.get("chat_id") == FOLLOWER
                                  and "Изменился вердикт" in c.text, after=mark, timeout=30)
            text = html_to_text(notice.text)
            assert "было: ⚪ не проверено" in text and "стало: 🔴 ложь" in text
            assert "по смете мост стоил 7 млрд" in text
            assert not [c for c in api.calls if c.error is not None], \
                [(c.method, c.error.description) for c in api.calls if c.error]
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
                try:
                    proc.wait(30)
                except subprocess.TimeoutExpired:
                    proc.kill()
            log.seek(0)
            output = log.read()
            log.close()
        assert "Traceback" not in output, output[-3000:]
        assert E2E_TOKEN not in output
