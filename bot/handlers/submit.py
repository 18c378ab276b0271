"""Sending a source for a claim: ``/submit ID URL [stance] [note]``, or the guided flow (private chats:
claim → link → stance → optional note → confirm; /cancel at any step), a persistent conversation. Only
the confirmation writes; a draft idle for IDLE_SECONDS is dropped when the user next writes (the clock
is in the draft, so restarts and workers agree), and that message is checked as usual. Any other
command drops the draft too, and then runs: the conversation has a handler group of its own
(`register_conversation`, ahead of the features), where each of its handlers stops the update and
`moved_on` lets it go on. Moderation's group runs before it: a moderation command leaves the draft open.
"""

from __future__ import annotations

import functools
import time

from telegram import Update
from telegram.ext import (Application, ApplicationHandlerStop, CallbackQueryHandler, CommandHandler, MessageHandler,
                          filters)

from claims.errors import ClaimsError
from claims.i18n import t
from claims.services.catalog import claim_card
from claims.services.sources import MAX_NOTE_CHARS, check_url, parse_stance, split_stance_note, submit_source

from .. import callbacks as cb
from ..core import (END, Context, answer, claim_id_arg, conversation, drop_buttons, edit, explain, is_private,
                    keyboard, message_text, real_user, reply, reply_with, tell_moderators)
from ..render import cut
from .cards import claim_id_of
from .check import private_message

ASK_CLAIM, ASK_URL, ASK_STANCE, ASK_NOTE, CONFIRM = range(5)
DRAFT = "submit_draft"
STANCES = ("supports", "refutes", "context")
IDLE_SECONDS = 30 * 60
_now = time.time  # the tests move the clock here


def _new_draft(context: Context, **fields: object) -> None:
    context.user_data[DRAFT] = {**fields, "at": _now()}


