"""/follow, /unfollow, /following."""

from __future__ import annotations

from sqlmodel import select

from bot.testing import UpdateFactory
from claims.models import Subscription, UserPref

from conftest import USER_ID


async def test_follow_unfollow_following(bot):
    cid = bot.ids["vaccine"]
    await bot.command("following")
    assert "ни за чем не следите" in bot.replies()[-1]
    await bot.command("follow", str(cid))
    assert f"следите за утверждением №{cid}" in bot.replies()[-1]
    await bot.command("follow", str(cid))
    assert "уже следите" in bot.replies()[-1]
    await bot.command("following")
    text = bot.replies()[-1]
    assert "(1)" in text and f"/claim_{cid}" in text and "🔴 ложь" in text
    await bot.command("unfollow", str(cid))
    assert "больше не следите" in bot.replies()[-1]
    await bot.command("unfollow", str(cid))
    assert "не следили" in bot.replies()[-1]
    with bot.session() as s:
        assert s.exec(select(Subscription)).all() == []


async def test_follow_remembers_language_for_notices(bot):
    await bot.command("follow", str(bot.ids["vaccine"]), user=UpdateFactory.user(USER_ID, "en"))
    assert "You follow claim" in bot.replies()[-1]
    with bot.session() as s:
        assert s.get(UserPref, USER_ID).language == "en"


async def test_follow_merged_follows_target(bot):
    await bot.command("follow", str(bot.ids["troops_dup"]))
    assert f"№{bot.ids['troops']}" in bot.replies()[-1]


async def test_follow_bad_ids(bot):
    await bot.command("follow", "xyz")
    assert "не номер утверждения" in bot.replies()[-1]
    await bot.command("follow", "777777")
    assert "Утверждения №777777 нет" in bot.replies()[-1]
    await bot.command("follow")
    assert "/follow 12" in bot.replies()[-1]
    await bot.command("unfollow", "xyz")
    assert "не номер утверждения" in bot.replies()[-1]


async def test_follow_in_group_goes_to_private_chat(bot):
    group = bot.make.group_chat()
    await bot.command("follow", str(bot.ids["vaccine"]), chat=group)
    assert "личный чат" in bot.replies()[-1]
    with bot.session() as s:
        sub = s.exec(select(Subscription)).one()
    assert sub.chat_id == USER_ID


async def test_follow_as_anonymous_admin_is_refused(bot):
    group = bot.make.group_chat()
    anon = UpdateFactory.user(1087968824, None, first_name="Group")
    await bot.send(bot.make.command("follow", str(bot.ids["vaccine"]), user=anon, chat=group, sender_chat=group))
    assert "не вижу, кто вы" in bot.replies()[-1]


async def test_long_following_list_is_split(bot):
    from claims.models import Claim

    with bot.session() as s:
        for i in range(120):
            c = Claim(text=f"Утверждение номер {i} " + "очень длинное " * 12, normalized="x", language="ru")
            s.add(c)
            s.flush()
            s.add(Subscription(user_id=USER_ID, chat_id=USER_ID, claim_id=c.id))
        s.commit()
    await bot.command("following")
    sent = bot.api.sent("sendMessage")
    assert len(sent) >= 2 and all(len(c.text) <= 4096 for c in sent)
    assert not bot.errors()


async def test_unfollow_names_the_claim_it_stopped(bot):
    """/unfollow by a merged claim's old number (or with leading zeros) says which claim was let go,
    the number /follow and /following showed, not the text typed."""
    dup, target = bot.ids["troops_dup"], bot.ids["troops"]
    await bot.command("follow", str(dup))
    assert f"следите за утверждением №{target}" in bot.replies()[-1]
    await bot.command("unfollow", str(dup))
    assert bot.replies()[-1] == f"🔕 Вы больше не следите за утверждением №{target}."
    await bot.command("follow", str(target))
    await bot.command("unfollow", f"#000{target}")
    assert bot.replies()[-1] == f"🔕 Вы больше не следите за утверждением №{target}."
