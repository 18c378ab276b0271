"""Stale buttons (issue 12, item 3): Telegram refuses to answer a callback query that is too old
(the user pressed a button on an old message, or the bot was slow). For EVERY entry of the callback
table (bot/callbacks.py) the press is made with answerCallbackQuery failing that way, and the
action must still be done, the query answered at most once (the error handler does not try the
dead query again) and no ERROR logged. A new button without a scenario here fails the test.
SQLite and PostgreSQL.
"""

from __future__ import annotations

import logging

import pytest
from conftest import ADMIN_ID, MOD_ID, PUBLIC_ID, button_data, buttons, message_update  # noqa: F401
from sqlmodel import select

from bot import callbacks as cb
from bot import moderation
from bot.moderation import catalog as mc
from bot.moderation import queue as mq
from claims.i18n import CATALOGUES
from claims.models import AuditLog, Claim, MatchFeedback, Source, Subscription, Tip, UserPref
from claims.services.catalog import add_claim
from claims.services.follow import follow
from claims.services.moderators import claim_history
from claims.services.sources import submit_source
from claims.services.tips import save_tip

TABLE = (*cb.TABLE, *moderation.BUTTONS)  # every callback entry: the public's and the moderators'
DEAD = "Bad Request: query is too old and response timeout expired or query ID is invalid"
CLAIM = "The unemployment rate fell to 3 percent in May 2024"
ARTICLE = ("The minister said on Monday that unemployment fell to 3 percent in May. "
           "He also claimed that exports grew by 12 percent in 2024 compared with the previous year.")


def _claim(h, text: str = CLAIM) -> int:
    with h.session() as s:
        return add_claim(s, text, lang="en", actor_id=ADMIN_ID, actor_name="Admin").id


def _tip(h, text: str = "They say the new bridge cost ten billion") -> int:
    with h.session() as s:
        return save_tip(s, text, salt=h.runtime.salt, user_id=PUBLIC_ID, language="en").id


def _source(h, claim: int) -> int:
    with h.session() as s:
        return submit_source(s, claim, "https://stat.example.org/may", "refutes", None, submitter_id=PUBLIC_ID,
                             submitter_name="Eve").id


def _texts(h) -> str:
    return "\n".join(h.api.texts_in())


# Each scenario: set up (as the user would have), return (who presses, the data, a check that the
# action was done). Keyed by the entry's prefix.

async def s_details(h):
    c = _claim(h)
    return PUBLIC_ID, cb.DETAILS.data(c), lambda: "unemployment rate fell" in _texts(h)


async def s_follow(h):
    c = _claim(h)
    return PUBLIC_ID, cb.FOLLOW.data(c), lambda: len(h.rows(Subscription, Subscription.claim_id == c)) == 1


async def s_unfollow(h):
    c = _claim(h)
    with h.session() as s:
        follow(s, PUBLIC_ID, PUBLIC_ID, c)
    return PUBLIC_ID, cb.UNFOLLOW.data(c), lambda: h.rows(Subscription) == []


async def s_not_this(h):
    c = _claim(h)
    return PUBLIC_ID, cb.NOT_THIS.data(c, 87, "0123456789abcdef"), lambda: len(h.rows(MatchFeedback)) == 1


async def s_notify(h):
    await h.send(message_update(PUBLIC_ID, "They say the new bridge over the bay cost ten billion roubles",
                                forward=True))
    data = button_data(h.api.last_params(), "tn:")
    return PUBLIC_ID, data, lambda: (all(t.notify and t.chat_id == PUBLIC_ID for t in h.rows(Tip))
                                   and "I will write to you" in h.api.last_params()["text"])


async def s_search_page(h):
    for n in range(7):
        _claim(h, f"Unemployment in region {n} fell to {n + 2} percent in May")
    await h.say(PUBLIC_ID, "/search unemployment fell percent")
    data = button_data(h.api.last_params(), "sp:")
    return PUBLIC_ID, data, lambda: "6." in h.api.last_params("editMessageText")["text"]


