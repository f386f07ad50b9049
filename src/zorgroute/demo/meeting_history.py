"""The meeting history of the demo region, written through meetings.services under the demo clock (decision 0005).

Past meetings of the ZAT and of the zorgteam of the demo care coordinator's school (`ib`), each planned three weeks
ahead, with the cases that were in that forum's step then: referred (ZAT: with an intake), put on the agenda,
follow-ups of earlier discussions, attendance (one member absent per meeting; in every other ZAT meeting the chair
is excused and the coordinator stands in), a discussion per case with 1–3 actions (a case coordinator when more than
one), the minutes finalised, which starts the feedback chain. Afterwards most actions are done, actions due later
stay open and one past its due date stays open (overdue); the feedback of the older meetings is done, of the last
meeting only the first hop. Aftercare falls due three months after a case's last discussion (the daily command's
service), and one is recorded.

The next ZAT meeting (its summaries released: see demo/meetings.py) gets 2–3 cases: a follow-up, a new referral and
a case the parents allow to be discussed anonymously only.

Deterministic: choices come from `random.Random(f"{seed}:meetings")` over cases sorted by their pupil's seeded UUID,
never from primary keys; the dates follow today like the rest of the demo.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from zorgroute.accounts.models import User
from zorgroute.cases.constants import CaseStatus
from zorgroute.cases.models import Case, CaseTransition
from zorgroute.consents import services as consent_services
from zorgroute.consents.constants import ConsentMode, Evidence
from zorgroute.consents.models import ConsentRecord
from zorgroute.core.exceptions import DomainError
from zorgroute.demo import meeting_texts as T
from zorgroute.demo.clock import Clock
from zorgroute.demo.credentials import Username
from zorgroute.meetings import services as ms
from zorgroute.meetings.constants import (
    ActionKind,
    ActionStatus,
    AftercareOutcome,
    FeedbackTo,
    GoalAttainment,
    IntakeMode,
    Presence,
    VerwijsindexDecision,
)
from zorgroute.meetings.models import AgendaItem, CaseAction, CaseDiscussion, Meeting, MeetingSeries
from zorgroute.meetings.services import aftercare as aftercare_services
from zorgroute.meetings.services import discussions as discussion_services
from zorgroute.meetings.services import meetings as meeting_services
from zorgroute.meetings.services import referrals as referral_services
from zorgroute.organisations.constants import CareTeamKind, TeamRole
from zorgroute.organisations.models import GroupTeacher, Membership

PLANNED_DAYS_AHEAD = 21  # a past meeting was planned three weeks before
NEW_PER_MEETING = 2  # new referrals per past meeting, at most
ITEMS_PER_MEETING = 4  # cases on a past agenda, at most
RECENT_DAYS = 35  # the feedback of meetings since then is partly done
SETTLED_DAYS = 3  # a case is referred at the earliest this many days after it entered the forum's step


@dataclass
class Forum:
    """A team whose past meetings the history writes."""

    series: MeetingSeries
    dates: list[dt.date]  # the past meetings, oldest first
    chair: User
    coordinator: User
    partner: User  # the partner member who takes on actions
    meetings: list[Meeting] = field(default_factory=list)

    @property
    def team(self) -> Any:
        return self.series.team

    @property
    def is_zat(self) -> bool:
        return bool(self.series.team.kind == CareTeamKind.REGIONAL_TEAM)


class History:
    def __init__(self, *, seed: int, clock: Clock, admin: User, next_zat: dt.date | None) -> None:
        self.next_zat = next_zat
        self.rng = random.Random(f"{seed}:meetings")
        self.clock = clock
        self.today = clock.today
        self.admin = admin
        self.agreed: list[CaseAction] = []
        self.discussions: list[tuple[Forum, int, CaseDiscussion]] = []
        self.referred: set[tuple[int, int]] = set()  # (case id, team id)
        self._teachers: dict[int, User] = {}

    # --- set-up ---------------------------------------------------------------------------------------------------
    def forum(self, series: MeetingSeries, dates: list[dt.date]) -> Forum:
        team = series.team
        members = list(Membership.objects.filter(team=team).select_related("user", "partner").order_by("pk"))

        def first(*tests: Any) -> User:
            return next(m.user for test in tests for m in members if test(m))

        chair = first(lambda m: m.role == TeamRole.CHAIR)
        coordinator = first(
            lambda m: m.role == TeamRole.COORDINATOR,
            lambda m: m.partner is None and m.role == TeamRole.MEMBER,  # a zorgteam: the school's coordinator
        )
        partner = first(
            lambda m: m.user.username == Username.ZAT_MEMBER,
            lambda m: m.partner is not None and m.role == TeamRole.MEMBER,
        )
        return Forum(series=series, dates=dates, chair=chair, coordinator=coordinator, partner=partner)

    def _cases(self, forums: list[Forum]) -> list[tuple[Case, dt.date]]:
        """Open cases now in the step of one of these forums, with the day they entered it, in seeded order."""
        cases = list(
            Case.objects.filter(
                school__region=forums[0].team.region,
                status=CaseStatus.OPEN,
                step__forum_kind__in=[f.team.kind for f in forums],
            ).select_related("step", "pupil", "pupil__current_group", "school", "owner", "coordinator")
        )
        entered = {
            t.case_id: timezone.localdate(t.created_at)
            for t in CaseTransition.objects.filter(case__in=cases).order_by("created_at")
            if t.to_step_id is not None
        }  # the last move into a step wins: the day the case entered its current step
        found = [(case, entered.get(case.pk, timezone.localdate(case.step_entered_at))) for case in cases]
        return sorted(found, key=lambda pair: (pair[1], str(pair[0].pupil.uuid)))

    def _eligible(self, forum: Forum, day: dt.date) -> list[Case]:
        team = forum.team
        return [
            case
            for case, entered in self.cases
            if case.step.forum_kind == team.kind
            and (forum.is_zat or case.school_id == team.school_id)
            and entered <= day - dt.timedelta(days=SETTLED_DAYS)
            and (case.pk, team.pk) not in self.referred
        ]

    def _entered(self, case: Case) -> dt.date:
        return next(day for c, day in self.cases if c.pk == case.pk)

    def teacher(self, case: Case) -> User:
        group_id = case.pupil.current_group_id
        if group_id is None:
            return case.owner
        if group_id not in self._teachers:
            link = (
                GroupTeacher.objects.filter(group_id=group_id).select_related("user").order_by("pk").first()
            )
            self._teachers[group_id] = link.user if link is not None else case.owner
        return self._teachers[group_id]

    # --- the whole history ----------------------------------------------------------------------------------------
    def prepare(self, forums: list[Forum]) -> None:
        """The past meetings, then what came after them up to today."""
        self.cases = self._cases(forums)
        events = sorted(
            ((day, index, forum) for forum in forums for index, day in enumerate(forum.dates)),
            key=lambda event: (event[0], event[1], event[2].team.kind),
        )
        for day, index, forum in events:
            following = forum.dates[index + 1] if index + 1 < len(forum.dates) else None
            self.meeting(forum, day, index=index, following=following)
        self.finish_actions()
        self.feedback()
        self.aftercare()

    def finish(self, forums: list[Forum], *, upcoming_zat: Meeting | None) -> None:
        """The agenda of the next ZAT meeting (planned after the history)."""
        zat = next((f for f in forums if f.is_zat), None)
        if zat is not None and upcoming_zat is not None:
            self.upcoming(zat, upcoming_zat)

    # --- one past meeting -----------------------------------------------------------------------------------------
    def meeting(self, forum: Forum, day: dt.date, *, index: int, following: dt.date | None) -> None:
        clock, rng = self.clock, self.rng
        clock.on(day - dt.timedelta(days=PLANNED_DAYS_AHEAD))
        planned = meeting_services.meetings_plan(actor=self.admin, series=forum.series, until=day)
        meeting = next(m for m in planned if timezone.localdate(m.starts_at) == day)
        forum.meetings.append(meeting)
        space = ITEMS_PER_MEETING - len(self._follow_up_cases(forum, day))
        for case in self._eligible(forum, day)[: max(0, min(NEW_PER_MEETING, space))]:
            self.refer(forum, case, meeting, day)
        clock.on(day - dt.timedelta(days=2))
        meeting_services.agenda_add_follow_ups(actor=forum.coordinator, meeting=meeting)
        self._at(meeting.starts_at)
        self.attendance(forum, meeting, index)
        items = list(
            meeting.items.select_related("case__pupil", "case__owner", "case__school").order_by("position")
        )
        continuing = False
        empty_next = following is not None and not self._eligible(forum, following)
        for number, item in enumerate(items, start=1):
            self._at(meeting.starts_at + dt.timedelta(minutes=10 + 20 * item.position))
            force = empty_next and not continuing and number == len(items)  # the next meeting has a case
            continuing |= self.discuss(forum, item, day, following=following, index=index, force=force)
        self._at(meeting.ends_at + dt.timedelta(minutes=30 + rng.randint(0, 90)))
        discussion_services.meeting_finalise(
            actor=meeting.minute_taker or meeting.chair or forum.chair, meeting=meeting
        )

    def _at(self, moment: dt.datetime) -> None:
        self.clock.moment = min(moment, self.clock.real_now - dt.timedelta(minutes=1))

    def _follow_up_cases(self, forum: Forum, day: dt.date) -> list[int]:
        return [
            d.item.case_id for f, _index, d in self.discussions if f is forum and d.next_discussion_on == day
        ]

    def refer(
        self, forum: Forum, case: Case, meeting: Meeting, day: dt.date, *, not_before: dt.date | None = None
    ) -> AgendaItem | None:
        """Refer the case to the forum (it is in the forum's step already) and put it on the meeting's agenda."""
        rng, clock = self.rng, self.clock
        referred_on = max(self._entered(case), day - dt.timedelta(days=14), not_before or dt.date.min)
        clock.on(referred_on)
        name = case.pupil.first_name
        try:
            referral = referral_services.referral_start(
                actor=case.owner, case=case, forum_kind=forum.team.kind
            )
        except DomainError:
            return None  # a referral to this forum is open already
        referral = referral_services.referral_update(
            actor=case.owner,
            referral=referral,
            strengths=rng.choice(T.STRENGTHS).format(name=name),
            nature_and_severity=rng.choice(T.NATURE),
            family_factors=rng.choice(T.FAMILY_FACTORS),
        )
        try:
            referral = referral_services.referral_submit(actor=case.owner, referral=referral)
        except DomainError:
            return None  # the route's gate refuses: not on this agenda
        self.referred.add((case.pk, forum.team.pk))
        if forum.is_zat:
            clock.on(referred_on + dt.timedelta(days=1))
            referral = referral_services.referral_intake(
                actor=forum.coordinator, referral=referral, mode=IntakeMode.JOINT, notes=T.INTAKE_NOTES
            )
        clock.on(
            min(
                max(referred_on + dt.timedelta(days=2), day - dt.timedelta(days=7)),
                day - dt.timedelta(days=1),
            )
        )
        try:
            return meeting_services.referral_schedule(
                actor=forum.coordinator, referral=referral, meeting=meeting
            )
        except DomainError:
            return None  # no valid consent basis for the forum (any more)

    def attendance(self, forum: Forum, meeting: Meeting, index: int) -> None:
        rows = list(meeting.attendance.select_related("user", "membership").order_by("user__username"))
        chair_row = next((a for a in rows if a.user_id == forum.chair.pk), None)
        stand_in = next((a for a in rows if a.user_id == forum.coordinator.pk), None)
        substitute = forum.is_zat and index % 2 == 0 and chair_row is not None and stand_in is not None
        others = [
            a
            for a in rows
            if a.user_id not in (forum.chair.pk, forum.coordinator.pk, forum.partner.pk)
            and a.membership is not None
            and a.membership.role == TeamRole.MEMBER
        ]
        absent = self.rng.choice(others) if others else None
        for row in rows:
            if substitute and row is chair_row:
                presence = Presence.EXCUSED
            elif row is absent:
                presence = self.rng.choice([Presence.ABSENT, Presence.EXCUSED])
            else:
                presence = Presence.PRESENT
            ms_substitute = forum.chair if substitute and row is stand_in else None
            meeting_services.attendance_set(
                actor=forum.coordinator, attendance=row, presence=presence, substitute_for=ms_substitute
            )
        if substitute:
            meeting_services.meeting_set_roles(
                actor=forum.coordinator,
                meeting=meeting,
                chair=forum.coordinator,
                minute_taker=meeting.minute_taker,
            )

    def discuss(
        self,
        forum: Forum,
        item: AgendaItem,
        day: dt.date,
        *,
        following: dt.date | None,
        index: int,
        force: bool = False,
    ) -> bool:
        """Record the discussion and its actions; True when the case comes back in the next meeting."""
        rng, case = self.rng, item.case
        name = "de leerling" if item.anonymous else case.pupil.first_name
        count = rng.randint(1, 3)
        school = case.owner
        again = following is not None and (not forum.is_zat or rng.random() < 0.6)  # a zorgteam follows up
        if forum.is_zat and index == 0 and item.position == 1:
            again = False  # the oldest ZAT meeting's first case: no further discussion, so its aftercare falls due
        elif force:
            again = True
        next_on = following if again else None
        if following is None and forum.is_zat and item.position == 1:
            next_on = self.next_zat  # the last past ZAT meeting's first case comes back on the next agenda
        discussion = discussion_services.discussion_record(
            actor=item.meeting.minute_taker or item.meeting.chair or forum.chair,
            item=item,
            verwijsindex=rng.choice(
                [VerwijsindexDecision.NO, VerwijsindexDecision.NO, VerwijsindexDecision.ALREADY]
            ),
            next_discussion_on=next_on,
            extra_information=T.ANONYMOUS_EXTRA if item.anonymous else "",
            analysis=rng.choice(T.ANALYSIS).format(name=name),
            solutions_child=rng.choice(T.SOLUTIONS_CHILD),
            solutions_family=rng.choice(T.SOLUTIONS_FAMILY),
            solutions_school=rng.choice(T.SOLUTIONS_SCHOOL),
            decisions=rng.choice(T.FOLLOW_UP_DECISIONS if item.kind == "follow_up" else T.DECISIONS),
            case_coordinator=school if count > 1 else None,
            parents_contact=school,
            reports_to_parents=None if forum.is_zat else school,
            reports_to_school=forum.coordinator if forum.is_zat else None,
        )
        owners = [("school", school), ("partner", forum.partner), ("teacher", self.teacher(case))]
        for key, owner in owners[:count]:
            action = discussion_services.discussion_action(
                actor=forum.coordinator,
                discussion=discussion,
                description=rng.choice(T.ACTIONS[key]).format(name=name),
                owner=owner,
                due_on=day + dt.timedelta(days=rng.randint(7, 35)),
            )
            self.agreed.append(action)
        self.discussions.append((forum, index, discussion))
        return next_on is not None and next_on == following

    # --- afterwards -----------------------------------------------------------------------------------------------
    def finish_actions(self) -> None:
        """Most actions due by now are done; one past its due date stays open (overdue); later ones stay open."""
        kept_overdue = False
        for action in reversed(
            self.agreed
        ):  # the most recent meeting's actions first: the overdue one is recent
            if action.due_on >= self.today:
                continue
            if not kept_overdue:
                kept_overdue = True
                continue
            finished = action.due_on - dt.timedelta(days=self.rng.randint(0, 5))
            self.clock.on(max(finished, timezone.localdate(action.created_at) + dt.timedelta(days=1)))
            ms.action_complete(actor=action.owner, action=action, result=self.rng.choice(T.ACTION_RESULTS))

    def feedback(self) -> None:
        """The feedback of the older meetings is done; of the recent ones (RECENT_DAYS) only the first hop."""
        recent = self.today - dt.timedelta(days=RECENT_DAYS)
        for _forum, _index, discussion in self.discussions:
            partly = timezone.localdate(discussion.item.meeting.starts_at) >= recent
            done_first = False
            while True:
                hop = (
                    CaseAction.objects.filter(
                        discussion=discussion, kind=ActionKind.FEEDBACK, status=ActionStatus.OPEN
                    )
                    .select_related("owner", "case", "case__pupil")
                    .order_by("due_on", "feedback_to")
                    .first()
                )
                if hop is None or (partly and done_first) or hop.due_on > self.today + dt.timedelta(days=7):
                    break
                if partly and hop.feedback_to == FeedbackTo.PARENTS:
                    break
                created = timezone.localdate(hop.created_at)
                self.clock.on(min(created + dt.timedelta(days=self.rng.randint(1, 4)), self.today))
                ms.action_complete(actor=hop.owner, action=hop, result=T.FEEDBACK_RESULT)
                done_first = True

    def aftercare(self) -> None:
        """The daily command's aftercare, run today; the earliest one due is recorded."""
        self.clock.on(self.today)
        created = aftercare_services.aftercare_create_due(on=self.today)
        if not created:
            return
        first = min(created, key=lambda a: (a.due_on, str(a.case.pupil.uuid)))
        self.clock.on(min(first.due_on + dt.timedelta(days=5), self.today))
        aftercare_services.aftercare_record(
            actor=first.case.owner,
            aftercare=first,
            goal_attainment=GoalAttainment.PARTLY,
            outcome=AftercareOutcome.REOPEN,
            satisfaction_school=4,
            satisfaction_parents=3,
            notes=T.AFTERCARE_NOTES,
        )

    # --- the next ZAT meeting -------------------------------------------------------------------------------------
    def upcoming(self, forum: Forum, meeting: Meeting) -> None:
        """Follow-ups, one new referral and one anonymous case on the next ZAT agenda (2–3 cases)."""
        clock = self.clock
        day = timezone.localdate(meeting.starts_at)
        clock.on(self.today)
        meeting_services.agenda_add_follow_ups(actor=forum.coordinator, meeting=meeting)
        soon = self.today + dt.timedelta(days=SETTLED_DAYS)
        waiting = [c for c in self._eligible(forum, soon) if not self._on(meeting, c)]
        anonymous = waiting.pop() if waiting else None  # the most recent arrival
        for case in waiting:
            if meeting.items.count() >= 2:
                break
            self.refer(forum, case, meeting, min(day, self.today + dt.timedelta(days=1)))
        if anonymous is not None:
            self.anonymous(forum, anonymous, meeting)

    @staticmethod
    def _on(meeting: Meeting, case: Case) -> bool:
        return meeting.items.filter(case=case).exists()

    def anonymous(self, forum: Forum, case: Case, meeting: Meeting) -> None:
        """The parents withdrew their consent to a discussion by name and agree to an anonymous one only."""
        day = max(self._entered(case), self.today - dt.timedelta(days=6))
        self.clock.on(day)
        for record in ConsentRecord.objects.filter(
            case=case, forum_kind=forum.team.kind, withdrawn_on__isnull=True
        ).order_by("recorded_on", "pk"):
            consent_services.consent_withdraw(actor=case.owner, record=record)
        consent_services.consent_record(
            actor=case.owner,
            case=case,
            forum_kind=forum.team.kind,
            mode=ConsentMode.ANONYMOUS,
            recorded_on=day,
            evidence=Evidence.CONVERSATION,
            evidence_note="Oudergesprek: ouders willen eerst anoniem advies van het ZAT",
            answers={},
        )
        upcoming = min(timezone.localdate(meeting.starts_at), self.today + dt.timedelta(days=1))
        self.refer(forum, case, meeting, upcoming, not_before=day)