def step(fn):  # noqa: ANN001, ANN201
    """A state handler that first drops a draft left alone for longer than IDLE_SECONDS (the message is
    then checked like any other), and restarts the draft's idle clock."""
    @functools.wraps(fn)
    async def wrapper(update: Update, context: Context) -> int:
        at = (context.user_data.get(DRAFT) or {}).get("at")
        if at is not None and _now() - at > IDLE_SECONDS:
            context.user_data.pop(DRAFT, None)
            if update.callback_query:
                await stale_button(update, context)
            else:
                await reply(update, t(context.lang, "submit.timed_out", minutes=IDLE_SECONDS // 60))
                if is_private(update) and message_text(update.effective_message):
                    await private_message(update, context)
            return END
        state = await fn(update, context)
        if state != END and (draft := context.user_data.get(DRAFT)):
            draft["at"] = _now()
        return state
    return wrapper


async def _end(update: Update, context: Context, text: str | None = None) -> int:
    """Reply `text`, or without it drop the draft and say it expired; the conversation ends."""
    if text is None:
        context.user_data.pop(DRAFT, None)
    await reply(update, text or t(context.lang, "submit.expired"))
    return END


async def _send(update: Update, context: Context, claim_id: str, url: str, stance: str, note: str | None) -> int:
    """Submit the source and say how it went: a reply to the one-liner, the confirmation message edited.
    The service checks the claim, then the link; a conflict is this link sent before."""
    user, lang, query = real_user(update), context.lang, update.callback_query
    name = (f"@{user.username}" if user.username else user.full_name)[:256] if user else None
    say = functools.partial(edit, query) if query else functools.partial(reply, update)
    try:
        source = await context.run(submit_source, claim_id, url, stance, note,
                                   submitter_id=user.id if user else None, submitter_name=name)
    except ClaimsError as err:
        await say(explain(lang, err, "source" if query or err.code == "conflict" else "url"))
        return END
    await say(t(lang, "submit.done", id=source.claim_id))
    await tell_moderators(context)
    return END


async def submit_cmd(update: Update, context: Context) -> int:
    """`/submit ID URL [stance] [note]` at once; `/submit` alone starts the guided flow."""
    lang, args = context.lang, context.args or []
    if not args:
        if not is_private(update):
            return await _end(update, context, t(lang, "submit.private_only"))
        _new_draft(context)
        await reply(update, t(lang, "submit.ask_claim"))
        return ASK_CLAIM
    if len(args) < 2:
        return await _end(update, context, t(lang, "submit.usage"))
    stance, note = split_stance_note(args[2:])
    if note and len(note) > MAX_NOTE_CHARS:
        return await _end(update, context, t(lang, "err.note_too_long", limit=MAX_NOTE_CHARS))
    return await _send(update, context, claim_id_arg(args[0]), args[1], stance, note)


async def _ask_url(update: Update, context: Context, claim_id: str, *, typed: bool = False) -> int:
    """Ask for the link to the claim; a claim that is not there is said, and a typed number may be
    typed again, but a button or deep link to it ends the flow (nothing is left waiting)."""
    try:
        claim = (await context.run(claim_card, claim_id)).claim
    except ClaimsError as err:
        if not typed:
            context.user_data.pop(DRAFT, None)
        await reply(update, explain(context.lang, err, "claim"))
        return ASK_CLAIM if typed else END
    _new_draft(context, claim_id=claim.id, claim_text=cut(claim.text, 300))
    await reply(update, t(context.lang, "submit.ask_url", id=claim.id, text=cut(claim.text, 300)))
    return ASK_URL


@step
async def got_claim(update: Update, context: Context) -> int:
    return await _ask_url(update, context, claim_id_arg(update.effective_message.text or ""), typed=True)


async def start_with_claim(update: Update, context: Context) -> int:
    """📎 on a claim card, or ``t.me/<bot>?start=submit_12`` (for cards shown where the guided flow
    cannot run): the claim is known, go straight to the link."""
    if update.callback_query is not None:
        await answer(update.callback_query)
        return await _ask_url(update, context, claim_id_of(update, context))
    return await _ask_url(update, context, context.args[0].split("_", 1)[1])


@step
async def got_url(update: Update, context: Context) -> int:
    lang, draft = context.lang, context.user_data.get(DRAFT)
    if not draft:
        return await _end(update, context)
    try:
        draft["url"] = check_url(update.effective_message.text or "")
    except ClaimsError as err:
        await reply(update, explain(lang, err, "url"))
        return ASK_URL
    await reply(update, t(lang, "submit.ask_stance"),
                keyboard([[(t(lang, f"stance.{s}"), cb.SUBMIT_STANCE.data(s)) for s in STANCES],
                          [(t(lang, "btn.cancel"), cb.SUBMIT_CONFIRM.data("n"))]]))
    return ASK_STANCE


@step
async def got_stance(update: Update, context: Context) -> int:
    """A stance button, or the stance typed."""
    lang, query = context.lang, update.callback_query
    if query:
        await answer(query)
        stance = query.data.split(":", 1)[1]
        if stance not in STANCES:
            return ASK_STANCE
        await edit(query, t(lang, "submit.ask_stance") + " " + t(lang, f"stance.{stance}"))
    else:
        try:
            stance = parse_stance(update.effective_message.text or "")
        except ClaimsError as err:
            await reply(update, explain(lang, err, "stance"))
            return ASK_STANCE
    draft = context.user_data.get(DRAFT)
    if not draft or "url" not in draft:
        return await _end(update, context)
    draft["stance"] = stance
    await reply(update, t(lang, "submit.ask_note", limit=MAX_NOTE_CHARS),
                keyboard([[(t(lang, "btn.skip"), cb.SUBMIT_SKIP_NOTE.data())]]))
    return ASK_NOTE


@step
async def got_note(update: Update, context: Context) -> int:
    """The note typed, or none: the Skip button or /skip (a command handler sets `context.args`)."""
    lang, draft, note = context.lang, context.user_data.get(DRAFT), None
    if update.callback_query:
        await answer(update.callback_query)
        await drop_buttons(update.callback_query)
    elif context.args is None:
        note = (update.effective_message.text or "").strip() or None
        if note and len(note) > MAX_NOTE_CHARS:
            await reply(update, t(lang, "err.note_too_long", limit=MAX_NOTE_CHARS))
            return ASK_NOTE
    if not draft or "stance" not in draft:
        return await _end(update, context)
    draft["note"] = note
    text = t(lang, "submit.confirm", id=draft["claim_id"], text=draft["claim_text"], url=cut(draft["url"], 300),
             stance=t(lang, f"stance.{draft['stance']}"), note=cut(note, 300) if note else t(lang, "submit.no_note"))
    await reply(update, text, keyboard([[(t(lang, "btn.send"), cb.SUBMIT_CONFIRM.data("y")),
                                         (t(lang, "btn.cancel"), cb.SUBMIT_CONFIRM.data("n"))]]))
    return CONFIRM


@step
async def confirmed(update: Update, context: Context) -> int:
    query, lang = update.callback_query, context.lang
    await answer(query)
    draft = context.user_data.pop(DRAFT, None)
    if query.data != cb.SUBMIT_CONFIRM.data("y"):
        await edit(query, t(lang, "submit.cancelled"))
        return END
    if not draft or "stance" not in draft:
        return await _end(update, context)
    return await _send(update, context, str(draft["claim_id"]), draft["url"], draft["stance"], draft.get("note"))


async def cancel(update: Update, context: Context) -> int:
    if update.callback_query:
        await answer(update.callback_query)
    context.user_data.pop(DRAFT, None)
    return await _end(update, context, t(context.lang, "submit.cancelled"))


async def stale_button(update: Update, context: Context) -> None:
    """A flow button pressed after the flow ended (or after a restart)."""
    await answer(update.callback_query, t(context.lang, "submit.expired"), alert=True)


async def moved_on(update: Update, context: Context) -> int:
    """Another command while a draft is open: the draft is dropped and the command runs (the update goes on)."""
    context.user_data.pop(DRAFT, None)
    return END


def _stopping(fn):  # noqa: ANN001, ANN202
    """`fn`'s next state, and the update is the conversation's (later groups never see it)."""
    @functools.wraps(fn)
    async def run(update: Update, context: Context) -> None:
        raise ApplicationHandlerStop(await fn(update, context))
    return run


def register_conversation(application: Application, group: int) -> None:
    """The /submit conversation, alone in `group` (ahead of the features): every handler of it stops the
    update there but `moved_on` (another command), after which the update reaches the features."""
    msg = filters.UpdateType.MESSAGE
    text, other = msg & filters.TEXT & ~filters.COMMAND, msg & ~filters.TEXT & ~filters.COMMAND
    text_please = MessageHandler(other, reply_with("submit.text_please"))
    flow = conversation(
        application, "submit",
        entry_points=[
            CommandHandler("submit", submit_cmd, filters=msg),
            CommandHandler("start", start_with_claim,
                           filters=msg & filters.ChatType.PRIVATE & filters.Regex(r"^/start submit_\d{1,18}$")),
            cb.SUBMIT.handler(start_with_claim),
        ],
        states={
            ASK_CLAIM: [MessageHandler(text, got_claim), text_please],
            ASK_URL: [MessageHandler(text, got_url), text_please],
            ASK_STANCE: [cb.SUBMIT_STANCE.handler(got_stance), MessageHandler(text, got_stance), text_please],
            ASK_NOTE: [cb.SUBMIT_SKIP_NOTE.handler(got_note), CommandHandler("skip", got_note),
                       MessageHandler(text, got_note), text_please],
            CONFIRM: [cb.SUBMIT_CONFIRM.handler(confirmed),
                      MessageHandler(msg & ~filters.COMMAND, step(reply_with("submit.press_button", CONFIRM)))],
        },
        fallbacks=[CommandHandler("cancel", cancel), CallbackQueryHandler(cancel, pattern=r"^sc:n$"),
                   MessageHandler(msg & filters.COMMAND, moved_on)])
    handlers = [*flow.entry_points, *(h for hs in flow.states.values() for h in hs), *flow.fallbacks]
    for handler in {id(h): h for h in handlers}.values():  # text_please serves four states: wrapped once
        if handler.callback is not moved_on:
            handler.callback = _stopping(handler.callback)
    application.add_handler(flow, group)


def register(application: Application, group: int) -> None:
    """With the features: /cancel with nothing open; the flow's buttons pressed once it has ended."""
    msg = filters.UpdateType.MESSAGE
    application.add_handler(CommandHandler("cancel", reply_with("cancel.nothing"), filters=msg), group)
    application.add_handlers([e.handler(stale_button)
                              for e in (cb.SUBMIT_STANCE, cb.SUBMIT_SKIP_NOTE, cb.SUBMIT_CONFIRM)], group)
