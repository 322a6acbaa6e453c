"""docs/benchmarks.md (for people) and bench/results.json (for scripts) from one run."""

import json
from pathlib import Path

NOTES = Path(__file__).with_name("notes.md")
BASELINE = Path(__file__).with_name("baseline.json")


def _get(data, *keys):
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def checks(results: dict) -> list[dict]:
    """Every target of issue 8 with the measured value and whether it is met."""
    rows = []

    def add(figure, target, value, unit, met, scale=""):
        rows.append(
            {
                "figure": figure,
                "scale": scale,
                "target": target,
                "value": value,
                "unit": unit,
                "met": met,
            }
        )

    scales = results.get("scales", {})
    for key, limit in (("K", 150), ("L", 400)):
        for page in ("summary", "rekap"):
            for suffix, label in (("", ""), ("_uncached", " (cache miss)")):
                p95 = _get(scales, key, "pages", page, f"latency{suffix}", "p95_ms")
                met = p95 is not None and p95 <= limit
                add(f"{page}: p95{label}", f"≤ {limit} ms", p95, "ms", met, key)
    for page in ("summary", "rekap"):
        for suffix, label in (("", ""), ("_uncached", " (cache miss)")):
            ratio = _get(scales, "L", "pages", page, f"floor_ratio{suffix}")
            met = ratio is not None and ratio <= 3
            add(f"{page}: ÷ SQL floor{label}", "≤ 3 ×", ratio, "×", met, "L")
    for page in ("summary", "rekap"):
        counts = [_get(scales, key, "pages", page, "queries") for key in ("K", "L")]
        known = [c for c in counts if c is not None]
        value = " / ".join("–" if c is None else str(c) for c in counts)
        met = len(known) == 2 and max(known) <= 10 and known[0] == known[1]
        add(f"{page}: SQL queries (K / L)", "≤ 10, same at K and L", value, "", met)
    load = _get(results, "load", "summary", "10")
    if load:
        add(
            "load, 10 users, summary: requests/s",
            "≥ 60",
            load["rps"],
            "req/s",
            load["rps"] >= 60,
            results["load"].get("scale", ""),
        )
        add(
            "load, 10 users, summary: p95",
            "≤ 300 ms",
            load["p95_ms"],
            "ms",
            load["p95_ms"] is not None and load["p95_ms"] <= 300,
            results["load"].get("scale", ""),
        )
        add(
            "load, 10 users, summary: errors",
            "0",
            load["errors"],
            "",
            load["errors"] == 0,
            results["load"].get("scale", ""),
        )
    else:
        add("load, 10 users, summary", "≥ 60 req/s, p95 ≤ 300 ms, no errors", None, "", False)
    save = _get(scales, "K", "report", "save", "p95_ms")
    add("save of 150 lines: p95", "≤ 300 ms", save, "ms", save is not None and save <= 300, "K")
    rate = _get(scales, "K", "import", "rows_per_s")
    add(
        "import of 30,000 rows",
        "≥ 2,000 rows/s",
        rate,
        "rows/s",
        rate is not None and rate >= 2000,
        "K",
    )
    brief = results.get("briefing") or {}
    seconds = _get(brief, "time", "median_ms")
    seconds = None if seconds is None else round(seconds / 1000, 2)
    add("briefing: wall time", "≤ 3 s", seconds, "s", seconds is not None and seconds <= 3, "K")
    pps = brief.get("pages_per_s")
    add("briefing: pages per second", "≥ 4", pps, "pages/s", pps is not None and pps >= 4, "K")
    peak = brief.get("peak_mib")
    add("briefing: peak memory", "≤ 300 MB", peak, "MiB", peak is not None and peak <= 300, "K")
    return rows


def _fmt(value, unit=""):
    if value is None:
        return "–"
    if isinstance(value, float):
        value = f"{value:,.1f}" if value >= 100 else f"{value:,.2f}"
    elif isinstance(value, int):
        value = f"{value:,}"
    return f"{value} {unit}".strip()


def _stat(entry):
    if not entry:
        return "–", "–"
    return _fmt(entry.get("median_ms")), _fmt(entry.get("p95_ms"))


