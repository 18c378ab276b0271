"""Re-normalise stored claims, e.g. after the alias table changed.

`claim.normalized` is computed once, on write, so a cold start never re-lemmatises; after a
desk edits its aliases, or a release changes the normaliser, this brings the stored strings (and
every running matcher, through the change feed) up to date. AppMeta["normalization"] records the
`normalization_fingerprint` the stored claims were normalised under, so that start-up can say when
they are out of date instead of matching a little worse without a word.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from ..models import AppMeta, Claim, ClaimChange, utcnow

FINGERPRINT_KEY = "normalization"


def record_normalization(session: Session) -> None:
    """Note that every stored claim is normalised as this process would (commits)."""
    from ..normalize import normalization_fingerprint

    row = session.get(AppMeta, FINGERPRINT_KEY)
    if row is None:
        session.add(AppMeta(key=FINGERPRINT_KEY, value=normalization_fingerprint()))
    else:
        row.value = normalization_fingerprint()
        session.add(row)
    try:
        session.commit()
    except IntegrityError:      # another process recorded it at the same moment
        session.rollback()


def normalization_is_stale(session: Session) -> bool:
    """True when stored claims were normalised by another release or alias table (and
    `claims db reindex` would change them). An empty store is current by definition."""
    from ..normalize import normalization_fingerprint

    row = session.get(AppMeta, FINGERPRINT_KEY)
    if row is not None and row.value == normalization_fingerprint():
        return False
    if session.exec(select(Claim.id).limit(1)).first() is None:
        record_normalization(session)
        return False
    return True


STALE_MESSAGE = ("stored claims were normalised by another release or alias table; "
                 "run `claims db reindex` so that matching sees them as this version does")


def renormalize_claims(session: Session, *, batch: int = 2000,
                       progress: Callable[[int], None] | None = None) -> int:
    """Recompute `normalized` and `title_normalized` of every claim, and label a claim stored as
    Russian that is written in Ukrainian or Belarusian as such (`claim_language`; releases before
    2026-12-02 stored them as "ru", so a Russian message stating one was not scored across
    languages); returns how many claims changed."""
    from ..normalize import claim_language, normalize

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
            new_lang = claim_language(text, lang)
            if (new_norm, new_tnorm, new_lang) != (norm, tnorm or "", lang):
                session.execute(update(Claim).where(col(Claim.id) == cid).values(
                    normalized=new_norm, title_normalized=new_tnorm, language=new_lang, updated_at=now))
                session.add(ClaimChange(claim_id=cid, kind="edit"))
                changed += 1
        session.commit()
        last_id = rows[-1][0]
        if progress:
            progress(len(rows))
    record_normalization(session)
    return changed
