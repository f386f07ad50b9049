"""BENCHMARKS.md from var/bench/results.json (written by bench/run.py; `python bench/report.py` re-renders it),
with the national-scale section from bench/results/national.json when that exists (tracked in git, so it carries the
last national measurement to every clone; written by bench/national.py, the build, and bench/report_timing.py
--json, the report timings: see bench/national.py for the commands).
"""

from __future__ import annotations

import json
from typing import Any

from common import NATIONAL_RESULTS, VAR

FLOOR = "health (floor)"
MEETING = "meeting page"
SHARED_SUFFIX = "+forums"  # bench/meetings.py's rows of a table the care routes fill too (bench/meetings.py)
TARGET_LEVEL = "10"  # the targets hold at concurrency 10
P95_TARGET_MS = 150
RATIO_TARGET = 0.40
BUILD_TARGET_S = 120
NATIONAL_TARGET_MS = 1000
NATIONAL_REPORTS = {  # report_timing.py's names: what the row is called here
    "region year": "region report (policy staff, by municipality), school year",
    "region quarter": "region report (policy staff, by municipality), quarter",
    "zat year": "ZAT report (by school), school year",
    "annual": "annual report (funders), three school years",
}
NATIONAL_TARGET_REPORTS = ("region year", "region quarter", "zat year")  # "the regional report" of issue 7
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


def load_national() -> dict[str, Any] | None:
    path = NATIONAL_RESULTS
    return json.loads(path.read_text()) if path.exists() else None  # type: ignore[no-any-return]


def _national_targets(national: dict[str, Any] | None) -> list[str]:
    figures = ((national or {}).get("reports") or {}).get("figures") or {}
    if not figures:
        return [
            "| national-scale regional report < 1 s | PostgreSQL | regional report | not measured yet: build the "
            "national dataset (`bench/generate.py --scale national`) and time it with `bench/report_timing.py "
            "--json` (bench/national.py) | – |"
        ]
    lines = []
    for name in NATIONAL_TARGET_REPORTS:
        f = figures.get(name)
        if f is None:
            continue
        worst = max(f["warm_max_ms"], f["cold_max_ms"] or 0)
        cold = (
            f", cold median {f['cold_median_ms']:.0f} ms / max {f['cold_max_ms']:.0f} ms"
            if f["cold_ms"]
            else ""
        )
        lines.append(
            f"| national-scale regional report < 1 s | PostgreSQL | {NATIONAL_REPORTS.get(name, name)} | "
            f"warm median {f['warm_median_ms']:.0f} ms / max {f['warm_max_ms']:.0f} ms{cold} | "
            f"{_verdict(worst < NATIONAL_TARGET_MS)} |"
        )
    return lines


