"""The benchmark harness runs end to end on tiny data (what CI runs)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BENCH_DATA = REPO.parent / "shared" / "bench"


def test_bench_smoke_prints_figures():
    if not (BENCH_DATA / "checkthat-2a-en" / "vclaims.jsonl").exists():
        pytest.skip(f"benchmark data absent at {BENCH_DATA} (the harness skips those sections)")
    proc = subprocess.run([sys.executable, str(REPO / "bench" / "bench_match.py"), "--smoke"],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = proc.stdout
    assert "CheckThat test MAP@5" in out
    assert "ParaPhraser gold MAP@5 precise" in out
    assert "speed n=1000" in out and "p95" in out
    assert "no-op refresh" in out
    # sanity, not targets: a broken matcher would score near zero
    line = next(ln for ln in out.splitlines() if "CheckThat test MAP@5" in ln)
    assert float(line.split("MAP@5")[1].split()[0]) > 0.5


def test_web_bench_smoke_prints_figures():
    proc = subprocess.run([sys.executable, str(REPO / "bench" / "bench_web.py"), "--smoke"],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "| claim page `/claims/ID` | **" in proc.stdout and "| search `/search?q=` | **" in proc.stdout
    assert "2,000 claims" in proc.stdout


def test_metric_definition():
    sys.path.insert(0, str(REPO))
    from bench.datasets import ap_at_k, evaluate

    assert ap_at_k(["a", "b"], {"a"}) == 1.0
    assert ap_at_k(["x", "a"], {"a"}) == 0.5
    assert ap_at_k(["x", "a", "y", "b"], {"a", "b"}) == pytest.approx((1 / 2 + 2 / 4) / 2)
    assert ap_at_k(["x"] * 5 + ["a"], {"a"}) == 0.0          # beyond rank 5
    m = evaluate({"q1": ["a"], "q2": []}, {"q1": {"a"}, "q2": {"b"}, "q3": {"c"}})
    assert m.map5 == pytest.approx(1 / 3) and m.n == 3       # missing rankings score 0
