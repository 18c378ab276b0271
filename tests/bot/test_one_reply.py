"""One answer per post, however long (issue 16): repeats, resembles and the tip in a single message.

Cards are long when the stored claim, its speaker and its article are long; five of them do not fit
in Telegram's 4096 characters, and a reply that spilled into a second message would put the
"kept as a tip" line and its button apart from the claims it is about.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from bot.render import MAX_MESSAGE
from claims.models import Tip

from conftest import buttons

FILLER = " ".join(f"подробность{i}" for i in range(80))  # pushes the claim past the 500 characters shown


def add_claims(bot, rows: list[tuple[str, str | None, str | None, str | None]]) -> list[int]:  # noqa: ANN001
    """Unverified claims (text, speaker, article url, article title) the running matcher picks up."""
    from claims.models import Article, Claim, ClaimChange
    from claims.normalize import normalize

    ids = []
    with bot.session() as s:
        for n, (text, speaker, url, title) in enumerate(rows):
            article_id = None
            if url or title:
                article = Article(url=url, title=title, language="ru", published=date(2024, 1, 15), text=text,
                                  content_hash=f"one-reply-{n}")
                s.add(article)
                s.flush()
                article_id = article.id
            claim = Claim(article_id=article_id, text=text, normalized=normalize(text, "ru"), speaker=speaker,
                          language="ru", verdict="unverified", checkworthiness=1.0)
            s.add(claim)
            s.flush()
            ids.append(claim.id)
            s.add(ClaimChange(claim_id=claim.id, kind="add"))
        s.commit()
    return ids


def long_claims(n: int, url_chars: int = 300) -> list[tuple[str, str, str, str]]:
    return [(f"Губернатор заявил, что мост через Волгу номер {i} построят к 2030 году & <скоро>. {FILLER}",
             "Губернатор области и председатель регионального правительства " * 3,
             f"https://example.org/news/{i}?" + "utm=x&" * (url_chars // 6), "Мосты через Волгу: <план> & сроки " * 5)
            for i in range(n)]


@pytest.mark.parametrize("url_chars", [300, 2000], ids=["five-long-cards", "one-huge-card"])
async def test_long_related_only_reply_is_one_message_with_the_tip(make_bot, url_chars):
    bot = await make_bot(match_threshold=99.0)  # everything it finds is only "related"
    ids = add_claims(bot, long_claims(5 if url_chars < 1000 else 1, url_chars))
    await bot.text("Губернатор заявил, что мост через Волгу построят к 2030 году")
    assert not bot.errors()
    [call] = bot.api.sent("sendMessage")  # one answer to one post
    assert len(call.text) <= MAX_MESSAGE
    text = bot.replies()[-1]
    with bot.session() as s:
        tip = s.exec(select(Tip)).one()
    assert text.index("похоже на эти") < text.index("Губернатор заявил") < text.index(f"сигнал (№{tip.id})")
    data = [d for _, d in buttons(call.params)]
    assert f"tn:{tip.id}" in data and f"f:{ids[0]}" in data
    # Every card shown has its buttons, and no button points at a card that was left out.
    shown = [cid for i, cid in enumerate(ids) if f"Волгу номер {i} " in text]
    assert shown and [d for d in data if d.startswith("f:")] == [f"f:{cid}" for cid in shown]


async def test_long_reply_in_a_group_is_one_message(make_bot):
    bot = await make_bot(match_threshold=99.0)
    add_claims(bot, long_claims(5))
    await bot.text("@claimcheck_bot Губернатор заявил, что мост через Волгу построят к 2030 году",
                   chat=bot.make.group_chat())
    assert not bot.errors()
    [call] = bot.api.sent("sendMessage")
    assert len(call.text) <= MAX_MESSAGE


@pytest.mark.parametrize("lang, says", [("ru", "Перешлите его мне в личный чат"), ("en", "Forward it to me in a private chat")],
                         ids=["ru", "en"])
async def test_related_only_in_a_group_says_nothing_was_passed_on(bot, lang, says):
    """A group message is never kept as a tip: the reply to one that only resembles claims says how to pass it on."""
    from bot.testing import UpdateFactory

    await bot.text("@claimcheck_bot КНДР отправила войска", chat=bot.make.group_chat(),
                   user=UpdateFactory.user(5151, lang))
    [text] = bot.replies()
    assert f"/claim_{bot.ids['troops']}" in text
    assert text.index(f"/claim_{bot.ids['troops']}") < text.index(says)
    with bot.session() as s:
        assert s.exec(select(Tip)).all() == []
