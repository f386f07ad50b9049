"""Time the report aggregates, uncached, on a given database (issue 7: "the national-scale regional report < 1 s").

    .venv/bin/python bench/report_timing.py --database-url postgres://…/bench [--region UUID] [--year 2025]
        [--repeat 3] [--slowest 10] [--cold 3 --cold-restart "pg_ctl -D … -l … -w restart"]
        [--json [FILE]]

Builds each report straight from its selector (`selectors.build_*`: no report cache, no page around it) for the
region with the most schools (or `--region`), and prints per report the median and best wall time, the number of
queries, and the slowest queries of the last build. The reports:

- `region year` / `region quarter`: the aggregates for policy staff, by municipality (the region report is the
  municipal report too: its units are the municipalities of the region, and the municipality's policy staff read
  it), over the school year and over its current quarter;
- `annual`: the yearly report for funders (the region's totals, three years);
- `zat year`: the ZAT report of the region's regional teams, by school, for comparison.

Warm: `--repeat` builds after one warm-up build, median and max. Cold (`--cold N` with `--cold-restart CMD`): CMD
restarts the database server (PostgreSQL's shared buffers empty; the operating system's page cache is left as it is),
then a new connection times the first build; N times per report.

Run it against a database built by `bench/generate.py` (region scale: SQLite or PostgreSQL; national scale:
PostgreSQL only). Uses the production settings as bench/hotspots.py does. Prints figures; with `--json` it also
writes them under the key "reports" of bench/results/national.json (tracked; `--json FILE`: of FILE), keeping the
other keys (the national build's, the notes): bench/report.py puts that file into BENCHMARKS.md. Give `--json` only
for a run on the national set.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shlex
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import NATIONAL_RESULTS, setup_django


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--region", help="uuid of the region (default: the region with the most schools)")
    parser.add_argument("--year", type=int, help="school year (default: the current one)")
    parser.add_argument("--repeat", type=int, default=3, help="builds per report (after one warm-up build)")
    parser.add_argument("--slowest", type=int, default=8, help="slowest queries shown per report")
    parser.add_argument("--only", action="append", help="a report name (default: all)")
    parser.add_argument("--cold", type=int, default=0, help="cold builds per report (needs --cold-restart)")
    parser.add_argument("--cold-restart", help="command that restarts the database server (run as given)")
    parser.add_argument(
        "--json",
        type=Path,
        nargs="?",
        const=NATIONAL_RESULTS,
        help="write the figures under 'reports' in this JSON file (default: bench/results/national.json)",
    )
    args = parser.parse_args()
    setup_django(args.database_url)

    from django.db import connection
    from django.db.models import Count

    from zorgroute.core.time import current_school_year
    from zorgroute.organisations.constants import CareTeamKind
    from zorgroute.organisations.models import CareTeam, Region
    from zorgroute.reports import periods as pr
    from zorgroute.reports import scopes as sc
    from zorgroute.reports import selectors
    from zorgroute.reports.counting import Frame

    regions = Region.objects.annotate(n=Count("schools")).order_by("-n")
    region = regions.get(uuid=args.region) if args.region else regions.first()
    if region is None:
        raise SystemExit("no region in this database")
    year = args.year or current_school_year()
    period = pr.school_year(year)
    quarter = next(q for q in reversed(pr.quarters(year)) if q.start <= max(period.start, _today()))
    teams = list(
        CareTeam.objects.filter(region=region, kind=CareTeamKind.REGIONAL_TEAM).values_list("pk", flat=True)
    )

    def zat() -> Any:
        frame = Frame(sc.zat_scope(region, teams), period)
        return selectors._build(sc.ZAT, "ZAT", frame)

    reports: dict[str, Callable[[], Any]] = {
        "region year": lambda: selectors.build_region_report(region=region, period=period),
        "region quarter": lambda: selectors.build_region_report(region=region, period=quarter),
        "annual": lambda: selectors.build_annual_report(region=region, year=year),
        "zat year": zat,
    }
    if args.only:
        reports = {name: build for name, build in reports.items() if name in args.only}
    vendor = connection.vendor
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])  # the machine is shared: how busy it was
    print(f"{vendor}, region {region.name!r} ({getattr(region, 'n', '?')} schools), school year {year}")
    if args.cold and not args.cold_restart:
        raise SystemExit("--cold needs --cold-restart")
    print(f"{'report':<16} {'median ms':>10} {'best ms':>9} {'max ms':>8} {'queries':>8} {'cold ms':>16}")
    details = []
    figures: dict[str, dict[str, Any]] = {}
    for name, build in reports.items():
        cold = []
        for _ in range(args.cold):
            connection.close()
            # Not captured: a restarted server keeps the output it inherited open (give pg_ctl a -l log file).
            subprocess.run(  # noqa: S603
                shlex.split(args.cold_restart),
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            started = time.perf_counter()
            build()
            cold.append(time.perf_counter() - started)
        build()  # warm-up: templates of SQL, translations, the database's own caches
        times = []
        timed: list[tuple[float, str]] = []
        for _ in range(max(1, args.repeat)):
            timed = []

            def wrapper(
                execute: Any, sql: str, params: Any, many: bool, context: Any, _log: Any = timed
            ) -> Any:
                started = time.perf_counter()
                try:
                    return execute(sql, params, many, context)
                finally:
                    _log.append((time.perf_counter() - started, sql))

            started = time.perf_counter()
            with connection.execute_wrapper(wrapper):
                build()
            times.append(time.perf_counter() - started)
        cold_text = "/".join(f"{t * 1000:.0f}" for t in cold) or "-"
        print(
            f"{name:<16} {statistics.median(times) * 1000:>10.0f} {min(times) * 1000:>9.0f} "
            f"{max(times) * 1000:>8.0f} {len(timed):>8} {cold_text:>16}"
        )
        details.append((name, timed))
        figures[name] = {
            "warm_ms": [round(t * 1000, 1) for t in times],
            "warm_median_ms": round(statistics.median(times) * 1000, 1),
            "warm_max_ms": round(max(times) * 1000, 1),
            "cold_ms": [round(t * 1000, 1) for t in cold],
            "cold_median_ms": round(statistics.median(cold) * 1000, 1) if cold else None,
            "cold_max_ms": round(max(cold) * 1000, 1) if cold else None,
            "queries": len(timed),
            "database_ms": round(sum(t for t, _sql in timed) * 1000, 1),
            "slowest": [
                {"ms": round(t * 1000, 1), "sql": " ".join(sql.split())[:300]}
                for t, sql in sorted(timed, key=lambda t: -t[0])[:3]
            ],
        }
    for name, timed in details:
        total = sum(t for t, _sql in timed)
        print(f"\n{name}: {len(timed)} queries, {total * 1000:.0f} ms in the database; the slowest:")
        for seconds, sql in sorted(timed, key=lambda t: -t[0])[: args.slowest]:
            print(f"  {seconds * 1000:7.1f} ms  {' '.join(sql.split())[:200]}")
    if args.json:
        data = json.loads(args.json.read_text()) if args.json.exists() else {}
        data["reports"] = {
            "measured_at": f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
            "database": vendor,
            "database_version": getattr(connection, "pg_version", None),
            "region": region.name,
            "schools": getattr(region, "n", None),
            "school_year": year,
            "load_average_at_start": load,
            "repeat": args.repeat,
            "cold": args.cold,
            "figures": figures,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        print(f"\nwritten to {args.json}")
    return 0


def _today() -> Any:
    from zorgroute.core.time import today

    return today()


if __name__ == "__main__":
    sys.exit(main())
