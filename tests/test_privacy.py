"""claims/services/privacy.py: /forget, tip retention and notify-id clearing, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import event
from sqlmodel import select

from claims.models import (
    AuditLog,
    ChatSetting,
    MatchFeedback,
    Moderator,
    Notification,
    Source,
    Subscription,
    Tip,
    UserPref,
    utcnow,
)
from bot.models import PersistenceEntry
from bot.persistence import SQLPersistence
from claims.services import privacy
from claims.services.catalog import add_claim
from claims.services.follow import follow
from claims.services.sources import submit_source
from claims.services.tips import link_tip, notify_on_tip, save_tip, user_hash
from claims.services.verdicts import set_verdict

STATE = SQLPersistence("sqlite://")  # forget_user works on the session it is given

SALT = "test-salt"
ALICE, BOB = 111_000_111, 222_000_222
GROUP = -100_555


def _claim(session, text="Министр заявил, что урожай пшеницы вырос на 40 процентов"):
    return add_claim(session, text, actor_name="test")


def _persist(session, kind, key, data):
    session.add(PersistenceEntry(kind=kind, key=key, data=json.dumps(data)))
    session.commit()


def _seed_user(session, uid, claim, *, chat=None, update_id=1):
    chat = chat or uid
    follow(session, uid, chat, claim.id)
    session.add(UserPref(user_id=uid, language="en"))
    session.add(ChatSetting(chat_id=uid, autocheck=True))
    session.commit()
    tip = save_tip(session, f"tip from {uid}", salt=SALT, user_id=uid, update_id=update_id)
    notify_on_tip(session, tip.id, salt=SALT, user_id=uid, chat_id=uid)
    src = submit_source(session, claim.id, f"https://example.org/{uid}", "refutes", "note",
                        submitter_id=uid, submitter_name=f"User {uid}")
    session.add(MatchFeedback(claim_id=claim.id, message_hash="m" * 64, user_hash=user_hash(SALT, uid)))
    session.add(AuditLog(actor_id=uid, actor_name=f"User {uid}", action="refused_review"))
    session.commit()
    _persist(session, "user_data", str(uid), {"lang": "en"})
    _persist(session, "chat_data", str(uid), {"x": 1})
    _persist(session, "conversations", f"submit:{uid},{uid}", {"name": "submit", "key": [uid, uid], "state": 1})
    return tip, src


def test_forget_user_removes_and_unlinks_everything_and_spares_others(session):
    claim = _claim(session)
    a_tip, a_src = _seed_user(session, ALICE, claim, update_id=1)
    b_tip, b_src = _seed_user(session, BOB, claim, update_id=2)
    # Alice also follows the claim from a group; Bob follows it from the same group.
    follow(session, ALICE, GROUP, _claim(session, "Второе утверждение о ценах на хлеб в регионе").id)
    _persist(session, "conversations", f"submit:{GROUP},{ALICE}", {"name": "submit", "key": [GROUP, ALICE],
                                                                     "state": 2})
    # a conversation whose key merely contains Alice's digits as a substring must survive
    _persist(session, "conversations", f"submit:{ALICE}9,{ALICE}9", {"name": "submit", "key": [ALICE * 10 + 9] * 2,
                                                                       "state": 1})
    set_verdict(session, claim.id, "false", reason="Росстат: рост 4%", by="mod")
    assert session.exec(select(Notification).where(Notification.chat_id == ALICE)).first() is not None

    counts = privacy.forget_user(session, ALICE, SALT, state=STATE)
    session.expire_all()

    assert counts["subscriptions"] == 2 and counts["preferences"] == 1 and counts["chat_settings"] == 1
    assert counts["persistence"] == 4 and counts["tips"] == 1 and counts["sources"] == 1
    assert counts["notifications"] >= 1 and counts["feedback"] == 1

    assert not session.exec(select(Subscription).where(Subscription.user_id == ALICE)).all()
    assert session.get(UserPref, ALICE) is None and session.get(ChatSetting, ALICE) is None
    assert not session.exec(select(Notification).where(Notification.chat_id == ALICE)).all()
    keys = {(p.kind, p.key) for p in session.exec(select(PersistenceEntry))}
    assert not any(str(ALICE) == k.split(":")[-1].split(",")[-1] for _, k in keys)
    assert ("conversations", f"submit:{ALICE}9,{ALICE}9") in keys
    tip = session.get(Tip, a_tip.id)
    assert tip.text == f"tip from {ALICE}"  # the text stays for the moderators
    assert (tip.user_hash, tip.user_id, tip.chat_id, tip.notify) == (None, None, None, False)
    src = session.get(Source, a_src.id)
    assert (src.submitter_id, src.submitter_name) == (None, None) and src.url.endswith(str(ALICE))
    assert session.exec(select(MatchFeedback).where(MatchFeedback.user_hash == user_hash(SALT, ALICE))).first() is None

    # Bob is untouched
    assert len(session.exec(select(Subscription).where(Subscription.user_id == BOB)).all()) == 1
    assert session.get(UserPref, BOB) is not None
    assert session.exec(select(Notification).where(Notification.chat_id == BOB)).first() is not None
    btip = session.get(Tip, b_tip.id)
    assert (btip.user_id, btip.notify, btip.user_hash) == (BOB, True, user_hash(SALT, BOB))
    assert session.get(Source, b_src.id).submitter_id == BOB
    assert {k for _, k in keys} >= {str(BOB), f"submit:{BOB},{BOB}"}

    # forgetting twice is harmless and finds nothing
    again = privacy.forget_user(session, ALICE, SALT, state=STATE)
    assert sum(again.values()) == 0


def test_forget_keeps_group_notices_another_member_asked_for(session):
    claim = _claim(session)
    follow(session, ALICE, GROUP, claim.id)
    set_verdict(session, claim.id, "false", reason="r1", by="mod")
    privacy.forget_user(session, ALICE, SALT, state=STATE)
    assert session.exec(select(Notification).where(Notification.chat_id == GROUP)).first() is None

    claim2 = _claim(session, "Третье утверждение про мосты и дороги региона")
    follow(session, ALICE, GROUP, claim2.id)
    follow(session, BOB, GROUP, claim2.id)
    set_verdict(session, claim2.id, "false", reason="r2", by="mod")
    privacy.forget_user(session, ALICE, SALT, state=STATE)
    assert session.exec(select(Notification).where(Notification.chat_id == GROUP)).first() is not None


def test_forget_pseudonymises_the_audit_log_and_moderation_records(session, engine):
    """/forget keeps every audit row and its action but replaces the actor by a salted hash; the
    database accepts that one change and still refuses any other (migration 0006)."""
    import pytest
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    from claims.models import VerdictHistory
    from claims.services.moderators import Actor, add_moderator, authorize
    from claims.services.sources import review_source, submit_source

    claim = _claim(session)
    with pytest.raises(Exception):  # a refused /queue writes Alice's id and full name to the audit log
        authorize(session, ALICE, "Alice Liddell", admin_ids=[1], action="/queue")
    add_moderator(session, Actor(1, "Admin", "admin"), ALICE, name="Alice Liddell")
    alice = Actor(ALICE, "Alice Liddell", "moderator")
    src = submit_source(session, claim.id, "https://a.example/1", "supports", submitter_id=BOB)
    review_source(session, src.id, True, reviewer_id=alice.user_id, reviewer_name=alice.name)
    set_verdict(session, claim.id, "true", reason="источник", by=alice.name, by_user_id=ALICE)
    set_verdict(session, claim.id, "false", reason="другой", by="Bob", by_user_id=BOB)
    before = {a.id: (a.action, a.before, a.after, a.created_at) for a in session.exec(select(AuditLog))}

    counts = privacy.forget_user(session, ALICE, SALT)
    session.expire_all()
    rows = session.exec(select(AuditLog).order_by(AuditLog.id)).all()
    assert {a.id: (a.action, a.before, a.after, a.created_at) for a in rows} == before  # nothing lost
    assert counts["audit_log"] >= 4
    uhash = privacy.user_hash(SALT, ALICE)
    for a in rows:
        assert a.actor_id != ALICE and a.object_id != ALICE
        assert "Alice" not in (a.actor_name or "")
    assert {a.action for a in rows if a.actor_hash == uhash} >= {"denied", "source_approved", "verdict"}
    assert [a.object_hash for a in rows if a.action == "mod_add"] == [uhash]
    assert [a.actor_name for a in rows if a.action == "mod_add"] == ["Admin"]  # the admin is not forgotten
    history = session.exec(select(VerdictHistory).order_by(VerdictHistory.id)).all()
    assert [(h.by, h.by_user_id) for h in history] == [(privacy.pseudonym(uhash), None), ("Bob", BOB)]
    assert session.get(Source, src.id).reviewer_name == privacy.pseudonym(uhash)
    assert session.get(Moderator, ALICE).name is None
    session.close()
    for stmt in ("UPDATE auditlog SET action = 'x'", "UPDATE auditlog SET actor_id = 5 WHERE actor_id IS NULL",
                 "UPDATE auditlog SET actor_name = NULL WHERE actor_hash IS NULL",
                 "UPDATE auditlog SET actor_hash = 'other' WHERE actor_hash IS NOT NULL", "DELETE FROM auditlog"):
        with pytest.raises(DBAPIError) as err:
            with engine.begin() as conn:
                conn.execute(text(stmt))
        assert "append-only" in str(err.value), stmt


def test_forget_is_one_transaction(session, engine):
    claim = _claim(session)
    _seed_user(session, ALICE, claim)
    calls = {"n": 0}

    def boom(conn, cursor, statement, params, context, executemany):  # noqa: ANN001
        if statement.lstrip().upper().startswith("UPDATE SOURCE"):
            calls["n"] += 1
            raise RuntimeError("disk on fire")

    event.listen(engine, "before_cursor_execute", boom)
    try:
        with pytest.raises(Exception, match="disk on fire"):
            privacy.forget_user(session, ALICE, SALT, state=STATE)
    finally:
        event.remove(engine, "before_cursor_execute", boom)
    assert calls["n"] == 1
    session.expire_all()
    # the subscription deleted before the failure came back with the rollback
    assert session.exec(select(Subscription).where(Subscription.user_id == ALICE)).first() is not None
    assert session.get(UserPref, ALICE) is not None


def test_purge_old_tips_deletes_stale_and_anonymises_linked(session):
    claim = _claim(session)
    old = utcnow() - timedelta(days=200)
    fresh = save_tip(session, "fresh tip", salt=SALT, user_id=ALICE, update_id=10)
    stale_open = save_tip(session, "stale open", salt=SALT, user_id=ALICE, update_id=11)
    stale_linked = save_tip(session, "stale linked", salt=SALT, user_id=ALICE, update_id=12,
                            origin_title="Alice Channel")
    notify_on_tip(session, stale_linked.id, salt=SALT, user_id=ALICE, chat_id=ALICE)
    link_tip(session, stale_linked.id, claim.id, actor_id=1, actor_name="mod")
    for tip in (stale_open, stale_linked):
        session.get(Tip, tip.id).created_at = old
    session.commit()

    assert privacy.purge_old_tips(session, 180) == 1
    session.expire_all()
    assert session.get(Tip, stale_open.id) is None
    assert session.get(Tip, fresh.id).user_hash == user_hash(SALT, ALICE)
    linked = session.get(Tip, stale_linked.id)
    assert linked.text == "stale linked" and linked.claim_id == claim.id
    assert (linked.user_hash, linked.user_id, linked.chat_id, linked.notify, linked.origin_title) == (
        None, None, None, False, None)
    assert privacy.purge_old_tips(session, 180) == 0
    with pytest.raises(ValueError):
        privacy.purge_old_tips(session, 0)


def test_clear_notify_ids_keeps_only_what_is_needed(session):
    claim = _claim(session)
    wants = save_tip(session, "wants to hear", salt=SALT, user_id=ALICE, update_id=20)
    notify_on_tip(session, wants.id, salt=SALT, user_id=ALICE, chat_id=ALICE)
    stale = save_tip(session, "was dismissed", salt=SALT, user_id=BOB, update_id=21)
    notify_on_tip(session, stale.id, salt=SALT, user_id=BOB, chat_id=BOB)
    session.get(Tip, stale.id).status = "dismissed"
    # a tip whose notify flag was switched off but kept the id by mistake
    orphan = Tip(text="orphan", user_id=333, chat_id=333, notify=False)
    follower = Tip(text="follower", user_id=444, chat_id=444, notify=False)
    session.add_all([orphan, follower])
    session.commit()
    follow(session, 444, 444, claim.id)

    assert privacy.clear_notify_ids(session, user_id=ALICE) == 0
    assert privacy.clear_notify_ids(session) == 2
    session.expire_all()
    assert session.get(Tip, wants.id).user_id == ALICE
    assert session.get(Tip, stale.id).user_id is None and session.get(Tip, stale.id).notify is False
    assert session.get(Tip, orphan.id).user_id is None
    assert session.get(Tip, follower.id).user_id == 444
    assert privacy.retention_sweep(session, 180) == {"tips_purged": 0, "notify_ids_cleared": 0}


def test_forget_user_on_an_unknown_user_is_a_no_op(session):
    counts = privacy.forget_user(session, 999, SALT)
    assert set(counts) >= {"subscriptions", "preferences", "persistence", "notifications", "tips", "sources"}
    assert sum(counts.values()) == 0


def test_forget_leaves_no_id_or_name_of_a_moderator_in_any_table(session):
    """Alice, an admin, handled tips and added a moderator, then asked to be forgotten: her id and
    name are nowhere any more, in any column of any table (the tips she handled included)."""
    from claims.backup import backup_tables
    from claims.services.moderators import Actor, add_moderator
    from claims.services.tips import convert_tip, dismiss_tip

    claim = _claim(session)
    alice = Actor(ALICE, "Alice Liddell", "admin")
    add_moderator(session, alice, BOB, name="Bob")
    for text, handle in (("Говорят, мост закроют", lambda t: link_tip(session, t, claim.id, actor_id=ALICE,
                                                                         actor_name=alice.name)),
                         ("Бензин подорожает", lambda t: dismiss_tip(session, t, actor_id=ALICE,
                                                                       actor_name=alice.name)),
                         ("Школы закроют на карантин", lambda t: convert_tip(session, t, actor_id=ALICE,
                                                                               actor_name=alice.name))):
        handle(save_tip(session, text, salt=SALT, user_id=BOB).id)
    linked_by_bob = save_tip(session, "Другой совет", salt=SALT, user_id=ALICE)
    link_tip(session, linked_by_bob.id, claim.id, actor_id=BOB, actor_name="Bob")

    privacy.forget_user(session, ALICE, SALT)
    session.expire_all()
    left = []
    with session.get_bind().connect() as conn:
        for table in backup_tables():
            for row in conn.execute(select(*table.columns)):
                for column, value in zip(table.columns, row):
                    if (value == ALICE and column.name not in ("id", "claim_id")) or (
                            isinstance(value, str) and "Alice" in value):
                        left.append(f"{table.name}.{column.name}")
    assert left == []
    assert session.get(Tip, linked_by_bob.id).handled_by == "Bob"  # another moderator's name stays


def test_the_audit_log_lets_forget_pseudonymise_and_refuses_erasing_or_inventing_an_actor(session, engine):
    """The one UPDATE the database allows replaces a *recorded id* by a hash; it cannot erase a name
    recorded without an id (the CLI's --by), nor pin a made-up hash on a row that had no actor."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    claim = _claim(session)
    set_verdict(session, claim.id, "false", reason="проверка", by="Редактор")  # a name, no id
    add_claim(session, "Совсем другое утверждение о мостах")  # a row with no actor at all
    session.close()
    for stmt in ("UPDATE auditlog SET actor_name = NULL, actor_hash = 'h' WHERE actor_name = 'Редактор'",
                 "UPDATE auditlog SET actor_hash = 'h' WHERE actor_id IS NULL AND actor_name IS NULL",
                 "UPDATE auditlog SET actor_hash = 'h' WHERE actor_name = 'Редактор'"):
        with pytest.raises(DBAPIError) as err:
            with engine.begin() as conn:
                conn.execute(text(stmt))
        assert "append-only" in str(err.value), stmt
