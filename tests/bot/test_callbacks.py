"""Callback data comes from one table (bot/callbacks.py, and the moderator `Button` rows of
bot/moderation/queue.py and catalog.py, each entry with its op): every entry has a button that produces
it and a handler that answers it, and no handler waits for data no entry describes."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from telegram.ext import CallbackQueryHandler, ConversationHandler

import bot.app  # noqa: F401 - every bot module loaded, for `_names`
from bot import callbacks as cb
from bot import moderation

BOT = Path(__file__).resolve().parents[2] / "bot"
# Handlers that deliberately match a part of one entry, or every moderator button / anything left.
NARROWER = {r"^sc:n$": cb.SUBMIT_CONFIRM, r"^m:": None}
TABLE = (*cb.TABLE, *moderation.BUTTONS)


def _callback_handlers(app) -> list[CallbackQueryHandler]:  # noqa: ANN001
    found = []
    for handlers in app.handlers.values():
        for h in handlers:
            inner = [h]
            if isinstance(h, ConversationHandler):
                inner = [*h.entry_points, *(x for hs in h.states.values() for x in hs), *h.fallbacks]
            found += [x for x in inner if isinstance(x, CallbackQueryHandler)]
    return found


def _names() -> dict[str, cb.Callback]:
    """Every callback entry defined in bot/ (a moderator `Button` outside queue.py or catalog.py would
    not be in moderation.BUTTONS: the first test below fails on it)."""
    return {name: value for key, module in list(sys.modules.items()) if key.startswith("bot.")
            for name, value in vars(module).items() if isinstance(value, cb.Callback)}


def test_every_entry_has_a_producer():
    source = "\n".join(p.read_text(encoding="utf-8") for p in BOT.rglob("*.py") if p.name != "callbacks.py")
    assert set(_names().values()) == set(TABLE)
    missing = [name for name in _names() if not re.search(rf"\b{name}\.data\(", source)]
    assert missing == []


async def test_every_entry_has_a_handler_and_every_handler_an_entry(bot):
    patterns = [h.pattern.pattern if h.pattern is not None else None for h in _callback_handlers(bot.app)]
    assert [b.prefix for b in moderation.BUTTONS if not (b.prefix.startswith("m:") and callable(b.op))] == []
    table = {entry.pattern for entry in TABLE}
    assert table - set(patterns) == set()
    stray = [p for p in patterns if p is not None and p not in table and p not in NARROWER]
    assert stray == []


def test_builders_match_their_patterns():
    samples = {"d": (12,), "f": (12,), "u": (12,), "nx": (12, 87, "0123456789abcdef"), "tn": (3,),
               "sp": ("k1", 2), "l": ("en",), "s": (12,), "st": ("supports",), "sn": (), "sc": ("y",),
               "pf": ("y", 4242), "m:sk": ("s12",), "m:srp": (4, 1), "m:tlp": (3, 12), "m:vv": (12, "false"),
               "m:vo": ("1a2b",), "m:ic": ("ff0",), "m:ix": ("ff0",), "m:q": (), "m:x": ()}
    for entry in TABLE:
        data = entry.data(*samples.get(entry.prefix, (12,)))
        assert re.match(entry.pattern, data), (entry.prefix, data)
