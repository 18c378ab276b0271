"""/submit: the one-liner and the guided flow; URL checks; one URL per claim; /cancel."""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.testing import UpdateFactory
from claims.models import Source

from conftest import USER_ID, buttons


def sources(bot, claim_key="inflation"):  # noqa: ANN001, ANN201
    with bot.session() as s:
        return s.exec(select(Source).where(Source.claim_id == bot.ids[claim_key])).all()


async def test_one_liner(bot):
    cid = bot.ids["inflation"]
    await bot.command("submit", f"{cid} https://rosstat.gov.ru/inflation refutes Данные <Росстата> & др.",
                      user=UpdateFactory.user(USER_ID, "ru", first_name="Анна", username="anna"))
    text = bot.replies()[-1]
    assert "ждёт модератора" in text and "на рассмотрении" in text
    [src] = sources(bot)
    assert (src.url, src.stance, src.note, src.status) == ("https://rosstat.gov.ru/inflation", "refutes",
                                                           "Данные <Росстата> & др.", "pending")
    assert src.submitter_id == USER_ID and src.submitter_name == "@anna"


async def test_one_liner_defaults_to_context_and_note(bot):
    cid = bot.ids["inflation"]
    await bot.command("submit", f"#{cid} https://example.com/a просто заметка")
    [src] = sources(bot)
    assert src.stance == "context" and src.note == "просто заметка"


async def test_duplicate_url_refused(bot):
    cid = bot.ids["inflation"]
    await bot.command("submit", f"{cid} https://example.com/a supports")
    await bot.command("submit", f"{cid} https://example.com/a refutes")
    assert f"уже присылали к утверждению №{cid}" in bot.replies()[-1]
    assert len(sources(bot)) == 1


async def test_same_link_in_another_spelling_refused(bot):
    """Scheme and host case and a trailing slash do not make another link."""
    cid = bot.ids["inflation"]
    await bot.command("submit", f"{cid} HTTPS://EXAMPLE.com/s2/ supports")
    await bot.command("submit", f"{cid} https://example.com/s2 refutes")
    assert f"уже присылали к утверждению №{cid}" in bot.replies()[-1]
    assert [s.url for s in sources(bot)] == ["HTTPS://EXAMPLE.com/s2/"]


@pytest.mark.parametrize(("url", "expect"), [
    ("javascript:alert(1)", "только ссылки http:// и https://"),
    ("file:///etc/passwd", "только ссылки http:// и https://"),
    ("ftp://example.com/x", "только ссылки http:// и https://"),
    ("not-a-url", "не могу"),
    ("https://localhost", "не могу"),
    ("https://" + "a" * 2100 + ".com", "не могу"),
    ("https://exa<b>mple.com/x", "не могу"),  # no host name has tags, quotes, '%' or empty labels in it
    ('https://exa"mple.com/y', "не могу"),
    ("https://exa%3Cb%3Emple.com/w", "не могу"),
    ("https://news..example.com/v", "не могу"),
])
async def test_bad_urls(bot, url, expect):
    await bot.command("submit", f"{bot.ids['inflation']} {url}")
    assert expect in bot.replies()[-1]
    assert "http(s)" not in bot.replies()[-1] and "only http" not in bot.replies()[-1]
    assert sources(bot) == []


async def test_bad_claim_ids(bot):
    await bot.command("submit", "abc https://example.com/a")
    assert "не номер утверждения" in bot.replies()[-1]
    await bot.command("submit", "999999 https://example.com/a")
    assert "Утверждения №999999 нет" in bot.replies()[-1]


async def test_note_too_long(bot):
    await bot.command("submit", f"{bot.ids['inflation']} https://example.com/a supports " + "x" * 1200)
    assert "не больше 1000" in bot.replies()[-1]
    assert sources(bot) == []


async def test_submit_to_merged_claim_lands_on_target(bot):
    await bot.command("submit", f"{bot.ids['troops_dup']} https://example.com/t supports")
    assert len(sources(bot, "troops")) == 1


async def test_guided_flow(bot):
    cid = bot.ids["inflation"]
    await bot.command("submit")
    assert "К какому утверждению" in bot.replies()[-1]
    await bot.text("сорок два")
    assert "не номер утверждения" in bot.replies()[-1]
    await bot.text(str(cid))
    assert "Теперь пришлите ссылку" in bot.replies()[-1] and "инфляция" in bot.replies()[-1]
    await bot.text("javascript:alert(1)")
    assert "только ссылки http" in bot.replies()[-1]
    await bot.send(bot.make.message(media="sticker", user=bot.user))
    assert "текст" in bot.replies()[-1]
    await bot.text("https://example.com/proof")
    assert [d for _, d in buttons(bot.last().params)] == ["st:supports", "st:refutes", "st:context", "sc:n"]
    await bot.press("st:refutes")
    assert "заметку" in bot.replies()[-1]
    await bot.text("Официальная <статистика>")
    confirm = bot.last()
    assert "Официальная &lt;статистика&gt;" in confirm.text and "опровергает" in confirm.text
    assert sources(bot) == []  # nothing stored before the confirmation
    await bot.press("sc:y")
    assert "ждёт модератора" in bot.last("editMessageText").text
    [src] = sources(bot)
    assert (src.url, src.stance, src.note) == ("https://example.com/proof", "refutes", "Официальная <статистика>")
    # The flow is over: text is checked again, not taken as a note.
    await bot.text("Вакцина от гриппа вызывает аутизм у детей")
    assert "ложь" in bot.replies()[-1]


