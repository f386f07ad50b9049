"""What a user *is*, loaded once per request: roles with their scopes, team memberships, family links.

Five small queries, whatever the size of the data (six or seven more for a care-team member: invitations, the
meetings of teams they lead, agenda items and the consent verdicts for them); cached on the user object for the rest
of the request, never longer: a withdrawn role, membership, consent or guardian right counts from the next request.
The queries every request runs are compiled once per process (core/prepared.py): only their SQL text is kept.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from zorgroute.access.rules import Role
from zorgroute.consents.rules import GuardianFacts, InformDecision, InformRight, inform_guardian
from zorgroute.core.prepared import Prepared
from zorgroute.core.time import age_on, current_school_year, today
from zorgroute.organisations.constants import CareTeamKind, TeamRole
from zorgroute.organisations.models import GroupTeacher, Membership, StaffRole
from zorgroute.pupils.constants import PupilInforming
from zorgroute.pupils.models import Pupil, PupilGuardian

_CACHE_ATTR = "_zorgroute_principal"


@dataclass
class Principal:
    user_id: int | None
    roles: set[Role] = field(default_factory=set)
    school_ids: dict[Role, set[int]] = field(default_factory=lambda: defaultdict(set))
    region_ids: dict[Role, set[int]] = field(default_factory=lambda: defaultdict(set))
    partner_ids: set[int] = field(default_factory=set)
    # Forum members: meetings they are invited to whose access has not ended, and the cases on those agendas whose
    # summary is released and whose consent allows the forum (by name or anonymously) for the member's partner.
    invited_meeting_ids: set[int] = field(default_factory=set)
    agenda_case_ids: set[int] = field(default_factory=set)
    taught_group_ids: set[int] = field(default_factory=set)
    team_ids: set[int] = field(default_factory=set)
    led_team_ids: set[int] = field(default_factory=set)
    zat_lead_region_ids: set[int] = field(
        default_factory=set
    )  # regions of the regional teams (ZAT) the user leads
    guarded_pupil_ids: set[int] = field(default_factory=set)  # the guardian sees these children's records
    on_request_pupil_ids: set[int] = field(default_factory=set)  # important information on request only
    guardian_id: int | None = None  # the user's own guardian row (Guardian.user is one-to-one)
    own_pupil_id: int | None = None

    def regions_for(self, role: Role) -> set[int]:
        return self.region_ids.get(role, set())

    def schools_for(self, role: Role) -> set[int]:
        return self.school_ids.get(role, set())


def _active(prefix: str = "", day: dt.date | None = None) -> Q:
    day = day or today()
    return Q(**{f"{prefix}valid_from__lte": day}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
    )


def information_decision(
    *,
    authority: str,
    withhold_information: bool,
    court_information_arrangement: bool,
    pupil_informing: str,
    age: int,
) -> InformDecision:
    """What one guardian link gives the guardian, with the reasons, decided by consents.rules.inform_guardian.

    FULL: the child's parent-visible records in the portal. IMPORTANT_ON_REQUEST (a parent without authority, BW
    1:377c): important information when asked, given by the care coordinator, not by portal access. NONE: nothing.
    A pupil of 16+ who refused, and an adult pupil who did not agree, end a parent's access (DOMAIN §6).

    One reading stricter than the rules: information withheld in the child's interest is withheld from the portal
    also when the guardian holds authority. The rules flag that combination for a person to check
    (``withhold_flag_ignored_for_authority_holder``); until someone clears the flag the portal shows nothing.
    """
    if withhold_information:
        return InformDecision(InformRight.NONE, ("withheld_in_child_interest",))
    facts = GuardianFacts(
        guardian_id=0, authority=authority, court_information_arrangement=court_information_arrangement
    )
    return inform_guardian(
        age=age,
        guardian=facts,
        pupil_refuses_informing=pupil_informing == PupilInforming.REFUSED,
        pupil_consents_informing=pupil_informing == PupilInforming.AGREED,
    )


def information_right(**facts: Any) -> InformRight:
    """``information_decision(...).right``."""
    return information_decision(**facts).right


def _link_right(link: Mapping[str, Any], day: dt.date) -> InformRight:
    return information_right(
        authority=link["authority"],
        withhold_information=link["withhold_information"],
        court_information_arrangement=link["court_information_arrangement"],
        pupil_informing=link["pupil_informing"],
        age=age_on(link["pupil__date_of_birth"], day),
    )


_STAFF_ROLES = Prepared(
    lambda user_id, day: StaffRole.objects.filter(_active(day=day), user_id=user_id).values_list(
        "role", "school_id", "region_id", "partner_id", "school__region_id", "partner__region_id"
    )
)
_MEMBERSHIPS = Prepared(
    lambda user_id, day: (
        Membership.objects.filter(_active(day=day), user_id=user_id, team__is_active=True)
        .order_by()
        .values_list("team_id", "role", "team__region_id", "team__kind")
    )
)
_TAUGHT_GROUPS = Prepared(
    lambda user_id, year, school_ids: GroupTeacher.objects.filter(
        user_id=user_id, group__school_year=year, group__school_id__in=school_ids
    ).values_list("group_id")
)
_LINK_FIELDS = (
    "pupil_id",
    "guardian_id",
    "authority",
    "withhold_information",
    "court_information_arrangement",
    "pupil_informing",
    "pupil__date_of_birth",
)
_GUARDIAN_LINKS = Prepared(
    lambda user_id: PupilGuardian.objects.filter(guardian__user_id=user_id).values_list(*_LINK_FIELDS)
)
_OWN_PUPIL = Prepared(lambda user_id: Pupil.objects.filter(user_id=user_id).order_by().values_list("pk"))


def _invitations(user_id: int, day: dt.date) -> Any:
    """The meetings the user is invited to whose access has not ended, with the partner they attend for."""
    from zorgroute.meetings.constants import MeetingStatus
    from zorgroute.meetings.models import Attendance

    return (
        Attendance.objects.filter(user_id=user_id, meeting__access_until__gte=day)
        .exclude(meeting__status=MeetingStatus.CANCELLED)
        .order_by()
        .values_list("meeting_id", "membership__partner_id")
    )


def _led_meetings(team_ids: list[int], day: dt.date) -> Any:
    """The meetings of the teams the user chairs or coordinates whose access has not ended."""
    from zorgroute.meetings.constants import MeetingStatus
    from zorgroute.meetings.models import Meeting

    return (
        Meeting.objects.filter(team_id__in=team_ids, access_until__gte=day)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by()
        .values_list("pk")
    )


def _agenda_items(meeting_ids: list[int], day: dt.date) -> Any:
    """The cases on the agendas of these meetings whose summary is released, with the meeting and its forum."""
    from zorgroute.meetings.models import AgendaItem

    return (
        AgendaItem.objects.filter(meeting_id__in=meeting_ids, meeting__summary_release_on__lte=day)
        .order_by()
        .values_list("case_id", "meeting_id", "meeting__team__kind")
    )


_INVITATIONS = Prepared(_invitations)
_LED_MEETINGS = Prepared(_led_meetings)
_AGENDA_ITEMS = Prepared(_agenda_items)


def load(user: Any) -> Principal:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Principal(user_id=None)
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    p = Principal(user_id=user.pk)
    day = today()
    for (
        role,
        school_id,
        region_id,
        partner_id,
        school_region_id,
        partner_region_id,
    ) in _STAFF_ROLES.rows(user_id=user.pk, day=day):
        r = Role(role)
        p.roles.add(r)
        if school_id:
            p.school_ids[r].add(school_id)
            p.region_ids[r].add(school_region_id)
        if region_id:
            p.region_ids[r].add(region_id)
        if partner_id:
            p.partner_ids.add(partner_id)
            p.region_ids[r].add(partner_region_id)
    for team_id, team_role, region_id, team_kind in _MEMBERSHIPS.rows(user_id=user.pk, day=day):
        p.roles.add(Role.TEAM_MEMBER)
        p.team_ids.add(team_id)
        p.region_ids[Role.TEAM_MEMBER].add(region_id)
        if team_role in (TeamRole.CHAIR, TeamRole.COORDINATOR):
            p.roles.add(Role.TEAM_LEAD)
            p.led_team_ids.add(team_id)
            p.region_ids[Role.TEAM_LEAD].add(region_id)
            if team_kind == CareTeamKind.REGIONAL_TEAM:
                p.zat_lead_region_ids.add(region_id)
    if Role.TEAM_MEMBER in p.roles:
        _load_agenda(p, user)
    if Role.TEACHER in p.roles:
        p.taught_group_ids = {
            group_id
            for (group_id,) in _TAUGHT_GROUPS.rows(
                user_id=user.pk, year=current_school_year(), school_ids=sorted(p.schools_for(Role.TEACHER))
            )
        }
    for row in _GUARDIAN_LINKS.rows(user_id=user.pk):
        link = dict(zip(_LINK_FIELDS, row, strict=True))
        p.guardian_id = link["guardian_id"]
        right = _link_right(link, day)
        if right is InformRight.FULL:
            p.guarded_pupil_ids.add(link["pupil_id"])
        elif right is InformRight.IMPORTANT_ON_REQUEST:
            p.on_request_pupil_ids.add(link["pupil_id"])
    if p.guarded_pupil_ids:
        p.roles.add(Role.GUARDIAN)
    for (own,) in _OWN_PUPIL.rows(user_id=user.pk):  # at most one (Pupil.user is one-to-one)
        p.own_pupil_id = own
        p.roles.add(Role.PUPIL)
    setattr(user, _CACHE_ATTR, p)
    return p


def _load_agenda(p: Principal, user: Any) -> None:
    """Two queries for the invitations and agenda items, four for the consent verdicts (consents.selectors).

    Access lasts from the summary's release (a number of working days before the meeting) until `access_until`
    (days after it); a withdrawn consent ends it on the next request, because the verdict is decided here, live.
    """
    from zorgroute.consents.rules import Verdict
    from zorgroute.consents.selectors import forum_verdicts

    day = today()
    invitations: dict[int, int | None] = dict(_INVITATIONS.rows(user_id=user.pk, day=day))
    p.invited_meeting_ids = set(invitations)
    if p.led_team_ids:  # a chair or coordinator reads the summaries of the meetings they run, invited or not
        for (meeting_id,) in _LED_MEETINGS.rows(team_ids=sorted(p.led_team_ids), day=day):
            invitations.setdefault(meeting_id, None)
    if not invitations:
        return
    items = _AGENDA_ITEMS.rows(meeting_ids=sorted(invitations), day=day)
    wanted = {(case_id, forum, invitations[meeting_id]) for case_id, meeting_id, forum in items}
    verdicts = forum_verdicts(wanted, day=day)
    p.agenda_case_ids = {key[0] for key, verdict in verdicts.items() if verdict is not Verdict.NOT_ALLOWED}


def forget(user: Any) -> None:
    """Drop the cached principal (after roles change within one request, and in tests)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)
