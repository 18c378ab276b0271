"""Hostile input through `application.process_update`: random Unicode, huge texts, malformed and
partial Update JSON, random and forged callback data, HTML injection, search strings aimed at SQL.

Every test asserts that nothing reached the error handler (an exception from our code), that the
stand-in Bot API refused nothing (it rejects bad HTML, over-long texts, >64-byte callback data like
Telegram does), and that no state changed that the sender was not entitled to change.

Hypothesis runs a bounded number of examples (the file runs in well under a minute); the app and
its database carry over between examples, which makes each example a step in one long, hostile
session rather than a fresh start.
"""

from __future__ import annotations

import copy
import json
import os
from html import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func
from sqlmodel import select
from telegram import Update

from bot.testing import UpdateFactory
from claims.models import AuditLog, Claim, Moderator, Notification, Source, Subscription, Tip, VerdictHistory

from conftest import OTHER_ID, USER_ID, buttons

MOD_ID = 7007
# HOSTILE_EXAMPLES=500 HOSTILE_RANDOM=1 for a longer, non-reproducible soak
HOSTILE = settings(max_examples=int(os.environ.get("HOSTILE_EXAMPLES", "35")), deadline=None,
                   derandomize=os.environ.get("HOSTILE_RANDOM") != "1", database=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture
async def hb(make_bot):
    h = await make_bot(moderator_ids=[MOD_ID])
    h.seen_errors = []

    async def record(update, context) -> None:  # noqa: ANN001
        h.seen_errors.append((getattr(update, "update_id", None), repr(context.error)))

    h.app.add_error_handler(record)
    return h


def assert_clean(h) -> None:  # noqa: ANN001
    assert not h.seen_errors, h.seen_errors[:3]
    refused = [(c.method, c.error.description, c.text[:200]) for c in h.errors()]
    assert not refused, refused[:3]


def snapshot(h) -> dict:  # noqa: ANN001
    """Everything a non-moderator must never change by pressing buttons."""
    with h.session() as s:
        return {
            "sources": sorted((x.id, x.status, x.reviewer_id) for x in s.exec(select(Source))),
            "claims": sorted((c.id, c.verdict, c.text, c.merged_into_id) for c in s.exec(select(Claim))),
            "history": s.exec(select(func.count()).select_from(VerdictHistory)).one(),
            "tips": sorted((t.id, t.status, t.user_id, t.chat_id, t.notify, t.claim_id) for t in s.exec(select(Tip))),
            "others_subs": sorted((x.user_id, x.claim_id) for x in s.exec(select(Subscription)
                                                                          .where(Subscription.user_id != USER_ID))),
            "moderators": sorted(m.user_id for m in s.exec(select(Moderator))),
            "notifications": s.exec(select(func.count()).select_from(Notification)).one(),
        }


# --- strategies -------------------------------------------------------------------------------------

unicode_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300)
huge_text = st.builds(lambda s, n: (s * n)[:60_000], st.text(min_size=1, max_size=12), st.integers(300, 6000))
hostile_text = st.one_of(
    unicode_text, huge_text,
    st.sampled_from(["", " ", "\u200b", "\u202e", "🏳️‍🌈" * 50, "<b>", "</i>", "<a href='javascript:x'>x</a>",
                     "&amp;&lt;", "\x00\x01\x1f", "/start submit_999999999999999999", "@claimcheck_bot",
                     "/submit 1 https://x.y", "/claim_0", "/claim_99999999999999999999", "#" * 5000]))
FORMS = ["private", "forward", "caption", "group_mention", "search", "claim", "submit", "follow", "unfollow",
         "lang", "forget", "inline", "edited", "channel"]


def build(make: UpdateFactory, form: str, text: str, name: str, title: str) -> dict:
    user = UpdateFactory.user(USER_ID, "ru", first_name=name or "x")
    if form == "private":
        return make.message(text, user=user)
    if form == "forward":
        return make.message(text, user=user, forward=UpdateFactory.origin("channel", title=title or "t"))
    if form == "caption":
        return make.message(None, user=user, caption=text[:1024])
    if form == "group_mention":
        return make.message(f"@claimcheck_bot {text}", user=user,
                            chat=UpdateFactory.group_chat(title=title or "g"))
    if form == "inline":
        return make.inline(text[:256], user=user)
    if form == "edited":
        return make.message(text or "x", user=user, kind="edited_message")
    if form == "channel":
        return make.message(text or "x", kind="channel_post", chat=UpdateFactory.channel_chat(title=title or "c"))
    return make.command(form, text, user=user)


