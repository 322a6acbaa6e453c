"""Timing: warm-up runs first, then repeated runs summarised by median and p95."""

import statistics
import time


def summarise(seconds: list[float]) -> dict:
    """Median and p95 (inclusive linear interpolation) in milliseconds, with the run count."""
    ms = sorted(s * 1000 for s in seconds)
    if len(ms) == 1:
        p95 = ms[0]
    else:
        p95 = statistics.quantiles(ms, n=20, method="inclusive")[18]
    return {
        "median_ms": round(statistics.median(ms), 1),
        "p95_ms": round(p95, 1),
        "min_ms": round(ms[0], 1),
        "max_ms": round(ms[-1], 1),
        "runs": len(ms),
    }


def repeat(fn, *, warmup: int = 2, runs: int = 10, before=None) -> dict:
    """Time `fn()` `runs` times after `warmup` untimed calls; `before()` runs untimed each time."""
    for _ in range(warmup):
        if before:
            before()
        fn()
    seconds = []
    for _ in range(runs):
        if before:
            before()
        started = time.perf_counter()
        fn()
        seconds.append(time.perf_counter() - started)
    return summarise(seconds)
