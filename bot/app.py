"""The one place that builds the Application: runtime objects in post_init, handlers registered here."""

from __future__ import annotations

import logging

from telegram.ext import AIORateLimiter, Application, ApplicationBuilder
from telegram.request import BaseRequest

from claims.settings import Settings

from . import dedupe, persistence, privacy_handlers
from . import outbox as outbox_sender
from .errors import error_handler
from .handlers import register as register_user_handlers
from .handlers import register_fallbacks
from .moderation import register as register_moderation_handlers
from .persistence import SQLPersistence
from .runtime import RUNTIME_KEY, Runtime

log = logging.getLogger(__name__)


def build_runtime(settings: Settings) -> Runtime:
    """Open the database (migrating it), seed the sample article on an empty store, build the index."""
    from claims.db import open_database
    from claims.match import load_encoder
    from claims.nlp import get_nlp
    from claims.normalize import configure_aliases
    from claims.services.ingest import ensure_sample
    from claims.services.match_index import load_matcher
    from claims.services.tips import privacy_salt

    configure_aliases(settings.aliases_file)
    engine = open_database(settings.database_url)
    nlp = get_nlp()
    from sqlmodel import Session

    from claims.services.reindex import STALE_MESSAGE, normalization_is_stale

    with Session(engine, expire_on_commit=False) as session:
        if normalization_is_stale(session):
            log.warning(STALE_MESSAGE)
        seeded = ensure_sample(session, nlp=nlp, threshold=settings.checkworthiness_threshold)
        if seeded is not None:
            log.info("empty database: ingested the sample article (%d claims)", len(seeded.claims))
        salt = privacy_salt(session, settings.privacy_salt.get_secret_value() if settings.privacy_salt else None)
    matcher = load_matcher(engine, settings, encoder=load_encoder(settings.encoder))
    return Runtime(settings=settings, engine=engine, matcher=matcher, nlp=nlp, salt=salt,
                   admin_ids=frozenset(settings.moderator_ids))


def build_application(
    settings: Settings,
    *,
    token: str | None = None,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
    runtime: Runtime | None = None,
    rate_limiter: bool = True,
    outbox: bool = True,
) -> Application:
    """Everything the bot runs on; tests and the console chat pass their own `request`.

    `outbox=False` leaves the notification sender off (tests drive `bot.outbox.send_due` themselves).
    """
    builder = ApplicationBuilder().token(token or settings.telegram_bot_token.get_secret_value())
    builder = builder.base_url(settings.telegram_api_base_url)
    if request is not None:
        builder = builder.request(request)
    if get_updates_request is not None:
        builder = builder.get_updates_request(get_updates_request)
    if rate_limiter:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))

    async def post_init(application: Application) -> None:
        if RUNTIME_KEY not in application.bot_data:
            application.bot_data[RUNTIME_KEY] = runtime or build_runtime(settings)
        for hook in application.bot_data.get("_post_init_hooks", []):
            await hook(application)

    async def post_shutdown(application: Application) -> None:
        for hook in application.bot_data.get("_post_shutdown_hooks", []):
            await hook(application)

    # PTB state (user/chat data, conversations) lives in the database, shared by every worker.
    builder = builder.persistence(SQLPersistence(runtime.engine if runtime else settings.database_url, shared=True))
    builder = builder.post_init(post_init).post_shutdown(post_shutdown).concurrent_updates(False)
    application = builder.build()
    application.bot_data["_post_init_hooks"] = []
    application.bot_data["_post_shutdown_hooks"] = []

    register_user_handlers(application)
    register_moderation_handlers(application)
    register_fallbacks(application)  # catch-alls last, after moderation's conversations
    application.add_error_handler(error_handler)
    # /forget + daily tip retention, and exactly-once intake (registered last: it wraps
    # process_update and claims every update in group -1000, before the rate limit).
    privacy_handlers.register(application)
    persistence.register(application)
    dedupe.register(application)
    if outbox:
        application.bot_data["_post_init_hooks"].append(outbox_sender.start)
        application.bot_data["_post_shutdown_hooks"].append(outbox_sender.stop)
    return application
