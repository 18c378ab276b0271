"""Sends the Notification outbox (row states: claims/services/notifications.py): the ``outbox`` job
claims due rows, sends each in the recipient's language and records what Telegram answered. Kinds:
``verdict_change`` {claim_id, old, new, reason}; ``tip_handled`` {tip_id, outcome, claim_id};
``text`` {"key", "values"} or {"text"}.
"""

from __future__ import annotations

import json
import logging
import warnings
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError
from telegram.ext import Application

from claims.i18n import Raw, t
from claims.models import Claim, Notification, UserPref
from claims.services import notifications as outbox

from .core import forget_lang, run_in_session
from .render import claim_command, cut, esc, fit, page_line, verdict_state
from .runtime import RUNTIME_KEY, Runtime

log = logging.getLogger(__name__)

BATCH = 10  # small: a killed worker delays at most this many notices by notifications.LOCK
POLL_SECONDS = 5.0
JOB = "outbox"


@dataclass
class Counts:
    sent: int = 0
    retried: int = 0
    dead: int = 0
    claimed: int = 0


def render(session: Session, row: Notification, default_lang: str) -> tuple[str | None, bool]:
    """(HTML text, recipient blocked) in the recipient's language; text None for an unknown kind."""
    pref = session.get(UserPref, row.chat_id)
    if pref is not None and pref.blocked:
        return None, True
    lang = pref.language if pref is not None and pref.language else default_lang
    payload = json.loads(row.payload or "{}")
    if row.kind == "text":
        text = (t(lang, payload["key"], **payload.get("values", {})) if "key" in payload
                else esc(payload["text"]) if "text" in payload else None)
        return (None if text is None else fit(text)), False
    if row.kind not in ("verdict_change", "tip_handled"):
        return None, False
    cid = payload.get("claim_id") or (row.claim_id if row.kind == "verdict_change" else None)
    claim = session.get(Claim, cid) if cid else None
    if row.kind == "verdict_change":
        text = t(lang, "notify.verdict", id=cid, text=cut(claim.text if claim else "", 400),
                 old=Raw(verdict_state(str(payload.get("old", "")), lang)),
                 new=Raw(verdict_state(str(payload.get("new", "")), lang)),
                 reason=cut(str(payload.get("reason", "")), 1000), cmd=claim_command(int(cid)))
    elif (outcome := payload.get("outcome")) not in ("linked", "converted") or claim is None:
        return fit(t(lang, "notify.tip_dismissed", tip=payload.get("tip_id"))), False
    else:
        text = t(lang, f"notify.tip_{outcome}", tip=payload.get("tip_id"), id=claim.id, text=cut(claim.text, 400),
                 state=Raw(verdict_state(claim.verdict, lang)), cmd=claim_command(claim.id))
    page = page_line(claim, lang)  # the page as it is now: none once back to unverified
    return fit(text + ("\n" + page if page else "")), False


async def send_due(application: Application, *, limit: int = BATCH) -> Counts:
    """One pass: claim due rows, send them, record each outcome (429: the rest postponed by
    ``retry_after``, no attempt spent; a network error: retried with backoff; Forbidden: dead and the
    recipient blocked until they write again; BadRequest: dead). Returns what happened."""
    rt: Runtime = application.bot_data[RUNTIME_KEY]
    rows = await run_in_session(rt, outbox.claim_due, limit)
    counts = Counts(claimed=len(rows))
    for i, row in enumerate(rows):
        try:
            text, blocked = await run_in_session(rt, render, row, rt.settings.default_language)
            why = ("recipient blocked the bot" if blocked
                   else None if text is not None else f"unknown kind {row.kind!r}")
        except Exception as err:  # noqa: BLE001  (a broken row must not stop the others)
            log.exception("cannot render notification %s", row.id)
            why = f"render: {err}"
        if why is not None:
            await run_in_session(rt, outbox.mark_dead, row.id, why)
            counts.dead += 1
            continue
        try:
            await application.bot.send_message(row.chat_id, text)
        except RetryAfter as err:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # PTB 22.2+ warns that the int form is deprecated
                wait = err.retry_after
            wait = (wait if isinstance(wait, timedelta) else timedelta(seconds=wait)) + timedelta(seconds=1)
            await run_in_session(rt, outbox.postpone, rows[i:], wait)
            counts.retried += len(rows) - i
            log.warning("Telegram asked to wait %s s; %d notifications postponed", wait.total_seconds(),
                        len(rows) - i)
            break
        except Forbidden as err:
            await run_in_session(rt, outbox.mark_blocked, row.id, row.chat_id, str(err))
            forget_lang(application, row.chat_id)  # their next message to us lifts the block at once
            counts.dead += 1
        except BadRequest as err:
            await run_in_session(rt, outbox.mark_dead, row.id, str(err))
            counts.dead += 1
        except TelegramError as err:  # a network error or timeout: retried with backoff
            if await run_in_session(rt, outbox.mark_failed, row, str(err)):
                counts.dead += 1
            else:
                counts.retried += 1
        else:
            await run_in_session(rt, outbox.mark_sent, row.id)
            counts.sent += 1
    return counts


async def drain(application: Application) -> None:
    """The outbox job: send what is due, batch after batch, until a batch comes back short."""
    while (await send_due(application)).claimed >= BATCH:
        pass


def wake(application: Application) -> None:
    """Send now rather than at the next run (after a verdict set in this process); a no-op when the
    outbox job is not scheduled (tests drive `send_due` themselves)."""
    jobs = application.job_queue
    if jobs is not None and jobs.get_jobs_by_name(JOB):
        jobs.run_once(lambda context: drain(context.application), 0, name=f"{JOB} now")
