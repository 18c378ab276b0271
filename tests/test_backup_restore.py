"""`claims export --format jsonl` + `claims import` restore a desk: every table, the same ids, on both
databases and from SQLite into PostgreSQL; a backup is never poured into a database that holds data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import Session, select

from claims.db import open_database

SAMPLE = Path(__file__).resolve().parent.parent / "claims" / "data" / "sample_article.txt"


def _fill_desk(engine) -> None:
    """A desk with every kind of row: merged claims, reviewed sources, history, followers, tips,
    moderators, refused attempts in the audit log, preferences, the outbox, feedback."""
    from bot.models import PersistenceEntry
    from claims.models import ChatSetting, MatchEvent
    from claims.services.catalog import add_claim, merge_claims
    from claims.services.follow import follow
    from claims.services.moderators import Actor, add_moderator, authorize
    from claims.services.prefs import record_feedback, set_language
    from claims.services.sources import review_source, submit_source
    from claims.services.tips import convert_tip, notify_on_tip, save_tip
    from claims.services.verdicts import set_verdict

    with Session(engine, expire_on_commit=False) as s:
        first = add_claim(s, "Путин посетил Северную Корею в прошлом году", speaker="Кремль")
        dup = add_claim(s, "В прошлом году Путин посетил КНДР")
        keep = add_claim(s, "Путин посетил КНДР в 2024 году")
        add_claim(s, "Путин посетил Северную Корею в прошлом году")  # the same text again, kept
        merge_claims(s, keep.id, dup.id, actor_id=7, actor_name="Мод")  # merged into a later id
        src = submit_source(s, first.id, "https://mid.ru/statement", "supports", "заявление", submitter_id=42,
                            submitter_name="Иван")
        review_source(s, src.id, True, reviewer_id=7, reviewer_name="Мод", reason="официально")
        submit_source(s, keep.id, "https://mid.ru/statement", "context", submitter_id=43)  # same URL, other claim
        for uid in (42, 43, 44):
            follow(s, uid, uid, first.id)
        follow(s, 42, -100123, keep.id)  # a group chat
        set_verdict(s, first.id, "true", reason="Есть заявление", by="Мод", by_user_id=7)
        tip = save_tip(s, "Говорят, цены на бензин вырастут", salt="salt", user_id=42, update_id=900,
                       links=["https://t.me/c/1/2", "https://example.org/пост"])
        notify_on_tip(s, tip.id, salt="salt", user_id=42, chat_id=42)
        tip2 = save_tip(s, "Новый мост откроют завтра", salt="salt", user_id=43)
        convert_tip(s, tip2.id, actor_id=7, actor_name="Мод")
        add_moderator(s, Actor(1, "Админ", "admin"), 7, name="Мод")
        with pytest.raises(Exception):
            authorize(s, 99, "Посторонний", admin_ids=[1], action="/queue")
        set_language(s, 42, "en")
        record_feedback(s, first.id, "сообщение", 61.5, user_id=44, salt="salt")
        s.add(ChatSetting(chat_id=-100123, autocheck=True))
        s.add(MatchEvent(forwarded=True, matched=True, top_claim_id=first.id, top_score=77.25))
        s.add(PersistenceEntry(kind="user_data", key="42", data='{"lang": "en"}'))
        s.commit()
        save_tip(s, "говорят, цены на бензин вырастут!", salt="salt", user_id=44)  # a repeat: a second asker
        _fill_working_state(s)


def _fill_working_state(s) -> None:
    """The running bot's transient rows: an update still in the inbox, an album part waiting for its
    answer, an answered album, the rate limit's count (raw texts and user ids among them)."""
    from bot.models import AlbumAnswer, AlbumPart, InboxUpdate, RateHit

    s.add(InboxUpdate(update_id=5001, payload='{"update_id": 5001, "message": {"text": "личное"}}', chat_id=42))
    s.add(AlbumPart(chat_id=42, media_group_id="g1", message_id=7, update_json='{"update_id": 5002}'))
    s.add(AlbumAnswer(chat_id=42, media_group_id="g0"))
    s.add(RateHit(user_key="k" * 32, kind="hit", at=1.5))
    s.commit()


TRANSIENT = ("inboxupdate", "albumpart", "albumanswer", "ratehit")


def _tables(engine) -> dict[str, list[tuple]]:
    from claims.backup import backup_tables

    out = {}
    with engine.connect() as conn:
        for table in backup_tables(conn):
            out[table.name] = [tuple(r) for r in conn.execute(
                select(*table.columns).order_by(*table.primary_key.columns))]
    return out


