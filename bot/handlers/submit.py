"""Sending a source for a claim: the one-line /submit, and a guided flow for people who don't like syntax.

Guided flow (private chats): which claim → the link → stance (buttons) → optional note →
confirm. /cancel leaves at any step. Every step is validated by the service's own checks
(`check_url`, `parse_stance`), so the user hears about a bad link right away, and only the
final confirmation writes anything.

A draft left alone for IDLE_SECONDS is dropped when the user next writes, and that message is
checked like any other: someone who typed /submit yesterday and forwards a post today wants the
post checked, not to be told it is not a claim number. The draft's clock lives in the draft itself
(persisted with the conversation), so this holds across restarts and workers, with no job queue.
"""

from __future__ import annotations

import functools
import time
import warnings

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from claims.errors import ClaimsError, InvalidInput
from claims.services.catalog import claim_card
from claims.services.sources import MAX_NOTE_CHARS, check_url, parse_stance, submit_source

from .. import callbacks as cb
from ..i18n import t
from ..render import cut
from .check import private_message
from ..core import Context, answer, claim_id_arg, drop_buttons, edit, explain, is_private, keyboard, real_user, reply, tell_moderators

ASK_CLAIM, ASK_URL, ASK_STANCE, ASK_NOTE, CONFIRM = range(5)
DRAFT = "submit_draft"
STANCES = ("supports", "refutes", "context")
IDLE_SECONDS = 30 * 60
_now = time.time      # the tests move the clock here


def _stamp(context: Context, state: int) -> int:
    """Start the draft's idle clock again whenever the flow moves on (or stays put)."""
    draft = context.user_data.get(DRAFT)
    if state != ConversationHandler.END and isinstance(draft, dict):
        draft["at"] = _now()
    return state


def entry(fn):
    @functools.wraps(fn)
    async def wrapper(update: Update, context: Context) -> int:
        return _stamp(context, await fn(update, context))
    return wrapper


def step(fn):
    """A state handler that first drops a draft left alone for longer than IDLE_SECONDS."""
    @functools.wraps(fn)
    async def wrapper(update: Update, context: Context) -> int:
        draft = context.user_data.get(DRAFT)
        at = draft.get("at") if isinstance(draft, dict) else None
        if at is not None and _now() - at > IDLE_SECONDS:
            return await _timed_out(update, context)
        return _stamp(context, await fn(update, context))
    return wrapper


