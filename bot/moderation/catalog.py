"""Moderator writes to the catalogue: verdicts (command and buttons, with the override confirmation),
new claims, edits, merges, ingesting an article after confirmation, and /history."""

from __future__ import annotations

import asyncio
import secrets
from dataclasses import asdict

from telegram import InlineKeyboardMarkup, Update

from claims.errors import ClaimsError
from claims.extract import ExtractedClaim
from claims.i18n import Raw, t
from claims.models import Claim
from claims.services import moderators as mods
from claims.services.catalog import add_claim, edit_claim, merge_claims
from claims.services.ingest import draft_article, split_address_line
from claims.services.verdicts import EvidenceRequired
from claims.textfile import decode_upload
from claims.verdicts import Verdict, parse_verdict, split_verdict
from claims.webpage import looks_like_html

from ..callbacks import ID, TOKEN
from ..core import Context, answer, edit, explain, keyboard, reply, send_blocks
from ..render import claim_quote, cut, day, esc, isolate, pack, verdict_label
from .common import (END, INGEST, OVERRIDE, STORE, VERDICT, Button, Mod, State, close_prompt, open_prompt, show,
                     take_confirmation)

MAX_INGEST_CHARS = 100_000
MAX_INGEST_BYTES = 1_000_000
TABLES = (".csv", ".tsv", ".xlsx", ".xls", ".ods")  # fact-check sheets: `claims import`, not an article
TABLE_TYPES = ("text/csv", "text/comma-separated-values", "text/tab-separated-values")
TEXT_FILES = (".txt", ".html", ".htm")  # an article: plain text, or a saved page (any text/* type too)
MAX_HISTORY_MESSAGES = 5
PREVIEW_CLAIMS = 40


def cancel_keyboard(lang: str, *first: tuple[str, str]) -> InlineKeyboardMarkup | None:
    return keyboard([[*first, (t(lang, "btn.cancel"), MOD_CANCEL.data())]])


def card_buttons(role: str | None, claim: Claim, lang: str) -> list[list[tuple[str, str]]]:
    """Rows of (label, callback_data) for `claim` as it is now (a toggle reads its state), for a reader of
    `role` (None: none): on its card (`Runtime.card_buttons`), after a verdict is set and after /addclaim."""
    return [] if role is None else [[(t(lang, "mod.btn.verdict"), CHOOSE_VERDICT.data(claim.id)),
                                     (t(lang, "mod.btn.history"), HISTORY.data(claim.id))]]


async def _set_verdict(update: Update, context: Context, mod: Mod, claim_id: int | str, verdict: str, reason: str,
                       at: dict | None = None, override: bool = False) -> State:
    """Set the verdict and show the outcome; without an approved source, open the OVERRIDE confirmation."""
    try:
        entry = await context.run(mods.set_claim_verdict, mod.actor, claim_id, verdict, reason, override=override)
    except EvidenceRequired as err:
        claim_id, token = err.params["claim_id"], secrets.token_hex(4)
        open_prompt(context, OVERRIDE, update.effective_chat.id, claim_id=claim_id, verdict=verdict, reason=reason,
                    token=token)
        await show(update, context, mod.t("mod.verdict.needs_source", id=claim_id,
                                          verdict=verdict_label(parse_verdict(verdict), mod.lang)),
                   cancel_keyboard(mod.lang, (mod.t("mod.btn.override"), VERDICT_OVERRIDE.data(token))), at)
        return OVERRIDE
    context.runtime.wake_outbox(context.application)
    claim = await context.run(mods.live_claim, entry.claim_id)  # as the verdict left it, for its buttons
    if update.callback_query is not None:
        await answer(update.callback_query, mod.t("mod.done.verdict"))
    await show(update, context, mod.t(
        "mod.verdict.done_override" if entry.override else "mod.verdict.done", id=entry.claim_id,
        old=verdict_label(entry.old_verdict, mod.lang), new=verdict_label(entry.new_verdict, mod.lang),
        reason=cut(entry.reason, 500)), keyboard(card_buttons(mod.actor.role, claim, mod.lang)), at)
    return END


