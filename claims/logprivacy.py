"""Private values and secrets out of log text, whatever front end logs it.

`scrub_text` cuts SQLAlchemy's ``[parameters: …]``, the values PostgreSQL quotes in its errors
(``DETAIL:  Key (…)=(…)``, ``Failing row contains (…)``, ``invalid input syntax for type bigint:
"…"``), a secret token, and — inside `private_scope` (inherited by threads started in it) — the
given texts and ids wherever they appear: in any case, cleaned of bidi controls as
claims.textclean cleans them, escaped as repr()/JSON write them, or a piece of 12+ characters.
`install` makes every log record of every logger pass through it when made (`scrub_record`).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import json
import logging
import re
import traceback
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, timedelta
from pathlib import PurePath

from .textclean import clean_text

PRIVATE = "<private>"
REDACTED = "<redacted>"
_private: contextvars.ContextVar[tuple[tuple[str, ...], tuple[str, ...]] | None] = contextvars.ContextVar(
    "private_log_values", default=None)
_SQL_PARAMS_RE = re.compile(r"\[parameters: .*?\](?=\s*(?:\(Background|\[SQL|$))|\[parameters: [^\n]*", re.S)
_PG_VALUES_RE = re.compile(r"^(\s*DETAIL:\s+(?:Key \([^)=\n]*\)=|Failing row contains )?).*$"
                           r"|(invalid input (?:syntax|value) for [^\n:]*: )\"[^\n]*?\"(?=\n|$|\s*(?:CONTEXT|LINE)\b)",
                           re.M)


@contextlib.contextmanager
def private_scope(texts: Iterable[str], ids: Iterable[str]) -> Iterator[None]:
    """While the block runs, `texts` (3+ characters) and `ids` (digit strings, 3+) are scrubbed."""
    token = _private.set((tuple(sorted((x for x in texts if len(x.strip()) >= 3), key=len, reverse=True)),
                          tuple(sorted((i for i in ids if len(i) >= 3), key=len, reverse=True))))
    try:
        yield
    finally:
        _private.reset(token)


def _lower(text: str) -> str:
    """`text` in lower case, character for character (a letter whose lower case is longer, İ, stays)."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _fragments(text: str, value: str, k: int = 12) -> list[tuple[int, int]]:
    """Spans of `text` holding `value` (given in lower case) or a piece of it of about `k` characters
    or more, ignoring case: windows of `k` characters every k/2 are looked up and each hit grown
    both ways while it matches `value`."""
    hay = _lower(text)
    spans: list[tuple[int, int]] = []
    k = min(k, len(value))  # a short value: looked up whole
    starts = list(range(0, len(value) - k + 1, max(1, k // 2)))
    if starts[-1] != len(value) - k:
        starts.append(len(value) - k)
    for start in starts:
        i = hay.find(value[start:start + k])
        while i >= 0:
            a, b, va, vb = i, i + k, start, start + k
            while a > 0 and va > 0 and hay[a - 1] == value[va - 1]:
                a, va = a - 1, va - 1
            while b < len(hay) and vb < len(value) and hay[b] == value[vb]:
                b, vb = b + 1, vb + 1
            spans.append((a, b))
            i = hay.find(value[start:start + k], b)
    return spans


def _replace_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each run of overlapping or touching spans replaced by one ``<private>``."""
    if not spans:
        return text
    out, pos = [], 0
    for a, b in sorted(spans):
        if b <= pos:
            continue
        out.append(text[pos:max(a, pos)] + (PRIVATE if a > pos or not out else ""))
        pos = b
    return "".join(out) + text[pos:]


@functools.lru_cache(maxsize=512)
def _variants(value: str) -> tuple[str, ...]:
    """`value` as it may have been changed before it was logged: cleaned (clean_text), escaped as
    in a repr() or JSON; in lower case."""
    found = [value]
    cleaned = clean_text(value)
    if cleaned != value and len(cleaned.strip()) >= 3:
        found.append(cleaned)
    for v in list(found):
        if len(v) >= 12:
            for escaped in (json.dumps(v, ensure_ascii=False)[1:-1], repr(v)[1:-1]):
                if escaped not in found:
                    found.append(escaped)
    return tuple(dict.fromkeys(_lower(v) for v in found))


def scrub_text(text: str, *, token: str = "", only_token: bool = False) -> str:
    """`text` without `token` and, unless `only_token`, SQL parameters, PostgreSQL's quoted values
    and the private values of the current `private_scope`."""
    if token and token in text:
        text = text.replace(token, "<token>")
    if only_token:
        return text
    if "[parameters:" in text:
        text = _SQL_PARAMS_RE.sub(f"[parameters: {REDACTED}]", text)
    if "DETAIL:" in text or "invalid input" in text:
        text = _PG_VALUES_RE.sub(lambda m: (m[1] or m[2]) + REDACTED, text)
    values = _private.get()
    if values:
        texts, ids = values
        for value in texts:
            # every form of the value is looked up in the same text, so a piece one form leaves
            # (the word after a removed bidi control) is still covered by another
            text = _replace_spans(text, [span for variant in _variants(value) for span in _fragments(text, variant)])
        for value in ids:
            text = re.sub(rf"(?<!\d){value}(?!\d)", PRIVATE, text)
    return text


_SAFE_ARGS = (str, int, float, bool, type(None), PurePath, datetime, date, timedelta)
_installed: dict[str, object] = {}
Describe = Callable[[object], "str | None"]


def _safe_arg(arg: object, describe: Describe, raw_json: bool) -> object:
    """A log argument as it may be written: `describe`'s short form of a front end's object (None:
    not one), an exception as its type and text, a value of a plain type as it is (a string that
    looks like JSON from a `raw_json` logger excepted), anything else (dicts, bytes…) ``<redacted>``."""
    if (shown := describe(arg)) is not None:
        return shown
    if isinstance(arg, BaseException):
        return f"{type(arg).__name__}: {arg}"
    if not isinstance(arg, _SAFE_ARGS) or (raw_json and isinstance(arg, str) and arg.lstrip()[:1] in ("{", "[")):
        return REDACTED
    return arg


def scrub_record(record: logging.LogRecord, token: str = "", *, only_token: bool = False,
                 describe: Describe = lambda _: None, raw_json_loggers: tuple[str, ...] = ()) -> logging.LogRecord:
    """`record` made safe to write, its message formatted and passed through `scrub_text` (traceback and
    stack too); returns it. `only_token` (LOG_PRIVATE_DATA=true): the arguments are kept as they are.
    `raw_json_loggers`: name prefixes of loggers whose JSON-looking string arguments are raw payloads."""
    raw_json = record.name.startswith(raw_json_loggers) if raw_json_loggers else False
    try:
        if not isinstance(record.msg, str) and not only_token:
            record.msg = str(_safe_arg(record.msg, describe, raw_json))
        if record.args and not only_token:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(_safe_arg(a, describe, raw_json) for a in args)
        message = record.getMessage()
    except Exception:  # noqa: BLE001  (a record whose arguments do not fit its format: keep the format only)
        message = str(record.msg)
    scrub = functools.partial(scrub_text, token=token, only_token=only_token)
    record.msg, record.args = scrub(message), None
    if record.exc_info and record.exc_info[1] is not None:
        record.exc_text = scrub("".join(traceback.format_exception(*record.exc_info)).rstrip("\n"))
    if record.stack_info:
        record.stack_info = scrub(record.stack_info)
    return record


def install(private: bool, token: str | None = None, **options: object) -> None:
    """At start-up: every record of every logger is scrubbed when made (`scrub_record` with `options`),
    only of the token when `private` (LOG_PRIVATE_DATA); installing again replaces the previous choice."""
    if "previous" not in _installed:
        previous = _installed["previous"] = logging.getLogRecordFactory()

        def factory(*args: object, **kwargs: object) -> logging.LogRecord:
            record = previous(*args, **kwargs)
            token, only_token = _installed["token"], _installed["only_token"]
            return record if only_token and not token else scrub_record(
                record, token, only_token=only_token, **_installed["options"])

        logging.setLogRecordFactory(factory)
    _installed.update(only_token=private, token=token or "", options=options)


def uninstall() -> None:
    """Restore the record factory that was there before (tests)."""
    if "previous" in _installed:
        logging.setLogRecordFactory(_installed.pop("previous"))
        _installed.clear()