async def s_language(h):
    return PUBLIC_ID, cb.LANGUAGE.data("ru"), lambda: [p.language for p in h.rows(UserPref)] == ["ru"]


async def s_submit(h):
    c = _claim(h)
    return PUBLIC_ID, cb.SUBMIT.data(c), lambda: "link" in h.api.last_params()["text"].lower()


async def _submit_to_stance(h) -> int:
    c = _claim(h)
    await h.say(PUBLIC_ID, f"/submit")
    await h.say(PUBLIC_ID, str(c))
    await h.say(PUBLIC_ID, "https://stat.example.org/may")
    return c


async def s_submit_stance(h):
    await _submit_to_stance(h)
    return PUBLIC_ID, cb.SUBMIT_STANCE.data("refutes"), lambda: "note" in h.api.last_params()["text"].lower()


async def s_submit_skip_note(h):
    await _submit_to_stance(h)
    await h.press_as(PUBLIC_ID, cb.SUBMIT_STANCE.data("refutes"))
    return PUBLIC_ID, cb.SUBMIT_SKIP_NOTE.data(), lambda: bool(
        [d for _, d in buttons(h.api.last_params()) if d == cb.SUBMIT_CONFIRM.data("y")])


async def s_submit_confirm(h):
    c = await _submit_to_stance(h)
    await h.press_as(PUBLIC_ID, cb.SUBMIT_STANCE.data("refutes"))
    await h.press_as(PUBLIC_ID, cb.SUBMIT_SKIP_NOTE.data())
    return PUBLIC_ID, cb.SUBMIT_CONFIRM.data("y"), lambda: len(h.rows(Source, Source.claim_id == c)) == 1


async def s_forget(h):
    c = _claim(h)
    with h.session() as s:
        follow(s, PUBLIC_ID, PUBLIC_ID, c)
    await h.say(PUBLIC_ID, "/forget")
    return PUBLIC_ID, cb.FORGET.data("y", PUBLIC_ID), lambda: h.rows(Subscription) == []


async def s_mod_next(h):
    _tip(h)
    return MOD_ID, mq.MOD_NEXT.data(), lambda: "bridge cost" in _texts(h)


async def s_mod_skip(h):
    first, _ = _tip(h, "First tip about the harbour"), _tip(h, "Second tip about the airport")
    return MOD_ID, mq.MOD_SKIP.data(f"t{first}"), lambda: "airport" in h.api.last_params("editMessageText")["text"]


async def s_mod_cancel(h):
    c = _claim(h)
    await h.press_as(MOD_ID, mc.CHOOSE_VERDICT.data(c))
    return MOD_ID, mc.MOD_CANCEL.data(), lambda: "Cancelled" in h.api.last_params("editMessageText")["text"]


async def s_source_approve(h):
    src = _source(h, _claim(h))
    return MOD_ID, mq.SOURCE_APPROVE.data(src), lambda: h.get(Source, src).status == "approved"


async def s_source_reject(h):
    src = _source(h, _claim(h))
    return MOD_ID, mq.SOURCE_REJECT.data(src), lambda: "Choose a reason" in h.api.last_params("editMessageText")["text"]


async def s_source_reject_preset(h):
    src = _source(h, _claim(h))
    return MOD_ID, mq.SOURCE_REJECT_PRESET.data(src, 1), lambda: h.get(Source, src).status == "rejected"


async def s_source_back(h):
    src = _source(h, _claim(h))
    return MOD_ID, mq.SOURCE_BACK.data(src), lambda: "stat.example.org" in h.api.last_params("editMessageText")["text"]


async def s_tip_back(h):
    tip = _tip(h)
    return MOD_ID, mq.TIP_BACK.data(tip), lambda: "bridge cost" in h.api.last_params("editMessageText")["text"]


async def s_tip_link(h):
    tip = _tip(h)
    return MOD_ID, mq.TIP_LINK.data(tip), lambda: mq.TIP_LINK_SEARCH.data(tip) in [
        d for _, d in buttons(h.api.last_params("editMessageText"))]


