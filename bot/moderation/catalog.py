"""Moderator writes to the catalogue: verdicts (command and button flow), new claims, edits, merges,
ingesting an article after confirmation, and the accountability view /history.
"""

from __future__ import annotations

import asyncio
from dataclasses import asdict

from charset_normalizer import from_bytes
from telegram import Update

from claims.errors import ClaimsError, InvalidInput
from claims.extract import ExtractedClaim, extract_claims
from claims.services import moderators as mods
from claims.services.catalog import add_claim, edit_claim, merge_claims
from claims.services.ingest import article_from_web
from claims.services.verdicts import EvidenceRequired
from claims.verdicts import parse_verdict

from .. import callbacks as cb
from ..core import Context, answer, command_args, edit, edit_at, explain, keyboard, reply
from ..i18n import CATALOGUES, Raw, t
from ..render import claim_quote, cut, esc, isolate, pack, verdict_label
from . import cards
from .common import END, INGEST, VERDICT, Mod, State, command_action, gate, open_prompt, stash, unstash

MAX_INGEST_CHARS = 100_000
MAX_INGEST_BYTES = 1_000_000
MAX_HISTORY_MESSAGES = 5
PREVIEW_CLAIMS = 40


async def _usage(update: Update, mod: Mod, key: str) -> None:
    await reply(update, t(mod.lang, key))


# --- verdicts -------------------------------------------------------------------------------------

def split_verdict(words: list[str]) -> tuple[str, str]:
    """("mostly", "false", "reason"...) → ("mostly false", "reason ..."): the longest leading verdict."""
    for n in (3, 2):
        if len(words) >= n:
            try:
                parse_verdict(" ".join(words[:n]))
                return " ".join(words[:n]), " ".join(words[n:])
            except InvalidInput:
                pass
    return (words[0] if words else ""), " ".join(words[1:])


def _verdict_done(lang: str, entry) -> str:  # noqa: ANN001  (VerdictHistory)
    key = "mod.verdict.done_override" if entry.override else "mod.verdict.done"
    return t(lang, key, id=entry.claim_id, old=verdict_label(entry.old_verdict, lang),
             new=verdict_label(entry.new_verdict, lang), reason=cut(entry.reason, 500))


def _override_prompt(context: Context, mod: Mod, claim_id: int, verdict: str, reason: str):  # noqa: ANN202
    token = stash(context, "override", {"claim_id": claim_id, "verdict": verdict, "reason": reason})
    text = t(mod.lang, "mod.verdict.needs_source", id=claim_id, verdict=verdict_label(parse_verdict(verdict), mod.lang))
    markup = keyboard([[(t(mod.lang, "mod.btn.override"), cb.VERDICT_OVERRIDE.data(token)),
                        (t(mod.lang, "mod.btn.cancel"), cb.MOD_CANCEL.data())]])
    return text, markup


async def verdict_cmd(update: Update, context: Context) -> State:
    """/verdict ID VERDICT reason."""
    if not (mod := await gate(update, context, command_action(update))):
        return None
    await _verdict_cmd(update, context, mod)
    return END


async def _verdict_cmd(update: Update, context: Context, mod: Mod) -> None:
    words = command_args(update).split()
    if len(words) < 2:
        return await _usage(update, mod, "mod.usage.verdict")
    verdict, reason = split_verdict(words[1:])
    if not reason.strip():
        try:
            parse_verdict(verdict)
        except InvalidInput as err:
            return await reply(update, explain(mod.lang, err, "mod"))
        return await _usage(update, mod, "mod.usage.verdict")
    try:
        entry = await context.run(mods.set_claim_verdict, mod.actor, words[0], verdict, reason)
    except EvidenceRequired as err:
        text, markup = _override_prompt(context, mod, err.params["claim_id"], verdict, reason)
        return await reply(update, text, markup)
    except ClaimsError as err:
        return await reply(update, explain(mod.lang, err, "mod"))
    context.runtime.wake_outbox(context.application)
    await reply(update, _verdict_done(mod.lang, entry), cards.verdict_keyboard_after(mod.lang, entry.claim_id))


async def answer_verdict_reason(update: Update, context: Context, mod: Mod, pending: dict, text: str) -> State:
    chat_id, message_id = pending["chat_id"], pending["message_id"]
    try:
        entry = await context.run(mods.set_claim_verdict, mod.actor, pending["claim_id"], pending["verdict"], text)
    except EvidenceRequired:
        prompt, markup = _override_prompt(context, mod, pending["claim_id"], pending["verdict"], text)
        await edit_at(context, chat_id, message_id, prompt, markup)
        return END
    except ClaimsError as err:
        await reply(update, explain(mod.lang, err, "mod"))
        return VERDICT if err.code == "invalid_input" else END  # e.g. too long: the prompt stays open
    context.runtime.wake_outbox(context.application)
    await edit_at(context, chat_id, message_id, _verdict_done(mod.lang, entry),
                  cards.verdict_keyboard_after(mod.lang, entry.claim_id))
    return END


