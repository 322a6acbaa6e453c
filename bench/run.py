"""`make bench`: generate (or reuse) the scale databases, measure, write the results.

    python -m bench.run [--scales K,L] [--sqlite-scales K] [--load-scale K] [--quick]
                        [--no-load] [--only kinerja]

DATABASE_URL names the PostgreSQL server and the base name (default
postgres://postgres@127.0.0.1:5432/rakor); each scale gets `<base>_bench_<scale>`, created
here and kept between runs (regenerated only when bench.config's marker changes). The SQLite
scales (the `make run` default database) are files `bench/out/<base>_bench_<scale>.sqlite3`,
generated and kept the same way. Writes docs/benchmarks.md and bench/results.json. Each
measurement runs in a child process with that database's DATABASE_URL and the production
settings of bench.config.APP_ENV. `--only PART` measures one in-process part (pages, report,
import, kinerja) on the PostgreSQL scales and nothing else (no SQLite, concurrent saves, load
or briefing): a quick figure for one piece of work.
"""

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from . import dbadmin, report
from .config import SCALES, app_env, base_url, database_name, database_url, is_sqlite

ROOT = Path(__file__).resolve().parent.parent


def log(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def machine(url: str) -> dict:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory_kib = int(Path("/proc/meminfo").read_text().split()[1])
    except OSError:
        memory_kib = 0
    import django

    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(memory_kib / 1024 / 1024, 1),
        "postgresql": dbadmin.server_version(url),
        "python": platform.python_version(),
        "django": django.get_version(),
        "loadavg": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def ensure_scale(scale, url: str) -> dict:
    """Reuse the scale's database when its marker is current, else (re)generate it."""
    info = {
        "engine": "SQLite" if is_sqlite(url) else "PostgreSQL",
        "title": scale.title,
        "opds": scale.opds,
        "lines": scale.lines,
        "years": f"{scale.years[0]}–{scale.years[-1]}",
        "database": database_name(url),
    }
    started = time.perf_counter()
    if dbadmin.read_marker(url) == scale.marker():
        info["generated"] = "reused"
    else:
        log(f"{scale.key}: membuat data ({scale.lines} baris × {len(scale.years)} tahun)")
        dbadmin.create_database(url, drop=True)
        subprocess.run(
            [sys.executable, "-m", "bench.generate", "--scale", scale.key],
            cwd=ROOT,
            env=app_env(url),
            check=True,
        )
        dbadmin.write_marker(url, scale.marker())
        info["generated"] = f"generated in {time.perf_counter() - started:.0f} s"
    with dbadmin.connect(url) as conn:
        info["targets"] = conn.execute("SELECT count(*) FROM realisasi_target").fetchone()[0]
        info["realisasi"] = conn.execute("SELECT count(*) FROM realisasi_realisasi").fetchone()[0]
    info["seconds"] = time.perf_counter() - started
    return info


def child(module: str, url: str, *args: str, timeout: int = 600) -> dict:
    """Run `python -m module ... --out FILE` against `url`; its JSON, or the error."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = handle.name
    try:
        done = subprocess.run(
            [sys.executable, "-m", module, *args, "--out", out],
            cwd=ROOT,
            env=app_env(url),
            timeout=timeout,
            stderr=subprocess.PIPE,
            text=True,
        )
        sys.stderr.write(done.stderr)
        if done.returncode != 0:
            tail = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "?"
            return {"error": f"{module} keluar dengan kode {done.returncode}: {tail}"}
        return json.loads(Path(out).read_text())
    except subprocess.TimeoutExpired as exc:
        sys.stderr.write(exc.stderr.decode() if isinstance(exc.stderr, bytes) else exc.stderr or "")
        return {"error": f"{module} melewati batas {timeout} s"}
    finally:
        Path(out).unlink(missing_ok=True)


def collectstatic(url: str) -> None:
    # DEBUG off serves hashed static names from the manifest, as production does.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=app_env(url),
        check=True,
    )


def git_commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        return "?"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", default="K,L", help="PostgreSQL scales")
    parser.add_argument("--sqlite-scales", default="K", help="SQLite scales ('' for none)")
    parser.add_argument("--load-scale", default="K")
    parser.add_argument("--load-seconds", type=int, default=6)
    parser.add_argument("--no-load", action="store_true")
    parser.add_argument("--quick", action="store_true", help="tiny scale T only, short load")
    parser.add_argument(
        "--only", choices=["pages", "report", "import", "kinerja"], help="one in-process part"
    )
    parser.add_argument("--md", default=str(ROOT / "docs" / "benchmarks.md"))
    parser.add_argument("--json", default=str(ROOT / "bench" / "results.json"))
    args = parser.parse_args(argv)
    if args.quick:
        args.scales, args.sqlite_scales, args.load_scale, args.load_seconds = "T", "T", "T", 3

    started = time.perf_counter()
    base = base_url()

    def split(text):
        return [k.strip().upper() for k in text.split(",") if k.strip()]

    keys, sqlite_keys = split(args.scales), split(args.sqlite_scales)
    if args.only:
        sqlite_keys, args.no_load = [], True
    results: dict[str, Any] = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": git_commit(),
        "machine": machine(base),
        "scales": {},
        "sqlite": {},
        "errors": {},
    }
    urls = {key: database_url(key, base) for key in keys}
    sqlite_urls = {key: database_url(key, base, sqlite=True) for key in sqlite_keys}
    for key in keys:
        results["scales"][key] = {"data": ensure_scale(SCALES[key], urls[key])}
    for key in sqlite_keys:
        results["sqlite"][key] = {"data": ensure_scale(SCALES[key], sqlite_urls[key])}
    every = [*results["scales"].values(), *results["sqlite"].values()]
    results["generation_seconds"] = sum(s["data"]["seconds"] for s in every)
    log("collectstatic")
    collectstatic(base)

    def measure(where, key, url, parts):
        """Each part in a child of its own (a loaded machine must not lose them all to one
        timeout), with the load average when it started."""
        measured = {}
        for part in parts:
            loadavg = " ".join(f"{x:.2f}" for x in os.getloadavg())
            log(f"{key} {where} {part}: beban mesin {loadavg}")
            out = child("bench.inprocess", url, "--scale", key, "--parts", part, timeout=1800)
            if "error" in out:
                results["errors"][f"{key} {where} {part}"] = out.pop("error")
            for name, text in (out.pop("errors", None) or {}).items():
                results["errors"][f"{key} {where} {name}"] = text
            measured.update(out)
            measured.setdefault("loadavg_parts", {})[part] = loadavg
        measured["loadavg"] = measured["loadavg_parts"][parts[0]]
        return measured

    for key in sqlite_keys:
        results["sqlite"][key].update(measure("SQLite", key, sqlite_urls[key], ["pages"]))
        log(f"{key} SQLite: bahan Rakor (PDF)")
        results["sqlite"][key]["briefing"] = child("bench.brief", sqlite_urls[key], "--scale", key)
    for key in keys:
        parts = ["pages", "report", "kinerja"] + (["import"] if SCALES[key].import_lines else [])
        if args.only:
            parts = [args.only]
        results["scales"][key].update(measure("PostgreSQL", key, urls[key], parts))
    if args.only:
        results["total_seconds"] = time.perf_counter() - started
        report.write(results, Path(args.md), Path(args.json))
        log(f"selesai dalam {results['total_seconds']:.0f} s: {args.md}, {args.json}")
        return

    load_key = args.load_scale.upper()
    if load_key in results["scales"]:
        log(f"{load_key}: simpan serentak (PostgreSQL)")
        results["concurrent"] = child(
            "bench.concurrent", urls[load_key], "--scale", load_key, timeout=1800
        )
        results["concurrent"]["loadavg"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    if not args.no_load and load_key in results["scales"]:
        from .load import load_test

        log(f"{load_key}: beban (gunicorn)")
        scale = results["scales"][load_key]
        pages = {
            name: entry["url"]
            for name, entry in (scale.get("pages") or {}).items()
            if name in ("summary", "rekap") and "latency" in entry
        }
        try:
            loadavg = " ".join(f"{x:.2f}" for x in os.getloadavg())
            results["load"] = load_test(
                app_env(urls[load_key]),
                pages,
                scale["session_cookie"],
                users=(10,),
                seconds=args.load_seconds,
            )
            results["load"].update(
                scale=load_key, seconds=args.load_seconds, warmup=5, repeats=3, loadavg=loadavg
            )
        except Exception as exc:  # noqa: BLE001 - the report says what failed
            results["load"] = {"error": f"{type(exc).__name__}: {exc}"}

    brief_key = "K" if "K" in keys else keys[0]
    log(f"{brief_key}: bahan Rakor (PDF)")
    results["briefing"] = child("bench.brief", urls[brief_key], "--scale", brief_key)
    results["briefing_month"] = (
        f"{SCALES[brief_key].latest_year}/{SCALES[brief_key].through_month}, scale {brief_key}"
    )
    results["total_seconds"] = time.perf_counter() - started
    report.write(results, Path(args.md), Path(args.json))
    log(f"selesai dalam {results['total_seconds']:.0f} s: {args.md}, {args.json}")
    missed = [c for c in results["checks"] if not c["met"]]
    for check in missed:
        log(
            f"  belum tercapai: {check['figure']} {check['scale']} {check['value']} "
            f"({check['target']})"
        )


if __name__ == "__main__":
    main()