async def s_tip_link_search(h):
    tip = _tip(h)
    return MOD_ID, mq.TIP_LINK_SEARCH.data(tip), lambda: "search" in h.api.last_params("editMessageText")["text"].lower()


async def s_tip_link_pick(h):
    tip, c = _tip(h), _claim(h)
    return MOD_ID, mq.TIP_LINK_PICK.data(tip, c), lambda: h.get(Tip, tip).status == "linked"


async def s_tip_convert(h):
    tip = _tip(h)
    return MOD_ID, mq.TIP_CONVERT.data(tip), lambda: "Create as is" in str(buttons(h.api.last_params("editMessageText")))


async def s_tip_convert_as_is(h):
    tip = _tip(h)
    return MOD_ID, mq.TIP_CONVERT_AS_IS.data(tip), lambda: h.get(Tip, tip).status == "converted"


async def s_tip_dismiss(h):
    tip = _tip(h)
    return MOD_ID, mq.TIP_DISMISS.data(tip), lambda: h.get(Tip, tip).status == "dismissed"


async def s_verdict(h):
    c = _claim(h)
    return MOD_ID, mc.CHOOSE_VERDICT.data(c), lambda: mc.VERDICT_CHOSEN.data(c, "false") in [
        d for _, d in buttons(h.api.last_params())]


async def s_verdict_chosen(h):
    c = _claim(h)
    await h.press_as(MOD_ID, mc.CHOOSE_VERDICT.data(c))
    return MOD_ID, mc.VERDICT_CHOSEN.data(c, "false"), lambda: "Send the reason" in h.api.last_params(
        "editMessageText")["text"]


async def s_verdict_override(h):
    c = _claim(h)
    await h.say(MOD_ID, f"/verdict {c} false the office says otherwise")
    data = button_data(h.api.last_params(), "m:vo:")

    def done() -> bool:
        with h.session() as s:
            return s.get(Claim, c).verdict == "false"
    return MOD_ID, data, done


async def s_history(h):
    c = _claim(h)
    return MOD_ID, mc.HISTORY.data(c), lambda: "History" in h.api.last_params()["text"]


async def s_ingest_confirm(h):
    await h.say(MOD_ID, f"/ingest {ARTICLE}")
    data = button_data(h.api.last_params(), "m:ic:")
    return MOD_ID, data, lambda: len(h.rows(Claim)) > 0


async def s_ingest_cancel(h):
    await h.say(MOD_ID, f"/ingest {ARTICLE}")
    data = button_data(h.api.last_params(), "m:ix:")
    return MOD_ID, data, lambda: "Cancelled" in h.api.last_params("editMessageText")["text"] and h.rows(Claim) == []


SCENARIOS = {
    "d": s_details, "f": s_follow, "u": s_unfollow, "nx": s_not_this, "tn": s_notify, "sp": s_search_page,
    "l": s_language, "s": s_submit, "st": s_submit_stance, "sn": s_submit_skip_note, "sc": s_submit_confirm,
    "pf": s_forget, "m:q": s_mod_next, "m:sk": s_mod_skip, "m:x": s_mod_cancel, "m:sa": s_source_approve,
    "m:sr": s_source_reject, "m:srp": s_source_reject_preset, "m:sb": s_source_back, "m:tb": s_tip_back,
    "m:tl": s_tip_link, "m:tlq": s_tip_link_search, "m:tlp": s_tip_link_pick, "m:tc": s_tip_convert,
    "m:tcc": s_tip_convert_as_is, "m:td": s_tip_dismiss, "m:v": s_verdict, "m:vv": s_verdict_chosen,
    "m:vo": s_verdict_override, "m:h": s_history, "m:ic": s_ingest_confirm, "m:ix": s_ingest_cancel,
}