async def choose_verdict(update: Update, context: Context, mod: Mod, args: list[str]) -> None:
    claim = await context.run(mods.live_claim, args[0])
    await answer(update.callback_query)
    text = t(mod.lang, "mod.verdict.choose", id=claim.id, text=Raw(claim_quote(claim, 500)),
             now=verdict_label(claim.verdict, mod.lang))
    await reply(update, text, cards.verdict_keyboard(mod.lang, claim.id, claim.verdict))


async def verdict_chosen(update: Update, context: Context, mod: Mod, args: list[str]) -> State:
    q = update.callback_query
    claim = await context.run(mods.live_claim, args[0])
    verdict = parse_verdict(args[1]).value
    await answer(q)
    await edit(q, t(mod.lang, "mod.verdict.reason", id=claim.id, text=Raw(claim_quote(claim, 500)),
                    old=verdict_label(claim.verdict, mod.lang), new=verdict_label(verdict, mod.lang)),
               cards.cancel_keyboard(mod.lang))
    return open_prompt(context, VERDICT, q.message.chat.id, claim_id=claim.id, verdict=verdict,
                       message_id=q.message.message_id)


async def verdict_override(update: Update, context: Context, mod: Mod, args: list[str]) -> None:
    q = update.callback_query
    saved = unstash(context, "override", args[0])
    if saved is None:
        return await answer(q, t(mod.lang, "mod.expired"), alert=True)
    entry = await context.run(mods.set_claim_verdict, mod.actor, saved["claim_id"], saved["verdict"],
                              saved["reason"], override=True)
    context.runtime.wake_outbox(context.application)
    await answer(q, t(mod.lang, "mod.done.verdict"))
    await edit(q, _verdict_done(mod.lang, entry), cards.verdict_keyboard_after(mod.lang, entry.claim_id))


async def history_button(update: Update, context: Context, mod: Mod, args: list[str]) -> None:
    await answer(update.callback_query)
    await _send_history(update, context, mod, args[0])


async def cancel(update: Update, context: Context, mod: Mod, args: list[str]) -> State:
    await answer(update.callback_query)
    await edit(update.callback_query, t(mod.lang, "mod.cancelled"))
    return END


async def ingest_confirm(update: Update, context: Context, mod: Mod, args: list[str]) -> None:
    saved = unstash(context, "ingest", args[0])
    if saved is None:
        return await answer(update.callback_query, t(mod.lang, "mod.expired"), alert=True)
    await answer(update.callback_query)
    await _store_ingest(update, context, mod, saved)


async def ingest_cancel(update: Update, context: Context, mod: Mod, args: list[str]) -> None:
    unstash(context, "ingest", args[0])
    await answer(update.callback_query)
    await edit(update.callback_query, t(mod.lang, "mod.cancelled"))


# --- claims ---------------------------------------------------------------------------------------

def parse_addclaim(args: str) -> tuple[str | None, str, str | None]:
    """"text" | "Speaker | text" | "text | url" | "Speaker | text | url" → (speaker, text, url)."""
    parts = [p.strip() for p in args.split("|")]
    url = None
    if len(parts) > 1 and parts[-1].lower().startswith(("http://", "https://")) and " " not in parts[-1]:
        url = parts.pop()
    if len(parts) >= 2:
        return parts[0] or None, " | ".join(parts[1:]), url
    return None, parts[0] if parts else "", url


async def addclaim_cmd(update: Update, context: Context) -> None:
    """/addclaim [Speaker |] text [| article url]."""
    if not (mod := await gate(update, context, command_action(update))):
        return None
    speaker, text, url = parse_addclaim(command_args(update))
    if not text:
        return await _usage(update, mod, "mod.usage.addclaim")
    try:
        claim = await context.run(add_claim, text, speaker=speaker, article_url=url, actor_id=mod.actor.user_id,
                         actor_name=mod.actor.name)
    except ClaimsError as err:
        return await reply(update, explain(mod.lang, err, "mod"))
    note = t(mod.lang, "mod.addclaim.no_article") if url and claim.article_id is None else ""
    await reply(update, t(mod.lang, "mod.addclaim.done", id=claim.id, text=Raw(claim_quote(claim, 1500)),
                          note=Raw(note)), cards.verdict_keyboard_after(mod.lang, claim.id))


