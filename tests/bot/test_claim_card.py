"""/claim ID, /claim_ID links and the Details button: the full card, merged ids, bad ids."""

from __future__ import annotations

import pytest

from bot.testing import UpdateFactory
from bot.render import html_to_text

from conftest import USER_ID, buttons


async def test_full_card(bot):
    await bot.command("claim", str(bot.ids["vaccine"]))
    html = bot.last().text
    text = html_to_text(html)
    assert f"Утверждение №{bot.ids['vaccine']}" in text
    assert "Вакцина от гриппа вызывает аутизм у детей" in text
    assert "🔴 ложь" in text and "Проверено по данным Росстата" in text
    assert "Одобренные источники (1)" in text and "опровергает" in text and "who.int" in text
    assert "pending.example" not in text  # pending sources are not public
    assert "Обзор &lt;WHO&gt;" in html  # source note escaped
    assert 'href="https://who.int/report?x=1&amp;y=2"' in html
    assert "История вердиктов" in text and "не проверено → ложь" in text
    assert "Сверено с <первоисточником>" in text
    data = [d for _, d in buttons(bot.last().params)]
    assert f"f:{bot.ids['vaccine']}" in data and f"s:{bot.ids['vaccine']}" in data


async def test_card_in_english_escapes_article_and_speaker(bot):
    await bot.command("claim", str(bot.ids["eiffel"]), user=UpdateFactory.user(USER_ID, "en"))
    html = bot.last().text
    assert "&lt;b&gt;Guide&lt;/b&gt; &amp; Co" in html
    assert 'href="javascript' not in html
    assert "A &lt;script&gt;tour&lt;/script&gt;" in html
    assert "Verdict: 🟢" in html_to_text(html)


async def test_claim_link_command(bot):
    await bot.text(f"/claim_{bot.ids['inflation']}")
    assert "Силуанов" in bot.replies()[-1]
    await bot.text(f"/claim_{bot.ids['inflation']}@claimcheck_bot")
    assert "Силуанов" in bot.replies()[-1]


async def test_merged_claim_shows_target(bot):
    await bot.command("claim", str(bot.ids["troops_dup"]))
    text = bot.replies()[-1]
    assert f"№{bot.ids['troops_dup']} объединено с утверждением №{bot.ids['troops']}" in text
    assert "Северная Корея направила войска" in text


# a number too large for any claim is no such claim, typed as tapped (tests/bot/test_break12_claim_ids.py)
@pytest.mark.parametrize("arg", ["abc", "0", "-5", "1.5", "<b>1</b>"])
async def test_malformed_ids(bot, arg):
    await bot.command("claim", arg)
    text = bot.replies()[-1]
    assert "не номер утверждения" in text
    assert "claim id must be" not in text  # never the English internals


async def test_unknown_id(bot):
    await bot.command("claim", "#987654")
    assert bot.replies()[-1] == "Утверждения №987654 нет."


async def test_a_tapped_claim_link_too_large_for_any_claim_is_no_such_claim(bot):
    """/claim_N carries a number: one past every id answers as /claim 987654 does, not "unknown command"."""
    await bot.text("/claim_1234567890123456789")
    assert bot.replies()[-1] == "Утверждения №1234567890123456789 нет."
    await bot.text("/claim_" + "9" * 40 + "@claimcheck_bot")
    assert bot.replies()[-1] == f"Утверждения №{'9' * 40} нет."


async def test_unknown_id_english(bot):
    await bot.command("claim", "987654", user=UpdateFactory.user(USER_ID, "en"))
    assert bot.replies()[-1] == "There is no claim #987654."


async def test_usage(bot):
    await bot.command("claim")
    assert "/claim 12" in bot.replies()[-1]


async def test_long_history_is_split_under_the_limit(bot):
    from claims.models import VerdictHistory

    cid = bot.ids["inflation"]
    with bot.session() as s:
        for i in range(60):
            s.add(VerdictHistory(claim_id=cid, old_verdict="true", new_verdict="false", by="x",
                                 reason=f"причина {i} " + "<x> & " * 40))
        s.commit()
    await bot.command("claim", str(cid))
    sent = bot.api.sent("sendMessage")
    assert len(sent) >= 2
    assert all(len(c.text) <= 4096 for c in sent)
    assert not bot.errors()  # LocalBotApi would refuse broken HTML
    assert buttons(sent[-1].params) and not buttons(sent[0].params)


async def test_plan_card_says_it_is_a_plan_with_its_date(bot):
    from claims.models import Claim

    with bot.session() as s:
        claim = s.get(Claim, bot.ids["inflation"])
        claim.kind, claim.due = "plan", "в декабре 2027 года"
        s.add(claim)
        s.commit()
    await bot.command("claim", str(bot.ids["inflation"]))
    assert "📅 План, срок: в декабре 2027 года" in bot.replies()[-1]
    await bot.command("claim", str(bot.ids["inflation"]), user=UpdateFactory.user(USER_ID + 1, "en"))
    assert "📅 Plan, due в декабре 2027 года" in bot.replies()[-1]
    await bot.command("claim", str(bot.ids["vaccine"]))
    assert "📅" not in bot.replies()[-1]  # a statement has no such line