async def test_guided_flow_skip_note_and_text_stance(bot):
    await bot.command("submit")
    await bot.text(str(bot.ids["vaccine"]))
    await bot.text("https://example.com/x")
    await bot.text("против")
    await bot.press("sn")
    await bot.press("sc:y")
    [src] = [s for s in sources(bot, "vaccine") if s.url == "https://example.com/x"]
    assert src.stance == "refutes" and src.note is None


async def test_guided_flow_from_card_button(bot):
    await bot.command("claim", str(bot.ids["eiffel"]), user=UpdateFactory.user(USER_ID, "en"))
    await bot.press(f"s:{bot.ids['eiffel']}", user=UpdateFactory.user(USER_ID, "en"))
    assert "Now send the link" in bot.replies()[-1]


async def test_cancel_anywhere(bot):
    await bot.command("submit")
    await bot.text(str(bot.ids["inflation"]))
    await bot.text("https://example.com/x")
    await bot.command("cancel")
    assert "Отменено" in bot.replies()[-1]
    await bot.press("st:supports")  # the old button after cancelling
    assert "устарел" in bot.last("answerCallbackQuery").params["text"]
    assert sources(bot) == []
    await bot.command("cancel")
    assert "Отменять нечего" in bot.replies()[-1]


async def test_confirm_cancel_button(bot):
    await bot.command("submit")
    await bot.text(str(bot.ids["inflation"]))
    await bot.text("https://example.com/x")
    await bot.press("st:context")
    await bot.text("/skip")
    await bot.text("что-то ещё")
    assert "Отправить" in bot.replies()[-1]  # asks to press a button
    await bot.press("sc:n")
    assert sources(bot) == []


async def test_duplicate_in_guided_flow(bot):
    await bot.command("submit", f"{bot.ids['inflation']} https://example.com/x")
    await bot.command("submit")
    await bot.text(str(bot.ids["inflation"]))
    await bot.text("https://example.com/x")
    await bot.press("st:context")
    await bot.press("sn")
    await bot.press("sc:y")
    assert "уже присылали" in bot.last("editMessageText").text
    assert len(sources(bot)) == 1


async def test_guided_flow_not_in_groups(bot):
    group = bot.make.group_chat()
    await bot.command("submit", chat=group)
    assert "личном чате" in bot.replies()[-1]
    await bot.command("submit", f"{bot.ids['inflation']} https://example.com/g", chat=group)
    assert "ждёт модератора" in bot.replies()[-1]


async def test_usage_with_one_argument(bot):
    await bot.command("submit", "12")
    assert "/submit номер ссылка" in bot.replies()[-1]


async def test_abandoned_draft_is_dropped_and_the_next_message_checked(bot, monkeypatch):
    """Someone typed /submit, went away, and forwards a post the next day: the post is checked,
    not refused as "not a claim number"; the old draft's buttons are stale."""
    import bot.handlers.submit as submit

    await bot.command("submit")
    await bot.text(str(bot.ids["inflation"]))
    assert "Теперь пришлите ссылку" in bot.replies()[-1]
    await bot.text("https://example.com/x")            # a step within the hour keeps the draft
    assert [d for _, d in buttons(bot.last().params)][:1] == ["st:supports"]
    later = submit._now() + submit.IDLE_SECONDS + 60
    monkeypatch.setattr(submit, "_now", lambda: later)
    await bot.text("Вакцина от гриппа вызывает аутизм у детей")
    replies = bot.replies()
    assert "ждал больше 30 минут" in replies[-2] and "ложь" in replies[-1]
    await bot.press("st:supports")
    assert "устарел" in bot.last("answerCallbackQuery").params["text"]
    assert sources(bot) == []
    await bot.command("submit")                        # and a new draft starts cleanly
    assert "К какому утверждению" in bot.replies()[-1]


async def test_deep_link_to_a_missing_claim_leaves_no_flow_open(bot):
    """``/start submit_99999`` for a claim that is not there: the polite "no such claim", and the next
    message is checked as usual, not taken as the claim number of an open /submit."""
    await bot.command("start", "submit_99999")
    assert "Утверждения №99999 нет" in bot.replies()[-1]
    await bot.text("Вакцина от гриппа вызывает аутизм у детей")
    assert "ложь" in bot.replies()[-1]
    assert "не номер утверждения" not in bot.replies()[-1]