# --- random text everywhere -------------------------------------------------------------------------

@HOSTILE
@given(text=hostile_text, form=st.sampled_from(FORMS), name=unicode_text.map(lambda s: s[:64]),
       title=unicode_text.map(lambda s: s[:128]))
async def test_random_text_in_every_form_never_crashes(hb, text, form, name, title):
    await hb.send(build(hb.make, form, text, name, title))
    assert_clean(hb)


# --- malformed and partial updates ------------------------------------------------------------------

json_leaf = st.one_of(st.none(), st.booleans(), st.integers(-2**63, 2**63), st.floats(allow_nan=False),
                      unicode_text.map(lambda s: s[:50]))
json_value = st.recursive(json_leaf, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                             st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                          max_leaves=6)


def _paths(obj, prefix=()):  # noqa: ANN001, ANN202
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield prefix + (k,)
            yield from _paths(v, prefix + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield prefix + (i,)
            yield from _paths(v, prefix + (i,))


@st.composite
def mangled_update(draw):  # noqa: ANN001, ANN201
    make = UpdateFactory()
    user = UpdateFactory.user(USER_ID, "ru")
    card = {"message_id": 5, "date": 1700000000, "chat": {"id": USER_ID, "type": "private"},
            "from": {"id": 1, "is_bot": True, "first_name": "b"}, "text": "card",
            "reply_markup": {"inline_keyboard": [[{"text": "x", "callback_data": "d:1"}]]}}
    base = draw(st.sampled_from([
        make.message("Инфляция 7,4 процента", user=user),
        make.command("search", "инфляция", user=user),
        make.command("submit", "1 https://example.org/a refutes note", user=user),
        make.message("text", user=user, forward=UpdateFactory.origin("user")),
        make.message(None, user=user, caption="c", media="video"),
        make.message("@claimcheck_bot check", user=user, chat=UpdateFactory.group_chat()),
        make.callback("d:1", card, user=user),
        make.callback("f:1", card, user=user),
        make.callback("m:sa:1", card, user=user),
        make.inline("инфляция", user=user),
    ]))
    data = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(data) if p and p[0] != "update_id"]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        if draw(st.booleans()):
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(json_value)
    data["update_id"] = make.next_update_id() + draw(st.integers(0, 10**6))
    return data


@HOSTILE
@given(data=mangled_update())
async def test_malformed_and_partial_updates_never_crash(hb, data):
    try:
        update = Update.de_json(json.loads(json.dumps(data)), hb.app.bot)
    except Exception:  # noqa: BLE001 - PTB itself refuses it; our handlers never see it
        return
    await hb.app.process_update(update)
    assert_clean(hb)


# --- buttons: random, forged, someone else's --------------------------------------------------------

@pytest.fixture
async def card(hb):
    """A claim card the user really got, plus the other user's follow and a pending source."""
    await hb.command("follow", str(hb.ids["vaccine"]), user=UpdateFactory.user(OTHER_ID, "ru"))
    await hb.command("claim", str(hb.ids["vaccine"]))
    message = next(c.result for c in reversed(hb.api.sent()) if isinstance(c.result, dict)
                   and buttons(c.result))
    return message


def forged_data(ids: dict) -> st.SearchStrategy[str]:
    n = st.integers(-5, 10**19).map(str) | st.sampled_from([str(v) for v in ids.values()])
    ops = ["d", "f", "u", "tn", "s", "st", "sn", "sc", "sp", "l", "nx", "pf:y", "pf:n", "m:sa", "m:sr", "m:srp",
           "m:v", "m:h", "m:tl", "m:tc", "m:tcc", "m:td", "m:q", "m:sk", "m:x", "m:tlq", "m:tlp"]
    structured = st.builds(lambda op, a, b: f"{op}:{a}" + (f":{b}" if b else ""), st.sampled_from(ops), n,
                           st.one_of(st.none(), n, st.text(max_size=8)))
    raw = st.text(max_size=64).filter(lambda s: len(s.encode()) <= 64)
    return st.one_of(structured.filter(lambda s: len(s.encode()) <= 64), raw)


