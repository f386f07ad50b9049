"""The demo's external referrals: written through the services, an overdue back-report for the demo care
coordinator, a back-report due in the demo zorgteam member's workspace, and the wijkteam's referral with back-reports
in the demo ZAT member's."""

import pytest
from django.urls import reverse

from zorgroute.accounts.models import User
from zorgroute.audit.models import AuditEvent
from zorgroute.cases.models import TimelineEvent
from zorgroute.demo.credentials import Username
from zorgroute.referrals import selectors
from zorgroute.referrals.models import BackReport, ExternalReferral
from zorgroute.referrals.workspace import partner_workspace
from zorgroute.testing.auth import login_verified

pytestmark = pytest.mark.django_db


def test_every_referral_and_back_report_was_written_by_the_services(demo_output):
    referrals = list(ExternalReferral.objects.all())
    assert len(referrals) >= 3
    assert AuditEvent.objects.filter(event="external_referral.created").count() == len(referrals)
    assert (
        AuditEvent.objects.filter(event="external_referral.back_reported").count()
        == BackReport.objects.count()
    )
    for referral in referrals:
        assert TimelineEvent.objects.filter(case=referral.case, ref_uuid=referral.uuid).exists()
        assert referral.family_agreed and referral.referred_on >= referral.case.opened_at.date()


def test_the_demo_care_coordinator_sees_an_overdue_back_report(demo_output, client):
    ib = User.objects.get(username=Username.CARE_COORDINATOR)
    assert selectors.overdue_count(user=ib) >= 1
    login_verified(client, ib)
    assert (
        'data-testid="back-report-overdue"' in client.get(reverse("referrals:referral-list")).content.decode()
    )


def test_the_demo_partner_logins_find_referrals_in_their_workspace(demo_output):
    smw = partner_workspace(user=User.objects.get(username=Username.CARE_TEAM_MEMBER))
    assert smw.counts["due"] >= 1
    wijkteam = partner_workspace(user=User.objects.get(username=Username.ZAT_MEMBER))
    assert any(r.worker and r.worker.username == Username.ZAT_MEMBER for r in wijkteam.referrals)
    assert any(r.help_started_on for r in wijkteam.referrals)
