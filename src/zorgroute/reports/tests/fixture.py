"""A small, deterministic region for the report tests, written straight into the tables with fixed dates.

Region "Lindestreek" in school year 2024-2025 (1 August 2024 - 31 July 2025), with one case in 2023-2024:

    School                 Town        Cases   First signals (observed on, source)
    Basisschool Noord (N)  Noorddorp   c1-c9   c1-c6 1-6 Sep 2024 teacher; c7, c8 7-8 Sep 2024 parent;
                                               c9 1 Oct 2023 teacher
    Basisschool Zuid  (Z)  Zuidstad    d1-d6   d1-d5 1-5 Oct 2024 teacher; d6 6 Oct 2024 jgz
    College Zuid      (C)  Zuidstad    e1, e2  e1, e2 1-2 Feb 2025 absence

Every case opens 7 days after its first signal. The tests compute their expectations by hand from this description
and the comments below; they never re-run the reports' own queries to find them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from zorgroute.cases import services as case_services
from zorgroute.cases.models import Case, ProblemDomain, RouteTemplate, Signal
from zorgroute.consents.models import ConsentRecord, ParentConversation
from zorgroute.meetings.models import (
    Aftercare,
    AgendaItem,
    Attendance,
    CaseAction,
    CaseDiscussion,
    CompositionRequirement,
    Meeting,
    Referral,
)
from zorgroute.organisations import constants as oc
from zorgroute.plans.models import ActionPlan, Evaluation, Goal, GoalEvaluation
from zorgroute.testing import factories as f

YEAR = 2024  # the school year the tests report on


def at(y: int, m: int, d: int, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime(y, m, d, hour))


@dataclass
class Lindestreek:
    region: Any
    noord: Any
    zuid: Any
    college: Any
    zat: Any
    zorgteams: dict[str, Any]
    ib: dict[str, Any]
    zat_chair: Any
    analyst: Any
    cases: dict[str, Case] = field(default_factory=dict)
    meetings: dict[str, Meeting] = field(default_factory=dict)
    discussions: dict[tuple[str, str], CaseDiscussion] = field(default_factory=dict)


def build() -> Lindestreek:
    region = f.RegionFactory(name="Samenwerkingsverband Lindestreek")
    admin = f.UserFactory(username="lindestreek_beheer")
    f.StaffRoleFactory(user=admin, role=oc.StaffRoleKind.FUNCTIONAL_ADMIN, region=region)
    case_services.routes_install_defaults(actor=admin, region=region)
    po = RouteTemplate.objects.get(region=region, school_type="po")
    vo = RouteTemplate.objects.get(region=region, school_type="vo")
    child = ProblemDomain.objects.filter(region=region, category="child").order_by("position", "name").first()
    family = (
        ProblemDomain.objects.filter(region=region, category="family").order_by("position", "name").first()
    )
    board = f.SchoolBoardFactory()
    noord = f.SchoolFactory(
        region=region, board=board, name="Basisschool Noord", city="Noorddorp", school_type="po"
    )
    zuid = f.SchoolFactory(
        region=region, board=board, name="Basisschool Zuid", city="Zuidstad", school_type="po"
    )
    college = f.SchoolFactory(
        region=region, board=board, name="College Zuid", city="Zuidstad", school_type="vo"
    )
    ib = {}
    for key, school in (("N", noord), ("Z", zuid), ("C", college)):
        ib[key] = f.UserFactory(username=f"ib_{key.lower()}_lindestreek")
        f.StaffRoleFactory(user=ib[key], role=oc.StaffRoleKind.CARE_COORDINATOR, school=school)
    teacher_n = f.UserFactory(username="leerkracht_noord")
    f.StaffRoleFactory(user=teacher_n, role=oc.StaffRoleKind.TEACHER, school=noord)
    analyst = f.UserFactory(username="beleid_lindestreek")
    f.StaffRoleFactory(user=analyst, role=oc.StaffRoleKind.POLICY_ANALYST, region=region)
    zorgteams = {
        key: f.CareTeamFactory(
            region=region, school=school, kind=oc.CareTeamKind.SCHOOL_CARE_TEAM, name=f"Zorgteam {key}"
        )
        for key, school in (("N", noord), ("Z", zuid), ("C", college))
    }
    zat = f.CareTeamFactory(region=region, kind=oc.CareTeamKind.REGIONAL_TEAM, name="ZAT Lindestreek")
    zat_chair = f.UserFactory(username="zat_lindestreek")
    f.MembershipFactory(team=zat, user=zat_chair, role=oc.TeamRole.CHAIR, valid_from=dt.date(2020, 1, 1))
    chair_n = f.UserFactory(username="voorzitter_noord")
    chair_membership = f.MembershipFactory(
        team=zorgteams["N"], user=chair_n, role=oc.TeamRole.CHAIR, valid_from=dt.date(2020, 1, 1)
    )
    CompositionRequirement.objects.create(
        team=zorgteams["N"], label="Voorzitter", team_role=oc.TeamRole.CHAIR
    )

    world = Lindestreek(
        region=region, noord=noord, zuid=zuid, college=college, zat=zat, zorgteams=zorgteams, ib=ib,
        zat_chair=zat_chair, analyst=analyst,
    )  # fmt: skip

    def case(key, school, template, signal_day, source, domains, *, born=dt.date(2016, 5, 17)):
        group = f.GroupFactory(
            school=school, school_year=signal_day.year if signal_day.month >= 8 else signal_day.year - 1
        )
        pupil = f.PupilFactory.enrolled(group, date_of_birth=born)
        opened = at(signal_day.year, signal_day.month, signal_day.day) + dt.timedelta(days=7)
        owner = ib[{noord.pk: "N", zuid.pk: "Z", college.pk: "C"}[school.pk]]
        c = Case.objects.create(
            pupil=pupil, school=school, template=template, step=template.steps.order_by("position").first(),
            owner=owner, opened_at=opened, step_entered_at=opened,
        )  # fmt: skip
        s = Signal.objects.create(
            pupil=pupil, school=school, reported_by=owner, observed_on=signal_day, observed_behaviour="x",
            severity="medium", source=source, case=c, status="case_opened",
        )  # fmt: skip
        s.domains.set(domains)
        world.cases[key] = c
        return c

    for i in range(1, 7):
        case(f"c{i}", noord, po, dt.date(2024, 9, i), "teacher", [child])
    case("c7", noord, po, dt.date(2024, 9, 7), "parent", [child, family], born=dt.date(2018, 1, 1))
    case("c8", noord, po, dt.date(2024, 9, 8), "parent", [family])
    case("c9", noord, po, dt.date(2023, 10, 1), "teacher", [child])
    for i in range(1, 6):
        case(f"d{i}", zuid, po, dt.date(2024, 10, i), "teacher", [child], born=dt.date(2014, 6, 1))
    case("d6", zuid, po, dt.date(2024, 10, 6), "jgz", [child], born=dt.date(2014, 6, 1))
    # e1 turns 16 on 15 February 2025: 15 when referred on 10 February.
    case("e1", college, vo, dt.date(2025, 2, 1), "absence", [family], born=dt.date(2009, 2, 15))
    case("e2", college, vo, dt.date(2025, 2, 2), "absence", [family], born=dt.date(2009, 3, 1))

    C = world.cases

    def referral(key, team, submitted, decided=None):
        return Referral.objects.create(
            case=C[key], team=team, forum_kind=team.kind, status="scheduled", created_by=ib["N"],
            submitted_at=submitted, decided_at=decided,
        )  # fmt: skip

    # Zorgteam Noord: c1-c6 referred 1-6 Oct 2024 (decided 8 Oct for c1-c5, 20 Oct for c6); c7 on 3 Mar 2025.
    for i in range(1, 6):
        referral(f"c{i}", zorgteams["N"], at(2024, 10, i), at(2024, 10, 8))
    referral("c6", zorgteams["N"], at(2024, 10, 6), at(2024, 10, 20))
    referral("c7", zorgteams["N"], at(2025, 3, 3))
    referral("c9", zorgteams["N"], at(2023, 11, 1))  # the year before
    # Zorgteam Zuid: d1-d5 referred 1-5 Nov 2024, decided 10 Nov. ZAT: c1 10 Jan, c2 20 Jan, d6 10 Nov, e1 10 Feb.
    for i in range(1, 6):
        referral(f"d{i}", zorgteams["Z"], at(2024, 11, i), at(2024, 11, 10))
    referral("c1", zat, at(2025, 1, 10))
    referral("c2", zat, at(2025, 1, 20))
    referral("d6", zat, at(2024, 11, 10))
    referral("e1", zat, at(2025, 2, 10))
    Referral.objects.create(
        case=C["e2"], team=zat, forum_kind=zat.kind, created_by=ib["C"]
    )  # a draft: not counted

    def meeting(key, team, day):
        start = at(day.year, day.month, day.day, 14)
        m = Meeting.objects.create(
            team=team, starts_at=start, ends_at=start + dt.timedelta(hours=2), status="held",
            summary_release_on=day - dt.timedelta(days=3), access_until=day + dt.timedelta(days=14),
        )  # fmt: skip
        world.meetings[key] = m
        return m

    def discuss(meeting_key, case_key, kind="new", **values):
        m = world.meetings[meeting_key]
        item = AgendaItem.objects.create(meeting=m, case=C[case_key], kind=kind, position=m.items.count() + 1)
        d = CaseDiscussion.objects.create(item=item, recorded_by=ib["N"], **values)
        world.discussions[(meeting_key, case_key)] = d
        return d

    meeting("M1", zorgteams["N"], dt.date(2024, 10, 15))
    meeting("M2", zorgteams["N"], dt.date(2024, 11, 20))
    meeting("N1", zorgteams["Z"], dt.date(2024, 11, 25))
    meeting("Z1", zat, dt.date(2025, 2, 5))
    meeting("Z2", zat, dt.date(2025, 3, 5))
    # Who sat at the table (besides the team): at M1 the pupil and the teacher; at M2 and N1 the parents and the
    # teacher; at Z1 the parents and the teacher; at Z2 the parents only. Gaps in the care offer: d1 (Zuidstad) and
    # d2 (Zuidstad, a note from before kinds of care were recorded: not counted per kind), c1 and c2 at Z1
    # (Noorddorp) and d6 at Z1 (Zuidstad); their kinds of care are set with the kinds below.
    pupil_teacher = {"pupil_present": True, "teacher_present": True}
    parents_teacher = {"parents_present": True, "teacher_present": True}
    for i in range(1, 6):
        discuss("M1", f"c{i}", **pupil_teacher)
    discuss("M2", "c6", **parents_teacher)
    discuss("M2", "c1", kind="follow_up", **parents_teacher)
    for i in range(1, 6):
        discuss("N1", f"d{i}", bottleneck="Wachtlijst" if i in (1, 2) else "", **parents_teacher)
    discuss("Z1", "c1", bottleneck="Geen plek in de jeugd-GGZ", **parents_teacher)
    discuss("Z1", "c2", bottleneck="Wachtlijst jeugd-GGZ", **parents_teacher)
    discuss("Z1", "d6", bottleneck="Wachtlijst jeugd-GGZ", **parents_teacher)
    discuss("Z2", "e1", parents_present=True)
    discuss("Z2", "c1", kind="follow_up", parents_present=True)
    # Attendance: the chair of zorgteam Noord at M1 (minimum composition met), absent at M2 (not met); a teacher of
    # Noord present at M1 only.
    Attendance.objects.create(
        meeting=world.meetings["M1"], user=chair_n, membership=chair_membership, presence="present"
    )
    Attendance.objects.create(
        meeting=world.meetings["M2"], user=chair_n, membership=chair_membership, presence="absent"
    )
    Attendance.objects.create(meeting=world.meetings["M1"], user=teacher_n, presence="present")

    def action(
        case_key,
        status,
        *,
        done=None,
        kind="action",
        due=dt.date(2024, 11, 15),
        discussion=None,
        feedback_to="",
    ):
        a = CaseAction.objects.create(
            case=C[case_key], description="Actie", owner=ib["N"], due_on=due, status=status, agreed_by=ib["N"],
            finished_at=done, kind=kind, feedback_to=feedback_to, discussion=discussion,
        )  # fmt: skip
        CaseAction.objects.filter(pk=a.pk).update(created_at=at(2024, 10, 15))
        return a

    m1 = {k: world.discussions[("M1", k)] for k in ("c1", "c2", "c3", "c4")}
    # c1: done on time, done late (case coordinator named); c2: overdue, cancelled; c3: two on time, one overdue (no
    # coordinator); c4: one on time.
    action("c1", "done", done=at(2024, 11, 10), discussion=m1["c1"])
    action("c1", "done", done=at(2024, 11, 20), discussion=m1["c1"])
    action("c2", "open", discussion=m1["c2"])
    action("c2", "cancelled", done=at(2024, 10, 20), discussion=m1["c2"])
    action("c3", "done", done=at(2024, 11, 1), discussion=m1["c3"])
    action("c3", "done", done=at(2024, 11, 15, 20), discussion=m1["c3"])
    action("c3", "open", discussion=m1["c3"])
    action("c4", "done", done=at(2024, 11, 14), discussion=m1["c4"])
    Case.objects.filter(pk=C["c1"].pk).update(coordinator=ib["N"])
    # Feedback after N1 (due 5 Dec 2024): d1-d4 on 3 Dec, d5 on 10 Dec.
    for i in range(1, 6):
        action(
            f"d{i}", "done", kind="feedback", feedback_to="parents", due=dt.date(2024, 12, 5),
            done=at(2024, 12, 3) if i < 5 else at(2024, 12, 10), discussion=world.discussions[("N1", f"d{i}")],
        )  # fmt: skip

    # Closures: c4 15 Jan (solved), c5 15 Feb (solved), c6 15 Mar (taken over by an institution), d1-d5 1-5 Apr.
    for key, day, reason in (("c4", at(2025, 1, 15), "solved"), ("c5", at(2025, 2, 15), "solved"),
                             ("c6", at(2025, 3, 15), "institution")):  # fmt: skip
        Case.objects.filter(pk=C[key].pk).update(status="closed", closed_at=day, closure_reason=reason)
    for i in range(1, 6):
        Case.objects.filter(pk=C[f"d{i}"].pk).update(
            status="closed", closed_at=at(2025, 4, i), closure_reason="solved"
        )

    # Consent: c1-c5 and d1-d5 written, c6 assent, d6 by name without consent.
    for key in ("c1", "c2", "c3", "c4", "c5", "d1", "d2", "d3", "d4", "d5"):
        ConsentRecord.objects.create(
            case=C[key], forum_kind="school_care_team", mode="written", recorded_on=dt.date(2024, 10, 10),
            evidence="paper", recorded_by=ib["N"],
        )  # fmt: skip
    ConsentRecord.objects.create(case=C["c6"], forum_kind="school_care_team", mode="assent",
                                 recorded_on=dt.date(2024, 10, 10), evidence="letter", recorded_by=ib["N"])  # fmt: skip
    ConsentRecord.objects.create(case=C["d6"], forum_kind="regional_team", mode="override",
                                 recorded_on=dt.date(2024, 11, 9), evidence="decision", recorded_by=ib["Z"],
                                 motivation="Ernstige zorg")  # fmt: skip

    # Parent conversations: before M1 for c1-c3 (10 Oct); after M1 for c1 (20 Oct); ZAT intake for c1 (25 Jan);
    # before the ZAT for d6 (20 Nov); after N1 for d1-d5 (1 Dec).
    def talk(key, kind, forum, day):
        ParentConversation.objects.create(
            case=C[key], kind=kind, forum_kind=forum, held_on=day, participants="Ouders", recorded_by=ib["N"]
        )

    for key in ("c1", "c2", "c3"):
        talk(key, "before", "school_care_team", dt.date(2024, 10, 10))
    talk("c1", "after", "school_care_team", dt.date(2024, 10, 20))
    talk("c1", "intake", "regional_team", dt.date(2025, 1, 25))
    talk("d6", "before", "regional_team", dt.date(2024, 11, 20))
    for i in range(1, 6):
        talk(f"d{i}", "after", "school_care_team", dt.date(2024, 12, 1))

    # Aftercare after N1 (due 24 Feb 2025): d1-d4 done 20 Feb, d5 on 10 Mar; goals achieved (d1, d2, d5), partly (d3),
    # not (d4); satisfaction of the school 4, 5, 4, 3, 4 and of the parents 5, 5, 4, 4, 2. Aftercare of c4 after M1
    # (due 14 Jan 2025) never done.
    scores = {1: ("achieved", 4, 5), 2: ("achieved", 5, 5), 3: ("partly", 4, 4), 4: ("not_achieved", 3, 4),
              5: ("achieved", 4, 2)}  # fmt: skip
    for i, (goal, school_score, parent_score) in scores.items():
        Aftercare.objects.create(
            case=C[f"d{i}"], after_discussion=world.discussions[("N1", f"d{i}")], due_on=dt.date(2025, 2, 24),
            goal_attainment=goal, satisfaction_school=school_score, satisfaction_parents=parent_score,
            outcome="close", done_at=at(2025, 2, 20) if i < 5 else at(2025, 3, 10), done_by=ib["Z"],
        )  # fmt: skip
    Aftercare.objects.create(
        case=C["c4"], after_discussion=world.discussions[("M1", "c4")], due_on=dt.date(2025, 1, 14)
    )

    # A plan of c3 evaluated on 20 Jan 2025: one goal achieved, one partly, one not.
    plan = ActionPlan.objects.create(
        case=C["c3"],
        version=1,
        status="active",
        needs="x",
        evaluation_date=dt.date(2025, 1, 20),
        created_by=ib["N"],
    )
    evaluation = Evaluation.objects.create(plan=plan, evaluated_on=dt.date(2025, 1, 20), evaluated_by=ib["N"])
    for position, result in enumerate(("achieved", "partly", "not_achieved")):
        goal = Goal.objects.create(plan=plan, position=position, description="Doel", measure="Meting")
        GoalEvaluation.objects.create(evaluation=evaluation, goal=goal, result=result)

    # Help started (the partner's back-report): c1 1 Mar, c2 10 Mar, d6 6 Jan, e1 1 Apr 2025.
    from zorgroute.referrals.models import BackReport, CareKind, ExternalReferral

    care_kind = CareKind.objects.create(region=region, name="Jeugd-GGZ")
    youth_care = CareKind.objects.create(region=region, name="Jeugdhulp")
    # The gaps' kinds of care: d1 youth care; c1, c2 and d6 youth mental health (d2's note has no kind).
    world.discussions[("N1", "d1")].bottleneck_kind = youth_care
    for key in ("c1", "c2", "d6"):
        world.discussions[("Z1", key)].bottleneck_kind = care_kind
    for d in world.discussions.values():
        d.save(update_fields=["bottleneck_kind"])
    partner = f.PartnerFactory(region=region)
    for key, day in (("c1", dt.date(2025, 3, 1)), ("c2", dt.date(2025, 3, 10)), ("d6", dt.date(2025, 1, 6)),
                     ("e1", dt.date(2025, 4, 1))):  # fmt: skip
        ref = ExternalReferral.objects.create(
            case=C[key], partner=partner, care_kind=care_kind, question="Hulp", referred_on=day - dt.timedelta(days=20),
            referred_by=ib["N"], family_agreed=True, status="started", back_report_due_on=day,
        )  # fmt: skip
        if key == "c2":  # first on the waiting list, then started
            BackReport.objects.create(referral=ref, kind="waiting_list", date=day, reported_at=at(2025, 2, 25),
                                      reported_by=ib["N"])  # fmt: skip
        BackReport.objects.create(referral=ref, kind="started", date=day, reported_at=at(day.year, day.month, day.day),
                                  reported_by=ib["N"])  # fmt: skip
    return world