@HOSTILE
@given(data=st.data())
async def test_random_and_forged_callbacks_change_nothing_they_should_not(hb, card, data):
    before = snapshot(hb)
    payload = data.draw(forged_data(hb.ids))
    await hb.send(hb.make.callback(payload, card, user=UpdateFactory.user(USER_ID, "ru")))
    assert_clean(hb)
    after = snapshot(hb)
    assert after == before, payload


async def test_a_users_forged_moderator_buttons_are_refused(hb, card):
    with hb.session() as s:
        pending = s.exec(select(Source).where(Source.status == "pending")).one()
    await hb.text("Совершенно новая новость о строительстве моста через пролив")  # a tip of this user
    with hb.session() as s:
        tip = s.exec(select(Tip)).one()
    before = snapshot(hb)
    for data in (f"m:sa:{pending.id}", f"m:srp:{pending.id}:0", f"m:sr:{pending.id}", f"m:td:{tip.id}",
                 f"m:tl:{tip.id}", f"m:tcc:{tip.id}", f"m:v:{hb.ids['vaccine']}", f"m:v:{hb.ids['vaccine']}:true"):
        await hb.send(hb.make.callback(data, card, user=UpdateFactory.user(USER_ID, "ru")))
    assert_clean(hb)
    assert snapshot(hb) == before
    with hb.session() as s:
        assert s.get(Source, pending.id).status == "pending"
        assert s.exec(select(func.count()).select_from(AuditLog).where(AuditLog.actor_id == USER_ID)).one() >= 1


async def test_someone_elses_ids_in_buttons(hb, card):
    """Foreign tip, foreign /forget button, unfollow of a claim only the other user follows."""
    other = UpdateFactory.user(OTHER_ID, "ru")
    await hb.text("Другая совершенно новая новость про урожай в области", user=other)
    with hb.session() as s:
        other_tip = s.exec(select(Tip)).one()
    await hb.command("forget", user=other)
    prompt = hb.api.sent("sendMessage")[-1].result
    before = snapshot(hb)
    me = UpdateFactory.user(USER_ID, "ru")
    await hb.send(hb.make.callback(f"tn:{other_tip.id}", card, user=me))  # "notify me" on their tip
    await hb.send(hb.make.callback(f"pf:y:{OTHER_ID}", prompt, user=me))  # press their /forget confirm
    await hb.send(hb.make.callback(f"u:{hb.ids['vaccine']}", card, user=me))  # unfollow: only theirs exists
    assert_clean(hb)
    assert snapshot(hb) == before
    with hb.session() as s:
        tip = s.get(Tip, other_tip.id)
        assert (tip.user_id, tip.notify) == (None, False)
        assert s.exec(select(Subscription).where(Subscription.user_id == OTHER_ID)).first() is not None


# --- HTML injection ---------------------------------------------------------------------------------

EVIL = ["<script>", "<b>Guide</b>", "<WHO>", "<первоисточником>", "<итоги>", "javascript:", "<i>evil</i>",
        "<u>chan</u>", "href=\"javascript"]


def raw_html_sent(h) -> list[str]:  # noqa: ANN001
    """Every string we sent that Telegram parses as HTML (plain-text fields such as an inline
    result's title/description or a callback answer are shown verbatim and are not included)."""
    out = []
    for call in h.api.sent():
        p = call.params
        if p.get("parse_mode") == "HTML":
            for key in ("text", "caption"):
                if isinstance(p.get(key), str):
                    out.append(p[key])
        if call.method == "answerInlineQuery":
            results = p.get("results")
            results = json.loads(results) if isinstance(results, str) else results or []
            for r in results:
                content = r.get("input_message_content") or {}
                if content.get("parse_mode") == "HTML":
                    out.append(content.get("message_text", ""))
    return [x.replace("\u2068", "").replace("\u2069", "") for x in out]  # names are isolated (FSI…PDI)