async def _timed_out(update: Update, context: Context) -> int:
    context.user_data.pop(DRAFT, None)
    lang = context.lang
    if update.callback_query:
        await answer(update.callback_query, t(lang, "submit.expired"), alert=True)
        return ConversationHandler.END
    await reply(update, t(lang, "submit.timed_out", minutes=IDLE_SECONDS // 60))
    message = update.effective_message
    if is_private(update) and message is not None and (message.text or message.caption):
        await private_message(update, context)
    return ConversationHandler.END


def _name(update: Update) -> str | None:
    user = real_user(update)
    if user is None:
        return None
    return (f"@{user.username}" if user.username else user.full_name)[:256]


async def _submit(update: Update, context: Context, claim_id: str, url: str, stance: str, note: str | None):
    user = real_user(update)
    return await context.run(submit_source, claim_id, url, stance, note, submitter_id=user.id if user else None,
                             submitter_name=_name(update))


@entry
async def submit_cmd(update: Update, context: Context) -> int:
    """`/submit ID URL [stance] [note]` at once; `/submit` alone starts the guided flow."""
    lang = context.lang
    args = context.args or []
    if not args:
        if not is_private(update):
            await reply(update, t(lang, "submit.private_only"))
            return ConversationHandler.END
        context.user_data[DRAFT] = {}
        await reply(update, t(lang, "submit.ask_claim"))
        return ASK_CLAIM
    if len(args) < 2:
        await reply(update, t(lang, "submit.usage"))
        return ConversationHandler.END
    claim_id, url, rest = claim_id_arg(args[0]), args[1], args[2:]
    stance = "context"
    if rest:
        try:
            stance = parse_stance(rest[0])
            rest = rest[1:]
        except InvalidInput:
            stance = "context"  # no stance given: the rest is the note
    note = " ".join(rest).strip() or None
    if note and len(note) > MAX_NOTE_CHARS:
        await reply(update, t(lang, "err.note_too_long", limit=MAX_NOTE_CHARS))
        return ConversationHandler.END
    try:
        await _claim_text(context, claim_id)
    except ClaimsError as err:
        await reply(update, explain(lang, err, "claim"))
        return ConversationHandler.END
    try:
        check_url(url)
    except ClaimsError as err:
        await reply(update, explain(lang, err, "url"))
        return ConversationHandler.END
    try:
        source = await _submit(update, context, claim_id, url, stance, note)
    except ClaimsError as err:
        await reply(update, explain(lang, err, "source"))
        return ConversationHandler.END
    await reply(update, t(lang, "submit.done", id=source.claim_id))
    await tell_moderators(context)
    return ConversationHandler.END


async def _claim_text(context: Context, claim_id: str) -> tuple[int, str]:
    card = await context.run(claim_card, claim_id)
    return card.claim.id, card.claim.text


async def _ask_url(update: Update, context: Context, lang: str, claim_id: str) -> int:
    try:
        cid, text = await _claim_text(context, claim_id)
    except ClaimsError as err:
        await reply(update, explain(lang, err, "claim"))
        return ASK_CLAIM
    context.user_data[DRAFT] = {"claim_id": cid, "claim_text": cut(text, 300)}
    await reply(update, t(lang, "submit.ask_url", id=cid, text=cut(text, 300)))
    return ASK_URL


@step
async def got_claim(update: Update, context: Context) -> int:
    lang = context.lang
    return await _ask_url(update, context, lang, claim_id_arg(update.effective_message.text or ""))


@entry
async def start_from_button(update: Update, context: Context) -> int:
    """📎 on a claim card: the claim is known, go straight to the link."""
    query = update.callback_query
    await answer(query)
    return await _ask_url(update, context, context.lang, query.data.split(":", 1)[1])


@entry
async def start_from_link(update: Update, context: Context) -> int:
    """``t.me/<bot>?start=submit_12``, for cards shown where the guided flow cannot run."""
    return await _ask_url(update, context, context.lang, context.args[0].split("_", 1)[1])


@step
async def got_url(update: Update, context: Context) -> int:
    lang = context.lang
    draft = context.user_data.get(DRAFT)
    if not draft:
        return await _expired(update, context)
    try:
        draft["url"] = check_url(update.effective_message.text or "")
    except ClaimsError as err:
        await reply(update, explain(lang, err, "url"))
        return ASK_URL
    await reply(update, t(lang, "submit.ask_stance"),
                markup=keyboard([[(t(lang, f"btn.{s}"), cb.SUBMIT_STANCE.data(s)) for s in STANCES],
                                 [(t(lang, "btn.cancel"), cb.SUBMIT_CONFIRM.data("n"))]]))
    return ASK_STANCE


@step
async def got_stance_text(update: Update, context: Context) -> int:
    lang = context.lang
    try:
        stance = parse_stance(update.effective_message.text or "")
    except ClaimsError as err:
        await reply(update, explain(lang, err, "stance"))
        return ASK_STANCE
    return await _stance_chosen(update, context, lang, stance)


@step
async def got_stance_button(update: Update, context: Context) -> int:
    query = update.callback_query
    await answer(query)
    stance = query.data.split(":", 1)[1]
    if stance not in STANCES:
        return ASK_STANCE
    lang = context.lang
    await edit(query, t(lang, "submit.ask_stance") + " " + t(lang, f"stance.{stance}"))
    return await _stance_chosen(update, context, lang, stance)


async def _stance_chosen(update: Update, context: Context, lang: str, stance: str) -> int:
    draft = context.user_data.get(DRAFT)
    if not draft or "url" not in draft:
        return await _expired(update, context)
    draft["stance"] = stance
    await reply(update, t(lang, "submit.ask_note", limit=MAX_NOTE_CHARS),
                markup=keyboard([[(t(lang, "btn.skip"), cb.SUBMIT_SKIP_NOTE.data())]]))
    return ASK_NOTE


@step
async def got_note(update: Update, context: Context) -> int:
    lang = context.lang
    note = (update.effective_message.text or "").strip()
    if len(note) > MAX_NOTE_CHARS:
        await reply(update, t(lang, "err.note_too_long", limit=MAX_NOTE_CHARS))
        return ASK_NOTE
    return await _confirm(update, context, lang, note or None)


@step
async def skip_note(update: Update, context: Context) -> int:
    if update.callback_query:
        await answer(update.callback_query)
        await drop_buttons(update.callback_query)
    return await _confirm(update, context, context.lang, None)


async def _confirm(update: Update, context: Context, lang: str, note: str | None) -> int:
    draft = context.user_data.get(DRAFT)
    if not draft or "stance" not in draft:
        return await _expired(update, context)
    draft["note"] = note
    text = t(lang, "submit.confirm", id=draft["claim_id"], text=draft["claim_text"], url=cut(draft["url"], 300),
             stance=t(lang, f"stance.{draft['stance']}"), note=cut(note, 300) if note else t(lang, "submit.no_note"))
    await reply(update, text, markup=keyboard([[(t(lang, "btn.send"), cb.SUBMIT_CONFIRM.data("y")),
                                                         (t(lang, "btn.cancel"), cb.SUBMIT_CONFIRM.data("n"))]]))
    return CONFIRM


@step
async def confirmed(update: Update, context: Context) -> int:
    query = update.callback_query
    await answer(query)
    lang = context.lang
    draft = context.user_data.pop(DRAFT, None)
    if query.data != "sc:y":
        await edit(query, t(lang, "submit.cancelled"))
        return ConversationHandler.END
    if not draft or "stance" not in draft:
        return await _expired(update, context)
    try:
        source = await _submit(update, context, str(draft["claim_id"]), draft["url"], draft["stance"], draft.get("note"))
    except ClaimsError as err:
        await edit(query, explain(lang, err, "source"))
        return ConversationHandler.END
    await edit(query, t(lang, "submit.done", id=source.claim_id))
    await tell_moderators(context)
    return ConversationHandler.END


async def cancel(update: Update, context: Context) -> int:
    context.user_data.pop(DRAFT, None)
    if update.callback_query:
        await answer(update.callback_query)
    await reply(update, t(context.lang, "submit.cancelled"))
    return ConversationHandler.END


async def cancel_outside(update: Update, context: Context) -> None:
    await reply(update, t(context.lang, "cancel.nothing"))


async def stale_button(update: Update, context: Context) -> None:
    """A flow button pressed after the flow ended (or after a restart)."""
    await answer(update.callback_query, t(context.lang, "submit.expired"), alert=True)


async def _expired(update: Update, context: Context) -> int:
    context.user_data.pop(DRAFT, None)
    await reply(update, t(context.lang, "submit.expired"))
    return ConversationHandler.END


async def text_please(update: Update, context: Context) -> None:
    await reply(update, t(context.lang, "submit.text_please"))


@step
async def press_button(update: Update, context: Context) -> int:
    await reply(update, t(context.lang, "submit.press_button"))
    return CONFIRM


def conversation(persistent: bool = False) -> ConversationHandler:
    msg = filters.UpdateType.MESSAGE
    private = filters.ChatType.PRIVATE
    text = msg & filters.TEXT & ~filters.COMMAND
    other = msg & ~filters.TEXT & ~filters.COMMAND
    with warnings.catch_warnings():
        # CallbackQueryHandlers in a per-chat conversation are what we want (buttons of the
        # latest prompt); PTB warns because it cannot tie them to one message.
        warnings.simplefilter("ignore", PTBUserWarning)
        return ConversationHandler(
            entry_points=[
                CommandHandler("submit", submit_cmd, filters=msg),
                CommandHandler("start", start_from_link, filters=msg & private & filters.Regex(r"^/start submit_\d{1,18}$")),
                cb.SUBMIT.handler(start_from_button),
            ],
            states={
                ASK_CLAIM: [MessageHandler(text, got_claim), MessageHandler(other, text_please)],
                ASK_URL: [MessageHandler(text, got_url), MessageHandler(other, text_please)],
                ASK_STANCE: [cb.SUBMIT_STANCE.handler(got_stance_button),
                             MessageHandler(text, got_stance_text), MessageHandler(other, text_please)],
                ASK_NOTE: [cb.SUBMIT_SKIP_NOTE.handler(skip_note), CommandHandler("skip", skip_note),
                           MessageHandler(text, got_note), MessageHandler(other, text_please)],
                CONFIRM: [cb.SUBMIT_CONFIRM.handler(confirmed),
                          MessageHandler(msg & ~filters.COMMAND, press_button)],
            },
            fallbacks=[CommandHandler("cancel", cancel), CallbackQueryHandler(cancel, pattern=r"^sc:n$")],
            allow_reentry=True,
            name="submit",
            persistent=persistent,
        )


def register(application: Application, group: int) -> None:
    application.add_handler(conversation(persistent=application.persistence is not None), group)
    application.add_handler(CommandHandler("cancel", cancel_outside, filters=filters.UpdateType.MESSAGE), group)
    application.add_handlers([entry.handler(stale_button) for entry in (cb.SUBMIT_STANCE, cb.SUBMIT_SKIP_NOTE, cb.SUBMIT_CONFIRM)], group)
