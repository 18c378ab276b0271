"""Albums (issue 12.1): Telegram delivers an album as one update per photo or video, sharing a
media_group_id, with the caption on one of them. The bot answers an album once — with the caption
wherever it sits, or with one "I only check text" when there is none — even when its parts reach
two workers (two Applications on one database, SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio

from sqlmodel import select

from bot.models import AlbumAnswer, AlbumPart
from bot.render import html_to_text
from bot.testing import UpdateFactory
from claims.models import Tip

from conftest import start_app

WAIT = 1.0  # ALBUM_WAIT_SECONDS for these tests (the default)
CLAIM_TEXT = "Министр финансов: инфляция в России в 2023 году составила 7,4%"
USER = UpdateFactory.user(5151, "ru")


def album(make: UpdateFactory, group: str, captions: list[str | None], extra: dict | None = None) -> list[dict]:
    """The updates of one album as Telegram sends them: one per photo, `captions[i]` on the i-th."""
    out = []
    for caption in captions:
        update = make.message(caption=caption, media="photo", user=USER,
                              extra={"media_group_id": group, **(extra or {})})
        if caption is None:
            update["message"].pop("caption", None)
        out.append(update)
    return out


async def two_workers(migrated_url: str):  # noqa: ANN201
    first = await start_app(migrated_url, album_wait_seconds=WAIT)
    second = await start_app(migrated_url, seed=False, album_wait_seconds=WAIT)
    for h in (first, second):
        await h.app.start()  # the JobQueue runs the one-off "answer this album" jobs
    return first, second


async def close(*workers) -> None:  # noqa: ANN002
    for h in workers:
        await h.app.stop()
        await h.close()


def sent(*workers) -> list:  # noqa: ANN002
    return [c for h in workers for c in h.api.sent("sendMessage")]


async def replies(expected: int, *workers) -> list:  # noqa: ANN002
    """The replies once `expected` were sent (at most 30 s: the first match warms the matcher up), and
    a little longer, so that a reply too many would be seen."""
    for _ in range(300):
        if len(sent(*workers)) >= expected:
            break
        await asyncio.sleep(0.1)
    await asyncio.sleep(WAIT + 1.0)
    return sent(*workers)


async def test_album_answered_once_across_two_workers(migrated_url):
    first, second = await two_workers(migrated_url)
    try:
        make = first.make  # one update-id sequence for both workers, as Telegram's would be
        cases = {
            "caption on the first": album(make, "g-first", [CLAIM_TEXT, None, None]),
            "caption on the second": album(make, "g-second", [None, CLAIM_TEXT, None]),
            "no caption": album(make, "g-none", [None, None, None]),
        }
        for parts in cases.values():  # parts alternate between the workers
            for n, update in enumerate(parts):
                await (first if n % 2 == 0 else second).send(update)
        calls = await replies(3, first, second)
        by_reply = {c.params["reply_parameters"]["message_id"]: c for c in calls}
        assert len(calls) == 3 == len(by_reply), [html_to_text(c.text) for c in calls]
        for name, parts in cases.items():
            captioned = [u["message"] for u in parts if u["message"].get("caption")]
            target = (captioned or [parts[0]["message"]])[0]
            call = by_reply.get(target["message_id"])
            assert call is not None, f"{name}: no reply to the captioned (or first) part"
            text = html_to_text(call.text)
            if captioned:
                assert "повторяет утверждения из базы фактчекеров" in text, name
                assert "Антон Силуанов" in text, name
                assert "только текст" not in text, name
            else:
                assert text.startswith("Я проверяю только текст"), name
        assert first.seen_errors == [] and second.seen_errors == []
        with first.runtime.session() as s:
            assert s.exec(select(AlbumPart)).all() == []  # the parts are gone once answered
            assert len(s.exec(select(AlbumAnswer)).all()) == 3
    finally:
        await close(first, second)


async def test_unmatched_album_is_one_tip_with_the_links_of_every_part(migrated_url):
    """Captions on two parts, a hidden link on the second: one reply, one tip with both captions and the link."""
    first, second = await two_workers(migrated_url)
    try:
        hidden = "https://example.com/report?id=7&utm_source=tg"
        parts = album(first.make, "g-tip", [None, "Губернатор пообещал построить новый мост через реку к лету",
                                            "Подробности по ссылке"])
        parts[2]["message"]["caption_entities"] = [{"type": "text_link", "offset": 0, "length": 11, "url": hidden}]
        await second.send(parts[0])
        await first.send(parts[1])
        await second.send(parts[2])
        calls = await replies(1, first, second)
        assert len(calls) == 1, [html_to_text(c.text) for c in calls]
        assert calls[0].params["reply_parameters"]["message_id"] == parts[1]["message"]["message_id"]
        assert "передал его фактчекерам" in html_to_text(calls[0].text)
        with first.runtime.session() as s:
            tips = s.exec(select(Tip)).all()
        assert len(tips) == 1
        assert "новый мост" in tips[0].text and "Подробности по ссылке" in tips[0].text
        assert hidden in (tips[0].links or "")
    finally:
        await close(first, second)


async def test_a_part_redelivered_after_the_answer_is_not_answered_again(migrated_url):
    first, second = await two_workers(migrated_url)
    try:
        parts = album(first.make, "g-late", [CLAIM_TEXT, None])
        for update in parts:
            await first.send(update)
        assert len(await replies(1, first, second)) == 1
        late = album(first.make, "g-late", [None])[0]
        await second.send(late)
        await asyncio.sleep(WAIT + 1.5)
        assert len(sent(first, second)) == 1
    finally:
        await close(first, second)


async def test_an_album_whose_worker_stopped_is_answered_by_the_sweep(migrated_url, monkeypatch):
    """The worker that got the parts never ran its job (here: its JobQueue is not running, as after a
    crash); the periodic sweep of another worker answers the album, once."""
    from bot.handlers import albums

    stopped = await start_app(migrated_url, album_wait_seconds=WAIT)
    other = await start_app(migrated_url, seed=False, album_wait_seconds=WAIT)
    try:
        parts = album(stopped.make, "g-orphan", [None, CLAIM_TEXT])
        for update in parts:
            await stopped.send(update)
        assert sent(stopped, other) == []
        monkeypatch.setattr(albums, "LATE", 0.0)
        monkeypatch.setattr(albums, "MAX_WAITS", 1)
        assert await albums.sweep(other.app) == 0  # not yet overdue: its own worker may still answer
        await asyncio.sleep(WAIT + 0.2)
        assert await albums.sweep(other.app) == 1
        assert await albums.sweep(other.app) == 0
        calls = sent(stopped, other)
        assert len(calls) == 1 and "Антон Силуанов" in html_to_text(calls[0].text)
        assert calls[0].params["reply_parameters"]["message_id"] == parts[1]["message"]["message_id"]
    finally:
        for h in (stopped, other):
            await h.close()



async def test_the_sweep_answers_in_the_language_the_sender_chose(migrated_url, monkeypatch):
    """A sender whose Telegram is Russian chose /lang en; the worker that got the album stopped and
    another's sweep answers it: in English, as every other answer (before: in Russian — the sweeping
    process had never read their choice, so the Telegram language was used)."""
    from bot.handlers import albums
    from claims.services import prefs

    stopped = await start_app(migrated_url, album_wait_seconds=WAIT)
    other = await start_app(migrated_url, seed=False, album_wait_seconds=WAIT)
    try:
        with stopped.runtime.session() as s:
            prefs.set_language(s, USER["id"], "en")
        for update in (*album(stopped.make, "g-tip", [None, "Говорят, что новый мост стоил десять миллиардов"]),
                       *album(stopped.make, "g-bare", [None, None])):
            await stopped.send(update)
        monkeypatch.setattr(albums, "LATE", 0.0)
        monkeypatch.setattr(albums, "MAX_WAITS", 1)
        await asyncio.sleep(WAIT + 0.2)
        assert await albums.sweep(other.app) == 2
        texts = sorted(html_to_text(c.text) for c in sent(stopped, other))
        assert len(texts) == 2
        assert texts[0].startswith("I can only check text") and texts[1].startswith("I found no claim"), texts
    finally:
        for h in (stopped, other):
            await h.close()

async def test_an_album_counts_once_against_the_rate_limit(migrated_url):
    """RATE_LIMIT_PER_MINUTE=3 and an album of 6 photos: one answer, no "slow down", and the next
    message still gets through (before: the 4th part on was stopped with a warning)."""
    h = await start_app(migrated_url, album_wait_seconds=WAIT, rate_limit_per_minute=3)
    await h.app.start()
    try:
        for update in album(h.make, "g-big", [CLAIM_TEXT, None, None, None, None, None]):
            await h.send(update)
        calls = await replies(1, h)
        assert len(calls) == 1 and "Антон Силуанов" in html_to_text(calls[0].text)
        await h.send(h.make.message("Вакцина от гриппа вызывает аутизм у детей", user=USER))
        assert len(sent(h)) == 2 and "ложь" in html_to_text(sent(h)[-1].text)
    finally:
        await close(h)


async def test_a_caption_arriving_late_on_another_worker_is_not_lost(migrated_url):
    """The captioned (last) part reaches the other worker more than ALBUM_WAIT_SECONDS after the first
    parts. A little late: the album, having no caption yet, waits for it and is answered once, with
    it. Very late (after the album was answered "I only check text"): that part is answered on its
    own, once. Before: "I only check text" and the caption was dropped."""
    from bot.handlers.albums import MAX_WAITS

    first, second = await two_workers(migrated_url)
    try:
        slow = album(first.make, "g-slow", [None, None, CLAIM_TEXT])
        await first.send(slow[0])
        await first.send(slow[1])
        await asyncio.sleep(WAIT * 1.5)
        await second.send(slow[2])
        calls = await replies(1, first, second)
        assert [html_to_text(c.text)[:40] for c in calls] == ["Это сообщение повторяет утверждения из б"]
        assert calls[0].params["reply_parameters"]["message_id"] == slow[2]["message"]["message_id"]

        later = album(first.make, "g-later", [None, None, CLAIM_TEXT])
        await first.send(later[0])
        await first.send(later[1])
        await asyncio.sleep(WAIT * MAX_WAITS + 0.5)
        await second.send(later[2])
        await first.send(later[2] | {"update_id": later[2]["update_id"] + 10_000})  # seen by both workers
        ids = {u["message"]["message_id"] for u in later}
        calls = [c for c in await replies(3, first, second) if c.params["reply_parameters"]["message_id"] in ids]
        by_reply = {c.params["reply_parameters"]["message_id"]: html_to_text(c.text) for c in calls}
        assert len(calls) == 2 == len(by_reply), [html_to_text(c.text) for c in calls]
        assert by_reply[later[0]["message"]["message_id"]].startswith("Я проверяю только текст")
        assert "Антон Силуанов" in by_reply[later[2]["message"]["message_id"]]
        assert first.seen_errors == [] and second.seen_errors == []
    finally:
        await close(first, second)


async def test_an_album_whose_caption_hides_a_link_to_an_ingested_article_answers_with_its_claims(migrated_url):
    """Albums meet links: the caption of the middle part is «Подробности по ссылке» with a text_link
    to an ingested article (tracking parameter added); the parts reach two workers. One reply, with
    the article's claims "found by the link", and no tip."""
    from pathlib import Path

    from claims.services.ingest import ingest_article

    sample = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_3f4717b877e978cd.txt"
    url = "https://example.org/world/2025/07/lavrov-wonsan"
    first, second = await two_workers(migrated_url)
    try:
        with first.runtime.session() as s:
            ingest_article(s, sample.read_text(encoding="utf-8"), url=url, lang="ru", nlp=first.runtime.nlp)
        parts = album(first.make, "g-link", [None, "Подробности по ссылке", None])
        parts[1]["message"]["caption_entities"] = [{"type": "text_link", "offset": 0, "length": 11,
                                                     "url": url + "?utm_source=telegram"}]
        await first.send(parts[0])
        await second.send(parts[1])
        await first.send(parts[2])
        calls = await replies(1, first, second)
        assert len(calls) == 1, [html_to_text(c.text) for c in calls]
        reply = html_to_text(calls[0].text)
        assert reply.startswith("Ссылка из сообщения ведёт к утверждениям") and "найдено по ссылке" in reply
        assert "Сергей Лавров" in reply
        with first.runtime.session() as s:
            assert s.exec(select(Tip)).all() == []
    finally:
        await close(first, second)
