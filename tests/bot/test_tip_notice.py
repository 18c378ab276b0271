"""«Notify me» on a tip is a promise: "I will write to you here when the fact-checkers handle this tip".

A tip linked to a claim that already has a verdict, or dismissed, gets no verdict change, so the
sender must be told when the tip is handled — with the claim's verdict in the card's own words.
"""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.outbox import send_due
from bot.testing import UpdateFactory
from claims.models import Tip
from claims.services.tips import convert_tip, dismiss_tip, link_tip

from conftest import USER_ID


async def tip_with_notify(bot, lang: str = "ru") -> int:  # noqa: ANN001
    await bot.text("Котики захватили интернет и соцсети", user=UpdateFactory.user(USER_ID, lang))
    await bot.press(startswith="tn:", user=UpdateFactory.user(USER_ID, lang))
    with bot.session() as s:
        return s.exec(select(Tip)).one().id


async def delivered(bot) -> list[str]:  # noqa: ANN001
    bot.api.clear()
    await send_due(bot.app)
    return [t for t, c in zip(bot.replies(), bot.api.sent("sendMessage")) if c.params["chat_id"] == USER_ID]


@pytest.mark.parametrize("lang, says", [("ru", ["сигнал №{tip}", "утверждени", "№{claim}", "🔴 ложь"]),
                                        ("en", ["tip #{tip}", "claim #{claim}", "🔴 false"])], ids=["ru", "en"])
async def test_tip_linked_to_a_checked_claim_tells_the_sender_its_verdict(bot, lang, says):
    tip = await tip_with_notify(bot, lang)
    with bot.session() as s:
        link_tip(s, tip, bot.ids["vaccine"], actor_id=1, actor_name="desk")
    [text] = await delivered(bot)
    for part in says:
        assert part.format(tip=tip, claim=bot.ids["vaccine"]) in text
    assert f"/claim_{bot.ids['vaccine']}" in text


async def test_tip_turned_into_a_claim_says_it_is_not_checked_yet(bot):
    tip = await tip_with_notify(bot, "en")
    with bot.session() as s:
        claim = convert_tip(s, tip, actor_id=1, actor_name="desk").claim.id
    [text] = await delivered(bot)
    assert f"claim #{claim}" in text and "not checked yet" in text and "checked claim" not in text


async def test_dismissed_tip_is_answered_too(bot):
    tip = await tip_with_notify(bot, "ru")
    with bot.session() as s:
        dismiss_tip(s, tip, actor_id=1, actor_name="desk")
    [text] = await delivered(bot)
    assert f"№{tip}" in text


async def test_no_notice_without_notify_me(bot):
    await bot.text("Котики захватили интернет и соцсети")
    with bot.session() as s:
        link_tip(s, s.exec(select(Tip)).one().id, bot.ids["vaccine"], actor_id=1, actor_name="desk")
    assert await delivered(bot) == []
