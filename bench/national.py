"""National scale (issue 7): 35 care regions (samenwerkingsverbanden with their ZAT) of ~200 schools each:
7,000 schools, 1.5 million pupils, 250,000 cases, ~3 million timeline events, and the forums at work: 18,000
meetings of the zorgteams and the ZATs with their agendas, referrals, discussions, actions and consent records
(bench/meetings.py). PostgreSQL only. The figures of the last build are in bench/results/national.json (tracked, so
BENCHMARKS.md from any clone carries them).

    # a throwaway cluster of your own (never the one `make bench` starts); not as root (root: runuser -u postgres --)
    PG=/usr/lib/postgresql/15/bin; D=/tmp/national-pg
    $PG/initdb -D $D/data -U zorgroute --auth=trust -E UTF8 --locale=C
    $PG/pg_ctl -D $D/data -l $D/server.log -w start \\
        -o "-c listen_addresses=127.0.0.1 -p 55901 -k $D -c fsync=off -c synchronous_commit=off"
    $PG/createdb -h 127.0.0.1 -p 55901 -U zorgroute national
    export DATABASE_URL=postgres://zorgroute@127.0.0.1:55901/national
    .venv/bin/python manage.py migrate
    .venv/bin/python bench/generate.py --scale national --database-url $DATABASE_URL  # bench/results/national.json
    .venv/bin/python bench/report_timing.py --database-url $DATABASE_URL --repeat 7 --cold 3 \\
        --cold-restart "$PG/pg_ctl -D $D/data -l $D/server.log -w restart" --json   # adds to that file
    .venv/bin/python bench/report.py                  # BENCHMARKS.md, with the national section
    $PG/pg_ctl -D $D/data -m fast stop && rm -rf $D

(`python bench/national.py --regions 1 --database-url …` builds one region of the national set: a trial run; it
writes no results file.)

Every region is built as bench/world.py and bench/care.py build the benchmark region (`--scale region`), with its
own name, boards, partners, ZAT and municipalities (fictitious town names); the schools are those of
`generate.school_sizes` for the national scale, split over the regions, primary schools before the secondary ones
(a secondary pupil's primary school lies in the same region). bench.ib, bench.beheerder and bench.beleid work in
the first region, the largest; generate.py's logins are unchanged. After its care routes each region gets its
forums by bench/meetings.py (the region scale's code, `build(region=…)`), its share of `scale.meetings` in
proportion to its schools (~514 for 200 schools: the ZAT's 12 meetings and two or three per zorgteam), written
through the same COPY batch in the region's transaction.

The rows go in by PostgreSQL COPY (psycopg's `cursor.copy`) instead of Django's bulk_create: ids are reserved from
the table's own sequence (one `setval` per table and chunk), foreign keys are read from the parent instances, and
`auto_now` stamps are filled as bulk_create fills them. Memory stays bounded: the batch is written every `chunk`
schools and one region is one transaction. A `VACUUM ANALYZE` ends the build (planner statistics and visibility
maps, as autovacuum would leave them) and counts in its time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import enum
import json
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from batch import Batch

REGIONS = 35  # the Netherlands has about 35 regional care (ZAT) regions; 7,000 schools is ~200 per region
PARTNER_STAFF_FACTOR = 3  # a region of ~200 schools has about three times the partner staff of one of 60
_TOWN_HEADS = (
    "Linde", "Ooster", "Heide", "Vliet", "Kreek", "Bos", "Zand", "Eiken", "Berken", "Wilgen", "Meer", "Hoog",
    "Laag", "Beuken", "Esse", "Klaver", "Riet", "Lis", "Elzen", "Hazel", "Vlas", "Rogge", "Haver",
)  # fmt: skip
_TOWN_TAILS = (
    "waard", "veen", "broek", "dorp", "haven", "molen", "wijk", "rode", "horst", "loo", "stede", "dijk",
    "zijl", "hoven", "berg", "kamp", "hage", "gaast",
)  # fmt: skip


def town_names(seed: int, regions: int) -> list[tuple[str, ...]]:
    """Fictitious municipalities: 8 to 12 per region, every name used once."""
    rng = random.Random(f"{seed}:national:towns")
    pool = sorted({head + tail for head in _TOWN_HEADS for tail in _TOWN_TAILS})
    rng.shuffle(pool)
    towns, start = [], 0
    for _ in range(regions):
        count = rng.randint(8, 12)
        towns.append(tuple(pool[start : start + count]))
        start += count
    if start > len(pool):
        raise ValueError("not enough town names for this many regions")
    return towns


class CopyBatch(Batch):
    """Batch that writes with PostgreSQL COPY: the same flush order and counts as `Batch`, no INSERT … RETURNING."""

    def __init__(self, order: list[Any]) -> None:
        super().__init__(order)
        self._plans: dict[Any, tuple[str, list[tuple[Any, Callable[[Any, Any], Any]]]]] = {}
        self.seconds = 0.0

    def _plan(self, model: Any) -> tuple[str, list[tuple[Any, Callable[[Any, Any], Any]]]]:
        """The COPY statement and, per column, how to read its value from an instance."""
        if model in self._plans:
            return self._plans[model]
        from django.db import models

        readers: list[tuple[Any, Callable[[Any, Any], Any]]] = []
        for f in model._meta.concrete_fields:
            if f.primary_key:
                readers.append((f, lambda obj, now: obj.pk))
            elif getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                readers.append((f, lambda obj, now: now))
            elif isinstance(f, models.ForeignKey):

                def fk(obj: Any, now: Any, attname: str = f.attname, name: str = f.name) -> Any:
                    value = obj.__dict__[attname]
                    if value is None:  # pointed at an unsaved parent: its id now (as bulk_create does)
                        parent = obj._state.fields_cache.get(name)
                        value = None if parent is None else parent.pk
                    return value

                readers.append((f, fk))
            elif f.choices:

                def choice(obj: Any, now: Any, attname: str = f.attname) -> Any:
                    value = obj.__dict__[attname]
                    return value.value if isinstance(value, enum.Enum) else value

                readers.append((f, choice))
            else:
                readers.append((f, lambda obj, now, attname=f.attname: obj.__dict__[attname]))
        columns = ", ".join(f'"{f.column}"' for f, _read in readers)
        plan = (f'COPY "{model._meta.db_table}" ({columns}) FROM STDIN', readers)
        self._plans[model] = plan
        return plan

    def flush(self) -> None:
        from django.db import connection
        from django.utils import timezone

        unknown = set(self.pending) - set(self.order)
        if unknown:
            raise RuntimeError(f"no flush order for {sorted(m.__name__ for m in unknown)}")
        started = time.monotonic()
        now = timezone.now()
        with connection.cursor() as wrapper:
            cursor = wrapper.cursor  # psycopg's own cursor: Django's wrapper has no copy()
            for model in self.order:
                objects = self.pending.pop(model, [])
                if not objects:
                    continue
                table, pk = model._meta.db_table, model._meta.pk.column
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, %s), nextval(pg_get_serial_sequence(%s, %s)) + %s)",
                    [table, pk, table, pk, len(objects) - 1],
                )
                last = cursor.fetchone()[0]
                for number, obj in enumerate(objects, start=last - len(objects) + 1):
                    obj.pk = number
                    obj._state.adding = False
                    obj._state.db = "default"
                statement, readers = self._plan(model)
                with cursor.copy(statement) as copy:
                    for obj in objects:
                        copy.write_row([read(obj, now) for _f, read in readers])
                self.counts[model._meta.label] += len(objects)
        self.seconds += time.monotonic() - started


def build(
    scale: Any,
    seed: int,
    *,
    regions: int = REGIONS,
    progress: bool = True,
    copy: bool = True,
    record: bool = True,
) -> dict[str, int]:
    """Build `regions` of the national set (all of them: the national scale) and return the rows per table.
    `record`: write the build's figures to bench/results/national.json (a new file: earlier report timings go)."""
    import meetings
    from care import Care, CareBuilder, Route
    from django.db import connection, transaction
    from django.utils import timezone
    from generate import flush_order
    from world import RegionSpec, World

    from zorgroute import audit
    from zorgroute.cases import services as case_services
    from zorgroute.cases.models import ProblemDomain, RouteTemplate

    if connection.vendor != "postgresql":
        raise RuntimeError("the national scale is built with PostgreSQL COPY: PostgreSQL only")
    batch = CopyBatch(flush_order()) if copy else Batch(flush_order())
    now = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
    world = World(seed=seed, batch=batch, today=now.date())
    towns = town_names(seed, REGIONS)
    plan = _region_plan(scale, seed, regions)
    closed_share = scale.closed_cases / scale.open_cases
    started = time.monotonic()
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    first_region = None
    all_schools = sum(len(s) for s in _region_plan(scale, seed, REGIONS))
    made = 0
    done_schools = 0
    for r, schools in enumerate(plan):
        label = f"Benchmarkregio {r + 1:02d}"
        spec = RegionSpec(
            name=f"Samenwerkingsverband {label}",
            code=f"SWV 97-{r + 1:02d}",
            label=label,
            towns=towns[r],
            rng_key=f"national:region:{r}",
            logins=r == 0,
            first_board=r * 8,
            staff_factor=PARTNER_STAFF_FACTOR,
        )
        with transaction.atomic():
            region = world.region(spec)
            batch.flush()
            first_region = first_region or region.region
            case_services.routes_install_defaults(
                actor=region.admin, region=region.region
            )  # audited, one row
            routes = {
                t.school_type: Route(t, list(t.steps.order_by("position")))
                for t in RouteTemplate.objects.filter(region=region.region, is_current=True)
            }
            domains = {d.name: d for d in ProblemDomain.objects.filter(region=region.region)}
            care = Care(routes=routes, domains=domains, now=now)
            for done, (number, kind, pupils, open_cases) in enumerate(schools, start=1):
                people = world.school(region, number=number, school_type=kind, pupils=pupils)
                CareBuilder(world=world, care=care, people=people, number=number).build(
                    open_cases=open_cases,
                    closed_cases=round(open_cases * closed_share),
                    new_signals=scale.new_signals_per_school,
                )
                if done % scale.chunk == 0:
                    batch.flush()
            batch.flush()
            # The region's share of scale.meetings (cumulative rounding: the shares add up to the total).
            share = round(scale.meetings * (done_schools + len(schools)) / all_schools) - round(
                scale.meetings * done_schools / all_schools
            )
            done_schools += len(schools)
            made += meetings.build(total=share, batch=batch, now=now, region=region.region)
        if progress:
            rows = sum(batch.counts.values())
            print(
                f"  region {r + 1}/{len(plan)}: {len(schools)} schools, {rows:,} rows so far, "
                f"{time.monotonic() - started:.0f} s (writing {getattr(batch, 'seconds', 0):.0f} s)",
                flush=True,
            )
    counts = dict(sorted(batch.counts.items()))
    counts["meetings"] = made
    audit.record(
        "demo.loaded",
        actor=None,
        actor_label="bench/national.py",
        target=first_region,
        changes={
            "seed": seed,
            "benchmark": True,
            "regions": len(plan),
            "schools": sum(len(s) for s in plan),
            "rows": sum(batch.counts.values()),
            "meetings": made,
        },
    )
    vacuum = time.monotonic()
    with connection.cursor() as cursor:  # outside a transaction: VACUUM cannot run inside one
        cursor.execute("VACUUM ANALYZE")
    if progress:
        print(f"  VACUUM ANALYZE {time.monotonic() - vacuum:.0f} s", flush=True)
    if record:
        write_build(
            counts,
            seconds=time.monotonic() - started,
            write_seconds=getattr(batch, "seconds", 0.0),
            vacuum_seconds=time.monotonic() - vacuum,
            regions=len(plan),
            schools=sum(len(s) for s in plan),
            seed=seed,
            load=load,
        )
    return counts


