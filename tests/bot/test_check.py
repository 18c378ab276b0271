"""Any text, forwarded post or caption: matched against the claims; no match → a tip."""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.testing import UpdateFactory
from claims.models import MatchEvent, MatchFeedback, Tip

from conftest import USER_ID, buttons


async def test_forwarded_channel_post_matches(bot):
    await bot.send(bot.make.forwarded("Министр финансов: инфляция в России в 2023 году составила 7,4%",
                                      user=bot.user))
    call = bot.last()
    text = bot.replies()[-1]
    assert "повторяет утверждения из базы фактчекеров" in text
    assert "🟢 правда" in text and "Антон Силуанов" in text
    assert "Инфляция <итоги> & прогнозы" in text
    assert 'href="https://example.org/news/1?a=1&amp;b=2"' in call.text
    assert "одобренных источников: 0" in text
    cid = bot.ids["inflation"]
    data = [d for _, d in buttons(call.params)]
    assert f"d:{cid}" in data and f"f:{cid}" in data
    assert any(d.startswith(f"nx:{cid}:") for d in data)
    assert call.params["reply_parameters"]["message_id"]  # a reply to the user's message
    with bot.session() as s:
        events = s.exec(select(MatchEvent)).all()
        assert [(e.forwarded, e.matched, e.top_claim_id) for e in events] == [(True, True, cid)]
        assert s.exec(select(Tip)).all() == []  # matched: not a tip


async def test_possible_contradiction_is_flagged(bot):
    await bot.text("Вакцина от гриппа не вызывает аутизм у детей")
    text = bot.replies()
    assert any("возможно, противоречит" in t for t in text)


async def test_contradiction_flag_english(bot):
    await bot.text("Вакцина от гриппа не вызывает аутизм у детей", user=UpdateFactory.user(USER_ID, "en"))
    assert any("possibly contradicts" in t for t in bot.replies())


async def test_no_match_saves_tip_with_origin(bot):
    await bot.send(bot.make.forwarded("Котики захватили <b>интернет</b> & соцсети", user=bot.user,
                                      title="Канал <i>Новости</i> & Co"))
    [text] = bot.replies()
    assert "Утверждений из базы в этом сообщении я не нашёл, поэтому передал его фактчекерам" in text
    with bot.session() as s:
        tip = s.exec(select(Tip)).one()
    assert tip.text == "Котики захватили <b>интернет</b> & соцсети"
    assert tip.origin_type == "channel" and tip.origin_title == "Канал <i>Новости</i> & Co"
    assert tip.origin_date is not None and tip.update_id is not None
    assert tip.user_id is None and tip.user_hash and tip.notify is False
    assert str(USER_ID) not in tip.user_hash
    assert f"№{tip.id}" in text
    assert [d for _, d in buttons(bot.last().params)] == [f"tn:{tip.id}"]


async def test_notify_me_on_tip(bot):
    await bot.text("Котики захватили интернет")
    await bot.press(startswith="tn:")
    with bot.session() as s:
        tip = s.exec(select(Tip)).one()
    assert tip.notify and tip.user_id == USER_ID and tip.chat_id == USER_ID
    assert "напишу вам здесь" in bot.replies()[-1]
    assert bot.last("editMessageReplyMarkup").params.get("reply_markup") is None


async def test_notify_button_of_someone_else(bot):
    await bot.text("Котики захватили интернет")
    message = bot.last().result
    data = buttons(message)[0][1]
    await bot.press(data, message=message, user=UpdateFactory.user(999, "ru"))
    assert "больше не найден" in bot.last("answerCallbackQuery").params["text"]
    with bot.session() as s:
        assert s.exec(select(Tip)).one().user_id is None


async def test_redelivered_update_stores_one_tip(bot):
    update = bot.make.message("Котики захватили интернет", user=bot.user)
    await bot.send(update)
    await bot.send(update)
    with bot.session() as s:
        assert len(s.exec(select(Tip)).all()) == 1


@pytest.mark.parametrize("origin", ["user", "hidden_user", "chat", "channel"])
async def test_every_forward_origin(bot, origin):
    await bot.send(bot.make.forwarded("Котики захватили интернет", origin=origin, title="Группа", user=bot.user))
    with bot.session() as s:
        tip = s.exec(select(Tip)).one()
    assert tip.origin_type == origin
    # A forwarded person's name is not stored; a chat's or channel's title is.
    assert tip.origin_title == ("Группа" if origin in ("chat", "channel") else None)


async def test_caption_of_forwarded_photo(bot):
    await bot.send(bot.make.forwarded(caption="Вакцина от гриппа вызывает аутизм у детей", user=bot.user))
    assert "ложь" in bot.replies()[-1]


async def test_video_caption(bot):
    await bot.send(bot.make.message(caption="Вакцина от гриппа вызывает аутизм у детей", media="video",
                                    user=bot.user))
    assert "ложь" in bot.replies()[-1]


@pytest.mark.parametrize("media", ["sticker", "voice", "photo", "document", "location"])
async def test_non_text_gets_polite_reply(bot, media):
    await bot.send(bot.make.message(media=media, user=bot.user))
    assert bot.replies()[-1] == "Я проверяю только текст: пришлите текст, фото или видео с подписью."


