"""Load: 10,000 updates from 1,000 simulated users through the real Application, 100k claims stored.

    .venv/bin/python bench/bench_load.py                 # SQLite and PostgreSQL, 10k updates, 100k claims
    .venv/bin/python bench/bench_load.py --smoke         # seconds: 300 updates, 2k claims, no RESULTS.md
    .venv/bin/python bench/bench_load.py --db sqlite --updates 3000 --claims 20000

What runs: `bot.app.build_application` with every user and moderation handler, plus the
durable intake (`bot.inbox`: each update is stored in the inbox table, then taken by the inbox
worker, processed and marked done, as the webhook and polling do), the database persistence (`bot.persistence`) and /forget
(`bot.privacy_handlers`), all as bot/app.py wires them. The Bot API is a recording
`BaseRequest` in the same process (answers every method at once, no HTTP), so the figures are the
bot's own cost. The per-user rate limit is raised out of the way (it would answer "slow down"
instead of doing the work) and the outbox sender is off.

Workload (deterministic, seed 11): 1,000 users (ru/en), each update one of: a forwarded post
(30%: half repeat a stored claim with a word changed, half are new text → a tip), /search (25%),
a one-line /submit with a fresh link (15%), a button press (30%: card details, follow, unfollow).
1% of updates are delivered a second time later (as Telegram does after a lost answer): they must
produce no reply and no row.

Updates are processed one after another, as the bot does (`concurrent_updates(False)`), with the
process pinned to one CPU core (`--cpu`). Reported: updates/s over the run and the median over
chunks of 500 updates, CPU-seconds per update, reply time (from the start of processing an update
to its first request to the Bot API) p50/p95/p99, errors (anything that reached the error
handler) and losses. The baseline, measured in the same run on the same updates: a bare PTB
Application whose only handler answers every update with one request (the framework floor).

Verification after each run: every tip and every source stored exactly once (one tip per
forwarded update that matched nothing, unique by update_id, unless it repeats an open tip and is
attached to it: then its sender's count on that tip went up; one source per /submit), every
first delivery answered, no redelivery answered, no error.
"""

from __future__ import annotations

import argparse
import asyncio
import contextvars
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from telegram import Update  # noqa: E402
from telegram.request import BaseRequest, RequestData  # noqa: E402

CURRENT = contextvars.ContextVar("bench_update", default=None)
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
BOT_ID = 999_000_001
USER_BASE = 50_000_000


# --- the Bot API: a recording BaseRequest -----------------------------------------------------------

class Recorder(BaseRequest):
    """Answers every Bot API method at once and records, per update, when the first answer went out."""

    def __init__(self) -> None:
        self.first: dict[int, float] = {}
        self.count: Counter[int] = Counter()
        self.texts: dict[int, list[str]] = defaultdict(list)
        self.started: dict[int, float] = {}
        self._mid = 1000

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def do_request(self, url, method, request_data: RequestData | None = None, read_timeout=None,
                         write_timeout=None, connect_timeout=None, pool_timeout=None):  # noqa: ANN001
        name = url.rsplit("/", 1)[-1]
        params = request_data.parameters if request_data else {}
        uid = CURRENT.get()
        if uid is not None:
            self.count[uid] += 1
            self.first.setdefault(uid, time.perf_counter())
            if "text" in params:
                self.texts[uid].append(str(params["text"]))
        if name == "getMe":
            result = {"id": BOT_ID, "is_bot": True, "first_name": "Bench", "username": "bench_bot"}
        elif name in ("sendMessage", "editMessageText"):
            self._mid += 1
            chat = params.get("chat_id", 1)
            result = {"message_id": self._mid, "date": int(time.time()), "text": str(params.get("text", "")),
                      "chat": {"id": int(chat) if str(chat).lstrip("-").isdigit() else 1, "type": "private"}}
        else:
            result = True
        return 200, json.dumps({"ok": True, "result": result}).encode()


# --- the workload -----------------------------------------------------------------------------------