def write_build(counts: dict[str, int], *, seconds: float, load: str, **facts: Any) -> Path:
    """The build's figures, with the machine and the server's size and settings, as a new
    bench/results/national.json."""
    from common import NATIONAL_RESULTS
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        size = cursor.fetchone()[0]
        settings = {}
        for name in ("shared_buffers", "work_mem", "effective_cache_size", "fsync", "synchronous_commit"):
            cursor.execute(f"SHOW {name}")
            settings[name] = cursor.fetchone()[0]
    data = {
        "build": {
            "finished_at": f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
            "seconds": round(seconds, 1),
            **{key: round(value, 1) if isinstance(value, float) else value for key, value in facts.items()},
            "load_average_at_start": load,
            "machine": machine(),
            "postgresql": connection.pg_version,
            "database_bytes": size,
            "server_settings": settings,
            "rows": counts,
            "total_rows": sum(n for label, n in counts.items() if label != "meetings"),
        }
    }
    path = NATIONAL_RESULTS
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return path


def machine() -> dict[str, str]:
    """What the build ran on (bench/machine.py's description without the load tools' versions)."""
    import platform

    import django
    from machine import _first, _os_name

    memory_kb = int(_first("/proc/meminfo", "MemTotal").split()[0])
    return {
        "cpu": _first("/proc/cpuinfo", "model name"),
        "nproc": str(os.cpu_count()),
        "memory": f"{memory_kb / 1024 / 1024:.1f} GiB",
        "kernel": platform.release(),
        "os": _os_name(),
        "python": platform.python_version(),
        "django": django.get_version(),
    }


