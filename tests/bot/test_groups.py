"""Groups: commands and mentions are answered; ordinary messages only with /autocheck on."""

from __future__ import annotations

from sqlmodel import select

from bot.testing import UpdateFactory
from claims.models import ChatSetting, Tip

from conftest import USER_ID

MATCHING = "Министр финансов: инфляция в России в 2023 году составила 7,4%"


async def test_group_ignores_ordinary_messages(bot):
    group = bot.make.group_chat()
    await bot.text(MATCHING, chat=group)
    assert bot.api.sent("sendMessage") == []


async def test_mention_is_answered(bot):
    group = bot.make.group_chat()
    await bot.text(f"@claimcheck_bot {MATCHING}", chat=group)
    assert "правда" in bot.replies()[-1]
    await bot.text("@claimcheck_bot котики захватили интернет", chat=group)
    assert "личный чат" in bot.replies()[-1]
    with bot.session() as s:
        assert s.exec(select(Tip)).all() == []  # group messages are never stored as tips


async def test_mention_in_reply_checks_the_replied_post(bot):
    group = bot.make.group_chat()
    post = bot.make.message(MATCHING, user=UpdateFactory.user(555, "ru"), chat=group)["message"]
    await bot.text("@claimcheck_bot", chat=group, reply_to=post)
    assert "правда" in bot.replies()[-1]


async def test_autocheck_admin_only(bot):
    group = bot.make.group_chat()
    await bot.command("autocheck", "on", chat=group)
    assert "только администраторы" in bot.replies()[-1]
    bot.api.members[(group["id"], USER_ID)] = "administrator"
    await bot.command("autocheck", "on", chat=group)
    assert "Автопроверка включена" in bot.replies()[-1]
    with bot.session() as s:
        assert s.get(ChatSetting, group["id"]).autocheck is True
    # Now confident matches are answered …
    await bot.text(MATCHING, chat=group)
    assert "правда" in bot.replies()[-1]
    n = len(bot.api.sent("sendMessage"))
    # … but related ones and chatter are not.
    await bot.text("КНДР отправила войска", chat=group)
    await bot.text("всем привет", chat=group)
    await bot.text("😀", chat=group)
    assert len(bot.api.sent("sendMessage")) == n
    await bot.command("autocheck", "off", chat=group)
    await bot.text(MATCHING, chat=group)
    assert "выключена" in bot.replies()[-1]


async def test_autocheck_owner_and_anonymous_admin(bot):
    group = bot.make.group_chat()
    bot.api.members[(group["id"], USER_ID)] = "creator"
    await bot.command("autocheck", "on", chat=group)
    assert "включена" in bot.replies()[-1]
    anon = UpdateFactory.user(1087968824, None, first_name="Group")
    await bot.send(bot.make.command("autocheck", "off", user=anon, chat=group, sender_chat=group))
    assert "выключена" in bot.replies()[-1]


async def test_autocheck_status_and_private(bot):
    group = bot.make.group_chat()
    await bot.command("autocheck", chat=group)
    assert "Сейчас: выключена" in bot.replies()[-1]
    await bot.command("autocheck", "on")
    assert "для групп" in bot.replies()[-1]


async def test_group_title_with_html_is_escaped_when_forwarded(bot):
    await bot.send(bot.make.forwarded("Котики захватили интернет", origin="chat", title="<b>Чат</b> & <i>",
                                      user=bot.user))
    assert not bot.errors()
    with bot.session() as s:
        assert s.exec(select(Tip)).one().origin_title == "<b>Чат</b> & <i>"


async def test_search_in_group_can_be_paged_by_others(bot):
    group = bot.make.group_chat()
    await bot.command("search", "бюджет Москвы", chat=group)
    await bot.press(startswith="sp:", user=UpdateFactory.user(9999, "en"))
    assert "page 2" in bot.last("editMessageText").text


async def test_inline_card_posted_in_group_is_not_echoed(bot):
    group = bot.make.group_chat()
    bot.api.members[(group["id"], USER_ID)] = "administrator"
    await bot.command("autocheck", "on", chat=group)
    n = len(bot.api.sent("sendMessage"))
    from bot.testing import BOT_USER

    await bot.text(MATCHING, chat=group, extra={"via_bot": BOT_USER})
    await bot.text(MATCHING, chat=group, user=UpdateFactory.user(8, None, first_name="OtherBot") | {"is_bot": True})
    assert len(bot.api.sent("sendMessage")) == n
