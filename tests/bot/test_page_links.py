"""With PUBLIC_BASE_URL set, claim cards, match replies and verdict notices link to the claim's page;
without it they are as before."""

from __future__ import annotations

from sqlmodel import select

from bot.outbox import send_due
from claims.models import Notification
from claims.services.verdicts import set_verdict

from conftest import USER_ID

VACCINE = "Вакцина от гриппа вызывает аутизм у детей"


async def replies_for_card_match_and_notice(bot) -> list[str]:  # noqa: ANN001
    cid = bot.ids["vaccine"]
    await bot.command("claim", str(cid))
    card = bot.last().text
    await bot.text(VACCINE)
    match = bot.last().text
    await bot.command("follow", str(cid))
    with bot.session() as s:
        set_verdict(s, cid, "mostly_false", reason="пересмотрено", by="desk")
    await send_due(bot.app)
    with bot.session() as s:
        assert s.exec(select(Notification.status).where(Notification.chat_id == USER_ID)).all() == ["sent"]
    notice = bot.last().text
    assert "пересмотрено" in notice and VACCINE in match
    return [card, match, notice]


async def test_cards_matches_and_notices_link_to_the_page(make_bot):
    bot = await make_bot(public_base_url="https://fc.example.org/desk/")
    link = f'🌐 <a href="https://fc.example.org/desk/claims/{bot.ids["vaccine"]}">Страница проверки</a>'
    for html in await replies_for_card_match_and_notice(bot):
        assert link in html, html


async def test_without_a_base_url_nothing_changes(make_bot):
    bot = await make_bot()
    for html in await replies_for_card_match_and_notice(bot):
        assert "🌐" not in html and "/claims/" not in html, html


async def test_no_link_to_a_page_that_does_not_exist(make_bot):
    """An unverified claim has no public page (404): its card, its match and a notice that its
    verdict went back to unverified carry no link to one."""
    bot = await make_bot(public_base_url="https://fc.example.org")
    troops = bot.ids["troops"]
    await bot.command("claim", str(troops))
    assert "🌐" not in bot.last().text and "/claims/" not in bot.last().text
    await bot.text("Северная Корея направила войска в Россию для участия в боевых действиях")
    match = bot.last().text
    assert "Северная Корея" in match and "/claims/" not in match, match
    cid = bot.ids["vaccine"]
    await bot.command("follow", str(cid))
    with bot.session() as s:
        set_verdict(s, cid, "unverified", reason="перепроверяем", by="desk")
    await send_due(bot.app)
    notice = bot.last().text
    assert "перепроверяем" in notice and "/claims/" not in notice, notice
