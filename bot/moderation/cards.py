"""Moderator cards and keyboards: every piece of claim, source, tip or user text escaped, every
message under 4096 characters, every button's data from the table in bot/callbacks.py."""

from __future__ import annotations

import re
from datetime import datetime, timezone

from telegram import InlineKeyboardMarkup

from claims.i18n import Raw, t
from claims.models import Claim, Source, Tip
from claims.services.moderators import QueueItem
from claims.services.tips import tip_links
from claims.verdicts import Verdict

from .. import callbacks as cb
from ..core import keyboard as kb
from ..render import claim_command, claim_quote, cut, esc, host, isolate, link, verdict_badge, verdict_label

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


def stamp(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


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


def _status(lang: str, item: QueueItem) -> str | None:
    """The "handled" line of a card that no longer waits, or None while it does."""
    if item.waiting:
        return None
    name = isolate(item.handled_by or "?", 80)
    if (src := item.source) is not None:
        reason = t(lang, "mod.status.reason", reason=cut(src.review_reason, 300)) if src.review_reason else ""
        return t(lang, "mod.status.approved" if src.status == "approved" else "mod.status.rejected", name=name,
                 when=stamp(src.reviewed_at), reason=Raw(reason))
    tip = item.tip
    return t(lang, f"mod.status.tip_{tip.status}", name=name, when=stamp(tip.handled_at), claim=tip.claim_id or "")


def item_text(lang: str, item: QueueItem, *, header: str = "", note: str = "") -> str:
    """A queue card: optional queue header, the item, its status line once handled, an optional note."""
    body = _source_body(lang, item.source, item.claim) if item.source is not None else _tip_body(lang, item.tip)
    return "\n\n".join(p for p in (header, "\n".join(body), _status(lang, item), note) if p)


def item_keyboard(lang: str, item: QueueItem) -> InlineKeyboardMarkup | None:
    """The action buttons while the item is pending; only "Next" once it is handled."""
    if not item.waiting:
        verdict = [(t(lang, "mod.btn.verdict"), cb.VERDICT.data(item.tip.claim_id))] \
            if item.tip is not None and item.tip.claim_id else []
        return kb([verdict, [(t(lang, "mod.btn.next"), cb.MOD_NEXT.data())]])
    skip = (t(lang, "mod.btn.skip"), cb.MOD_SKIP.data(item.key))
    if item.kind == "source":
        return kb([[(t(lang, "mod.btn.approve"), cb.SOURCE_APPROVE.data(item.id)),
                    (t(lang, "mod.btn.reject"), cb.SOURCE_REJECT.data(item.id))], [skip]])
    return kb([[(t(lang, "mod.btn.link"), cb.TIP_LINK.data(item.id)),
                (t(lang, "mod.btn.new_claim"), cb.TIP_CONVERT.data(item.id))],
               [(t(lang, "mod.btn.dismiss"), cb.TIP_DISMISS.data(item.id)), skip]])


def reject_keyboard(lang: str, source_id: int) -> InlineKeyboardMarkup:
    presets = [[(t(lang, key), cb.SOURCE_REJECT_PRESET.data(source_id, n))] for n, key in enumerate(REJECT_PRESETS)]
    return kb([*presets, [(t(lang, "mod.btn.back"), cb.SOURCE_BACK.data(source_id))]])


def back_keyboard(lang: str, tip_id: int, *first: tuple[str, str]) -> InlineKeyboardMarkup:
    return kb([[*first, (t(lang, "mod.btn.back"), cb.TIP_BACK.data(tip_id))]])


def convert_keyboard(lang: str, tip_id: int) -> InlineKeyboardMarkup:
    return back_keyboard(lang, tip_id, (t(lang, "mod.btn.create"), cb.TIP_CONVERT_AS_IS.data(tip_id)))


def candidates_keyboard(lang: str, tip_id: int, claims: list[Claim]) -> InlineKeyboardMarkup:
    rows = [[(cut(f"#{c.id} {verdict_label(c.verdict, lang)} · {c.text}", 60), cb.TIP_LINK_PICK.data(tip_id, c.id))]
            for c in claims]
    return kb([*rows, [(t(lang, "mod.btn.search"), cb.TIP_LINK_SEARCH.data(tip_id)),
                       (t(lang, "mod.btn.back"), cb.TIP_BACK.data(tip_id))]])


def verdict_keyboard(lang: str, claim_id: int, current: str) -> InlineKeyboardMarkup:
    choices = [(verdict_label(v.value, lang), cb.VERDICT_CHOSEN.data(claim_id, v.value))
               for v in Verdict if v.value != current]
    return kb([*(choices[i:i + 2] for i in range(0, len(choices), 2)), [(t(lang, "btn.cancel"), cb.MOD_CANCEL.data())]])


def cancel_keyboard(lang: str, *first: tuple[str, str]) -> InlineKeyboardMarkup:
    return kb([[*first, (t(lang, "btn.cancel"), cb.MOD_CANCEL.data())]])


def verdict_rows(lang: str, claim_id: int) -> list[list[tuple[str, str]]]:
    """"Set verdict" and "History" of a claim, as rows of (label, callback_data)."""
    return [[(t(lang, "mod.btn.verdict"), cb.VERDICT.data(claim_id)),
             (t(lang, "mod.btn.history"), cb.HISTORY.data(claim_id))]]
