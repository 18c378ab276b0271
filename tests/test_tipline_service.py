"""Repeats of an open tip (claims/services/tipline.py) at the service level, on SQLite and PostgreSQL:
what a repeat joins and what it must not, and that the people who joined are told, forgotten and
purged like the tip's sender."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from claims.models import Notification, Tip, TipAsker
from claims.services import privacy
from claims.services.catalog import insert_claim
from claims.services.tipline import TipIndex, file_tip
from claims.services.tips import link_tip, notify_on_tip
from claims.services.verdicts import set_verdict
from claims.settings import Settings

SALT = "s"
CATS = "Котики захватили интернет и соцсети"
A, B, C = 11, 12, 13


def _index() -> TipIndex:
    return TipIndex(Settings(_env_file=None))


def test_a_post_that_only_contains_a_tip_among_other_news_is_a_new_tip(session):
    index = _index()
    first = file_tip(session, index, CATS, salt=SALT, user_id=A).tip
    longer = file_tip(session, index, f"{CATS}. Мэрия сообщила, что трамвайную линию продлят до аэропорта "
                                      "через два года", salt=SALT, user_id=B)
    assert not longer.repeat and longer.tip.id != first.id
    again = file_tip(session, index, "Котики захватили интернет и соцсети!!!", salt=SALT, user_id=B)
    assert again.repeat and again.new_asker and again.tip.id == first.id and again.tip.askers == 2


def test_a_tip_another_process_filed_is_found_and_a_handled_one_is_not(session):
    mine, other = _index(), _index()
    tip = file_tip(session, other, "Губернатор пообещал построить в области сорок новых бассейнов до конца лета",
                   salt=SALT, user_id=A).tip
    near = "Губернатор обещал построить в области 40 новых бассейнов до конца лета!"
    assert file_tip(session, mine, near, salt=SALT, user_id=B).tip.id == tip.id
    claim = insert_claim(session, "Утверждение о бассейнах в области", actor_id=None, actor_name="desk")
    session.commit()
    link_tip(session, tip.id, claim.id, actor_id=None, actor_name="desk")
    later = file_tip(session, mine, near, salt=SALT, user_id=C)
    assert not later.repeat and later.tip.id != tip.id and later.tip.askers == 1


def test_everyone_who_joined_hears_the_verdict_of_the_linked_claim_once(session):
    index = _index()
    tip = file_tip(session, index, CATS, salt=SALT, user_id=A).tip
    file_tip(session, index, CATS, salt=SALT, user_id=B)
    file_tip(session, index, CATS + "!", salt=SALT, user_id=C)
    notify_on_tip(session, tip.id, salt=SALT, user_id=A, chat_id=A)
    notify_on_tip(session, tip.id, salt=SALT, user_id=C, chat_id=C)
    claim = insert_claim(session, CATS, actor_id=None, actor_name="desk")
    session.commit()
    link_tip(session, tip.id, claim.id, actor_id=None, actor_name="desk")
    set_verdict(session, claim.id, "false", reason="Нет данных", by="desk")
    rows = session.exec(select(Notification.chat_id, Notification.kind)).all()
    assert sorted(rows) == [(A, "tip_handled"), (A, "verdict_change"), (C, "tip_handled"), (C, "verdict_change")]


def test_forget_and_retention_reach_the_people_who_joined(session):
    index = _index()
    tip = file_tip(session, index, CATS, salt=SALT, user_id=A).tip
    file_tip(session, index, CATS, salt=SALT, user_id=B)
    notify_on_tip(session, tip.id, salt=SALT, user_id=B, chat_id=B)
    counts = privacy.forget_user(session, B, SALT)
    assert counts["tips"] == 1
    session.expire_all()
    askers = session.exec(select(TipAsker).where(TipAsker.tip_id == tip.id)).all()
    assert len(askers) == 2 and session.get(Tip, tip.id).askers == 2
    assert not [a for a in askers if a.user_id == B or a.chat_id == B]
    assert privacy.purge_old_tips(session, 1, now=tip.created_at + timedelta(days=2)) == 1
    assert session.exec(select(TipAsker)).all() == [] and session.exec(select(Tip)).all() == []


def test_the_ids_of_people_who_joined_a_dismissed_tip_are_cleared(session):
    from claims.services.tips import dismiss_tip

    index = _index()
    tip = file_tip(session, index, CATS, salt=SALT, user_id=A).tip
    file_tip(session, index, CATS, salt=SALT, user_id=B)
    notify_on_tip(session, tip.id, salt=SALT, user_id=B, chat_id=B)
    privacy.clear_notify_ids(session)
    assert session.exec(select(TipAsker.user_id).where(TipAsker.user_id == B)).all() == [B]  # still waiting
    dismiss_tip(session, tip.id, actor_id=None, actor_name="desk")
    privacy.clear_notify_ids(session)
    assert session.exec(select(TipAsker).where(TipAsker.user_id == B)).all() == []


def test_tips_naming_different_people_or_places_stay_apart(session):
    """Near-duplicates that share every word but the name are two claims: a wrong merge would hide
    the second from the desk (a repeat keeps no text of its own)."""
    index = _index()
    pairs = [("Путин посетил Мурманск и открыл новый порт", "Лукашенко посетил Мурманск и открыл новый порт"),
             ("Путин посетил Мурманск и открыл новый порт", "Путин посетил Архангельск и открыл новый порт"),
             ("Мэр Самары ушёл в отставку после скандала", "Мэр Саратова ушёл в отставку после скандала"),
             ("Biden visited Kyiv last week", "Trump visited Kyiv last week")]
    for user, (first, other) in enumerate(pairs):
        tip = file_tip(session, index, first, salt=SALT, user_id=100 + user).tip
        filing = file_tip(session, index, other, salt=SALT, user_id=200 + user)
        assert not filing.repeat and filing.tip.id != tip.id and filing.tip.text == other, other
    same = file_tip(session, index, "МЭР САМАРЫ УШЁЛ В ОТСТАВКУ ПОСЛЕ СКАНДАЛА!!!", salt=SALT, user_id=300)
    assert same.repeat and same.tip.text == "Мэр Самары ушёл в отставку после скандала"


OMSK = ["В Омске закрыли мост через Иртыш на ремонт до осени",
        "В Омске открыли новую станцию метро у вокзала",
        "В Омске проезд в автобусах подорожал до сорока рублей",
        "В Омске снесли старый цирк ради торгового центра",
        "В Омске мэр запретил продавать пиротехнику детям",
        "В Омске построят ледовую арену на левом берегу",
        "В Омске отключат горячую воду на месяц во всех районах",
        "В Омске зоопарк купил двух белых медведей",
        "В Омске выпал снег в конце мая",
        "В Омске трамвайную линию продлят до аэропорта через два года",
        "В Омске водители такси устроили забастовку против агрегаторов",
        "В Омске нашли бивень мамонта при строительстве дома",
        "В Омске цены на бензин выросли на пять рублей за неделю"]


def test_a_repeat_joins_its_own_tip_among_many_open_tips_sharing_words_and_other_news_stays_apart(session):
    """The open-tip check re-ranks only a few candidates (TIP_CANDIDATES, for speed): a repeat must
    still find its own tip among a dozen that share words with it, and news that only shares words
    with them (another verb, another city) must still be a tip of its own."""
    index = _index()
    ids = [file_tip(session, index, text, salt=SALT, user_id=100 + i).tip.id for i, text in enumerate(OMSK)]
    assert len(set(ids)) == len(OMSK)
    for text, tip in [("Срочно: в Омске зоопарк купил двух белых медведей", OMSK[7]),
                      ("В Омске цены на бензин за неделю выросли на пять рублей", OMSK[12])]:
        filing = file_tip(session, index, text, salt=SALT, user_id=A)
        assert filing.repeat and filing.tip.text == tip and filing.tip.askers == 2, text
    for text in ["В Омске открыли мост через Иртыш после ремонта", "В Омске закрыли старую станцию метро у вокзала",
                 "В Томске выпал снег в конце мая"]:
        filing = file_tip(session, index, text, salt=SALT, user_id=B)
        assert not filing.repeat and filing.tip.id not in ids and filing.tip.text == text, text


def _filed_elsewhere(session, tid: int, text: str) -> Tip:
    """A tip another worker stored (its own id: as when its insert committed after a newer one's)."""
    from claims.services.tips import text_key, tip_normalized

    norm = tip_normalized(text, "ru")
    tip = Tip(id=tid, text=text, language="ru", normalized=norm, text_key=text_key(norm, text))
    session.add(tip)
    session.commit()
    return tip


POOLS = "Губернатор пообещал построить в области сорок новых бассейнов до конца лета"
NEAR_POOLS = "Губернатор обещал построить в области 40 новых бассейнов до конца лета!"


def test_a_tip_another_worker_committed_after_a_newer_one_is_still_found(session):
    mine = _index()
    first = file_tip(session, mine, CATS, salt=SALT, user_id=A).tip
    _filed_elsewhere(session, first.id + 2, "Мэрия продлит трамвайную линию до аэропорта через два года")
    mine.sync(session)  # as any post does: mine has read past first.id + 1
    late = _filed_elsewhere(session, first.id + 1, POOLS)  # its insert began before the newer one's
    joined = file_tip(session, mine, NEAR_POOLS, salt=SALT, user_id=B)
    assert joined.repeat and joined.tip.id == late.id and joined.tip.askers == 2


def test_tips_handled_or_deleted_elsewhere_do_not_hide_the_open_one_a_repeat_joins(session):
    from claims.services.tips import dismiss_tip

    mine = _index()
    # the same post filed by four workers at one instant (no lock across processes): four tips
    # (the last in other words: ranked below the other three for the repeat below)
    copies = [_filed_elsewhere(session, 100 + i, POOLS) for i in range(3)]
    copies.append(_filed_elsewhere(session, 103, "Губернатор пообещал построить в нашей области сорок новых "
                                                 "бассейнов до конца этого лета"))
    mine.sync(session)
    assert copies[3].id not in mine.candidates(NEAR_POOLS)  # the three copies come first
    for tip in copies[:2]:
        dismiss_tip(session, tip.id, actor_id=None, actor_name="desk")
    session.delete(session.get(Tip, copies[2].id))  # purged (retention) by another worker
    session.commit()
    again = file_tip(session, mine, NEAR_POOLS, salt=SALT, user_id=B)
    assert again.repeat and again.tip.id == copies[3].id and again.tip.askers == 2
