"""CPU time per update by kind for bench/bench_bot.py, read the same way on any checkout (Pairs 6–9 in
bench/RESULTS.md; older bench_bot versions print no CPU time). Run from the checkout to measure:

    taskset -c 1 nice -n 2 .venv/bin/python /path/to/botcpu.py --claims 20000 --updates 100 --rounds 3 --no-write

It wraps that checkout's `bench_bot.drive`, adds up `time.process_time` around each call (the first
call, a warm-up, is left out) and prints `BOTCPU kind | CPU ms/update | updates/s (wall) | n`.
"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.getcwd(), "bench"))
sys.path.insert(0, os.getcwd())
import bench_bot as bb  # noqa: E402  (the bench_bot of the checkout in the working directory)

calls = []
orig = bb.drive


async def drive(app, updates):  # noqa: ANN001,ANN201
    c0 = time.process_time()
    r = await orig(app, updates)
    calls.append((len(updates), time.process_time() - c0, r[1]))
    return r


bb.drive = drive
rc = bb.main(sys.argv[1:])
kinds = [k for k, _ in bb.KINDS]
cpu = {k: 0.0 for k in kinds}
n = {k: 0 for k in kinds}
wall = {k: 0.0 for k in kinds}
for i, (m, c, w) in enumerate(calls[1:]):
    k = kinds[i % len(kinds)]
    cpu[k] += c
    n[k] += m
    wall[k] += w
print("\nBOTCPU kind | CPU ms/update | updates/s (wall) | n")
for k, label in bb.KINDS:
    print(f"BOTCPU {label} | {cpu[k] / n[k] * 1000:.2f} | {n[k] / wall[k]:.1f} | {n[k]}")
sys.exit(rc)
