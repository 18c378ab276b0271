"""Numbers for the moderators' /stats (the bot draws them as a chart: bot/moderation/report.py).

Counting is grouped in SQL (per UTC day) so a busy bot's MatchEvent table is never read row
by row.
"""

from __future__ import annotations

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
