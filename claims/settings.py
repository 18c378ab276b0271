"""All configuration, from the environment and `.env`, in one class built at start-up."""

from __future__ import annotations

import sys
from typing import Annotated

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore",
                                      env_ignore_empty=True)

    database_url: str = "sqlite:///claims.db"
    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    moderator_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    moderation_chat_id: int | None = None

    # Matching: scores are 0-100, max(fused P, containment P) of "message states the claim"
    # (claims/matcher.py). Defaults fitted by `.venv/bin/python bench/fit_fusion.py` on the top-5
    # candidates of CheckThat! 2A train+dev, ParaPhraser train and tests/data/seed_ru.json (dev split:
    # messages against the real extractor output of the sample article), never on a test set:
    # match = best F1 of "states the claim" (53.2: P 0.61, R 0.73); related = best F1 of "states or
    # nearly states it" (22.8: P 0.76, R 0.77); messages with fewer than 4 content words (keyword
    # queries such as «Путин», «Лавров КНДР») need the score where precision reaches 0.90 (86.2).
    match_threshold: float = Field(53.2, ge=0, le=100)
    related_threshold: float = Field(22.8, ge=0, le=100)
    short_message_words: int = Field(4, ge=1)
    short_message_threshold: float = Field(86.2, ge=0, le=100)
    # A desk's own alias file (TSV like claims/data/aliases.tsv), added to the shipped one.
    aliases_file: str | None = None
    # Extraction: sentences scoring below this check-worthiness are not stored as claims.
    checkworthiness_threshold: float = Field(0.35, ge=0, le=1)
    # Articles from the web (`claims ingest URL`, the bot's /ingest with a link): seconds allowed for
    # each network step, and the largest page read, in bytes.
    fetch_timeout_seconds: float = Field(10.0, gt=0, le=120)
    fetch_max_bytes: int = Field(5_000_000, ge=10_000, le=100_000_000)

    # Bot behaviour.
    default_language: str = Field("ru", pattern="^(ru|en)$")
    rate_limit_per_minute: int = Field(20, ge=1)
    tip_retention_days: int = Field(180, ge=1)
    privacy_salt: SecretStr | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(8443, ge=1, le=65535)
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    log_level: str = Field("INFO", pattern="^(DEBUG|INFO|WARNING|ERROR)$")

    @field_validator("moderator_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]
            for p in parts:
                if not p.lstrip("-").isdigit():
                    raise ValueError(f"{p!r} is not a numeric Telegram user id")
            return [int(p) for p in parts]
        return value

    @field_validator("database_url")
    @classmethod
    def _check_url(cls, value: str) -> str:
        if "://" not in value:
            raise ValueError("expected a SQLAlchemy URL such as sqlite:///claims.db or postgresql+psycopg://user@host/db")
        if value.startswith("postgresql://") or value.startswith("postgres://"):
            value = "postgresql+psycopg://" + value.split("://", 1)[1]
        return value

    @field_validator("telegram_bot_token", mode="before")
    @classmethod
    def _empty_token(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value


def load_settings(**overrides: object) -> Settings:
    """Build the settings or stop the program with one line naming the bad variable (exit 2)."""
    try:
        settings = Settings(**overrides)
    except ValidationError as err:
        first = err.errors()[0]
        name = str(first["loc"][0]).upper() if first["loc"] else "settings"
        msg = first["msg"].removeprefix("Value error, ")
        print(f"error: {name}: {msg}", file=sys.stderr)
        raise SystemExit(2) from None
    if settings.related_threshold > settings.match_threshold:
        print("error: RELATED_THRESHOLD: must not exceed MATCH_THRESHOLD", file=sys.stderr)
        raise SystemExit(2)
    return settings
