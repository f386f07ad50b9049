"""Build a fictitious, deterministic benchmark region with bulk inserts.

    .venv/bin/python manage.py migrate                      # (with the same DATABASE_URL) first
    .venv/bin/python bench/generate.py --scale region --database-url sqlite:///var/bench/bench.sqlite3

Refuses a database that already holds a region: it is meant for an empty, migrated database, never production.
The logins (bench.ib: care coordinator of the largest primary school; bench.beheerder; bench.beleid) have the demo
password and a TOTP secret derived from the seed (`manage.py demo_totp <username> --seed <seed>`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from dataclasses import dataclass

from common import setup_django


@dataclass(frozen=True)
class Scale:
    primary_schools: int
    secondary_schools: int
    pupils: int
    open_cases: int
    closed_cases: int
    new_signals_per_school: int
    meetings: int  # generated once the meetings issue lands (see add_meetings)
    postgres_only: bool = False
    chunk: int = 10  # schools per bulk flush: bounds memory at national scale


SCALES = {
    "small": Scale(5, 1, 2_500, 400, 100, 5, 30),
    "region": Scale(50, 10, 25_000, 4_000, 1_000, 5, 300),
    "national": Scale(6_000, 1_000, 1_500_000, 230_000, 20_000, 5, 18_000, postgres_only=True, chunk=50),
}
SECONDARY_WEIGHT = 4.0  # a secondary school is about four times a primary school
LOGIN_SCHOOL_WEIGHT = 1.6  # school 0, where bench.ib works, is the largest primary school


def school_sizes(scale: Scale, seed: int) -> list[tuple[str, int, int]]:
    """(school type, pupils, open cases) per school; cases in proportion to pupils."""
    rng = random.Random(f"{seed}:sizes")
    weights = [LOGIN_SCHOOL_WEIGHT] + [rng.uniform(0.6, 1.4) for _ in range(scale.primary_schools - 1)]
    weights += [SECONDARY_WEIGHT * rng.uniform(0.75, 1.25) for _ in range(scale.secondary_schools)]
    total = sum(weights)
    types = ["po"] * scale.primary_schools + ["vo"] * scale.secondary_schools
    return [
        (kind, round(scale.pupils * w / total), round(scale.open_cases * w / total))
        for kind, w in zip(types, weights, strict=True)
    ]


def unapplied_migrations() -> list[str]:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return [f"{m.app_label}.{m.name}" for m, _ in executor.migration_plan(executor.loader.graph.leaf_nodes())]


def add_meetings(scale: Scale) -> int:
    """Issue 5: the forums at work (bench/meetings.py): `scale.meetings` meetings of the school care teams and the
    ZAT with attendance, agendas, referrals, discussions, actions and feedback, and the consent records of every case
    that went through a forum. Prints its rows in the table's format; returns the number of meetings."""
    import meetings
    from batch import Batch
    from django.utils import timezone

    batch = Batch(flush_order())
    now = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
    made = meetings.build(total=scale.meetings, batch=batch, now=now)
    meetings.print_counts(dict(batch.counts), shared={"cases.TimelineEvent", "meetings.CaseAction"})
    return made


def build(scale: Scale, seed: int) -> dict[str, int]:
    from batch import Batch
    from care import Care, CareBuilder, Route
    from django.db import transaction
    from django.utils import timezone
    from world import World

    from zorgroute import audit
    from zorgroute.cases import services as case_services
    from zorgroute.cases.models import ProblemDomain, RouteTemplate

    batch = Batch(flush_order())
    now = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
    world = World(seed=seed, batch=batch, today=now.date())
    sizes = school_sizes(scale, seed)
    with transaction.atomic():
        region = world.region()
        batch.flush()
        case_services.routes_install_defaults(actor=region.admin, region=region.region)  # audited, one row
        routes = {
            t.school_type: Route(t, list(t.steps.order_by("position")))
            for t in RouteTemplate.objects.filter(region=region.region, is_current=True)
        }
        domains = {d.name: d for d in ProblemDomain.objects.filter(region=region.region)}
        care = Care(routes=routes, domains=domains, now=now)
        closed_share = scale.closed_cases / scale.open_cases
        for number, (kind, pupils, open_cases) in enumerate(sizes):
            people = world.school(region, number=number, school_type=kind, pupils=pupils)
            CareBuilder(world=world, care=care, people=people, number=number).build(
                open_cases=open_cases,
                closed_cases=round(open_cases * closed_share),
                new_signals=scale.new_signals_per_school,
            )
            if (number + 1) % scale.chunk == 0:
                batch.flush()
        batch.flush()
        counts = dict(sorted(batch.counts.items()))
        counts["meetings"] = add_meetings(scale)
        audit.record(
            "demo.loaded",
            actor=None,
            actor_label="bench/generate.py",
            target=region.region,
            changes={
                "seed": seed,
                "benchmark": True,
                "schools": len(sizes),
                "rows": sum(batch.counts.values()),
            },
        )
    return counts


def flush_order() -> list[type]:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from zorgroute.accounts.models import User
    from zorgroute.cases.models import Case, CaseTransition, Signal, TimelineEvent
    from zorgroute.consents.models import ConsentPartyAnswer, ConsentRecord
    from zorgroute.meetings import models as meet
    from zorgroute.organisations import models as org
    from zorgroute.plans.models import ActionPlan, Evaluation, Goal, GoalEvaluation, Intervention
    from zorgroute.pupils.models import Enrolment, Guardian, Pupil, PupilGuardian

    return [
        org.Region, org.SchoolBoard, org.PartnerType, org.PartnerOrganisation, org.School, User, TOTPDevice,
        org.StaffRole, org.Group, org.GroupTeacher, org.CareTeam, org.Membership,
        Pupil, Enrolment, Guardian, PupilGuardian,
        Case, CaseTransition, Signal, Signal.domains.through, Intervention,
        ActionPlan, Goal, Evaluation, GoalEvaluation,
        meet.MeetingSeries, meet.Meeting, meet.Attendance,
        ConsentRecord, ConsentRecord.partners.through, ConsentPartyAnswer,
        meet.Referral, meet.AgendaItem, meet.CaseDiscussion, meet.CaseAction, TimelineEvent,
    ]  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", choices=sorted(SCALES), default="region")
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    scale = SCALES[args.scale]
    setup_django(args.database_url)
    from django.db import connection

    from zorgroute.organisations.models import Region

    if scale.postgres_only and connection.vendor != "postgresql":
        print(f"--scale {args.scale} needs PostgreSQL", file=sys.stderr)
        return 2
    if unapplied_migrations():
        print(
            "The database is not migrated: run `manage.py migrate` with this DATABASE_URL first.",
            file=sys.stderr,
        )
        return 2
    if Region.objects.exists():
        print(
            "The database already holds a region: generate.py only fills an empty database.", file=sys.stderr
        )
        return 2
    started = time.monotonic()
    if args.scale == "national":  # ~35 regions written with PostgreSQL COPY (bench/national.py)
        from national import build as build_national

        counts = build_national(scale, args.seed)
    else:
        counts = build(scale, args.seed)
    seconds = time.monotonic() - started
    for label, count in counts.items():
        print(f"  {label:32} {count:>9,}")
    print(f"generated --scale {args.scale} (seed {args.seed}) on {connection.vendor} in {seconds:.1f} s")
    print(f"BUILD_SECONDS={seconds:.1f} at {dt.datetime.now(dt.UTC):%Y-%m-%dT%H:%M:%SZ}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
