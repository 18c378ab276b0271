"""A name shown to moderators cannot reorder their card (issue 13, item 6), on SQLite and PostgreSQL:
bidi controls are dropped when rendering (a row stored before the cleaning) and every person's or
chat's name is isolated in FSI…PDI (an RTL-override name typed into Telegram, an Arabic name)."""

from __future__ import annotations

import re

import pytest
from sqlmodel import select

from bot.testing import UpdateFactory
from claims.models import Moderator, Source, Tip

ADMIN = 8100
FSI, PDI = "\u2068", "\u2069"
STRAY = re.compile("[\u202a-\u202e\u2066\u2067\u200e\u200f\u061c]")  # anything but our own FSI/PDI


def _isolated_only(html: str) -> None:
    """No bidi control except FSI…PDI pairs, each closed before the next opens."""
    assert not STRAY.search(html), repr(html)
    depth = 0
    for ch in html:
        if ch == FSI:
            assert depth == 0, repr(html)
            depth += 1
        elif ch == PDI:
            assert depth == 1, repr(html)
            depth -= 1
    assert depth == 0, repr(html)


@pytest.fixture
async def h(make_app):
    return await make_app(moderator_ids=[ADMIN])


async def test_names_in_moderator_cards_are_isolated(h):
    admin = UpdateFactory.user(ADMIN, "en", first_name="Admin")
    # a source sent through the bot by someone whose Telegram name carries a right-to-left override
    sender = UpdateFactory.user(8200, "en", first_name="\u202eecilA")
    await h.command("submit", f"{h.ids['bridge']} https://example.org/evidence refutes", user=sender)
    with h.session() as s:
        # rows as an older release (or a direct SQL insert) left them: controls stored as they came
        seeded = s.exec(select(Source).where(Source.url == "https://pending.example/a")).one()
        seeded.submitter_name = "\u202eevil\u202c محمد 42"
        s.add(Tip(text="Сигнал без имени", origin_type="channel", origin_title="\u2067قناة\u2069 News 7",
                  language="ru"))
        s.add(Moderator(user_id=8300, name="\u202dMallory\u202c دانا"))
        s.commit()
    h.api.clear()
    await h.command("queue", user=admin)
    card = h.last().text
    _isolated_only(card)
    assert f"{FSI}evil محمد 42{PDI}" in card

    await h.command("mods", user=admin)
    _isolated_only(h.last().text)
    assert f"{FSI}Mallory دانا{PDI}" in h.last().text

    # every card of the queue as the bot draws it: the bot-submitted source and the tip's origin too
    from bot.moderation.queue import item_text
    from claims.services.moderators import queue_items

    with h.session() as s:
        cards = [item_text(lang, item) for item in queue_items(s, limit=20) for lang in ("en", "ru")]
    joined = "\n".join(cards)
    _isolated_only(joined)
    assert f"{FSI}ecilA{PDI}" in joined and f"{FSI}قناة News 7{PDI}" in joined
