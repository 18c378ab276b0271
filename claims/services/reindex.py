"""Re-normalise stored claims, e.g. after the alias table changed.

`claim.normalized` is computed once, on write, so a cold start never re-lemmatises; after a
desk edits its aliases, this brings the stored strings (and every running matcher, through the
change feed) up to date.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import update
from sqlmodel import Session, col, select

from ..models import Claim, ClaimChange, utcnow


def renormalize_claims(session: Session, *, batch: int = 2000,
                       progress: Callable[[int], None] | None = None) -> int:
    """Recompute `normalized` and `title_normalized` of every claim; returns how many changed."""
    from ..normalize import normalize

    changed = 0
    last_id = 0
    while True:
        rows = list(session.exec(select(Claim.id, Claim.text, Claim.title, Claim.language, Claim.normalized,
                                        Claim.title_normalized).where(Claim.id > last_id)
                                 .order_by(Claim.id).limit(batch)))
        if not rows:
            break
        now = utcnow()
        for cid, text, title, lang, norm, tnorm in rows:
            new_norm = normalize(text, lang)
            new_tnorm = normalize(title, lang) if title else ""
            if (new_norm, new_tnorm) != (norm, tnorm or ""):
                session.execute(update(Claim).where(col(Claim.id) == cid).values(
                    normalized=new_norm, title_normalized=new_tnorm, updated_at=now))
                session.add(ClaimChange(claim_id=cid, kind="edit"))
                changed += 1
        session.commit()
        last_id = rows[-1][0]
        if progress:
            progress(len(rows))
    return changed
