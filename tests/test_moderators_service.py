"""Moderator roles, authorisation, queue, history, stats and the append-only audit log (service layer).

Runs on SQLite and PostgreSQL through the shared `session`/`engine` fixtures.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlmodel import Session, select

from claims.errors import Conflict, Forbidden, InvalidInput, NotFound
from claims.models import AuditLog, Claim, MatchEvent, Moderator, Tip, VerdictHistory
from claims.services import moderators as mods
from claims.services.catalog import add_claim, merge_claims
from claims.services.sources import review_source, submit_source
from bot.moderation.report import render_chart
from claims.services.stats import collect_stats
from claims.services.tips import link_tip, save_tip
from claims.services.verdicts import EvidenceRequired
from claims.verdicts import split_verdict

ADMIN_ID = 1000
ADMINS = frozenset({ADMIN_ID})
ADMIN = mods.Actor(ADMIN_ID, "Admin A", mods.ADMIN)


def _audit(session: Session, action: str | None = None) -> list[AuditLog]:
    q = select(AuditLog).order_by(AuditLog.id)
    if action:
        q = q.where(AuditLog.action == action)
    return list(session.exec(q))


# --- roles and authorisation ---------------------------------------------------------------------

def test_roles_come_from_config_and_table(session):
    assert mods.role_of(session, ADMIN_ID, ADMINS) == mods.ADMIN
    assert mods.role_of(session, 5, ADMINS) is None
    assert mods.add_moderator(session, ADMIN, "5", name="Mo", admin_ids=ADMINS) is True
    assert mods.add_moderator(session, ADMIN, 5, admin_ids=ADMINS) is False  # already: nothing new
    assert mods.role_of(session, 5, ADMINS) == mods.MODERATOR
    assert mods.moderator_ids(session, ADMINS) == {ADMIN_ID, 5}
    assert [r.role for r in mods.list_moderators(session, ADMINS)] == [mods.ADMIN, mods.MODERATOR]
    assert mods.remove_moderator(session, ADMIN, 5, admin_ids=ADMINS) is True
    assert mods.remove_moderator(session, ADMIN, 5, admin_ids=ADMINS) is False
    assert mods.role_of(session, 5, ADMINS) is None
    assert [a.action for a in _audit(session)] == ["mod_add", "mod_remove"]


@pytest.mark.parametrize("bad", ["@someone", "abc", "0", "-5", "1" * 20, ""])
def test_user_ids_must_be_numeric(session, bad):
    with pytest.raises(InvalidInput):
        mods.add_moderator(session, ADMIN, bad, admin_ids=ADMINS)
    assert session.exec(select(Moderator)).all() == []


def test_admins_cannot_be_removed_and_moderators_cannot_manage_roles(session):
    with pytest.raises(Conflict):
        mods.remove_moderator(session, ADMIN, ADMIN_ID, admin_ids=ADMINS)
    mods.add_moderator(session, ADMIN, 5, admin_ids=ADMINS)
    mod = mods.Actor(5, "Mo", mods.MODERATOR)
    with pytest.raises(Forbidden):
        mods.add_moderator(session, mod, 6, admin_ids=ADMINS)
    with pytest.raises(Forbidden):
        mods.remove_moderator(session, mod, 5, admin_ids=ADMINS)
    assert mods.role_of(session, 6, ADMINS) is None


def test_authorize_records_refusals(session):
    actor = mods.authorize(session, ADMIN_ID, "Admin A", ADMINS, "/queue")
    assert actor.is_admin and actor.name == "Admin A"
    with pytest.raises(Forbidden):
        mods.authorize(session, 42, "Mallory <b>", ADMINS, "/verdict 1 false x")
    mods.add_moderator(session, ADMIN, 5, admin_ids=ADMINS)
    assert mods.authorize(session, 5, "Mo", ADMINS, "/queue").role == mods.MODERATOR
    with pytest.raises(Forbidden):
        mods.authorize(session, 5, "Mo", ADMINS, "/mod_add 7", need=mods.ADMIN)
    denied = _audit(session, "denied")
    assert [(d.actor_id, d.actor_name, d.after) for d in denied] == [
        (42, "Mallory <b>", "/verdict 1 false x"), (5, "Mo", "/mod_add 7")]


# --- queue ---------------------------------------------------------------------------------------

def _claim(session, text="The unemployment rate fell to 3 percent in May") -> Claim:
    return add_claim(session, text, lang="en", actor_id=ADMIN_ID, actor_name="Admin A")


def _tip(session, text="Somebody said the bridge cost ten billion", **kw) -> Tip:
    return save_tip(session, text, salt="s", user_id=77, language="en", **kw)


def test_queue_mixes_sources_and_tips_oldest_first(session):
    claim = _claim(session)
    now = datetime.now(timezone.utc)
    s1 = submit_source(session, claim.id, "https://example.org/a", "refutes")
    t1 = _tip(session)
    s2 = submit_source(session, claim.id, "https://example.org/b", "supports")
    s1.created_at, t1.created_at, s2.created_at = now - timedelta(hours=1), now - timedelta(hours=3), now
    session.add_all([s1, t1, s2])
    session.commit()
    items = mods.queue_items(session, limit=10)
    assert [i.key for i in items] == [f"t{t1.id}", f"s{s1.id}", f"s{s2.id}"]
    assert items[1].claim.id == claim.id
    assert [i.key for i in mods.queue_items(session, skip={f"t{t1.id}"})] == [f"s{s1.id}"]
    size = mods.queue_size(session)
    assert (size.sources, size.tips, size.total) == (2, 1, 3)
    assert abs((size.oldest - t1.created_at).total_seconds()) < 1
    review_source(session, s1.id, True, reviewer_id=ADMIN_ID, reviewer_name="Admin A")
    assert [i.key for i in mods.queue_items(session, limit=10)] == [f"t{t1.id}", f"s{s2.id}"]
    with pytest.raises(NotFound):
        mods.queue_item(session, "tip", 999)


def test_queue_actions_say_who_was_quicker(session):
    claim = _claim(session)
    src, tip = submit_source(session, claim.id, "https://example.org/a", "refutes"), _tip(session)
    assert mods.queue_item(session, "source", src.id).waiting and mods.queue_item(session, "tip", tip.id).waiting
    assert mods.reject_source(session, ADMIN, src.id, "broken link").applied
    late = mods.approve_source(session, mods.Actor(5, "Mo"), src.id)
    assert not late.applied and late.handled_by == "Admin A"
    assert mods.dismiss_queued_tip(session, ADMIN, tip.id).applied
    item = mods.queue_item(session, "tip", tip.id)
    assert not item.waiting and item.handled_by == "Admin A"


def test_typed_link_search_takes_a_number_as_a_live_claim(session):
    keep, dup = _claim(session), _claim(session, "Unemployment dropped to three percent in May")
    assert [c.id for c in mods.search_link_choices(session, None, f"#{keep.id}")] == [keep.id]
    merge_claims(session, keep.id, dup.id, actor_id=ADMIN_ID, actor_name="Admin A")
    assert mods.search_link_choices(session, None, str(dup.id)) == []
    assert mods.search_link_choices(session, None, "999") == []


@pytest.mark.parametrize("line, parsed", [
    ("Inflation was 4%", (None, "Inflation was 4%", None)),
    ("Minister | Inflation was 4% | https://news.example.org/a", ("Minister", "Inflation was 4%",
                                                                 "https://news.example.org/a")),
    ("| Inflation was 4%", (None, "Inflation was 4%", None)),
    ("A | b | c", ("A", "b | c", None)),
    ("Inflation was 4% | https://x.org/a b", ("Inflation was 4%", "https://x.org/a b", None)),
    ("", (None, "", None)),
    ("| |", (None, "", None)), ("Minister | |", ("Minister", "", None)), ("A |  | b", ("A", "b", None)),
])
def test_a_claim_line_splits_into_speaker_text_and_url(line, parsed):
    assert mods.parse_claim_line(line) == parsed


@pytest.mark.parametrize("words, parsed", [
    ("mostly false per the data", ("mostly false", "per the data")), ("частично правда да", ("частично правда", "да")),
    ("false", ("false", "")), ("", ("", "")), ("bogus the reason", ("bogus", "the reason")),
])
def test_the_verdict_is_the_longest_leading_verdict_words(words, parsed):
    assert split_verdict(words.split()) == parsed


# --- verdicts ------------------------------------------------------------------------------------

def test_verdict_needs_evidence_or_recorded_override(session):
    claim = _claim(session)
    with pytest.raises(EvidenceRequired):
        mods.set_claim_verdict(session, ADMIN, claim.id, "false", "no such data")
    session.rollback()
    assert session.get(Claim, claim.id).verdict == "unverified"
    entry = mods.set_claim_verdict(session, ADMIN, claim.id, "unproven", "cannot be checked")
    assert not entry.override
    entry = mods.set_claim_verdict(session, ADMIN, claim.id, "false", "official data", override=True)
    assert entry.override and entry.old_verdict == "unproven" and entry.new_verdict == "false"
    assert [a.action for a in _audit(session) if a.action.startswith("verdict")] == ["verdict", "verdict_override"]
    src = submit_source(session, claim.id, "https://stat.example.org/may", "refutes")
    review_source(session, src.id, True, reviewer_id=ADMIN_ID, reviewer_name="Admin A")
    assert not mods.set_claim_verdict(session, ADMIN, claim.id, "mostly_false", "per the source").override


def test_verdict_bad_input_changes_nothing(session):
    claim = _claim(session)
    with pytest.raises(InvalidInput) as err:
        mods.set_claim_verdict(session, ADMIN, claim.id, "bogus", "reason")
    assert "mostly_false" in err.value.params["valid"]
    with pytest.raises(InvalidInput):
        mods.set_claim_verdict(session, ADMIN, claim.id, "unproven", "x" * 1001)
    with pytest.raises(NotFound):
        mods.set_claim_verdict(session, ADMIN, 999, "unproven", "reason")
    session.rollback()
    assert session.exec(select(VerdictHistory)).all() == []


def test_verdict_on_merged_duplicate_is_refused(session):
    keep, dup = _claim(session), _claim(session, "Unemployment dropped to three percent in May")
    merge_claims(session, keep.id, dup.id, actor_id=ADMIN_ID, actor_name="Admin A")
    with pytest.raises(Conflict) as err:
        mods.set_claim_verdict(session, ADMIN, dup.id, "unproven", "reason")
    assert err.value.params["merged_into"] == keep.id
    assert session.get(Claim, keep.id).verdict == "unverified"


@pytest.mark.parametrize("pair", ["self", "cycle"])
def test_merge_self_or_cycle_is_refused(session, pair):
    a, b = _claim(session), _claim(session, "Unemployment dropped to three percent in May")
    if pair == "self":
        with pytest.raises(InvalidInput):
            merge_claims(session, a.id, a.id)
    else:
        merge_claims(session, a.id, b.id)
        with pytest.raises(Conflict):
            merge_claims(session, b.id, a.id)
    session.rollback()
    assert session.get(Claim, a.id).merged_into_id is None


# --- history -------------------------------------------------------------------------------------

def test_history_has_verdicts_and_actions_including_merged_duplicates(session):
    keep, dup = _claim(session), _claim(session, "Unemployment dropped to three percent in May")
    src = submit_source(session, dup.id, "https://stat.example.org/may", "refutes")
    review_source(session, src.id, True, reviewer_id=ADMIN_ID, reviewer_name="Admin A")
    mods.set_claim_verdict(session, ADMIN, dup.id, "false", "stat office")
    tip = _tip(session)
    link_tip(session, tip.id, keep.id, actor_id=ADMIN_ID, actor_name="Admin A")
    merge_claims(session, keep.id, dup.id, actor_id=ADMIN_ID, actor_name="Admin A")
    with pytest.raises(Forbidden):
        mods.authorize(session, 42, "Mallory", ADMINS, "button", claim_id=keep.id)
    claim, entries = mods.claim_history(session, dup.id)  # the duplicate leads to the kept claim
    assert claim.id == keep.id
    actions = [e.action for e in entries]
    assert actions.count("verdict") == 1 and "denied" not in actions
    assert {"claim_add", "source_approved", "tip_link", "claim_merge"} <= set(actions)
    verdict = next(e for e in entries if e.action == "verdict")
    assert (verdict.before, verdict.after, verdict.who, verdict.reason) == ("unverified", "false", "Admin A",
                                                                            "stat office")
    assert [e.at for e in entries] == sorted(e.at for e in entries)


# --- the race ------------------------------------------------------------------------------------

def test_two_concurrent_approvals_one_wins(engine):
    with Session(engine, expire_on_commit=False) as s:
        claim = _claim(s)
        sid = submit_source(s, claim.id, "https://example.org/race", "refutes").id
    barrier = threading.Barrier(2)
    outcomes = {}

    def approve(name: str, uid: int) -> None:
        with Session(engine, expire_on_commit=False) as s:
            barrier.wait()
            outcomes[name] = review_source(s, sid, True, reviewer_id=uid, reviewer_name=name)

    threads = [threading.Thread(target=approve, args=(n, u)) for n, u in (("Ann", 1), ("Bob", 2))]
    for th in threads:
        th.start()
    for th in threads:
        th.join(30)
    assert sorted(o.applied for o in outcomes.values()) == [False, True]
    winner = next(n for n, o in outcomes.items() if o.applied)
    loser = next(o for o in outcomes.values() if not o.applied)
    assert loser.handled_by == winner
    with Session(engine) as s:
        assert len(s.exec(select(AuditLog).where(AuditLog.action == "source_approved")).all()) == 1


# --- append-only audit log ----------------------------------------------------------------------

def test_database_refuses_to_change_audit_rows(engine):
    with Session(engine) as s:
        mods.add_moderator(s, ADMIN, 5, admin_ids=ADMINS)
    for stmt in ("UPDATE auditlog SET actor_name = 'x'", "DELETE FROM auditlog"):
        with pytest.raises((DBAPIError, IntegrityError)) as err:
            with engine.begin() as conn:
                conn.execute(text(stmt))
        assert "append-only" in str(err.value)
    with Session(engine) as s:
        assert [a.actor_name for a in _audit(s)] == ["Admin A"]


def test_no_service_path_updates_or_deletes_audit_rows(engine):
    """Every moderation use case, watched at the SQL level: only INSERTs ever reach auditlog."""
    seen: list[str] = []

    def watch(conn, cursor, statement, params, context, executemany):  # noqa: ANN001
        sql = " ".join(statement.split()).lower()
        if "auditlog" in sql and not sql.startswith(("insert", "select")):
            seen.append(sql)

    event.listen(engine, "before_cursor_execute", watch)
    try:
        with Session(engine, expire_on_commit=False) as s:
            mods.add_moderator(s, ADMIN, 5, admin_ids=ADMINS)
            mods.remove_moderator(s, ADMIN, 5, admin_ids=ADMINS)
            with pytest.raises(Forbidden):
                mods.authorize(s, 9, "x", ADMINS, "/queue")
            a, b = _claim(s), _claim(s, "Unemployment dropped to three percent in May")
            src = submit_source(s, b.id, "https://e.org/1", "refutes")
            review_source(s, src.id, True, reviewer_id=1, reviewer_name="A")
            review_source(s, src.id, False, reviewer_id=2, reviewer_name="B", reason="dup")
            mods.set_claim_verdict(s, ADMIN, b.id, "false", "because")
            from claims.services.tips import convert_tip, dismiss_tip

            convert_tip(s, _tip(s, "first tip text").id, actor_id=1, actor_name="A")
            dismiss_tip(s, _tip(s, "second tip text").id, actor_id=1, actor_name="A")
            link_tip(s, _tip(s, "third tip text").id, a.id, actor_id=1, actor_name="A")
            from claims.services.catalog import edit_claim

            edit_claim(s, a.id, "The unemployment rate fell to 3.1 percent in May", actor_id=1, actor_name="A")
            merge_claims(s, a.id, b.id, actor_id=1, actor_name="A")
            mods.claim_history(s, a.id)
    finally:
        event.remove(engine, "before_cursor_execute", watch)
    assert seen == []


# --- ingest --------------------------------------------------------------------------------------

def test_ingest_confirmed_stores_what_was_shown_and_audits_it(session):
    from claims.extract import ExtractedClaim

    shown = [ExtractedClaim("The minister said exports grew by 12 percent in 2024.", "minister", [], 0.9, 0, False)]
    result = mods.ingest_confirmed(session, ADMIN, "Exports.\nThe minister said exports grew by 12 percent in "
                                   "2024. Other text.", shown, lang="en")
    assert [c.text for c in result.claims] == [shown[0].text]
    rows = _audit(session, "claim_ingest")
    assert [(r.claim_id, r.actor_id) for r in rows] == [(result.claims[0].id, ADMIN_ID)]
    again = mods.ingest_confirmed(session, ADMIN, "Exports.\nThe minister said exports grew by 12 percent in "
                                  "2024. Other text.", shown, lang="en")
    assert not again.created and len(_audit(session, "claim_ingest")) == 1


# --- stats ---------------------------------------------------------------------------------------

def test_stats_counts_and_chart(session):
    now = datetime(2026, 3, 10, 12, 0, tzinfo=timezone.utc)
    a = _claim(session)
    _claim(session, "Unemployment dropped to three percent in May")
    mods.set_claim_verdict(session, ADMIN, a.id, "unproven", "no data")
    t = _tip(session)
    t.created_at = now - timedelta(days=1, hours=2)
    session.add(t)
    for days_ago, fwd, matched in [(0, True, True), (0, True, False), (1, False, True), (30, True, True)]:
        session.add(MatchEvent(forwarded=fwd, matched=matched, created_at=now - timedelta(days=days_ago)))
    session.commit()
    st = collect_stats(session, days=7, now=now)
    assert st.by_verdict["unverified"] == 1 and st.by_verdict["unproven"] == 1 and st.claims_total == 2
    assert list(st.by_verdict)[:2] == ["unverified", "true"]
    assert (st.queue.tips, st.queue.sources) == (1, 0)
    assert st.oldest_age == timedelta(days=1, hours=2)
    assert len(st.daily) == 7 and st.daily[-1].day == now.date()
    assert (st.daily[-1].checked, st.daily[-1].matched, st.daily[-1].forwarded) == (2, 1, 2)
    assert (st.daily[-2].tips, st.daily[-2].checked) == (1, 1)
    assert (st.forwarded, st.forwarded_matched, st.forwarded_share) == (2, 1, 0.5)
    png = render_chart(st, "ru")
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5000


def test_stats_on_empty_database(session):
    st = collect_stats(session)
    assert st.claims_total == 0 and st.forwarded_share is None and st.oldest_age is None
    assert render_chart(st, "en").startswith(b"\x89PNG")
