"""Bot throughput: updates per second through the real Application with 100k claims stored.

    .venv/bin/python bench/bench_bot.py                    # 100k claims, 300 updates per kind, 3 rounds
    .venv/bin/python bench/bench_bot.py --smoke            # 5k claims, 40 updates per kind, no RESULTS.md
    .venv/bin/python bench/bench_bot.py --claims 20000 --updates 200

Why: forwarding a post is the bot's main use; the target is ≥ 30 forwarded posts per second on
one core with the semantic signal on (issue 10; ≥ 50 lexical only before it), so one modest
worker keeps up with a busy public bot. The sentence encoder (`--encoder`, default use-m3) is
loaded as the bot loads it and every claim's vector is stored in the cached database once
(`claims db embed`'s code, first run only), so start-up loads vectors and every forwarded post is
encoded; `--encoder none` measures the lexical-only path.

What runs: `bot.app.build_application` with every handler, on a temp copy of an SQLite database
filled through the import path (`claims.importexport.import_file` on bench_import's dataset:
real CheckThat! claims where available plus generated Russian ones; cached in bench/.cache/).
The Bot API is `bot.testing.LocalBotApi` in the same process (no HTTP, no validation), the
per-user rate limit is out of the way and the outbox is off, so the figures are the bot's own
cost. Updates are processed one after another (as the bot does) with the process pinned to one
core. Users cycle through 500 ids (ru/en), so the per-user language lookup is sometimes cold.

Kinds, each measured per update (median ms) and as updates/s over the whole kind:
baseline `/start` (framework + one reply), forwarded posts repeating a stored claim (match →
cards with buttons), forwarded posts matching nothing (→ a tip is stored), their 50/50 mix,
`/search`, and inline queries. Ratios are against the baseline's median in the same run.
Rounds are interleaved (baseline, kinds, baseline, …) so machine noise hits all kinds alike.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

CACHE = HERE / ".cache"
TARGET = 30.0          # forwarded posts/s on one core with the semantic signal on (issue 10)
PREFIXES = ["Срочно! ", "Внимание: ", "Пишут, что ", "", "Оказывается, ", "⚡️ "]
NOISE = ["Котики и собаки устроили забег в парке {n}", "Погода на выходные: дождь и {n} градусов тепла",
         "Новый рецепт пирога с яблоками номер {n}", "Концерт группы перенесли на {n} число",
         "Scientists found {n} new species of beetles", "Local team wins the cup for the {n} time"]


def pin_one_core() -> str:
    try:
        cpu = sorted(os.sched_getaffinity(0))[0]
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    except (AttributeError, OSError):
        return "not pinned"


def claims_db(n: int) -> Path:
    """A migrated SQLite database with `n` imported claims, built once and cached."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"bot-claims-{n}.db"
    if path.exists():
        return path
    from bench_import import write_dataset
    from sqlmodel import Session

    from claims.db import open_database
    from claims.importexport import import_file
    from claims.services.reindex import normalization_is_stale

    print(f"building {path.name} (once) …", flush=True)
    data = CACHE / f"bot-claims-{n}.jsonl"
    write_dataset(data, n)
    tmp = path.with_suffix(".part")
    tmp.unlink(missing_ok=True)
    engine = open_database(f"sqlite:///{tmp}")
    with Session(engine) as session:
        normalization_is_stale(session)  # an empty store: records this version's fingerprint, as `claims` and the bot do
        report = import_file(session, data)
    engine.dispose()
    assert report.added == n, report
    tmp.replace(path)
    data.unlink(missing_ok=True)
    return path


def stored_texts(engine, k: int, rnd: random.Random) -> list[str]:  # noqa: ANN001
    from sqlalchemy import text

    with engine.connect() as conn:
        n = conn.execute(text("SELECT max(id) FROM claim")).scalar()
        ids = rnd.sample(range(1, n + 1), min(k * 2, n))
        rows = conn.execute(text(f"SELECT text FROM claim WHERE id IN ({','.join(map(str, ids))})")).scalars().all()
    return list(rows)[:k]