async def editclaim_cmd(update: Update, context: Context) -> None:
    """/editclaim ID new text."""
    if not (mod := await gate(update, context, command_action(update))):
        return None
    parts = command_args(update).split(maxsplit=1)
    if len(parts) < 2:
        return await _usage(update, mod, "mod.usage.editclaim")
    try:
        claim = await context.run(edit_claim, parts[0], parts[1], actor_id=mod.actor.user_id,
                         actor_name=mod.actor.name)
    except ClaimsError as err:
        return await reply(update, explain(mod.lang, err, "mod"))
    await reply(update, t(mod.lang, "mod.editclaim.done", id=claim.id, text=Raw(claim_quote(claim, 1500))))


async def merge_cmd(update: Update, context: Context) -> None:
    """/merge KEEP_ID DUP_ID: the duplicate's sources, followers, tips and history move to KEEP."""
    if not (mod := await gate(update, context, command_action(update))):
        return None
    parts = command_args(update).split()
    if len(parts) != 2:
        return await _usage(update, mod, "mod.usage.merge")
    if parts[0].lstrip("#") == parts[1].lstrip("#"):
        return await reply(update, t(mod.lang, "mod.merge.self"))
    try:
        keep = await context.run(merge_claims, parts[0], parts[1], actor_id=mod.actor.user_id,
                        actor_name=mod.actor.name)
    except ClaimsError as err:
        return await reply(update, explain(mod.lang, err, "mod"))
    await reply(update, t(mod.lang, "mod.merge.done", keep=keep.id, dup=parts[1].lstrip("#"),
                          text=Raw(claim_quote(keep, 500))))


# --- /history ---------------------------------------------------------------------------------------

def history_blocks(lang: str, claim, entries: list) -> list[str]:  # noqa: ANN001
    blocks = [t(lang, "mod.history.head", id=claim.id, text=Raw(claim_quote(claim, 300)), n=len(entries))]
    if not entries:
        blocks.append(t(lang, "mod.history.empty"))
    for e in entries:
        action = t(lang, f"mod.act.{e.action}") if f"mod.act.{e.action}" in CATALOGUES["en"] else e.action
        before, after = e.before, e.after
        if e.action in ("verdict", "verdict_override"):
            before, after = verdict_label(before or "", lang), verdict_label(after or "", lang)
        change = ""
        if before or after:
            change = t(lang, "mod.history.change", before=cut(before or "—", 150), after=cut(after or "—", 150))
        reason = t(lang, "mod.history.reason", reason=cut(e.reason, 300)) if e.reason else ""
        blocks.append(t(lang, "mod.history.line", when=cards.stamp(e.at), who=isolate(e.who, 80), action=action,
                        change=Raw(change), reason=Raw(reason)))
    return blocks


async def _send_history(update: Update, context: Context, mod: Mod, claim_id: str) -> None:
    try:
        claim, entries = await context.run(mods.claim_history, claim_id)
    except ClaimsError as err:
        return await reply(update, explain(mod.lang, err, "mod"))
    messages = pack(history_blocks(mod.lang, claim, entries), sep="\n")
    if len(messages) > MAX_HISTORY_MESSAGES:
        # The newest entries matter most: keep the head and the last pages.
        messages = messages[:1] + messages[-(MAX_HISTORY_MESSAGES - 1):]
    for text in messages:
        await reply(update, text)


async def history_cmd(update: Update, context: Context) -> None:
    """/history ID: every verdict change and moderation action on the claim."""
    if not (mod := await gate(update, context, command_action(update))):
        return
    arg = command_args(update).split()
    if len(arg) != 1:
        return await _usage(update, mod, "mod.usage.history")
    await _send_history(update, context, mod, arg[0])


# --- /ingest ----------------------------------------------------------------------------------------

async def ingest_cmd(update: Update, context: Context) -> State:
    """/ingest [article text]: without text, the next message (text or .txt file) is the article."""
    if not (mod := await gate(update, context, cut(command_action(update), 40))):
        return None
    msg = update.effective_message
    text = command_args(update) if msg.document is None else None
    if msg.document is None and not text:
        await reply(update, t(mod.lang, "mod.ingest.send"), cards.cancel_keyboard(mod.lang))
        return open_prompt(context, INGEST, msg.chat.id)
    await ingest_input(update, context, mod, text)
    return END


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise InvalidInput("cannot tell the encoding of the file; send UTF-8 text") from None
        return str(best)