async def verdict_cmd(update: Update, context: Context, mod: Mod, args: str) -> State:
    """/verdict ID VERDICT reason."""
    words = args.split()
    verdict, reason = split_verdict(words[1:])
    if not reason.strip():
        if len(words) >= 2:
            parse_verdict(verdict)  # a wrong verdict is worth its own message
        return await mod.say(update, "mod.usage.verdict")
    return await _set_verdict(update, context, mod, words[0], verdict, reason)


async def answer_verdict_reason(update: Update, context: Context, mod: Mod, prompt: dict, text: str) -> State:
    return await _set_verdict(update, context, mod, prompt["claim_id"], prompt["verdict"], text, at=prompt)


async def choose_verdict(update: Update, context: Context, mod: Mod, args: list[str]) -> None:
    claim = await context.run(mods.live_claim, args[0])
    await answer(update.callback_query)
    choices = [(verdict_label(v.value, mod.lang), VERDICT_CHOSEN.data(claim.id, v.value))
               for v in Verdict if v.value != claim.verdict]
    rows = [*(choices[i:i + 2] for i in range(0, len(choices), 2)), [(mod.t("btn.cancel"), MOD_CANCEL.data())]]
    await mod.say(update, "mod.verdict.choose", keyboard(rows), id=claim.id, text=Raw(claim_quote(claim, 500)),
                  now=verdict_label(claim.verdict, mod.lang))


async def verdict_chosen(update: Update, context: Context, mod: Mod, args: list[str]) -> State:
    q = update.callback_query
    claim = await context.run(mods.live_claim, args[0])
    verdict = parse_verdict(args[1]).value
    await answer(q)
    await edit(q, mod.t("mod.verdict.reason", id=claim.id, text=Raw(claim_quote(claim, 500)),
                        old=verdict_label(claim.verdict, mod.lang), new=verdict_label(verdict, mod.lang)),
               cancel_keyboard(mod.lang))
    return open_prompt(context, VERDICT, q.message.chat.id, claim_id=claim.id, verdict=verdict,
                       message_id=q.message.message_id)


async def verdict_override(update: Update, context: Context, mod: Mod, args: list[str]) -> State:
    p = take_confirmation(context, OVERRIDE, update.effective_chat.id, args[0])
    return await _set_verdict(update, context, mod, p["claim_id"], p["verdict"], p["reason"], override=True)


async def cancel(update: Update, context: Context, mod: Mod, args: list[str]) -> State:
    """Cancel (of a prompt, or of an /ingest preview: `args` = its token): the prompt is forgotten."""
    close_prompt(context, update.effective_chat.id, *args[:1])
    await answer(update.callback_query)
    await edit(update.callback_query, mod.t("mod.cancelled"))
    return END


async def addclaim_cmd(update: Update, context: Context, mod: Mod, args: str) -> None:
    """/addclaim [Speaker |] text [| article url]."""
    speaker, text, url = mods.parse_claim_line(args)
    if not text:
        return await mod.say(update, "mod.usage.addclaim")
    claim = await context.run(add_claim, text, speaker=speaker, article_url=url, actor_id=mod.actor.user_id,
                              actor_name=mod.actor.name)
    note = mod.t("mod.addclaim.no_article") if url and claim.article_id is None else ""
    await mod.say(update, "mod.addclaim.done", keyboard(card_buttons(mod.actor.role, claim, mod.lang)), id=claim.id,
                  text=Raw(claim_quote(claim, 1500)), note=Raw(note))


async def editclaim_cmd(update: Update, context: Context, mod: Mod, args: str) -> None:
    """/editclaim ID new text."""
    if len(parts := args.split(maxsplit=1)) < 2:
        return await mod.say(update, "mod.usage.editclaim")
    claim = await context.run(edit_claim, *parts, actor_id=mod.actor.user_id, actor_name=mod.actor.name)
    await mod.say(update, "mod.editclaim.done", id=claim.id, text=Raw(claim_quote(claim, 1500)))


