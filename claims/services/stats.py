"""Numbers for the moderators' /stats, and the same numbers as a PNG chart.

Counting is grouped in SQL (per UTC day) so a busy bot's MatchEvent table is never read row
by row. The chart is drawn with matplotlib's Agg backend through the object API (no pyplot
global state), so it renders headless and from a worker thread.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import Integer, cast, func, literal_column
from sqlmodel import Session, col, select

from ..models import Claim, MatchEvent, Tip
from ..verdicts import Verdict
from .moderators import QueueSize, queue_size

MAX_DAYS = 90


@dataclass
class DayStats:
    day: date
    tips: int = 0
    checked: int = 0
    matched: int = 0
    forwarded: int = 0
    forwarded_matched: int = 0


@dataclass
class Stats:
    generated_at: datetime
    days: int
    by_verdict: dict[str, int]  # every verdict, in scale order, zeros included
    queue: QueueSize
    daily: list[DayStats] = field(default_factory=list)  # oldest first, one entry per day of the window

    @property
    def claims_total(self) -> int:
        return sum(self.by_verdict.values())

    @property
    def oldest_age(self) -> timedelta | None:
        return self.generated_at - self.queue.oldest if self.queue.oldest else None

    @property
    def tips(self) -> int:
        return sum(d.tips for d in self.daily)

    @property
    def checked(self) -> int:
        return sum(d.checked for d in self.daily)

    @property
    def matched(self) -> int:
        return sum(d.matched for d in self.daily)

    @property
    def forwarded(self) -> int:
        return sum(d.forwarded for d in self.daily)

    @property
    def forwarded_matched(self) -> int:
        return sum(d.forwarded_matched for d in self.daily)

    @property
    def forwarded_share(self) -> float | None:
        """Share of forwarded messages that matched a stored claim; None when nothing was forwarded."""
        return self.forwarded_matched / self.forwarded if self.forwarded else None


def _day_expr(session: Session, column):  # noqa: ANN001, ANN202
    """The UTC calendar day of a timestamp column, on SQLite (naive UTC text) and PostgreSQL."""
    if session.get_bind().dialect.name == "postgresql":
        return func.date(func.timezone(literal_column("'UTC'"), column))
    return func.date(column)


def _as_date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def collect_stats(session: Session, *, days: int = 14, now: datetime | None = None) -> Stats:
    days = max(1, min(int(days), MAX_DAYS))
    now = now or datetime.now(timezone.utc)
    first_day = now.date() - timedelta(days=days - 1)
    since = datetime.combine(first_day, datetime.min.time(), tzinfo=timezone.utc)

    counts = dict(session.exec(select(Claim.verdict, func.count()).where(col(Claim.merged_into_id).is_(None))
                               .group_by(Claim.verdict)).all())
    by_verdict = {v.value: int(counts.pop(v.value, 0)) for v in Verdict}
    for other, n in counts.items():  # a verdict code unknown to this version: still counted
        by_verdict[other] = int(n)

    daily = {first_day + timedelta(days=i): DayStats(first_day + timedelta(days=i)) for i in range(days)}
    tip_day = _day_expr(session, Tip.created_at)
    for day, n in session.exec(select(tip_day, func.count()).where(Tip.created_at >= since).group_by(tip_day)):
        if (d := _as_date(day)) in daily:
            daily[d].tips = int(n)
    ev_day = _day_expr(session, MatchEvent.created_at)
    matched = cast(MatchEvent.matched, Integer)
    forwarded = cast(MatchEvent.forwarded, Integer)
    rows = session.exec(select(ev_day, func.count(), func.sum(matched), func.sum(forwarded),
                               func.sum(matched * forwarded))
                        .where(MatchEvent.created_at >= since).group_by(ev_day))
    for day, n, n_matched, n_fwd, n_fwd_matched in rows:
        if (d := _as_date(day)) in daily:
            daily[d].checked = int(n)
            daily[d].matched = int(n_matched or 0)
            daily[d].forwarded = int(n_fwd or 0)
            daily[d].forwarded_matched = int(n_fwd_matched or 0)
    return Stats(now, days, by_verdict, queue_size(session), [daily[d] for d in sorted(daily)])


@dataclass
class ChartLabels:
    """Every word on the chart, supplied by the caller in the reader's language."""

    verdicts_title: str = "Claims by verdict"
    daily_title: str = "Per day"
    tips: str = "tips"
    checked: str = "messages checked"
    matched: str = "matched"
    verdict_names: dict[str, str] = field(default_factory=dict)


_VERDICT_COLOURS = {
    "true": "#2e7d32", "mostly_true": "#66bb6a", "mixed": "#fbc02d", "misleading": "#fb8c00",
    "mostly_false": "#e53935", "false": "#b71c1c", "unproven": "#424242", "unverified": "#bdbdbd",
}


def render_chart(stats: Stats, labels: ChartLabels | None = None) -> bytes:
    """A PNG with claims by verdict (bars) and tips/checks/matches per day (lines)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import DateFormatter
    from matplotlib.figure import Figure

    labels = labels or ChartLabels()
    fig = Figure(figsize=(8, 7), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    top, bottom = fig.subplots(2, 1, height_ratios=[1, 1])

    codes = list(stats.by_verdict)
    names = [labels.verdict_names.get(c, c) for c in codes]
    values = [stats.by_verdict[c] for c in codes]
    top.barh(names, values, color=[_VERDICT_COLOURS.get(c, "#90a4ae") for c in codes])
    top.invert_yaxis()
    top.set_title(labels.verdicts_title)
    for y, v in enumerate(values):
        top.text(v, y, f" {v}", va="center", fontsize=9)
    top.set_xlim(0, max(values + [1]) * 1.15)

    xs = [d.day for d in stats.daily]
    bottom.plot(xs, [d.checked for d in stats.daily], marker="o", label=labels.checked, color="#1565c0")
    bottom.plot(xs, [d.matched for d in stats.daily], marker="o", label=labels.matched, color="#2e7d32")
    bottom.bar(xs, [d.tips for d in stats.daily], label=labels.tips, color="#ffb300", alpha=0.6)
    bottom.set_title(labels.daily_title)
    bottom.legend(loc="upper left", fontsize=9)
    bottom.set_ylim(bottom=0)
    bottom.tick_params(axis="x", labelrotation=45, labelsize=8)
    bottom.xaxis.set_major_formatter(DateFormatter("%d.%m"))

    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()