def _split_url(text: str) -> tuple[str | None, str]:
    """An article pasted with its URL on the first line: (url, the rest)."""
    first, _, rest = text.strip().partition("\n")
    first = first.strip()
    if first.lower().startswith(("http://", "https://")) and " " not in first and rest.strip():
        return first[:2000], rest.strip()
    return None, text


async def ingest_input(update: Update, context: Context, mod: Mod, text: str | None) -> None:
    """The article arrived (text or document): extract, show, and wait for Confirm."""
    msg = update.effective_message
    if text is None:
        doc = msg.document
        name = (doc.file_name or "").lower()
        if not (name.endswith(".txt") or (doc.mime_type or "").startswith("text/")):
            return await reply(update, t(mod.lang, "mod.ingest.not_txt"))
        if doc.file_size and doc.file_size > MAX_INGEST_BYTES:
            return await reply(update, t(mod.lang, "mod.ingest.too_big", limit=MAX_INGEST_CHARS))
        data = bytes(await (await doc.get_file()).download_as_bytearray())
        try:
            text = _decode(data)
        except ClaimsError as err:
            return await reply(update, explain(mod.lang, err, "mod"))
    if "\x00" in text:
        return await reply(update, t(mod.lang, "mod.ingest.not_txt"))
    if len(text) > MAX_INGEST_CHARS:
        return await reply(update, t(mod.lang, "mod.ingest.too_big", limit=MAX_INGEST_CHARS))
    url, text = _split_url(text)
    if not text.strip():
        return await reply(update, t(mod.lang, "mod.usage.ingest"))
    await context.bot.send_chat_action(msg.chat.id, "typing")
    if _is_link(text):  # a link alone: the article is read from the web page, as `claims ingest URL` does
        try:
            page = await asyncio.to_thread(_from_web, mod.runtime, text.strip())
        except ClaimsError as err:
            return await reply(update, t(mod.lang, "mod.ingest.fetch_failed", detail=cut(str(err), 300)))
        text, url = page.full_text(), page.url
    found = await asyncio.to_thread(_extract, mod.runtime, text)
    if not found:
        return await reply(update, t(mod.lang, "mod.ingest.nothing"))
    token = stash(context, "ingest", {"text": text, "url": url, "claims": [asdict(c) for c in found]}, keep=2)
    lines = [t(mod.lang, "mod.ingest.preview", n=len(found), chars=len(text))]
    for n, c in enumerate(found[:PREVIEW_CLAIMS], 1):
        speaker = f"<i>{esc(isolate(c.speaker, 60))}</i>: " if c.speaker else ""
        lines.append(f"{n}. {speaker}{esc(cut(c.text, 300))} ({c.checkworthiness:.2f})")
    if len(found) > PREVIEW_CLAIMS:
        lines.append(t(mod.lang, "mod.ingest.more", n=len(found) - PREVIEW_CLAIMS))
    messages = pack(lines, sep="\n")
    markup = keyboard([[(t(mod.lang, "mod.btn.store", n=len(found)), cb.INGEST_CONFIRM.data(token)),
                        (t(mod.lang, "mod.btn.cancel"), cb.INGEST_CANCEL.data(token))]])
    for i, text_part in enumerate(messages):
        await reply(update, text_part, markup if i == len(messages) - 1 else None)


def _is_link(text: str) -> bool:
    first = text.strip()
    return first.lower().startswith(("http://", "https://")) and not any(c.isspace() for c in first)


def _from_web(runtime, url: str):  # noqa: ANN001, ANN202
    s = runtime.settings
    return article_from_web(url, timeout=s.fetch_timeout_seconds, max_bytes=s.fetch_max_bytes)


def _extract(runtime, text: str) -> list:  # noqa: ANN001
    return extract_claims(text, None, nlp=runtime.nlp, threshold=runtime.settings.checkworthiness_threshold)


async def _store_ingest(update: Update, context: Context, mod: Mod, saved: dict) -> None:
    extracted = [ExtractedClaim(**d) for d in saved["claims"]]
    try:
        result = await context.run(mods.ingest_confirmed, mod.actor, saved["text"], extracted, url=saved.get("url"))
    except ClaimsError as err:
        return await edit(update.callback_query, explain(mod.lang, err, "mod"))
    ids = ", ".join(f"/claim_{c.id}" for c in result.claims[:60])
    key = "mod.ingest.done" if result.created else "mod.ingest.exists"
    await edit(update.callback_query, t(mod.lang, key, article=result.article.id, n=len(result.claims), ids=ids))


async def answer_ingest(update: Update, context: Context, mod: Mod, pending: dict, text: str | None) -> State:
    await ingest_input(update, context, mod, text)
    return END

