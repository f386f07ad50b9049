"""A guardian or the pupil signs the current plan version: who, when, which version; once; staff see it."""

import pytest

from zorgroute.cases.constants import ClosureReason, Visibility
from zorgroute.cases.models import TimelineEvent
from zorgroute.cases.services import case_close
from zorgroute.cases.tests.case_helpers import current_plan, last_event, url
from zorgroute.core.exceptions import DomainError, ValidationError
from zorgroute.plans import services
from zorgroute.plans.constants import PlanStatus
from zorgroute.plans.models import PlanSignature
from zorgroute.testing import factories as f
from zorgroute.testing.auth import login_verified

pytestmark = pytest.mark.django_db


def mother(world):
    return world.parent_with_authority.guardian_profile


def test_a_guardian_signs_the_current_version_once_audited_and_on_the_timeline(world):
    plan = current_plan(world.case_a1, world.ib_a)
    signature = services.plan_sign(actor=world.parent_with_authority, plan=plan, guardian=mother(world))
    assert (signature.version, signature.guardian, signature.signed_by) == (
        plan.version,
        mother(world),
        world.parent_with_authority,
    )
    assert signature.signer_name == mother(world).full_name and signature.signed_at is not None
    row = last_event("plan.signed")
    assert row.changes == {"version": plan.version, "party": str(mother(world).uuid)}
    assert row.pupil_uuid == world.pupil_a1.uuid and row.case_uuid == world.case_a1.uuid
    line = TimelineEvent.objects.filter(case=world.case_a1, ref_uuid=plan.uuid).order_by("-id").first()
    assert line.visibility == Visibility.PARENTS and mother(world).full_name in line.title
    with pytest.raises(DomainError):
        services.plan_sign(actor=world.parent_with_authority, plan=plan, guardian=mother(world))
    assert PlanSignature.objects.count() == 1


def test_the_pupil_signs_as_the_pupil(world):
    plan = current_plan(world.case_16, world.ib_b)
    signature = services.plan_sign(actor=world.pupil_user, plan=plan, guardian=None)
    assert signature.is_pupil and signature.signer_name == world.pupil_16.full_name
    assert last_event("plan.signed").changes["party"] == "pupil"


def test_only_the_current_version_of_an_open_case_can_be_signed(world):
    plan = current_plan(world.case_a1, world.ib_a)
    draft = services.plan_create(
        actor=world.ib_a,
        case=world.case_a1,
        needs="Nieuw",
        evaluation_date=plan.evaluation_date,
        goals=[("a", "b")],
    )
    assert draft.status == PlanStatus.DRAFT
    with pytest.raises(DomainError):
        services.plan_sign(actor=world.parent_with_authority, plan=draft, guardian=mother(world))
    services.plan_activate(actor=world.ib_a, plan=draft)
    with pytest.raises(DomainError):  # the old version is replaced now
        services.plan_sign(actor=world.parent_with_authority, plan=plan, guardian=mother(world))
    case_close(actor=world.ib_a, case=world.case_a1, closure_reason=ClosureReason.SOLVED)
    with pytest.raises(DomainError):
        services.plan_sign(actor=world.parent_with_authority, plan=draft, guardian=mother(world))
    assert not PlanSignature.objects.exists()


def test_a_stranger_cannot_sign_for_the_pupil(world):
    plan = current_plan(world.case_a1, world.ib_a)
    with pytest.raises(ValidationError):
        services.plan_sign(actor=world.ib_a, plan=plan, guardian=f.GuardianFactory())


def test_staff_see_the_signatures_on_the_plan_page(client, world):
    plan = current_plan(world.case_a1, world.ib_a)
    services.plan_sign(actor=world.parent_with_authority, plan=plan, guardian=mother(world))
    login_verified(client, world.ib_a)
    response = client.get(url("plans:plan-detail", world.case_a1, plan))
    assert response.status_code == 200
    assert b'data-testid="plan-signatures"' in response.content
    assert mother(world).full_name.encode() in response.content