def _national(national: dict[str, Any] | None) -> list[str]:
    if not national:
        return []
    b = national["build"]
    lines = [
        "## National scale (PostgreSQL)",
        "",
        f"Built {b['finished_at']} by `bench/generate.py --scale national` (bench/national.py): {b['regions']} "
        f"regions, {b['schools']:,} schools, {b['total_rows']:,} rows in **{b['seconds'] / 60:.1f} min** "
        f"({b['seconds']:.0f} s, of which writing with COPY {b['write_seconds']:.0f} s and the closing VACUUM ANALYZE "
        f"{b['vacuum_seconds']:.0f} s; the rest is Python making the rows), one process, load average "
        f"{b['load_average_at_start']} at the start. Database size {b['database_bytes'] / 1024**3:.1f} GiB; "
        f"PostgreSQL {b['postgresql'] // 10000}.{b['postgresql'] % 10000}, settings "
        + ", ".join(f"{k} {v}" for k, v in b["server_settings"].items())
        + " (fsync and synchronous_commit off on this throwaway build cluster only; they do not change reads).",
        "",
        "| table | rows |",
        "|---|---:|",
    ]
    lines += [f"| {table} | {count:,} |" for table, count in b["rows"].items() if table != "meetings"]
    if not b["rows"].get("meetings"):
        lines.append(
            "| meetings, referrals, discussions, consent records | not generated in this build: the tables the "
            "report families read for them are empty |"
        )
    lines.append("")
    if b.get("machine"):
        lines += [
            "Machine of the build and the timings: "
            + ", ".join(f"{key} {value}" for key, value in b["machine"].items())
            + ".",
            "",
        ]
    r = national.get("reports")
    if not r:
        return [*lines, "The reports have not been timed on it yet (bench/report_timing.py --json).", ""]
    lines += [
        f"Report aggregates timed {r['measured_at']} by `bench/report_timing.py` on the region "
        f"{r['region']!r} ({r['schools']} schools), school year {r['school_year']}/{r['school_year'] + 1}: each "
        "report built straight from its selector (no report cache, no page around it). Warm: "
        f"{r['repeat']} builds after a warm-up build. Cold: {r['cold']} builds, each the first in a new connection "
        "right after a restart of PostgreSQL (its shared buffers empty; the operating system's page cache kept)."
        + (
            f" Load average {r['load_average_at_start']} at the start."
            if r.get("load_average_at_start")
            else ""
        ),
        "",
        "| report | warm median ms | warm max ms | cold median ms | cold max ms | queries | SQL ms (last warm) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, f in r["figures"].items():
        cold_median = f"{f['cold_median_ms']:.0f}" if f["cold_ms"] else "–"
        cold_max = f"{f['cold_max_ms']:.0f}" if f["cold_ms"] else "–"
        lines.append(
            f"| {NATIONAL_REPORTS.get(name, name)} | {f['warm_median_ms']:.0f} | {f['warm_max_ms']:.0f} | "
            f"{cold_median} | {cold_max} | {f['queries']} | {f['database_ms']:.0f} |"
        )
    for note in national.get("notes", []):
        lines += ["", note]
    lines.append("")
    return lines


def _targets(results: dict[str, Any], national: dict[str, Any] | None = None) -> list[str]:
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
                f"| p95 < {P95_TARGET_MS} ms at concurrency 10 | {label} | {page} | {result['p95_ms']:.1f} ms | "
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
    lines += _national_targets(national)
    lines += [
        "",
    ]
    for name, db in results["databases"].items():
        label = DB_LABELS.get(name, name)
        pages = db["levels"].get(TARGET_LEVEL, {})
        facts = db["targets"]["facts"]
        if MEETING in pages:
            measured = (
                f"in the load: the next zorgteam meeting of `{db['targets']['user']}`'s school, "
                f"{facts.get('meeting_items', '?')} agenda items, {db['queries'][MEETING]['queries']} queries"
            )
            verdict = _verdict(db["queries"][MEETING]["status"] == 200, pages[MEETING])
        else:
            measured, verdict = "not in the load", "**FAIL**"
        lines.insert(-1, f"| meeting page in the load | {label} | {MEETING} | {measured} | {verdict} |")
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
        f"pupils); the meeting page shows an upcoming zorgteam meeting with {facts.get('meeting_items', '?')} agenda "
        f"items and {facts.get('meeting_invited', '?')} people invited.",
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


def dataset_rows(rows: dict[str, int]) -> dict[str, int]:
    """Rows per table: a table filled both by the care routes and by the forums (its SHARED_SUFFIX line) once, with
    both added up; the bare `meetings` line (the hook's return value) left out, `meetings.Meeting` has it."""
    merged: dict[str, int] = {}
    for table, count in rows.items():
        if table == "meetings":
            continue
        base = table.removesuffix(SHARED_SUFFIX)
        merged[base] = merged.get(base, 0) + count
    return dict(sorted(merged.items()))


def _rows(results: dict[str, Any]) -> list[str]:
    first = next(iter(results["databases"].values()))
    lines = [f"## Dataset ({results['scale']} scale, seed 2026)", "", "| table | rows |", "|---|---:|"]
    lines += [f"| {table} | {count:,} |" for table, count in dataset_rows(first["rows"]).items()]
    lines += [
        "",
        "Meetings, agendas, discussions, referrals and consent records come from bench/meetings.py: every case that",
        "went through the zorgteam or the ZAT has a consent record for that forum (mostly written consent naming the",
        "forum's partners, a few anonymous); past meetings are held with final minutes, of the upcoming ones the next",
        "has its agenda filled.",
        "",
    ]
    return lines


def render(results: dict[str, Any], national: dict[str, Any] | None = None) -> str:
    national = national if national is not None else load_national()
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
        "temporary directory (stopped afterwards) and keeps its SQLite file under var/bench/.",
        "",
        "National scale (PostgreSQL only, not part of `make bench`: ~6 GB of disk, a core for about 16 minutes), on",
        "a throwaway cluster of your own:",
        "",
        "```",
        "PG=/usr/lib/postgresql/15/bin; D=/tmp/national-pg   # not as root (as root: runuser -u postgres -- $PG/…)",
        "$PG/initdb -D $D/data -U zorgroute --auth=trust -E UTF8 --locale=C",
        "$PG/pg_ctl -D $D/data -l $D/server.log -w start \\",
        '    -o "-c listen_addresses=127.0.0.1 -p 55901 -k $D -c fsync=off -c synchronous_commit=off"',
        "$PG/createdb -h 127.0.0.1 -p 55901 -U zorgroute national",
        "export DATABASE_URL=postgres://zorgroute@127.0.0.1:55901/national",
        ".venv/bin/python manage.py migrate",
        ".venv/bin/python bench/generate.py --scale national --database-url $DATABASE_URL  # bench/results/",
        ".venv/bin/python bench/report_timing.py --database-url $DATABASE_URL --repeat 7 --cold 3 \\",
        '    --cold-restart "$PG/pg_ctl -D $D/data -l $D/server.log -w restart" --json',
        ".venv/bin/python bench/report.py              # re-renders this file with the national section",
        "$PG/pg_ctl -D $D/data -m fast stop && rm -rf $D",
        "```",
        "",
    ]
    lines += _machine(results)
    lines += _targets(results, national)
    lines += _rows(results)
    lines += _national(national)
    for name, db in results["databases"].items():
        lines += _tables(name, db)
        lines += _queries(name, db)
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":  # re-render BENCHMARKS.md from the last run's results
    from common import ROOT

    (ROOT / "BENCHMARKS.md").write_text(render(json.loads((VAR / "results.json").read_text())))
