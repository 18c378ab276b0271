"""/queue and its buttons: one card at a time, edited in place after each action.

The services decide races (conditional UPDATEs): whoever loses is told who handled the item,
and the card is redrawn with its real state.
"""

from __future__ import annotations

from telegram import Update

from claims.errors import ClaimsError
from claims.services import moderators as mods
from claims.services.matching import match_message, search_claims
from claims.services.sources import review_source
from claims.services.tips import dismiss_tip

from .. import callbacks as cb
from ..core import Context, answer, edit, edit_at, explain, keyboard, reply
from ..i18n import t
from ..render import cut, isolate
from . import cards
from .common import CONVERT, END, LINK_QUERY, REJECT, Mod, State, gate, open_prompt

SKIP_KEY = "mod_skip"
MAX_SKIPS = 200
CANDIDATES = 6


def _skips(context: Context) -> list[str]:
    return context.user_data.setdefault(SKIP_KEY, [])


async def _show_next(update: Update, context: Context, mod: Mod, *, in_place: bool) -> None:
    item, size = await context.run(mods.next_in_queue, _skips(context))
    if item is None and size.total:
        text, markup = t(mod.lang, "mod.queue.only_skipped", n=size.total), None
    elif item is None:
        text, markup = t(mod.lang, "mod.queue.empty"), None
    else:
        text = cards.item_text(mod.lang, item, header=cards.queue_header(mod.lang, size))
        markup = cards.item_keyboard(mod.lang, item)
    if in_place and update.callback_query is not None:
        await edit(update.callback_query, text, markup)
    else:
        await reply(update, text, markup)


async def queue_cmd(update: Update, context: Context) -> State:
    """/queue: the oldest pending source or open tip (skips are forgotten: a fresh pass)."""
    if not (mod := await gate(update, context, "/queue")):
        return None
    context.user_data[SKIP_KEY] = []
    await _show_next(update, context, mod, in_place=False)
    return END


async def _redraw(update: Update, context: Context, mod: Mod, kind: str, item_id: int, *, note: str = "", markup=None) -> None:  # noqa: ANN001
    item = await context.run(mods.queue_item, kind, item_id)
    await edit(update.callback_query, cards.item_text(mod.lang, item, note=note),
               markup if markup is not None else cards.item_keyboard(mod.lang, item))


async def _outcome(update: Update, context: Context, mod: Mod, kind: str, item_id: int, applied: bool, handled_by: str | None,
                   done_key: str) -> None:
    """Tell the presser what happened and redraw the card with its real state."""
    q = update.callback_query
    if applied:
        await answer(q, t(mod.lang, done_key))
    else:
        await answer(q, t(mod.lang, "mod.already", name=isolate(handled_by or "?")), alert=True)
    await _redraw(update, context, mod, kind, item_id)


async def _open_item(update: Update, context: Context, mod: Mod, kind: str, item_id: str):  # noqa: ANN202
    """The queue item if it still waits; else the presser hears who handled it and sees the card redrawn."""
    q = update.callback_query
    item = await context.run(mods.queue_item, kind, item_id)
    obj, waiting, handler = ((item.source, "pending", item.source.reviewer_name) if kind == "source"
                             else (item.tip, "open", item.tip.handled_by))
    if obj.status != waiting:
        await answer(q, t(mod.lang, "mod.already", name=isolate(handler or "?")), alert=True)
        await _redraw(update, context, mod, kind, item.id)
        return None
    await answer(q)
    return item


# --- buttons (bot/moderation/__init__.py registers each with its callback entry) --------------------

async def next_card(update: Update, context: Context, mod: Mod, args: list[str]) -> State:
    await answer(update.callback_query)
    await _show_next(update, context, mod, in_place=True)
    return END


async def skip(update: Update, context: Context, mod: Mod, args: list[str]) -> None:
    skips = _skips(context)
    if args[0] not in skips:
        skips.append(args[0])
        del skips[:-MAX_SKIPS]
    await answer(update.callback_query, t(mod.lang, "mod.skipped"))
    await _show_next(update, context, mod, in_place=True)


async def approve(update: Update, context: Context, mod: Mod, args: list[str]) -> None:
    a = mod.actor
    out = await context.run(review_source, args[0], True, reviewer_id=a.user_id, reviewer_name=a.name)
    await _outcome(update, context, mod, "source", out.source.id, out.applied, out.handled_by, "mod.done.approved")


async def _prompt(update: Update, context: Context, mod: Mod, kind: str, item_id: str, state: str,
                  note_key: str, markup) -> State:  # noqa: ANN001
    """Ask for a typed answer on the card itself: the moderator's next message answers `state`."""
    q = update.callback_query
    if (item := await _open_item(update, context, mod, kind, item_id)) is None:
        return END
    await edit(q, cards.item_text(mod.lang, item, note=t(mod.lang, note_key)), markup(item.id))
    return open_prompt(context, state, q.message.chat.id, message_id=q.message.message_id, **{f"{kind}_id": item.id})


async def ask_reject_reason(update: Update, context: Context, mod: Mod, args: list[str]) -> State:
    return await _prompt(update, context, mod, "source", args[0], REJECT, "mod.prompt.reject",
                  lambda sid: cards.reject_keyboard(mod.lang, sid))


async def reject_preset(update: Update, context: Context, mod: Mod, args: list[str]) -> State:
    key = cards.REJECT_PRESETS[int(args[1]) % len(cards.REJECT_PRESETS)]
    a = mod.actor
    out = await context.run(review_source, args[0], False, reviewer_id=a.user_id, reviewer_name=a.name,
                            reason=t(mod.lang, key))
    await _outcome(update, context, mod, "source", out.source.id, out.applied, out.handled_by, "mod.done.rejected")
    return END