def markdown(results: dict) -> str:
    machine = results["machine"]
    out = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`python -m bench.run`); the same figures are in "
        "`bench/results.json`. Do not edit by hand: the notes at the end come from "
        "`bench/notes.md`.",
        "",
        f"- Date: {results['date']} (commit `{results.get('commit', '?')}`)",
        f"- Machine: {machine['cores']} cores, {machine['cpu']}, {machine['memory_gib']} GiB; "
        f"PostgreSQL {machine['postgresql']}; Python {machine['python']}, Django "
        f"{machine['django']}",
        f"- Whole run: {results.get('total_seconds', 0):.0f} s "
        f"(data generation {results.get('generation_seconds', 0):.0f} s)",
        f"- Load average when the run started: {machine.get('loadavg', '?')} "
        "(other processes on the machine make every figure noisier)",
        "",
        "## Targets",
        "",
        "| figure | scale | target | measured | |",
        "|---|---|---|---|---|",
    ]
    for row in results["checks"]:
        mark = "met" if row["met"] else "**missed**"
        out.append(
            f"| {row['figure']} | {row['scale']} | {row['target']} | "
            f"{_fmt(row['value'], row['unit'])} | {mark} |"
        )
    out += [
        "",
        "## Scales",
        "",
        "| scale | OPDs | budget lines per year | years | targets | realization rows | database |",
        "|---|---|---|---|---|---|---|",
    ]
    for key, scale in results.get("scales", {}).items():
        data = scale.get("data", {})
        out.append(
            f"| {key} ({data.get('title', '')}) | {data.get('opds', '–')} | "
            f"{_fmt(data.get('lines'))} | {data.get('years', '–')} | {_fmt(data.get('targets'))} "
            f"| {_fmt(data.get('realisasi'))} | `{data.get('database', '')}` "
            f"({data.get('generated', '')}) |"
        )
    out += [
        "",
        "## Pages in-process (Django test Client, verifikator, production settings)",
        "",
        "Median and p95 over repeated warm runs (2 warm-up runs first), as configured for "
        "production (figures cache on: the data did not change between views), then the "
        "same page with every request computing its figures (a cache miss: "
        "`RAKOR_FIGURES_CACHE=false`, or the first view after any write). The SQL floor is "
        "the same aggregate figures in hand-written SQL (`bench/floor.py`), run with psycopg: "
        "no page that computes its figures can be faster.",
        "",
        "| scale | page | median ms | p95 ms | runs | SQL queries | cache miss: median ms "
        "| p95 ms | queries | floor median ms | page ÷ floor (miss) |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for key, scale in results.get("scales", {}).items():
        for page, entry in (scale.get("pages") or {}).items():
            if "latency" not in entry:
                reason = entry.get("missing") or entry.get("error") or "?"
                out.append(f"| {key} | {page} | {reason} | | | | | |")
                continue
            median, p95 = _stat(entry["latency"])
            cold_median, cold_p95 = _stat(entry.get("latency_uncached"))
            out.append(
                f"| {key} | {page} | {median} | {p95} | {entry['latency']['runs']} | "
                f"{entry['queries']} | {cold_median} | {cold_p95} | "
                f"{entry.get('queries_uncached', '–')} | {_fmt(entry['floor']['median_ms'])} | "
                f"{_fmt(entry['floor_ratio'])} ({_fmt(entry.get('floor_ratio_uncached'))}) |"
            )
    out += [
        "",
        "## Month report of a 150-line OPD",
        "",
        "| scale | render median / p95 ms | render queries | save median / p95 ms | "
        "save queries | lines saved |",
        "|---|---|---|---|---|---|",
    ]
    for key, scale in results.get("scales", {}).items():
        report = scale.get("report") or {}
        if "render" not in report:
            out.append(f"| {key} | {report.get('missing') or report.get('error') or '–'} | | | | |")
            continue
        render = " / ".join(_stat(report["render"]))
        save = (
            " / ".join(_stat(report.get("save")))
            if "save" in report
            else report.get("save_error", "–")
        )
        out.append(
            f"| {key} | {render} | {report.get('render_queries', '–')} | {save} | "
            f"{report.get('save_queries', '–')} | {report.get('saved_lines', '–')} |"
        )
    load = results.get("load") or {}
    out += ["", "## Under load (gunicorn over HTTP on 127.0.0.1)", ""]
    if "error" in load or not load:
        out.append(f"Not measured: {load.get('error', 'skipped')}")
    else:
        out += [
            f"gunicorn with {load.get('workers')} sync workers "
            f"(2 × {load.get('cores')} cores + 1), "
            f"DEBUG off, scale {load.get('scale')}; driven by {load.get('driver')} from a second "
            f"process with a verifikator's session cookie; per page {load.get('warmup')} s of "
            f"warm-up, then {load.get('repeats')} runs of {load.get('seconds')} s per number of "
            "users: the run with the median requests/s is shown, with the range over the runs. "
            "Errors and requests are counted over all runs; an error is any answer but 200 (a "
            "redirect to the login page included) or a socket error.",
            "",
            "| page | users | requests/s | (range) | p50 ms | p95 ms | requests | errors |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for page in ("summary", "rekap"):
            for users, fig in (load.get(page) or {}).items():
                spread = " – ".join(_fmt(x) for x in fig.get("rps_range", []))
                out.append(
                    f"| {page} | {users} | {_fmt(fig['rps'])} | {spread} | "
                    f"{_fmt(fig['p50_ms'])} | {_fmt(fig['p95_ms'])} | {_fmt(fig['requests'])} "
                    f"| {fig['errors']} |"
                )
    imp = _get(results, "scales", "K", "import") or {}
    out += ["", "## Import of a realization file", ""]
    if "rows_per_s" in imp:
        out.append(
            f"{imp['rows']:,} rows (CSV, `import_realisasi`, a year without realization, "
            f"{imp['time']['runs']} runs): median {imp['time']['median_ms'] / 1000:.2f} s, "
            f"{imp['rows_per_s']:,} rows/s."
        )
    else:
        out.append(f"Not measured: {imp.get('missing') or imp.get('error') or 'skipped'}")
    brief = results.get("briefing") or {}
    out += ["", "## Briefing PDF of K", ""]
    if "time" in brief:
        out.append(
            f"`rakor_brief` for {results.get('briefing_month', '')}: median "
            f"{brief['time']['median_ms'] / 1000:.2f} s "
            f"(p95 {brief['time']['p95_ms'] / 1000:.2f} s, "
            f"{brief['time']['runs']} runs after one warm-up), {brief['pages']} pages, "
            f"{brief['pages_per_s']} pages/s, peak memory {brief['peak_mib']} MiB "
            "(largest process, the WeasyPrint child included)."
        )
    else:
        out.append(f"Not measured: {brief.get('error', 'skipped')}")
    if results.get("errors"):
        out += ["", "## Errors during the run", ""]
        for where, text in results["errors"].items():
            out.append(f"- {where}: `{text.strip().splitlines()[-1][:300]}`")
    if NOTES.exists():
        notes = NOTES.read_text().strip()
        baseline = json.loads(BASELINE.read_text()) if BASELINE.exists() else None
        notes = notes.replace("BEFORE_DATE", (baseline or {}).get("date", "not measured"))
        notes = notes.replace("BEFORE_AFTER_TABLE", before_after(baseline, results))
        out += ["", notes]
    return "\n".join(out) + "\n"


def _page(scale, page, figure="latency"):
    return ("scales", scale, "pages", page, figure, "p95_ms")


# (label, path in the results, unit)
COMPARED = [
    ("summary K, p95 (cache miss)", _page("K", "summary", "latency_uncached"), "ms"),
    ("summary K, p95", _page("K", "summary"), "ms"),
    ("rekap K, p95 (cache miss)", _page("K", "rekap", "latency_uncached"), "ms"),
    ("rekap K, p95", _page("K", "rekap"), "ms"),
    ("summary L, p95 (cache miss)", _page("L", "summary", "latency_uncached"), "ms"),
    ("summary L, p95", _page("L", "summary"), "ms"),
    ("rekap L, p95 (cache miss)", _page("L", "rekap", "latency_uncached"), "ms"),
    ("rekap L, p95", _page("L", "rekap"), "ms"),
    ("summary, SQL queries", ("scales", "K", "pages", "summary", "queries"), ""),
    ("load, 10 users, summary", ("load", "summary", "10", "rps"), "req/s"),
    ("load, 10 users, summary, p95", ("load", "summary", "10", "p95_ms"), "ms"),
    ("load, 10 users, rekap", ("load", "rekap", "10", "rps"), "req/s"),
    ("save of 150 lines K, p95", ("scales", "K", "report", "save", "p95_ms"), "ms"),
    ("import", ("scales", "K", "import", "rows_per_s"), "rows/s"),
    ("briefing K", ("briefing", "time", "median_ms"), "ms"),
]


def before_after(baseline: dict | None, results: dict) -> str:
    if not baseline:
        return "(no baseline run stored in bench/baseline.json)"
    rows = ["| figure | before | after |", "|---|---|---|"]
    for label, path, unit in COMPARED:
        before, after = _get(baseline, *path), _get(results, *path)
        rows.append(f"| {label} | {_fmt(before, unit)} | {_fmt(after, unit)} |")
    return "\n".join(rows)


def write(results: dict, md_path: Path, json_path: Path) -> None:
    results["checks"] = checks(results)
    public = json.loads(json.dumps(results, default=str))
    for scale in public.get("scales", {}).values():
        scale.pop("session_cookie", None)
    json_path.write_text(json.dumps(public, indent=2, ensure_ascii=False) + "\n")
    md_path.write_text(markdown(public))


def main():
    """Rewrite docs/benchmarks.md from bench/results.json (after editing bench/notes.md)."""
    root = Path(__file__).resolve().parent.parent
    results = json.loads((root / "bench" / "results.json").read_text())
    (root / "docs" / "benchmarks.md").write_text(markdown(results))


if __name__ == "__main__":
    main()
