"""Break test 38 of the bot: a press without data, an abandoned /submit, claims with no words, a button
answered twice, and wording (an uploaded page, a forged moderator button, a reviewer with no name)."""

from __future__ import annotations

import logging

import pytest
from conftest import _MAKE, MOD_ID, PUBLIC_ID, message_update, user
from sqlmodel import select

from bot.render import html_to_text
from bot.testing import ApiError, LocalBotApi, UpdateFactory
from claims.i18n import t
from claims.models import Claim, Source, Tip
from claims.services.catalog import add_claim, edit_claim
from claims.services.sources import review_source, submit_source
from claims.services.tips import dismiss_tip, save_tip

CLAIM = "The unemployment rate fell to 3 percent in May 2024"


def _claim(h, text: str = CLAIM) -> int:
    with h.session() as s:
        return add_claim(s, text, lang="en").id


# --- 1. a press without data ---------------------------------------------------------------------------

@pytest.mark.parametrize("data", [None, ""], ids=["no data", "empty data"])
@pytest.mark.parametrize("presser", [PUBLIC_ID, MOD_ID], ids=["public", "moderator"])
async def test_a_press_without_data_gets_one_answer_and_reaches_no_handler(harness, caplog, data, presser):
    """The Bot API makes ``data`` optional; PTB lets a dataless (or empty) press match every handler
    that has a pattern: three handlers crashed, and "" ran a moderator's "next card"."""
    h = harness
    _claim(h)
    with h.session() as s:
        save_tip(s, "They say the new bridge cost ten billion", salt=h.runtime.salt, user_id=PUBLIC_ID, language="en")
    chat = UpdateFactory.private_chat(user(presser))
    h.api.note_chat(chat)
    card = h.api._new_message(chat, {"text": "card"})  # noqa: SLF001
    update = _MAKE.callback("x", card, user=user(presser))
    if data is None:
        del update["callback_query"]["data"]
    else:
        update["callback_query"]["data"] = data
    before = h.snapshot()
    h.api.clear()
    with caplog.at_level(logging.WARNING):
        await h.send(update)
    assert [(c.method, c.params.get("text")) for c in h.api.calls] == [("answerCallbackQuery", t("en", "expired"))]
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert h.snapshot() == before


# --- 2. an abandoned /submit ---------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["start", "search вакцина"])
async def test_another_command_drops_an_open_submit_draft_and_still_runs(bot, command):
    """/submit, a claim number, then another command: that command answers, and a post forwarded next
    is checked — not taken as the link the draft waited for."""
    await bot.command("submit")
    await bot.text(str(bot.ids["vaccine"]))
    assert "ссылк" in bot.replies()[-1].lower()
    sent = len(bot.api.sent("sendMessage"))
    name, _, args = command.partition(" ")
    await bot.command(name, args)
    answered = bot.replies()[sent:]
    assert len(answered) == 1
    assert answered[0] == html_to_text(t("ru", "start")) if name == "start" else "Вакцина" in answered[0]
    await bot.send(bot.make.forwarded("Вакцина от гриппа вызывает аутизм у детей", user=bot.user))
    last = bot.replies()[-1]
    assert "ссылку я принять не могу" not in last and "Вакцина от гриппа" in last, last
    await bot.command("cancel")  # nothing open any more
    assert bot.replies()[-1] == html_to_text(t("ru", "cancel.nothing"))


async def test_the_submit_flow_still_takes_its_own_steps_and_commands(bot):
    """/skip (the note step) and /cancel are the flow's own; /submit again starts it afresh."""
    await bot.command("submit")
    await bot.command("submit")
    await bot.text(str(bot.ids["vaccine"]))
    await bot.text("https://who.int/new-report")
    await bot.press("st:refutes")
    await bot.command("skip")
    await bot.press("sc:y")
    with bot.session() as s:
        assert [src.url for src in s.exec(select(Source).where(Source.url == "https://who.int/new-report"))]


# --- 3. claims with no words ---------------------------------------------------------------------------

