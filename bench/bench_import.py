"""Bulk import throughput into SQLite (`claims import`), against a bare insert of the same rows.

    .venv/bin/python bench/bench_import.py [--claims 50000] [--repeat 3]

Data: the 14,231 CheckThat! verified claims (English) from ../shared/bench (or $CLAIMS_BENCH_DIR) when present, plus
generated Russian claims, written as JSONL. The baseline is an executemany INSERT of the raw rows
with no validation or normalisation, measured in the same run. Writes the `## Import` section of
bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.datasets import CHECKTHAT  # noqa: E402
from bench.results import machine_line, replace_section  # noqa: E402

# Where the benchmark data is found decides which claims every bench importing this data set gets
# (bench_bot and bench_load too): set CLAIMS_BENCH_DIR when comparing checkouts in different places.
VCLAIMS = CHECKTHAT / "vclaims.jsonl"

SUBJECTS = ["Министр обороны", "Правительство", "Президент", "Центробанк", "Мэр Москвы", "Губернатор", "МИД России",
            "Минздрав", "Сбербанк", "Пенсионный фонд", "Госдума", "Роскосмос"]
VERBS = ["заявил, что", "сообщил, что", "объявил, что", "опроверг сообщения, что", "подтвердил, что"]
OBJECTS = ["цены на бензин вырастут на {n} процентов", "пенсии повысят на {n} рублей", "в регионе построят {n} школ",
           "зарплаты врачей увеличат в {n} раза", "на границе задержали {n} человек", "экспорт зерна упал на {n}%",
           "в {n} году налоги не изменятся", "в городе откроют {n} новых станций метро"]


def write_dataset(path: Path, n: int, seed: int = 7) -> int:
    rnd = random.Random(seed)
    rows = []
    if VCLAIMS.exists():
        for line in VCLAIMS.open(encoding="utf-8"):
            d = json.loads(line)
            rows.append({"id": d["id"], "text": d["claim"], "title": d["title"],
                         "verdict": "false" if rnd.random() < 0.5 else "mostly_false"})
            if len(rows) >= n // 3:
                break
    i = 0
    while len(rows) < n:
        text = f"{rnd.choice(SUBJECTS)} {rnd.choice(VERBS)} {rnd.choice(OBJECTS).format(n=rnd.randint(2, 5000))}"
        rows.append({"id": f"gen-{i}", "text": text, "verdict": "unverified", "speaker": rnd.choice(SUBJECTS)})
        i += 1
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return len(rows)


def time_import(data: Path, workdir: Path, run: int) -> float:
    from claims.db import open_database
    from claims.importexport import import_file
    from sqlmodel import Session

    engine = open_database(f"sqlite:///{workdir / f'import-{run}.db'}")
    with Session(engine) as session:
        start = time.perf_counter()
        report = import_file(session, data)
        elapsed = time.perf_counter() - start
    assert report.added == report.read, report
    engine.dispose()
    return elapsed


def time_baseline(data: Path, workdir: Path, run: int) -> float:
    rows = [json.loads(line) for line in data.open(encoding="utf-8")]
    conn = sqlite3.connect(workdir / f"base-{run}.db")
    conn.execute("CREATE TABLE c (id INTEGER PRIMARY KEY, ext TEXT UNIQUE, text TEXT, title TEXT, verdict TEXT)")
    start = time.perf_counter()
    with conn:
        conn.executemany("INSERT INTO c (ext, text, title, verdict) VALUES (?, ?, ?, ?)",
                         [(r["id"], r["text"], r.get("title"), r["verdict"]) for r in rows])
    elapsed = time.perf_counter() - start + 0.0
    conn.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="print only; leave bench/RESULTS.md alone")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        data = work / "claims.jsonl"
        n = write_dataset(data, args.claims)
        ours = [time_import(data, work, r) for r in range(args.repeat)]
        base = [time_baseline(data, work, r) for r in range(args.repeat)]
    med, bmed = statistics.median(ours), statistics.median(base)
    rate = n / med
    lines = [
        f"`{' '.join(['.venv/bin/python', 'bench/bench_import.py', *sys.argv[1:]])}` — {machine_line()}",
        "",
        f"{n:,} claims (a third CheckThat! English fact-checks, the rest generated Russian), JSONL into a new "
        f"SQLite file, {args.repeat} runs:",
        "",
        "| | median time | claims/s | ratio to baseline |",
        "| --- | --- | --- | --- |",
        f"| `claims import` (validate, normalise, insert, change feed) | {med:.2f} s | {rate:,.0f} | {med / bmed:.1f}× |",
        f"| baseline: bare executemany INSERT, no validation or normalisation | {bmed:.2f} s | {n / bmed:,.0f} | 1.0× |",
        "",
        f"Target ≥ 5,000 claims/s: {'met' if rate >= 5000 else 'NOT met'}.",
    ]
    print("\n".join(lines))
    if not args.no_write:
        replace_section("Import", "\n".join(lines))


if __name__ == "__main__":
    main()
