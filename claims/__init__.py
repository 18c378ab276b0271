"""Fact-checking claim tracker: the domain (no Telegram in here)."""

__version__ = "0.1.0"
