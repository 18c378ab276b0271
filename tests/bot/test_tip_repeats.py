"""The same tip from many people is one tip with a count (issue 12 item 4), and a post is filed as
a tip only where part of it matched nothing check-worthy (issue 10 item 2) — SQLite and PostgreSQL.

Through the real Application (tests/bot/conftest.start_app): users send messages,
press «Notify me», a moderator opens /queue and dismisses the tip; the outbox delivers the notices.
"""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.outbox import send_due
from bot.testing import UpdateFactory
from claims.models import Notification, Tip, TipAsker
from claims.services.tips import tip_links


MOD = 7001
A, B, C, D = 5101, 5102, 5103, 5104
KAZAN = "В Казани открыли вторую линию метро"
KAZAN_VARIANT = "В Казани открыли вторую линию метро!!! Срочно"
KAZAN_VARIANT2 = "в казани открыли 2-ю линию метро"
KAZAN_REVERSED = "В Казани закрыли вторую линию метро"
TRAM = "Мэрия сообщила, что трамвайную линию продлят до аэропорта через два года"


def user(uid: int) -> dict:
    return UpdateFactory.user(uid, "ru")


@pytest.fixture
async def app(make_app):
    return await make_app(moderator_ids=[MOD])


async def delivered(h) -> dict[int, list[str]]:  # noqa: ANN001
    h.api.clear()
    await send_due(h.app)
    out: dict[int, list[str]] = {}
    for text, call in zip(h.replies(), h.api.sent("sendMessage")):
        out.setdefault(call.params["chat_id"], []).append(text)
    return out


async def test_same_tip_from_three_people_is_one_tip_and_everyone_who_asked_is_told(app):
    h = app
    await h.text(TRAM, user=user(D))                     # an older tip, sent by one person
    await h.text(KAZAN, user=user(A))
    await h.press(startswith="tn:", user=user(A))        # A: «Notify me»
    await h.text(KAZAN, user=user(B))
    assert "Всего прислали: 2" in h.replies()[-1]        # B is told others sent it too
    await h.press(startswith="tn:", user=user(B))        # B: «Notify me» on their copy
    await h.text(KAZAN, user=user(C))
    await h.text(KAZAN, user=user(A))                    # the first sender again
    await h.text(KAZAN_VARIANT, user=user(C))            # small variants
    await h.text(KAZAN_VARIANT2, user=user(B))
    await h.text(KAZAN_REVERSED, user=user(C))           # a reversal is another tip
    assert not h.seen_errors

    tips = h.rows(Tip, Tip.status == "open")
    assert [t.text for t in tips] == [TRAM, KAZAN, KAZAN_REVERSED]
    kazan = tips[1]
    assert kazan.askers == 3 and tips[0].askers == 1 and tips[2].askers == 1
    with h.session() as s:
        askers = s.exec(select(TipAsker).where(TipAsker.tip_id == kazan.id)).all()
    assert len(askers) == 3 and sorted(a.count for a in askers) == [2, 2, 2]

    # the moderator sees it once, first (3 people), with the count — though the tram tip is older
    await h.command("queue", user=user(MOD))
    card = h.replies()[-1]
    assert f"№{kazan.id}" in card and "Прислали 3 чел." in card and KAZAN in card
    await h.press(startswith="m:td:", user=user(MOD))    # dismiss it from the card
    assert h.rows(Tip, Tip.status == "open")[1].text == KAZAN_REVERSED

    got = await delivered(h)
    assert sorted(got) == [A, B]                         # the two who asked; C did not
    assert all(len(v) == 1 and f"№{kazan.id}" in v[0] for v in got.values())
    assert await delivered(h) == {}                      # once each
    with h.session() as s:
        assert len(s.exec(select(Notification).where(Notification.kind == "tip_handled")).all()) == 2


async def test_the_queue_orders_tips_by_how_many_people_sent_them(app):
    h = app
    await h.text(TRAM, user=user(D))
    await h.text(KAZAN, user=user(A))
    await h.text(KAZAN, user=user(B))
    await h.command("queue", user=user(MOD))
    assert "Прислали 2 чел." in h.replies()[-1] and KAZAN in h.replies()[-1]
    await h.press(startswith="m:sk:t", user=user(MOD))     # skip: the next card
    nxt = h.api.sent("editMessageText")[-1].params["text"]
    assert "Прислали" not in nxt and KAZAN not in nxt


