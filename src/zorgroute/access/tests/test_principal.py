import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from zorgroute.access import policy, principal
from zorgroute.access.actions import Action as A
from zorgroute.access.rules import Role
from zorgroute.core.time import today
from zorgroute.organisations.models import Membership, StaffRole
from zorgroute.pupils.models import PupilGuardian

pytestmark = pytest.mark.django_db


def test_it_loads_a_principal_in_a_constant_number_of_queries(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        p = principal.load(world.teacher)
    assert p.roles == {Role.TEACHER}
    with django_assert_max_num_queries(0):
        assert principal.load(world.teacher) is p  # cached for the request


def test_an_expired_on_call_membership_gives_no_access(world):
    assert policy.can(world.on_call_partner, A.CARETEAM_VIEW, world.zat)
    Membership.objects.filter(user=world.on_call_partner).update(valid_to=today() - dt.timedelta(days=1))
    principal.forget(world.on_call_partner)
    assert not policy.can(world.on_call_partner, A.CARETEAM_VIEW, world.zat)


def test_a_future_role_is_not_active_yet(world):
    StaffRole.objects.filter(user=world.ib_a).update(valid_from=today() + dt.timedelta(days=1))
    principal.forget(world.ib_a)
    assert not policy.can(world.ib_a, A.PUPIL_VIEW, world.pupil_a1)


def test_withholding_information_removes_a_guardians_access(world):
    assert policy.can(world.parent_with_authority, A.PUPIL_VIEW, world.pupil_a1)
    PupilGuardian.objects.filter(guardian__user=world.parent_with_authority).update(withhold_information=True)
    principal.forget(world.parent_with_authority)
    assert not policy.can(world.parent_with_authority, A.PUPIL_VIEW, world.pupil_a1)


def test_forget_is_harmless_without_a_cache(world):
    principal.forget(world.nobody)
    assert principal.load(world.nobody).roles == set()


def test_require_returns_the_grant_or_raises(world):
    grant = policy.require(world.ib_a, A.PUPIL_EDIT, world.pupil_a1)
    assert grant.role == Role.CARE_COORDINATOR
    with pytest.raises(PermissionDenied):
        policy.require(world.teacher, A.PUPIL_EDIT, world.pupil_a1)


def test_every_visible_queryset_is_empty_for_someone_without_roles(world):
    user = world.nobody
    for qs in (
        policy.visible_pupils(user),
        policy.visible_schools(user),
        policy.visible_regions(user),
        policy.visible_partners(user),
        policy.visible_careteams(user),
    ):
        assert list(qs) == []


def test_a_teacher_who_left_the_school_no_longer_sees_their_group(world):
    StaffRole.objects.filter(user=world.teacher).update(valid_to=today() - dt.timedelta(days=1))
    principal.forget(world.teacher)
    assert not policy.visible_pupils(world.teacher).exists()


def test_second_factor_is_required_for_every_logged_in_user(world):
    from django.contrib.auth.models import AnonymousUser

    assert policy.requires_second_factor(world.teacher)
    assert policy.requires_second_factor(world.parent_with_authority)
    assert not policy.requires_second_factor(AnonymousUser())


def test_visible_timeline_shows_each_user_only_their_levels(world):
    def titles(user):
        return set(policy.visible_timeline(user, world.case_a1).values_list("body", flat=True))

    assert "Werkaantekening IB" in titles(world.ib_a)
    assert "Werkaantekening IB" not in titles(world.head_a)
    assert titles(world.parent_with_authority) == {"Gesprek met ouders gepland"}
    assert titles(world.ib_b) == set()


def test_can_any_answers_from_roles_and_scopes_without_queries(world, django_assert_num_queries):
    for user in (world.ib_a, world.teacher, world.privacy_officer):
        principal.load(user)  # once per request
    with django_assert_num_queries(0):
        assert policy.can_any(world.ib_a, A.SIGNAL_TRIAGE)
        assert not policy.can_any(world.teacher, A.SIGNAL_TRIAGE)
        assert policy.can_any(world.privacy_officer, A.AUDIT_VIEW)  # objectless grant
    assert not policy.can_any(world.nobody, A.CASE_VIEW)
    from zorgroute.organisations.models import GroupTeacher

    GroupTeacher.objects.filter(user=world.teacher).delete()  # a teacher without a group this year
    principal.forget(world.teacher)
    assert not policy.can_any(world.teacher, A.GROUP_REVIEW)
    StaffRole.objects.filter(user=world.teacher).update(valid_to=today() - dt.timedelta(days=1))
    principal.forget(world.teacher)
    assert not policy.can_any(world.teacher, A.SIGNAL_CREATE)


# --- The family: information rights decided by consents.rules.inform_guardian ---------------------------------------


def _set_link(user, **values):
    PupilGuardian.objects.filter(guardian__user=user).update(**values)
    principal.forget(user)


def test_a_parent_without_authority_has_a_right_on_request_only_and_no_records(world):
    p = principal.load(world.parent_without_authority)
    assert Role.GUARDIAN not in p.roles
    assert p.on_request_pupil_ids == {world.pupil_a1.pk}
    assert p.guardian_id is not None
    assert list(policy.on_request_pupils(world.parent_without_authority)) == [world.pupil_a1]
    assert not policy.can(world.parent_without_authority, A.PUPIL_VIEW, world.pupil_a1)
    assert not policy.on_request_pupils(world.parent_with_authority).exists()


def test_a_court_arrangement_leaves_a_parent_without_authority_nothing(world):
    _set_link(world.parent_without_authority, court_information_arrangement=True)
    assert principal.load(world.parent_without_authority).on_request_pupil_ids == set()


def test_a_court_arrangement_does_not_take_an_authority_holders_access(world):
    _set_link(world.parent_with_authority, court_information_arrangement=True)
    assert policy.can(world.parent_with_authority, A.PUPIL_VIEW, world.pupil_a1)


def _make_age(pupil, years):
    born = today().replace(year=today().year - years, day=1)
    type(pupil).objects.filter(pk=pupil.pk).update(date_of_birth=born)


def test_a_pupil_of_16_who_refuses_ends_the_parents_access_on_the_next_request(world):
    _make_age(world.pupil_a1, 16)
    assert policy.can(world.parent_with_authority, A.CASE_VIEW, world.case_a1)
    PupilGuardian.objects.filter(guardian__user=world.parent_with_authority).update(pupil_informing="refused")
    assert policy.can(world.parent_with_authority, A.CASE_VIEW, world.case_a1)  # cached for this request
    principal.forget(world.parent_with_authority)  # the next request loads the principal again
    assert not policy.can(world.parent_with_authority, A.CASE_VIEW, world.case_a1)
    assert not policy.visible_pupils(world.parent_with_authority).exists()


def test_a_refusal_under_16_does_not_bind(world):
    _set_link(world.parent_with_authority, pupil_informing="refused")
    assert policy.can(world.parent_with_authority, A.PUPIL_VIEW, world.pupil_a1)


def test_an_adult_pupils_parents_see_the_record_only_with_the_pupils_agreement(world):
    _make_age(world.pupil_a1, 18)
    principal.forget(world.parent_with_authority)
    assert not policy.can(world.parent_with_authority, A.PUPIL_VIEW, world.pupil_a1)
    _set_link(world.parent_with_authority, pupil_informing="agreed")
    assert policy.can(world.parent_with_authority, A.PUPIL_VIEW, world.pupil_a1)


def test_the_information_right_follows_the_consent_rules():
    from zorgroute.consents.rules import InformRight

    def right(**kw):
        base = {
            "authority": "joint",
            "withhold_information": False,
            "court_information_arrangement": False,
            "pupil_informing": "",
            "age": 10,
        }
        return principal.information_right(**{**base, **kw})

    assert right() is InformRight.FULL
    assert right(withhold_information=True) is InformRight.NONE  # stricter than the rules for a holder
    assert right(authority="none") is InformRight.IMPORTANT_ON_REQUEST
    assert right(authority="none", court_information_arrangement=True) is InformRight.NONE
    assert right(age=17, pupil_informing="refused") is InformRight.NONE
    assert right(age=15, pupil_informing="refused") is InformRight.FULL
    assert right(age=18) is InformRight.NONE
    assert right(age=19, pupil_informing="agreed") is InformRight.FULL


def test_only_leading_a_regional_team_gives_the_zat_report_of_its_region(world):
    from zorgroute.organisations.constants import TeamRole

    assert principal.load(world.zat_chair).zat_lead_region_ids == {world.region.pk}
    Membership.objects.filter(team=world.zorgteam_a, user=world.zorgteam_member).update(role=TeamRole.CHAIR)
    principal.forget(world.zorgteam_member)
    chair = principal.load(world.zorgteam_member)
    assert Role.TEAM_LEAD in chair.roles and chair.zat_lead_region_ids == set()  # a zorgteam's chair
    assert not policy.can(world.zorgteam_member, A.REPORT_VIEW_REGION, world.region)
    assert policy.can(world.zat_chair, A.REPORT_VIEW_REGION, world.region)
    assert not policy.can(world.zat_chair, A.REPORT_VIEW_REGION, world.other_region)