async def merge_cmd(update: Update, context: Context, mod: Mod, args: str) -> None:
    """/merge KEEP_ID DUP_ID: the duplicate's sources, followers, tips and history move to KEEP."""
    if len(parts := args.split()) != 2:
        return await mod.say(update, "mod.usage.merge")
    if parts[0].lstrip("#") == parts[1].lstrip("#"):
        return await mod.say(update, "mod.merge.self")
    keep = await context.run(merge_claims, *parts, actor_id=mod.actor.user_id, actor_name=mod.actor.name)
    await mod.say(update, "mod.merge.done", keep=keep.id, dup=parts[1].lstrip("#"), text=Raw(claim_quote(keep, 500)))


async def history_cmd(update: Update, context: Context, mod: Mod, args: str) -> None:
    """/history ID: the claim's verdict changes and actions (the head and the newest pages when long)."""
    if len(words := args.split()) != 1:
        return await mod.say(update, "mod.usage.history")
    claim, entries = await context.run(mods.claim_history, words[0])
    blocks = [mod.t("mod.history.head", id=claim.id, text=Raw(claim_quote(claim, 300)), n=len(entries))]
    if not entries:
        blocks.append(mod.t("mod.history.empty"))
    for e in entries:
        action, before, after = f"mod.act.{e.action}", e.before, e.after
        if e.action in ("verdict", "verdict_override"):
            before, after = verdict_label(before or "", mod.lang), verdict_label(after or "", mod.lang)
        change = mod.t("mod.history.change", before=cut(before or "—", 150), after=cut(after or "—", 150)) \
            if before or after else ""
        blocks.append(mod.t("mod.history.line", when=day(e.at, with_time=True), who=isolate(e.who, 80),
                            change=Raw(change),
                            action=mod.t(action),  # KeyError for an action with no `mod.act.` line
                            reason=Raw(mod.t("mod.history.reason", reason=cut(e.reason, 300)) if e.reason else "")))
    messages = pack(blocks, sep="\n")
    if len(messages) > MAX_HISTORY_MESSAGES:
        messages = messages[:1] + messages[-(MAX_HISTORY_MESSAGES - 1):]
    for text in messages:
        await reply(update, text)


async def history_button(update: Update, context: Context, mod: Mod, args: list[str]) -> None:
    await answer(update.callback_query)
    try:
        await history_cmd(update, context, mod, args[0])
    except ClaimsError as err:  # the query is answered: said as a message, like /history's
        await reply(update, explain(mod.lang, err, "mod"))


async def ingest_cmd(update: Update, context: Context, mod: Mod, args: str) -> State:
    """/ingest [article text] (or a .txt file with the caption /ingest); without either, the INGEST prompt."""
    msg = update.effective_message
    if msg.document is None and not args:
        await mod.say(update, "mod.ingest.send", cancel_keyboard(mod.lang))
        return open_prompt(context, INGEST, msg.chat.id)
    return await answer_ingest(update, context, mod, {}, None if msg.document is not None else args)


