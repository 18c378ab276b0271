"""The per-process objects handlers need, built once at start-up and kept in `bot_data`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from claims.match import Matcher
from claims.models import Claim
from claims.nlp import NLP
from claims.services.tipline import TipIndex
from claims.settings import Settings

RUNTIME_KEY = "runtime"


async def _nothing(*_: Any) -> int:
    return 0


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    matcher: Matcher
    nlp: NLP
    salt: str
    admin_ids: frozenset[int] = field(default_factory=frozenset)
    # open tips, to attach repeats to them (claims.services.tipline); None: exact repeats only
    tips: TipIndex | None = None
    # What one feature offers another, wired by bot/app.py (features never import each other):
    # post new tips and sources to the moderation chat now (bot) -> cards posted;
    announce: Callable[[Any], Awaitable[int]] = _nothing
    # the rows under a claim card for the reader's role (role or None, the claim as shown, lang) -> [[(label, data)]];
    card_buttons: Callable[[str | None, Claim, str], list] = lambda *_: []
    # send the notification outbox now rather than at its next run (application).
    wake_outbox: Callable[[Any], None] = lambda _app: None

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)
