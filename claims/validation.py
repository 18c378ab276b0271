"""Checking imported values against the schema, with rules derived from the models.

SQLite stores a 3,000-character URL in a VARCHAR(2048), a NUL byte, or an integer of 10^30 as
text; PostgreSQL refuses them. So that both databases give the same answer, every imported value
is checked here *before* anything is written, against the column it is going to: its type, its
length (String(n)), its integer range (INTEGER is 32-bit and BIGINT 64-bit on PostgreSQL, so both
are held to that), whether it may be empty, and, for the columns that hold a code, the allowed
codes (ENUMS). Text is cleaned with `claims.textclean.clean_text` on the way (NUL, control and
bidi characters removed), never refused for them.

A problem is reported as ``line N: field: what is wrong``; `Problems` collects them all, so one
run of ``claims import --dry-run`` lists every problem in a file.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import Boolean, Column, Date, DateTime, Float, Integer, String, TypeDecorator
from sqlalchemy.sql.sqltypes import BigInteger

from .errors import InvalidInput
from .textclean import clean_text
from .verdicts import Verdict

INT32 = (-(2**31), 2**31 - 1)
INT64 = (-(2**63), 2**63 - 1)

# Columns that hold a code: the codes they accept (the services write only these).
_VERDICTS = tuple(v.value for v in Verdict)
ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("claim", "verdict"): _VERDICTS,
    ("verdicthistory", "old_verdict"): _VERDICTS,
    ("verdicthistory", "new_verdict"): _VERDICTS,
    ("source", "stance"): ("supports", "refutes", "context"),
    ("source", "status"): ("pending", "approved", "rejected"),
    ("tip", "status"): ("open", "linked", "converted", "dismissed"),
    ("claimchange", "kind"): ("add", "edit", "delete", "merge", "embed"),
    ("notification", "status"): ("pending", "sending", "sent", "dead"),
}


class Invalid(ValueError):
    """One value does not fit its column; the message says what is wrong."""


@dataclass
class Problems:
    """Every problem found in one file, in the order found (`total` counts them all)."""

    where: str
    items: list[tuple[int, str, str]] = field(default_factory=list)
    total: int = 0
    shown: int = 30  # a broken file does not need ten thousand lines to say so

    def add(self, line: int, name: str, message: str) -> None:
        self.total += 1
        if len(self.items) < self.shown:
            self.items.append((line, name, message))

    def __bool__(self) -> bool:
        return self.total > 0

    def lines(self) -> list[str]:
        out = [f"line {n}: {name}: {msg}" for n, name, msg in self.items]
        if self.total > len(self.items):
            out.append(f"… and {self.total - len(self.items)} more")
        return out

    def raise_if_any(self) -> None:
        """InvalidImport listing the problems (nothing has been written when it is raised)."""
        if self.total:
            raise InvalidImport(self)


class InvalidImport(InvalidInput):
    """An import file with problems. `str()` is one line for one problem, a list for several."""

    def __init__(self, problems: Problems) -> None:
        lines = problems.lines()
        if problems.total == 1:
            message = f"{problems.where}: {lines[0]} (nothing was imported)"
        else:
            message = (f"{problems.where}: {problems.total} problems, nothing was imported:\n"
                       + "\n".join("  " + line for line in lines))
        super().__init__(message, problems=lines)
        self.problems = problems


def parse_datetime(value: Any) -> datetime:
    """ISO 8601 date-time → aware datetime (UTC when no offset is given). Raises Invalid."""
    if isinstance(value, datetime):
        parsed = value
    else:
        try:
            parsed = datetime.fromisoformat(str(value).strip())
        except ValueError:
            raise Invalid(f"not a date and time: {str(value)[:40]!r} (use ISO 8601, e.g. 2025-07-12T10:00:00)") \
                from None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=timezone.utc)
    try:
        return parsed.astimezone(timezone.utc)  # what both databases store
    except OverflowError:
        raise Invalid(f"is out of range: {str(value)[:40]!r} is before year 1 in UTC") from None


def _int_checker(lo: int, hi: int) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        if isinstance(value, bool):
            raise Invalid("must be a whole number, not true/false")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            if len(value.strip()) > 40:  # int() refuses 4,300+ digits, and nothing this long fits anyway
                raise Invalid(f"must be between {lo} and {hi}, got a number of {len(value.strip())} digits")
            value = int(value.strip())
        if not isinstance(value, int):
            raise Invalid(f"must be a whole number, got {str(value)[:40]!r}")
        if not lo <= value <= hi:
            raise Invalid(f"must be between {lo} and {hi}, got {str(value)[:40]}")
        return value
    return check


def _float(value: Any) -> float:
    if isinstance(value, bool):
        raise Invalid("must be a number, not true/false")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise Invalid(f"must be a number, got {str(value)[:40]!r}") from None
    if not math.isfinite(number):
        raise Invalid("must be a finite number")
    return number


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if text in ("true", "1", "yes", "да"):
        return True
    if text in ("false", "0", "no", "нет"):
        return False
    raise Invalid(f"must be true or false, got {str(value)[:40]!r}")


_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%d.%m.%Y", "%Y/%m/%d")


def parse_date(value: Any) -> date | None:
    """A date as fact-checkers write it: ISO, "12.07.2025", "12 July 2025", "July 12, 2025", …
    Empty → None; anything else raises ValueError naming the value."""
    if value in (None, ""):
        return None
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    text = " ".join(re.sub(r"(?<=\d)(?=[^\W\d_])|(?<=[^\W\d_])(?=\d)", " ", text).split())  # "21February"
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"unrecognised date {text[:40]!r} (use YYYY-MM-DD)")


def _date(value: Any) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    try:
        parsed = parse_date(value)
    except ValueError as err:
        raise Invalid(str(err)) from None
    if parsed is None:
        raise Invalid("is empty")
    return parsed


def _text_checker(max_len: int | None) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if isinstance(value, bool) or isinstance(value, (dict, list)):
            raise Invalid("must be text")
        text = clean_text(value if isinstance(value, str) else str(value))
        if max_len is not None and len(text) > max_len:
            raise Invalid(f"is longer than {max_len} characters ({len(text)})")
        return text
    return check


@dataclass(frozen=True)
class ColumnRule:
    """How one column's imported value is checked and converted."""

    table: str
    name: str
    convert: Callable[[Any], Any]
    nullable: bool
    is_text: bool
    choices: tuple[str, ...] | None = None

    def __call__(self, value: Any) -> Any:
        """The value as it will be stored (None for an absent optional value). Raises Invalid."""
        if not self.is_text and isinstance(value, str) and not value.strip():
            value = None
        if value is None:
            if self.nullable:
                return None
            raise Invalid("is required")
        out = self.convert(value)
        if self.choices is not None and out not in self.choices:
            raise Invalid(f"must be one of {', '.join(self.choices)}, got {str(value)[:40]!r}")
        return out