class Workload:
    def __init__(self, engine, per_kind: int, seed: int = 5) -> None:  # noqa: ANN001
        from bot.testing import UpdateFactory

        self.rnd = random.Random(seed)
        self.make = UpdateFactory()
        self.per_kind = per_kind
        self.claims = stored_texts(engine, per_kind * 8, self.rnd)
        self.users = [UpdateFactory.user(10_000 + i, "ru" if i % 3 else "en") for i in range(500)]

    def user(self) -> dict:
        return self.rnd.choice(self.users)

    def start(self) -> list[dict]:
        return [self.make.command("start", user=self.user()) for _ in range(self.per_kind)]

    def matched(self) -> list[dict]:
        return [self.make.forwarded(self.rnd.choice(PREFIXES) + self.rnd.choice(self.claims), user=self.user(),
                                    title="Канал") for _ in range(self.per_kind)]

    def unmatched(self) -> list[dict]:
        return [self.make.forwarded(self.rnd.choice(NOISE).format(n=self.rnd.randint(1, 10 ** 6)), user=self.user(),
                                    title="Канал") for _ in range(self.per_kind)]

    def mixed(self) -> list[dict]:
        both = self.matched()[: self.per_kind // 2] + self.unmatched()[: self.per_kind - self.per_kind // 2]
        self.rnd.shuffle(both)
        return both

    def search(self) -> list[dict]:
        return [self.make.command("search", " ".join(self.rnd.choice(self.claims).split()[:3]), user=self.user())
                for _ in range(self.per_kind)]

    def inline(self) -> list[dict]:
        return [self.make.inline(" ".join(self.rnd.choice(self.claims).split()[1:4]), user=self.user())
                for _ in range(self.per_kind)]


KINDS = [("start", "/start (baseline)"), ("matched", "forwarded post, repeats a claim"),
         ("unmatched", "forwarded post, no match → tip"), ("mixed", "forwarded posts, 50/50"),
         ("search", "/search"), ("inline", "inline query")]


async def drive(app, updates: list[dict]) -> tuple[list[float], float, float]:  # noqa: ANN001
    """Process `updates` one at a time: (latency of each in s, wall time in s, this process's CPU
    time in s — `time.process_time`, which a busy shared machine disturbs less than the wall clock)."""
    from telegram import Update

    objs = [Update.de_json(u, app.bot) for u in updates]
    lat = []
    c0, t0 = time.process_time(), time.perf_counter()
    for u in objs:
        s = time.perf_counter()
        await app.process_update(u)
        lat.append(time.perf_counter() - s)
    return lat, time.perf_counter() - t0, time.process_time() - c0


def ensure_vectors(db: Path, encoder_name: str) -> int:
    """Store the sentence-encoder vector of every claim in the cached database (`claims db embed`,
    once: the cached file keeps them). Returns how many were computed now."""
    if encoder_name == "none":
        return 0
    from claims.db import open_database
    from claims.match.encoder import load_encoder
    from claims.services.match_index import count_missing_vectors, embed_missing
    from sqlmodel import Session

    encoder = load_encoder(encoder_name)
    if encoder is None:
        raise SystemExit(f"encoder {encoder_name!r} failed to load")
    engine = open_database(f"sqlite:///{db}")
    with Session(engine) as s:
        missing = count_missing_vectors(s, encoder)
    done = 0
    if missing:
        print(f"embedding {missing:,} claims with {encoder.name} (once, kept in {db.name}) …", flush=True)
        t = time.perf_counter()

        def progress(k: int) -> None:
            nonlocal done
            done += k
            if done % 10_240 < k:
                print(f"  {done:,}/{missing:,} ({time.perf_counter() - t:.0f} s)", flush=True)
        embed_missing(engine, encoder, batch=512, progress=progress)
    engine.dispose()
    return done


async def run(db: Path, per_kind: int, rounds: int, encoder_name: str = "use-m3") -> dict:
    from bot.app import build_application
    from bot.testing import BOT_USER, LocalBotApi
    from bot.app import build_runtime
    from claims.db import open_database
    from claims.nlp import get_nlp
    from claims.settings import Settings

    settings = Settings(_env_file=None, database_url=f"sqlite:///{db}", telegram_bot_token=f"{BOT_USER['id']}:bench",
                        rate_limit_per_minute=10 ** 6, privacy_salt="bench", default_language="ru")
    engine = open_database(settings.database_url)
    get_nlp()  # loaded once per process; not part of the index build time
    t = time.perf_counter()
    from claims.match.encoder import load_encoder

    encoder = load_encoder(encoder_name)   # loaded once per process, like the bot; not part of the index build time
    t = time.perf_counter()
    runtime = build_runtime(settings, engine=engine, seed=False, salt="bench", encoder=encoder)  # index + vectors
    matcher = runtime.matcher
    index_s = time.perf_counter() - t
    api = LocalBotApi(strict=False)
    app = build_application(settings, request=api, get_updates_request=LocalBotApi(), runtime=runtime,
                            rate_limiter=False, outbox=False)
    await app.initialize()
    await app.post_init(app)
    work = Workload(engine, per_kind)
    await drive(app, work.start()[:20] + work.mixed()[:20] + work.search()[:10])  # warm caches and the matcher
    lat: dict[str, list[float]] = {k: [] for k, _ in KINDS}
    wall: dict[str, float] = {k: 0.0 for k, _ in KINDS}
    cpu: dict[str, float] = {k: 0.0 for k, _ in KINDS}
    errors_before = sum(1 for c in api.calls if c.error)
    for _ in range(rounds):
        for kind, _label in KINDS:
            updates = getattr(work, kind)()
            api.clear()
            ls, w, c = await drive(app, updates)
            lat[kind] += ls
            wall[kind] += w
            cpu[kind] += c
            answered = sum(1 for c in api.calls if c.method in ("sendMessage", "answerInlineQuery"))
            assert answered >= len(updates), f"{kind}: {answered} answers for {len(updates)} updates"
    # Where a matched forward's time goes: the matcher alone, and the use case (matcher + cards + MatchEvent).
    from claims.services.matching import match_message

    texts = [u["message"]["text"] for u in work.matched()]
    parts = {"matcher": [], "match_message": []}
    for t in texts:
        s = time.perf_counter()
        matcher.match(t, limit=5)
        parts["matcher"].append(time.perf_counter() - s)
        s = time.perf_counter()
        with runtime.session() as session:
            match_message(session, matcher, t, limit=5, record=True, forwarded=True)
        parts["match_message"].append(time.perf_counter() - s)
    from sqlalchemy import text

    with engine.connect() as conn:
        n_claims = conn.execute(text("SELECT count(*) FROM claim")).scalar()
        tips = conn.execute(text("SELECT count(*) FROM tip")).scalar()
    await app.shutdown()
    engine.dispose()
    stats = matcher.stats()
    return {"lat": lat, "wall": wall, "cpu": cpu, "index_s": index_s, "claims": n_claims, "tips": tips,
            "encoder": stats["encoder"], "vectors": stats["vectors"], "vector_mb": stats["vector_bytes"] / 2**20,
            "errors": errors_before, "parts": {k: statistics.median(v) for k, v in parts.items()}}


def report(res: dict, per_kind: int, rounds: int, pinned: str) -> tuple[str, bool]:
    from results import machine_line

    base = statistics.median(res["lat"]["start"])
    rows = ["| kind | median ms | p95 ms | CPU ms/update | updates/s | × baseline (median) |",
            "|---|---:|---:|---:|---:|---:|"]
    rates = {}
    for kind, label in KINDS:
        xs = sorted(res["lat"][kind])
        med = statistics.median(xs)
        p95 = xs[int(0.95 * (len(xs) - 1))]
        rate = len(xs) / res["wall"][kind]
        rates[kind] = rate
        cpu_ms = res["cpu"][kind] / len(xs) * 1000
        rows.append(f"| {label} | {med * 1000:.2f} | {p95 * 1000:.2f} | {cpu_ms:.2f} | {rate:.0f} | {med / base:.1f} |")
    forwarded = min(rates["matched"], rates["mixed"])
    by_median = 1 / statistics.median(res["lat"]["matched"] + res["lat"]["mixed"])
    ok = forwarded >= TARGET
    parts = res["parts"]
    matched_med = statistics.median(res["lat"]["matched"])
    lines = [
        f"`.venv/bin/python bench/bench_bot.py{'' if res['encoder'] == 'use-m3' else ' --encoder ' + str(res['encoder'] or 'none')}`"
        f" — {machine_line()}; {pinned}.",
        "",
        f"{res['claims']:,} claims stored (SQLite, imported), index built in {res['index_s']:.1f} s; semantic signal "
        + (f"on ({res['encoder']}: {res['vectors']:,} stored vectors loaded at start-up, {res['vector_mb']:.0f} MB; "
           "every message encoded)" if res["encoder"] else "off (ENCODER=none)") +
        "; "
        f"{per_kind} updates per kind × {rounds} interleaved rounds, processed one at a time through the real "
        "Application (every user and moderation handler) with an in-process Bot API stub.",
        "",
        *rows,
        "",
        f"Forwarded-post matching: **{forwarded:.0f} updates/s** over the run on one core ({by_median:.0f}/s "
        f"from the median); target ≥ {TARGET:.0f}: {'met' if ok else 'NOT met'}. {res['tips']:,} tips stored by "
        f"the no-match updates; {res['errors']} Bot API errors.",
        "",
        f"Where a matched forward's {matched_med * 1000:.1f} ms (median) go: `Matcher.match` "
        f"{parts['matcher'] * 1000:.1f} ms; `match_message` (matcher + loading the cards + the MatchEvent row) "
        f"{parts['match_message'] * 1000:.1f} ms; the /start floor (PTB, exactly-once intake, persistence, one "
        f"reply) {base * 1000:.1f} ms; the rest is the handler (rendering, buttons, the reply).",
        "Production sends go through AIORateLimiter (Telegram allows ~30 messages/s per bot), so above that "
        "rate replies queue rather than the bot's CPU being the limit.",
    ]
    return "\n".join(lines), ok


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--claims", type=int, default=100_000)
    p.add_argument("--updates", type=int, default=300, help="updates per kind and round")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--smoke", action="store_true", help="small and quick; does not touch RESULTS.md")
    p.add_argument("--no-write", action="store_true", help="print only")
    p.add_argument("--encoder", default="use-m3", help="sentence encoder (claims/match/encoder.py), or none")
    args = p.parse_args(argv)
    if args.smoke:
        args.claims, args.updates, args.rounds = 5_000, 40, 1
    pinned = pin_one_core()
    source = claims_db(args.claims)
    ensure_vectors(source, args.encoder)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        shutil.copyfile(source, db)
        res = asyncio.run(run(db, args.updates, args.rounds, args.encoder))
    text, ok = report(res, args.updates, args.rounds, pinned)
    print(text)
    if not (args.smoke or args.no_write):
        from results import replace_section

        replace_section("Bot throughput", text)
        print("\nwrote the 'Bot throughput' section of bench/RESULTS.md")
    # a smoke run checks the harness (every update answered, no Bot API error), not the target: its
    # timings come from a tiny store on a machine busy with the test suite
    return 0 if ok or args.smoke else 1


if __name__ == "__main__":
    raise SystemExit(main())
