"""A link in a message finds the article, fact-check review or source it points at, however it is spelled."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claims.urls import find_urls, normalize_url, url_key

SAMPLE = Path(__file__).resolve().parent.parent / "claims" / "data" / "sample_article.txt"
ARTICLE = "https://example.org/world/2025/07/lavrov-wonsan"


@pytest.mark.parametrize("spelling", [
    "http://example.org/world/2025/07/lavrov-wonsan",
    "https://www.example.org/world/2025/07/lavrov-wonsan/",
    "example.org/world/2025/07/lavrov-wonsan?utm_source=telegram&utm_medium=social&fbclid=IwAR0",
    "HTTPS://WWW.EXAMPLE.ORG/world/2025/07/lavrov-wonsan#comments",
])
def test_spellings_of_one_address_have_one_key(spelling):
    assert url_key(spelling) == url_key(ARTICLE)


def test_telegram_web_view_cyrillic_paths_and_what_stays_different():
    assert normalize_url("https://t.me/s/rian_ru/123") == normalize_url("https://telegram.me/rian_ru/123")
    assert normalize_url("https://ru.wikipedia.org/wiki/Лавров") == normalize_url(
        "https://ru.wikipedia.org/wiki/%D0%9B%D0%B0%D0%B2%D1%80%D0%BE%D0%B2")
    # A Cyrillic domain is copied from browsers and channels in either form (IDNA / punycode).
    assert url_key("https://пример.рф/статья") == url_key("https://xn--e1afmkfd.xn--p1ai/статья") == url_key(
        "HTTPS://ПРИМЕР.РФ/%D1%81%D1%82%D0%B0%D1%82%D1%8C%D1%8F")
    assert url_key("https://example.org/news?id=1") != url_key("https://example.org/news?id=2")
    assert url_key("https://example.org/a") != url_key("https://example.com/a")
    assert url_key("https://t.me/rian_ru/123") != url_key("https://t.me/rian_ru/124")
    assert url_key("ftp://example.org/a") is None and url_key("просто текст") is None
    # Other schemes are not web addresses, even when what follows the colon looks like a host.
    for other in ("mailto:press@example.org", "javascript:1@example.org/x", "tg://resolve?domain=a.b",
                  "tel:+74950000000", "javascript:alert(1)"):
        assert normalize_url(other) is None, other
    assert normalize_url("example.org:8080/a") == "example.org:8080/a"


def test_links_are_found_in_running_text():
    text = "Подробности (https://en.wikipedia.org/wiki/Foo_(bar)), www.example.org/x. и t.me/s/chan/5!"
    assert find_urls(text) == ["https://en.wikipedia.org/wiki/Foo_(bar)", "www.example.org/x", "t.me/s/chan/5"]


def test_claims_match_answers_a_link_to_an_article_a_review_and_a_source(run_cli, db_url, tmp_path):
    from sqlmodel import Session

    from claims.db import open_database
    from claims.services.sources import review_source, submit_source

    run_cli("ingest", str(SAMPLE), "--url", ARTICLE, check=True)
    article_claims = json.loads(run_cli("list", "--json", "--limit", "1000").stdout)
    fc = tmp_path / "fc.jsonl"
    fc.write_text(json.dumps({"id": "fc-9", "text": "Бензин подешевеет на 20% к осени", "verdict": "false",
                              "url": "https://factcheck.example/benzin?ref=x"}, ensure_ascii=False) + "\n",
                  encoding="utf-8")
    run_cli("import", str(fc), check=True)
    engine = open_database(db_url)
    with Session(engine) as s:
        ok = submit_source(s, 2, "https://mid.ru/statement/123", "supports")
        review_source(s, ok.id, True, reviewer_id=1, reviewer_name="mod")
        submit_source(s, 3, "https://pending.example/x", "refutes")  # not approved: leads nowhere
    engine.dispose()

    messages = ["https://www.example.org/world/2025/07/lavrov-wonsan/?utm_source=tg",
                "Это правда? http://factcheck.example/benzin/?ref=x&utm_campaign=y",
                "см. mid.ru/statement/123/", "https://pending.example/x",
                "https://example.org/world/2025/07/other-story"]
    proc = run_cli("match", "--stdin", "--json", "--limit", "50", input="\n".join(messages) + "\n")
    assert proc.returncode == 0, proc.stderr
    links = [[(m["via"], m["claim"]["id"]) for m in json.loads(line)["links"]] for line in proc.stdout.splitlines()]
    article, review, source, pending, other = links
    assert [cid for _, cid in article] == [c["id"] for c in article_claims]
    assert {v for v, _ in article} == {"article"}
    assert review == [("review", len(article_claims) + 1)]
    assert source == [("source", 2)]
    assert pending == [] and other == []
    text = run_cli("match", "example.org/world/2025/07/lavrov-wonsan")
    assert text.returncode == 0 and "link (article)" in text.stdout


def test_migration_0006_fills_the_keys_of_links_stored_before_it(db_url):
    from alembic import command
    from sqlalchemy import text

    from claims.db import alembic_config, make_engine

    cfg = alembic_config(db_url)
    command.upgrade(cfg, "0003")
    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO article (url, language, text, content_hash, created_at) "
                          "VALUES (:u, 'ru', 'текст', 'h', CURRENT_TIMESTAMP)"), {"u": ARTICLE + "/?utm_source=x"})
    command.upgrade(cfg, "head")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT url_key FROM article")).scalar() == url_key(ARTICLE)
    engine.dispose()


def test_upgrade_rekeys_links_stored_with_a_punycode_host(db_url):
    """Migration 0008: an article stored as https://xn--…/ before hosts were decoded is found again."""
    import hashlib

    from alembic import command
    from sqlalchemy import text

    from claims.db import alembic_config, make_engine

    cfg = alembic_config(db_url)
    command.upgrade(cfg, "0007")
    engine = make_engine(db_url)
    old_key = hashlib.sha256("xn--e1afmkfd.xn--p1ai/новости".encode()).hexdigest()
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO article (url, url_key, language, text, content_hash, created_at) "
                          "VALUES ('https://xn--e1afmkfd.xn--p1ai/новости', :k, 'ru', 'т', 'h', '2025-01-01')"),
                     {"k": old_key})
    command.upgrade(cfg, "head")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT url_key FROM article")).scalar() == url_key("https://пример.рф/новости/")
    engine.dispose()
