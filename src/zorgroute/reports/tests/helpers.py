"""Shared by the report view tests: more of everything a report counts, to show the number of queries does not grow."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from zorgroute.cases.models import Case, ProblemDomain, Signal
from zorgroute.consents.models import ConsentRecord
from zorgroute.core.time import today
from zorgroute.meetings.models import (
    Aftercare,
    AgendaItem,
    Attendance,
    CaseAction,
    CaseDiscussion,
    Meeting,
    Referral,
)
from zorgroute.testing import factories as f

_counter = itertools.count()


def recent_day(days_ago: int) -> dt.date:
    """A day in the current school year (today or earlier, not before 1 August)."""
    day = today() - dt.timedelta(days=days_ago)
    first = dt.date(today().year if today().month >= 8 else today().year - 1, 8, 1)
    return max(day, first)


def grow(world, n: int, *, school=None, team=None) -> None:
    """`n` cases at the school (default school A), each with a signal, a referral to the team (default the school's
    zorgteam, else the ZAT), a discussion in one meeting with attendance, two actions, consent and aftercare."""
    school = school or world.school_a
    team = team or world.zorgteam_a
    owner = world.ib_a if school == world.school_a else world.ib_b
    template = world.case_a1.template if school == world.school_a else world.case_b1.template
    domain = ProblemDomain.objects.filter(region=world.region).first()
    day = recent_day(5)
    start = timezone.make_aware(dt.datetime.combine(day, dt.time(14)))
    meeting = Meeting.objects.create(
        team=team, starts_at=start, ends_at=start + dt.timedelta(hours=2), status="held",
        summary_release_on=day, access_until=day + dt.timedelta(days=14),
    )  # fmt: skip
    Attendance.objects.create(meeting=meeting, user=world.zat_chair, presence="present")
    group = world.group_a1 if school == world.school_a else world.group_b1
    for i in range(n):
        pupil = f.PupilFactory.enrolled(group)
        opened = start - dt.timedelta(days=20)
        case = Case.objects.create(
            pupil=pupil, school=school, template=template, step=template.steps.order_by("position").first(),
            owner=owner, opened_at=opened, step_entered_at=opened,
        )  # fmt: skip
        signal = Signal.objects.create(
            pupil=pupil, school=school, reported_by=owner, observed_on=recent_day(30), observed_behaviour="x",
            severity="low", case=case, status="case_opened", source="teacher" if i % 2 else "parent",
        )  # fmt: skip
        signal.domains.set([domain])
        Referral.objects.create(
            case=case, team=team, forum_kind=team.kind, status="scheduled", created_by=owner,
            submitted_at=start - dt.timedelta(days=10), decided_at=start - dt.timedelta(days=8),
        )  # fmt: skip
        item = AgendaItem.objects.create(meeting=meeting, case=case, kind="new", position=next(_counter) + 1)
        discussion = CaseDiscussion.objects.create(item=item, recorded_by=owner, bottleneck="Wachtlijst")
        for status in ("open", "done"):
            CaseAction.objects.create(
                case=case, description="Bellen", owner=owner, due_on=day, status=status, agreed_by=owner,
                finished_at=start if status == "done" else None, discussion=discussion,
            )  # fmt: skip
        ConsentRecord.objects.create(
            case=case, forum_kind=team.kind, mode="written", recorded_on=recent_day(15), evidence="paper",
            recorded_by=owner,
        )  # fmt: skip
        Aftercare.objects.create(
            case=case, after_discussion=discussion, due_on=recent_day(1), goal_attainment="achieved",
            satisfaction_school=4, satisfaction_parents=5, outcome="close", done_at=start, done_by=owner,
        )  # fmt: skip


def grow_region(region, n: int) -> None:
    """`n` more cases in every school of `region`, referred to its ZAT and discussed in one new ZAT meeting."""
    from zorgroute.cases.models import RouteTemplate
    from zorgroute.organisations.models import CareTeam, School

    zat = CareTeam.objects.filter(region=region, kind="regional_team").first()
    day = recent_day(3)
    start = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
    meeting = Meeting.objects.create(
        team=zat, starts_at=start, ends_at=start + dt.timedelta(hours=2), status="held",
        summary_release_on=day, access_until=day + dt.timedelta(days=14),
    )  # fmt: skip
    for school in School.objects.filter(region=region):
        template = RouteTemplate.objects.filter(
            region=region, school_type=school.school_type, is_current=True
        ).first()
        owner = school.staff_roles.filter(role="care_coordinator").first().user
        for _i in range(n):
            pupil = f.PupilFactory(current_school=school)
            case = Case.objects.create(
                pupil=pupil, school=school, template=template, step=template.steps.order_by("position").first(),
                owner=owner, opened_at=start - dt.timedelta(days=30), step_entered_at=start - dt.timedelta(days=30),
            )  # fmt: skip
            Signal.objects.create(
                pupil=pupil, school=school, reported_by=owner, observed_on=recent_day(40), observed_behaviour="x",
                severity="low", case=case, status="case_opened",
            )  # fmt: skip
            Referral.objects.create(
                case=case, team=zat, forum_kind=zat.kind, status="scheduled", created_by=owner,
                submitted_at=start - dt.timedelta(days=10),
            )  # fmt: skip
            item = AgendaItem.objects.create(
                meeting=meeting, case=case, kind="new", position=next(_counter) + 1
            )
            discussion = CaseDiscussion.objects.create(item=item, recorded_by=owner)
            CaseAction.objects.create(
                case=case,
                description="Bellen",
                owner=owner,
                due_on=day,
                agreed_by=owner,
                discussion=discussion,
            )
