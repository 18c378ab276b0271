"""/queue and its buttons: one card at a time, edited in place after each action. The services decide
races (conditional UPDATEs): whoever loses is told who handled the item, and sees its real state."""

from __future__ import annotations

from telegram import Update

from claims.services import moderators as mods

from ..core import Context, answer, edit, reply
from ..render import cut, isolate
from . import cards
from .common import END, Mod, State, open_prompt, show

SKIP_KEY = "mod_skip"
MAX_SKIPS = 200


async def _show_next(update: Update, context: Context, mod: Mod) -> None:
    """The next card (skipping the moderator's skips), on the pressed card or as a new message."""
    item, size = await context.run(mods.next_in_queue, context.user_data.setdefault(SKIP_KEY, []))
    if item is None:
        return await show(update, context, mod.t("mod.queue.only_skipped" if size.total else "mod.queue.empty",
                                                 n=size.total))
    header = mod.t("mod.queue.header", sources=size.sources, tips=size.tips, age=cards.ago(mod.lang, size.oldest))
    await show(update, context, cards.item_text(mod.lang, item, header=header), cards.item_keyboard(mod.lang, item))


async def _redraw(update: Update, context: Context, mod: Mod, kind: str, item_id: int | str, note: str = "",
                  at: dict | None = None, item: mods.QueueItem | None = None) -> None:
    """The item's card (read again unless given) on the pressed card or on the prompt's message `at`."""
    item = item or await context.run(mods.queue_item, kind, item_id)
    await show(update, context, cards.item_text(mod.lang, item, note=note), cards.item_keyboard(mod.lang, item), at)


async def _open_item(update: Update, context: Context, mod: Mod, kind: str, item_id: str) -> mods.QueueItem | None:
    """The queue item if it still waits; else the presser hears who handled it and sees the card redrawn."""
    item = await context.run(mods.queue_item, kind, item_id)
    if item.waiting:
        await answer(update.callback_query)
        return item
    await answer(update.callback_query, mod.t("mod.already", name=isolate(item.handled_by or "?")), alert=True)
    return await _redraw(update, context, mod, kind, item_id, item=item)


# --- commands, buttons and typed answers (bot/moderation/__init__.py registers each) --------------------

async def queue_cmd(update: Update, context: Context, mod: Mod, args: str) -> State:
    """/queue: the oldest pending source or open tip (skips are forgotten: a fresh pass)."""
    context.user_data[SKIP_KEY] = []
    await _show_next(update, context, mod)
    return END


async def next_card(update: Update, context: Context, mod: Mod, args: list[str]) -> State:
    await answer(update.callback_query)
    await _show_next(update, context, mod)
    return END


async def skip(update: Update, context: Context, mod: Mod, args: list[str]) -> None:
    skips = context.user_data.setdefault(SKIP_KEY, [])
    if args[0] not in skips:
        skips.append(args[0])
        del skips[:-MAX_SKIPS]
    await answer(update.callback_query, mod.t("mod.skipped"))
    await _show_next(update, context, mod)


async def back(kind: str, update: Update, context: Context, mod: Mod, args: list[str]) -> State:
    """Back to the source's or tip's card (closing the prompt opened on it)."""
    await answer(update.callback_query)
    await _redraw(update, context, mod, kind, int(args[0]))
    return END


async def act(kind: str, use_case, done_key: str, closes: bool, update: Update, context: Context,  # noqa: ANN001
              mod: Mod, args: list, prompt: dict | None = None) -> State:
    """`use_case(session, actor, *args)` on the item (claims/services/moderators.py), and what happened:
    for a button, a toast (an alert naming who was quicker) and the card redrawn — one shown with a
    prompt `closes` it; for the typed answer to `prompt`, the prompt's card redrawn and a reply."""
    out = await context.run(use_case, mod.actor, *args)
    said = mod.t(done_key) if out.applied else mod.t("mod.already", name=isolate(out.handled_by or "?"))
    if prompt is None:
        await answer(update.callback_query, said, alert=not out.applied)
    await _redraw(update, context, mod, kind, getattr(out, kind).id, "" if out.applied or not prompt else said, prompt)
    if prompt is not None:
        await reply(update, said)
    return END if closes else None


async def answered(kind: str, use_case, done_key: str, update: Update, context: Context, mod: Mod,  # noqa: ANN001
                   prompt: dict, text: str) -> State:
    """A typed answer doing `use_case(session, actor, item id, text)` on the prompt's item."""
    return await act(kind, use_case, done_key, True, update, context, mod, [prompt[f"{kind}_id"], text], prompt)


async def reject_preset(update: Update, context: Context, mod: Mod, args: list[str]) -> State:
    reason = mod.t(cards.REJECT_PRESETS[int(args[1]) % len(cards.REJECT_PRESETS)])
    return await act("source", mods.reject_source, "mod.done.rejected", True, update, context, mod, [args[0], reason])


async def ask(kind: str, state: str, note_key: str, keyboard, update: Update, context: Context,  # noqa: ANN001
              mod: Mod, args: list[str]) -> State:
    """Ask for a typed answer on the card itself: the moderator's next message answers `state`."""
    q = update.callback_query
    if (item := await _open_item(update, context, mod, kind, args[0])) is None:
        return END
    await edit(q, cards.item_text(mod.lang, item, note=mod.t(note_key)), keyboard(mod.lang, item.id))
    return open_prompt(context, state, q.message.chat.id, message_id=q.message.message_id, **{f"{kind}_id": item.id})


async def link_candidates(update: Update, context: Context, mod: Mod, args: list[str]) -> None:
    if (item := await _open_item(update, context, mod, "tip", args[0])) is not None:
        found = await context.run(mods.link_choices, context.runtime.matcher, item.tip.text)
        note = mod.t("mod.link.pick" if found else "mod.link.none")
        await show(update, context, cards.item_text(mod.lang, item, note=note),
                   cards.candidates_keyboard(mod.lang, item.id, found))


async def answer_link_query(update: Update, context: Context, mod: Mod, prompt: dict, text: str) -> State:
    item = await context.run(mods.queue_item, "tip", prompt["tip_id"])
    found = await context.run(mods.search_link_choices, context.runtime.matcher, text)
    note = mod.t("mod.link.results" if found else "mod.link.nothing", query=cut(text, 100))
    await show(update, context, cards.item_text(mod.lang, item, note=note),
               cards.candidates_keyboard(mod.lang, item.id, found), prompt)
    return END