async def answer_ingest(update: Update, context: Context, mod: Mod, prompt: dict, text: str | None) -> State:
    """The article arrived (text, a link alone, or a .txt or saved .html document): extract, show, and
    open the STORE confirmation (its payload: text, url, the claims found). A table is refused."""
    msg, s = update.effective_message, context.runtime.settings
    if text is None:
        doc = msg.document
        name, mime = (doc.file_name or "").lower(), (doc.mime_type or "").lower()
        refused = ("mod.ingest.table" if name.endswith(TABLES) or mime in TABLE_TYPES
                   else "mod.ingest.not_txt" if not (name.endswith(TEXT_FILES) or mime.startswith("text/"))
                   else "mod.ingest.too_big" if doc.file_size and doc.file_size > MAX_INGEST_BYTES else None)
        if refused:
            return await mod.say(update, refused, limit=MAX_INGEST_CHARS)
        text = decode_upload(bytes(await (await doc.get_file()).download_as_bytearray()))
    if "\x00" in text:
        return await mod.say(update, "mod.ingest.not_txt")
    if len(text) > MAX_INGEST_CHARS and not looks_like_html(text):  # a page: its article is far shorter
        return await mod.say(update, "mod.ingest.too_big", limit=MAX_INGEST_CHARS)
    url, text = split_address_line(text)  # a URL on the first line, the article below
    if not text.strip():
        return await mod.say(update, "mod.usage.ingest")
    await context.bot.send_chat_action(msg.chat.id, "typing")
    try:
        draft = await asyncio.to_thread(draft_article, text, url, nlp=context.runtime.nlp,
                                        threshold=s.checkworthiness_threshold, timeout=s.fetch_timeout_seconds,
                                        max_bytes=s.fetch_max_bytes)
    except ClaimsError as err:  # a link alone whose page could not be read, or a page sent (pasted or a file)
        await reply(update, explain(mod.lang, err, "sent_page" if looks_like_html(text) else "page"))
        return None
    if not (found := draft.claims):
        return await mod.say(update, "mod.ingest.nothing")
    open_prompt(context, STORE, msg.chat.id, text=draft.text, url=draft.url, claims=[asdict(c) for c in found],
                token=(token := secrets.token_hex(4)))
    lines = [mod.t("mod.ingest.preview", n=len(found), chars=len(draft.text))]
    for n, c in enumerate(found[:PREVIEW_CLAIMS], 1):
        speaker = f"<i>{esc(isolate(c.speaker, 60))}</i>: " if c.speaker else ""
        lines.append(f"{n}. {speaker}{esc(cut(c.text, 300))} ({c.checkworthiness:.2f})")
    if len(found) > PREVIEW_CLAIMS:
        lines.append(mod.t("mod.ingest.more", n=len(found) - PREVIEW_CLAIMS))
    await send_blocks(update, lines, sep="\n", markup=keyboard([[(
        mod.t("mod.btn.store", n=len(found)), INGEST_CONFIRM.data(token)),
        (mod.t("btn.cancel"), INGEST_CANCEL.data(token))]]))
    return STORE


async def ingest_confirm(update: Update, context: Context, mod: Mod, args: list[str]) -> State:
    p = take_confirmation(context, STORE, update.effective_chat.id, args[0])
    await answer(update.callback_query)
    try:
        result = await context.run(mods.ingest_confirmed, mod.actor, p["text"],
                                   [ExtractedClaim(**d) for d in p["claims"]], url=p.get("url"))
    except ClaimsError as err:  # the query is answered: said on the preview
        return await edit(update.callback_query, explain(mod.lang, err, "mod"))
    await edit(update.callback_query, mod.t("mod.ingest.done" if result.created else "mod.ingest.exists",
                                            article=result.article.id, n=len(result.claims),
                                            ids=", ".join(f"/claim_{c.id}" for c in result.claims[:60])))
    return END


# Its buttons, one row each: callback entry and op(update, context, mod, args).
MOD_CANCEL = Button("m:x", "", "cancel the open prompt", cancel)
CHOOSE_VERDICT = Button("m:v", ID, "set a claim's verdict: choose it", choose_verdict)
VERDICT_CHOSEN = Button("m:vv", rf"{ID}:[a-z_]{{1,20}}", "verdict chosen: ask for the reason (claim, verdict)",
                        verdict_chosen)
VERDICT_OVERRIDE = Button("m:vo", TOKEN, "set the verdict without an approved source", verdict_override)
HISTORY = Button("m:h", ID, "a claim's history", history_button)
INGEST_CONFIRM = Button("m:ic", TOKEN, "store the claims extracted from an article", ingest_confirm)
INGEST_CANCEL = Button("m:ix", TOKEN, "drop the extracted claims", cancel)
