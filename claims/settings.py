"""All configuration, from the environment and `.env`, in one class built at start-up."""

from __future__ import annotations

import sys
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from .textclean import clean_line


def public_url(value: str | None) -> str | None:
    """An http(s) URL without query or fragment, trailing slash removed; empty → None; else ValueError."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    try:
        parts = urlsplit(value)
        ok = parts.scheme in ("http", "https") and bool(parts.hostname) and not parts.query and not parts.fragment
    except ValueError:
        ok = False
    if not ok or any(ch.isspace() or ord(ch) < 32 or ch in '"<>\\^`{|}' for ch in value):
        raise ValueError(f"expected an http(s) URL such as https://factcheck.example.org, got {value[:80]!r}")
    return value.rstrip("/")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore",
                                      env_ignore_empty=True)

    database_url: str = "sqlite:///claims.db"
    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    moderator_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    moderation_chat_id: int | None = None

    # Matching: scores are 0-100, max(fused P, containment P) of "message states the claim"
    # (claims/match/). Defaults fitted by `.venv/bin/python bench/fit_fusion.py --encoder use-m3` on the
    # top-5 candidates of CheckThat! 2A train+dev, ParaPhraser train and the dev splits of
    # tests/data/seed_ru.json and bench/data/devset_ru.json, with the default encoder on; never on a test set: match = best F1 of "states the claim"
    # (51.5: P 0.62, R 0.74); related = best F1 of "states or nearly states it" (19.4: P 0.74, R 0.81);
    # messages with fewer than 4 content words (keyword queries such as «Путин», «Лавров КНДР»)
    # need the score where precision reaches 0.90 (86.2), unless the claim is no longer than them or
    # they name its specifics (its number and a noun, or all its words but adjectives:
    # claims/match/matcher.py names_specifics).
    # The lexical-only model (ENCODER=none) fits 53.2 / 21.2 on the same data: close enough to share.
    match_threshold: float = Field(51.5, ge=0, le=100)
    related_threshold: float = Field(19.4, ge=0, le=100)
    short_message_words: int = Field(4, ge=1)
    short_message_threshold: float = Field(86.2, ge=0, le=100)
    # A claim in another language than the message is scored by the cross-language model (encoder
    # cosine, margin over the next claim, word coverage, entity clash): its own "match" bar, the best
    # F1 of "states the claim" over OUT-OF-FOLD scores (5 folds grouped by message) of the cross-
    # language hits of the dev split of bench/data/devset_ru.json (69 uk/be/en messages stating a
    # claim or none: `bench/fit_fusion.py --encoder use-m3 --cross-only`; 41.0: P 0.97, R 0.94 over
    # 675 hits, 35 right; out of fold 33/35 stating messages pass it and 1/34 stating none does).
    cross_match_threshold: float = Field(41.0, ge=0, le=100)
    # Sentence encoder fused into the match score (claims/match/encoder.py): "use-m3" (default,
    # USE multilingual v3, 32 MB), "e5-small-q4" (multilingual-e5-small 4-bit, 91 MB, slower) or
    # "none" (lexical matching only). One that fails to load falls back to lexical with a warning.
    encoder: str = Field("use-m3", pattern="^(use-m3|e5-small-q4|none)$")
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
    # An album (photos/videos sent or forwarded together arrive as one update each) is answered once,
    # this many seconds after its first part arrived: the parts that reached any worker by then are read together.
    album_wait_seconds: float = Field(1.0, gt=0, le=30, allow_inf_nan=False)
    tip_retention_days: int = Field(180, ge=1)
    privacy_salt: SecretStr | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(8443, ge=1, le=65535)
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    # Webhook requests whose Content-Length is above this are refused before the body is read.
    webhook_max_body_bytes: int = Field(1_000_000, ge=10_000, le=100_000_000)
    # Seconds a worker holds a stored update it is processing (extended while it still works on it);
    # an update whose worker was killed is taken by another worker once this runs out.
    inbox_lease_seconds: float = Field(60.0, ge=2, le=3600)
    log_level: str = Field("INFO", pattern="^(DEBUG|INFO|WARNING|ERROR)$")
    # Debugging only: let message texts, names and user ids into the logs (the whole update on an
    # error, PTB's raw updates and API calls at DEBUG). Off: they are replaced by <private>/<redacted>.
    log_private_data: bool = False

    # Publishing (the public claim pages and every ClaimReview): who publishes, and where the
    # pages live. A claim's page is PUBLIC_BASE_URL/claims/ID.
    publisher_name: str = Field("Claim tracker", min_length=1, max_length=200)
    publisher_url: str | None = None
    publisher_logo_url: str | None = None
    public_base_url: str | None = None
    # Show the names of the moderators who set verdicts and approved sources on public pages.
    public_show_reviewers: bool = False

    @field_validator("publisher_name")
    @classmethod
    def _clean_publisher_name(cls, value: str) -> str:
        name = clean_line(value)  # printed on every page, in the feed and in every ClaimReview
        if not name:
            raise ValueError("the desk's name is empty once invisible characters are removed")
        return name

    @field_validator("publisher_url", "publisher_logo_url", "public_base_url")
    @classmethod
    def _check_public_url(cls, value: str | None) -> str | None:
        return public_url(value)

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
