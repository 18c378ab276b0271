"""Small helpers shared by the use cases."""

from __future__ import annotations

from sqlmodel import Session

from ..errors import InvalidInput, NotFound
from ..models import Claim, ClaimChange, utcnow
from ..textclean import clean_line, clean_text


def record_change(session: Session, claim_id: int, kind: str) -> None:
    session.add(ClaimChange(claim_id=claim_id, kind=kind))


def get_claim(session: Session, claim_id: int | str, *, follow_merge: bool = True) -> Claim:
    """The claim by id; a merged duplicate leads to the claim it was merged into."""
    cid = parse_id(claim_id, "claim")
    claim = session.get(Claim, cid)
    if claim is None:
        raise NotFound(f"no claim with id {cid}", id=cid, entity="claim")
    seen = {cid}
    while follow_merge and claim.merged_into_id is not None:
        if claim.merged_into_id in seen:
            break
        seen.add(claim.merged_into_id)
        target = session.get(Claim, claim.merged_into_id)
        if target is None:
            break
        claim = target
    return claim


MAX_ID = 2**31 - 1  # ids are INTEGER columns (migrations/versions/0001)


def parse_id(value: int | str, what: str = "claim") -> int:
    """A row id from a number or its text ("12", " #12 "): InvalidInput unless ASCII digits of a
    positive number, NotFound above the largest id a column can hold."""
    if isinstance(value, int) and not isinstance(value, bool):
        cid = value
    else:
        text = str(value).strip().lstrip("#")
        if not (text.isascii() and text.isdigit()) or len(text) > 18:  # "²".isdigit(), but int("²") fails
            raise InvalidInput(f"{what} id must be a positive number, got {str(value)[:40]!r}", value=str(value)[:40],
                               entity=what)
        cid = int(text)
    if cid <= 0:
        raise InvalidInput(f"{what} id must be a positive number, got {value!r}", value=str(value)[:40], entity=what)
    if cid > MAX_ID:  # no such row can exist; PostgreSQL would refuse the comparison ("integer out of range")
        raise NotFound(f"no {what} with id {cid}", id=cid, entity=what)
    return cid


def touch(claim: Claim) -> None:
    claim.updated_at = utcnow()


def check_text(text: str | None, what: str, max_len: int) -> str:
    """Text a person typed, cleaned (`clean_text`: no NUL, control or bidi characters) and stripped.

    Raises InvalidInput when nothing visible is left or it is longer than `max_len` characters.
    """
    text = clean_text(text).strip()
    if not text:
        raise InvalidInput(f"{what} is empty")
    if len(text) > max_len:
        raise InvalidInput(f"{what} is too long ({len(text)} characters, at most {max_len})", limit=max_len)
    return text


def clean_optional(text: str | None, max_len: int | None = None) -> str | None:
    """Multi-line text that may be absent (notes, reasons, summaries): `clean_text`, stripped,
    cut to `max_len` characters; None when nothing visible is left."""
    text = clean_text(text).strip()
    return (text[:max_len] if max_len else text) or None


def clean_name(name: str | None, max_len: int = 256) -> str | None:
    """One-line text such as a person's or a chat's name: `clean_line`, cut to `max_len`;
    None when nothing visible is left."""
    return clean_line(name)[:max_len] or None
