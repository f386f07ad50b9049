"""How each relation in rules.py is decided: once as a check on one object, once as a queryset filter.

Both forms live side by side so they cannot drift apart; the matrix test exercises both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q

from zorgroute.access.principal import Principal
from zorgroute.access.rules import Rel, Role
from zorgroute.cases.constants import Visibility
from zorgroute.cases.models import Case, Signal, TimelineEvent
from zorgroute.meetings.constants import ReferralStatus
from zorgroute.meetings.models import CaseAction, Meeting, Referral
from zorgroute.organisations.models import CareTeam, Group, PartnerOrganisation, Region, School
from zorgroute.pupils.models import Pupil
from zorgroute.referrals.models import ExternalReferral

TEAM_LEVELS = (Visibility.CARE_TEAM, Visibility.PARENTS)

_NOTHING = Q(pk__in=[])


@dataclass(frozen=True)
class Relation:
    model: type[models.Model] | None  # None: holds without an object (Rel.ANY)
    check: Callable[[Principal, Role, Any], bool]
    q: Callable[[Principal, Role], Q]


def _in(ids: set[int], field: str = "pk") -> Q:
    return Q(**{f"{field}__in": sorted(ids)}) if ids else _NOTHING


def _named_on(p: Principal, r: Role, case: Case) -> bool:
    """The user is the case owner or case coordinator, and still holds the role at the case's school."""
    return p.user_id in (case.owner_id, case.coordinator_id) and case.school_id in p.schools_for(r)


def _named_on_q(p: Principal, r: Role, prefix: str = "") -> Q:
    return (Q(**{f"{prefix}owner_id": p.user_id}) | Q(**{f"{prefix}coordinator_id": p.user_id})) & _in(
        p.schools_for(r), f"{prefix}school_id"
    )


