"""BENCHMARKS.md from var/bench/results.json (written by bench/run.py; `python bench/report.py` re-renders it)."""

from __future__ import annotations

from typing import Any

FLOOR = "health (floor)"
TARGET_LEVEL = "10"  # the targets hold at concurrency 10
P95_TARGET_MS = 150
RATIO_TARGET = 0.40
BUILD_TARGET_S = 120
DB_LABELS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def _ratio(pages: dict[str, Any], page: str) -> float:
    floor = pages[FLOOR]["rps"]
    return pages[page]["rps"] / floor if floor else 0.0


def _verdict(ok: bool, result: dict[str, Any] | None = None) -> str:
    if result is not None and result["failed"]:
        return "**FAIL** (the page answered errors: the figure is not a measurement of the page)"
    return "pass" if ok else "**FAIL**"


def _machine(results: dict[str, Any]) -> list[str]:
    m = results["machine"]
    lines = ["## Machine", "", "| | |", "|---|---|"]
    lines += [f"| {key} | {value} |" for key, value in m.items()]
    for name, db in results["databases"].items():
        lines.append(f"| {DB_LABELS.get(name, name)} | {db['version']} |")
    lines += [
        "",
        "The machine was **shared**: test suites and other sessions ran on the same 2 CPUs during the run (see the",
        "load average at the start). Absolute numbers are noisy; the ratios to the floor, measured minutes apart",
        "in the same run, are the more telling figures.",
        "",
    ]
    return lines


def _targets(results: dict[str, Any]) -> list[str]:
    lines = [
        "## Targets (issue 7)",
        "",
        "| target | database | page | measured | result |",
        "|---|---|---|---|---|",
    ]
    for name, db in results["databases"].items():
        label = DB_LABELS.get(name, name)
        lines.append(
            f"| region build < {BUILD_TARGET_S} s | {label} | – | {db['build_seconds']:.0f} s | "
            f"{_verdict(db['build_seconds'] < BUILD_TARGET_S)} |"
        )
        pages = db["levels"].get(TARGET_LEVEL, {})
        for page, result in pages.items():
            if page == FLOOR:
                continue
            lines.append(
                f"| p95 < {P95_TARGET_MS} ms at concurrency 10 | {label} | {page} | {result['p95_ms']:.0f} ms | "
                f"{_verdict(result['p95_ms'] < P95_TARGET_MS, result)} |"
            )
        for page in pages:
            if page == FLOOR:
                continue
            ratio = _ratio(pages, page)
            lines.append(
                f"| ≥ {RATIO_TARGET:.0%} of the floor's throughput (concurrency 10) | {label} | {page} | "
                f"{ratio:.0%} | {_verdict(ratio >= RATIO_TARGET, pages[page])} |"
            )
    lines += [
        "| national-scale regional report < 1 s | PostgreSQL | regional report | not measured yet: the national "
        "dataset (`bench/generate.py --scale national`) has not been built on this machine; `bench/report_timing.py` "
        "times the report on it | – |",
        "| meeting page in the load | both | – | not in the load yet (the school and region reports are) | – |",
        "",
    ]
    return lines


def _memory(db: dict[str, Any]) -> list[str]:
    """Memory per process after the run. RSS counts the pages a worker shares with the master (the application and
    the de-identifier, loaded before the fork) in full; PSS divides them among the sharers; private is what one more
    worker costs."""
    memory = db.get("memory_mb")
    if memory is None:  # results of a run before the master loaded the de-identifier
        return ["Memory (RSS) per gunicorn worker after the run: "
                + ", ".join(f"{mb:.0f} MiB" for mb in db["worker_rss_mb"]) + "."]  # fmt: skip
    lines = [
        f"Memory after the run ({len(memory['workers'])} workers; the master loaded the application and the "
        "de-identifier before forking them, so they share those pages):",
        "",
        "| process | RSS MiB | PSS MiB | private MiB |",
        "|---|---:|---:|---:|",
    ]
    for role in ("master", "workers"):
        for number, sizes in enumerate(memory[role], start=1):
            label = "master" if role == "master" else f"worker {number}"
            lines.append(f"| {label} | {sizes['rss']:.0f} | {sizes['pss']:.0f} | {sizes['private']:.0f} |")
    return lines


