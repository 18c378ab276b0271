"""/forget through the bot (confirm button, in-memory state dropped too) and the retention job, on
SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from bot import privacy_handlers
from bot.testing import UpdateFactory
from bot.models import PersistenceEntry
from claims.i18n import CATALOGUES, t
from claims.models import Source, Subscription, Tip, UserPref, utcnow

from conftest import buttons

ME, OTHER = 6100, 6200
NOVEL = "Глокая куздра штеко будланула бокра и курдячит бокрёнка"
LATER = "Мэрия сообщила, что трамвайную линию продлят до аэропорта через два года"


@pytest.fixture
async def h(make_app):
    app = await make_app()
    app.user = UpdateFactory.user(ME, "en", first_name="Me")
    return app


def test_privacy_keys_are_in_both_catalogues():
    keys = {k for k in CATALOGUES["en"] if k.startswith("privacy.")}
    assert {"privacy.forget.confirm", "privacy.btn.forget", "privacy.btn.keep", "privacy.forget.done",
            "privacy.forget.kept", "privacy.forget.not_yours", "privacy.forget.private_only"} <= keys
    assert keys <= set(CATALOGUES["ru"])


async def _my_footprint(h) -> None:  # noqa: ANN001
    """Everything a user leaves behind; ends inside the guided /submit flow ("which claim?")."""
    await h.command("lang", "en")
    await h.command("follow", str(h.ids["bridge"]))
    await h.text(NOVEL)  # a tip
    await h.press(startswith="tn:")  # "notify me": the id is now kept on the tip
    await h.command("submit", f"{h.ids['bridge']} https://example.org/mine refutes my note")
    await h.command("submit")  # and leave a guided flow half-way
    assert "Which claim" in h.last().text
    await h.app.update_persistence()


async def test_forget_deletes_and_unlinks_everything_after_confirming(h):
    await h.command("follow", str(h.ids["bridge"]), user=UpdateFactory.user(OTHER, "ru"))
    await _my_footprint(h)
    with h.session() as s:
        assert s.get(UserPref, ME) is not None
        assert s.exec(select(PersistenceEntry).where(PersistenceEntry.key.contains(str(ME)))).first() is not None

    await h.command("forget")
    prompt = h.last()
    assert prompt.text == t("en", "privacy.forget.confirm")
    assert [d for _, d in buttons(prompt.params)] == [f"pf:y:{ME}", f"pf:n:{ME}"]
    await h.press(f"pf:y:{ME}")
    assert "Done" in h.last("editMessageText").text
    await h.app.update_persistence()

    with h.session() as s:
        assert s.exec(select(Subscription).where(Subscription.user_id == ME)).all() == []
        assert s.get(UserPref, ME) is None
        tip = s.exec(select(Tip)).one()
        assert tip.text == NOVEL and (tip.user_hash, tip.user_id, tip.chat_id, tip.notify) == (None, None, None, False)
        src = s.exec(select(Source).where(Source.url == "https://example.org/mine")).one()
        assert (src.submitter_id, src.submitter_name) == (None, None)
        assert s.exec(select(PersistenceEntry).where(PersistenceEntry.key.contains(str(ME)))).all() == []
        assert s.exec(select(Subscription).where(Subscription.user_id == OTHER)).first() is not None
    assert ME not in h.app.user_data or not h.app.user_data[ME]
    # the half-way /submit flow is gone too: a claim number now is an ordinary message, not the
    # answer to "which claim?" (which would be followed by "now send the link")
    await h.text(str(h.ids["bridge"]))
    assert "Now send the link" not in h.last().text


async def test_cancel_keeps_everything(h):
    await _my_footprint(h)
    await h.command("forget")
    await h.press(f"pf:n:{ME}")
    assert h.last("editMessageText").text == t("en", "privacy.forget.kept")
    with h.session() as s:
        assert s.exec(select(Subscription).where(Subscription.user_id == ME)).first() is not None
        assert s.exec(select(Tip)).one().user_id == ME


async def test_forget_in_a_group_points_to_the_private_chat(h):
    await h.command("forget", chat=UpdateFactory.group_chat())
    assert h.last().text == t("en", "privacy.forget.private_only")
    assert not buttons(h.last().params)


async def test_only_the_requester_can_confirm(h):
    await _my_footprint(h)
    await h.command("forget")
    await h.press(f"pf:y:{ME}", user=UpdateFactory.user(OTHER, "ru"))
    assert h.last("answerCallbackQuery").params.get("text") == t("ru", "privacy.forget.not_yours")
    with h.session() as s:
        assert s.exec(select(Subscription).where(Subscription.user_id == ME)).first() is not None


async def test_the_retention_job_purges_old_tips(h):
    await h.text(NOVEL)
    await h.text(LATER)  # another message (a near-duplicate of NOVEL would join its tip)
    with h.session() as s:
        old = s.exec(select(Tip).where(Tip.text == NOVEL)).one()
        old.created_at = utcnow() - timedelta(days=h.runtime.settings.tip_retention_days + 1)
        s.commit()
    result = await privacy_handlers.retention_job(h.app)
    assert result == {"tips_purged": 1, "notify_ids_cleared": 0}
    with h.session() as s:
        assert [x.text for x in s.exec(select(Tip))] == [LATER]


async def test_forget_deletes_an_album_still_waiting_for_its_answer(h, monkeypatch):
    """An album sent just before /forget (its parts wait in the database for the answer, the sender in
    each): /forget deletes the parts, and the album is then neither answered nor kept as a tip."""
    from bot.handlers import albums
    from bot.models import AlbumPart

    for caption in (NOVEL, None):
        update = h.make.message(caption=caption, media="photo", user=h.user, extra={"media_group_id": "g-forget"})
        if caption is None:
            update["message"].pop("caption", None)
        await h.send(update)  # this worker's JobQueue is not running: the parts stay stored
    with h.session() as s:
        assert len(s.exec(select(AlbumPart).where(AlbumPart.chat_id == ME)).all()) == 2
    await h.command("forget")
    await h.press(f"pf:y:{ME}")
    assert "Done" in h.last("editMessageText").text
    with h.session() as s:
        assert s.exec(select(AlbumPart)).all() == []
    monkeypatch.setattr(albums, "LATE", -3600.0)  # everything overdue
    assert await albums.sweep(h.app) == 0
    with h.session() as s:
        assert s.exec(select(Tip)).all() == []
