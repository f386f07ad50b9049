"""The reports on the demo region (`manage.py load_demo`, scale 0.1): the ZAT's report by school and the region's
aggregates render with a number of queries that does not grow with the region's cases."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from zorgroute.accounts.models import User
from zorgroute.demo.credentials import Username
from zorgroute.organisations.models import CareTeam, Region
from zorgroute.reports.tests.helpers import grow_region
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo region loaded once for this module, rolled back after its last test."""
    with django_db_blocker.unblock(), translation.override("en"), transaction.atomic():
        call_command("load_demo", "--scale", "0.1", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.mark.parametrize(
    "username, name",
    [(Username.ZAT_CHAIR, "reports:zat"), (Username.POLICY_ANALYST, "reports:region")],
)
def test_the_regional_reports_of_the_demo_region_take_a_constant_number_of_queries(
    client, demo, username, name
):
    region = Region.objects.get(care_teams__kind="regional_team", care_teams__in=CareTeam.objects.all())
    grow_region(
        region, 1
    )  # a ZAT meeting this year: the demo has none (a first meeting adds a few fixed queries)
    login_verified(client, User.objects.get(username=username))
    url = reverse(name, args=[region.uuid])
    page = client.get(url)
    assert page.status_code == 200
    discussed = page.context["report"].counted["discussions_kind"].value()
    before = count_queries(client, url)
    grow_region(
        region, 4
    )  # four more cases in every school, referred to and discussed in another ZAT meeting
    assert count_queries(client, url) == before
    schools = region.schools.count()
    assert client.get(url).context["report"].counted["discussions_kind"].value() == discussed + 4 * schools
