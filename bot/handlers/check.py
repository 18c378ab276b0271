"""The main use: a message (typed, forwarded, or a caption) checked against the stored claims.

Private chats: every message is checked and gets one reply — what it repeats (with verdicts),
what it only resembles, and whether it was kept as a tip: a message that repeats no claim (even one
that resembles some) becomes a tip for the moderators; of a post that repeats claims in some parts,
only its check-worthy parts that repeat none do; a repeat of an open tip is attached to it
(claims/services/tipline.py). Groups: only messages addressed to the bot (mention, reply to the bot), or every
message when a group admin switched /autocheck on — and then only confident matches are
answered and nothing is stored.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from telegram import (
    Message,
    MessageEntity,
    MessageOriginChannel,
    MessageOriginChat,
    Update,
)
from telegram.ext import Application, MessageHandler, filters

from claims.errors import ClaimsError
from claims.normalize import detect_language
from claims.services import prefs
from claims.services.matching import MatchResult, match_message
from claims.services.tipline import file_tip, unmatched_parts
from claims.services.tips import notify_on_tip
from claims.urls import find_urls, normalize_url

from .. import callbacks as cb
from ..i18n import t
from ..render import MAX_MESSAGE, fit, match_card, tg_len
from ..core import Context, answer, drop_buttons, explain, keyboard, reply, send_blocks, tell_moderators

MAX_SHOWN = 5
AUTOCHECK_KEY = "autocheck"
AUTOCHECK_TTL = 60.0
REPLY_SEP = "\n\n"  # between the blocks of a reply, as send_blocks joins them


def message_text(message: Message | None) -> str:
    if message is None:
        return ""
    return message.text or message.caption or ""


def message_urls(message: Message | None) -> list[str]:
    """Every link of a message's text or caption, in order, as sent: visible ones (url entities,
    and bare addresses Telegram did not mark) and the URLs hidden behind words (text_link entities).
    Each address once (spellings claims.urls treats as one count once); not web addresses
    (tg://user?id=…, mailto:) are left out. Shape: [str]."""
    if message is None or not (message.text or message.caption):
        return []
    wanted = [MessageEntity.URL, MessageEntity.TEXT_LINK]
    entities = message.parse_entities(wanted) if message.text else message.parse_caption_entities(wanted)
    found = [entity.url if entity.type == MessageEntity.TEXT_LINK else value
             for entity, value in sorted(entities.items(), key=lambda pair: pair[0].offset)]
    found += find_urls(message_text(message))
    out: list[str] = []
    seen: set[str] = set()
    for url in found:
        norm = normalize_url(url) if url else None
        if norm is not None and norm not in seen:
            seen.add(norm)
            out.append(url)
    return out


def has_words(text: str) -> bool:
    """False for empty text or text of only emoji, punctuation and spaces."""
    return any(ch.isalnum() for ch in text)


async def check(context: Context, text: str, *, forwarded: bool, record: bool,
                urls: Sequence[str] = ()) -> MatchResult:
    """The claims `text` repeats or resembles; the claims its links (`urls`) lead to come first."""
    return await context.run(match_message, context.runtime.matcher, text, limit=MAX_SHOWN, record=record,
                             forwarded=forwarded, urls=list(urls))


def shown_items(result: MatchResult, *, confident_only: bool) -> list:
    """The matches a reply lists: what the message repeats, then (unless `confident_only`) what it resembles."""
    wanted = ("match",) if confident_only else ("match", "related")
    seen: set[int] = set()  # each claim once, however many parts of a post repeat it
    return [i for i in result.items if i.relation in wanted and not (i.claim.id in seen or seen.add(i.claim.id))
            ][:MAX_SHOWN]


def result_view(lang: str, result: MatchResult, salt: str, *, confident_only: bool, tail: Sequence[str] = ()):
    """(blocks, button rows) for the matches worth showing, or (None, None) when there are none.

    The claims the message repeats come first (with their verdicts), then those it only resembles.
    The blocks and `tail` (what became of the post, sent after them) always fit in one message of
    `MAX_MESSAGE` UTF-16 units: cards that do not fit are left out from the end (resembling ones
    first, as they come last) with their buttons, and a lone card too long even on its own is shortened.
    """
    items = shown_items(result, confident_only=confident_only)
    if not items:
        return None, None
    hint = f"<i>{t(lang, 'check.buttons_hint')}</i>"
    blocks: list[str] = []
    shown = []
    for n, item in enumerate(items, 1):
        new = []
        if n == 1:
            new.append(t(lang, "check.head_link" if item.via else
                         "check.head" if item.relation == "match" else "check.head_related"))
        elif item.relation == "related" and items[n - 2].relation == "match":
            new.append(t(lang, "check.also_related"))
        elif not item.via and items[n - 2].via:  # after the claims its links lead to, those its text repeats
            new.append(t(lang, "check.head_after_link"))
        card = match_card(n, item, lang)
        if n == 1:  # the first card is always shown: shortened if even it alone leaves no room
            room = MAX_MESSAGE - tg_len(REPLY_SEP.join([*new, "", hint, *tail]))
            card = fit(card, max(room, 1))
        if shown and tg_len(REPLY_SEP.join([*blocks, *new, card, hint, *tail])) > MAX_MESSAGE:
            break
        blocks += [*new, card]
        shown.append(item)
    blocks.append(hint)
    digest = prefs.message_hash(salt, result.query)
    rows = [[(t(lang, "btn.details", n=n), cb.DETAILS.data(item.claim.id)),
             (t(lang, "btn.follow", n=n), cb.FOLLOW.data(item.claim.id)),
             (t(lang, "btn.not_this", n=n), cb.NOT_THIS.data(item.claim.id, round(item.score), digest))]
            for n, item in enumerate(shown, 1)]
    return blocks, rows


def origin_of(message: Message) -> tuple[str | None, str | None, object]:
    """(type, title, date) of a forward; a forwarded person's name is deliberately not kept."""
    origin = message.forward_origin
    if origin is None:
        return None, None, None
    title = None
    if isinstance(origin, MessageOriginChannel):
        title = origin.chat.title
    elif isinstance(origin, MessageOriginChat):
        title = origin.sender_chat.title
    return origin.type, title, origin.date


def from_ourselves(message: Message, bot_id: int) -> bool:
    """A card posted through our own inline mode (or a bot's message): checking it would echo it."""
    return bool((message.via_bot and message.via_bot.id == bot_id) or (message.from_user and message.from_user.is_bot))


async def private_message(update: Update, context: Context, *, text: str | None = None,
                          urls: Sequence[str] | None = None) -> None:
    """One reply per post: what it repeats (with verdicts), what it resembles, and whether it was kept
    as a tip — a post that repeats no claim (even one that resembles some) is kept as a tip, with its links.

    `text` and `urls` default to the message's own; an album (bot/handlers/albums.py) passes its
    captions and links, gathered from all its parts."""
    message = update.effective_message
    if from_ourselves(message, context.bot.id):
        return
    lang = context.lang
    text = (message_text(message) if text is None else text).strip()
    urls = message_urls(message) if urls is None else list(urls)
    if not has_words(text) and not urls:
        await reply(update, t(lang, "check.empty"))
        return
    rt = context.runtime
    result = await check(context, text, forwarded=message.forward_origin is not None, record=True, urls=urls)
    tail: list[str] = []
    tip_rows: list = []
    filing = None
    user = update.effective_user
    # the whole message, or a post's check-worthy parts that repeat no claim; None: nothing new
    to_file = await context.run(unmatched_parts, rt.matcher, result)
    if to_file is None:
        tail.append(t(lang, "check.not_tip"))
    else:
        origin_type, origin_title, origin_date = origin_of(message)
        try:
            filing = await context.run(file_tip, rt.tips, to_file.text, salt=rt.salt,
                                       user_id=user.id if user else None, language=detect_language(to_file.text),
                                       origin_type=origin_type, origin_title=origin_title, origin_date=origin_date,
                                       update_id=update.update_id, matched_claims=to_file.matched_claims,
                                       links=urls)
        except ClaimsError as err:
            tail.append(explain(lang, err))
        if filing is not None:
            tip = filing.tip
            if to_file.matched_claims:
                saved = t(lang, "check.tip_saved_part", id=tip.id)
            else:
                related = bool(shown_items(result, confident_only=False))
                saved = t(lang, "check.tip_saved_related" if related else "check.tip_saved", id=tip.id)
            if filing.repeat and user and not filing.new_asker:  # they sent it before (alone or with others)
                saved = t(lang, "check.tip_again", id=tip.id)
            if filing.repeat and tip.askers > 1:
                saved += "\n" + t(lang, "check.tip_repeat", n=tip.askers)
            tail.append(saved + ("\n" + t(lang, "check.tip_notify_q") if user else ""))
            if user:
                tip_rows.append([(t(lang, "btn.notify"), cb.NOTIFY_TIP.data(tip.id))])
    blocks, rows = result_view(lang, result, rt.salt, confident_only=False, tail=tail)
    await send_blocks(update, [*(blocks or []), *tail], sep=REPLY_SEP, markup=keyboard([*(rows or []), *tip_rows]))
    if filing is not None and not filing.repeat:
        await tell_moderators(context)


async def non_text(update: Update, context: Context) -> None:
    """A photo, sticker, voice… without a caption: "I can only check text" (an album's parts in a
    private chat are gathered by bot/handlers/albums.py, which calls this once for a captionless album)."""
    await reply(update, t(context.lang, "check.non_text"))


def addressed_text(message: Message, bot_id: int, username: str | None) -> str | None:
    """The text meant for the bot in a group message, or None when the message is not for the bot.

    A bare mention in reply to someone's post means "check that post".
    """
    text = message_text(message)
    entities = (message.parse_entities if message.text else message.parse_caption_entities)(
        [MessageEntity.MENTION, MessageEntity.TEXT_MENTION])
    addressed = False
    for entity, value in entities.items():
        if (entity.type == MessageEntity.MENTION and username and value.lower() == f"@{username.lower()}") or (
                entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot_id):
            addressed = True
            text = text.replace(value, " ")
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == bot_id:
        addressed = True
    if not addressed:
        return None
    if not has_words(text) and replied is not None and not (replied.from_user and replied.from_user.id == bot_id):
        text = message_text(replied)
    return text.strip()


async def autocheck_on(context: Context, chat_id: int) -> bool:
    cached = context.chat_data.get(AUTOCHECK_KEY) if context.chat_data is not None else None
    now = time.time()  # wall clock: chat_data may be persisted across restarts
    if cached is not None and cached[1] > now:
        return cached[0]
    value = await context.run(prefs.autocheck_enabled, chat_id)
    if context.chat_data is not None:
        context.chat_data[AUTOCHECK_KEY] = (value, now + AUTOCHECK_TTL)
    return value


async def group_message(update: Update, context: Context) -> None:
    message = update.effective_message
    if from_ourselves(message, context.bot.id):
        return
    text = addressed_text(message, context.bot.id, context.bot.username)
    rt = context.runtime
    if text is not None:
        lang = context.lang
        replied = message.reply_to_message
        urls = message_urls(message)
        if not urls and replied is not None and text == message_text(replied).strip():  # "check that post"
            urls = message_urls(replied)
        if not has_words(text) and not urls:
            await reply(update, t(lang, "check.empty"))
            return
        result = await check(context, text, forwarded=message.forward_origin is not None, record=True, urls=urls)
        # Nothing from a group is kept as a tip: a post that only resembles claims is told how to pass it on.
        tail = [] if result.matched else [t(lang, "check.group_related")]
        blocks, rows = result_view(lang, result, rt.salt, confident_only=False, tail=tail)
        if blocks:
            await send_blocks(update, [*blocks, *tail], sep=REPLY_SEP, markup=keyboard(rows))
        else:
            await reply(update, t(lang, "check.group_none"))
        return
    text = message_text(message).strip()
    urls = message_urls(message)
    if not (has_words(text) or urls) or not await autocheck_on(context, update.effective_chat.id):
        return
    result = await check(context, text, forwarded=message.forward_origin is not None, record=False, urls=urls)
    if not result.matched:
        return
    lang = context.lang
    blocks, rows = result_view(lang, result, rt.salt, confident_only=True)
    if blocks:
        await send_blocks(update, blocks, sep=REPLY_SEP, markup=keyboard(rows))


async def not_this_button(update: Update, context: Context) -> None:
    query = update.callback_query
    lang = context.lang
    _, cid, score, digest = query.data.split(":")
    rt = context.runtime
    user = update.effective_user
    try:
        new = await context.run(prefs.record_feedback, cid, digest, float(score), salt=rt.salt,
                                user_id=user.id if user else None)
    except ClaimsError as err:
        await answer(query, explain(lang, err), alert=True)
        return
    await answer(query, t(lang, "feedback.thanks" if new else "feedback.dup", id=cid))


async def notify_button(update: Update, context: Context) -> None:
    query = update.callback_query
    lang = context.lang
    user = update.effective_user
    rt = context.runtime
    try:
        tip = await context.run(notify_on_tip, query.data.split(":", 1)[1], salt=rt.salt, user_id=user.id,
                                # a press on a message without a chat (posted inline): notify in private
                                chat_id=update.effective_chat.id if update.effective_chat else user.id)
        await context.run(prefs.remember_language, user.id, lang)
    except ClaimsError as err:
        await answer(query, explain(lang, err, "tip"), alert=True)
        return
    await answer(query)
    await drop_buttons(query)
    await reply(update, t(lang, "tip.notify_ok" if tip.status == "open" else "tip.notify_handled"))


def register(application: Application, group: int) -> None:
    application.add_handler(cb.NOT_THIS.handler(not_this_button), group)
    application.add_handler(cb.NOTIFY_TIP.handler(notify_button), group)


def register_fallbacks(application: Application, group: int) -> None:
    """The catch-alls: added after every other group-0 handler (moderation flows included)."""
    new = filters.UpdateType.MESSAGE
    content = (filters.TEXT & ~filters.COMMAND) | filters.CAPTION
    application.add_handler(MessageHandler(new & filters.ChatType.PRIVATE & content, private_message), group)
    application.add_handler(MessageHandler(new & filters.ChatType.PRIVATE & ~content & ~filters.COMMAND
                                           & ~filters.StatusUpdate.ALL, non_text), group)
    application.add_handler(MessageHandler(new & filters.ChatType.GROUPS & content, group_message), group)