@pytest.mark.parametrize("entry", TABLE, ids=lambda e: e.prefix)
async def test_a_button_whose_query_is_too_old_still_does_its_work(harness, entry, caplog):
    h = harness
    assert entry.prefix in SCENARIOS, f"add a stale-button scenario for {entry.prefix!r} ({entry.meaning})"
    who, data, done = await SCENARIOS[entry.prefix](h)
    assert data.startswith(entry.prefix + ":") or data == entry.prefix
    before = len(h.api.calls)
    for _ in range(3):  # however often the bot tried, Telegram would refuse
        h.api.fail("answerCallbackQuery", 400, DEAD)
    caplog.clear()
    with caplog.at_level(logging.DEBUG):
        await h.press_as(who, data)
    h.api.failures.clear()
    calls = h.api.calls[before:]
    answers = [c for c in calls if c.method == "answerCallbackQuery"]
    assert len(answers) == 1 and answers[0].error is not None, [(c.method, c.error) for c in calls]
    assert done(), [(c.method, c.params.get("text")) for c in calls]
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert [c for c in calls if c.error is not None and c.method != "answerCallbackQuery"] == []
    h.api.calls[:] = [c for c in h.api.calls if c.method != "answerCallbackQuery"]  # the harness's own check




@pytest.mark.parametrize("entry", moderation.BUTTONS, ids=lambda e: e.prefix)
async def test_the_public_is_refused_every_moderator_button_and_it_is_recorded(harness, entry):
    """Each moderator button, where its scenario leaves it, pressed by someone of the public: the
    moderators-only alert (for a button), nothing sent or changed, the attempt in the audit log. Its prefix has one
    colon (bot/moderation reads a button's arguments after the second)."""
    h = harness
    assert entry.prefix.count(":") == 1, entry
    _, data, _ = await SCENARIOS[entry.prefix](h)
    before, denied_before = h.snapshot(), len(h.rows(AuditLog, AuditLog.action == "denied"))
    h.api.clear()
    await h.press_as(PUBLIC_ID, data)
    assert h.api.alerts() == ["⛔ This button is for moderators only."] and not h.api.params(), h.api.calls
    assert h.snapshot() == before, f"{data} changed the database"
    denied = h.rows(AuditLog, AuditLog.action == "denied")
    assert len(denied) == denied_before + 1 and denied[-1].actor_id == PUBLIC_ID, data
    assert denied[-1].after.startswith(f"button {data[:20]}"), (data, denied[-1].after)


@pytest.mark.parametrize("entry", moderation.BUTTONS, ids=lambda e: e.prefix)
async def test_every_moderator_button_s_action_has_its_history_line_in_both_catalogues(harness, entry):
    """/history words each action as `mod.act.<action>` (a missing one fails it, never shows the raw
    name): each moderator button does its work as above, and every action now in a claim's history
    must have its line in Russian and in English."""
    h = harness
    who, data, done = await SCENARIOS[entry.prefix](h)
    await h.press_as(who, data)
    assert done()
    with h.session() as s:
        actions = {e.action for c in s.exec(select(Claim)) for e in claim_history(s, c.id)[1]}
    assert {(lang, f"mod.act.{a}") for lang, texts in CATALOGUES.items() for a in actions
            if f"mod.act.{a}" not in texts} == set()


async def test_a_refusal_on_a_dead_query_is_sent_as_a_message(harness):
    """When the action cannot be done (a search whose results expired), the user is told in the
    chat, since the alert cannot be shown."""
    h = harness
    h.api.fail("answerCallbackQuery", 400, DEAD)
    await h.press_as(PUBLIC_ID, cb.SEARCH_PAGE.data("gone", 1))
    h.api.calls[:] = [c for c in h.api.calls if c.method != "answerCallbackQuery"]
    assert "expired" in h.api.last_params()["text"].lower()


async def test_a_card_whose_message_is_gone_is_sent_anew(harness):
    h = harness
    tip = _tip(h)
    h.api.fail("editMessageText", 400, "Bad Request: message to edit not found")
    await h.press_as(MOD_ID, mq.TIP_BACK.data(tip))
    h.api.calls[:] = [c for c in h.api.calls if c.method != "editMessageText"]
    assert "bridge cost" in h.api.last_params()["text"]


