"""/queue: one card at a time (every piece of text escaped, under 4096 characters, the buttons' data from
the `Button` rows below), edited in place after each action. The services decide races (conditional UPDATEs):
whoever loses is told who handled the item, and sees its real state."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from functools import partial

from telegram import InlineKeyboardMarkup, Update

from claims.i18n import Raw, t
from claims.models import Claim, Source, Tip
from claims.services import moderators as mods
from claims.services.tips import tip_links

from ..callbacks import ID
from ..core import Context, answer, edit, reply, keyboard as kb
from ..render import claim_command, claim_quote, cut, day, esc, host, isolate, link, verdict_badge, verdict_label
from .catalog import CHOOSE_VERDICT
from .common import CONVERT, END, LINK_QUERY, REJECT, Button, Mod, State, open_prompt, show

SKIP_KEY = "mod_skip"
MAX_SKIPS = 200
MAX_CARD_LINKS = 8     # links listed on a tip's card
MAX_CARD_HREFS = 1000  # characters of link addresses on one tip card (its text may take 2500)
_WEB_SCHEME = re.compile(r"(?i)https?://")
REJECT_PRESETS = ("mod.reason.duplicate", "mod.reason.unreliable", "mod.reason.irrelevant", "mod.reason.broken")


def ago(lang: str, when: datetime | None, now: datetime | None = None) -> str:
    """"5 min" / "3 h" / "2 d": how long an item has waited."""
    if when is None:
        return "—"
    when = when if when.tzinfo else when.replace(tzinfo=timezone.utc)
    secs = max(0, int(((now or datetime.now(timezone.utc)) - when).total_seconds()))
    if secs < 3600:
        return t(lang, "mod.ago.min", n=max(1, secs // 60))
    return t(lang, "mod.ago.h", n=secs // 3600) if secs < 86400 * 2 else t(lang, "mod.ago.d", n=secs // 86400)


def _source_body(lang: str, src: Source, claim: Claim | None) -> list[str]:
    speaker = f"{esc(isolate(claim.speaker, 80))}: " if claim is not None and claim.speaker else ""
    lines = [t(lang, "mod.card.source_head", id=src.id, age=ago(lang, src.created_at)),
             t(lang, "mod.card.no_claim") if claim is None else t(
                 lang, "mod.card.claim_ref", id=claim.id, badge=Raw(verdict_badge(claim.verdict, lang)),
                 speaker=Raw(speaker), text=Raw(claim_quote(claim, 400))),
             t(lang, "mod.card.source_link", stance=t(lang, f"stance.{src.stance}"),
               link=Raw(link(src.url, cut(src.url, 120))), host=host(src.url))]
    if src.note:
        lines.append(t(lang, "mod.card.note", note=cut(src.note, 500)))
    if src.submitter_name:
        lines.append(t(lang, "mod.card.by", name=isolate(src.submitter_name, 80)))
    return lines


def _tip_body(lang: str, tip: Tip) -> list[str]:
    origin = tip.origin_title or tip.origin_type
    origin = t(lang, "mod.card.tip_origin", origin=isolate(origin, 80)) if origin else ""
    links, urls = [], tip_links(tip)
    if urls:  # every link of the message, those hidden behind words included: often the most useful part
        links.append(t(lang, "mod.card.tip_links", n=len(urls)))
        room = MAX_CARD_HREFS  # the card must stay one message: long addresses are shown, shortened, unlinked
        for u in urls[:MAX_CARD_LINKS]:
            href = u if _WEB_SCHEME.match(u) else "http://" + u  # "example.org/go?to=https://…" has none
            room -= len(href)
            links.append(f"• {link(href, cut(u, 80)) if room >= 0 else esc(cut(u, 80))}")
    text_room = max(1000, 2500 - len("\n".join(links)))  # the links take from the text's room, not the limit
    lines = [t(lang, "mod.card.tip_head", id=tip.id, age=ago(lang, tip.created_at), origin=Raw(origin))]
    if (tip.askers or 1) > 1:
        lines.append(t(lang, "mod.card.tip_askers", n=tip.askers, age=ago(lang, tip.last_seen_at or tip.created_at)))
    lines.append(f"«{esc(cut(tip.text, text_room))}»")
    if claims := [c for c in (tip.matched_claims or "").split(",") if c.strip().isdigit()]:
        lines.append(t(lang, "mod.card.tip_part", claims=", ".join(claim_command(int(c)) for c in claims[:10])))
    return [*lines, *links]


def who(lang: str, name: str | None) -> str:
    """Who handled an item, as cards and alerts name them: the name kept, else "a moderator" (also for
    "?", which review_source stored for a reviewer with no name until break test 38)."""
    return isolate(name, 80) if name and name != "?" else t(lang, "mod.unnamed")


def _status(lang: str, item: mods.QueueItem) -> str | None:
    """The "handled" line of a card that no longer waits, or None while it does."""
    if item.waiting:
        return None
    name = who(lang, item.handled_by)
    if (src := item.source) is not None:
        reason = t(lang, "mod.status.reason", reason=cut(src.review_reason, 300)) if src.review_reason else ""
        return t(lang, "mod.status.approved" if src.status == "approved" else "mod.status.rejected", name=name,
                 when=day(src.reviewed_at, with_time=True), reason=Raw(reason))
    tip = item.tip
    return t(lang, f"mod.status.tip_{tip.status}", name=name, when=day(tip.handled_at, with_time=True),
             claim=tip.claim_id or "")


def item_text(lang: str, item: mods.QueueItem, *, header: str = "", note: str = "") -> str:
    """A queue card: optional queue header, the item, its status line once handled, an optional note."""
    body = _source_body(lang, item.source, item.claim) if item.source is not None else _tip_body(lang, item.tip)
    return "\n\n".join(p for p in (header, "\n".join(body), _status(lang, item), note) if p)


def item_keyboard(lang: str, item: mods.QueueItem) -> InlineKeyboardMarkup | None:
    """The action buttons while the item is pending; only "Next" once it is handled."""
    if not item.waiting:
        verdict = [(t(lang, "mod.btn.verdict"), CHOOSE_VERDICT.data(item.tip.claim_id))] \
            if item.tip is not None and item.tip.claim_id else []
        return kb([verdict, [(t(lang, "mod.btn.next"), MOD_NEXT.data())]])
    skip = (t(lang, "mod.btn.skip"), MOD_SKIP.data(item.key))
    if item.kind == "source":
        return kb([[(t(lang, "mod.btn.approve"), SOURCE_APPROVE.data(item.id)),
                    (t(lang, "mod.btn.reject"), SOURCE_REJECT.data(item.id))], [skip]])
    return kb([[(t(lang, "mod.btn.link"), TIP_LINK.data(item.id)),
                (t(lang, "mod.btn.new_claim"), TIP_CONVERT.data(item.id))],
               [(t(lang, "mod.btn.dismiss"), TIP_DISMISS.data(item.id)), skip]])


def reject_keyboard(lang: str, source_id: int) -> InlineKeyboardMarkup:
    presets = [[(t(lang, key), SOURCE_REJECT_PRESET.data(source_id, n))] for n, key in enumerate(REJECT_PRESETS)]
    return kb([*presets, [(t(lang, "mod.btn.back"), SOURCE_BACK.data(source_id))]])


def back_keyboard(lang: str, tip_id: int, *first: tuple[str, str]) -> InlineKeyboardMarkup:
    return kb([[*first, (t(lang, "mod.btn.back"), TIP_BACK.data(tip_id))]])


def convert_keyboard(lang: str, tip_id: int) -> InlineKeyboardMarkup:
    return back_keyboard(lang, tip_id, (t(lang, "mod.btn.create"), TIP_CONVERT_AS_IS.data(tip_id)))


def candidates_keyboard(lang: str, tip_id: int, claims: list[Claim]) -> InlineKeyboardMarkup:
    rows = [[(cut(f"#{c.id} {verdict_label(c.verdict, lang)} · {c.text}", 60), TIP_LINK_PICK.data(tip_id, c.id))]
            for c in claims]
    return kb([*rows, [(t(lang, "mod.btn.search"), TIP_LINK_SEARCH.data(tip_id)),
                       (t(lang, "mod.btn.back"), TIP_BACK.data(tip_id))]])


async def _show_next(update: Update, context: Context, mod: Mod) -> None:
    """The next card (skipping the moderator's skips), on the pressed card or as a new message."""
    item, size = await context.run(mods.next_in_queue, context.user_data.setdefault(SKIP_KEY, []))
    if item is None:
        return await show(update, context, mod.t("mod.queue.only_skipped" if size.total else "mod.queue.empty",
                                                 n=size.total))
    header = mod.t("mod.queue.header", sources=size.sources, tips=size.tips, age=ago(mod.lang, size.oldest))
    await show(update, context, item_text(mod.lang, item, header=header), item_keyboard(mod.lang, item))


async def _redraw(update: Update, context: Context, mod: Mod, kind: str, item_id: int | str, note: str = "",
                  at: dict | None = None, item: mods.QueueItem | None = None) -> None:
    """The item's card (read again unless given) on the pressed card or on the prompt's message `at`."""
    item = item or await context.run(mods.queue_item, kind, item_id)
    await show(update, context, item_text(mod.lang, item, note=note), item_keyboard(mod.lang, item), at)


async def _open_item(update: Update, context: Context, mod: Mod, kind: str, item_id: str) -> mods.QueueItem | None:
    """The queue item if it still waits; else the presser hears who handled it and sees the card redrawn."""
    item = await context.run(mods.queue_item, kind, item_id)
    if item.waiting:
        await answer(update.callback_query)
        return item
    await answer(update.callback_query, mod.t("mod.already", name=who(mod.lang, item.handled_by)), alert=True)
    return await _redraw(update, context, mod, kind, item_id, item=item)


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
    """Back to the source's or tip's card (closing the prompt opened on it); the press is answered after
    the card is read, so an item that is gone is said in the answer (an alert)."""
    await _redraw(update, context, mod, kind, int(args[0]))
    await answer(update.callback_query)
    return END


async def act(kind: str, use_case, done_key: str, closes: bool, update: Update, context: Context,  # noqa: ANN001
              mod: Mod, args: list, prompt: dict | None = None) -> State:
    """`use_case(session, actor, *args)` on the item (claims/services/moderators.py), and what happened:
    for a button, a toast (an alert naming who was quicker) and the card redrawn — one shown with a
    prompt `closes` it; for the typed answer to `prompt`, the prompt's card redrawn and a reply."""
    out = await context.run(use_case, mod.actor, *args)
    said = mod.t(done_key) if out.applied else mod.t("mod.already", name=who(mod.lang, out.handled_by))
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
    reason = mod.t(REJECT_PRESETS[int(args[1]) % len(REJECT_PRESETS)])
    return await act("source", mods.reject_source, "mod.done.rejected", True, update, context, mod, [args[0], reason])


async def ask(kind: str, state: str, note_key: str, keyboard, update: Update, context: Context,  # noqa: ANN001
              mod: Mod, args: list[str]) -> State:
    """Ask for a typed answer on the card itself: the moderator's next message answers `state`."""
    q = update.callback_query
    if (item := await _open_item(update, context, mod, kind, args[0])) is None:
        return END
    await edit(q, item_text(mod.lang, item, note=mod.t(note_key)), keyboard(mod.lang, item.id))
    return open_prompt(context, state, q.message.chat.id, message_id=q.message.message_id, **{f"{kind}_id": item.id})


async def link_candidates(update: Update, context: Context, mod: Mod, args: list[str]) -> None:
    if (item := await _open_item(update, context, mod, "tip", args[0])) is not None:
        found = await context.run(mods.link_choices, context.runtime.matcher, item.tip.text)
        note = mod.t("mod.link.pick" if found else "mod.link.none")
        await show(update, context, item_text(mod.lang, item, note=note),
                   candidates_keyboard(mod.lang, item.id, found))


async def answer_link_query(update: Update, context: Context, mod: Mod, prompt: dict, text: str) -> State:
    item = await context.run(mods.queue_item, "tip", prompt["tip_id"])
    found = await context.run(mods.search_link_choices, context.runtime.matcher, text)
    note = mod.t("mod.link.results" if found else "mod.link.nothing", query=cut(text, 100))
    await show(update, context, item_text(mod.lang, item, note=note),
               candidates_keyboard(mod.lang, item.id, found), prompt)
    return END


# Its buttons, one row each: callback entry and op(update, context, mod, args). A queue action is
# `act(kind, use case, toast, closes the prompt?)`; a prompt is `ask(kind, state, note, keyboard)`, and its
# typed answer is in ANSWERS of bot/moderation/__init__.py.
MOD_NEXT = Button("m:q", "", "the next queue card", next_card)
MOD_SKIP = Button("m:sk", r"[st]\d{1,18}", "skip this queue item for now", skip)
SOURCE_APPROVE = Button("m:sa", ID, "approve a source",
                        partial(act, "source", mods.approve_source, "mod.done.approved", False))
SOURCE_REJECT = Button("m:sr", ID, "reject a source: ask for a reason",
                       partial(ask, "source", REJECT, "mod.prompt.reject", reject_keyboard))
SOURCE_REJECT_PRESET = Button("m:srp", rf"{ID}:\d", "reject a source with a preset reason", reject_preset)
SOURCE_BACK = Button("m:sb", ID, "back to the source's card", partial(back, "source"))
TIP_BACK = Button("m:tb", ID, "back to the tip's card", partial(back, "tip"))
TIP_LINK = Button("m:tl", ID, "link a tip: show the matcher's candidates", link_candidates)
TIP_LINK_SEARCH = Button("m:tlq", ID, "link a tip: type a search",
                         partial(ask, "tip", LINK_QUERY, "mod.prompt.search", back_keyboard))
TIP_LINK_PICK = Button("m:tlp", rf"{ID}:{ID}", "link a tip to this claim (tip, claim)",
                       partial(act, "tip", mods.link_tip_to_claim, "mod.done.linked", True))
TIP_CONVERT = Button("m:tc", ID, "new claim from a tip: ask for its text",
                     partial(ask, "tip", CONVERT, "mod.prompt.convert", convert_keyboard))
TIP_CONVERT_AS_IS = Button("m:tcc", ID, "new claim from a tip, with the tip's text",
                           partial(act, "tip", mods.convert_tip_text, "mod.done.converted", True))
TIP_DISMISS = Button("m:td", ID, "dismiss a tip",
                     partial(act, "tip", mods.dismiss_queued_tip, "mod.done.dismissed", False))
