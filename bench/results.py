"""bench/RESULTS.md is shared by several benchmarks: each owns one `## Section` and replaces only it."""

from __future__ import annotations

import os
import platform
import re
import timeit
from datetime import datetime, timezone
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
HEADER = ("# Benchmark results\n\nWritten by the scripts in bench/; each section names the command that "
          "produced it. Timings are medians, with ratios against a baseline measured in the same run "
          "(the machine is shared and noisy).\n")


def machine_line() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (f"{when}, {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
            f"core speed {core_speed_ms():.1f} ms for `sum(range(10**6))`")


def core_speed_ms() -> float:
    """How fast this core runs plain Python, in ms for ``sum(range(10**6))`` (best of 7): machines
    the project is measured on differ by 2-3x (the same commit's latencies moved 2.4x between two
    machines of the same kind), so figures from different runs compare only with this beside them."""
    return 1000 * min(timeit.repeat("sum(range(10**6))", number=1, repeat=7))


def replace_section(title: str, body: str) -> None:
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else HEADER
    block = f"## {title}\n\n{body.strip()}\n"
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _m: block + "\n", text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + block
    RESULTS.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