RELATIONS: dict[Rel, Relation] = {
    Rel.ANY: Relation(None, lambda p, r, o: o is None, lambda p, r: _NOTHING),
    # Pupils
    Rel.TEACHES_PUPIL: Relation(
        Pupil,
        lambda p, r, o: o.current_group_id in p.taught_group_ids,
        lambda p, r: _in(p.taught_group_ids, "current_group_id"),
    ),
    Rel.AT_PUPIL_SCHOOL: Relation(
        Pupil,
        lambda p, r, o: o.current_school_id in p.schools_for(r),
        lambda p, r: _in(p.schools_for(r), "current_school_id"),
    ),
    Rel.GUARDIAN_OF_PUPIL: Relation(
        Pupil,
        lambda p, r, o: o.pk in p.guarded_pupil_ids,
        lambda p, r: _in(p.guarded_pupil_ids),
    ),
    Rel.IS_PUPIL: Relation(
        Pupil,
        lambda p, r, o: p.own_pupil_id is not None and o.pk == p.own_pupil_id,
        lambda p, r: _in({p.own_pupil_id} if p.own_pupil_id else set()),
    ),
    # Signals
    Rel.SIGNAL_AT_SCHOOL: Relation(
        Signal,
        lambda p, r, o: o.school_id in p.schools_for(r),
        lambda p, r: _in(p.schools_for(r), "school_id"),
    ),
    Rel.REPORTED_SIGNAL: Relation(
        Signal,
        lambda p, r, o: o.reported_by_id == p.user_id,
        lambda p, r: Q(reported_by_id=p.user_id),
    ),
    # Cases (teachers: the pupil is in their group now, and the case belongs to their school)
    Rel.TEACHES_CASE_PUPIL: Relation(
        Case,
        lambda p, r, o: o.pupil.current_group_id in p.taught_group_ids and o.school_id in p.schools_for(r),
        lambda p, r: _in(p.taught_group_ids, "pupil__current_group_id") & _in(p.schools_for(r), "school_id"),
    ),
    Rel.NAMED_ON_CASE: Relation(Case, _named_on, lambda p, r: _named_on_q(p, r)),
    Rel.CASE_AT_SCHOOL: Relation(
        Case, lambda p, r, o: o.school_id in p.schools_for(r), lambda p, r: _in(p.schools_for(r), "school_id")
    ),
    Rel.GUARDIAN_OF_CASE_PUPIL: Relation(
        Case,
        lambda p, r, o: o.pupil_id in p.guarded_pupil_ids,
        lambda p, r: _in(p.guarded_pupil_ids, "pupil_id"),
    ),
    Rel.IS_CASE_PUPIL: Relation(
        Case,
        lambda p, r, o: p.own_pupil_id is not None and o.pupil_id == p.own_pupil_id,
        lambda p, r: _in({p.own_pupil_id} if p.own_pupil_id else set(), "pupil_id"),
    ),
    # Timeline events: the visibility level decides (private: author only; parents: also the family)
    Rel.OWN_EVENT: Relation(
        TimelineEvent, lambda p, r, o: o.author_id == p.user_id, lambda p, r: Q(author_id=p.user_id)
    ),
    Rel.TEAM_EVENT_OF_TAUGHT_PUPIL: Relation(
        TimelineEvent,
        lambda p, r, o: (
            o.visibility in TEAM_LEVELS
            and o.case.pupil.current_group_id in p.taught_group_ids
            and o.case.school_id in p.schools_for(r)
        ),
        lambda p, r: (
            Q(visibility__in=TEAM_LEVELS)
            & _in(p.taught_group_ids, "case__pupil__current_group_id")
            & _in(p.schools_for(r), "case__school_id")
        ),
    ),
    Rel.TEAM_EVENT_AT_SCHOOL: Relation(
        TimelineEvent,
        lambda p, r, o: o.visibility in TEAM_LEVELS and o.case.school_id in p.schools_for(r),
        lambda p, r: Q(visibility__in=TEAM_LEVELS) & _in(p.schools_for(r), "case__school_id"),
    ),
    Rel.PARENT_EVENT_OF_GUARDED_PUPIL: Relation(
        TimelineEvent,
        lambda p, r, o: o.visibility == Visibility.PARENTS and o.case.pupil_id in p.guarded_pupil_ids,
        lambda p, r: Q(visibility=Visibility.PARENTS) & _in(p.guarded_pupil_ids, "case__pupil_id"),
    ),
    Rel.PARENT_EVENT_OF_OWN_CASE: Relation(
        TimelineEvent,
        lambda p, r, o: (
            o.visibility == Visibility.PARENTS
            and p.own_pupil_id is not None
            and o.case.pupil_id == p.own_pupil_id
        ),
        lambda p, r: (
            Q(visibility=Visibility.PARENTS)
            & _in({p.own_pupil_id} if p.own_pupil_id else set(), "case__pupil_id")
        ),
    ),
    Rel.TEAM_EVENT_OF_NAMED_CASE: Relation(
        TimelineEvent,
        lambda p, r, o: o.visibility in TEAM_LEVELS and _named_on(p, r, o.case),
        lambda p, r: Q(visibility__in=TEAM_LEVELS) & _named_on_q(p, r, "case__"),
    ),
    # Forums and their meetings
    Rel.ON_INVITED_AGENDA: Relation(
        Case, lambda p, r, o: o.pk in p.agenda_case_ids, lambda p, r: _in(p.agenda_case_ids)
    ),
    Rel.INVITED_TO_MEETING: Relation(
        Meeting, lambda p, r, o: o.pk in p.invited_meeting_ids, lambda p, r: _in(p.invited_meeting_ids)
    ),
    Rel.MEETING_OF_LED_TEAM: Relation(
        Meeting, lambda p, r, o: o.team_id in p.led_team_ids, lambda p, r: _in(p.led_team_ids, "team_id")
    ),
    Rel.MEETING_OF_SCHOOL_TEAM: Relation(
        Meeting,
        lambda p, r, o: o.team.school_id is not None and o.team.school_id in p.schools_for(r),
        lambda p, r: _in(p.schools_for(r), "team__school_id"),
    ),
    Rel.REFERRAL_TO_LED_TEAM: Relation(
        Referral,
        lambda p, r, o: o.status != ReferralStatus.DRAFT and o.team_id in p.led_team_ids,
        lambda p, r: ~Q(status=ReferralStatus.DRAFT) & _in(p.led_team_ids, "team_id"),
    ),
    Rel.REFERRAL_TO_SCHOOL_TEAM: Relation(
        Referral,
        lambda p, r, o: (
            o.status != ReferralStatus.DRAFT
            and o.team.school_id is not None
            and o.team.school_id in p.schools_for(r)
        ),
        lambda p, r: ~Q(status=ReferralStatus.DRAFT) & _in(p.schools_for(r), "team__school_id"),
    ),
    # Agreed actions
    Rel.OWNS_ACTION: Relation(
        CaseAction, lambda p, r, o: o.owner_id == p.user_id, lambda p, r: Q(owner_id=p.user_id)
    ),
    Rel.ACTION_OF_TAUGHT_PUPIL: Relation(
        CaseAction,
        lambda p, r, o: (
            o.case.pupil.current_group_id in p.taught_group_ids and o.case.school_id in p.schools_for(r)
        ),
        lambda p, r: (
            _in(p.taught_group_ids, "case__pupil__current_group_id")
            & _in(p.schools_for(r), "case__school_id")
        ),
    ),
    Rel.ACTION_OF_NAMED_CASE: Relation(
        CaseAction, lambda p, r, o: _named_on(p, r, o.case), lambda p, r: _named_on_q(p, r, "case__")
    ),
    Rel.ACTION_AT_SCHOOL: Relation(
        CaseAction,
        lambda p, r, o: o.case.school_id in p.schools_for(r),
        lambda p, r: _in(p.schools_for(r), "case__school_id"),
    ),
    # External referrals
    Rel.EXTERNAL_REFERRAL_AT_SCHOOL: Relation(
        ExternalReferral,
        lambda p, r, o: o.case.school_id in p.schools_for(r),
        lambda p, r: _in(p.schools_for(r), "case__school_id"),
    ),
    Rel.EXTERNAL_REFERRAL_OF_NAMED_CASE: Relation(
        ExternalReferral, lambda p, r, o: _named_on(p, r, o.case), lambda p, r: _named_on_q(p, r, "case__")
    ),
    Rel.EXTERNAL_REFERRAL_TO_OWN_PARTNER: Relation(
        ExternalReferral,
        lambda p, r, o: o.partner_id in p.partner_ids,
        lambda p, r: _in(p.partner_ids, "partner_id"),
    ),
    # Groups
    Rel.TEACHES_GROUP: Relation(
        Group, lambda p, r, o: o.pk in p.taught_group_ids, lambda p, r: _in(p.taught_group_ids)
    ),
    Rel.GROUP_AT_SCHOOL: Relation(
        Group,
        lambda p, r, o: o.school_id in p.schools_for(r),
        lambda p, r: _in(p.schools_for(r), "school_id"),
    ),
    # Schools and regions
    Rel.AT_SCHOOL: Relation(
        School, lambda p, r, o: o.pk in p.schools_for(r), lambda p, r: _in(p.schools_for(r))
    ),
    Rel.REGION_OF_SCHOOL: Relation(
        School,
        lambda p, r, o: o.region_id in p.regions_for(r),
        lambda p, r: _in(p.regions_for(r), "region_id"),
    ),
    Rel.IN_REGION: Relation(
        Region, lambda p, r, o: o.pk in p.regions_for(r), lambda p, r: _in(p.regions_for(r))
    ),
    Rel.REGION_OF_PARTNER: Relation(
        PartnerOrganisation,
        lambda p, r, o: o.region_id in p.regions_for(r),
        lambda p, r: _in(p.regions_for(r), "region_id"),
    ),
    # Care teams
    Rel.MEMBER_OF_TEAM: Relation(CareTeam, lambda p, r, o: o.pk in p.team_ids, lambda p, r: _in(p.team_ids)),
    Rel.LEADS_TEAM: Relation(
        CareTeam, lambda p, r, o: o.pk in p.led_team_ids, lambda p, r: _in(p.led_team_ids)
    ),
    Rel.SCHOOL_OF_TEAM: Relation(
        CareTeam,
        lambda p, r, o: o.school_id is not None and o.school_id in p.schools_for(r),
        lambda p, r: _in(p.schools_for(r), "school_id"),
    ),
    Rel.LEADS_ZAT_IN_REGION: Relation(
        Region,
        lambda p, r, o: o.pk in p.zat_lead_region_ids,
        lambda p, r: _in(p.zat_lead_region_ids),
    ),
    Rel.REGION_OF_TEAM: Relation(
        CareTeam,
        lambda p, r, o: o.region_id in p.regions_for(r),
        lambda p, r: _in(p.regions_for(r), "region_id"),
    ),
}