WORDS_RU = ("правительство бюджет пенсии цены бензин школа больница выборы налог мост дорога вакцина армия "
            "зерно экспорт рубль доллар инфляция зарплата губернатор депутат закон суд полиция").split()
WORDS_EN = ("government budget pension prices fuel school hospital election tax bridge road vaccine army "
            "grain export dollar inflation salary governor senator law court police").split()


@dataclass
class Workload:
    updates: list[dict]
    kinds: dict[int, str]  # update_id -> forward | search | submit | button
    redelivered: set[int]  # update ids delivered twice (the second copy is in `updates` too)
    submits: dict[int, tuple[int, str]] = field(default_factory=dict)  # update_id -> (claim id, url)


def make_workload(n_updates: int, n_users: int, claims: list[tuple[int, str]], seed: int = 11) -> Workload:
    rnd = random.Random(seed)
    users = [(USER_BASE + i, "ru" if i % 3 else "en") for i in range(n_users)]
    now = int(time.time())
    updates: list[dict] = []
    kinds: dict[int, str] = {}
    submits: dict[int, tuple[int, str]] = {}
    msg_id = 0
    for i in range(n_updates):
        uid, lang = rnd.choice(users)
        update_id = 1_000_000 + i
        user = {"id": uid, "is_bot": False, "first_name": f"U{uid % 1000}", "language_code": lang}
        chat = {"id": uid, "type": "private", "first_name": user["first_name"]}
        msg_id += 1
        roll = rnd.random()
        cid, ctext = rnd.choice(claims)
        if roll < 0.30:
            kinds[update_id] = "forward"
            if rnd.random() < 0.5:
                words = ctext.split()
                if len(words) > 4:
                    words[rnd.randrange(len(words))] = rnd.choice(WORDS_RU if lang == "ru" else WORDS_EN)
                text = " ".join(words)
            else:
                pool = WORDS_RU if lang == "ru" else WORDS_EN
                text = " ".join(rnd.choice(pool) for _ in range(rnd.randint(6, 18))) + f" {rnd.randint(1, 10**6)}"
            message = {"message_id": msg_id, "date": now, "chat": chat, "from": user, "text": text,
                       "forward_origin": {"type": "channel", "date": now - 3600, "message_id": rnd.randint(1, 9999),
                                          "chat": {"id": -1001000000000 - rnd.randint(1, 50), "type": "channel",
                                                   "title": f"Канал {rnd.randint(1, 50)}"}}}
            updates.append({"update_id": update_id, "message": message})
        elif roll < 0.55:
            kinds[update_id] = "search"
            words = [w for w in ctext.split() if len(w) > 3] or ["новости"]
            text = "/search " + " ".join(rnd.sample(words, min(len(words), rnd.randint(1, 3))))
            updates.append({"update_id": update_id, "message": {
                "message_id": msg_id, "date": now, "chat": chat, "from": user, "text": text,
                "entities": [{"type": "bot_command", "offset": 0, "length": 7}]}})
        elif roll < 0.70:
            kinds[update_id] = "submit"
            url = f"https://example.org/bench/{update_id}"
            submits[update_id] = (cid, url)
            text = f"/submit {cid} {url} {rnd.choice(['supports', 'refutes', 'context'])} bench note {i}"
            updates.append({"update_id": update_id, "message": {
                "message_id": msg_id, "date": now, "chat": chat, "from": user, "text": text,
                "entities": [{"type": "bot_command", "offset": 0, "length": 7}]}})
        else:
            kinds[update_id] = "button"
            data = rnd.choice([f"d:{cid}", f"f:{cid}", f"u:{cid}", f"d:{cid}"])
            updates.append({"update_id": update_id, "callback_query": {
                "id": str(uuid.UUID(int=rnd.getrandbits(128))), "from": user, "chat_instance": str(uid),
                "data": data, "message": {"message_id": max(1, msg_id - 1), "date": now, "chat": chat,
                                          "from": {"id": BOT_ID, "is_bot": True, "first_name": "Bench"},
                                          "text": "card"}}})
    # 1% redelivered, some time later
    redelivered: set[int] = set()
    for original in rnd.sample(updates, max(1, n_updates // 100)):
        pos = min(len(updates), updates.index(original) + rnd.randint(1, 200))
        updates.insert(pos, json.loads(json.dumps(original)))
        redelivered.add(original["update_id"])
    return Workload(updates, kinds, redelivered, submits)


# --- databases --------------------------------------------------------------------------------------

def make_database(backend: str, workdir: Path, pg_url: str) -> tuple[str, callable]:
    if backend == "sqlite":
        return f"sqlite:///{workdir / 'load.db'}", lambda: None
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    dsn = pg_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in pg_url else "?"

    def drop() -> None:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')

    return f"{pg_url}{sep}options=-csearch_path%3D{schema}", drop


def seed(url: str, n_claims: int, workdir: Path) -> tuple[float, list[tuple[int, str]]]:
    from bench_import import write_dataset
    from sqlmodel import Session, select

    from claims.db import open_database
    from claims.importexport import import_file
    from claims.models import Claim

    data = workdir / f"claims-{n_claims}.jsonl"
    if not data.exists():
        write_dataset(data, n_claims)
    engine = open_database(url)
    start = time.perf_counter()
    with Session(engine) as session:
        report = import_file(session, data)
    elapsed = time.perf_counter() - start
    with Session(engine) as session:
        claims = [(cid, text) for cid, text in session.exec(select(Claim.id, Claim.text).order_by(Claim.id))]
    engine.dispose()
    assert report.added == n_claims and len(claims) == n_claims, (report, len(claims))
    return elapsed, claims


# --- the runs ---------------------------------------------------------------------------------------

class Overhead:
    """Wall time spent in the reliability layers: the intake claim/finish and the persistence I/O."""

    def __init__(self) -> None:
        self.seconds: Counter[str] = Counter()
        self._undo: list = []

    def wrap(self, owner, name: str, label: str) -> None:  # noqa: ANN001
        real = getattr(owner, name)
        acc = self.seconds

        if asyncio.iscoroutinefunction(real):
            async def timed(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
                t0 = time.perf_counter()
                try:
                    return await real(*args, **kwargs)
                finally:
                    acc[label] += time.perf_counter() - t0
        else:  # the inbox's statements run in a worker thread, one at a time
            def timed(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
                t0 = time.perf_counter()
                try:
                    return real(*args, **kwargs)
                finally:
                    acc[label] += time.perf_counter() - t0

        setattr(owner, name, timed)
        self._undo.append((owner, name, real))

    def install(self) -> None:
        from bot import inbox
        from bot.persistence import SQLPersistence

        for fn in ("store", "take", "mark_done"):
            self.wrap(inbox, fn, "inbox")
        self.wrap(SQLPersistence, "flush", "persistence")
        self.wrap(SQLPersistence, "_refresh", "persistence")
        self.wrap(SQLPersistence, "refresh_conversations", "persistence")

    def uninstall(self) -> None:
        for owner, name, real in reversed(self._undo):
            setattr(owner, name, real)
        self._undo.clear()


@dataclass
class RunResult:
    label: str
    wall: float
    cpu: float
    n: int
    latencies_ms: list[float]
    chunk_rates: list[float]
    errors: list[str]
    unanswered: int = 0
    dup_answered: int = 0
    tips: int = 0
    tip_dups: int = 0
    lost_forwards: int = 0
    sources: int = 0
    sources_expected: int = 0
    wiring: list[str] = field(default_factory=list)
    overhead: dict[str, float] = field(default_factory=dict)
    by_kind: dict[str, list[float]] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.n / self.wall

    def pct(self, p: float) -> float:
        xs = sorted(self.latencies_ms)
        return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] if xs else float("nan")


async def _drive(app, updates: list[dict], rec: Recorder, chunk: int = 500, *, through_inbox: bool = False
                 ) -> tuple[float, float, list[float], list[float]]:
    """Each update in turn: `app.process_update`, or (`through_inbox`) stored in the inbox as the
    webhook does (with the Update it read, `inbox.intake`'s `parsed`), then taken and processed by
    the Application's inbox worker. Reading the updates is not timed (the Updater's or webhook's work)."""
    if through_inbox:
        from bot import inbox
    latencies: list[float] = []
    rates: list[float] = []
    objs = [Update.de_json(u, app.bot) for u in updates]
    raws = [json.dumps(u, ensure_ascii=False) for u in updates]
    seen: set[int] = set()
    cpu0, wall0 = time.process_time(), time.perf_counter()
    t_chunk = wall0
    for i, (update, raw) in enumerate(zip(objs, raws), 1):
        first = update.update_id not in seen
        seen.add(update.update_id)
        token = CURRENT.set(update.update_id if first else -update.update_id)
        t0 = time.perf_counter()
        rec.started.setdefault(update.update_id, t0)
        try:
            if through_inbox:
                if await inbox.intake(app, update.update_id, raw, update):  # parsed, as the webhook and polling do
                    await app.inbox_worker.run_once()
            else:
                await app.process_update(update)
        finally:
            CURRENT.reset(token)
        if first and update.update_id in rec.first:
            latencies.append((rec.first[update.update_id] - t0) * 1000)
        if i % chunk == 0:
            now = time.perf_counter()
            rates.append(chunk / (now - t_chunk))
            t_chunk = now
    return time.perf_counter() - wall0, time.process_time() - cpu0, latencies, rates


async def run_baseline(workload: Workload) -> RunResult:
    from telegram.ext import ApplicationBuilder, TypeHandler

    rec = Recorder()
    app = ApplicationBuilder().token("1:BENCH").request(rec).get_updates_request(Recorder()).build()

    async def answer(update: Update, context) -> None:  # noqa: ANN001
        if update.callback_query is not None:
            await update.callback_query.answer("ok")
        else:
            await context.bot.send_message(update.effective_chat.id, "ok")

    app.add_handler(TypeHandler(Update, answer))
    await app.initialize()
    wall, cpu, lat, rates = await _drive(app, workload.updates, rec)
    await app.shutdown()
    return RunResult("baseline (bare PTB, one reply per update)", wall, cpu, len(workload.updates), lat, rates, [])


async def run_bot(url: str, workload: Workload, label: str) -> RunResult:
    from sqlalchemy import func
    from sqlmodel import Session, select

    from bot.app import build_application, build_runtime
    from claims.models import Source, Tip, TipAsker
    from claims.services.tips import user_hash
    from claims.settings import Settings

    settings = Settings(database_url=url, telegram_bot_token="1:BENCH", rate_limit_per_minute=1_000_000,
                        telegram_api_base_url="http://127.0.0.1:9/bot", moderator_ids="1")
    runtime = build_runtime(settings)
    rec = Recorder()
    app = build_application(settings, request=rec, runtime=runtime, rate_limiter=False, outbox=False)
    wiring: list[str] = []  # everything is wired by bot/app.py
    errors: list[str] = []

    async def count_errors(update, context) -> None:  # noqa: ANN001
        errors.append(f"{getattr(update, 'update_id', '?')}: {type(context.error).__name__}: {context.error}"[:300])

    app.add_error_handler(count_errors)
    app.bot_data["runtime"] = runtime
    await app.initialize()
    overhead = Overhead()
    overhead.install()
    try:
        wall, cpu, lat, rates = await _drive(app, workload.updates, rec, through_inbox=True)
        await app.inbox_worker.record_done()  # the last update's done mark and writes (stop() would do it)
    finally:
        overhead.uninstall()
    await app.update_persistence()
    await app.shutdown()

    result = RunResult(label, wall, cpu, len(workload.updates), lat, rates, errors, wiring=wiring,
                       overhead=dict(overhead.seconds))
    for uid, kind in workload.kinds.items():
        if uid in rec.first and uid in rec.started:
            result.by_kind.setdefault(kind, []).append((rec.first[uid] - rec.started[uid]) * 1000)
    firsts = {u["update_id"] for u in workload.updates}
    result.unanswered = sum(1 for uid in firsts if rec.count[uid] == 0)
    result.dup_answered = sum(1 for uid in workload.redelivered if rec.count[-uid] > 0)
    with Session(runtime.engine) as session:
        tip_ids = list(session.exec(select(Tip.update_id)))
        result.tips = len(tip_ids)
        result.tip_dups = len(tip_ids) - len(set(tip_ids))
        tipped = set(tip_ids)
        forwards = [uid for uid, kind in workload.kinds.items() if kind == "forward"]
        # a forward is lost when it was neither matched (a reply listing claims) nor filed as a tip: stored
        # as a tip of its own (its update_id), or attached to an open tip it repeats (claims/services/
        # tipline.py: no row of its own, one more count on its sender's TipAsker row of that tip). So per
        # sender, the TipAsker counts must add up to their forwards stored plus those attached.
        sender = {u["update_id"]: u["message"]["from"]["id"] for u in workload.updates if "message" in u}
        filed: Counter[int] = Counter()
        for uid in forwards:
            if uid in tipped or not any("/claim_" in text for text in rec.texts.get(uid, [])):
                filed[sender[uid]] += 1
        counted = {h: n for h, n in session.exec(select(TipAsker.user_hash, func.sum(TipAsker.count))
                                                 .group_by(TipAsker.user_hash))}
        result.lost_forwards += sum(max(0, n - int(counted.get(user_hash(runtime.salt, user), 0)))
                                    for user, n in filed.items())
        stray = tipped - set(forwards)
        result.lost_forwards += len(stray)  # a tip from something that was not a forward is a bug too
        rows = list(session.exec(select(Source.url, func.count()).group_by(Source.url)))
        result.sources = sum(n for _, n in rows)
        result.sources_expected = len(workload.submits)
        expected_urls = {u for _, u in workload.submits.values()}
        got_urls = {u for u, _ in rows}
        missing = expected_urls - got_urls
        if missing or any(n != 1 for _, n in rows):
            result.errors.append(f"sources: {len(missing)} missing, {sum(1 for _, n in rows if n != 1)} duplicated")
    runtime.engine.dispose()
    return result


def _p(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q / 100 * (len(xs) - 1))))] if xs else float("nan")


