"""Albums in private chats: one answer per media group, whichever workers its parts reach. Parts are
stored (``albumpart``); a one-off job ALBUM_WAIT_SECONDS after the first claims the album by inserting
its ``albumanswer`` row (a primary key: one worker wins) and answers once through check.py; `sweep`
answers albums whose worker stopped and drops leftovers.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta

from sqlalchemy import delete, func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select
from telegram import Message, Update, User
from telegram.ext import Application, filters

from claims.models import utcnow

from ..core import Context, message_text, read_lang, run_in_session
from ..models import AlbumAnswer, AlbumPart
from ..runtime import RUNTIME_KEY
from . import check

log = logging.getLogger(__name__)

KEEP_PARTS = timedelta(minutes=10)  # an album not answered by then is given up (its parts deleted)
KEEP_ANSWERS = timedelta(days=2)   # a claimed album is remembered while Telegram may still redeliver a part
SWEEP_EVERY = 30.0                 # seconds between sweeps
MAX_WAITS = 5                      # an album still receiving parts is answered at the latest 5 waits after its first
LATE = 10.0                        # seconds past the wait after which the sweep answers an album itself


# --- the database side (each function gets a session: run through `Context.run`) ---------------

def _of(model, chat_id: int, media_group_id: str) -> tuple:  # noqa: ANN001  (AlbumPart or AlbumAnswer)
    return col(model.chat_id) == chat_id, col(model.media_group_id) == media_group_id


def has_caption(update_json: str) -> bool:
    """Whether a stored part (Telegram's update JSON) has a caption (or text) other than spaces."""
    try:
        message = json.loads(update_json).get("message") or {}
    except (ValueError, AttributeError):
        return False
    return bool(str(message.get("caption") or message.get("text") or "").strip())


def add_part(session: Session, chat_id: int, media_group_id: str, message_id: int,
             update_json: str) -> datetime | None:
    """Store one part (a redelivered one once). Returns when the album's first stored part arrived
    (UTC), or None when the album was already answered and nothing was stored."""
    if session.get(AlbumAnswer, (chat_id, media_group_id)) is not None:
        return None
    session.add(AlbumPart(chat_id=chat_id, media_group_id=media_group_id, message_id=message_id,
                          update_json=update_json))
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
    if session.get(AlbumAnswer, (chat_id, media_group_id)) is not None:  # claimed meanwhile: too late
        session.execute(delete(AlbumPart).where(*_of(AlbumPart, chat_id, media_group_id)))
        session.commit()
        return None
    return session.exec(select(func.min(AlbumPart.created_at)).where(*_of(AlbumPart, chat_id, media_group_id))).one()


def album_due(session: Session, chat_id: int, media_group_id: str, wait: timedelta) -> datetime | None:
    """When the album is complete (UTC): `wait` after its first stored part and `wait`/2 after the newest,
    but never later than MAX_WAITS × `wait` after the first — which an album with no caption yet waits
    for. None when none of its parts is stored (it was answered)."""
    rows = session.exec(select(AlbumPart.created_at, AlbumPart.update_json).where(
        *_of(AlbumPart, chat_id, media_group_id))).all()
    if not rows:
        return None
    first, last = min(r[0] for r in rows), max(r[0] for r in rows)
    due = min(max(first + wait, last + wait / 2), first + wait * MAX_WAITS)
    return due if due > utcnow() or any(has_caption(r[1]) for r in rows) else first + wait * MAX_WAITS


def claim_late_caption(session: Session, chat_id: int, media_group_id: str) -> bool:
    """A captioned part came after its album was answered: True (once, across workers) when that
    answer had no caption, so this part is to be answered on its own."""
    done = session.execute(update(AlbumAnswer).where(*_of(AlbumAnswer, chat_id, media_group_id),
                                                     col(AlbumAnswer.captioned).is_(False)).values(captioned=True))
    session.commit()
    return done.rowcount == 1


def claim_album(session: Session, chat_id: int, media_group_id: str) -> list[str] | None:
    """Claim the album for answering: None when another worker claimed it first (or nothing is stored);
    else its parts' update JSON in message order, deleted with the claim in one transaction."""
    answer = AlbumAnswer(chat_id=chat_id, media_group_id=media_group_id)
    session.add(answer)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        return None
    parts = [p.update_json for p in session.exec(select(AlbumPart).where(*_of(AlbumPart, chat_id, media_group_id))
                                                 .order_by(AlbumPart.message_id, AlbumPart.id))]
    answer.captioned = any(map(has_caption, parts))
    session.execute(delete(AlbumPart).where(*_of(AlbumPart, chat_id, media_group_id)))
    session.commit()
    return parts or None


def overdue_albums(session: Session, wait: float) -> list[tuple[int, str]]:
    """Albums whose first part waited more than MAX_WAITS × `wait` + LATE seconds without an answer (their
    worker's job never ran), after deleting parts older than KEEP_PARTS or of answered albums, and claims
    older than KEEP_ANSWERS. Shape: [(chat_id, media_group_id)]."""
    now = utcnow()
    session.execute(delete(AlbumPart).where(col(AlbumPart.created_at) < now - KEEP_PARTS))
    answered = select(AlbumAnswer.chat_id).where(AlbumAnswer.chat_id == AlbumPart.chat_id,
                                                 AlbumAnswer.media_group_id == AlbumPart.media_group_id)
    session.execute(delete(AlbumPart).where(answered.exists()))
    session.execute(delete(AlbumAnswer).where(col(AlbumAnswer.created_at) < now - KEEP_ANSWERS))
    session.commit()
    return [(chat_id, mgid) for chat_id, mgid in session.exec(
        select(AlbumPart.chat_id, AlbumPart.media_group_id).group_by(AlbumPart.chat_id, AlbumPart.media_group_id)
        .having(func.min(AlbumPart.created_at) < now - timedelta(seconds=wait * MAX_WAITS + LATE)))]


def _read_lang(session: Session, application: Application, user: User | None) -> None:
    read_lang(session.connection(), application, user)
    session.commit()


# --- the bot side ------------------------------------------------------------------------------------

async def album_part(update: Update, context: Context) -> None:
    """A part of an album in a private chat: stored; the album is answered once, after the wait."""
    message = update.effective_message
    if check.from_ourselves(message, context.bot.id):
        return
    chat_id, mgid = update.effective_chat.id, message.media_group_id
    first = await context.run(add_part, chat_id, mgid, message.message_id, json.dumps(update.to_dict()))
    if first is None:
        if message_text(message).strip() and await context.run(claim_late_caption, chat_id, mgid):
            log.info("album %s of chat %s: its caption came after the answer; answered on its own", mgid, chat_id)
            await check.private_message(update, context)
        else:
            log.debug("album %s of chat %s already answered: part %s left alone", mgid, chat_id, message.message_id)
        return
    delay = max(0.0, (first - utcnow()).total_seconds() + context.runtime.settings.album_wait_seconds)
    name = f"album {chat_id}:{mgid}"
    if not context.job_queue.get_jobs_by_name(name):  # one job per album and worker
        context.job_queue.run_once(_answer_job, when=delay, data=(chat_id, mgid), name=name)


async def _answer_job(context: Context) -> None:
    """Answer the album once complete (`album_due`), unless another worker (or an earlier job) did."""
    chat_id, mgid = context.job.data
    wait = timedelta(seconds=context.runtime.settings.album_wait_seconds)
    if (due := await context.run(album_due, chat_id, mgid, wait)) is None:
        return
    if (delay := (due - utcnow()).total_seconds()) > 0:
        context.job_queue.run_once(_answer_job, when=delay, data=context.job.data, name=context.job.name)
    else:
        await answer(context.application, chat_id, mgid)


async def answer(application: Application, chat_id: int, media_group_id: str) -> bool:
    """Claim the album and send its one reply; False when another worker has it (or had it)."""
    runtime = application.bot_data[RUNTIME_KEY]
    parts = await run_in_session(runtime, claim_album, chat_id, media_group_id)
    if not parts:
        return False
    updates = [Update.de_json(json.loads(p), application.bot) for p in parts]
    captioned = [u for u in updates if message_text(u.effective_message).strip()]
    target = (captioned or updates)[0]
    context = Context.from_update(target, application)
    try:  # their /lang choice, read now: this process may not have read it lately (the sweep answers
        # for a worker that stopped)
        await run_in_session(runtime, _read_lang, application, target.effective_user)
        if not captioned:
            await check.non_text(target, context)
        else:
            urls = list(dict.fromkeys(url for u in updates for url in check.message_urls(u.effective_message)))
            text = "\n\n".join(message_text(u.effective_message).strip() for u in captioned)
            await check.reply_to_post(target, context, text, urls, private=True)
    except Exception as err:  # noqa: BLE001  (told to the user and logged as any handler's error)
        await application.process_error(target, err)
    return True


async def sweep(application: Application) -> int:
    """The periodic job: answer the albums whose worker stopped before answering; drop leftovers.
    Returns how many albums it answered."""
    runtime = application.bot_data[RUNTIME_KEY]
    overdue = await run_in_session(runtime, overdue_albums, runtime.settings.album_wait_seconds)
    return sum([await answer(application, chat_id, mgid) for chat_id, mgid in overdue])


class _InAlbum(filters.MessageFilter):
    def filter(self, message: Message) -> bool:
        return message.media_group_id is not None


IN_ALBUM = _InAlbum("IN_ALBUM")  # a part of a media group
