"""Public pages at 100k claims: claim page and search render time, through the ASGI app in process.

    .venv/bin/python bench/bench_web.py [--claims 100000] [--pages 300] [--queries 100]
    .venv/bin/python bench/bench_web.py --smoke      # 2,000 claims, nothing written (what CI runs)

Data: the store of bench/bench_bot.py (`claims_db`: a third CheckThat! 2A English fact-checks with a
verdict, the rest generated Russian claims, imported through `claims import`), copied, with
`--pages` of its published claims given an article, three approved sources and two verdict
changes each (what a real claim page shows). Each request goes through Starlette's test client
(the full ASGI stack, template rendering and a fresh session, no network). Baselines measured in
the same run: a route that returns a constant page through the same client (the transport floor),
the `claim_card` service call alone (the database floor) and `search_claims` alone (the matcher).
Queries: 2-4 consecutive words of randomly chosen stored claims (the dev-style "words a reader
types"), never a test split. Targets: claim page <= 20 ms median, search <= 50 ms median.
Writes the `## Web pages` section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from bench.results import machine_line, replace_section  # noqa: E402

PAGE_TARGET_MS = 20.0
SEARCH_TARGET_MS = 50.0
warnings.filterwarnings("ignore", message="Using `httpx`")


def enrich(engine, k: int, rnd: random.Random) -> list[int]:  # noqa: ANN001
    """Give `k` published claims an article, three approved sources and two verdict changes (verdict: false)."""
    from sqlalchemy import text
    from sqlmodel import Session

    from claims.models import Article, Source, VerdictHistory, utcnow

    with engine.connect() as conn:
        ids = conn.execute(text("SELECT id FROM claim WHERE verdict <> 'unverified' AND merged_into_id IS NULL")
                           ).scalars().all()
        if len(ids) < k:  # no CheckThat! data (../shared/bench absent): publish generated claims instead
            ids = conn.execute(text("SELECT id FROM claim WHERE merged_into_id IS NULL")).scalars().all()
    chosen = rnd.sample(list(ids), min(k, len(ids)))
    with Session(engine) as s:
        for n, cid in enumerate(chosen):
            art = Article(url=f"https://news.example.org/{cid}", title=f"Статья {cid} о важном", language="ru",
                          text="текст", content_hash=f"bench-web-{cid}")
            s.add(art)
            s.flush()
            s.execute(text("UPDATE claim SET article_id = :a, verdict_summary = :v, verdict = 'false', "
                           "verdict_updated_at = :t WHERE id = :c"),
                      {"a": art.id, "c": cid, "v": "Проверено по открытым данным; подробности в источниках.",
                       "t": utcnow()})
            for j, stance in enumerate(("refutes", "supports", "context")):
                s.add(Source(claim_id=cid, url=f"https://src{j}.example.org/{cid}", stance=stance,
                             note=f"Источник {j} <с разметкой>", status="approved", reviewer_name="desk",
                             reviewed_at=utcnow()))
            s.add(VerdictHistory(claim_id=cid, old_verdict="unverified", new_verdict="mostly_false", by="desk",
                                 reason="Первичная проверка"))
            s.add(VerdictHistory(claim_id=cid, old_verdict="mostly_false", new_verdict="false", by="desk",
                                 reason="Новые данные"))
            if n % 500 == 0:
                s.flush()
        s.commit()
    return chosen


def queries(engine, k: int, rnd: random.Random) -> list[str]:  # noqa: ANN001
    from bench_bot import stored_texts

    out = []
    for text in stored_texts(engine, k * 2, rnd):
        words = [w for w in text.split() if w.isalpha()]
        if len(words) >= 4:
            n = rnd.randint(2, 4)
            start = rnd.randint(0, len(words) - n)
            out.append(" ".join(words[start:start + n]))
    return out[:k]


def timed(fns: dict, items, rounds: int) -> dict[str, list[float]]:  # noqa: ANN001
    """Milliseconds per call of each function on every item, `rounds` times, the functions interleaved
    item by item (so a noisy neighbour slows all alike); a first warm-up round is dropped."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    for r in range(rounds + 1):
        for item in items:
            for name, fn in fns.items():
                t0 = time.perf_counter()
                fn(item)
                if r:
                    times[name].append((time.perf_counter() - t0) * 1000)
    return times


