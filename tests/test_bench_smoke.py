"""The benchmark harness runs end to end on tiny data (what CI runs)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BENCH_DATA = REPO.parent / "shared" / "bench"


def run_bench(script: str, *args: str) -> str:
    """stdout of `bench/SCRIPT ARGS` run from the repository root; fails the test on a non-zero exit."""
    proc = subprocess.run([sys.executable, str(REPO / "bench" / script), *args],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def test_bench_smoke_prints_figures():
    if not (BENCH_DATA / "checkthat-2a-en" / "vclaims.jsonl").exists():
        pytest.skip(f"benchmark data absent at {BENCH_DATA} (the harness skips those sections)")
    out = run_bench("bench_match.py", "--smoke")
    assert "CheckThat test MAP@5" in out
    assert "ParaPhraser gold MAP@5 precise" in out
    assert "speed n=1000" in out and "p95" in out
    # posts timed fresh in a warmed process, and cold (the first posts after start-up), both printed
    assert "fresh posts, warm process" in out and "cold p95" in out and "cold_long_p95_ms" in out
    assert "no-op refresh" in out
    # sanity, not targets: a broken matcher would score near zero
    line = next(ln for ln in out.splitlines() if "CheckThat test MAP@5" in ln)
    assert float(line.split("MAP@5")[1].split()[0]) > 0.5


def test_web_bench_smoke_prints_figures():
    out = run_bench("bench_web.py", "--smoke")
    assert "| claim page `/claims/ID` | **" in out and "| search `/search?q=` | **" in out
    assert "2,000 claims" in out


def test_bot_bench_smoke_answers_every_update():
    """bench_bot drives the real Application through the offline Bot API: every kind answered, no
    Bot API error (it broke once unnoticed when LocalBotApi lost an argument the bench passes)."""
    out = run_bench("bench_bot.py", "--smoke", "--encoder", "none")
    assert "| forwarded post, no match → tip |" in out and "| inline query |" in out
    assert "CPU ms/update" in out
    assert " 0 Bot API errors." in out


def test_load_bench_smoke_loses_nothing():
    out = run_bench("bench_load.py", "--smoke")
    assert "errors: 0; unanswered: 0" in out
    assert "(0 duplicates, 0 forwards lost)" in out


def test_metric_definition():
    sys.path.insert(0, str(REPO))
    from bench.datasets import ap_at_k, evaluate

    assert ap_at_k(["a", "b"], {"a"}) == 1.0
    assert ap_at_k(["x", "a"], {"a"}) == 0.5
    assert ap_at_k(["x", "a", "y", "b"], {"a", "b"}) == pytest.approx((1 / 2 + 2 / 4) / 2)
    assert ap_at_k(["x"] * 5 + ["a"], {"a"}) == 0.0          # beyond rank 5
    m = evaluate({"q1": ["a"], "q2": []}, {"q1": {"a"}, "q2": {"b"}, "q3": {"c"}})
    assert m.map5 == pytest.approx(1 / 3) and m.n == 3       # missing rankings score 0


def test_extraction_bench_corpus_and_matching_rule():
    sys.path.insert(0, str(REPO))
    from types import SimpleNamespace

    from bench.bench_extract import Gold, load_corpus, match

    corpus = load_corpus()
    langs = {(a.lang, a.split) for a in corpus}
    assert {("ru", "dev"), ("ru", "test"), ("en", "dev"), ("en", "test")} <= langs
    assert sum(a.lang == "ru" for a in corpus) >= 10 and sum(a.lang == "en" for a in corpus) >= 5
    assert all(a.gold and a.headings for a in corpus)
    gold = [Gold("statement", None, ["4,2 миллиарда"], "a"), Gold("plan", None, ["мост", "2027"], "b")]
    one_long = [SimpleNamespace(text="Выделено 4,2 миллиарда рублей, мост откроют в 2027 году.")]
    assert len(match(gold, one_long)) == 1  # one stored claim cannot count for two gold claims
    two = one_long + [SimpleNamespace(text="Мост откроют в 2027 году.")]
    assert match(gold, two) == {0: 0, 1: 1}
    assert match(gold, [SimpleNamespace(text="Выделено 4.2 млрд")]) == {}  # every key must be there


def test_extraction_bench_smoke_on_dev_articles():
    out = run_bench("bench_extract.py", "--split", "dev", "--no-write")
    rows = [ln for ln in out.splitlines() if ln.startswith(("| ru | dev", "| en | dev"))]
    assert len(rows) == 2
    # sanity, not targets: a broken extractor finds little
    assert all(float(r.split("|")[6]) > 0.5 for r in rows), rows
