"""The forums of a benchmark region at work: meeting series and meetings of every school's zorgteam and of the ZAT,
with attendance, agenda items, referrals, case discussions with finalised minutes, actions and feedback, and the
consent records that make each case's discussion lawful.

Built after the care routes (bench/care.py) from what they left in the database, in bulk (bench/batch.py), like the
rest of the bench: rows are what the services would have written (meetings.services, consents.services), with the
same timeline lines in the product language, but no per-row audit.

- **Consent**: every case whose route went through the zorgteam or the ZAT passed the route's consent gate, so it
  has a record for each of those forums, dated before it entered the step: mostly written consent of everyone whose
  consent is required (consents.rules.required_parties, by age and authority) naming the forum's partner
  organisations, a few (ANONYMOUS_SHARE) an anonymous discussion.
- **Meetings**: `scale.meetings` in all, a series per team: the ZAT every two weeks, each zorgteam every six weeks
  on a weekday and in a week of its own; past meetings (held, minutes final) and upcoming ones (planned, members
  invited). The chair is the team's chair, the minute-taker its coordinator (the school's care coordinator in a
  zorgteam).
- **Agendas**: a case is on the agenda of its forum from the first meeting after it entered the forum's step
  (a new referral) until it left it: every meeting of a zorgteam, every third of the ZAT (follow-ups); at most
  MAX_ITEMS per meeting. A zorgteam also follows, every other meeting, its school's open cases that moved on to a
  step of the school's own (specialised care, aftercare). Of the upcoming meetings only the next one has its agenda
  filled. Cases that entered the step lately and found no place yet wait as submitted referrals.
- **Past meetings**: attendance (one member absent or excused), a discussion per case along the regulative cycle,
  one to three actions (a case coordinator when more than one), the feedback chain, most of it done by now.

Deterministic: one `random.Random` per team, seeded from the region's UUID (itself drawn from the run's seed, as the
`add_meetings(scale)` hook gets no seed), over cases ordered by their seeded UUIDs; dates follow today.

The national scale (bench/national.py) runs the same `build` for each of its regions, right after the region's care
routes and inside the region's transaction, with its share of `scale.meetings` and national's COPY batch.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from batch import Batch
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from zorgroute.accounts.models import User
from zorgroute.cases.constants import CaseStatus, TimelineKind, Visibility
from zorgroute.cases.models import Case, RouteStep, TimelineEvent
from zorgroute.consents import rules
from zorgroute.consents.constants import ConsentAnswer, ConsentMode, Evidence
from zorgroute.consents.models import ConsentPartyAnswer, ConsentRecord
from zorgroute.consents.selectors import age_on
from zorgroute.demo import meeting_texts as T
from zorgroute.meetings.calendar import working_days_after, working_days_before
from zorgroute.meetings.constants import (
    ActionKind,
    ActionStatus,
    AgendaKind,
    FeedbackTo,
    IntakeMode,
    MeetingStatus,
    Presence,
    ReferralStatus,
    VerwijsindexDecision,
)
from zorgroute.meetings.models import (
    AgendaItem,
    Attendance,
    CaseAction,
    CaseDiscussion,
    Meeting,
    MeetingSeries,
    Referral,
)
from zorgroute.meetings.services.feedback import feedback_description
from zorgroute.organisations.constants import CareTeamKind, TeamRole
from zorgroute.organisations.models import CareTeam, GroupTeacher, Membership, PartnerOrganisation, Region
from zorgroute.pupils.models import PupilGuardian

FORUMS = (CareTeamKind.SCHOOL_CARE_TEAM, CareTeamKind.REGIONAL_TEAM)
MAX_ITEMS = 20  # cases on one agenda, at most
SETTLED_DAYS = 3  # a case is on an agenda at the earliest this many days after it entered the forum's step
WAITING_DAYS = 21  # a case that entered the step this recently and has no place yet waits as a referral
ANONYMOUS_SHARE = 0.06  # cases whose parents agreed to an anonymous discussion only
RECENT_DAYS = 35  # the feedback of meetings since then is partly done
ZAT_MAX_MEETINGS = 12


@dataclass(frozen=True)
class Cadence:
    name: str
    every_weeks: int
    start: dt.time
    minutes: int
    summary_lead_days: int
    follow_every: int  # a case comes back every so many meetings while it is in the step


ZAT = Cadence("ZAT-overleg", 2, dt.time(9, 0), 120, 5, 3)
ZORGTEAM = Cadence("Zorgteamoverleg", 6, dt.time(13, 30), 90, 3, 1)
ZAT_WEEKDAY = 1  # Tuesday
ZORGTEAM_WEEKDAYS = (0, 2, 3, 1, 4)


@dataclass
class Stay:
    """A case's stay in a forum's step: entered, and left (escalated further or closed; None: still there)."""

    case: Case
    entered: dt.datetime
    left: dt.datetime | None

    def there_on(self, day: dt.date) -> bool:
        return self.entered.date() <= day - dt.timedelta(days=SETTLED_DAYS) and (
            self.left is None or self.left.date() > day
        )


@dataclass
class Team:
    team: CareTeam
    cadence: Cadence
    members: list[Membership]
    chair: User
    coordinator: User
    partners: list[User]  # partner members who take on actions
    stays: list[Stay] = field(default_factory=list)
    # Open cases past the zorgteam in a step of the school's own (specialised care, aftercare): the zorgteam keeps
    # an eye on them, every other meeting (a follow-up without a referral).
    monitored: list[Stay] = field(default_factory=list)

    @property
    def is_zat(self) -> bool:
        return self.team.kind == CareTeamKind.REGIONAL_TEAM


class MeetingBuilder:
    def __init__(self, *, batch: Batch, region: Region, now: dt.datetime) -> None:
        self.batch, self.region, self.now = batch, region, now
        self.today = now.date()
        self.titles: dict[tuple[Any, ...], str] = {}
        self.teachers: dict[int, User] = {}
        self.referrals: dict[tuple[int, str], Referral] = {}  # (case id, forum) -> the latest referral
        self.consent_until: dict[tuple[int, str], dt.date] = defaultdict(lambda: dt.date.min)
        self.anonymous: set[tuple[int, str]] = set()
        self.later: list[Callable[[], Any]] = []  # rows that point at rows of the same table: after a flush

    # --- helpers --------------------------------------------------------------------------------------------------
    def rng(self, key: str) -> random.Random:
        return random.Random(f"{self.region.uuid}:meetings:{key}")

    @staticmethod
    def uuid(rng: random.Random) -> Any:
        import uuid

        return uuid.UUID(int=rng.getrandbits(128), version=4)

    def title(self, msgid: str, **values: Any) -> str:
        key = (msgid, *sorted((k, str(v)) for k, v in values.items()))
        if key not in self.titles:
            with translation.override(settings.LANGUAGE_CODE):
                self.titles[key] = (_(msgid) % values)[:300]
        return self.titles[key]

    def at(self, day: dt.date, time: dt.time, rng: random.Random, spread: int = 0) -> dt.datetime:
        moment = timezone.make_aware(dt.datetime.combine(day, time)) + dt.timedelta(
            minutes=rng.randint(0, spread)
        )
        return min(moment, self.now - dt.timedelta(minutes=5))

    def event(
        self,
        rng: random.Random,
        case: Case,
        moment: dt.datetime,
        kind: str,
        text: str,
        author: User,
        **extra: Any,
    ) -> None:
        self.batch.add(
            TimelineEvent(
                uuid=self.uuid(rng),
                case=case,
                kind=kind,
                occurred_at=moment,
                author=author,
                author_name=f"{author.first_name} {author.last_name}",
                title=text,
                **extra,
            )
        )

    # --- what the care routes left ----------------------------------------------------------------------------------
    def load(self) -> tuple[list[Team], dict[int, list[rules.GuardianFacts]]]:
        """The forums' teams with the stays of cases in their steps, and the pupils' guardians."""
        forum_steps = {
            (s.template_id, s.forum_kind): s
            for s in RouteStep.objects.filter(
                template__region=self.region, template__is_current=True, forum_kind__in=FORUMS
            )
        }
        first_forum = {}
        for (template_id, _kind), step in forum_steps.items():
            first_forum[template_id] = min(first_forum.get(template_id, step.position), step.position)
        from django.db.models import Q

        through = Q(pk__in=[])
        for template_id, position in first_forum.items():
            through |= Q(template_id=template_id, step__position__gte=position)
        cases_qs = Case.objects.filter(through, school__region=self.region)
        cases = {c.pk: c for c in cases_qs.select_related("pupil", "step", "owner").order_by("uuid")}
        # When each case entered (and left) a forum's step: the route's own timeline lines (bench/care.py).
        entered_title = {  # (template, title) -> step position; two routes may name a step alike
            (s.template_id, self.title("Escalated to '%(step)s'", step=s.name)): s.position
            for s in RouteStep.objects.filter(template_id__in=first_forum)
        }
        moves: dict[int, dict[int, dt.datetime]] = defaultdict(dict)  # case -> step position -> entered
        for case_id, text, moment in TimelineEvent.objects.filter(
            case__in=cases_qs, kind=TimelineKind.TRANSITION, title__in={t for _id, t in entered_title}
        ).values_list("case_id", "title", "occurred_at"):
            position = entered_title.get((cases[case_id].template_id, text))
            if position is not None:
                moves[case_id][position] = moment
        guardians: dict[int, list[rules.GuardianFacts]] = defaultdict(list)
        for pupil_id, guardian_id, authority, ots, withhold, court in (
            PupilGuardian.objects.filter(pupil_id__in=cases_qs.values("pupil_id"))
            .order_by("pk")
            .values_list(
                "pupil_id",
                "guardian_id",
                "authority",
                "supervision_order",
                "withhold_information",
                "court_information_arrangement",
            )
        ):
            guardians[pupil_id].append(rules.GuardianFacts(guardian_id, authority, ots, withhold, court))
        for group_id, user in (
            (gt.group_id, gt.user)
            for gt in GroupTeacher.objects.filter(group_id__in=cases_qs.values("pupil__current_group_id"))
            .select_related("user")
            .order_by("-pk")
        ):
            self.teachers[group_id] = user  # the first teacher of the group wins (ordered last)
        teams = self._teams()
        by_school = {t.team.school_id: t for t in teams if not t.is_zat}
        zat = next(t for t in teams if t.is_zat)
        for case in cases.values():
            for kind in FORUMS:
                step = forum_steps.get((case.template_id, kind))
                if step is None or case.step.position < step.position:
                    continue
                entered = moves[case.pk].get(step.position)
                if entered is None:
                    continue
                left = moves[case.pk].get(step.position + 1)
                if left is None and case.status == CaseStatus.CLOSED:
                    left = case.closed_at
                team = zat if kind == CareTeamKind.REGIONAL_TEAM else by_school.get(case.school_id)
                if team is not None:
                    team.stays.append(Stay(case, entered, left))
            zorgteam = by_school.get(case.school_id)
            if zorgteam is not None and case.status == CaseStatus.OPEN and not case.step.forum_kind:
                since = moves[case.pk].get(case.step.position, case.step_entered_at)
                zorgteam.monitored.append(Stay(case, since, None))
        return teams, guardians

    def _teams(self) -> list[Team]:
        memberships: dict[int, list[Membership]] = defaultdict(list)
        for m in (
            Membership.objects.filter(team__region=self.region, is_fixed=True, valid_from__lte=self.today)
            .select_related("user", "partner")
            .order_by("pk")
        ):
            memberships[m.team_id].append(m)
        teams = []
        teams_qs = CareTeam.objects.filter(region=self.region, kind__in=FORUMS, is_active=True)
        for team in teams_qs.select_related("school").order_by("kind", "pk"):  # zorgteams in school order
            members = memberships[team.pk]
            chair = next(m.user for m in members if m.role == TeamRole.CHAIR)
            coordinator = next(
                (m.user for m in members if m.role == TeamRole.COORDINATOR),
                None,
            ) or next(m.user for m in members if m.partner_id is None and m.role == TeamRole.MEMBER)
            partners = [m.user for m in members if m.partner_id is not None and m.role == TeamRole.MEMBER]
            cadence = ZAT if team.kind == CareTeamKind.REGIONAL_TEAM else ZORGTEAM
            teams.append(Team(team, cadence, members, chair, coordinator, partners))
        return teams

    # --- consent ------------------------------------------------------------------------------------------------------
    def consents(self, teams: list[Team], guardians: dict[int, list[rules.GuardianFacts]]) -> None:
        """A record per case and forum it went through, dated before it entered the forum's step."""
        by_team_partners: dict[int, list[PartnerOrganisation]] = {
            t.team.pk: list({m.partner_id: m.partner for m in t.members if m.partner is not None}.values())
            for t in teams
        }  # the partner organisations sitting in the forum, each named once
        for team in teams:
            rng = self.rng(f"consent:{team.team.uuid}")
            kind = team.team.kind
            forum_label = CareTeamKind(kind).label
            for stay in sorted(team.stays, key=lambda s: str(s.case.uuid)):
                case = stay.case
                opened = timezone.localdate(case.opened_at)
                recorded = max(
                    opened, timezone.localdate(stay.entered) - dt.timedelta(days=rng.randint(1, 10))
                )
                recorded = min(recorded, self.today)
                anonymous = rng.random() < ANONYMOUS_SHARE
                mode = ConsentMode.ANONYMOUS if anonymous else ConsentMode.WRITTEN
                record = self.batch.add(
                    ConsentRecord(
                        uuid=self.uuid(rng),
                        case=case,
                        forum_kind=kind,
                        mode=mode,
                        recorded_on=recorded,
                        valid_until=None if anonymous else recorded + dt.timedelta(days=365),
                        evidence=Evidence.CONVERSATION
                        if anonymous
                        else rng.choice([Evidence.PAPER, Evidence.PORTAL]),
                        evidence_note="Oudergesprek: ouders willen een anonieme bespreking"
                        if anonymous
                        else "Ondertekend bij het oudergesprek",
                        scope=""
                        if anonymous
                        else "Gegevens die nodig zijn voor de bespreking van de hulpvraag.",
                        recorded_by=case.owner,
                    )
                )
                self.consent_until[(case.pk, kind)] = record.valid_until or dt.date.max
                if anonymous:
                    self.anonymous.add((case.pk, kind))
                else:
                    for partner in by_team_partners[team.team.pk]:
                        self.batch.add(
                            ConsentRecord.partners.through(consentrecord=record, partnerorganisation=partner)
                        )
                    # Whoever must consent then and today (a pupil who turned 16 since signed too).
                    parties = {
                        party
                        for day in (recorded, self.today)
                        for party in rules.required_parties(
                            age=age_on(case.pupil, day),
                            guardians=guardians[case.pupil_id],
                            purpose=rules.Purpose.DISCUSSION,
                        )
                    }
                    for party in sorted(parties, key=lambda p: (p.guardian_id is None, p.guardian_id or 0)):
                        self.batch.add(
                            ConsentPartyAnswer(
                                uuid=self.uuid(rng),
                                record=record,
                                guardian_id=party.guardian_id,
                                answer=ConsentAnswer.GIVEN,
                                answered_on=recorded,
                                recorded_by=case.owner,
                            )
                        )
                self.event(
                    rng,
                    case,
                    self.at(recorded, dt.time(10, 0), rng, 360),
                    TimelineKind.CONSENT,
                    self.title(
                        "Consent recorded for %(forum)s: %(mode)s",
                        forum=forum_label,
                        mode=ConsentMode(mode).label,
                    ),
                    case.owner,
                    visibility=Visibility.PARENTS,
                    ref_uuid=record.uuid,
                )

    # --- meetings -----------------------------------------------------------------------------------------------------
    def dates(self, team: Team, index: int, count: int) -> list[dt.date]:
        """`count` meeting days of the team: the upcoming ones (a third, at least one) and the past ones."""
        cadence = team.cadence
        upcoming = (count // 3 + 1 if team.is_zat else 2) if count >= 3 else 1
        weekday = ZAT_WEEKDAY if team.is_zat else ZORGTEAM_WEEKDAYS[index % len(ZORGTEAM_WEEKDAYS)]
        tomorrow = self.today + dt.timedelta(days=1)
        first_upcoming = tomorrow + dt.timedelta(days=(weekday - tomorrow.weekday()) % 7)
        if not team.is_zat:  # the zorgteams' cycles are spread over the six weeks
            first_upcoming += dt.timedelta(weeks=index % cadence.every_weeks)
        step = dt.timedelta(weeks=cadence.every_weeks)
        return [first_upcoming + step * n for n in range(upcoming - count, upcoming)]

    def build_team(self, team: Team, index: int, count: int) -> int:
        rng = self.rng(f"team:{team.team.uuid}")
        cadence = team.cadence
        days = self.dates(team, index, count)
        series = self.batch.add(
            MeetingSeries(
                uuid=self.uuid(rng),
                team=team.team,
                name=cadence.name,
                every_weeks=cadence.every_weeks,
                weekday=days[0].weekday(),
                start_time=cadence.start,
                duration_minutes=cadence.minutes,
                location=(
                    "Gemeentehuis Lindewaard, zaal 2"
                    if team.is_zat
                    else f"{team.team.school.name if team.team.school else team.team.name}, kamer intern begeleider"
                )[:200],
                first_date=days[0],
                summary_lead_days=cadence.summary_lead_days,
                access_days_after=14,
            )
        )
        meetings: list[tuple[dt.date, Meeting]] = []
        for day in days:
            starts = timezone.make_aware(dt.datetime.combine(day, cadence.start))
            past = day < self.today
            release = working_days_before(day, cadence.summary_lead_days)
            ends = starts + dt.timedelta(minutes=cadence.minutes)
            meeting = self.batch.add(
                Meeting(
                    uuid=self.uuid(rng),
                    team=team.team,
                    series=series,
                    starts_at=starts,
                    ends_at=ends,
                    location=series.location,
                    status=MeetingStatus.HELD if past else MeetingStatus.PLANNED,
                    summary_release_on=release,
                    summaries_notified_on=release if release <= self.today else None,
                    access_until=day + dt.timedelta(days=14),
                    chair=team.chair,
                    minute_taker=team.coordinator,
                    minutes_finalised_at=min(ends + dt.timedelta(minutes=rng.randint(30, 240)), self.now)
                    if past
                    else None,
                    minutes_finalised_by=team.coordinator if past else None,
                )
            )
            meetings.append((day, meeting))
            self.attendance(rng, team, meeting, past)
        self.agendas(rng, team, meetings)
        return len(meetings)

    def attendance(self, rng: random.Random, team: Team, meeting: Meeting, past: bool) -> None:
        others = [m for m in team.members if m.user not in (team.chair, team.coordinator)]
        absent = rng.choice(others) if past and others and rng.random() < 0.7 else None
        for membership in team.members:
            if not past:
                presence = Presence.INVITED
            elif membership is absent:
                presence = rng.choice([Presence.ABSENT, Presence.EXCUSED])
            else:
                presence = Presence.PRESENT
            self.batch.add(
                Attendance(
                    uuid=self.uuid(rng),
                    meeting=meeting,
                    user=membership.user,
                    membership=membership,
                    presence=presence,
                )
            )

    def agendas(self, rng: random.Random, team: Team, meetings: list[tuple[dt.date, Meeting]]) -> None:
        """Cases on the agendas of the past meetings and the next one; who found no place lately waits."""
        next_day = next((day for day, _m in meetings if day >= self.today), None)
        next_number = next((n for n, (day, _m) in enumerate(meetings) if day >= self.today), len(meetings))
        stays = sorted(team.stays, key=lambda s: (s.entered, str(s.case.uuid)))
        monitored = sorted(team.monitored, key=lambda s: (s.entered, str(s.case.uuid)))
        first_seen: dict[int, int] = {}  # case id -> index of the meeting where it was new
        last_item: dict[int, tuple[int, dt.date]] = {}
        planned: list[tuple[int, Meeting, Stay, str]] = []
        for number, (day, meeting) in enumerate(meetings):
            if next_day is not None and day > next_day:
                break
            follow = [
                s
                for s in stays
                if s.case.pk in first_seen
                and s.there_on(day)
                and (number - first_seen[s.case.pk]) % team.cadence.follow_every == 0
            ]
            new = [s for s in stays if s.case.pk not in first_seen and s.there_on(day)]
            watch = [s for s in monitored if s.there_on(day) and (next_number - number) % 2 == 0]
            agenda = [(s, AgendaKind.FOLLOW_UP) for s in follow] + [(s, AgendaKind.NEW) for s in new]
            agenda += [(s, AgendaKind.FOLLOW_UP) for s in watch]
            agenda = [
                (s, kind) for s, kind in agenda if day <= self.consent_until[(s.case.pk, team.team.kind)]
            ]
            for stay, kind in agenda[:MAX_ITEMS]:
                if kind == AgendaKind.NEW:
                    first_seen[stay.case.pk] = number
                planned.append((number, meeting, stay, kind))
        # The next discussion of each item: the case's following item in this team.
        following: dict[tuple[int, int], dt.date] = {}
        for number, _meeting, stay, _kind in planned:
            previous = last_item.get(stay.case.pk)
            if previous is not None:
                following[(stay.case.pk, previous[0])] = meetings[number][0]
            last_item[stay.case.pk] = (number, meetings[number][0])
        positions: dict[int, int] = defaultdict(int)
        for number, meeting, stay, kind in planned:
            positions[number] += 1
            day = meetings[number][0]
            self.item(
                rng, team, meeting, day, stay, kind, positions[number], following.get((stay.case.pk, number))
            )
        for stay in stays:  # entered lately and not on an agenda yet: a referral waiting for the coordinator
            if (
                stay.case.pk not in first_seen
                and stay.left is None
                and stay.case.status == CaseStatus.OPEN
                and stay.entered.date() >= self.today - dt.timedelta(days=WAITING_DAYS)
            ):
                self.referral(rng, team, stay, scheduled=None)

    def referral(self, rng: random.Random, team: Team, stay: Stay, *, scheduled: bool | None) -> Referral:
        """The referral that moved the case into the forum's step (submitted when it entered the step)."""
        case, kind = stay.case, team.team.kind
        name = case.pupil.first_name
        if scheduled is None:
            status = ReferralStatus.IN_INTAKE if team.is_zat else ReferralStatus.SUBMITTED
        else:
            status = ReferralStatus.SCHEDULED if scheduled else ReferralStatus.DISCUSSED
        earlier = self.referrals.get((case.pk, CareTeamKind.SCHOOL_CARE_TEAM)) if team.is_zat else None
        referral = self.batch.add(
            Referral(
                uuid=self.uuid(rng),
                case=case,
                team=team.team,
                forum_kind=kind,
                based_on=earlier,
                status=status,
                help_question_school=case.help_question_school,
                help_question_parents=case.help_question_parents,
                help_question_pupil=case.help_question_pupil,
                school_limits=case.school_limits,
                strengths=rng.choice(T.STRENGTHS).format(name=name),
                nature_and_severity=rng.choice(T.NATURE),
                family_factors=rng.choice(T.FAMILY_FACTORS),
                created_by=case.owner,
                submitted_at=stay.entered,
                submitted_by=case.owner,
                intake_mode=IntakeMode.JOINT if team.is_zat else "",
                intake_notes=T.INTAKE_NOTES if team.is_zat else "",
            )
        )
        self.referrals[(case.pk, kind)] = referral
        return referral

    def teacher(self, case: Case) -> User:
        return self.teachers.get(case.pupil.current_group_id, case.owner)

    def item(
        self,
        rng: random.Random,
        team: Team,
        meeting: Meeting,
        day: dt.date,
        stay: Stay,
        kind: str,
        position: int,
        next_on: dt.date | None,
    ) -> None:
        case = stay.case
        past = day < self.today
        anonymous = (case.pk, team.team.kind) in self.anonymous
        referral = self.referral(rng, team, stay, scheduled=not past) if kind == AgendaKind.NEW else None
        item = self.batch.add(
            AgendaItem(
                uuid=self.uuid(rng),
                meeting=meeting,
                case=case,
                referral=referral,
                kind=kind,
                position=position,
                anonymous=anonymous,
            )
        )
        placed = max(timezone.localdate(stay.entered) + dt.timedelta(days=1), day - dt.timedelta(days=7))
        self.event(
            rng,
            case,
            self.at(placed, dt.time(9, 0), rng, 480),
            TimelineKind.NOTE,
            self.title(
                "On the agenda of %(team)s on %(date)s", team=team.team.name, date=day.strftime("%d-%m-%Y")
            ),
            team.coordinator,
            visibility=Visibility.PARENTS,
            ref_uuid=item.uuid,
        )
        if past:
            self.discussion(rng, team, meeting, day, item, next_on)

    def discussion(
        self,
        rng: random.Random,
        team: Team,
        meeting: Meeting,
        day: dt.date,
        item: AgendaItem,
        next_on: dt.date | None,
    ) -> None:
        case = item.case
        name = "de leerling" if item.anonymous else case.pupil.first_name
        count = rng.randint(1, 3)
        school = case.owner
        discussion = self.batch.add(
            CaseDiscussion(
                uuid=self.uuid(rng),
                item=item,
                extra_information=T.ANONYMOUS_EXTRA if item.anonymous else "",
                analysis=rng.choice(T.ANALYSIS).format(name=name),
                solutions_child=rng.choice(T.SOLUTIONS_CHILD),
                solutions_family=rng.choice(T.SOLUTIONS_FAMILY),
                solutions_school=rng.choice(T.SOLUTIONS_SCHOOL),
                decisions=rng.choice(
                    T.FOLLOW_UP_DECISIONS if item.kind == AgendaKind.FOLLOW_UP else T.DECISIONS
                ),
                parents_present=rng.random() < 0.6,
                pupil_present=rng.random() < 0.15,
                teacher_present=rng.random() < 0.5,
                case_coordinator=school if count > 1 else None,
                parents_contact=school,
                reports_to_parents=None if team.is_zat else school,
                reports_to_school=team.coordinator if team.is_zat else None,
                verwijsindex=rng.choice(
                    [VerwijsindexDecision.NO, VerwijsindexDecision.NO, VerwijsindexDecision.ALREADY]
                ),
                next_discussion_on=next_on,
                recorded_by=team.coordinator,
            )
        )
        finalised = meeting.minutes_finalised_at
        assert finalised is not None
        owners = [
            ("school", school),
            ("partner", rng.choice(team.partners) if team.partners else school),
            ("teacher", self.teacher(case)),
        ]
        for key, owner in owners[:count]:
            due = day + dt.timedelta(days=rng.randint(7, 35))
            self.action(
                rng,
                case,
                discussion,
                owner,
                team.coordinator,
                due,
                rng.choice(T.ACTIONS[key]).format(name=name),
                finalised,
            )
            self.event(
                rng,
                case,
                self.at(day, team.cadence.start, rng, team.cadence.minutes),
                TimelineKind.ACTION,
                self.title(
                    "Action agreed: %(owner)s, by %(date)s",
                    owner=f"{owner.first_name} {owner.last_name}",
                    date=due.strftime("%d-%m-%Y"),
                ),
                team.coordinator,
            )
        self.event(
            rng,
            case,
            finalised,
            TimelineKind.NOTE,
            self.title("Discussed in %(team)s", team=team.team.name),
            team.coordinator,
            body=discussion.decisions,
            ref_uuid=discussion.uuid,
        )
        self.feedback(rng, team, case, discussion, timezone.localdate(finalised), day)

    def action(
        self,
        rng: random.Random,
        case: Case,
        discussion: CaseDiscussion,
        owner: User,
        agreed_by: User,
        due: dt.date,
        description: str,
        agreed: dt.datetime,
        *,
        to: str = "",
        previous: CaseAction | None = None,
    ) -> CaseAction:
        done = due < self.today and rng.random() < 0.8
        finished = min(
            max(
                agreed,
                timezone.make_aware(dt.datetime.combine(due, dt.time(15, 0)))
                - dt.timedelta(days=rng.randint(0, 5)),
            ),
            self.now - dt.timedelta(minutes=5),
        )
        return self.batch.add(
            CaseAction(
                uuid=self.uuid(rng),
                case=case,
                discussion=discussion,
                description=description[:300],
                owner=owner,
                due_on=due,
                status=ActionStatus.DONE if done else ActionStatus.OPEN,
                agreed_by=agreed_by,
                finished_at=finished if done else None,
                finished_by=owner if done else None,
                result=(T.FEEDBACK_RESULT if to else rng.choice(T.ACTION_RESULTS)) if done else "",
                kind=ActionKind.FEEDBACK if to else ActionKind.ACTION,
                feedback_to=to,
                forum=discussion.item.meeting.team if to else None,
                previous=previous,
            )
        )

    def feedback(
        self,
        rng: random.Random,
        team: Team,
        case: Case,
        discussion: CaseDiscussion,
        finalised: dt.date,
        day: dt.date,
    ) -> None:
        """ZAT: to the school's care coordinator, then (once done) the teacher and the parents; a zorgteam: the care
        coordinator informs the teacher and the parents at once. Done for the older meetings."""
        recent = day >= self.today - dt.timedelta(days=RECENT_DAYS)
        agreed = discussion.item.meeting.minutes_finalised_at
        assert agreed is not None

        def hop(to: str, owner: User, start: dt.date, previous: CaseAction | None = None) -> CaseAction:
            action = self.action(
                rng,
                case,
                discussion,
                owner,
                team.coordinator,
                working_days_after(start, 5),
                self.feedback_text(to, team.team),
                agreed,
                to=to,
                previous=previous,
            )
            if recent and previous is not None and action.status == ActionStatus.DONE:
                action.status, action.finished_at, action.finished_by, action.result = (
                    ActionStatus.OPEN,
                    None,
                    None,
                    "",
                )
            return action

        first = [(FeedbackTo.CARE_COORDINATOR, team.coordinator)] if team.is_zat else []
        school_hops = [(FeedbackTo.TEACHER, case.owner), (FeedbackTo.PARENTS, case.owner)]
        if first:
            to_school = hop(*first[0], finalised)
            if to_school.status == ActionStatus.DONE and to_school.finished_at is not None:
                informed = timezone.localdate(to_school.finished_at)
                for to, owner in school_hops:  # after a flush: a hop names the one it follows, saved first
                    self.later.append(lambda to=to, owner=owner: hop(to, owner, informed, to_school))
        else:
            for to, owner in school_hops:
                hop(to, owner, finalised)

    def feedback_text(self, to: str, team: CareTeam) -> str:
        key = ("feedback", to, team.pk)
        if key not in self.titles:
            self.titles[key] = feedback_description(to, team)
        return self.titles[key]


def meeting_counts(total: int, teams: int) -> tuple[int, list[int]]:
    """(ZAT meetings, meetings per zorgteam): the ZAT a thirtieth of the total (2..ZAT_MAX_MEETINGS), the rest spread
    evenly over the zorgteams, the first ones one more."""
    zat = min(ZAT_MAX_MEETINGS, max(2, round(total / 30)))
    rest = max(0, total - zat)
    base, extra = divmod(rest, teams) if teams else (0, 0)
    return zat, [base + (1 if n < extra else 0) for n in range(teams)]


def build(*, total: int, batch: Batch, now: dt.datetime, region: Region | None = None) -> int:
    """Everything above for `region` (default: the only region, the region scale's); returns the number of meetings.
    Flushes `batch` as it goes (national.py passes its COPY batch, one region at a time, inside the region's
    transaction)."""
    region = region if region is not None else Region.objects.get()
    builder = MeetingBuilder(batch=batch, region=region, now=now)
    teams, guardians = builder.load()
    builder.consents(teams, guardians)
    zorgteams = [t for t in teams if not t.is_zat]  # in school order: school 0 (bench.ib's) first
    zat_count, counts = meeting_counts(total, len(zorgteams))
    made = 0
    for index, (team, count) in enumerate(zip(zorgteams, counts, strict=True)):
        if count:
            made += builder.build_team(team, index, count)
    batch.flush()  # the zorgteams' referrals exist before the ZAT's build on them
    for team in teams:
        if team.is_zat:
            made += builder.build_team(team, 0, zat_count)
    batch.flush()
    for later in builder.later:
        later()
    batch.flush()
    return made


SHARED_SUFFIX = (
    "+forums"  # a table the care routes fill too: its rows from here, added to theirs by bench/report.py
)


def print_counts(counts: dict[str, int], shared: set[str]) -> None:
    """The rows added, in generate.py's table format: bench/run.py reads every such line into the dataset table (the
    `add_meetings(scale)` hook returns only the number of meetings). Tables in `shared` are labelled with
    SHARED_SUFFIX, so the care routes' own line for that table does not overwrite this one."""
    for label, count in sorted(counts.items()):
        name = label + SHARED_SUFFIX if label in shared else label
        print(f"  {name:32} {count:>9,}")
