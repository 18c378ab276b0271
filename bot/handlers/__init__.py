"""User-facing handlers (search, forward-to-check, cards, sources, follow, inline)."""

from __future__ import annotations

from telegram.ext import Application


def register(application: Application) -> None:
    """Add every user handler to `application`."""
