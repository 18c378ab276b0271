"""/stats as text and as a chart (matplotlib's object API: no pyplot global state, so it renders headless
and from a worker thread), and the announcements of new items to MODERATION_CHAT_ID."""

from __future__ import annotations

import asyncio
import io
import logging

from telegram import Bot, Update
from telegram.error import TelegramError

from claims.i18n import Raw, t
from claims.services import moderators as mods
from claims.services.stats import Stats, collect_stats

from ..core import Context, reply, run_in_session
from ..render import fit, verdict_badge, verdict_label
from ..runtime import Runtime
from . import queue
from .common import Mod

log = logging.getLogger(__name__)

ANNOUNCE_EVERY = 10.0  # seconds between looks for new tips and sources
STATS_DAYS = 14


_VERDICT_COLOURS = {
    "true": "#2e7d32", "mostly_true": "#66bb6a", "mixed": "#fbc02d", "misleading": "#fb8c00",
    "mostly_false": "#e53935", "false": "#b71c1c", "unproven": "#424242", "unverified": "#bdbdbd",
}


def render_chart(stats: Stats, lang: str) -> bytes:
    """A PNG with claims by verdict (bars) and tips/checks/matches per day (lines), worded in `lang`."""
    # imported here: matplotlib costs ~0.7 s at import, and only /stats draws (the bot starts without it)
    from matplotlib.dates import DateFormatter
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, 7), dpi=100, layout="constrained")
    top, bottom = fig.subplots(2, 1, height_ratios=[1, 1])
    codes = list(stats.by_verdict)
    values = [stats.by_verdict[c] for c in codes]
    top.barh([verdict_label(c, lang) for c in codes], values, color=[_VERDICT_COLOURS.get(c, "#90a4ae") for c in codes])
    top.invert_yaxis()
    top.set_title(t(lang, "mod.chart.verdicts"))
    for y, v in enumerate(values):
        top.text(v, y, f" {v}", va="center", fontsize=9)
    top.set_xlim(0, max(values + [1]) * 1.15)
    xs = [d.day for d in stats.daily]
    bottom.plot(xs, [d.checked for d in stats.daily], marker="o", label=t(lang, "mod.chart.checked"), color="#1565c0")
    bottom.plot(xs, [d.matched for d in stats.daily], marker="o", label=t(lang, "mod.chart.matched"), color="#2e7d32")
    bottom.bar(xs, [d.tips for d in stats.daily], label=t(lang, "mod.chart.tips"), color="#ffb300", alpha=0.6)
    bottom.set_title(t(lang, "mod.chart.daily"))
    bottom.legend(loc="upper left", fontsize=9)
    bottom.set_ylim(bottom=0)
    bottom.tick_params(axis="x", labelrotation=45, labelsize=8)
    bottom.xaxis.set_major_formatter(DateFormatter("%d.%m"))
    fig.savefig(buf := io.BytesIO(), format="png")
    return buf.getvalue()


async def stats_cmd(update: Update, context: Context, mod: Mod, args: str) -> None:
    """/stats: the numbers, then the chart (drawn in a worker thread: matplotlib is slow)."""
    st, lang = await context.run(collect_stats, days=STATS_DAYS), mod.lang
    lines = [t(lang, "mod.stats.head", days=st.days), t(lang, "mod.stats.claims", n=st.claims_total)]
    lines += [t(lang, "mod.stats.verdict_line", badge=Raw(verdict_badge(code, lang)), n=n)
              for code, n in st.by_verdict.items()]
    share = f"{st.forwarded_share * 100:.0f}%" if st.forwarded_share is not None else "—"
    lines += ["", t(lang, "mod.stats.queue", sources=st.queue.sources, tips=st.queue.tips,
                    age=queue.ago(lang, st.queue.oldest, st.generated_at) if st.queue.oldest else "—"),
              t(lang, "mod.stats.totals", tips=st.tips, checked=st.checked, matched=st.matched),
              t(lang, "mod.stats.forwarded", n=st.forwarded, matched=st.forwarded_matched, share=share),
              "", t(lang, "mod.stats.daily_head")]
    lines += [t(lang, "mod.stats.daily_line", day=d.day.strftime("%d.%m"), tips=d.tips, checked=d.checked,
                matched=d.matched) for d in st.daily[-STATS_DAYS:]]
    await reply(update, fit("\n".join(lines)))
    png = await asyncio.to_thread(render_chart, st, lang)
    await update.effective_message.reply_photo(png, caption=t(lang, "mod.stats.caption", days=st.days))


async def announce_new(bot: Bot, runtime: Runtime) -> int:
    """Post each tip and source that arrived since the last look to the moderation chat, with buttons;
    how many cards were posted. Safe from several processes at once (the cursor is claimed in the
    database), so the user handlers call it right after storing a tip or source."""
    if (chat_id := runtime.settings.moderation_chat_id) is None:
        return 0
    lang, posted = runtime.settings.default_language, 0
    for item in await run_in_session(runtime, mods.new_queue_items):
        try:
            await bot.send_message(chat_id, fit(queue.item_text(lang, item, header=t(lang, f"mod.new.{item.kind}"))),
                                   reply_markup=queue.item_keyboard(lang, item))
            posted += 1
        except TelegramError as err:
            log.warning("could not announce %s %s to the moderation chat: %s", item.kind, item.id, err)
    return posted
