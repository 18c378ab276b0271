"""`claims ingest` of web pages: a URL served from 127.0.0.1 and a saved .html file, on SQLite and
PostgreSQL. The pages carry a news site's menus, cookie banner, related articles and comments,
none of which may become a claim; a page that fails gets one line and stores nothing."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "data"))
from news_pages import (  # noqa: E402
    ARTICLE_AUTHOR,
    ARTICLE_TITLE,
    BOILERPLATE,
    CANONICAL,
    COMMENTS,
    MENU,
    NO_ARTICLE,
    RELATED,
    NewsSite,
    saved_news_page,
)


@pytest.fixture(scope="module")
def site():
    with NewsSite() as served:
        yield served.url


def _check_article(data: dict) -> None:
    art = data["article"]
    assert art["title"] == ARTICLE_TITLE
    assert art["author"] == ARTICLE_AUTHOR
    assert art["published"] == "2025-03-14"
    assert art["url"] == CANONICAL
    claims = data["claims"]
    by_key = {c["text"][:30]: c for c in claims}
    texts = " ".join(c["text"] for c in claims)
    for needle in ("4,2 миллиарда", "подписан 3 февраля", "1,1 километра", "312 километров", "будут подведены"):
        assert needle in texts, needle
    assert len(claims) == 5
    bridge = next(c for c in claims if "1,1 километра" in c["text"])
    assert (bridge["speaker"], bridge["kind"], bridge["due"]) == ("Игорь Руденя", "plan", "в декабре 2027 года")
    assert next(c for c in claims if "4,2" in c["text"])["kind"] == "statement"
    # nothing from the cookie banner, menus, related articles, comments or footer; no heading
    site_text = BOILERPLATE + RELATED + [t for _, t in COMMENTS] + MENU + [ARTICLE_TITLE]
    for c in claims:
        for junk in site_text:
            assert junk[:25] not in c["text"], (junk, c["text"])
    assert by_key


def test_ingest_url_keeps_the_article_and_drops_the_site(run_cli, site):
    data = json.loads(run_cli("ingest", f"{site}/news/bridge", "--json", check=True).stdout)
    assert data["article"]["created"] is True
    _check_article(data)
    # a redirect to the same page is the same article: nothing added
    again = json.loads(run_cli("ingest", f"{site}/old-link", "--json", check=True).stdout)
    assert again["article"]["created"] is False and len(again["claims"]) == 5
    text = run_cli("ingest", f"{site}/news/bridge", check=True).stdout
    assert "already stored" in text and ARTICLE_AUTHOR in text


def test_ingest_saved_html_file_and_page_in_cp1251(run_cli, site, tmp_path):
    page = tmp_path / "saved.html"
    page.write_text(saved_news_page(), encoding="utf-8")
    _check_article(json.loads(run_cli("ingest", str(page), "--json", check=True).stdout))
    # the same article in another encoding is the same text: already stored
    data = json.loads(run_cli("ingest", f"{site}/news/cp1251", "--json", check=True).stdout)
    assert data["article"]["created"] is False


@pytest.mark.parametrize(("path", "needle"), [
    ("/gone", "404"),
    ("/report.pdf", "not a web page"),
    ("/front", "no article text"),
    ("/slow", "no answer within 1 s"),
    ("/huge", "larger than 50000 bytes"),
    ("/trickle", "within 1 s"),
    ("/stub", "no article text"),
    ("/broken-utf8", "not valid"),
])
def test_a_page_that_fails_gets_one_line_and_stores_nothing(run_cli, site, path, needle):
    env = {"FETCH_TIMEOUT_SECONDS": "1", "FETCH_MAX_BYTES": "50000"}
    proc = run_cli("ingest", f"{site}{path}", env=env)
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and needle in lines[0], proc.stderr
    assert json.loads(run_cli("list", "--json", check=True).stdout) == []


def test_unreachable_host_and_bad_files(run_cli, tmp_path):
    proc = run_cli("ingest", "http://127.0.0.1:9/news", env={"FETCH_TIMEOUT_SECONDS": "2"})
    assert proc.returncode == 1 and proc.stderr.startswith("error: cannot fetch http://127.0.0.1:9/news")
    for bad in ("http://[::1/news", "http://127.0.0.1:99999/news", "http://exa mple.com/"):
        proc = run_cli("ingest", bad)
        assert proc.returncode == 1 and proc.stderr.startswith("error: ") and "Traceback" not in proc.stderr, bad
        assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    empty = tmp_path / "empty.html"
    empty.write_text(NO_ARTICLE, encoding="utf-8")
    proc = run_cli("ingest", str(empty))
    assert proc.returncode == 1 and "no article text found in" in proc.stderr and "Traceback" not in proc.stderr
    assert json.loads(run_cli("list", "--json", check=True).stdout) == []
