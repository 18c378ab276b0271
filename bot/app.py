"""The one place that builds the bot: read `build_application` top to bottom for, in order, every
handler group (`GROUPS`), every service started at start-up (`post_init`) and every periodic job.
The inbox worker starts and stops with the Application (`ClaimBotApplication`); ``--webhook`` adds
bot/webhook.py's server. How an update flows is README.md, "Development".
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy.engine import Engine
from sqlmodel import Session
from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, ContextTypes, Defaults
from telegram.request import BaseRequest, HTTPXRequest

from claims.db import open_database
from claims.match import load_encoder
from claims.nlp import get_nlp
from claims.normalize import configure_aliases
from claims.services.ingest import ensure_sample
from claims.services.match_index import load_matcher
from claims.services.reindex import STALE_MESSAGE, normalization_is_stale
from claims.services.tipline import TipIndex
from claims.services.tips import privacy_salt
from claims.settings import Settings

from . import callbacks, handlers, inbox, menus, moderation, persistence, privacy_handlers, ratelimit
from . import outbox as outbox_sender
from .core import ANSWERED, Context, prepared_for
from .errors import error_handler, private_scope
from .persistence import SQLPersistence
from .render import set_page_base
from .runtime import RUNTIME_KEY, Runtime

log = logging.getLogger(__name__)

# Handler groups, in the order PTB runs them for every update (order matters: a group that
# handles an update may stop it with ApplicationHandlerStop, so later groups never see it).
# Within one group PTB runs only the first handler that accepts the update, in the order added:
# the catch-alls of group 0 come last, so they see only what no feature took.
GROUPS: tuple[tuple[int, str, Callable[[Application, int], None]], ...] = (
    (-100, "per-user rate limit", ratelimit.register),
    (-90, "a button press without data: answered, seen by no feature", callbacks.register),
    # moderation's own tables: BUTTONS, COMMANDS, ANSWERS (bot/moderation/__init__.py)
    (-10, "moderation: commands, buttons and their prompts (one persistent conversation)", moderation.register),
    # after moderation: a moderator's typed answer to an open prompt is never taken as a /submit step, and a
    # Submit button closes the prompt first; so a moderation command leaves an open /submit draft as it is
    (-5, "/submit's guided flow (a conversation: any other user command drops its draft, then runs)",
     handlers.submit.register_conversation),
    (-1, "privacy: /forget", privacy_handlers.register),
    (0, "user features: commands, buttons, inline", handlers.register),
    (0, "catch-alls, last: check any text, unknown command, edits", handlers.register_fallbacks),
)


class ClaimBotApplication(Application):
    """The Application: around `process_update`, shared conversation state is re-read before and
    written through after, even when a group stopped the update or raised (bot/persistence.py);
    from `start()` to `stop()`, the `inbox_worker` feeds it the stored updates."""

    inbox_worker: inbox.InboxWorker | None = None  # set by build_application (tests build without one)

    async def start(self) -> None:
        await super().start()
        if self.inbox_worker is not None:
            await self.inbox_worker.start()

    async def stop(self) -> None:
        if self.inbox_worker is not None:  # the update in hand finishes before the Application stops
            await self.inbox_worker.stop()
        await super().stop()

    async def process_update(self, update: object) -> None:
        if isinstance(update, Update) and not inbox.well_formed(update, prepared_for(update)):
            # before PTB itself touches it: an unhashable "id" would crash its bookkeeping
            log.warning("update %s dropped: not shaped like anything the Bot API sends", update.update_id)
            return
        answered = ANSWERED.set(set())  # a button is answered once (ClaimBot.answer_callback_query)
        try:
            with private_scope(update):  # its texts, names and ids are kept out of every log line
                await self._step(persistence.before_update, update)
                try:
                    await super().process_update(update)
                finally:
                    await self._step(persistence.after_update, update)
        finally:
            ANSWERED.reset(answered)

    async def _step(self, step: Callable, update: object) -> None:
        try:
            await step(self, update)
        except Exception:
            log.exception("%s failed", step.__name__)


def build_runtime(settings: Settings, *, engine: Engine | None = None, seed: bool = True,
                  salt: str | None = None, encoder: object = ...) -> Runtime:
    """The per-process objects (for the bot, the console, tests and benchmarks): opens (and migrates)
    the database unless `engine` is given, ingests the sample into an empty store when `seed`, builds
    the match index; `salt` None reads (or makes) PRIVACY_SALT; `encoder` None: lexical matching only,
    default: the one ENCODER names. Raises ClaimsError when the database cannot open."""
    configure_aliases(settings.aliases_file)
    engine = engine or open_database(settings.database_url)
    nlp = get_nlp()
    with Session(engine, expire_on_commit=False) as session:
        if normalization_is_stale(session):
            log.warning(STALE_MESSAGE)
        if seed and (seeded := ensure_sample(session, nlp=nlp, threshold=settings.checkworthiness_threshold)):
            log.info("empty database: ingested the sample article (%d claims)", len(seeded.claims))
        if salt is None:
            salt = privacy_salt(session, settings.privacy_salt.get_secret_value() if settings.privacy_salt else None)
    matcher = load_matcher(engine, settings, encoder=(
        load_encoder(settings.encoder) if encoder is ... else encoder))
    return Runtime(settings=settings, engine=engine, matcher=matcher, nlp=nlp, salt=salt,
                   admin_ids=frozenset(settings.moderator_ids), tips=TipIndex(settings, aliases=matcher.aliases))


async def _run_job(context: Context) -> None:
    """Every periodic job: its function (the job's data) called with the Application."""
    await context.job.data(context.application)


def build_application(settings: Settings, *, runtime: Runtime, token: str | None = None,
                      request: BaseRequest | None = None, get_updates_request: BaseRequest | None = None,
                      rate_limiter: bool = True, outbox: bool = True, inbox_worker: bool = True) -> Application:
    """Everything the bot runs on; tests and the console pass their own `request`. `rate_limiter`:
    PTB's flood control of outgoing calls (the per-user limit on incoming updates is always on).
    `outbox=False`: no notification job (tests call `bot.outbox.send_due`). `inbox_worker=False`: the
    worker does not start (the console feeds `process_update`; tests drain)."""
    set_page_base(settings.public_base_url)  # claim cards and notices link to the public page
    updates = inbox.InboxQueue()  # PTB's Updater stores each update here before it acknowledges it
    # The bot PTB's builder would make (same pools), but polling survives an unreadable update.
    bot = inbox.InboxBot(
        token=token or settings.telegram_bot_token.get_secret_value(), base_url=settings.telegram_api_base_url,
        defaults=Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)),
        request=request or HTTPXRequest(connection_pool_size=256),
        get_updates_request=get_updates_request or HTTPXRequest(connection_pool_size=1),
        rate_limiter=AIORateLimiter(max_retries=3) if rate_limiter else None)
    # Periodic work (PTB's JobQueue): name, every (s), first run after (s), job.
    jobs = [("purge processed updates from the inbox", inbox.PURGE_EVERY, 60.0, inbox.purge_job),
            ("tip retention", privacy_handlers.RETENTION_EVERY, 300.0, privacy_handlers.retention_job),
            ("albums left unanswered", handlers.albums.SWEEP_EVERY, handlers.albums.SWEEP_EVERY, handlers.albums.sweep),
            ("prune rate-limit counts", ratelimit.PRUNE_EVERY, 120.0, ratelimit.prune_job)]
    if outbox:
        jobs.insert(0, (outbox_sender.JOB, outbox_sender.POLL_SECONDS, 1.0, outbox_sender.drain))
    if runtime.settings.moderation_chat_id is not None:  # new tips and sources to the moderation chat
        jobs.append(("announce to the moderation chat", moderation.ANNOUNCE_EVERY, moderation.ANNOUNCE_EVERY,
                     lambda app: runtime.announce(app.bot)))
    # the cross-feature calls, handed to the features through the runtime
    runtime.announce = lambda bot: moderation.announce_new(bot, runtime)
    runtime.card_buttons = moderation.card_buttons     # a moderator's rows on a claim card
    runtime.wake_outbox = outbox_sender.wake

    async def post_init(app: Application) -> None:
        """Services, by name, in order."""
        await menus.set_commands(app)                            # the command menu, both languages
        await menus.sync_moderator_commands(app.bot, runtime)    # each moderator's own menu
        await runtime.announce(app.bot)   # sets the cursors on first use; nothing without a moderation chat
        for name, every, first, fn in jobs:
            app.job_queue.run_repeating(_run_job, interval=every, first=first, name=name, data=fn)

    application = (ApplicationBuilder().application_class(ClaimBotApplication).update_queue(updates).bot(bot)
                   .context_types(ContextTypes(context=Context))
                   # PTB state (user/chat data, conversations) lives in the database, shared by every worker.
                   .persistence(SQLPersistence(runtime.engine))
                   .concurrent_updates(False).post_init(post_init).build())
    updates.application = application
    application.bot_data[RUNTIME_KEY] = runtime
    application.inbox_worker = inbox.InboxWorker(application, lease_seconds=settings.inbox_lease_seconds)
    application.inbox_worker.enabled = inbox_worker
    for group, _what, register in GROUPS:
        register(application, group)
    application.add_error_handler(error_handler)
    return application
