"""The public pages through the ASGI test client, on SQLite and PostgreSQL: what a reader and a
search engine get, what never leaks, and every kind of bad input."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from sqlmodel import Session

from web_helpers import EVIL, EVIL_URL, by_id, check_claimreview, jsonld, seed, strict_parse, text_of

# Starlette 1.x suggests httpx2 for its test client; httpx is what PTB already brings.
pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx`")

DESK = "Desk " + EVIL.replace(" \u2028 ", " ")  # PUBLISHER_NAME is one line (claims.textclean.clean_line)
PRIVATE = ("Submitter Secretname", "Submitter Other", "Moderator Secretname", "Tip Secrettext", "4242",
           "pending.example.org", "pending note")


def make_client(engine, **env):  # noqa: ANN001, ANN003, ANN201
    from starlette.testclient import TestClient

    from claims.settings import Settings
    from claims.web import create_app

    settings = Settings(_env_file=None, database_url=str(engine.url), **env)
    return TestClient(create_app(settings, engine), follow_redirects=False)


@pytest.fixture
def desk(engine):
    with Session(engine, expire_on_commit=False) as s:
        return seed(s)


@pytest.fixture
def client(engine, desk):
    return make_client(engine, public_base_url="https://fc.example.org/", publisher_name="Desk " + EVIL,
                       publisher_url="https://desk.example.org", default_language="ru")


def stored(engine, claim_id: int):  # noqa: ANN001, ANN201
    from claims.services.catalog import claim_card

    with Session(engine, expire_on_commit=False) as s:
        return claim_card(s, claim_id)


def test_claim_page_shows_the_verdict_with_its_sources_and_markup(engine, desk, client):
    r = client.get(f"/claims/{desk.fine}")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    tree = strict_parse(r.text)  # valid HTML5: raises on any parse error
    card = stored(engine, desk.fine)
    claim, article, source = card.claim, card.article, card.sources[0]
    # every hostile field reads back exactly as stored, as text
    assert text_of(by_id(tree, "claim-text")) == claim.text
    assert text_of(by_id(tree, "speaker")) == claim.speaker
    assert text_of(by_id(tree, "summary")) == claim.verdict_summary
    assert article.title in text_of(by_id(tree, "article"))
    assert by_id(tree, "article").find("a").get("href") == article.url
    assert text_of(by_id(tree, "verdict")) == "в основном ложь"
    sources = by_id(tree, "sources")
    assert source.note in text_of(sources) and "опровергает" in text_of(sources)
    assert [a.get("href") for a in sources.iter("a")] == [EVIL_URL]
    history = text_of(by_id(tree, "history"))
    assert "не проверено → в основном ложь" in history and card.history[0].reason in history
    # nothing hostile became markup
    assert not tree.findall(".//b") and not [e for e in tree.iter() if any(k.startswith("on") for k in e.attrib)]
    # the ClaimReview
    doc = jsonld(tree)
    check_claimreview(doc)
    assert doc["url"] == f"https://fc.example.org/claims/{claim.id}"
    assert doc["author"] == {"@type": "Organization", "name": DESK, "url": "https://desk.example.org"}
    assert doc["claimReviewed"] == claim.text and doc["reviewBody"] == claim.verdict_summary
    assert doc["itemReviewed"]["author"]["name"] == claim.speaker
    assert doc["itemReviewed"]["appearance"] == [{"@type": "CreativeWork", "url": article.url}]
    assert doc["itemReviewed"]["datePublished"] == "2025-03-01"
    assert doc["reviewRating"]["alternateName"] == "В основном ложь" and doc["reviewRating"]["ratingValue"] == 2
    assert doc["inLanguage"] == "ru"
    # link previews
    meta = {m.get("property"): m.get("content") for m in tree.iter("meta") if m.get("property")}
    assert meta["og:url"] == doc["url"] and meta["og:type"] == "article"
    assert meta["og:site_name"] == DESK and meta["og:title"].startswith("В основном ложь: ")
    assert "Summary" in meta["og:description"]
    for private in PRIVATE:
        assert private not in r.text


def test_export_and_page_carry_the_same_claimreview(engine, desk, client):
    import io
    import json

    from claims.claimreview import Publisher
    from claims.importexport import export_claimreview
    from claims.settings import Settings

    settings = Settings(_env_file=None, public_base_url="https://fc.example.org/", publisher_name="Desk " + EVIL,
                        publisher_url="https://desk.example.org")
    out = io.StringIO()
    with Session(engine) as s:
        assert export_claimreview(s, out, Publisher.from_settings(settings)) == 2  # unverified ones are not
    exported = {d["url"]: d for d in json.loads(out.getvalue())}
    for cid in (desk.fine, desk.plain):
        page = jsonld(strict_parse(client.get(f"/claims/{cid}").text))
        assert exported[page["url"]] == page
    plain = exported[f"https://fc.example.org/claims/{desk.plain}"]
    check_claimreview(plain)  # no article: the approved sources are where it appeared
    assert plain["itemReviewed"]["appearance"] == [{"@type": "CreativeWork", "url": "https://cbr.example.org/rates"}]
    assert "author" not in plain["itemReviewed"] and plain["reviewRating"]["ratingValue"] == 1


def test_reviewer_names_only_when_the_desk_opts_in(engine, desk):
    hidden = make_client(engine).get(f"/claims/{desk.fine}").text
    shown = make_client(engine, public_show_reviewers=True).get(f"/claims/{desk.fine}").text
    assert "Moderator Secretname" not in hidden
    assert shown.count("Moderator Secretname") == 2  # who set the verdict, who approved the source
    assert "Submitter Secretname" not in shown and "Tip Secrettext" not in shown


def test_without_public_base_url_the_page_is_its_own_url(engine, desk):
    r = make_client(engine).get(f"/claims/{desk.plain}")
    doc = jsonld(strict_parse(r.text))
    check_claimreview(doc)
    assert doc["url"] == f"http://testserver/claims/{desk.plain}"
    assert doc["author"] == {"@type": "Organization", "name": "Claim tracker", "url": "http://testserver"}


def test_language_from_query_then_header_then_default(engine, desk, client):
    def verdict(**kw) -> str:  # noqa: ANN003
        r = client.get(f"/claims/{desk.plain}", **kw)
        tree = strict_parse(r.text)
        return tree.get("lang") + ":" + text_of(by_id(tree, "verdict"))

    assert verdict() == "ru:ложь"
    assert verdict(headers={"Accept-Language": "en-GB,en;q=0.9,ru;q=0.1"}) == "en:false"
    assert verdict(headers={"Accept-Language": "de-DE, uk;q=0.5"}) == "en:false"
    assert verdict(headers={"Accept-Language": "uk"}) == "ru:ложь"
    assert verdict(params={"lang": "ru"}, headers={"Accept-Language": "en"}) == "ru:ложь"
    assert verdict(params={"lang": "xx"}, headers={"Accept-Language": ";;q=abc,,\x7f"}) == "ru:ложь"
    en = client.get(f"/claims/{desk.fine}", params={"lang": "en"}).text
    assert "Verdict" in en and "Sources" in en and "refutes the claim" in en
    # the review stays in the desk's language whatever the page's
    assert jsonld(strict_parse(en))["reviewRating"]["alternateName"] == "В основном ложь"


def test_bad_claim_addresses(engine, desk, client):
    moved = client.get(f"/claims/{desk.merged}?lang=en")
    assert moved.status_code == 301 and moved.headers["location"] == f"/claims/{desk.fine}?lang=en"
    # one address per claim: leading zeros lead to it, other spellings of the number are not it
    zeros = client.get(f"/claims/000{desk.fine}?lang=en")
    assert zeros.status_code == 301 and zeros.headers["location"] == f"/claims/{desk.fine}?lang=en"
    assert client.get("/claims/" + "0" * 5000 + str(desk.fine)).status_code == 301
    for path in (f"/claims/{desk.unverified}", f"/claims/{desk.merged_into_unpublished}", "/claims/999999",
                 "/claims/0", "/claims/-1", "/claims/abc", "/claims/" + "9" * 40, "/claims/1%00",
                 "/claims/%3Cscript%3E", "/claims/%C2%B2", "/claims/%E2%91%A0",
                 f"/claims/%23{desk.fine}", f"/claims/%20{desk.fine}", f"/claims/{desk.fine}%20", "/claims/%D9%A1",
                 "/claims/%EF%BC%91", "/claims/+1", "/claims/2147483648", "/claims/" + "9" * 18,
                 "/nothing-here", "/sitemap-99.xml", "/sitemap-x.xml"):
        r = client.get(path)
        assert r.status_code == 404, path
        tree = strict_parse(r.text)
        assert text_of(by_id(tree, "error")) == "Здесь нет опубликованной проверки. Возможно, вердикт ещё не вынесен."
        assert "<script>" not in r.text and "Traceback" not in r.text


def test_search_is_the_bots_search_over_published_claims(engine, desk, client):
    from claims.services.match_index import load_matcher
    from claims.services.matching import search_claims
    from claims.settings import Settings

    r = client.get("/search", params={"q": "курс рубля"})
    assert r.status_code == 200
    tree = strict_parse(r.text)
    links = [a.get("href") for a in by_id(tree, "results").iter("a")]
    with Session(engine) as s:
        bot = search_claims(s, load_matcher(engine, Settings(_env_file=None)), "курс рубля", limit=20)
    published = [i.claim.id for i in bot.items if i.claim.verdict != "unverified"]
    assert desk.unverified in [i.claim.id for i in bot.items]  # the bot finds it, the public page does not
    assert links == [f"/claims/{cid}?lang=ru" for cid in published] and published == [desk.plain]
    assert "Неопубликованное" not in r.text


@pytest.mark.parametrize("query", ["<script>alert(1)</script>", EVIL, "' OR 1=1; DROP TABLE claim; --",
                                   "\x00\x01\u202e\u2066 рубль", "%00%ff", "🙂" * 120, "a" * 500, "   ",
                                   "пенсии " * 70])
def test_hostile_search_queries_get_a_page(client, query):
    r = client.get("/search", params={"q": query})
    assert r.status_code == 200, r.status_code
    tree = strict_parse(r.text)
    assert not tree.findall(".//b") and len(tree.findall(".//script")) == 0
    box = tree.find(".//input[@name='q']")
    assert len(box.get("value")) <= 500


def test_search_refuses_what_it_cannot_run(client):
    long = client.get("/search", params={"q": "x" * 501})
    assert long.status_code == 400 and "длиннее 500" in long.text
    for page in ("0", "51", "abc", "1e3", "-1", "٣"):
        r = client.get("/search", params={"q": "рубль", "page": page})
        assert r.status_code == 400, page
        strict_parse(r.text)
    empty = client.get("/search")
    assert empty.status_code == 200 and "id=\"results\"" not in empty.text


def test_recent_verdicts_feed_and_sitemap(engine, desk, client):
    home = strict_parse(client.get("/").text)
    assert [a.get("href") for a in by_id(home, "results").iter("a")] == [
        f"/claims/{desk.plain}?lang=ru", f"/claims/{desk.fine}?lang=ru"]  # the latest verdict first
    feed = client.get("/feed.atom")
    assert feed.headers["content-type"].startswith("application/atom+xml")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ET.fromstring(feed.content)
    entries = root.findall("a:entry", ns)
    assert [e.find("a:id", ns).text for e in entries] == [
        f"https://fc.example.org/claims/{desk.plain}", f"https://fc.example.org/claims/{desk.fine}"]
    claim = stored(engine, desk.fine).claim
    assert claim.text in entries[1].find("a:summary", ns).text  # hostile text survives as text
    assert root.find("a:author/a:name", ns).text == DESK
    sm = ET.fromstring(client.get("/sitemap.xml").content)
    locs = [u.text for u in sm.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs == ["https://fc.example.org/", f"https://fc.example.org/claims/{desk.fine}",
                    f"https://fc.example.org/claims/{desk.plain}"]
    for private in PRIVATE:
        assert private not in feed.text


def test_sitemap_index_above_fifty_thousand(engine, desk, client, monkeypatch):
    import claims.services.publish as publish
    import claims.web.app as web

    monkeypatch.setattr(publish, "SITEMAP_PAGE", 1)
    monkeypatch.setattr(web, "SITEMAP_PAGE", 1)
    index = ET.fromstring(client.get("/sitemap.xml").content)
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    assert index.tag == f"{ns}sitemapindex"
    assert [x.text for x in index.iter(f"{ns}loc")] == ["https://fc.example.org/sitemap-0.xml",
                                                      "https://fc.example.org/sitemap-1.xml"]
    second = ET.fromstring(client.get("/sitemap-1.xml").content)
    assert [x.text for x in second.iter(f"{ns}loc")][-1] == f"https://fc.example.org/claims/{desk.plain}"
    # two claims and the home page are three addresses: over a limit of two, so an index again
    monkeypatch.setattr(publish, "SITEMAP_PAGE", 2)
    monkeypatch.setattr(web, "SITEMAP_PAGE", 2)
    for path in ("/sitemap.xml", "/sitemap-0.xml"):
        assert len(list(ET.fromstring(client.get(path).content).iter(f"{ns}loc"))) <= 2, path


def test_database_down_gives_a_short_503(db_url):
    from claims.db import make_engine

    url = ("sqlite:////nonexistent-dir/claims.db" if db_url.startswith("sqlite")
           else "postgresql+psycopg://postgres@127.0.0.1:1/test")
    client = make_client(make_engine(url))
    for path in ("/claims/1", "/", "/search?q=рубль", "/feed.atom", "/sitemap.xml"):
        r = client.get(path, headers={"Accept-Language": "en"})
        assert r.status_code == 503, path
        tree = strict_parse(r.text)
        assert text_of(by_id(tree, "error")).startswith("The database cannot be reached")
        assert "Traceback" not in r.text and "nonexistent" not in r.text and "127.0.0.1" not in r.text


# What no HTML or XML document may carry: controls (XML 1.0 refuses them, HTML calls them parse
# errors), a bidi override (it turns the rest of a line around), a BOM and a noncharacter. NUL is
# left out only because PostgreSQL cannot store it.
UNSAFE = "\x01\x0b\x1b\u202eRTL\u202c\ufffe\ufeff\x7f\x85"


def test_control_bidi_and_noncharacters_never_reach_a_document(engine):
    """Rows stored before every write path cleaned its text (or written by hand), and a publisher
    name typed into .env: the page, the feed and the export stay well-formed and read the same."""
    import io
    import json

    from claims.claimreview import Publisher
    from claims.importexport import export_claimreview
    from claims.models import Article, Claim, Source, VerdictHistory, utcnow
    from claims.settings import Settings

    with Session(engine) as s:
        art = Article(url="https://n.example.org/x", title="Title" + UNSAFE, language="ru", text="t",
                      content_hash="unsafe")
        s.add(art)
        s.flush()
        claim = Claim(article_id=art.id, text="Claim" + UNSAFE, normalized="claim", speaker="Speaker" + UNSAFE,
                      language="ru", verdict="false", verdict_summary="Summary" + UNSAFE,
                      verdict_updated_at=utcnow())
        s.add(claim)
        s.flush()
        s.add(Source(claim_id=claim.id, url="https://src.example.org/a", stance="refutes", note="Note" + UNSAFE,
                     status="approved"))
        s.add(VerdictHistory(claim_id=claim.id, old_verdict="unverified", new_verdict="false", by="desk",
                             reason="Reason" + UNSAFE))
        s.commit()
        cid = claim.id
    env = dict(public_base_url="https://fc.example.org", publisher_name="Desk" + UNSAFE)
    client = make_client(engine, **env)
    page = client.get(f"/claims/{cid}")
    feed = client.get("/feed.atom")
    home = client.get("/")
    out = io.StringIO()
    with Session(engine) as s:
        export_claimreview(s, out, Publisher.from_settings(Settings(_env_file=None, **env)))
    unsafe = set(UNSAFE) - set("RTL")
    for text in (page.text, feed.text, home.text, out.getvalue()):
        assert not set(text) & unsafe, set(text) & unsafe
    tree = strict_parse(page.text)  # raised on the controls before
    assert text_of(by_id(tree, "claim-text")) == "ClaimRTL" and text_of(by_id(tree, "speaker")) == "SpeakerRTL"
    assert "NoteRTL" in text_of(by_id(tree, "sources")) and "ReasonRTL" in text_of(by_id(tree, "history"))
    assert "TitleRTL" in text_of(by_id(tree, "article")) and text_of(by_id(tree, "summary")) == "SummaryRTL"
    ET.fromstring(feed.content)  # the feed was not well-formed XML
    strict_parse(home.text)
    doc = jsonld(tree)
    assert doc == json.loads(out.getvalue())[0]
    assert (doc["claimReviewed"], doc["reviewBody"], doc["author"]["name"], doc["itemReviewed"]["author"]["name"]) \
        == ("ClaimRTL", "SummaryRTL", "DeskRTL", "SpeakerRTL")


def test_a_plan_page_says_it_is_a_plan_and_when_it_falls_due(engine, desk, client):
    # a plan from an ingested article (issue 14) keeps its kind and due on its public page (issue 15),
    # as the bot's card does with its 📅 line
    from claims.models import Claim
    from claims.services.catalog import add_claim
    from claims.services.verdicts import set_verdict

    DUE = "в декабре 2027 года " + EVIL.replace(" \u2028 ", " ")  # noqa: N806
    with Session(engine, expire_on_commit=False) as s:
        plan = add_claim(s, "Мэрия откроет новую ветку метро в декабре 2027 года")
        row = s.get(Claim, plan.id)
        row.kind, row.due = "plan", DUE
        s.add(row)
        s.commit()
        set_verdict(s, plan.id, "misleading", reason="Сроки переносились", by="desk")
    tree = strict_parse(client.get(f"/claims/{plan.id}").text)
    assert text_of(by_id(tree, "kind")) == "план, срок: " + DUE
    assert not tree.findall(".//b")
    tree = strict_parse(client.get(f"/claims/{plan.id}?lang=en").text)
    assert text_of(by_id(tree, "kind")) == "plan, due " + DUE
    statement = strict_parse(client.get(f"/claims/{desk.plain}").text)
    assert statement.find(".//*[@id='kind']") is None


def test_a_page_right_after_the_server_dropped_the_connection_is_served(engine, desk, client):
    # PostgreSQL restarted (or pg_terminate_backend) between two page views moments apart: the pool's
    # connection is not pinged (claims/db.py PING_AFTER_IDLE), so the page reruns on a fresh one
    # instead of answering 503 for a database that is up
    if engine.dialect.name != "postgresql":
        pytest.skip("a server-side disconnect is PostgreSQL's")
    import psycopg
    from sqlalchemy import event

    pids: set[int] = set()  # this engine's connections only (other tests share the server)
    event.listen(engine, "checkout", lambda dbapi_conn, *_: pids.add(dbapi_conn.info.backend_pid))
    assert client.get("/claims/%d" % desk.fine).status_code == 200
    dsn = engine.url.set(drivername="postgresql", query={}).render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as admin:
        for pid in pids:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    for path in ("/claims/%d" % desk.fine, "/", "/feed.atom", "/sitemap.xml", "/search?q=x"):
        assert client.get(path).status_code == 200, path
        with psycopg.connect(dsn, autocommit=True) as admin:
            for pid in pids:
                admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
