"""The main use: a message (typed, forwarded, or a caption) checked against the stored claims.

Private chats: every message is checked and gets one reply — what it repeats (with verdicts),
what it only resembles, and whether it was kept as a tip: a message that repeats no claim (even one
that resembles some) becomes a tip for the moderators. Groups: only messages addressed to the bot (mention, reply to the bot), or every
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
from telegram.ext import Application, CallbackQueryHandler, MessageHandler, filters

from claims.errors import ClaimsError
from claims.normalize import detect_language
from claims.services import prefs
from claims.services.matching import MatchResult, match_message
from claims.services.tips import notify_on_tip, save_tip

from .. import callbacks as cb
from ..i18n import t
from ..render import MAX_MESSAGE, fit, match_card, tg_len
from ..core import Context, explain, keyboard, reply, send_blocks, tell_moderators

MAX_SHOWN = 5
AUTOCHECK_KEY = "autocheck"
AUTOCHECK_TTL = 60.0
REPLY_SEP = "\n\n"  # between the blocks of a reply, as send_blocks joins them


def message_text(message: Message | None) -> str:
    if message is None:
        return ""
    return message.text or message.caption or ""


def has_words(text: str) -> bool:
    """False for empty text or text of only emoji, punctuation and spaces."""
    return any(ch.isalnum() for ch in text)


async def check(context: Context, text: str, *, forwarded: bool, record: bool) -> MatchResult:
    return await context.run(match_message, context.runtime.matcher, text, limit=MAX_SHOWN, record=record,
                             forwarded=forwarded)


def shown_items(result: MatchResult, *, confident_only: bool) -> list:
    """The matches a reply lists: what the message repeats, then (unless `confident_only`) what it resembles."""
    wanted = ("match",) if confident_only else ("match", "related")
    return [i for i in result.items if i.relation in wanted][:MAX_SHOWN]


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
            new.append(t(lang, "check.head" if item.relation == "match" else "check.head_related"))
        elif item.relation == "related" and items[n - 2].relation == "match":
            new.append(t(lang, "check.also_related"))
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


async def private_message(update: Update, context: Context) -> None:
    """One reply per post: what it repeats (with verdicts), what it resembles, and whether it was kept
    as a tip — a post that repeats no claim (even one that resembles some) is kept as a tip."""
    message = update.effective_message
    if from_ourselves(message, context.bot.id):
        return
    lang = context.lang
    text = message_text(message).strip()
    if not has_words(text):
        await reply(update, t(lang, "check.empty"))
        return
    rt = context.runtime
    result = await check(context, text, forwarded=message.forward_origin is not None, record=True)
    tail: list[str] = []
    tip_rows: list = []
    tip = None
    user = update.effective_user
    if result.matched:
        tail.append(t(lang, "check.not_tip"))
    else:
        origin_type, origin_title, origin_date = origin_of(message)
        try:
            tip = await context.run(save_tip, text, salt=rt.salt, user_id=user.id if user else None,
                                    language=detect_language(text), origin_type=origin_type,
                                    origin_title=origin_title, origin_date=origin_date, update_id=update.update_id)
        except ClaimsError as err:
            tail.append(explain(lang, err))
        if tip is not None:
            related = bool(shown_items(result, confident_only=False))
            saved = t(lang, "check.tip_saved_related" if related else "check.tip_saved", id=tip.id)
            tail.append(saved + ("\n" + t(lang, "check.tip_notify_q") if user else ""))
            if user:
                tip_rows.append([(t(lang, "btn.notify"), cb.NOTIFY_TIP.data(tip.id))])
    blocks, rows = result_view(lang, result, rt.salt, confident_only=False, tail=tail)
    await send_blocks(update, [*(blocks or []), *tail], sep=REPLY_SEP, markup=keyboard([*(rows or []), *tip_rows]))
    if tip is not None:
        await tell_moderators(context)


async def non_text(update: Update, context: Context) -> None:
    """A photo, sticker, voice… without a caption: "I can only check text". Not for the other parts
    of an album (one update each, the caption on one of them): one answer per album, not ten."""
    message = update.effective_message
    if message is not None and message.media_group_id:
        return
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
        if not has_words(text):
            await reply(update, t(lang, "check.empty"))
            return
        result = await check(context, text, forwarded=message.forward_origin is not None, record=True)
        # Nothing from a group is kept as a tip: a post that only resembles claims is told how to pass it on.
        tail = [] if result.matched else [t(lang, "check.group_related")]
        blocks, rows = result_view(lang, result, rt.salt, confident_only=False, tail=tail)
        if blocks:
            await send_blocks(update, [*blocks, *tail], sep=REPLY_SEP, markup=keyboard(rows))
        else:
            await reply(update, t(lang, "check.group_none"))
        return
    text = message_text(message).strip()
    if not has_words(text) or not await autocheck_on(context, update.effective_chat.id):
        return
    result = await check(context, text, forwarded=message.forward_origin is not None, record=False)
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
        await query.answer(explain(lang, err), show_alert=True)
        return
    await query.answer(t(lang, "feedback.thanks" if new else "feedback.dup", id=cid))


async def notify_button(update: Update, context: Context) -> None:
    query = update.callback_query
    lang = context.lang
    user = update.effective_user
    rt = context.runtime
    try:
        await context.run(notify_on_tip, query.data.split(":", 1)[1], salt=rt.salt, user_id=user.id,
                          chat_id=update.effective_chat.id)
        await context.run(prefs.remember_language, user.id, lang)
    except ClaimsError as err:
        await query.answer(explain(lang, err, "tip"), show_alert=True)
        return
    await query.answer()
    await query.edit_message_reply_markup(None)
    await reply(update, t(lang, "tip.notify_ok"))


def register(application: Application, group: int) -> None:
    application.add_handler(CallbackQueryHandler(not_this_button, pattern=cb.NOT_THIS.pattern), group)
    application.add_handler(CallbackQueryHandler(notify_button, pattern=cb.NOTIFY_TIP.pattern), group)


def register_fallbacks(application: Application, group: int) -> None:
    """The catch-alls: added after every other group-0 handler (moderation flows included)."""
    new = filters.UpdateType.MESSAGE
    content = (filters.TEXT & ~filters.COMMAND) | filters.CAPTION
    application.add_handler(MessageHandler(new & filters.ChatType.PRIVATE & content, private_message), group)
    application.add_handler(MessageHandler(new & filters.ChatType.PRIVATE & ~content & ~filters.COMMAND
                                           & ~filters.StatusUpdate.ALL, non_text), group)
    application.add_handler(MessageHandler(new & filters.ChatType.GROUPS & content, group_message), group)
