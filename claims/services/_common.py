"""Small helpers shared by the use cases."""

from __future__ import annotations

from sqlmodel import Session

from ..errors import InvalidInput, NotFound
from ..models import Claim, ClaimChange, utcnow


def record_change(session: Session, claim_id: int, kind: str) -> None:
    session.add(ClaimChange(claim_id=claim_id, kind=kind))


def get_claim(session: Session, claim_id: int | str, *, follow_merge: bool = True) -> Claim:
    """The claim by id; a merged duplicate leads to the claim it was merged into."""
    cid = parse_id(claim_id, "claim")
    claim = session.get(Claim, cid)
    if claim is None:
        raise NotFound(f"no claim with id {cid}", id=cid)
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
            raise InvalidInput(f"{what} id must be a positive number, got {str(value)[:40]!r}", value=str(value)[:40])
        cid = int(text)
    if cid <= 0:
        raise InvalidInput(f"{what} id must be a positive number, got {value!r}", value=str(value)[:40])
    if cid > MAX_ID:  # no such row can exist; PostgreSQL would refuse the comparison ("integer out of range")
        raise NotFound(f"no {what} with id {cid}", id=cid)
    return cid


def touch(claim: Claim) -> None:
    claim.updated_at = utcnow()


def check_text(text: str | None, what: str, max_len: int) -> str:
    text = (text or "").strip()
    if not text:
        raise InvalidInput(f"{what} is empty")
    if len(text) > max_len:
        raise InvalidInput(f"{what} is too long ({len(text)} characters, at most {max_len})", limit=max_len)
    return text
