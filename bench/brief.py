"""The briefing PDF: wall time, pages, pages per second and peak memory.

`python -m bench.brief --scale K --out FILE` starts `python -m bench.brief --once` children
one after the other; each sets Django up, then times `rakor_brief` (figures, HTML and the
WeasyPrint render, which the command runs in a child of its own) and counts the pages with
pypdf. Peak memory is resource.getrusage(RUSAGE_CHILDREN).ru_maxrss in this parent: the
largest resident size of any process below it, the WeasyPrint render included.
"""

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .config import SCALES
from .measure import summarise


def once(scale_key: str) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from pypdf import PdfReader

    scale = SCALES[scale_key]
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "bahan-rakor.pdf"
        started = time.perf_counter()
        call_command(
            "rakor_brief",
            year=scale.latest_year,
            month=scale.through_month,
            output=str(output),
            stdout=open("/dev/null", "w"),
        )
        seconds = time.perf_counter() - started
        pages = len(PdfReader(output).pages)
        size = output.stat().st_size
    print(json.dumps({"seconds": seconds, "pages": pages, "bytes": size}))


def measure(scale_key: str, runs: int = 3) -> dict:
    seconds, results = [], []
    for _ in range(runs + 1):  # the first run warms the disk cache and is not counted
        done = subprocess.run(
            [sys.executable, "-m", "bench.brief", "--once", "--scale", scale_key],
            capture_output=True,
            text=True,
            timeout=300,
        )
        if done.returncode != 0:
            return {"error": done.stderr.strip().splitlines()[-1] if done.stderr else "gagal"}
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    for result in results[1:]:
        seconds.append(result["seconds"])
    time_stats = summarise(seconds)
    pages = results[-1]["pages"]
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "time": time_stats,
        "pages": pages,
        "bytes": results[-1]["bytes"],
        "pages_per_s": round(pages / (time_stats["median_ms"] / 1000), 1),
        "peak_mib": round(peak_kib / 1024, 1),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", required=True, choices=sorted(SCALES))
    parser.add_argument("--once", action="store_true")
    parser.add_argument("--out")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    if args.once:
        once(args.scale)
        return
    result = measure(args.scale, args.runs)
    sys.stderr.write(f"  {args.scale} bahan Rakor: {json.dumps(result)}\n")
    Path(args.out).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
