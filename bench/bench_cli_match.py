"""Matching quality through the command line, as a desk runs it: `claims import` of the fact-checks
into a new SQLite database, `claims db embed`, then `claims match --stdin --json` (with
`--min-score 0` for the rankings). Checks that bench/bench_match.py's in-process figures are what
the CLI gives.

    .venv/bin/python bench/bench_cli_match.py                       # every section, prints figures
    .venv/bin/python bench/bench_cli_match.py --sections devset     # one section
    .venv/bin/python bench/bench_cli_match.py --write               # and writes them into bench/RESULTS.md

Sections
- checkthat: CheckThat! 2A English 2022 test, verified claims imported as claim + title only
  (JSONL: id, text, title, language en); MAP@5 of the top 40 at --min-score 0.
- paraphraser: ParaPhraser gold precise, pool of every headline (JSONL: id, text, language ru);
  the query's own headline is dropped from its ranking (as bench_match.py does).
- devset: bench/data/devset_ru.json, its 30 fact-checks + ParaPhraser gold headlines; decided right
  at the default thresholds (`claims match --stdin --json`, limit 5), by split.

A message is one line of standard input, so line breaks inside a tweet or a post are sent as
spaces. Nothing is tuned here (no fitting; the test splits are only reported).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench import datasets as ds  # noqa: E402

CLAIMS_BIN = REPO / ".venv" / "bin" / "claims"
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
BEGIN, END = "<!-- BEGIN cli-match -->", "<!-- END cli-match -->"


def _cli(env: dict, *args: str, stdin: str | None = None) -> str:
    cmd = [str(CLAIMS_BIN) if CLAIMS_BIN.exists() else "claims", *args]
    res = subprocess.run(cmd, input=stdin, capture_output=True, text=True, env=env, cwd=REPO)
    if res.returncode != 0:
        raise SystemExit(f"{' '.join(args[:2])} failed ({res.returncode}): {res.stderr[-2000:]}")
    return res.stdout


class Store:
    """A new SQLite database filled by `claims import` + `claims db embed`."""

    def __init__(self, tmp: Path, name: str, records: list[dict], encoder: str) -> None:
        self.env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp / (name + '.db')}", "ENCODER": encoder}
        path = tmp / f"{name}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for r in records:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        t = time.perf_counter()
        self.report = json.loads(_cli(self.env, "import", str(path), "--json"))
        self.import_s = time.perf_counter() - t
        t = time.perf_counter()
        if encoder != "none":
            _cli(self.env, "db", "embed")
        self.embed_s = time.perf_counter() - t

    def match(self, messages: list[str], *args: str) -> list[dict]:
        lines = "".join(" ".join(m.split()) + "\n" for m in messages)
        out = _cli(self.env, "match", "--stdin", "--json", *args, stdin=lines)
        rows = [json.loads(line) for line in out.splitlines() if line.strip()]
        if len(rows) != len(messages):
            raise SystemExit(f"claims match answered {len(rows)} of {len(messages)} messages")
        return rows


def _ext(item: dict) -> str:
    return str(item["claim"].get("external_id"))


def checkthat(tmp: Path, encoder: str) -> dict:
    vc = ds.load_vclaims()
    st = Store(tmp, "checkthat", [{"id": v.id, "text": v.claim, "title": v.title, "language": "en"} for v in vc],
               encoder)
    queries, qrels = ds.load_queries("test"), ds.load_qrels("test")
    qids = sorted(qrels)
    rows = st.match([queries.get(q, "") for q in qids], "--min-score", "0", "--limit", "40")
    ranked = {q: [_ext(i) for i in r["results"]] for q, r in zip(qids, rows)}
    m = ds.evaluate(ranked, qrels)
    return {"map5": m.map5, "mrr": m.mrr, "p1": m.p1, "n": m.n, "claims": st.report["added"],
            "read": st.report["read"], "import_s": st.import_s, "embed_s": st.embed_s}


def _pool() -> list[str]:
    pairs = ds.load_pairs("gold")
    return sorted({p.text_1 for p in pairs} | {p.text_2 for p in pairs})


def paraphraser(tmp: Path, encoder: str) -> dict:
    pairs = ds.load_pairs("gold")
    pool = _pool()
    st = Store(tmp, "paraphraser", [{"id": f"p{i}", "text": t, "language": "ru"} for i, t in enumerate(pool)], encoder)
    _, queries, qrels = ds.paraphraser_task(pairs, (1,))
    qids = list(qrels)
    rows = st.match([queries[q] for q in qids], "--min-score", "0", "--limit", "41")
    ranked = {}
    for q, r in zip(qids, rows):
        ranked[q] = [pool[int(_ext(i)[1:])] for i in r["results"] if pool[int(_ext(i)[1:])] != queries[q]]
    m = ds.evaluate(ranked, qrels)
    return {"map5": m.map5, "mrr": m.mrr, "p1": m.p1, "n": m.n, "claims": st.report["added"]}


def devset(tmp: Path, encoder: str) -> dict:
    from bench.bench_match import DEVSET, KIND_ORDER

    d = json.loads(DEVSET.read_text(encoding="utf-8"))
    recs = [{"id": f"c{c['id']}", "text": c["text"], "language": "ru"} for c in d["claims"]]
    if ds.available():
        recs += [{"id": f"c{1001 + i}", "text": t, "language": "ru"} for i, t in enumerate(_pool())]
    st = Store(tmp, "devset", recs, encoder)
    rows = st.match([m["text"] for m in d["messages"]])
    tab: dict = {}
    for msg, r in zip(d["messages"], rows):
        items = r["results"]
        plain = {int(_ext(i)[1:]) for i in items if i["relation"] == "match" and not i["contradicts"]}
        flagged = {int(_ext(i)[1:]) for i in items if i["contradicts"]}
        if msg["label"] == "match":
            ok = all(c in plain for c in msg["claims"])
        elif msg["label"] == "contradicts":
            ok = msg["claim"] in flagged and msg["claim"] not in plain
        else:
            ok = not any(c <= 1000 for c in plain)
        kind = {"match": "pos", "contradicts": "rev", "none": "unrelated"}[msg["label"]]
        a = tab.setdefault((kind, msg["split"]), [0, 0])
        a[0] += ok
        a[1] += 1
    assert all(k in KIND_ORDER for k in {m["kind"] for m in d["messages"]})
    return {f"{k}_{s}": v for (k, s), v in tab.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sections", default="devset,paraphraser,checkthat")
    ap.add_argument("--encoder", default="use-m3")
    ap.add_argument("--write", action="store_true", help="write the figures into bench/RESULTS.md")
    args = ap.parse_args(argv)
    if not ds.available():
        print("public benchmark data not found (../shared/bench)", file=sys.stderr)
        return 1
    sections = [s.strip() for s in args.sections.split(",") if s.strip()]
    res: dict = {}
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for s in sections:
            t = time.perf_counter()
            res[s] = {"devset": devset, "paraphraser": paraphraser, "checkthat": checkthat}[s](Path(tmp), args.encoder)
            print(f"{s}: {res[s]} ({time.perf_counter() - t:.0f} s)", flush=True)
    lines = [BEGIN, "### Through the command line (`claims import` + `claims db embed` + `claims match --stdin --json`)\n",
             f"`.venv/bin/python bench/bench_cli_match.py --sections {','.join(sections)} --write` — encoder "
             f"{args.encoder}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, run time "
             f"{time.perf_counter() - t0:.0f} s. Each data set is imported into a new SQLite database; a message "
             f"is one line of standard input (its line breaks become spaces).\n",
             "| benchmark | split | figure |", "| --- | --- | --- |"]
    if "checkthat" in res:
        c = res["checkthat"]
        skipped = (f", {c['read'] - c['claims']:,} of {c['read']:,} skipped as repeats" if c["claims"] < c["read"]
                   else "")
        lines.append(f"| CheckThat! 2A, claims imported as claim + title only ({c['claims']:,} claims{skipped}) "
                     f"| test ({c['n']} tweets) | MAP@5 **{c['map5']:.3f}** "
                     f"(MRR {c['mrr']:.3f}, P@1 {c['p1']:.3f}) |")
    if "paraphraser" in res:
        p = res["paraphraser"]
        lines.append(f"| ParaPhraser gold precise ({p['claims']:,} headlines) | gold ({p['n']} queries) | MAP@5 "
                     f"**{p['map5']:.3f}** (MRR {p['mrr']:.3f}, P@1 {p['p1']:.3f}) |")
    if "devset" in res:
        d = res["devset"]
        for split in ("dev", "test"):
            pos, rev, un = d.get(f"pos_{split}", [0, 0]), d.get(f"rev_{split}", [0, 0]), d.get(f"unrelated_{split}", [0, 0])
            lines.append(f"| dev set, at the default thresholds | {split} | positives right {pos[0]}/{pos[1]} "
                         f"({100 * pos[0] / max(1, pos[1]):.1f}%); reversals flagged {rev[0]}/{rev[1]} "
                         f"({100 * rev[0] / max(1, rev[1]):.1f}%); unrelated called a plain match "
                         f"{un[1] - un[0]}/{un[1]} ({100 * (un[1] - un[0]) / max(1, un[1]):.1f}%) |")
    lines.append(END)
    block = "\n".join(lines)
    print(block)
    if args.write:
        text = RESULTS.read_text(encoding="utf-8")
        if BEGIN in text and END in text:
            text = text[:text.index(BEGIN)] + block + text[text.index(END) + len(END):]
        else:
            anchor = "### Speed and memory"
            i = text.find(anchor)
            text = (text[:i] + block + "\n\n" + text[i:]) if i >= 0 else text + "\n" + block + "\n"
        RESULTS.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