def _export(run_cli, tmp_path) -> Path:
    dump = tmp_path / "backup.jsonl"
    proc = run_cli("export", "--format", "jsonl", "-o", str(dump))
    assert proc.returncode == 0, proc.stderr
    return dump


def _check_restored(before: dict, restored_url: str) -> None:
    from claims.services.catalog import add_claim
    from claims.services.sources import submit_source

    engine = open_database(restored_url)
    try:
        after = _tables(engine)
        for name, rows in before.items():
            assert after[name] == rows, name
        with Session(engine) as s:  # new rows continue after the restored ids
            claim = add_claim(s, "Совсем новое утверждение о ценах")
            assert claim.id == max(r[0] for r in before["claim"]) + 1
            src = submit_source(s, claim.id, "https://new.example/x", "refutes")
            assert src.id == max(r[0] for r in before["source"]) + 1
    finally:
        engine.dispose()


def _restore_target(kind: str, tmp_path):
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'restored.db'}", lambda: None
    from tests.conftest import make_postgres_schema_url

    return make_postgres_schema_url()


@pytest.mark.parametrize("target", ["same", "postgres"])
def test_backup_restores_every_table_with_the_same_ids(run_cli, engine, db_url, tmp_path, target):
    if target == "postgres" and not db_url.startswith("sqlite"):
        pytest.skip("PostgreSQL → PostgreSQL is the 'same' case")
    _fill_desk(engine)
    before = _tables(engine)
    assert len(before["claim"]) == 5 and any(r for r in before["auditlog"])
    # what a desk needs is in the backup: every asker of a tip, a tip's links
    assert len(before["tipasker"]) == 3 and any("example.org" in str(r) for r in before["tip"])
    assert not set(TRANSIENT) & set(before)  # the bot's working state is not
    dump = _export(run_cli, tmp_path)
    header = json.loads(dump.read_text(encoding="utf-8").splitlines()[0])
    assert header["format"] == "claims-backup" and header["tables"]["claim"] == 5
    assert header["tables"]["tipasker"] == 3 and not set(TRANSIENT) & set(header["tables"])
    text = dump.read_text(encoding="utf-8")
    assert "личное" not in text and '"type": "ratehit"' not in text
    kind = "postgres" if target == "postgres" or not db_url.startswith("sqlite") else "sqlite"
    url, drop = _restore_target(kind, tmp_path)
    try:
        dry = run_cli("import", str(dump), "--dry-run", env={"DATABASE_URL": url})
        assert dry.returncode == 0 and "Dry run" in dry.stdout, dry.stderr
        engine2 = open_database(url)
        with engine2.connect() as conn:
            from claims.models import Claim

            assert conn.execute(select(Claim.id)).first() is None  # the dry run wrote nothing
        engine2.dispose()
        proc = run_cli("import", str(dump), "--json", env={"DATABASE_URL": url})
        assert proc.returncode == 0, proc.stderr
        report = json.loads(proc.stdout)
        assert report["backup"] is True and report["tables"]["claim"] == 5
        _check_restored(before, url)
        engine3 = open_database(url)
        with engine3.connect() as conn:
            from sqlalchemy import func, table

            assert {n: conn.execute(select(func.count()).select_from(table(n))).scalar() for n in TRANSIENT} == \
                dict.fromkeys(TRANSIENT, 0)
        engine3.dispose()
        again = run_cli("import", str(dump), env={"DATABASE_URL": url})
        assert again.returncode == 1 and "already holds data" in again.stderr and "Traceback" not in again.stderr
    finally:
        drop()


def test_a_truncated_or_broken_backup_is_refused_and_nothing_written(run_cli, engine, tmp_path):
    _fill_desk(engine)
    dump = _export(run_cli, tmp_path)
    lines = dump.read_text(encoding="utf-8").splitlines()
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    cut = tmp_path / "cut.jsonl"
    cut.write_text("\n".join(lines[:-3]) + "\n", encoding="utf-8")
    proc = run_cli("import", str(cut), env={"DATABASE_URL": fresh})
    assert proc.returncode == 1 and "header lists" in proc.stderr, proc.stderr
    bad, changed_source = [], False
    for line in lines:
        rec = json.loads(line)
        if rec["type"] == "source" and not changed_source:
            rec["url"] = "https://x.example/" + "a" * 3000
            changed_source = True
        if rec["type"] == "subscription":
            rec["user_id"] = 10**30
        bad.append(json.dumps(rec, ensure_ascii=False))
    broken = tmp_path / "broken.jsonl"
    broken.write_text("\n".join(bad) + "\n", encoding="utf-8")
    proc = run_cli("import", str(broken), env={"DATABASE_URL": fresh})
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "source.url: is longer than 2048 characters" in proc.stderr
    assert "subscription.user_id: must be between" in proc.stderr
    listed = run_cli("list", "--json", env={"DATABASE_URL": fresh})
    assert json.loads(listed.stdout) == []