@pytest.mark.parametrize("text", ["   ", "😀😀😀", "!!! ???", "👍"])
async def test_empty_or_emoji_only(bot, text):
    await bot.text(text)
    assert "нечего проверять" in bot.replies()[-1]
    with bot.session() as s:
        assert s.exec(select(Tip)).all() == []


async def test_4096_character_message(bot):
    text = ("Вакцина от гриппа вызывает аутизм у детей. " * 100)[:4096]
    await bot.text(text)
    assert not bot.errors()
    assert all(len(c.text) <= 4096 for c in bot.api.sent())


async def test_4096_character_unmatched_message_becomes_tip(bot):
    text = ("Абракадабра шмабракадабра " * 200)[:4096]
    await bot.text(text)
    with bot.session() as s:
        assert len(s.exec(select(Tip)).one().text) == 4096
    assert "передал его фактчекерам" in bot.replies()[-1]


async def test_html_and_markdown_in_user_text(bot):
    await bot.text("<b>bold</b> *markdown* _it_ `code` [link](http://x.y) & <script>")
    assert not bot.errors()
    with bot.session() as s:
        assert s.exec(select(Tip)).one().text.startswith("<b>bold</b>")


async def test_not_this_claim_feedback(bot):
    await bot.text("Министр финансов: инфляция в России в 2023 году составила 7,4%")
    await bot.press(startswith="nx:")
    assert "не утверждение" in bot.last("answerCallbackQuery").params["text"]
    await bot.press(startswith="nx:")
    assert "Уже отмечено" in bot.last("answerCallbackQuery").params["text"]
    with bot.session() as s:
        rows = s.exec(select(MatchFeedback)).all()
    assert len(rows) == 1
    assert rows[0].claim_id == bot.ids["inflation"] and rows[0].score > 90
    assert len(rows[0].message_hash) == 16 and rows[0].user_hash


async def test_follow_button_on_match(bot):
    from claims.models import Subscription

    await bot.text("Министр финансов: инфляция в России в 2023 году составила 7,4%")
    await bot.press(f"f:{bot.ids['inflation']}")
    assert "Вы следите за утверждением" in bot.replies()[-1]
    with bot.session() as s:
        sub = s.exec(select(Subscription)).one()
    assert (sub.user_id, sub.chat_id, sub.claim_id) == (USER_ID, USER_ID, bot.ids["inflation"])


async def test_related_only_is_shown_and_saved_as_tip_in_one_reply(bot):
    await bot.text("КНДР отправила войска")  # three content words: below the short-message bar → related
    [text] = bot.replies()  # one answer to one post, never two that contradict each other
    resembles, card, tip = (text.index("похоже на эти"), text.index("Северная Корея направила"),
                            text.index("передал его фактчекерам"))
    assert resembles < card < tip
    # The claim has no verdict: it is "not checked yet", and nothing calls it checked.
    assert "не проверено — в списке фактчекеров, вердикта ещё нет" in text and "проверенн" not in text
    assert "сообщу, когда его проверят" in text
    with bot.session() as s:
        tip_row = s.exec(select(Tip)).one()
    assert f"№{tip_row.id}" in text
    data = [d for _, d in buttons(bot.last().params)]
    assert f"tn:{tip_row.id}" in data and f"f:{bot.ids['troops']}" in data


async def test_related_only_in_english(bot):
    await bot.text("КНДР отправила войска", user=UpdateFactory.user(USER_ID, "en"))
    [text] = bot.replies()
    assert "it resembles these claims" in text and "not checked yet" in text
    assert "passed it to the fact-checkers as a tip" in text
    assert "checked claim" not in text


async def test_match_says_it_was_not_filed_as_a_tip(bot):
    await bot.text("Министр финансов: инфляция в России в 2023 году составила 7,4%")
    [text] = bot.replies()
    assert text.index("🟢 правда") < text.index("уже есть в базе")
    with bot.session() as s:
        assert s.exec(select(Tip)).all() == []


async def test_unproven_reads_could_not_be_confirmed(bot):
    from claims.services.verdicts import set_verdict

    with bot.session() as s:
        set_verdict(s, bot.ids["vaccine"], "unproven", reason="нет данных", by="desk")
    await bot.command("claim", str(bot.ids["vaccine"]), user=UpdateFactory.user(USER_ID, "en"))
    text = bot.replies()[-1]
    assert "unproven — could not be confirmed — which does not mean it is false" in text


async def test_forged_or_garbage_callback_data(bot):
    await bot.text("Котики")
    message = bot.last().result
    for data in ("nx:1:2:zz", "d:abc", "x" * 64, "sp:a:b", "f:", "tn:0"):
        await bot.press(data, message=message)
    assert not [c for c in bot.errors()]
    answers = bot.api.sent("answerCallbackQuery")
    assert len(answers) == 6  # every press is answered, so no client keeps spinning
    await bot.press("d:999999", message=message)
    assert "нет" in bot.replies()[-1]
