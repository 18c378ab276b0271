"""/stats as text and as a chart, and the announcements of new items to MODERATION_CHAT_ID."""

from __future__ import annotations

import asyncio
import logging

from telegram import Bot, Update
from telegram.error import TelegramError

from claims.services import moderators as mods
from claims.services.stats import Stats, collect_stats
from claims.verdicts import Verdict

from ..i18n import Raw, t
from ..render import fit, verdict_badge, verdict_label
from ..core import Context, reply, run_in_session
from ..runtime import Runtime
from . import cards
from .chart import ChartLabels, render_chart
from .common import gate

log = logging.getLogger(__name__)

ANNOUNCE_EVERY = 10.0  # seconds between looks for new tips and sources
STATS_DAYS = 14


def stats_text(lang: str, st: Stats) -> str:
    lines = [t(lang, "mod.stats.head", days=st.days), t(lang, "mod.stats.claims", n=st.claims_total)]
    for code, n in st.by_verdict.items():
        lines.append(t(lang, "mod.stats.verdict_line", badge=_badge(code, lang), n=n))
    lines.append("")
    lines.append(t(lang, "mod.stats.queue", sources=st.queue.sources, tips=st.queue.tips,
                   age=cards.ago(lang, st.queue.oldest, st.generated_at) if st.queue.oldest else "—"))
    lines.append(t(lang, "mod.stats.totals", tips=st.tips, checked=st.checked, matched=st.matched))
    share = f"{st.forwarded_share * 100:.0f}%" if st.forwarded_share is not None else "—"
    lines.append(t(lang, "mod.stats.forwarded", n=st.forwarded, matched=st.forwarded_matched, share=share))
    lines.append("")
    lines.append(t(lang, "mod.stats.daily_head"))
    for d in st.daily[-STATS_DAYS:]:
        lines.append(t(lang, "mod.stats.daily_line", day=d.day.strftime("%d.%m"), tips=d.tips, checked=d.checked,
                       matched=d.matched))
    return fit("\n".join(lines))


def _badge(code: str, lang: str) -> Raw:
    return Raw(verdict_badge(code, lang))


def chart_labels(lang: str) -> ChartLabels:
    return ChartLabels(verdicts_title=t(lang, "mod.chart.verdicts"), daily_title=t(lang, "mod.chart.daily"),
                       tips=t(lang, "mod.chart.tips"), checked=t(lang, "mod.chart.checked"),
                       matched=t(lang, "mod.chart.matched"),
                       verdict_names={v.value: verdict_label(v.value, lang) for v in Verdict})


async def stats_cmd(update: Update, context: Context) -> None:
    """/stats: the numbers, then the chart (drawn in a worker thread: matplotlib is slow)."""
    if not (mod := await gate(update, context, "/stats")):
        return
    st = await context.run(collect_stats, days=STATS_DAYS)
    await reply(update, stats_text(mod.lang, st))
    png = await asyncio.to_thread(render_chart, st, chart_labels(mod.lang))
    await update.effective_message.reply_photo(png, caption=t(mod.lang, "mod.stats.caption", days=st.days))


# --- MODERATION_CHAT_ID -----------------------------------------------------------------------------

async def announce_new(bot: Bot, runtime: Runtime) -> int:
    """Post each tip and source that arrived since the last look to the moderation chat, with buttons.

    Safe to call from anywhere and from several processes at once (the cursor is claimed in the
    database): the user handlers may call it right after storing a tip or source for no delay.
    Returns how many cards were posted.
    """
    chat_id = runtime.settings.moderation_chat_id
    if chat_id is None:
        return 0
    items = await run_in_session(runtime, mods.new_queue_items)
    lang = runtime.settings.default_language
    posted = 0
    for item in items:
        try:
            await bot.send_message(chat_id, fit(cards.item_text(lang, item, header=t(lang, f"mod.new.{item.kind}"))), reply_markup=cards.item_keyboard(lang, item))
            posted += 1
        except TelegramError as err:
            log.warning("could not announce %s %s to the moderation chat: %s", item.kind, item.id, err)
    return posted
