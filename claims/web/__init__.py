"""The public web pages (no Telegram here): `create_app(settings, engine, matcher)` is the ASGI app."""

from .app import create_app

__all__ = ["create_app"]
