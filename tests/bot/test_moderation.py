"""Moderation in the bot: authorisation table, the queue (sources and tips), the race, verdicts with
evidence, claims, history, stats, roles and command menus, announcements. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import asyncio
import json

import pytest
from conftest import (ADMIN_ID, MOD_ID, PUBLIC_ID, button_data, buttons,  # noqa: F401
                                 message_update, start_harness)
from sqlmodel import select

from bot import moderation
from claims.models import AuditLog, Claim, Moderator, Source, Tip, VerdictHistory
from claims.services.catalog import add_claim, merge_claims
from claims.services.sources import review_source, submit_source
from claims.services.tips import save_tip

CLAIM_TEXT = "The unemployment rate fell to 3 percent in May <b>2024</b>"


def seed(h, *, claim_text: str = CLAIM_TEXT, tip_text: str = "They say the new bridge cost ten billion"):
    """One claim, one pending source on it, one open tip (ids returned)."""
    with h.session() as s:
        claim = add_claim(s, claim_text, lang="en", actor_id=ADMIN_ID, actor_name="Admin")
        src = submit_source(s, claim.id, "https://stat.example.org/may?a=1&b=<2>", "refutes", "official <i>data</i>",
                            submitter_id=PUBLIC_ID, submitter_name="Eve <script>")
        tip = save_tip(s, tip_text, salt=h.runtime.salt, user_id=PUBLIC_ID, language="en")
        return claim.id, src.id, tip.id


def audit(h, action: str | None = None) -> list[AuditLog]:
    with h.session() as s:
        q = select(AuditLog).order_by(AuditLog.id)
        if action:
            q = q.where(AuditLog.action == action)
        return list(s.exec(q))


def check_limits(h) -> None:
    """Every message under 4096 characters, every callback_data under 64 bytes, HTML parse mode
    (and the Bot API stand-in, which checks the HTML as Telegram does, refused nothing)."""
    assert h.api.refused() == []
    for call in h.api.calls:
        endpoint, params = call.method, call.params
        if endpoint in ("sendMessage", "editMessageText"):
            assert len(params["text"]) < 4096, endpoint
            assert params.get("parse_mode") == "HTML", params
        for _, data in buttons(params):
            assert len(data.encode()) <= 64, data


# --- authorisation: every command and button, from a non-moderator ---------------------------------

COMMANDS = ["/queue", "/verdict {claim} false made up", "/addclaim Someone | a new claim", "/editclaim {claim} new text",
            "/merge {claim} {claim2}", "/ingest some article text. It said 5% more.", "/history {claim}", "/stats",
            "/mods", "/mod_add 4242", "/mod_remove {mod}"]


async def test_non_moderators_are_refused_every_command_and_it_is_recorded(harness):
    """(Every moderator button: tests/bot/test_stale_buttons.py, on each button's own scenario.)"""
    h = harness
    claim, src, tip = seed(h)
    with h.session() as s:
        claim2 = add_claim(s, "Exports grew by 12 percent in 2024", lang="en").id
    ids = dict(claim=claim, claim2=claim2, src=src, tip=tip, mod=MOD_ID)
    before = h.snapshot()
    for template in COMMANDS:
        action = template.format(**ids)
        denied_before = len(audit(h, "denied"))
        h.api.clear()
        await h.say(PUBLIC_ID, action)
        replies = h.api.texts_in(PUBLIC_ID)
        refusal = "⛔ Only admins can manage moderators." if action.startswith("/mod_") else \
            "⛔ This command is for moderators only."
        assert replies == [refusal], (action, replies)
        assert h.snapshot() == before, f"{action} changed the database"
        denied = audit(h, "denied")
        assert len(denied) == denied_before + 1, action
        assert denied[-1].actor_id == PUBLIC_ID and denied[-1].after.startswith(action.split()[0][:20]), \
            (action, denied[-1].after)


@pytest.mark.parametrize("command", ["/mod_add 4242", "/mod_remove 2000"])
async def test_moderators_cannot_manage_roles(harness, command):
    await harness.say(MOD_ID, command)
    assert harness.api.texts_in(MOD_ID) == ["⛔ Only admins can manage moderators."]
    assert harness.get(Moderator, MOD_ID) is not None and harness.get(Moderator, 4242) is None
    assert audit(harness, "denied")[-1].actor_id == MOD_ID


async def test_a_prompt_answer_from_someone_else_is_not_taken(harness):
    """A reason typed by a non-moderator never reaches the moderation flow."""
    h = harness
    _, src, _ = seed(h)
    await h.press_as(MOD_ID, f"m:sr:{src}")
    await h.say(PUBLIC_ID, "spam reason from someone else")
    assert h.get(Source, src).status == "pending"


# --- the queue: sources ------------------------------------------------------------------------------

async def test_queue_shows_oldest_card_and_approve_edits_it_in_place(harness):
    h = harness
    claim, src, tip = seed(h)
    await h.say(MOD_ID, "/queue")
    card = h.api.last_params()
    assert f"Tip #{tip}" not in card["text"] and f"Source #{src}" in card["text"]  # the source is older
    assert "&lt;b&gt;2024&lt;/b&gt;" in card["text"] and "Eve &lt;script&gt;" in card["text"]
    assert "official &lt;i&gt;data&lt;/i&gt;" in card["text"]
    assert [label for label, _ in buttons(card)] == ["✅ Approve", "🚫 Reject", "⏭ Skip"]
    await h.press_as(MOD_ID, button_data(card, "m:sa:"))
    edited = h.api.last_params("editMessageText")
    assert "Approved by User2000" in edited["text"]
    assert [d for _, d in buttons(edited)] == ["m:q"]
    assert h.get(Source, src).status == "approved"
    await h.press_as(MOD_ID, "m:q")
    nxt = h.api.last_params("editMessageText")
    assert f"Tip #{tip}" in nxt["text"]
    await h.press_as(MOD_ID, f"m:sk:t{tip}")
    assert "the 1 items left were skipped" in h.api.last_params("editMessageText")["text"]
    check_limits(h)



async def test_a_skip_button_with_an_id_past_the_ids_range_does_not_break_the_queue(harness):
    """"Skip" data naming an id no row can have (an old client's or a forged button: the pattern takes
    18 digits, ids are 32-bit): the press and every later /queue still show the card. Before, on
    PostgreSQL the queue query failed ("integer out of range"), the moderator got "something went
    wrong" and, the skip being kept, every /queue after it failed too."""
    h = harness
    _, src, tip = seed(h)
    await h.press_as(MOD_ID, f"m:sk:s{2**31}")
    assert h.api.alerts() == ["Skipped."] and f"Source #{src}" in h.api.last_params("editMessageText")["text"]
    await h.say(MOD_ID, "/queue")
    assert f"Source #{src}" in h.api.last_params()["text"]
    await h.press_as(MOD_ID, f"m:sk:s{src}")  # a real skip still skips
    assert f"Tip #{tip}" in h.api.last_params("editMessageText")["text"]


async def test_refusals_a_russian_moderator_meets_often_are_in_russian(harness):
    """The same verdict set twice and a user id that is not a number: the moderator's language, not the
    service's English detail (before: «⚠️ Не выполнено: claim 1 already has the verdict unproven» and
    «⚠️ Не выполнено: a user id is a number such as 123456789, not 'abc'»)."""
    h = harness
    claim, _, _ = seed(h)
    for lang, same, bad in [("ru", f"У утверждения №{claim} уже вердикт", "«abc» — не номер"),
                            ("en", f"Claim #{claim} already has the verdict", "«abc» is not an id")]:
        await h.say(MOD_ID, f"/verdict {claim} unproven no source could be found", lang=lang)
        await h.say(MOD_ID, f"/verdict {claim} unproven no source could be found", lang=lang)
        text = h.api.last_params()["text"]
        assert text.startswith(same) and "⚠️" not in text and "claim 1" not in text, text
        await h.say(ADMIN_ID, "/mod_add abc", lang=lang)
        assert h.api.last_params()["text"].startswith(bad), h.api.last_params()["text"]
        await h.say(MOD_ID, f"/verdict {claim} unverified back to the list", lang=lang)

async def test_second_press_is_told_who_handled_it_and_changes_nothing(harness):
    h = harness
    _, src, _ = seed(h)
    await h.press_as(ADMIN_ID, f"m:sa:{src}")
    h.api.clear()
    await h.press_as(MOD_ID, f"m:sa:{src}")
    assert h.api.alerts() == ["Already handled by User1000."]
    assert "Approved by User1000" in h.api.last_params("editMessageText")["text"]
    await h.press_as(MOD_ID, f"m:srp:{src}:1")  # a reject on the handled card: also refused
    assert h.get(Source, src).status == "approved" and h.get(Source, src).reviewer_id == ADMIN_ID
    assert len(audit(h, "source_approved")) == 1 and audit(h, "source_rejected") == []


async def test_race_two_moderators_approve_at_once(harness):
    h = harness
    _, src, _ = seed(h)
    await asyncio.gather(h.press_as(ADMIN_ID, f"m:sa:{src}"), h.press_as(MOD_ID, f"m:sa:{src}"))
    assert len(audit(h, "source_approved")) == 1
    winner = h.get(Source, src).reviewer_name
    assert winner in ("User1000", "User2000")
    alerts = h.api.alerts()
    assert alerts.count(f"Already handled by {winner}.") == 1 and alerts.count("Approved.") == 1


async def test_race_two_moderators_turn_the_same_tip_into_a_claim(harness):
    h = harness
    _, _, tip = seed(h)
    await asyncio.gather(h.press_as(ADMIN_ID, f"m:tcc:{tip}"), h.press_as(MOD_ID, f"m:tcc:{tip}"))
    with h.session() as s:
        assert len(s.exec(select(Claim)).all()) == 2  # the seeded one and exactly one new
    assert len(audit(h, "tip_convert")) == 1
    winner = h.get(Tip, tip).handled_by
    assert h.api.alerts().count(f"Already handled by {winner}.") == 1


async def test_crafted_button_data_is_refused_cleanly(harness):
    h = harness
    _, src, _ = seed(h)
    before = h.snapshot()
    for data in (f"m:srp:{src}:x", "m:sa", "m:tlp:1", "m:vv:1", "m:vv:1:bogus", "m:zz:1", "m:sa:-1"):
        await h.press_as(MOD_ID, data)
    assert h.snapshot() == before
    assert len(h.api.alerts()) == 7


async def test_reject_with_typed_reason_too_long_then_ok(harness):
    h = harness
    _, src, _ = seed(h)
    await h.press_as(MOD_ID, f"m:sr:{src}")
    prompt = h.api.last_params("editMessageText")
    assert "Choose a reason" in prompt["text"]
    assert [d for _, d in buttons(prompt)][:2] == [f"m:srp:{src}:0", f"m:srp:{src}:1"]
    await h.say(MOD_ID, "x" * 1001)
    assert "at most 1000 characters" in h.api.last_params()["text"]
    assert h.get(Source, src).status == "pending"
    await h.say(MOD_ID, "Paywalled <copy> of a blog")
    s = h.get(Source, src)
    assert (s.status, s.review_reason) == ("rejected", "Paywalled <copy> of a blog")
    assert "Paywalled &lt;copy&gt; of a blog" in h.api.last_params("editMessageText")["text"]
    # The reason was ours: the user handlers did not also treat it as a message to check.
    with h.session() as sess:
        assert len(sess.exec(select(Tip)).all()) == 1


async def test_reject_with_preset_reason(harness):
    h = harness
    _, src, _ = seed(h)
    await h.press_as(MOD_ID, f"m:sr:{src}")
    await h.press_as(MOD_ID, f"m:srp:{src}:3")
    assert h.get(Source, src).review_reason == "Broken link or paywall"
    assert "Rejected by User2000" in h.api.last_params("editMessageText")["text"]


# --- the queue: tips ------------------------------------------------------------------------------

async def test_tip_link_via_matcher_and_pick(harness):
    h = harness
    with h.session() as s:
        claim = add_claim(s, "The new bridge cost ten billion roubles", lang="en").id
        tip = save_tip(s, "the new bridge cost ten billion roubles, they say", salt="x", language="en").id
    await h.press_as(MOD_ID, f"m:tl:{tip}")
    card = h.api.last_params("editMessageText")
    assert f"m:tlp:{tip}:{claim}" in [d for _, d in buttons(card)]
    await h.press_as(MOD_ID, f"m:tlp:{tip}:{claim}")
    t = h.get(Tip, tip)
    assert (t.status, t.claim_id, t.handled_by) == ("linked", claim, "User2000")
    assert f"Linked to claim #{claim}" in h.api.last_params("editMessageText")["text"]


async def test_tip_link_typed_search_and_merged_target_refused(harness):
    h = harness
    with h.session() as s:
        keep = add_claim(s, "Exports grew by 12 percent in 2024", lang="en").id
        dup = add_claim(s, "Exports rose 12 percent in 2024", lang="en").id
        tip = save_tip(s, "something else entirely", salt="x", language="en").id
    await h.press_as(MOD_ID, f"m:tlq:{tip}")
    await h.say(MOD_ID, f"#{dup}")
    assert f"m:tlp:{tip}:{dup}" in [d for _, d in buttons(h.api.last_params("editMessageText"))]
    with h.session() as s:
        merge_claims(s, keep, dup)
    await h.press_as(MOD_ID, f"m:tlp:{tip}:{dup}")  # the button predates the merge
    assert h.api.alerts()[-1] == f"Claim #{dup} was merged into claim #{keep}; act on #{keep} instead. " \
                                     "Nothing was changed."
    assert h.get(Tip, tip).status == "open"


async def test_tip_to_new_claim_with_edited_text_and_speaker(harness):
    h = harness
    _, _, tip = seed(h)
    await h.press_as(MOD_ID, f"m:tc:{tip}")
    assert "Create as is" in [label for label, _ in buttons(h.api.last_params("editMessageText"))][0]
    await h.say(MOD_ID, "Mayor | The new bridge cost 10 billion roubles")
    t = h.get(Tip, tip)
    assert t.status == "converted"
    c = h.get(Claim, t.claim_id)
    assert (c.speaker, c.text) == ("Mayor", "The new bridge cost 10 billion roubles")
    assert f"Claim #{c.id} created by User2000" in h.api.last_params("editMessageText")["text"]
    await h.press_as(ADMIN_ID, f"m:tcc:{tip}")  # too late: told who did it, no second claim
    assert h.api.alerts()[-1] == "Already handled by User2000."
    with h.session() as s:
        assert len(s.exec(select(Claim)).all()) == 2


async def test_tip_dismiss_twice(harness):
    h = harness
    _, _, tip = seed(h)
    await h.press_as(MOD_ID, f"m:td:{tip}")
    await h.press_as(ADMIN_ID, f"m:td:{tip}")
    assert h.get(Tip, tip).handled_by == "User2000"
    assert h.api.alerts() == ["Dismissed.", "Already handled by User2000."]
    assert len(audit(h, "tip_dismiss")) == 1


async def test_unknown_ids_on_buttons(harness):
    h = harness
    for data in ("m:sa:999", "m:td:999", "m:tl:999", "m:v:999", "m:h:999"):
        await h.press_as(MOD_ID, data)
    alerts = h.api.alerts()
    assert alerts[:4] == ["There is no source #999.", "There is no tip #999.", "There is no tip #999.",
                          "There is no claim #999."]
    assert h.api.last_params()["text"] == "There is no claim #999."


# --- verdicts -----------------------------------------------------------------------------------

async def test_verdict_command_bad_input(harness):
    h = harness
    claim, _, _ = seed(h)
    for cmd, expected in [
        (f"/verdict {claim} bogus the reason", "There is no verdict «bogus». Valid verdicts: unverified, true, "
                                              "mostly_true, mixed, misleading, mostly_false, false, unproven."),
        ("/verdict 999 unproven the reason", "There is no claim #999."),
        ("/verdict abc unproven the reason", "«abc» is not an id: use a number such as 12."),
        (f"/verdict {claim} unproven " + "r" * 1001, "Too long: at most 1000 characters. Nothing was changed."),
        (f"/verdict {claim} false", "Usage:"),
        ("/verdict", "Usage:"),
    ]:
        await h.say(MOD_ID, cmd)
        assert h.api.last_params()["text"].startswith(expected), (cmd, h.api.last_params()["text"])
    assert h.get(Claim, claim).verdict == "unverified"
    with h.session() as s:
        assert s.exec(select(VerdictHistory)).all() == []


async def test_verdict_without_source_needs_confirmed_override(harness):
    h = harness
    claim, _, _ = seed(h)
    await h.say(MOD_ID, f"/verdict {claim} mostly false per the <official> data")
    prompt = h.api.last_params()
    assert "has no approved source" in prompt["text"]
    token = button_data(prompt, "m:vo:")
    assert h.get(Claim, claim).verdict == "unverified"
    await h.press_as(MOD_ID, token)
    c = h.get(Claim, claim)
    assert c.verdict == "mostly_false"
    with h.session() as s:
        (entry,) = s.exec(select(VerdictHistory)).all()
    assert entry.override and entry.reason == "per the <official> data" and entry.by_user_id == MOD_ID
    assert "recorded as an override" in h.api.last_params("editMessageText")["text"]
    await h.press_as(MOD_ID, token)  # pressed again: nothing more
    assert h.api.alerts()[-1].startswith("This confirmation has expired")
    assert len(audit(h, "verdict_override")) == 1


async def test_verdict_with_approved_source_and_unproven_need_no_override(harness):
    h = harness
    claim, src, _ = seed(h)
    await h.say(MOD_ID, f"/verdict {claim} unproven nobody can check this")
    assert "Followers will be notified" in h.api.last_params()["text"]
    with h.session() as s:
        review_source(s, src, True, reviewer_id=ADMIN_ID, reviewer_name="Admin")
    await h.say(MOD_ID, f"/verdict {claim} false the statistics office says 3.1%")
    assert h.get(Claim, claim).verdict == "false"
    assert [a.action for a in audit(h) if a.action.startswith("verdict")] == ["verdict", "verdict"]


async def test_verdict_button_flow_from_claim_card(harness):
    from bot.moderation import card_buttons

    h = harness
    claim, src, _ = seed(h)
    assert card_buttons(None, h.get(Claim, claim), "ru") == []
    rows = card_buttons("moderator", h.get(Claim, claim), "ru")
    assert [data for _, data in rows[0]] == [f"m:v:{claim}", f"m:h:{claim}"]
    assert rows[0][0][0] == "⚖️ Вердикт"
    with h.session() as s:
        review_source(s, src, True, reviewer_id=ADMIN_ID, reviewer_name="Admin")
    await h.press_as(MOD_ID, f"m:v:{claim}")
    choose = h.api.last_params()
    assert f"m:vv:{claim}:false" in [d for _, d in buttons(choose)]
    assert f"m:vv:{claim}:unverified" not in [d for _, d in buttons(choose)]  # the current one
    await h.press_as(MOD_ID, f"m:vv:{claim}:false")
    assert "Send the reason" in h.api.last_params("editMessageText")["text"]
    await h.say(MOD_ID, "The office published 3.1%")
    assert h.get(Claim, claim).verdict == "false"
    assert "Unverified → <b>false</b>".lower() in h.api.last_params("editMessageText")["text"].lower()


async def test_a_card_s_moderator_buttons_are_built_from_the_claim_as_shown(harness):
    """A toggle-like action ("publish" / "unpublish") shows the claim's state: the builder gets the
    claim the card shows (a merged duplicate's id shows the kept claim), for every path to the card."""
    h, seen = harness, []
    keep, dup = _merged_pair(h)
    h.runtime.card_buttons = lambda role, claim, lang: seen.append((role, claim.id, claim.verdict)) or []
    await h.say(MOD_ID, f"/claim {dup}")
    await h.press_as(MOD_ID, f"d:{keep}")
    await h.say(PUBLIC_ID, f"/claim_{keep}")
    assert seen == [("moderator", keep, "unverified")] * 2 + [(None, keep, "unverified")]


def _merged_pair(h) -> tuple[int, int]:
    """(kept claim id, duplicate id) of two English claims, the duplicate merged into the first."""
    with h.session() as s:
        keep = add_claim(s, "Exports grew by 12 percent in 2024", lang="en").id
        dup = add_claim(s, "Exports rose 12 percent in 2024", lang="en").id
        merge_claims(s, keep, dup)
    return keep, dup


async def test_buttons_of_a_merged_claim_change_nothing(harness):
    h = harness
    keep, dup = _merged_pair(h)
    before = h.snapshot()
    await h.press_as(MOD_ID, f"m:v:{dup}")
    await h.press_as(MOD_ID, f"m:vv:{dup}:unproven")
    await h.say(MOD_ID, f"/verdict {dup} unproven reason")
    await h.say(MOD_ID, f"/editclaim {dup} new text")
    expected = f"Claim #{dup} was merged into claim #{keep}; act on #{keep} instead. Nothing was changed."
    assert h.api.alerts() == [expected, expected]
    assert h.api.texts_in(MOD_ID)[-2] == expected
    assert "was merged into claim" in h.api.texts_in(MOD_ID)[-1]
    assert h.snapshot() == before


async def test_editclaim_of_a_merged_claim_is_worded_from_the_catalogue(harness):
    """/editclaim on a merged duplicate: the moderator's own catalogue text naming both claims, not the
    service's English detail."""
    h = harness
    keep, dup = _merged_pair(h)
    before = h.snapshot()
    await h.say(MOD_ID, f"/editclaim {dup} new text", lang="ru")
    assert h.api.texts_in(MOD_ID)[-1] == (f"Утверждение №{dup} объединено с №{keep}; работайте с №{keep}. "
                                          "Ничего не изменено.")
    assert h.snapshot() == before


# --- claims -----------------------------------------------------------------------------------------

async def test_addclaim_with_only_separators_is_refused_not_stored_as_a_pipe(harness):
    """«/addclaim | |» or «/addclaim Speaker | |» has no claim text: the usage, not a claim «|»."""
    h = harness
    for line in ("/addclaim | |", "/addclaim Someone | |", "/addclaim Someone |  | https://news.example.org/a"):
        await h.say(MOD_ID, line)
        assert h.api.last_params()["text"].startswith("Usage: <code>/addclaim text</code>"), line
    with h.session() as s:
        assert s.exec(select(Claim)).all() == []
    await h.say(MOD_ID, "/addclaim Someone | prices rose | wages fell")  # a "|" inside the text is kept
    with h.session() as s:
        assert [(c.speaker, c.text) for c in s.exec(select(Claim))] == [("Someone", "prices rose | wages fell")]


async def test_addclaim_editclaim_merge_and_history(harness):
    h = harness
    await h.say(MOD_ID, "/addclaim Minister <X> | Inflation was 4 percent in March | https://news.example.org/a")
    with h.session() as s:
        a = s.exec(select(Claim)).one()
    assert (a.speaker, a.text) == ("Minister <X>", "Inflation was 4 percent in March")
    assert "No stored article has that URL" in h.api.last_params()["text"]
    await h.say(MOD_ID, "/addclaim Inflation reached four percent in March")
    with h.session() as s:
        b = s.exec(select(Claim).where(Claim.id != a.id)).one()
    await h.say(MOD_ID, f"/editclaim {a.id} Inflation was 4.1 percent in March")
    assert h.get(Claim, a.id).text == "Inflation was 4.1 percent in March"
    await h.say(MOD_ID, f"/merge {a.id} {a.id}")
    assert h.api.last_params()["text"] == "A claim cannot be merged with itself. Nothing was changed."
    await h.say(MOD_ID, f"/merge {a.id} {b.id}")
    assert h.get(Claim, b.id).merged_into_id == a.id
    await h.say(MOD_ID, f"/merge {b.id} {a.id}")  # a cycle
    assert h.api.last_params()["text"] == (f"Claim #{b.id} was merged into claim #{a.id}; act on #{a.id} instead. "
                                        "Nothing was changed.")
    assert h.get(Claim, a.id).merged_into_id is None
    await h.say(MOD_ID, "/merge 1")
    assert h.api.last_params()["text"].startswith("Usage:")
    await h.say(MOD_ID, f"/history {b.id}")
    text = h.api.last_params()["text"]
    assert f"History of claim #{a.id}" in text
    for label in ("claim added", "text edited", "duplicate merged in"):
        assert label in text
    assert "Inflation was 4 percent in March → Inflation was 4.1 percent in March" in text
    await h.say(MOD_ID, "/history 999")
    assert h.api.last_params()["text"] == "There is no claim #999."
    await h.say(MOD_ID, "/editclaim 999 text")
    assert h.api.last_params()["text"] == "There is no claim #999."
    check_limits(h)


async def test_history_of_many_changes_stays_under_the_limits(harness):
    h = harness
    claim, _, _ = seed(h, claim_text="A" * 1900)
    from claims.services import moderators as mods

    with h.session() as s:
        actor = mods.Actor(MOD_ID, "M" * 200, mods.MODERATOR)
        verdicts = ["unproven", "unverified"]
        for i in range(60):
            mods.set_claim_verdict(s, actor, claim, verdicts[i % 2], f"reason {i} " + "<x>" * 100)
    await h.say(MOD_ID, f"/history {claim}")
    sent = h.api.params("sendMessage")
    assert 2 <= len(sent) <= 5
    assert "reason 59" in sent[-1]["text"]
    check_limits(h)


async def test_ingest_preview_then_confirm_or_cancel(harness):
    h = harness
    article = ("Exports report\nThe minister said exports grew by 12 percent in 2024. "
               "Officials claimed that unemployment fell to 3 percent in May. The weather was nice.")
    await h.say(MOD_ID, "/ingest")
    assert "Send the article" in h.api.last_params()["text"]
    await h.say(MOD_ID, "https://news.example.org/exports\n" + article)
    preview = h.api.last_params()
    assert "Store them?" in preview["text"]
    with h.session() as s:
        assert s.exec(select(Claim)).all() == []
    cancel = button_data(preview, "m:ix:")
    confirm = button_data(preview, "m:ic:")
    await h.press_as(MOD_ID, confirm)
    assert "stored with" in h.api.last_params("editMessageText")["text"]
    with h.session() as s:
        claims = s.exec(select(Claim)).all()
    assert claims and len(audit(h, "claim_ingest")) == len(claims)
    await h.press_as(MOD_ID, confirm)  # a second press stores nothing more
    assert h.api.alerts()[-1].startswith("This confirmation has expired")
    await h.press_as(MOD_ID, cancel)
    with h.session() as s:
        assert len(s.exec(select(Claim)).all()) == len(claims)


async def test_ingest_txt_document_and_cancel(harness):
    h = harness
    h.api.files["doc1"] = ("Заголовок\nМинистр заявил, что экспорт вырос на 12% в 2024 году. "
                               "По словам главы ЦБ, инфляция составит 4%.").encode("cp1251")
    doc = {"file_id": "doc1", "file_unique_id": "doc1", "file_name": "article.txt", "mime_type": "text/plain",
           "file_size": 200}
    await h.send(message_update(MOD_ID, caption="/ingest", document=doc))
    preview = h.api.last_params()
    assert "Found 2 claims" in preview["text"] and "<i>министр</i>: Министр заявил" in preview["text"]
    await h.press_as(MOD_ID, button_data(preview, "m:ix:"))
    assert h.api.last_params("editMessageText")["text"] == "Cancelled. Nothing was changed."
    with h.session() as s:
        assert s.exec(select(Claim)).all() == []
    doc = dict(doc, file_name="photo.jpg", mime_type="image/jpeg")
    await h.say(MOD_ID, "/ingest")
    await h.send(message_update(MOD_ID, document=doc))
    assert h.api.last_params()["text"] == "Send plain text, a .txt file or a saved .html page."



async def test_ingest_of_a_saved_page_reads_its_article_and_a_sheet_is_refused(harness):
    """A moderator saves a news page ("Save as… .html") and sends it with /ingest: the claims are the
    article's sentences, not its markup or script (before: «<!doctype html><html><head><script>…» was
    offered as a claim). A CSV or Excel sheet of fact-checks is not an article: it is refused with the
    way to import it (before: a .csv was read as article text)."""
    h = harness
    page = ("<!doctype html><html><head><title>Бюджет</title><script>var s = 'Министр заявил, что налоги "
            "вырастут на 20 процентов';</script></head><body><nav>Главная | Политика | Экономика</nav><article>"
            "<h1>Бюджет</h1><p>Министр финансов Антон Силуанов заявил, что в 2024 году дефицит бюджета "
            "составил 3,5 триллиона рублей.</p><p>По его словам, инфляция в декабре 2024 года превысила "
            "9 процентов.</p></article></body></html>")
    h.api.files["page"] = page.encode()
    doc = {"file_id": "page", "file_unique_id": "page", "file_name": "budget.html", "mime_type": "text/html",
           "file_size": len(page.encode())}
    await h.send(message_update(MOD_ID, caption="/ingest", document=doc))
    preview = h.api.last_params()
    assert "Store them?" in preview["text"], preview["text"]
    assert "дефицит бюджета составил 3,5 триллиона рублей" in preview["text"]
    assert "&lt;" not in preview["text"] and "налоги вырастут" not in preview["text"]
    await h.press_as(MOD_ID, button_data(preview, "m:ic:"))
    with h.session() as s:
        stored = [c.text for c in s.exec(select(Claim)).all()]
    assert stored and not any("<" in c or "Главная" in c for c in stored)
    sheet = "text,verdict\nВакцина от гриппа вызывает аутизм у детей,false\n".encode()
    for name, mime in [("facts.csv", "text/csv"), ("facts.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]:
        h.api.files[name] = sheet
        doc = {"file_id": name, "file_unique_id": name, "file_name": name, "mime_type": mime, "file_size": len(sheet)}
        for lang in ("en", "ru"):
            await h.send(message_update(MOD_ID, caption="/ingest", document=doc, lang=lang))
            text = h.api.last_params()["text"]
            assert "claims import" in text and ("That is a table" if lang == "en" else "Это таблица") in text
    with h.session() as s:
        assert len(s.exec(select(Claim)).all()) == len(stored)

# --- stats, roles, announcements ----------------------------------------------------------------

async def test_stats_text_and_chart(harness):
    h = harness
    seed(h)
    await h.say(MOD_ID, "/stats", lang="ru")
    text = h.api.last_params()["text"]
    assert "Статистика" in text and "Очередь: источников 1, сигналов 1" in text
    photo = h.api.last_params("sendPhoto")
    assert photo["chat_id"] == MOD_ID and "Утверждения по вердиктам" in photo["caption"]


async def test_mod_add_and_remove_update_roles_and_menus(harness):
    h = harness
    await h.say(ADMIN_ID, "/mod_add @someone")
    assert "not" in h.api.last_params()["text"] and h.get(Moderator, 0) is None
    h.api.clear()
    await h.say(ADMIN_ID, "/mod_add 4242 New <Mod>")
    assert h.get(Moderator, 4242).name == "New <Mod>"
    scoped = h.api.params("setMyCommands")
    assert scoped and all(p["scope"]["chat_id"] == 4242 for p in scoped)
    names = [c["command"] for c in scoped[0]["commands"]]
    assert "queue" in names and "start" in names and "mod_add" not in names
    await h.say(4242, "/queue")
    assert "queue is empty" in h.api.last_params()["text"]
    await h.say(ADMIN_ID, "/mods")
    assert "New &lt;Mod&gt;" in h.api.last_params()["text"]
    h.api.clear()
    await h.say(ADMIN_ID, "/mod_remove 4242")
    assert h.get(Moderator, 4242) is None
    assert {p["scope"]["chat_id"] for p in h.api.params("deleteMyCommands")} == {4242}
    await h.say(ADMIN_ID, f"/mod_remove {ADMIN_ID}")
    assert "is an admin" in h.api.last_params()["text"]
    await h.say(4242, "/queue")
    assert h.api.last_params()["text"] == "⛔ This command is for moderators only."
    assert [a.action for a in audit(h) if a.action.startswith("mod_")] == ["mod_add", "mod_add", "mod_remove"]


async def test_start_gives_admins_and_moderators_their_menus(harness):
    scoped = {(p["scope"]["chat_id"], p.get("language_code")): [c["command"] for c in p["commands"]]
              for p in harness.api.params("setMyCommands") if "scope" in p}
    assert "mod_add" in scoped[(ADMIN_ID, None)] and "mod_add" not in scoped[(MOD_ID, None)]
    assert "queue" in scoped[(MOD_ID, "ru")] and "start" in scoped[(MOD_ID, "ru")]
    assert PUBLIC_ID not in {k[0] for k in scoped}
    default = [p for p in harness.api.params("setMyCommands") if "scope" not in p]
    assert default and all("queue" not in json.dumps(p) for p in default)


async def test_new_items_are_announced_once_to_the_moderation_chat(migrated_url):
    from bot.moderation import announce_new

    h = await start_harness(migrated_url, moderation_chat_id=-100500)
    try:
        claim, src, tip = seed(h)
        posted = await announce_new(h.app.bot, h.runtime)
        again = await announce_new(h.app.bot, h.runtime)
        assert (posted, again) == (2, 0)
        cards = [p for p in h.api.params("sendMessage") if p["chat_id"] == -100500]
        assert [d for _, d in buttons(cards[0])][:2] == [f"m:sa:{src}", f"m:sr:{src}"]
        assert "New tip" in cards[1]["text"]
        await h.press_as(MOD_ID, f"m:td:{tip}", chat_id=-100500)
        assert h.get(Tip, tip).status == "dismissed"
    finally:
        await h.app.shutdown()
        h.engine.dispose()


async def test_an_open_prompt_survives_a_restart_and_is_answered_on_another_worker(harness, migrated_url):
    """The prompts are states of the named, persistent "moderation" conversation: the reason typed
    after a restart (or reaching another worker) still answers the prompt, and only once."""
    h = harness
    _, src, _ = seed(h)
    await h.press_as(MOD_ID, f"m:sr:{src}")
    await h.app.shutdown()  # the worker goes away
    other = await start_harness(migrated_url)
    try:
        await other.say(MOD_ID, "A copy of a copy")
        s = other.get(Source, src)
        assert (s.status, s.review_reason) == ("rejected", "A copy of a copy")
        await other.say(MOD_ID, "something else to check")  # the prompt is closed: not a second reason
        assert other.get(Source, src).review_reason == "A copy of a copy"
    finally:
        await other.app.shutdown()
        other.engine.dispose()
    await h.app.initialize()  # the fixture shuts it down again


async def test_prompts_open_in_two_chats_are_answered_each_in_its_own(harness):
    """A moderator asked for a rejection reason in the moderation chat who then opens "new claim from
    this tip" in the private chat: the reason typed in the group rejects the group's source, the text
    typed in private makes the private tip's claim (not an error, not the other prompt's item)."""
    h = harness
    claim, src, tip = seed(h)
    group = -100123
    await h.press_as(MOD_ID, f"m:sr:{src}", chat_id=group)
    await h.press_as(MOD_ID, f"m:tc:{tip}")
    await h.say(MOD_ID, "The page says the opposite", chat_id=group)
    s = h.get(Source, src)
    assert (s.status, s.review_reason) == ("rejected", "The page says the opposite")
    assert h.get(Tip, tip).status == "open"
    assert not [t for t in h.api.texts_in(group) if "went wrong" in t]
    await h.say(MOD_ID, "The new bridge cost ten billion roubles")
    assert h.get(Tip, tip).status == "converted"
    assert h.get(Source, src).review_reason == "The page says the opposite"


@pytest.mark.parametrize("command", ["/start", "/submit", "/search bridge", "/cancel"])
async def test_another_command_closes_an_open_prompt(harness, command):
    """A moderator who asked to reject with a reason, then sends another command, has moved on: the
    command is answered as usual and the next message is not taken as the reason."""
    h = harness
    claim, src, _ = seed(h)
    await h.press_as(MOD_ID, f"m:sr:{src}")
    before = len(h.api.texts_in(MOD_ID))
    await h.say(MOD_ID, command)
    assert len(h.api.texts_in(MOD_ID)) > before  # the command itself was answered
    await h.say(MOD_ID, str(claim))
    assert h.get(Source, src).status == "pending"


@pytest.mark.parametrize("opened", ["override", "store", "reason"])
async def test_cancel_closes_an_open_prompt_or_confirmation(harness, opened):
    """/cancel with a Set anyway confirmation, a Store preview or a reason prompt open: the moderator
    is told it was cancelled (not "nothing to cancel"), and the old button or answer changes nothing."""
    h = harness
    claim, src, _ = seed(h)
    if opened == "override":
        await h.say(MOD_ID, f"/verdict {claim} false the office says otherwise")
        button = button_data(h.api.last_params(), "m:vo:")
    elif opened == "store":
        await h.say(MOD_ID, "/ingest The minister said on Monday that unemployment fell to 3 percent in May.")
        button = button_data(h.api.last_params(), "m:ic:")
    else:
        await h.press_as(MOD_ID, f"m:sr:{src}")
        button = None
    await h.say(MOD_ID, "/cancel")
    assert h.api.last_params()["text"] == "Cancelled. Nothing was changed."
    if button:
        await h.press_as(MOD_ID, button)
        assert h.api.alerts()[-1].startswith("This confirmation has expired")
    else:
        await h.say(MOD_ID, "A copy of a copy")
    assert h.get(Claim, claim).verdict == "unverified" and h.get(Source, src).status == "pending"
    with h.session() as s:
        assert [c.id for c in s.exec(select(Claim))] == [claim] and s.exec(select(VerdictHistory)).all() == []
    await h.say(MOD_ID, "/cancel")  # nothing open any more
    assert h.api.last_params()["text"] == "There is nothing to cancel."


async def test_submit_started_during_a_verdict_prompt_gets_the_claim_number(harness):
    """A moderator with a verdict's reason prompt open who starts /submit (command or the Submit
    button): the claim number typed next goes to /submit, the verdict is not set with it."""
    h = harness
    claim, _, _ = seed(h)
    for start in ("/submit", f"s:{claim}"):
        await h.press_as(MOD_ID, f"m:vv:{claim}:false")
        if start.startswith("/"):
            await h.say(MOD_ID, start)
            await h.say(MOD_ID, str(claim))
        else:
            await h.press_as(MOD_ID, start)
        await h.say(MOD_ID, "https://stat.example.org/june")
        assert h.get(Claim, claim).verdict == "unverified"
        assert not [p for p in h.api.params("editMessageText") if "no approved source" in p["text"]]
        await h.say(MOD_ID, "/cancel")


async def test_store_pressed_at_once_on_two_workers_stores_the_article_once(harness, migrated_url, caplog):
    """A double press of *Store* on an /ingest preview whose two callback queries reach two workers:
    one stores the article, the other is told it is already stored — no apology, no ERROR."""
    import logging

    h = harness
    await h.say(MOD_ID, "/ingest The minister said on Monday that unemployment fell to 3 percent in May. "
                        "He also claimed that exports grew by 12 percent in 2024 compared with the previous year.")
    data = button_data(h.api.last_params(), "m:ic:")
    other = await start_harness(migrated_url)
    try:
        other.api.messages.update(h.api.messages)
        caplog.clear()
        await asyncio.gather(h.press_as(MOD_ID, data), other.press_as(MOD_ID, data))
        assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
        with h.session() as s:
            from claims.models import Article
            assert len(list(s.exec(select(Article)))) == 1
        told = h.api.texts_in(MOD_ID, "editMessageText") + other.api.texts_in(MOD_ID, "editMessageText")
        assert any("stored with" in t for t in told) and any("already stored" in t for t in told), told
    finally:
        await other.app.shutdown()
        other.engine.dispose()


async def test_set_anyway_pressed_at_once_on_two_workers_changes_the_verdict_once(harness, migrated_url, caplog):
    """A double press of the override button whose two callback queries reach two workers: one
    history entry, one notice per follower, and no ERROR."""
    import logging

    from claims.models import Notification
    from claims.services.follow import follow

    h = harness
    claim, _, _ = seed(h)
    with h.session() as s:
        follow(s, PUBLIC_ID, PUBLIC_ID, claim)
    await h.say(MOD_ID, f"/verdict {claim} false the office says otherwise")
    data = button_data(h.api.last_params(), "m:vo:")
    other = await start_harness(migrated_url)
    try:
        other.api.messages.update(h.api.messages)
        caplog.clear()
        await asyncio.gather(h.press_as(MOD_ID, data), other.press_as(MOD_ID, data))
        assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
        with h.session() as s:
            assert len(list(s.exec(select(VerdictHistory).where(VerdictHistory.claim_id == claim)))) == 1
            assert len(list(s.exec(select(Notification).where(Notification.claim_id == claim)))) == 1
        assert h.get(Claim, claim).verdict == "false"
    finally:
        await other.app.shutdown()
        other.engine.dispose()


async def test_a_confirmation_survives_a_restart_and_only_the_newest_preview_stores(harness, migrated_url):
    """The override and ingest confirmations are states of the persistent "moderation" conversation:
    "Set anyway" pressed after a restart (on another worker) still sets the verdict; the Store button
    of an older /ingest preview, once a newer one is shown, stores nothing and says it has expired."""
    h = harness
    claim, _, _ = seed(h)
    await h.say(MOD_ID, f"/verdict {claim} false the office says otherwise")
    override = button_data(h.api.last_params(), "m:vo:")
    await h.app.shutdown()
    other = await start_harness(migrated_url)
    try:
        other.api.messages.update(h.api.messages)
        await other.press_as(MOD_ID, override)
        assert other.get(Claim, claim).verdict == "false"
        await other.say(MOD_ID, "/ingest The minister said on Monday that unemployment fell to 3 percent in May.")
        old = button_data(other.api.last_params(), "m:ic:")
        await other.say(MOD_ID, "/ingest Officials claimed that exports grew by 12 percent in 2024 compared with 2023.")
        new = button_data(other.api.last_params(), "m:ic:")
        await other.press_as(MOD_ID, old)
        assert other.api.alerts()[-1].startswith("This confirmation has expired")
        with other.session() as s:
            assert s.exec(select(Claim).where(Claim.id != claim)).all() == []
        await other.press_as(MOD_ID, new)
        assert "stored with" in other.api.last_params("editMessageText")["text"]
        with other.session() as s:
            assert any("exports" in c.text for c in s.exec(select(Claim)).all())
    finally:
        await other.app.shutdown()
        other.engine.dispose()
    await h.app.initialize()  # the fixture shuts it down again


async def test_merge_keeps_one_source_for_a_link_both_claims_had_in_other_spellings(harness):
    """/merge drops the duplicate's source when the kept claim has the same link however it is
    spelled (as /submit compares links): the kept card lists that source once."""
    h = harness
    with h.session() as s:
        keep = add_claim(s, CLAIM_TEXT, lang="en", actor_id=ADMIN_ID, actor_name="Admin").id
        dup = add_claim(s, "Unemployment dropped to three percent in May", lang="en", actor_id=ADMIN_ID,
                        actor_name="Admin").id
        for cid, url in ((keep, "https://example.com/s2"), (dup, "HTTPS://www.EXAMPLE.com/s2/?utm_source=tg")):
            review_source(s, submit_source(s, cid, url, "refutes").id, True, reviewer_id=MOD_ID, reviewer_name="Mod")
    await h.say(MOD_ID, f"/merge {keep} {dup}")
    assert "merged into" in h.api.texts_in(MOD_ID)[-1]
    await h.say(PUBLIC_ID, f"/claim {keep}")
    card = h.api.texts_in(PUBLIC_ID)[-1]
    assert "Approved sources (1)" in card and "EXAMPLE.com" not in card, card
    with h.session() as s:
        assert [src.url for src in s.exec(select(Source).where(Source.claim_id == keep))] == ["https://example.com/s2"]