async def test_html_in_claims_sources_names_and_titles_is_escaped_everywhere(hb):
    evil_user = UpdateFactory.user(USER_ID, "en", first_name="<i>evil</i>", username=None)
    mod = UpdateFactory.user(MOD_ID, "en", first_name="<b>Mod</b>")
    for key in ("eiffel", "vaccine", "inflation"):
        await hb.command("claim", str(hb.ids[key]), user=evil_user)
    await hb.command("search", "Eiffel Tower", user=evil_user)
    await hb.command("search", "<script>alert(1)</script>", user=evil_user)
    await hb.send(hb.make.inline("Eiffel", user=evil_user))
    await hb.command("submit", f"{hb.ids['eiffel']} https://example.org/x?a=<b>&c=1 refutes <i>note</i> & more",
                     user=evil_user)
    await hb.send(hb.make.message("<u>chan</u> says the moon is made of cheese <script>", user=evil_user,
                                  forward=UpdateFactory.origin("channel", title="<u>chan</u>")))
    await hb.send(hb.make.message("@claimcheck_bot Eiffel Tower 1889", user=evil_user,
                                  chat=UpdateFactory.group_chat(title="<i>evil</i> group")))
    await hb.command("queue", user=mod)  # the moderator sees the evil source and tip
    for _ in range(3):
        mine = [c for c in hb.api.sent() if isinstance(c.result, dict) and any(
            d.startswith("m:sk:") for _, d in buttons(c.params))]
        if not mine:
            break
        await hb.press(startswith="m:sk:", user=mod)
    assert_clean(hb)
    sent = raw_html_sent(hb)
    assert sent
    joined = "\n".join(sent)
    for needle in EVIL:
        assert needle not in joined, (needle, [s for s in sent if needle in s][:1])
    assert escape("<b>Guide</b>", quote=False) in joined  # the speaker is shown, as text
    assert "&lt;WHO&gt;" in joined  # the approved source's note
    # what the moderator's queue shows: the submitter's name, the note, the channel title, the tip
    for shown in ("from &lt;i&gt;evil&lt;/i&gt;", "&lt;i&gt;note&lt;/i&gt; &amp; more", "«&lt;u&gt;chan&lt;/u&gt;»",
                  "cheese &lt;script&gt;"):
        assert shown in joined, shown


# --- search strings aimed at SQL --------------------------------------------------------------------

INJECTIONS = ["'; DROP TABLE claim; --", '"', "*", "NEAR", "OR", "OR 1=1", "' OR '1'='1", "%", "_", "\\",
              "инфляция NEAR/3 России", '"инфляция" OR "вакцина"', "a* OR b*", "-", "()", "')", "\x00",
              "; SELECT pg_sleep(5); --", "UNION SELECT * FROM tip", "$$", "E'\\x27'"]


async def test_search_strings_cannot_reach_sql(hb):
    with hb.session() as s:
        n_claims = s.exec(select(func.count()).select_from(Claim)).one()
    for q in INJECTIONS:
        await hb.command("search", q)
        await hb.send(hb.make.inline(q))
        await hb.text(q)
        await hb.command("claim", q)
    await hb.command("search", "инфляция")
    assert_clean(hb)
    with hb.session() as s:
        assert s.exec(select(func.count()).select_from(Claim)).one() == n_claims
    assert "7,4" in hb.replies()[-1]  # and search still works


async def test_search_strings_cannot_reach_sql_on_both_databases(migrated_url):
    from conftest import start_app

    h = await start_app(migrated_url)
    try:
        with h.session() as s:
            n_claims = s.exec(select(func.count()).select_from(Claim)).one()
        for q in INJECTIONS:
            await h.command("search", q)
            await h.send(h.make.inline(q))
            await h.text(q)
        assert_clean(h)
        with h.session() as s:
            assert s.exec(select(func.count()).select_from(Claim)).one() == n_claims
    finally:
        await h.close()