def _small_backup(session, tmp_path) -> list[dict]:
    """A tiny desk's backup as records: two claims (the first merged into the second), a follower."""
    import io

    from claims.backup import export_backup
    from claims.services.catalog import add_claim, merge_claims
    from claims.services.follow import follow

    one = add_claim(session, "Путин посетил Северную Корею в прошлом году")
    two = add_claim(session, "Путин посетил КНДР в 2024 году")
    merge_claims(session, two.id, one.id)
    follow(session, 42, 42, two.id)
    out = io.StringIO()
    export_backup(session, out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def _edit(records, kind, index, **values):
    rows = [r for r in records if r["type"] == kind]
    rows[index].update(values)
    return records


HAND_EDITS = {
    # value the restore would choke on → what the report must say
    "time out of range": (lambda r: _edit(r, "claim", 0, created_at="0001-01-01T00:00:00+05:00"),
                          "claim.created_at: is out of range"),
    "4,500-digit id": (lambda r: _edit(r, "subscription", 0, user_id="1" * 4500), "subscription.user_id: must be"),
    "row id 0 (PostgreSQL sequences start at 1)": (lambda r: _edit(r, "claimchange", 0, id=0),
                                                   "claimchange.id: must be between 1 and"),
    "merged into itself": (lambda r: _edit(r, "claim", 1, merged_into_id=2), "claim.merged_into_id: claim 2 is"),
    "version true": (lambda r: r[0].update(version=True) or r, "version: this program reads backup version 1"),
    "no row counts": (lambda r: r[0].update(tables="lots") or r, "tables: must give the row count"),
    "a table left out of the counts": (lambda r: r[0]["tables"].pop("subscription") and r,
                                       "tables.subscription: the header lists no rows, the file holds 1"),
}


@pytest.mark.parametrize("edit", list(HAND_EDITS))
def test_hand_edited_backups_are_refused_with_a_line_and_nothing_written(session, engine, db_url, tmp_path, edit):
    from claims.db import open_database
    from claims.errors import InvalidInput
    from claims.importexport import import_file

    change, expected = HAND_EDITS[edit]
    records = change(_small_backup(session, tmp_path))
    path = tmp_path / "edited.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    if db_url.startswith("sqlite"):
        url, drop = f"sqlite:///{tmp_path / 'fresh.db'}", lambda: None
    else:
        from tests.conftest import make_postgres_schema_url

        url, drop = make_postgres_schema_url()
    target = open_database(url)
    try:
        with Session(target) as s:
            with pytest.raises(InvalidInput) as err:
                import_file(s, path)
            assert expected in str(err.value) and "line " in str(err.value), str(err.value)
            from claims.backup import database_is_empty

            assert database_is_empty(s)
    finally:
        target.dispose()
        drop()


def test_a_backup_holding_the_bots_working_state_is_restored_without_it(session, engine, db_url, tmp_path):
    """A backup written by a release that still exported the inbox, album parts and rate counts is
    restored: those rows are skipped, everything else comes back."""
    from claims.db import open_database
    from claims.importexport import import_file

    records = _small_backup(session, tmp_path)
    working = [{"type": "inboxupdate", "update_id": 5001, "payload": "{}", "chat_id": 42,
                "received_at": "2026-11-29T00:00:00+00:00", "locked_until": None, "locked_by": None,
                "attempts": 1, "done_at": None},
               {"type": "ratehit", "user_key": "k" * 32, "kind": "hit", "at": 1.5}]
    records[0]["tables"].update(inboxupdate=1, ratehit=1)
    path = tmp_path / "older.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records + working), encoding="utf-8")
    if db_url.startswith("sqlite"):
        url, drop = f"sqlite:///{tmp_path / 'fresh.db'}", lambda: None
    else:
        from tests.conftest import make_postgres_schema_url

        url, drop = make_postgres_schema_url()
    target = open_database(url)
    try:
        with Session(target) as s:
            report = import_file(s, path)
            assert report.restored["claim"] == 2 and report.restored["subscription"] == 1
            assert "inboxupdate" not in report.restored
    finally:
        target.dispose()
        drop()
