"""The /stats chart: claims by verdict and activity per day, as a PNG.

Drawn with matplotlib's Agg canvas through the object API (no pyplot global state), so it renders
headless and from a worker thread; every word on it comes from the caller, in the reader's language.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import DateFormatter
from matplotlib.figure import Figure

from claims.services.stats import Stats


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
