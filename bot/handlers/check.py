"""The main use: a message (typed, forwarded, or a caption) checked against the stored claims. Private
chats get one reply per post (its matches, and whether it was kept as a tip); groups only for messages
addressed to the bot, or for every message with /autocheck on (README.md, "The bot").
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from telegram import Message, MessageEntity, MessageOriginChannel, MessageOriginChat, Update
from telegram.constants import ChatMemberStatus
from telegram.error import TelegramError

from claims.errors import ClaimsError
from claims.i18n import t
from claims.services import prefs
from claims.services.matching import MatchResult, match_message
from claims.services.tipline import keep_unmatched
from claims.services.tips import notify_on_tip
from claims.urls import find_urls, normalize_url

from .. import callbacks as cb
from ..core import (Context, answer, drop_buttons, explain, is_private, keyboard, message_text, reply, reply_with,
                    send_blocks, tell_moderators)
from ..render import MAX_MESSAGE, fit, match_card, tg_len

MAX_SHOWN = 5
AUTOCHECK_KEY = "autocheck"
AUTOCHECK_TTL = 60.0
REPLY_SEP = "\n\n"  # between the blocks of a reply, as send_blocks joins them
AUTOCHECK_WORDS = {"on": True, "off": False, "вкл": True, "выкл": False, "1": True, "0": False}  # /autocheck


def message_urls(message: Message | None) -> list[str]:
    """Every web link of a message's text or caption (url entities, bare addresses Telegram did not
    mark, text_link URLs), in order, each address once as claims.urls counts them. Shape: [str]."""
    if not message_text(message):
        return []
    wanted = [MessageEntity.URL, MessageEntity.TEXT_LINK]
    entities = message.parse_entities(wanted) if message.text else message.parse_caption_entities(wanted)
    found = [entity.url if entity.type == MessageEntity.TEXT_LINK else value
             for entity, value in sorted(entities.items(), key=lambda pair: pair[0].offset)]
    seen: set[str] = set()
    return [url for url in [*found, *find_urls(message_text(message))]
            if (norm := normalize_url(url) if url else None) is not None and not (norm in seen or seen.add(norm))]


def has_words(text: str) -> bool:
    """False for empty text or text of only emoji, punctuation and spaces."""
    return any(ch.isalnum() for ch in text)


async def check(context: Context, text: str, *, forwarded: bool, record: bool, urls: Sequence[str] = ()) -> MatchResult:
    """The claims `text` repeats or resembles; the claims its links (`urls`) lead to come first."""
    return await context.run(match_message, context.runtime.matcher, text, limit=MAX_SHOWN, record=record,
                             forwarded=forwarded, urls=list(urls))


def result_view(lang: str, result: MatchResult, salt: str, *, confident_only: bool, tail: Sequence[str] = ()):
    """(blocks, button rows) listing each claim once, what the message repeats, then (unless
    `confident_only`) what it resembles; (None, None) when there is none. The blocks and `tail` (sent
    after them) fit one message of MAX_MESSAGE UTF-16 units: cards that do not are left out from the
    end with their buttons; a first card too long alone is shortened."""
    wanted = ("match",) if confident_only else ("match", "related")
    seen: set[int] = set()
    items = [i for i in result.items if i.relation in wanted and not (i.claim.id in seen or seen.add(i.claim.id))]
    if not items:
        return None, None
    hint = f"<i>{t(lang, 'check.buttons_hint')}</i>"
    blocks, shown = [], []
    for n, item in enumerate(items[:MAX_SHOWN], 1):
        prev = shown[-1] if shown else None
        if prev is None:
            new = [t(lang, "check.head_link" if item.via else
                     "check.head" if item.relation == "match" else "check.head_related")]
        elif item.relation == "related" and prev.relation == "match":
            new = [t(lang, "check.also_related")]
        else:  # after the claims its links lead to, those its text repeats
            new = [t(lang, "check.head_after_link")] if not item.via and prev.via else []
        card = match_card(n, item, lang)
        if prev is None:
            card = fit(card, max(MAX_MESSAGE - tg_len(REPLY_SEP.join([*new, "", hint, *tail])), 1))
        elif tg_len(REPLY_SEP.join([*blocks, *new, card, hint, *tail])) > MAX_MESSAGE:
            break
        blocks += [*new, card]
        shown.append(item)
    digest = prefs.message_hash(salt, result.query)
    rows = [[(t(lang, "btn.details", n=n), cb.DETAILS.data(item.claim.id)),
             (t(lang, "btn.follow", n=n), cb.FOLLOW.data(item.claim.id)),
             (t(lang, "btn.not_this", n=n), cb.NOT_THIS.data(item.claim.id, round(item.score), digest))]
            for n, item in enumerate(shown, 1)]
    return [*blocks, hint], rows


def from_ourselves(message: Message, bot_id: int) -> bool:
    """A card posted through our own inline mode (or a bot's message): checking it would echo it."""
    return bool((message.via_bot and message.via_bot.id == bot_id) or (message.from_user and message.from_user.is_bot))


async def _keep_tip(update: Update, context: Context, result: MatchResult, urls: list[str]) -> tuple:
    """(tail, button rows, filing or None) of a private reply: whether the post (or its parts that
    repeat no claim) was kept as a tip."""
    lang, rt, user = context.lang, context.runtime, update.effective_user
    origin = update.effective_message.forward_origin  # a forwarded person's name is deliberately not kept
    title = (origin.chat.title if isinstance(origin, MessageOriginChannel)
             else origin.sender_chat.title if isinstance(origin, MessageOriginChat) else None)
    try:
        kept = await context.run(keep_unmatched, rt.matcher, rt.tips, result, salt=rt.salt,
                                 user_id=user.id if user else None, origin_type=origin and origin.type,
                                 origin_title=title, origin_date=origin and origin.date,
                                 update_id=update.update_id, links=urls)
    except ClaimsError as err:
        return [explain(lang, err)], [], None
    if (filing := kept.filing) is None:
        return [t(lang, "check.not_tip")], [], None
    tip = filing.tip
    saved = t(lang, f"check.tip_{kept.outcome}", id=tip.id)
    if filing.repeat and tip.askers > 1:
        saved += "\n" + t(lang, "check.tip_repeat", n=tip.askers)
    if not user:
        return [saved], [], filing
    notify = [[(t(lang, "btn.notify"), cb.NOTIFY_TIP.data(tip.id))]]
    return [saved + "\n" + t(lang, "check.tip_notify_q")], notify, filing


async def private_message(update: Update, context: Context) -> None:
    message = update.effective_message
    if not from_ourselves(message, context.bot.id):
        await reply_to_post(update, context, message_text(message).strip(), message_urls(message), private=True)


async def reply_to_post(update: Update, context: Context, text: str, urls: list[str], *, private: bool) -> None:
    """The one reply to a post (an album's: the text and links of all its parts): its matches, then
    (private) whether it was kept as a tip, or (group: nothing from a group is kept) how to pass on a
    post that only resembles claims."""
    lang, message = context.lang, update.effective_message
    if not has_words(text) and not urls:
        await reply(update, t(lang, "check.empty"))
        return
    result = await check(context, text, forwarded=message.forward_origin is not None, record=True, urls=urls)
    if private:
        tail, tip_rows, filing = await _keep_tip(update, context, result, urls)
    else:
        tail, tip_rows, filing = [] if result.matched else [t(lang, "check.group_related")], [], None
    blocks, rows = result_view(lang, result, context.runtime.salt, confident_only=False, tail=tail)
    if blocks or private:
        await send_blocks(update, [*(blocks or []), *tail], sep=REPLY_SEP, markup=keyboard([*(rows or []), *tip_rows]))
    else:
        await reply(update, t(lang, "check.group_none"))
    if filing is not None and not filing.repeat:
        await tell_moderators(context)


# A photo, sticker, voice… without a caption (a captionless album is answered so once, by albums.py).
non_text = reply_with("check.non_text")


def addressed_text(message: Message, bot_id: int, username: str | None) -> str | None:
    """The text meant for the bot in a group message, None when the message is not for the bot. A bare
    mention in reply to someone's post means "check that post"."""
    text, replied = message_text(message), message.reply_to_message
    entities = (message.parse_entities if message.text else message.parse_caption_entities)(
        [MessageEntity.MENTION, MessageEntity.TEXT_MENTION])
    to_bot = replied is not None and replied.from_user is not None and replied.from_user.id == bot_id
    addressed = to_bot
    for entity, value in entities.items():
        if (entity.type == MessageEntity.MENTION and username and value.lower() == f"@{username.lower()}") or (
                entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot_id):
            addressed = True
            text = text.replace(value, " ")
    if not addressed:
        return None
    return (message_text(replied) if not has_words(text) and replied is not None and not to_bot else text).strip()


async def autocheck_on(context: Context, chat_id: int) -> bool:
    """Whether /autocheck is on in the group `chat_id`, remembered in its chat_data for AUTOCHECK_TTL s."""
    cached, now = context.chat_data.get(AUTOCHECK_KEY), time.time()  # wall clock: chat_data may be persisted
    if cached is None or cached[1] <= now:
        cached = (await context.run(prefs.autocheck_enabled, chat_id), now + AUTOCHECK_TTL)
        context.chat_data[AUTOCHECK_KEY] = cached
    return cached[0]


async def is_group_admin(update: Update, context: Context) -> bool:
    """Admins by getChatMember; an anonymous admin posts as the group itself."""
    sender, chat, user = update.effective_message.sender_chat, update.effective_chat, update.effective_user
    if sender is not None or user is None:
        return sender is not None and sender.id == chat.id
    try:
        member = await context.bot.get_chat_member(chat.id, user.id)
    except TelegramError:
        return False
    return member.status in (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)


async def autocheck_cmd(update: Update, context: Context) -> None:
    lang, chat = context.lang, update.effective_chat
    choice = AUTOCHECK_WORDS.get((context.args[0] if context.args else "").strip().lower())
    if is_private(update):
        text = t(lang, "autocheck.groups_only")
    elif choice is None:
        on = await context.run(prefs.autocheck_enabled, chat.id)
        text = t(lang, "autocheck.usage", state=t(lang, "autocheck.state_on" if on else "autocheck.state_off"))
    elif not await is_group_admin(update, context):
        text = t(lang, "autocheck.admins_only")
    else:
        await context.run(prefs.set_autocheck, chat.id, choice)
        context.chat_data.pop(AUTOCHECK_KEY, None)
        text = t(lang, "autocheck.on" if choice else "autocheck.off")
    await reply(update, text)


async def group_message(update: Update, context: Context) -> None:
    message = update.effective_message
    if from_ourselves(message, context.bot.id):
        return
    text = addressed_text(message, context.bot.id, context.bot.username)
    if text is None:  # not for the bot: answered only with /autocheck on, confident matches only, nothing kept
        text, urls = message_text(message).strip(), message_urls(message)
        if not (has_words(text) or urls) or not await autocheck_on(context, update.effective_chat.id):
            return
        result = await check(context, text, forwarded=message.forward_origin is not None, record=False, urls=urls)
        if result.matched and (view := result_view(context.lang, result, context.runtime.salt, confident_only=True))[0]:
            await send_blocks(update, view[0], sep=REPLY_SEP, markup=keyboard(view[1]))
        return
    replied, urls = message.reply_to_message, message_urls(message)
    if not urls and replied is not None and text == message_text(replied).strip():  # "check that post"
        urls = message_urls(replied)
    await reply_to_post(update, context, text, urls, private=False)


async def not_this_button(update: Update, context: Context) -> None:
    query, lang, user = update.callback_query, context.lang, update.effective_user
    _, cid, score, digest = query.data.split(":")
    try:
        new = await context.run(prefs.record_feedback, cid, digest, float(score), salt=context.runtime.salt,
                                user_id=user.id if user else None)
    except ClaimsError as err:
        await answer(query, explain(lang, err), alert=True)
        return
    await answer(query, t(lang, "feedback.thanks" if new else "feedback.dup", id=cid))


async def notify_button(update: Update, context: Context) -> None:
    query, lang, user = update.callback_query, context.lang, update.effective_user
    try:
        tip = await context.run(notify_on_tip, query.data.split(":", 1)[1], salt=context.runtime.salt, user_id=user.id,
                                # a press on a message without a chat (posted inline): notify in private
                                chat_id=update.effective_chat.id if update.effective_chat else user.id)
        await context.run(prefs.remember_language, user.id, lang)
    except ClaimsError as err:
        await answer(query, explain(lang, err, "tip"), alert=True)
        return
    await answer(query)
    await drop_buttons(query)
    await reply(update, t(lang, "tip.notify_ok" if tip.status == "open" else "tip.notify_handled"))