async def test_a_claim_with_no_words_is_refused_by_the_use_cases(harness):
    from claims.errors import NoWords

    h = harness
    c = _claim(h)
    with h.session() as s:
        for text in ("😀", "🔥🔥", "???", "It is what it is"):
            with pytest.raises(NoWords) as err:
                add_claim(s, text, lang="en")
            assert err.value.code == "no_words"
        with pytest.raises(NoWords):
            edit_claim(s, c, "🔥🔥")
    assert [x.text for x in h.rows(Claim)] == [CLAIM]


async def test_a_claim_with_no_words_is_refused_by_the_bot_and_a_prompt_may_be_answered_again(harness):
    h = harness
    c = _claim(h)
    refused = "A claim needs words: «{}» has none it could be found by"
    await h.say(MOD_ID, "/addclaim 😀")
    assert html_to_text(h.api.last_params()["text"]).startswith(refused.format("😀"))
    await h.say(MOD_ID, f"/editclaim {c} 🔥🔥")
    assert html_to_text(h.api.last_params()["text"]).startswith(refused.format("🔥🔥"))
    assert [(x.id, x.text) for x in h.rows(Claim)] == [(c, CLAIM)]
    with h.session() as s:
        tip = save_tip(s, "They say the new bridge cost ten billion", salt=h.runtime.salt, user_id=PUBLIC_ID,
                       language="en").id
    await h.press_as(MOD_ID, f"m:tc:{tip}")
    await h.say(MOD_ID, "Mayor | 🎉")
    assert html_to_text(h.api.last_params()["text"]).startswith(refused.format("🎉"))
    assert h.get(Tip, tip).status == "open" and len(h.rows(Claim)) == 1
    await h.say(MOD_ID, "The new bridge cost 10 billion roubles")  # the prompt is still open
    assert h.get(Tip, tip).status == "converted" and len(h.rows(Claim)) == 2


# --- 4. one answer per button press ----------------------------------------------------------------------

def test_the_local_bot_api_refuses_a_second_answer_to_one_query():
    api = LocalBotApi()
    assert api.answer("answerCallbackQuery", {"callback_query_id": "7"}) is True
    assert api.answer("answerCallbackQuery", {"callback_query_id": "8", "text": "ok"}) is True
    with pytest.raises(ApiError, match="query is too old"):
        api.answer("answerCallbackQuery", {"callback_query_id": "7", "text": "again"})


async def test_back_to_a_tip_that_is_gone_is_answered_once_with_why(harness):
    """``m:tb`` on a deleted tip answered the press, then `_guarded` answered again with the error."""
    h = harness
    with h.session() as s:
        tip = save_tip(s, "They say the new bridge cost ten billion", salt=h.runtime.salt, user_id=PUBLIC_ID,
                       language="en")
        s.delete(tip)
        s.commit()
    h.api.clear()
    await h.press_as(MOD_ID, f"m:tb:{tip.id}")
    answers = [c for c in h.api.calls if c.method == "answerCallbackQuery"]
    assert [(c.params.get("text"), c.error) for c in answers] == [(f"There is no tip #{tip.id}.", None)]


async def test_a_second_answer_in_one_update_is_not_sent_and_an_alert_goes_to_the_chat(harness):
    """Any handler that answers a press and then fails: the bot does not answer the query again
    (Telegram would refuse it); `answer` sends an alert's text to the chat instead."""
    from telegram import Update

    from bot.core import ANSWERED, answer

    h = harness
    chat = UpdateFactory.private_chat(user(MOD_ID))
    h.api.note_chat(chat)
    update = _MAKE.callback("m:q", h.api._new_message(chat, {"text": "card"}), user=user(MOD_ID))  # noqa: SLF001
    query = Update.de_json(update, h.app.bot).callback_query
    h.api.clear()
    token = ANSWERED.set(set())
    try:
        await answer(query)
        await answer(query, "Not done", alert=True)
    finally:
        ANSWERED.reset(token)
    assert [(c.method, c.params.get("text")) for c in h.api.calls] == [("answerCallbackQuery", None),
                                                                       ("sendMessage", "Not done")]