def _is_serial(column: Column) -> bool:
    """An id the database numbers itself (the table's only primary key, an integer, autoincrement)."""
    return (column.primary_key and column.autoincrement is not False
            and len(column.table.primary_key.columns) == 1)


def rule_for(column: Column) -> ColumnRule:
    """The rule for one model column, from its SQL type, length, nullability and ENUMS."""
    kind = column.type
    if isinstance(kind, TypeDecorator):  # sqlmodel's AutoString wraps String(n)
        kind = kind.impl_instance
    if isinstance(kind, Boolean):
        convert: Callable[[Any], Any] = _bool
    elif isinstance(kind, BigInteger):
        convert = _int_checker(*INT64)
    elif isinstance(kind, Integer) and _is_serial(column):
        convert = _int_checker(1, INT32[1])  # PostgreSQL's sequences start at 1; services refuse ids < 1
    elif isinstance(kind, Integer):
        convert = _int_checker(*INT32)
    elif isinstance(kind, Float):
        convert = _float
    elif isinstance(kind, DateTime):
        convert = parse_datetime
    elif isinstance(kind, Date):
        convert = _date
    elif isinstance(kind, String):
        convert = _text_checker(kind.length)
    else:  # pragma: no cover - a new column type needs a rule here
        raise TypeError(f"no import rule for {column.table.name}.{column.name} ({kind!r})")
    table = column.table.name
    return ColumnRule(table, column.name, convert, bool(column.nullable), isinstance(kind, String),
                      ENUMS.get((table, column.name)))


_RULES: dict[tuple[str, str], ColumnRule] = {}


def rule(model_or_table: Any, name: str) -> ColumnRule:
    """The (cached) rule for `model.name`, e.g. ``rule(Source, "url")``."""
    table = getattr(model_or_table, "__table__", model_or_table)
    key = (table.name, name)
    found = _RULES.get(key)
    if found is None:
        found = _RULES[key] = rule_for(table.c[name])
    return found


def check_field(problems: Problems, line: int, label: str, checker: ColumnRule, value: Any,
                *, max_len: int | None = None) -> Any:
    """`checker(value)`, or None with the problem added; `max_len` adds a policy limit to text."""
    try:
        out = checker(value)
    except Invalid as err:
        problems.add(line, label, str(err))
        return None
    if max_len is not None and isinstance(out, str) and len(out) > max_len:
        problems.add(line, label, f"is longer than {max_len} characters ({len(out)})")
        return None
    return out
