"""Telegram adapter: turns updates into `claims.services` calls and results into messages."""