async def test_one_person_sending_the_same_text_25_times_counts_once(app):
    h = app
    for _ in range(25):
        await h.text(KAZAN, user=user(A))
    tips = h.rows(Tip, Tip.status == "open")
    assert len(tips) == 1 and tips[0].askers == 1
    with h.session() as s:
        [asker] = s.exec(select(TipAsker)).all()
    assert asker.count == 25
    assert "уже присылали" in h.replies()[-1]
    assert not h.seen_errors


# --- posts of several parts ------------------------------------------------------------------

VACCINE = "Вакцина от гриппа вызывает аутизм у детей."
BRIDGE = "Мост через Керченский пролив построили за четыре года."


async def test_post_is_filed_only_with_its_checkworthy_parts_that_repeat_no_claim(app):
    h = app
    # every check-worthy part repeats a claim: not filed (the call to subscribe is not news)
    await h.text(f"{VACCINE} {BRIDGE} Подписывайтесь на наш канал!", user=user(A))
    reply = h.replies()[-1]
    assert "уже есть в базе" in reply
    assert reply.count("аутизм") == 1 and reply.count("Керченский") == 1  # each claim once
    assert h.rows(Tip, Tip.status == "open") == []

    # one claim stated twice, one new statement: only the new statement becomes a tip
    await h.text(f"Срочно! {VACCINE} Врачи снова подтвердили: вакцина от гриппа вызывает аутизм у детей! {TRAM}. "
                 "Подписывайтесь на наш канал!", user=user(A))
    reply = h.replies()[-1]
    assert reply.count("/claim_") == 1                   # the vaccine claim, once
    assert "эту часть я передал" in reply
    [tip] = h.rows(Tip, Tip.status == "open")
    assert TRAM in tip.text and "аутизм" not in tip.text and "Подписывайтесь" not in tip.text
    assert tip.matched_claims == str(h.ids["vaccine"])
    await h.command("queue", user=user(MOD))
    await h.press(startswith="m:sk:s", user=user(MOD))   # past the seed's pending source
    card = h.api.sent("editMessageText")[-1].params["text"]
    assert f"остальное повторяет /claim_{h.ids['vaccine']}" in card and "трамвайную" in card


async def test_post_of_matched_claims_and_channel_boilerplate_is_not_filed(app):
    h = app
    await h.text(f"🔥🔥 {VACCINE} 👉 https://t.me/somechan/123 #новости #срочно #здоровье #дети "
                 "Подписывайтесь на канал @somechan! Ставьте лайки и делитесь с друзьями! "
                 "Пишите в комментариях, что думаете. Фото: пресс-служба правительства региона", user=user(A))
    reply = h.replies()[-1]
    assert "уже есть в базе" in reply and "передал фактчекерам" not in reply
    assert h.rows(Tip, Tip.status == "open") == []
    assert not h.seen_errors


async def test_notify_pressed_twice_and_on_two_copies_is_recorded_once_without_an_error(app):
    h = app
    await h.text(KAZAN, user=user(A))
    first = dict(h.last().result)                         # the reply that carries «Notify me»
    await h.press(startswith="tn:", user=user(A))
    await h.press(startswith="tn:", user=user(A), message=first)  # a double tap: the button is gone already
    assert h.replies()[-1].startswith("Хорошо")
    await h.text(KAZAN_VARIANT, user=user(A))            # their second copy, its own button
    await h.press(startswith="tn:", user=user(A))
    assert not h.seen_errors
    [tip] = h.rows(Tip, Tip.status == "open")
    await h.command("queue", user=user(MOD))
    await h.press(startswith="m:sk:s", user=user(MOD))   # past the seed's pending source
    await h.press(f"m:td:{tip.id}", user=user(MOD))
    got = await delivered(h)
    assert list(got) == [A] and len(got[A]) == 1          # told once


async def test_sending_a_joined_tip_again_says_you_already_sent_it(app):
    h = app
    await h.text(KAZAN, user=user(A))
    await h.text(KAZAN, user=user(B))
    await h.text(KAZAN_VARIANT, user=user(B))             # B again, after joining A's tip
    reply = h.replies()[-1]
    assert "Вы уже присылали это" in reply and "Всего прислали: 2" in reply
    assert "передал его фактчекерам" not in reply
    [tip] = h.rows(Tip, Tip.status == "open")
    assert tip.askers == 2