def summary(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def run(db: Path, pages: int, n_queries: int, rounds: int) -> dict:
    from sqlmodel import Session
    from starlette.responses import HTMLResponse
    from starlette.routing import Route
    from starlette.testclient import TestClient

    from claims.db import open_database
    from claims.services.match_index import load_matcher
    from claims.services.catalog import claim_card
    from claims.services.matching import search_claims
    from claims.settings import Settings
    from claims.web import create_app

    rnd = random.Random(11)
    engine = open_database(f"sqlite:///{db}")
    chosen = enrich(engine, pages, rnd)
    settings = Settings(_env_file=None, database_url=f"sqlite:///{db}", public_base_url="https://fc.example.org")
    t0 = time.perf_counter()
    matcher = load_matcher(engine, settings)  # lexical search, as before the encoder (ENCODER=none)
    build_s = time.perf_counter() - t0
    floor_html = "<!DOCTYPE html><html><head><title>x</title></head><body>" + "x" * 4000 + "</body></html>"
    app = create_app(settings, engine, matcher, extra_routes=[Route("/floor", lambda _r: HTMLResponse(floor_html))])
    client = TestClient(app)
    qs = queries(engine, n_queries, rnd)

    def page(cid: int) -> None:
        r = client.get(f"/claims/{cid}")
        assert r.status_code == 200 and "application/ld+json" in r.text, r.status_code

    def search(q: str) -> None:
        assert client.get("/search", params={"q": q}).status_code == 200

    def card(cid: int) -> None:
        with Session(engine) as s:
            claim_card(s, cid)

    def bare_search(q: str) -> None:
        with Session(engine) as s:
            search_claims(s, matcher, q, limit=20)

    pages_t = timed({"page": page, "floor": lambda _c: client.get("/floor"), "card": card}, chosen, rounds)
    search_t = timed({"search": search, "bare_search": bare_search}, qs, rounds)
    res = {"claims": len(matcher), "build_s": build_s, "pages": len(chosen), "queries": len(qs), "rounds": rounds,
           **{name: summary(t) for name, t in {**pages_t, **search_t}.items()}}
    engine.dispose()
    return res


def report(res: dict, command: str) -> tuple[str, bool]:
    page, search = res["page"][0], res["search"][0]
    ok = page <= PAGE_TARGET_MS and search <= SEARCH_TARGET_MS
    lines = [
        f"{res['claims']:,} claims in SQLite (bench_bot's store: a third CheckThat! 2A English fact-checks with a "
        f"verdict, the rest generated Russian), {res['pages']} published claims given an article, 3 approved "
        f"sources and 2 verdict changes; {res['queries']} queries of 2-4 words from stored claims; every request "
        f"{res['rounds']}× after a warm-up round, page and baselines interleaved request by request, in process through Starlette's test client (no network). "
        f"Match index built in {res['build_s']:.1f} s at start-up.",
        "",
        "| | median ms | p95 ms | ratio to baseline |",
        "| --- | --- | --- | --- |",
        f"| claim page `/claims/ID` | **{page:.2f}** | {res['page'][1]:.2f} | {page / res['floor'][0]:.1f}× the "
        f"constant page, {page / res['card'][0]:.1f}× `claim_card` alone |",
        f"| baseline: constant 4 kB page, same client | {res['floor'][0]:.2f} | {res['floor'][1]:.2f} | 1 |",
        f"| baseline: `claim_card` service call | {res['card'][0]:.2f} | {res['card'][1]:.2f} | 1 |",
        f"| search `/search?q=` | **{search:.2f}** | {res['search'][1]:.2f} | {search / res['bare_search'][0]:.2f}× "
        f"`search_claims` alone |",
        f"| baseline: `search_claims` (the bot's search) | {res['bare_search'][0]:.2f} | "
        f"{res['bare_search'][1]:.2f} | 1 |",
        "",
        f"Targets: claim page ≤ {PAGE_TARGET_MS:g} ms median, search ≤ {SEARCH_TARGET_MS:g} ms median: "
        + ("met." if ok else "**not met**."),
        "",
        f"Command: `{command}` — {machine_line()}",
    ]
    return "\n".join(lines), ok


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--claims", type=int, default=100_000)
    p.add_argument("--pages", type=int, default=300)
    p.add_argument("--queries", type=int, default=100)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--smoke", action="store_true", help="2,000 claims, 30 pages, 20 queries, nothing written")
    args = p.parse_args(argv)
    if args.smoke:
        args.claims, args.pages, args.queries, args.rounds = 2000, 30, 20, 1
    from bench_bot import claims_db, pin_one_core

    pinned = pin_one_core()
    with tempfile.TemporaryDirectory() as tmp:
        if args.smoke:
            from bench_import import write_dataset
            from sqlmodel import Session

            from claims.db import open_database
            from claims.importexport import import_file

            db = Path(tmp) / "smoke.db"
            data = Path(tmp) / "smoke.jsonl"
            write_dataset(data, args.claims)
            engine = open_database(f"sqlite:///{db}")
            with Session(engine) as s:
                import_file(s, data)
            engine.dispose()
        else:
            db = Path(tmp) / "web.db"
            shutil.copy(claims_db(args.claims), db)
        res = run(db, args.pages, args.queries, args.rounds)
    command = ".venv/bin/python bench/bench_web.py" + ("" if args.claims == 100_000 else f" --claims {args.claims}")
    text, ok = report(res, command)
    print(text)
    print(f"({pinned})")
    if not args.smoke:
        replace_section("Web pages", text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