def _region_plan(scale: Any, seed: int, regions: int) -> list[list[tuple[int, str, int, int]]]:
    """Per region: (global school number, school type, pupils, open cases), primary schools first."""
    from generate import school_sizes

    sizes = school_sizes(scale, seed)
    primary = [n for n, (kind, _p, _c) in enumerate(sizes) if kind == "po"]
    secondary = [n for n, (kind, _p, _c) in enumerate(sizes) if kind == "vo"]
    plan = []
    for r in range(REGIONS):
        mine = primary[r * len(primary) // REGIONS : (r + 1) * len(primary) // REGIONS]
        mine += secondary[r * len(secondary) // REGIONS : (r + 1) * len(secondary) // REGIONS]
        plan.append([(n, *sizes[n]) for n in mine])
    return plan[:regions]


def main() -> int:
    """A partial build (`--regions N`: the first N regions of the national set), for a trial run."""
    from common import setup_django

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--regions", type=int, default=1)
    parser.add_argument(
        "--bulk-create",
        action="store_true",
        help="write with Django's bulk_create (slow): to check COPY against",
    )
    args = parser.parse_args()
    setup_django(args.database_url)
    from generate import SCALES

    started = time.monotonic()
    counts = build(
        SCALES["national"], args.seed, regions=args.regions, copy=not args.bulk_create, record=False
    )
    for label, count in counts.items():
        print(f"  {label:32} {count:>9,}")
    print(f"built {args.regions} of {REGIONS} national regions in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