def describe(r: RunResult, base: RunResult | None) -> list[str]:
    ratio = f" ({r.rate / base.rate:.3f}× the baseline's rate)" if base else ""
    layers = sum(r.overhead.values())
    kinds = ", ".join(f"{k} {statistics.median(v):.1f}/{_p(v, 95):.1f}" for k, v in sorted(r.by_kind.items()))
    return [
        f"- updates/s: **{r.rate:.0f}** over the run{ratio}; median of 500-update chunks "
        f"{statistics.median(r.chunk_rates) if r.chunk_rates else r.rate:.0f}",
        f"- CPU per update: {r.cpu / r.n * 1000:.1f} ms ({r.n / r.cpu:.0f} updates per CPU-second)",
        f"- reply time p50 / p95 / p99: **{r.pct(50):.1f} / {r.pct(95):.1f} / {r.pct(99):.1f} ms**",
        f"- reply time median/p95 by kind (ms): {kinds}",
        f"- of which the reliability layers (durable intake: inbox store, take, done + shared persistence I/O): "
        f"{layers / r.n * 1000:.2f} ms per update ({layers / r.wall * 100:.0f}% of the run; inbox "
        f"{r.overhead.get('inbox', 0) / r.n * 1000:.2f}, persistence {r.overhead.get('persistence', 0) / r.n * 1000:.2f})",
    ]