def _tables(name: str, db: dict[str, Any]) -> list[str]:
    label = DB_LABELS.get(name, name)
    lines = [f"## {label} {db['version']}", ""]
    facts = db["targets"]["facts"]
    lines += [
        f"Region built in **{db['build_seconds']:.0f} s**. Logged in as `{db['targets']['user']}`, care coordinator "
        f"of a primary school with {facts['open_cases_at_school']} open cases; the case page shows a case with "
        f"{facts['case_events']} timeline events; the search is `?q={facts['search']}` ({facts['search_hits']} "
        "pupils).",
        "",
        *_memory(db),
        "",
    ]
    for level, pages in db["levels"].items():
        lines += [
            f"### {label}, concurrency {level}",
            "",
            "| page | req/s | p50 ms | p95 ms | p99 ms | ratio to floor | queries/request | errors |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for page, r in pages.items():
            errors = r["not_200"] + r["socket_errors"]
            lines.append(
                f"| {page} | {r['rps']:.1f} | {r['p50_ms']:.0f} | {r['p95_ms']:.0f} | {r['p99_ms']:.0f} | "
                f"{_ratio(pages, page):.0%} | {db['queries'][page]['queries']} | {errors} |"
            )
        lines.append("")
    return lines


def _queries(name: str, db: dict[str, Any]) -> list[str]:
    label = DB_LABELS.get(name, name)
    lines = [
        f"### Queries per page on {label} (one request, Django test client, same session)",
        "",
        "| page | queries | SQL time ms | repeated query shapes | slowest query (ms) |",
        "|---|---:|---:|---|---|",
    ]
    for page, q in db["queries"].items():
        repeated = ", ".join(f"{r['count']}× `{r['sql'][:60]}…`" for r in q["repeated"]) or "none"
        slowest = q["slowest"][0] if q["slowest"] else {"ms": 0, "sql": ""}
        lines.append(
            f"| {page} | {q['queries']} | {q['query_ms']} | {repeated} | {slowest['ms']} `{slowest['sql'][:90]}…` |"
        )
    lines.append("")
    return lines


def _rows(results: dict[str, Any]) -> list[str]:
    first = next(iter(results["databases"].values()))
    lines = [f"## Dataset ({results['scale']} scale, seed 2026)", "", "| table | rows |", "|---|---:|"]
    lines += [f"| {table} | {count:,} |" for table, count in first["rows"].items() if table != "meetings"]
    lines.append("| meetings | not generated yet (issue 5): hook `add_meetings` in bench/generate.py |")
    lines.append(
        "| consent records | not generated yet: the consents app (issue 4) is being rebuilt (bench/care.py) |"
    )
    lines.append("")
    return lines


def render(results: dict[str, Any]) -> str:
    lines = [
        "# Benchmarks",
        "",
        "Generated by `make bench` (bench/run.py) — do not edit by hand; rerun it. Issue 7: region-scale data on",
        "SQLite and PostgreSQL, Zorgroute under gunicorn (its production configuration `zorgroute.conf.gunicorn`: "
        f"{results.get('workers', 2)} sync workers forked from a master that loaded the application and the "
        "de-identifier; production settings `zorgroute.conf.base` over plain http on loopback), a bounded load by "
        "wrk per page at concurrency "
        + ", ".join(str(c) for c in results["concurrency"])
        + f" ({results['seconds']} s each, after a 2 s warm-up per page).",
        "",
        f"Run: {results['started']} – {results['finished']}.",
        "",
        "Every page is requested as the care coordinator `bench.ib` with a server-side session (password and TOTP "
        "passed), sent as a Cookie header; anything but a 200 (an error, or a redirect to the login page) counts "
        "as an error and fails the run. The floor is `/health` (one `SELECT 1`, no session).",
        "",
        "## Reproduce",
        "",
        "```",
        "make bench                                   # both databases, region scale",
        "BENCH_DATABASES=sqlite BENCH_SECONDS=5 make bench",
        ".venv/bin/python manage.py migrate && .venv/bin/python bench/generate.py --scale region \\",
        "    --database-url sqlite:///$PWD/var/bench/mine.sqlite3   # (with DATABASE_URL set to the same database)",
        "```",
        "",
        "`make bench` installs Debian's `wrk` and `postgresql` when missing, starts its own PostgreSQL cluster in a",
        "temporary directory (stopped afterwards) and keeps its SQLite file under var/bench/. National scale",
        "(`--scale national`, PostgreSQL only) is defined in bench/generate.py but has not been built or timed yet.",
        "",
    ]
    lines += _machine(results)
    lines += _targets(results)
    lines += _rows(results)
    for name, db in results["databases"].items():
        lines += _tables(name, db)
        lines += _queries(name, db)
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":  # re-render BENCHMARKS.md from the last run's results
    import json

    from common import ROOT, VAR

    (ROOT / "BENCHMARKS.md").write_text(render(json.loads((VAR / "results.json").read_text())))
