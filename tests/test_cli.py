"""Every `claims` command on SQLite and PostgreSQL. `run_cli` runs `claims.cli.main` in the test
process with the command line, environment, working directory and pipes a console script gets
(tests/conftest.py); the tests at the end run the real console script in a process of its own."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parent.parent / "claims" / "data" / "sample_article.txt"


def _json(proc):
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _one_line_error(proc, *needles: str, code: int = 1) -> None:
    assert proc.returncode == code, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


def test_ingest_seed_article_with_speakers_and_idempotence(run_cli):
    first = run_cli("ingest", str(SAMPLE), "--url", "https://example.org/wonsan", "--published", "2025-07-12")
    assert first.returncode == 0, first.stderr
    assert "stored" in first.stdout and "Лавров" in first.stdout
    data = _json(run_cli("ingest", str(SAMPLE), "--json"))
    assert data["article"]["created"] is False  # same text again adds nothing
    claims = data["claims"]
    assert len(claims) >= 13
    assert {"id", "text", "speaker", "verdict", "external_id", "article_url"} <= set(claims[0])
    assert all(c["article_url"] == "https://example.org/wonsan" for c in claims)
    speakers = {c["speaker"] for c in claims if c["speaker"]}
    assert any("Лавров" in s for s in speakers) and any("Руденко" in s for s in speakers)
    headings = ("Опасность использования союзов для геополитических игр", "Ближайшие планы российского")
    assert not any(c["text"].startswith(h) for c in claims for h in headings)
    listed = _json(run_cli("list", "--json", "--limit", "1000"))
    assert len(listed) == len(claims)


def test_ingest_detects_cp1251_and_honours_encoding(run_cli, tmp_path):
    path = tmp_path / "article-cp1251.txt"
    path.write_bytes(SAMPLE.read_text(encoding="utf-8").encode("cp1251"))
    data = _json(run_cli("ingest", str(path), "--json"))
    assert data["article"]["language"] == "ru"
    assert any("Пхеньян" in c["text"] for c in data["claims"])
    _one_line_error(run_cli("ingest", str(path), "--encoding", "utf-8"), "not valid utf-8")


def test_ingest_bad_input(run_cli, tmp_path):
    _one_line_error(run_cli("ingest", str(tmp_path / "missing.txt")), "no such file")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    _one_line_error(run_cli("ingest", str(empty)), "empty")
    binary = tmp_path / "blob.bin"
    binary.write_bytes(b"\x00\x01\x02\xff" * 100)
    _one_line_error(run_cli("ingest", str(binary)), "binary")
    _one_line_error(run_cli("ingest", str(SAMPLE), "--published", "yesterday"), "--published")
    assert _json(run_cli("list", "--json")) == []  # nothing half-written


def _write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


FACTCHECKS = [
    {"id": "fc-1", "text": "Путин посетил Северную Корею в прошлом году", "title": "Визит Путина в КНДР",
     "verdict": "true", "url": "https://factcheck.example/1", "date": "2024-06-19", "speaker": "Кремль"},
    {"id": "fc-2", "text": "Vaccines contain microchips that track people", "title": "Microchips in vaccines?",
     "verdict": "false", "url": "https://factcheck.example/2", "date": "12 May 2021"},
    {"text": "Северокорейские войска воюют на Украине", "verdict": "mostly_true"},
]


def test_import_jsonl_idempotent_and_searchable(run_cli, tmp_path, db_url):
    from sqlmodel import Session, select

    from claims.db import open_database
    from claims.models import Claim

    path = tmp_path / "fc.jsonl"
    _write_jsonl(path, FACTCHECKS)
    assert _json(run_cli("import", str(path), "--json"))["added"] == 3
    with Session(open_database(db_url)) as s:  # the headline is normalised once, on write
        stored = s.exec(select(Claim).where(Claim.external_id == "fc-1")).one()
        assert stored.title_normalized and "путин" in stored.title_normalized
    again = _json(run_cli("import", str(path), "--json"))
    assert again == {**again, "added": 0, "skipped": 3}
    rows = _json(run_cli("list", "--verdict", "false", "--json"))
    assert [r["external_id"] for r in rows] == ["fc-2"]
    found = _json(run_cli("search", "microchips vaccines", "--json"))
    assert found["query"] == "microchips vaccines"
    assert found["results"][0]["claim"]["external_id"] == "fc-2"
    assert 0 <= found["results"][0]["score"] <= 100


def test_import_csv(run_cli, tmp_path):
    path = tmp_path / "fc.csv"
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=["id", "text", "title", "verdict", "url", "date", "speaker"])
    writer.writeheader()
    writer.writerow({"id": "c1", "text": "Лавров посетит Китай на следующей неделе", "verdict": "unproven",
                     "url": "https://fc.example/c1", "date": "2025-07-12", "speaker": "МИД", "title": ""})
    path.write_text(buf.getvalue(), encoding="utf-8")
    assert _json(run_cli("import", str(path), "--json"))["added"] == 1
    shown = _json(run_cli("show", "1", "--json"))
    assert shown["speaker"] == "МИД" and shown["verdict"] == "unproven" and shown["external_id"] == "c1"


def test_import_bad_line_names_it_and_writes_nothing(run_cli, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(FACTCHECKS[0]) + "\n" + json.dumps(FACTCHECKS[1]) + "\n{not json\n",
                    encoding="utf-8")
    _one_line_error(run_cli("import", str(path)), "line 3")
    path.write_text(json.dumps(FACTCHECKS[0]) + "\n" + json.dumps({**FACTCHECKS[1], "verdict": "sorta"}) + "\n",
                    encoding="utf-8")
    _one_line_error(run_cli("import", str(path)), "line 2", "unknown verdict")
    path.write_text(json.dumps({"id": "x"}) + "\n", encoding="utf-8")
    _one_line_error(run_cli("import", str(path)), "line 1", "text")
    assert _json(run_cli("list", "--json")) == []


def test_match_finds_rephrased_claim_and_stdin_mode(run_cli):
    run_cli("ingest", str(SAMPLE), check=True)
    result = _json(run_cli("match", "Лавров встретился с Ким Чен Ыном в Вонсане", "--json"))
    assert result["results"], result
    top = result["results"][0]
    assert top["relation"] == "match" and "Вонсан" in top["claim"]["text"]
    assert _json(run_cli("match", "Курс биткоина обновил рекорд на бирже", "--json"))["results"] == []
    lines = "Путин посетил Северную Корею в прошлом году\n\n🙂🙂\nОтношения Москвы и Пхеньяна активизировались\n"
    proc = run_cli("match", "--stdin", "--json", input=lines)
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(out) == 4
    assert out[0]["results"] and "Путин" in out[0]["results"][0]["claim"]["text"]
    assert out[1]["results"] == [] and out[2]["results"] == []
    ranked = _json(run_cli("match", "Россия и Китай подписали торговое соглашение", "--min-score", "0", "--json"))
    assert ranked["results"] and {r["relation"] for r in ranked["results"]} == {"none"}


def test_match_text_output_says_why_it_may_contradict_and_that_it_crossed_languages(run_cli):
    """Without --json a desk saw «(possibly contradicts)» with no reason and nothing saying an English
    post was matched to a Russian claim by meaning; the JSON had both."""
    run_cli("ingest", str(SAMPLE), check=True)
    out = run_cli("match", "Путин никогда не посещал Северную Корею", check=True).stdout
    assert "possibly contradicts: negation" in out, out
    out = run_cli("match", "Last year Russian President Vladimir Putin also visited North Korea, which shows "
                  "both countries are serious about strengthening their alliance",
                  env={"ENCODER": "use-m3"}, check=True).stdout
    assert "match" in out and "(across languages: en → ru)" in out, out


def test_verdict_history_show_and_errors(run_cli):
    run_cli("ingest", str(SAMPLE), check=True)
    proc = run_cli("verdict", "1", "mostly_true", "--reason", "Подтверждено МИД", "--by", "desk")
    assert proc.returncode == 0, proc.stderr
    assert "unverified → mostly_true" in proc.stdout
    run_cli("verdict", "1", "false", "--reason", "Новые данные", check=True)
    shown = _json(run_cli("show", "1", "--json"))
    assert shown["verdict"] == "false"
    assert [(h["old_verdict"], h["new_verdict"]) for h in shown["history"]] == [
        ("unverified", "mostly_true"), ("mostly_true", "false")]
    assert shown["history"][0]["by"] == "desk"
    _one_line_error(run_cli("verdict", "1", "kinda", "--reason", "x"), "unknown verdict", "mostly_false")
    _one_line_error(run_cli("verdict", "999", "true", "--reason", "x"), "no claim with id 999")
    _one_line_error(run_cli("show", "abc"), "positive number")
    _one_line_error(run_cli("show", "²"), "positive number")  # str.isdigit() says yes, int() refuses
    _one_line_error(run_cli("show", "99999999999999999"), "no claim with id 99999999999999999")  # PG: int4
    assert len(_json(run_cli("show", "1", "--json"))["history"]) == 2


def test_exports(run_cli, tmp_path):
    run_cli("ingest", str(SAMPLE), "--url", "https://example.org/wonsan", check=True)
    run_cli("verdict", "2", "misleading", "--reason", "Контекст опущен", check=True)
    docs = _json(run_cli("export", "--format", "claimreview",
                         env={"PUBLIC_BASE_URL": "https://fc.example.org/", "PUBLISHER_NAME": "Desk <&>"}))
    assert len(docs) == 1
    doc = docs[0]
    assert doc["url"] == "https://fc.example.org/claims/2"
    assert doc["author"] == {"@type": "Organization", "name": "Desk <&>", "url": "https://fc.example.org"}
    assert doc["inLanguage"] == "ru"
    assert doc["@context"] == "https://schema.org" and doc["@type"] == "ClaimReview"
    assert doc["claimReviewed"] and doc["datePublished"]
    assert doc["itemReviewed"]["@type"] == "Claim"
    assert doc["itemReviewed"]["appearance"] == [{"@type": "CreativeWork", "url": "https://example.org/wonsan"}]
    rating = doc["reviewRating"]
    assert (rating["ratingValue"], rating["bestRating"], rating["worstRating"]) == (2, 5, 1)
    assert rating["alternateName"] == "Вводит в заблуждение"  # the desk's language (DEFAULT_LANGUAGE=ru)
    proc = run_cli("export", "--format", "claimreview")
    assert "PUBLIC_BASE_URL is not set" in proc.stderr and "url" not in _json(proc)[0]
    _one_line_error(run_cli("export", "--format", "claimreview", "--base-url", "javascript:alert(1)"), "--base-url")
    out = tmp_path / "claims.csv"
    run_cli("export", "--format", "csv", "--output", str(out), check=True)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) >= 13 and rows[1]["verdict"] == "misleading"


def test_backup_roundtrip_restores_everything(run_cli, db_url, tmp_path, engine):
    """export --format jsonl, then import into an empty database: claims, sources, history, followers."""
    from sqlmodel import Session, select

    from claims.models import Source, Subscription, VerdictHistory
    from claims.services.follow import follow
    from claims.services.sources import review_source, submit_source

    run_cli("ingest", str(SAMPLE), "--url", "https://example.org/wonsan", check=True)
    with Session(engine) as s:
        src = submit_source(s, 1, "https://mid.ru/statement", "supports", "заявление МИД", submitter_id=42)
        review_source(s, src.id, True, reviewer_id=7, reviewer_name="mod")
        follow(s, 42, 42, 1)
    run_cli("verdict", "1", "true", "--reason", "Есть заявление", check=True)
    dump = tmp_path / "backup.jsonl"
    run_cli("export", "--format", "jsonl", "-o", str(dump), check=True)
    fresh = f"sqlite:///{tmp_path / 'restored.db'}"
    proc = run_cli("import", str(dump), "--json", env={"DATABASE_URL": fresh})
    report = _json(proc)
    assert report["articles"] == 1 and report["sources"] == 1 and report["history"] == 1 and report["followers"] == 1
    original = _json(run_cli("list", "--json", "--limit", "1000"))
    restored = _json(run_cli("list", "--json", "--limit", "1000", env={"DATABASE_URL": fresh}))
    keep = ("text", "speaker", "verdict", "article_url", "entities", "position", "kind", "due")
    assert [{k: r[k] for k in keep} for r in restored] == [{k: r[k] for k in keep} for r in original]
    from claims.db import open_database

    with Session(open_database(fresh)) as s:
        assert [(x.url, x.status) for x in s.exec(select(Source))] == [("https://mid.ru/statement", "approved")]
        assert [(h.old_verdict, h.new_verdict) for h in s.exec(select(VerdictHistory))] == [("unverified", "true")]
        assert [x.user_id for x in s.exec(select(Subscription))] == [42]


def test_sqlite_backup_command(run_cli, db_url, tmp_path):
    run_cli("ingest", str(SAMPLE), check=True)
    target = tmp_path / "copy.db"
    proc = run_cli("backup", str(target))
    if db_url.startswith("sqlite"):
        assert proc.returncode == 0, proc.stderr
        copied = _json(run_cli("list", "--json", env={"DATABASE_URL": f"sqlite:///{target}"}))
        assert len(copied) >= 13
        _one_line_error(run_cli("backup", str(target)), "already exists")
    else:
        _one_line_error(proc, "pg_dump")


def test_bad_settings_and_unreachable_database(run_cli_process):
    """Exit codes and the one line on stderr of a real `claims` process."""
    run_cli = run_cli_process
    _one_line_error(run_cli("list", env={"MODERATOR_IDS": "12,@alice"}), "MODERATOR_IDS", code=2)
    _one_line_error(run_cli("list", env={"MATCH_THRESHOLD": "200"}), "MATCH_THRESHOLD", code=2)
    _one_line_error(run_cli("list", env={"DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none"}),
                    "cannot reach the database")


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_console_script_ingests_and_matches_in_a_process_of_its_own(run_cli_process):
    """The installed entry point end to end, models loaded in a fresh process: nothing but the
    answer is printed (no warning at start-up or import), and --stdin gives one JSON object a line.
    SQLite only: what a process adds does not depend on the database (every command above runs on
    both)."""
    stored = run_cli_process("ingest", str(SAMPLE))
    assert (stored.returncode, stored.stderr) == (0, ""), stored.stderr
    assert "stored" in stored.stdout and "Лавров" in stored.stdout
    lines = "Путин посетил Северную Корею в прошлом году\nКурс биткоина обновил рекорд на бирже\n"
    proc = run_cli_process("match", "--stdin", "--json", input=lines)
    assert (proc.returncode, proc.stderr) == (0, ""), proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(out) == 2 and "Путин" in out[0]["results"][0]["claim"]["text"] and out[1]["results"] == []


@pytest.mark.parametrize("value, says", [("0", "greater than 0"), ("-1", "greater than 0"),
                                         ("abc", "valid number"), ("nan", "finite number"), ("31", "less than")])
def test_a_bad_album_wait_stops_the_bot_at_start_up_with_one_line(value, says, db_url, tmp_path):
    """ALBUM_WAIT_SECONDS=nan used to be refused as "less than or equal to 30"."""
    env = {**os.environ, "DATABASE_URL": db_url, "ENCODER": "none", "ALBUM_WAIT_SECONDS": value}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    claimbot = Path(sys.executable).parent / "claimbot"
    proc = subprocess.run([str(claimbot) if claimbot.exists() else shutil.which("claimbot")], input="", capture_output=True, text=True, env=env, cwd=tmp_path,
                          timeout=120)
    _one_line_error(proc, "ALBUM_WAIT_SECONDS", says, code=2)


def test_every_command_has_help(run_cli):
    for cmd in ("ingest", "import", "list", "show", "search", "match", "verdict", "export", "backup", "db"):
        proc = run_cli(cmd, "--help")
        assert proc.returncode == 0 and "Usage" in proc.stdout, (cmd, proc.stderr)


PLANS_ARTICLE = """В Твери построят новый мост
Губернатор Тверской области Игорь Руденя заявил, что новый мост через Волгу откроют для движения в декабре 2027 года.
Из федерального бюджета на строительство моста выделено 4,2 миллиарда рублей, сообщили в пресс-службе правительства области.
"""


def test_ingest_stores_kinds_and_list_filters_plans(run_cli, tmp_path):
    path = tmp_path / "bridge.txt"
    path.write_text(PLANS_ARTICLE, encoding="utf-8")
    claims = _json(run_cli("ingest", str(path), "--json"))["claims"]
    kinds = {c["text"][:20]: (c["kind"], c["due"], c["speaker"]) for c in claims}
    assert kinds == {
        "Губернатор Тверской ": ("plan", "в декабре 2027 года", "Игорь Руденя"),
        "Из федерального бюдж": ("statement", None, "пресс-служба правительства области"),
    }
    plans = _json(run_cli("list", "--kind", "plan", "--json"))
    assert [c["kind"] for c in plans] == ["plan"] and "2027" in plans[0]["text"]
    assert [c["kind"] for c in _json(run_cli("list", "--kind", "statement", "--json"))] == ["statement"]
    text = run_cli("list", "--kind", "plan")
    assert "(plan, due в декабре 2027 года)" in text.stdout
    shown = run_cli("show", str(plans[0]["id"]))
    assert "kind: plan, due в декабре 2027 года" in shown.stdout
    bad = run_cli("list", "--kind", "promise")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "promise" in bad.stderr


def test_match_json_another_actor_is_related_and_swapped_roles_contradict(run_cli, tmp_path):
    path = tmp_path / "fc.jsonl"
    _write_jsonl(path, [{"text": "Путин посетил Казань", "verdict": "true"},
                        {"text": "Спартак победил Зенит со счётом 2:1", "verdict": "true"},
                        {"text": "Twenty-one people died in the fire", "verdict": "true"}])
    assert _json(run_cli("import", str(path), "--json"))["added"] == 3
    lines = ("Путин посетил Казань\nЛукашенко посетил Казань\nЗенит победил Спартак со счётом 2:1\n"
             "Twenty-five people died in the fire\n")
    proc = run_cli("match", "--stdin", "--json", input=lines)
    assert proc.returncode == 0, proc.stderr
    same, other, swapped, number = [json.loads(line)["results"] for line in proc.stdout.splitlines()]
    assert same[0]["relation"] == "match" and not same[0]["contradicts"]
    # another person in the claim's place: another claim (was a plain match), not a reversal
    assert all(r["relation"] != "match" and not r["contradicts"] for r in other)
    top = swapped[0]        # who beat whom, swapped (was a plain match)
    assert "Спартак" in top["claim"]["text"] and top["contradicts"] and top["reasons"] == ["roles"]
    assert top["relation"] == "related"
    assert number[0]["contradicts"] and number[0]["reasons"] == ["number"] and number[0]["relation"] == "related"


def test_a_connection_the_server_drops_during_a_command_is_one_error_line(run_cli, db_url, monkeypatch):
    """PostgreSQL drops the connection in the middle of a command (a restart, pg_terminate_backend):
    `claims` says the database is unavailable in one line, exit 1, and shows no traceback."""
    if not db_url.startswith("postgresql"):
        pytest.skip("a server-side disconnect is PostgreSQL's")
    import psycopg
    from sqlalchemy import event

    import claims.db as db

    run_cli("list", check=True)  # the schema exists
    real, checkouts = db.make_engine, []
    dsn = db_url.replace("postgresql+psycopg://", "postgresql://").split("?")[0]

    def drop_on_third_checkout(dbapi_conn, *_):  # noqa: ANN001, ANN002
        checkouts.append(1)
        if len(checkouts) == 3:  # the command's own work, after open_database's checks
            with psycopg.connect(dsn, autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", (dbapi_conn.info.backend_pid,))

    def make_engine(url, **kw):  # noqa: ANN001, ANN003, ANN202
        engine = real(url, **kw)
        event.listen(engine, "checkout", drop_on_third_checkout)
        return engine

    monkeypatch.setattr(db, "make_engine", make_engine)
    monkeypatch.setattr(db, "PING_AFTER_IDLE", 3600.0)
    _one_line_error(run_cli("list"), "database is unavailable")
    assert len(checkouts) >= 3