async def back_to_source(update: Update, context: Context, mod: Mod, args: list[str]) -> State:
    await answer(update.callback_query)
    await _redraw(update, context, mod, "source", int(args[0]))
    return END


async def back_to_tip(update: Update, context: Context, mod: Mod, args: list[str]) -> State:
    await answer(update.callback_query)
    await _redraw(update, context, mod, "tip", int(args[0]))
    return END


async def dismiss(update: Update, context: Context, mod: Mod, args: list[str]) -> None:
    out = await context.run(dismiss_tip, args[0], actor_id=mod.actor.user_id, actor_name=mod.actor.name)
    await _outcome(update, context, mod, "tip", out.tip.id, out.applied, out.handled_by, "mod.done.dismissed")


async def link_candidates(update: Update, context: Context, mod: Mod, args: list[str]) -> None:
    if (item := await _open_item(update, context, mod, "tip", args[0])) is None:
        return
    found = await context.run(_match, mod.runtime.matcher, item.tip.text)
    note = t(mod.lang, "mod.link.pick" if found else "mod.link.none")
    await edit(update.callback_query, cards.item_text(mod.lang, item, note=note),
               cards.candidates_keyboard(mod.lang, item.id, found))


async def ask_link_search(update: Update, context: Context, mod: Mod, args: list[str]) -> State:
    return await _prompt(update, context, mod, "tip", args[0], LINK_QUERY, "mod.prompt.search",
                  lambda tid: keyboard([[(t(mod.lang, "mod.btn.back"), cb.TIP_BACK.data(tid))]]))


async def link_pick(update: Update, context: Context, mod: Mod, args: list[str]) -> State:
    out = await context.run(mods.link_tip_to_claim, mod.actor, args[0], args[1])
    await _outcome(update, context, mod, "tip", out.tip.id, out.applied, out.handled_by, "mod.done.linked")
    return END


async def ask_convert_text(update: Update, context: Context, mod: Mod, args: list[str]) -> State:
    return await _prompt(update, context, mod, "tip", args[0], CONVERT, "mod.prompt.convert",
                  lambda tid: keyboard([[(t(mod.lang, "mod.btn.create"), cb.TIP_CONVERT_AS_IS.data(tid)),
                                         (t(mod.lang, "mod.btn.back"), cb.TIP_BACK.data(tid))]]))


async def convert_as_is(update: Update, context: Context, mod: Mod, args: list[str]) -> State:
    out = await context.run(mods.convert_tip_text, mod.actor, args[0], None)
    await _outcome(update, context, mod, "tip", out.tip.id, out.applied, out.handled_by, "mod.done.converted")
    return END


def _match(session, matcher, text: str) -> list:  # noqa: ANN001
    """Candidate claims for a tip: what the matcher ranks highest, related ones included."""
    result = match_message(session, matcher, text, limit=CANDIDATES, min_score=0)
    return [i.claim for i in result.items]


def _search(session, matcher, query: str) -> list:  # noqa: ANN001
    """A typed search; a bare number (or #number) is taken as a claim id."""
    ref = query.strip().lstrip("#")
    if ref.isdigit():
        try:
            return [mods.live_claim(session, ref)]
        except ClaimsError:
            return []
    return [i.claim for i in search_claims(session, matcher, query, limit=CANDIDATES).items]


# --- typed answers to the prompts above (a domain error keeps the prompt open for another try) -----

async def answer_reject(update: Update, context: Context, mod: Mod, pending: dict, text: str) -> State:
    a = mod.actor
    try:
        out = await context.run(review_source, pending["source_id"], False, reviewer_id=a.user_id,
                       reviewer_name=a.name, reason=text)
    except ClaimsError as err:
        await reply(update, explain(mod.lang, err, "mod"))
        return REJECT
    await _answer_outcome(update, context, mod, pending, "source", out.source.id, out.applied, out.handled_by,
                          "mod.done.rejected")
    return END


async def answer_convert(update: Update, context: Context, mod: Mod, pending: dict, text: str) -> State:
    try:
        out = await context.run(mods.convert_tip_text, mod.actor, pending["tip_id"], text)
    except ClaimsError as err:
        await reply(update, explain(mod.lang, err, "mod"))
        return CONVERT
    await _answer_outcome(update, context, mod, pending, "tip", out.tip.id, out.applied, out.handled_by,
                          "mod.done.converted")
    return END


async def answer_link_query(update: Update, context: Context, mod: Mod, pending: dict, text: str) -> State:
    item = await context.run(mods.queue_item, "tip", pending["tip_id"])
    found = await context.run(_search, mod.runtime.matcher, text)
    note = t(mod.lang, "mod.link.results", query=cut(text, 100)) if found else t(mod.lang, "mod.link.nothing",
                                                                                    query=cut(text, 100))
    await edit_at(context, pending["chat_id"], pending["message_id"], cards.item_text(mod.lang, item, note=note),
                  cards.candidates_keyboard(mod.lang, item.id, found))
    return END


async def _answer_outcome(update: Update, context: Context, mod: Mod, pending: dict, kind: str,
                          item_id: int, applied: bool, handled_by: str | None, done_key: str) -> None:
    item = await context.run(mods.queue_item, kind, item_id)
    note = "" if applied else t(mod.lang, "mod.already", name=isolate(handled_by or "?"))
    await edit_at(context, pending["chat_id"], pending["message_id"], cards.item_text(mod.lang, item, note=note),
                  cards.item_keyboard(mod.lang, item))
    await reply(update, t(mod.lang, done_key) if applied else note)