def check(r: RunResult) -> list[str]:
    problems = []
    if r.errors:
        problems.append(f"{len(r.errors)} errors, first: {r.errors[0]}")
    if r.unanswered:
        problems.append(f"{r.unanswered} updates got no answer")
    if r.dup_answered:
        problems.append(f"{r.dup_answered} redeliveries were answered again")
    if r.tip_dups:
        problems.append(f"{r.tip_dups} tips stored twice")
    if r.lost_forwards:
        problems.append(f"{r.lost_forwards} forwarded posts neither matched nor stored")
    if r.sources != r.sources_expected:
        problems.append(f"{r.sources} sources stored, {r.sources_expected} submitted")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--smoke", action="store_true", help="300 updates, 100 users, 2k claims; no RESULTS.md")
    ap.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    ap.add_argument("--updates", type=int, default=10_000)
    ap.add_argument("--users", type=int, default=1_000)
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--cpu", type=int, default=None, help="pin to this core (default: the first allowed one)")
    ap.add_argument("--postgres-url", default=os.environ.get("TEST_POSTGRES_URL", DEFAULT_PG))
    ap.add_argument("--no-write", action="store_true", help="do not touch bench/RESULTS.md")
    args = ap.parse_args(argv)
    if args.smoke:
        args.updates, args.users, args.claims = 300, 100, 2_000
    import logging

    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("bot").setLevel(logging.ERROR)  # the 1% redeliveries are logged at INFO/WARNING
    if hasattr(os, "sched_setaffinity"):
        cpu = args.cpu if args.cpu is not None else min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
    backends = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    workdir = Path(tempfile.mkdtemp(prefix="bench-load-"))
    command = "python bench/bench_load.py " + " ".join(argv if argv is not None else sys.argv[1:])
    lines = []
    failed = False
    base = None
    claims_cache: list[tuple[int, str]] | None = None
    for backend in backends:
        try:
            url, drop = make_database(backend, workdir, args.postgres_url)
        except Exception as err:  # noqa: BLE001
            print(f"{backend}: skipped ({err})")
            lines.append(f"### {backend}\n\nskipped: {str(err).splitlines()[0]}\n")
            continue
        try:
            seconds, claims = seed(url, args.claims, workdir)
            print(f"{backend}: seeded {len(claims)} claims in {seconds:.1f} s")
            claims_cache = claims
            workload = make_workload(args.updates, args.users, claims)
            if base is None:
                base = asyncio.run(run_baseline(workload))
                print(f"baseline: {base.rate:.0f} updates/s")
            result = asyncio.run(run_bot(url, workload, backend))
        finally:
            drop()
        problems = check(result)
        failed |= bool(problems)
        kinds = Counter(workload.kinds.values())
        body = [f"### {backend} ({len(claims):,} claims, seeded in {seconds:.0f} s)", ""]
        body += describe(result, base)
        body += [f"- errors: {len(result.errors)}; unanswered: {result.unanswered}; redeliveries answered again: "
                 f"{result.dup_answered} of {len(workload.redelivered)}",
                 f"- stored exactly once: {result.tips} tips (0 duplicates, {result.lost_forwards} forwards lost), "
                 f"{result.sources} of {result.sources_expected} sources",
                 f"- mix: {dict(sorted(kinds.items()))} + {len(workload.redelivered)} redeliveries"]
        if result.wiring:
            body.append(f"- wired by the benchmark (not yet in bot/app.py): {', '.join(result.wiring)}")
        if problems:
            body.append(f"- **FAILED**: {'; '.join(problems)}")
        print("\n".join(body))
        lines.append("\n".join(body) + "\n")
    if base is not None:
        lines.insert(0, "\n".join([
            f"Command: `{command.strip()}`", "",
            f"Machine: {machine()}; the bot process pinned to one core.",
            f"{args.updates:,} updates from {args.users:,} users (+1% redelivered), processed one at a time as "
            "the bot does, Bot API = in-process recording request (no HTTP).",
            f"Baseline (same run, same updates): bare PTB Application answering each update once: "
            f"**{base.rate:.0f} updates/s**, reply p95 {base.pct(95):.2f} ms.",
            "Target: zero errors, zero losses, ≥ 50 updates/s on one core with 100k claims.", ""]))
    if not args.smoke and not args.no_write and base is not None:
        from results import replace_section

        replace_section("Load", "\n".join(lines))
        print("wrote the Load section of bench/RESULTS.md")
    _ = claims_cache
    return 1 if failed else 0


def machine() -> str:
    from results import machine_line

    return machine_line()


if __name__ == "__main__":
    raise SystemExit(main())
