"""The per-process objects handlers need, built once in `post_init` and kept in `bot_data`."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.engine import Engine
from sqlmodel import Session

from claims.match import Matcher
from claims.nlp import NLP
from claims.settings import Settings

RUNTIME_KEY = "runtime"


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    matcher: Matcher
    nlp: NLP
    salt: str
    admin_ids: frozenset[int] = field(default_factory=frozenset)

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)


def get_runtime(context) -> Runtime:  # noqa: ANN001  (CallbackContext)
    return context.application.bot_data[RUNTIME_KEY]
