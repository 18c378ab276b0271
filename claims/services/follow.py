"""Following a claim: the user hears when its verdict changes."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from ..errors import InvalidInput
from ..models import Claim, Subscription
from ._common import get_claim

MAX_FOLLOWS = 500


def follow(session: Session, user_id: int, chat_id: int, claim_id: int | str) -> tuple[Claim, bool]:
    """Returns the claim and whether a new subscription was made (False: already followed)."""
    claim = get_claim(session, claim_id)
    if session.exec(select(Subscription.id).where(Subscription.user_id == user_id,
                                                  Subscription.claim_id == claim.id)).first():
        return claim, False
    count = len(list(session.exec(select(Subscription.id).where(Subscription.user_id == user_id))))
    if count >= MAX_FOLLOWS:
        raise InvalidInput(f"you already follow {count} claims (at most {MAX_FOLLOWS})", limit=MAX_FOLLOWS)
    session.add(Subscription(user_id=user_id, chat_id=chat_id, claim_id=claim.id))
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return claim, False
    return claim, True


def unfollow(session: Session, user_id: int, claim_id: int | str) -> tuple[Claim, bool]:
    """Returns the claim (a merged claim's id leads to the kept one, as in `follow`) and whether a
    subscription was removed (False: the user did not follow it). Raises NotFound/InvalidInput for an id."""
    claim = get_claim(session, claim_id)
    sub = session.exec(select(Subscription).where(Subscription.user_id == user_id,
                                                  Subscription.claim_id == claim.id)).first()
    if sub is None:
        return claim, False
    session.delete(sub)
    session.commit()
    return claim, True


def following(session: Session, user_id: int) -> list[Claim]:
    stmt = (select(Claim).join(Subscription, Subscription.claim_id == Claim.id)
            .where(Subscription.user_id == user_id).order_by(Subscription.id))
    return list(session.exec(stmt))
