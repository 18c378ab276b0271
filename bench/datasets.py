"""Loaders for the shared benchmark data (../shared/bench relative to the repo) and the metrics.

The metric code lives only here: AP@5 exactly as /work/shared/bench/README.md defines it
(AP@5(q) = (1/|R_q|) · Σ_{i≤5, d_i ∈ R_q} P@i, a miss scores 0), plus MRR and P@1. Rankings are
produced by the caller with deterministic tie-breaking.
"""

from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(os.environ.get("CLAIMS_BENCH_DIR", REPO.parent / "shared" / "bench"))
CHECKTHAT = BENCH_DIR / "checkthat-2a-en"
PARAPHRASER = BENCH_DIR / "paraphraser-ru"


def available() -> bool:
    return (CHECKTHAT / "vclaims.jsonl").exists() and (PARAPHRASER / "pairs-gold.tsv").exists()


# ---------------------------------------------------------------------------------- metrics
def ap_at_k(ranked: list, relevant: set, k: int = 5) -> float:
    if not relevant:
        return 0.0
    hits = 0
    total = 0.0
    for i, d in enumerate(ranked[:k], 1):
        if d in relevant:
            hits += 1
            total += hits / i
    return total / len(relevant)


def reciprocal_rank(ranked: list, relevant: set) -> float:
    for i, d in enumerate(ranked, 1):
        if d in relevant:
            return 1.0 / i
    return 0.0


@dataclass
class Metrics:
    map5: float
    mrr: float
    p1: float
    n: int

    def row(self) -> str:
        return f"MAP@5 {self.map5:.3f}  MRR {self.mrr:.3f}  P@1 {self.p1:.3f}  (n={self.n})"


def evaluate(rankings: dict[str, list], qrels: dict[str, set]) -> Metrics:
    """Mean over every query in the qrels (a query with no ranking scores 0)."""
    aps, rrs, p1s = [], [], []
    for q, rel in qrels.items():
        ranked = rankings.get(q, [])
        aps.append(ap_at_k(ranked, rel, 5))
        rrs.append(reciprocal_rank(ranked, rel))
        p1s.append(1.0 if ranked[:1] and ranked[0] in rel else 0.0)
    n = len(qrels)
    return Metrics(sum(aps) / n if n else 0.0, sum(rrs) / n if n else 0.0, sum(p1s) / n if n else 0.0, n)


# ---------------------------------------------------------------------------------- CheckThat
@dataclass
class VClaim:
    id: str
    claim: str
    title: str
    subtitle: str


def claim_text(v: VClaim) -> str:
    """The text indexed for a verified claim: the claim, followed by the fact-check's subtitle (its
    one-line summary, which often names the medium, place or person the claim leaves implicit)
    unless the subtitle only repeats the claim ("Rumor: <claim>"). The title is indexed as the
    claim's title. Measured on CheckThat! train/dev only (2-fold CV MAP@5 0.867 → 0.881)."""
    sub = (v.subtitle or "").strip()
    if not sub or sub.startswith("Rumor:") or sub == v.claim.strip():
        return v.claim
    return f"{v.claim} {sub}"


def load_vclaims() -> list[VClaim]:
    out = []
    with (CHECKTHAT / "vclaims.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                o = json.loads(line)
                out.append(VClaim(o["id"], o.get("claim") or "", o.get("title") or "", o.get("subtitle") or ""))
    return out


def load_queries(split: str) -> dict[str, str]:
    out = {}
    with (CHECKTHAT / f"queries-{split}.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line or "\t" not in line:
                continue
            qid, text = line.split("\t", 1)
            if qid == "id":
                continue
            out[qid] = text
    return out


def load_qrels(split: str) -> dict[str, set]:
    out: dict[str, set] = {}
    with (CHECKTHAT / f"qrels-{split}.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 4 and parts[3] != "0":
                out.setdefault(parts[0], set()).add(parts[2])
    return out


# ---------------------------------------------------------------------------------- ParaPhraser
@dataclass
class Pair:
    id: str
    text_1: str
    text_2: str
    cls: int


def load_pairs(split: str) -> list[Pair]:
    out = []
    with (PARAPHRASER / f"pairs-{split}.tsv").open(encoding="utf-8", newline="") as fh:
        rd = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(rd, None)  # header
        for row in rd:
            if len(row) < 4:
                continue
            try:
                cls = int(row[3])
            except ValueError:
                continue
            out.append(Pair(row[0], row[1], row[2], cls))
    return out


def paraphraser_task(pairs: list[Pair], classes: tuple[int, ...]) -> tuple[list[str], dict[str, str], dict[str, set]]:
    """Pool = all distinct headlines of the file; queries = every distinct `text_1` of a pair whose
    class is in `classes`; its relevant items = the `text_2` of those pairs; the query itself is
    excluded from its ranking (the caller drops it). Grouping by distinct text_1 is what reproduces
    the README's reference figures (fuzz.ratio 0.786 / 0.682, token_set_ratio 0.886 / 0.810).
    Returns (pool, queries {qid: text}, qrels {qid: {text_2, ...}}) with qid = the query text."""
    pool = sorted({p.text_1 for p in pairs} | {p.text_2 for p in pairs})
    queries: dict[str, str] = {}
    qrels: dict[str, set] = {}
    for p in pairs:
        if p.cls in classes:
            queries[p.text_1] = p.text_1
            qrels.setdefault(p.text_1, set()).add(p.text_2)
    return pool, queries, qrels
