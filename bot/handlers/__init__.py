"""User-facing handlers (search, forward-to-check, cards, sources, follow, inline, groups).

bot/app.py registers `register` in the user group and `register_fallbacks` last, so a moderator's
open prompt (an earlier group) gets its answer before the catch-alls check any text.
"""

from __future__ import annotations

from telegram.ext import Application

from . import albums, cards, check, follow, groups, inline, search, start, submit


def register(application: Application, group: int) -> None:
    """Commands, buttons and the /submit conversation (catch-alls come from `register_fallbacks`)."""
    submit.register(application, group)  # before /start: it owns the ?start=submit_N deep link
    for feature in (start, search, cards, follow, check, groups, inline):
        feature.register(application, group)


def register_fallbacks(application: Application, group: int) -> None:
    for feature in (albums, check, start):  # album parts first: gathered, then answered once
        feature.register_fallbacks(application, group)