async def test_numbered_post_files_its_new_items_without_the_list_numbers(app):
    h = app
    await h.text("Главное за день:\n1. Вакцина от гриппа вызывает аутизм у детей.\n2. В Омске отключат горячую воду "
                 "на всё лето.\n3. Губернатор Новосибирской области подал в отставку.\n4. Мост через Керченский "
                 "пролив построили за четыре года.", user=user(A))
    [tip] = h.rows(Tip, Tip.status == "open")
    assert tip.text == ("В Омске отключат горячую воду на всё лето.\n…\n"
                        "Губернатор Новосибирской области подал в отставку.")
    assert tip.matched_claims == f"{h.ids['vaccine']},{h.ids['bridge']}"
    await h.command("queue", user=user(MOD))
    await h.press(startswith="m:sk:s", user=user(MOD))
    card = h.api.sent("editMessageText")[-1].params["text"]
    assert "«В Омске отключат" in card and "1." not in card and "Главное за день" not in card


async def test_links_of_everyone_who_sent_a_repeated_tip_reach_the_moderator(app):
    """Three people forward the same post, each with a different link (written out, or hidden
    behind «подробности» as a text_link): the one tip keeps every link and its card shows them all."""
    h = app
    hidden = "https://example.com/leak?id=7&utm_source=tg"
    await h.text(KAZAN, user=user(A))
    await h.text(KAZAN + " https://kazan.example.org/metro", user=user(B))
    with_words = KAZAN + ", подробности"
    start = with_words.index("подробности")
    await h.text(with_words, user=user(C), extra={"entities": [
        {"type": "text_link", "offset": start, "length": len("подробности"), "url": hidden}]})
    assert not h.seen_errors
    tips = h.rows(Tip, Tip.status == "open")
    assert len(tips) == 1 and tips[0].askers == 3
    with h.session() as s:
        kept = tip_links(s.get(Tip, tips[0].id))
    assert kept == ["https://kazan.example.org/metro", hidden]
    await h.command("queue", user=user(MOD))
    card = h.api.sent("sendMessage")[-1].params["text"]
    assert "https://kazan.example.org/metro" in card and hidden.replace("&", "&amp;") in card


DEAD = "Bad Request: query is too old and response timeout expired or query ID is invalid"


async def test_notify_pressed_on_an_old_message_after_the_tip_was_handled_tells_what_was_decided(app):
    """B joined A's tip; the moderator dismissed it; B then presses «Notify me» on their old reply
    (Telegram refusing the dead query). B is told the outcome at once — not promised a notice that
    would never come — and only once, however often they press."""
    h = app
    await h.text(KAZAN, user=user(A))
    await h.text(KAZAN, user=user(B))
    tip = h.rows(Tip, Tip.status == "open")[0]
    await h.command("queue", user=user(MOD))
    await h.press(startswith="m:td:", user=user(MOD))
    assert h.rows(Tip, Tip.status == "open") == []                            # dismissed; nobody had asked to hear back
    h.api.fail("answerCallbackQuery", 400, DEAD)
    await h.press(startswith="tn:", user=user(B))
    assert "уже рассмотрели" in h.replies()[-1]
    h.api.fail("answerCallbackQuery", 400, DEAD)
    await h.press_as(B, "tn:" + str(tip.id), lang="ru")  # pressed again (a second copy of the reply)
    assert "уже рассмотрели" in h.replies()[-1]
    assert not h.seen_errors
    got = await delivered(h)
    assert list(got) == [B] and len(got[B]) == 1, got
    assert f"№{tip.id}" in got[B][0] and "не нашли в нём утверждения" in got[B][0]
    assert await delivered(h) == {}


async def test_a_link_sent_as_a_tip_is_one_tip_however_spelled_and_other_links_stay_apart(app):
    """An unknown link, bare or with «Это правда?», from three people in three spellings (tracking
    parameters, www., a trailing slash) is one tip sent by 3; the same few words with another link,
    and a t.me post with another number, are tips of their own (before: each spelling was a new tip,
    and «Это правда? <link>» with different links joined one tip)."""
    h = app
    await h.text("https://news.example.com/story/42", user=user(A))
    await h.text("https://www.news.example.com/story/42/?utm_source=tg&fbclid=x", user=user(B))
    await h.text("Это правда? http://news.example.com/story/42", user=user(C))
    await h.text("Это правда? https://other.example.com/fake/7", user=user(D))
    await h.text("Это правда? https://t.me/s/somechannel/100", user=user(A))
    await h.text("Это правда? https://t.me/somechannel/101", user=user(B))
    assert not h.seen_errors
    tips = h.rows(Tip, Tip.status == "open")
    assert [t.askers for t in tips] == [3, 1, 1, 1], [(t.text, t.askers) for t in tips]
    assert "Всего прислали: 3" in h.replies()[2]
