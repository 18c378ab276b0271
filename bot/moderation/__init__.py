"""Moderator handlers (roles, queue, verdicts, merges, audit, stats)."""

from __future__ import annotations

from telegram.ext import Application


def register(application: Application) -> None:
    """Add every moderator handler to `application`."""
