"""/help and /forget say exactly what /forget removes and what remains (issue 13, item 5), checked
against what it does to the database, on SQLite and PostgreSQL, in both languages."""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.models import RateHit
from bot.ratelimit import user_key
from bot.testing import UpdateFactory
from claims.i18n import t
from claims.models import AuditLog, Source, Subscription, Tip, UserPref
from claims.services.tips import user_hash

ME = 6400
NOVEL = "Глокая куздра штеко будланула бокра и курдячит бокрёнка"

# What /forget does (each checked below against the database) -> how /help words it, per language.
SAYS = {
    "deleted: subscriptions and language": {"en": "deletes your subscriptions, your language choice",
                                            "ru": "удаляет ваши подписки, выбранный язык"},
    "kept: tip texts, unlinked": {"en": "the texts of the tips you sent", "ru": "тексты присланных вами сигналов"},
    "kept: sources without the name": {"en": "sources you submitted (without your name)",
                                       "ru": "присланные источники (без вашего имени)"},
    "kept: moderation log, actor as a salted hash": {"en": "replaced by a salted hash of your id",
                                                     "ru": "заменены солёным хешем вашего id"},
}


@pytest.fixture
async def h(make_app):
    app = await make_app()
    app.user = UpdateFactory.user(ME, "en", first_name="Forgettable")
    return app


async def test_help_says_what_forget_does(h):
    await h.command("follow", str(h.ids["bridge"]))
    await h.command("lang", "en")
    await h.text(NOVEL)  # a tip
    await h.command("submit", f"{h.ids['bridge']} https://example.org/mine refutes my note")
    await h.command("queue")  # refused: the moderation log now names this user
    with h.session() as s:
        denied = s.exec(select(AuditLog).where(AuditLog.action == "denied")).one()
        assert (denied.actor_id, denied.actor_name) == (ME, "Forgettable")
    await h.command("forget")
    await h.press(f"pf:y:{ME}")

    with h.session() as s:
        facts = {
            "deleted: subscriptions and language":
                s.exec(select(Subscription).where(Subscription.user_id == ME)).all() == []
                and s.get(UserPref, ME) is None,
            "kept: tip texts, unlinked": [(x.text, x.user_id, x.user_hash) for x in s.exec(select(Tip))]
                == [(NOVEL, None, None)],
            "kept: sources without the name": [(x.submitter_id, x.submitter_name) for x in
                                               s.exec(select(Source).where(Source.url == "https://example.org/mine"))]
                == [(None, None)],
            "kept: moderation log, actor as a salted hash": [
                (a.action, a.actor_id, a.actor_name, a.actor_hash) for a in
                s.exec(select(AuditLog).where(AuditLog.action == "denied"))]
                == [("denied", None, None, user_hash(h.runtime.salt, ME))],
        }
        assert s.exec(select(RateHit).where(RateHit.user_key == user_key(h.runtime.salt, ME))).all() == []
    assert facts == {k: True for k in SAYS}, facts

    for n, lang in enumerate(("en", "ru"), 1):
        await h.command("help", user=UpdateFactory.user(ME + n, lang))
        shown = " ".join(h.replies()[-1].split())
        for fact, words in SAYS.items():
            assert words[lang] in shown, (lang, fact)
        # and the confirmation asked before anything is deleted says it too
        assert {"en": "salted hash of your id", "ru": "солёный хеш"}[lang] in t(lang, "privacy.forget.confirm")