# Telegram refuses an answer for other reasons too; answering stays best-effort for each of them.
REFUSALS = {
    "flood control (429)": (429, "Too Many Requests: retry after 5", {"retry_after": 5}),
    "bad gateway": (502, "Bad Gateway", None),
    "bot blocked (403)": (403, "Forbidden: bot was blocked by the user", None),
    "QUERY_ID_INVALID": (400, "Bad Request: QUERY_ID_INVALID", None),
}


@pytest.mark.parametrize("refusal", REFUSALS, ids=list(REFUSALS))
@pytest.mark.parametrize("prefix", ["f", "m:sa", "sp"])
async def test_a_button_whose_answer_telegram_refuses_for_any_reason_still_does_its_work(harness, prefix, refusal,
                                                                                           caplog):
    h = harness
    who, data, done = await SCENARIOS[prefix](h)
    before = len(h.api.calls)
    h.api.fail("answerCallbackQuery", *REFUSALS[refusal])
    caplog.clear()
    with caplog.at_level(logging.DEBUG):
        await h.press_as(who, data)
    h.api.failures.clear()
    calls = h.api.calls[before:]
    assert done(), [(c.method, c.params.get("text"), c.error) for c in calls]
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert len([c for c in calls if c.method == "answerCallbackQuery"]) == 1  # not answered again with an apology
    h.api.calls[:] = [c for c in h.api.calls if c.method != "answerCallbackQuery"]


@pytest.mark.parametrize("data", ["zz:1", "x" * 64, "sp:gone:1"], ids=["unknown prefix", "64 bytes", "expired search"])
async def test_a_button_that_does_nothing_says_so_in_the_chat_when_the_query_is_dead(harness, data):
    h = harness
    h.api.fail("answerCallbackQuery", 400, DEAD)
    await h.press_as(PUBLIC_ID, data)
    h.api.calls[:] = [c for c in h.api.calls if c.method != "answerCallbackQuery"]
    assert "expired" in h.api.last_params()["text"].lower()


@pytest.mark.parametrize("entry", TABLE, ids=lambda e: e.prefix)
async def test_a_press_on_a_message_posted_inline_has_no_chat_and_is_still_handled(harness, entry, caplog):
    """A callback query from a message posted in inline mode carries `inline_message_id` and no
    message (so no chat): every button is handled without an ERROR."""
    from telegram import Update

    from bot.testing import UpdateFactory

    h = harness
    who, data, _ = await SCENARIOS[entry.prefix](h)
    caplog.clear()
    update = {"update_id": 10**13, "callback_query": {"id": "inline-press", "from": UpdateFactory.user(who, "en"),
                                                      "chat_instance": "1", "inline_message_id": "AAAA", "data": data}}
    await h.app.process_update(Update.de_json(update, h.app.bot))
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    h.api.calls[:] = [c for c in h.api.calls if c.error is None]  # edits of a message the stand-in never saw


async def test_a_moderator_button_that_fails_says_so_not_expired(harness, monkeypatch, caplog):
    """A fault of ours inside a moderator button's handler (here a missing catalogue line, as a newcomer's
    half-added action had) is answered with the generic error alert and logged — not also with the
    catch-all's "This button has expired", which told the moderator the work was not done when it was."""
    from claims.i18n import t

    h = harness
    who, data, _ = await SCENARIOS[moderation.BUTTONS[0].prefix](h)

    async def broken(update, context, what, fn, args):
        raise KeyError("mod.done.missing")

    monkeypatch.setattr(moderation, "_guarded", broken)
    h.api.clear()
    await h.press_as(who, data)
    alerts = h.api.alerts()
    assert alerts == [t("en", "err.generic")] or alerts == [t("ru", "err.generic")], h.api.calls
    assert "moderator button" in caplog.text