# --- 5. wording -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "mime", "said"), [
    ("page.html", "text/html", "⚠️ Could not take the article from the page you sent: no article text found"),
    ("page.htm", "application/octet-stream", "⚠️ Could not take the article from the page you sent"),
    ("a.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
     "Send plain text, a .txt file or a saved .html page."),
])
async def test_an_uploaded_file_is_worded_as_a_file(harness, name, mime, said):
    h = harness
    h.api.files[name] = b"<html><body><p>x</p></body></html>" if "htm" in name else b"PK\x03\x04"
    doc = {"file_id": name, "file_unique_id": name, "file_name": name, "mime_type": mime,
           "file_size": len(h.api.files[name])}
    await h.send(message_update(MOD_ID, document=doc, caption="/ingest"))
    assert h.api.last_params()["text"].startswith(said), h.api.last_params()["text"]


async def test_the_public_pressing_a_moderator_button_is_told_it_is_a_button(harness):
    await harness.press_as(PUBLIC_ID, "m:q")
    assert harness.api.alerts() == [t("en", "mod.denied_button")]
    await harness.say(PUBLIC_ID, "/queue")
    assert harness.api.last_params()["text"] == t("en", "mod.denied")


async def test_an_item_handled_by_someone_with_no_name_says_a_moderator(harness):
    h = harness
    c = _claim(h)
    with h.session() as s:
        src = submit_source(s, c, "https://stat.example.org/may", "refutes", None, submitter_id=PUBLIC_ID).id
        review_source(s, src, True, reviewer_id=None, reviewer_name=None)
    assert h.get(Source, src).reviewer_name is None
    await h.press_as(MOD_ID, f"m:sa:{src}")
    assert h.api.alerts() == ["Already handled by a moderator."]
    assert "Approved by a moderator" in h.api.last_params("editMessageText")["text"]
    with h.session() as s:  # a row reviewed before: "?" stood for no name
        s.get(Source, src).reviewer_name = "?"
        s.commit()
    await h.press_as(MOD_ID, f"m:sa:{src}")
    assert h.api.alerts()[-1] == "Already handled by a moderator."
    with h.session() as s:  # a tip handled with no name
        tip = save_tip(s, "They say the new bridge cost ten billion", salt=h.runtime.salt, user_id=PUBLIC_ID,
                       language="en").id
    with h.session() as s:
        dismiss_tip(s, tip, actor_id=None, actor_name="")
    await h.press_as(MOD_ID, f"m:td:{tip}")
    assert h.api.alerts()[-1] == "Already handled by a moderator."
    assert "Dismissed by a moderator" in h.api.last_params("editMessageText")["text"]


# --- 6. the moderators' menus -------------------------------------------------------------------------------

def test_every_moderator_command_is_in_the_menu_of_its_role_and_worded_in_both_catalogues():
    """bot/menus.py's menus and bot/moderation's COMMANDS are two lists: they must agree."""
    from bot import menus, moderation
    from claims.i18n import CATALOGUES

    assert sorted(menus.MOD_COMMANDS + menus.ADMIN_COMMANDS) == sorted(moderation.COMMANDS)
    assert set(menus.ADMIN_COMMANDS) == moderation.ADMIN_ONLY
    assert [(lang, name) for lang, texts in CATALOGUES.items() for name in moderation.COMMANDS
            if f"mod.cmd.{name}" not in texts] == []


async def test_in_a_group_moderation_chat_a_prompt_is_answered_by_replying_to_the_bot_s_message(harness):
    """With Telegram's default privacy mode a bot in a group receives commands and replies to its own
    messages only (README, *Running in production*): a reason sent as a reply to the prompt is taken."""
    h, group = harness, -100500
    c = _claim(h)
    with h.session() as s:
        src = submit_source(s, c, "https://stat.example.org/may", "refutes", None, submitter_id=PUBLIC_ID).id
    await h.press_as(MOD_ID, f"m:sr:{src}", chat_id=group)
    prompt = h.api.last_params("editMessageText")
    assert "Choose a reason" in prompt["text"]
    card = h.api.messages[(group, int(prompt["message_id"]))]
    await h.send(_MAKE.message("The link is broken", user=user(MOD_ID), chat=UpdateFactory.group_chat(group, "Mods"),
                               reply_to={k: v for k, v in card.items() if k != "html"}))
    assert (h.get(Source, src).status, h.get(Source, src).review_reason) == ("rejected", "The link is broken")
