"""Policy staff see the consent mix of their region, overrides included, with small cells suppressed as in the
region's report (decision 0008)."""

import pytest
from django.urls import reverse

from zorgroute.consents import services
from zorgroute.testing import consent
from zorgroute.testing.auth import login_verified

pytestmark = pytest.mark.django_db

MOTIVATION = (
    "Ernstige zorg over de veiligheid thuis; ouders weigeren. Bespreken met JGZ en maatschappelijk werk."
)


def cells(client):
    rows = client.get(reverse("home:home")).context["consent_mix"]
    return {str(label): n for label, n in rows[0]["cells"]}


def test_the_region_sees_counts_by_kind_and_counts_under_five_are_hidden(client, world):
    for _ in range(5):
        consent.give(world.case_a1, world.ib_a, "school_care_team")
    services.consent_override(
        actor=world.head_a, case=world.case_a1, forum_kind="school_care_team", motivation=MOTIVATION
    )
    login_verified(client, world.municipality_analyst)
    counted = cells(client)
    # Written consent (5) is hidden too ("×"): otherwise the region report's total minus 5 would give the 1 away.
    assert list(counted.values())[:3] == ["×", 0, 0]
    override = [
        n for label, n in counted.items() if "without consent" in label or "zonder toestemming" in label
    ]
    assert override == [None]  # 1 decision: under 5, not shown
    assert world.pupil_a1.last_name not in client.get(reverse("home:home")).content.decode()


def test_others_do_not_get_the_figures(client, world):
    login_verified(client, world.ib_a)
    assert client.get(reverse("home:home")).context.get("consent_mix") is None


def test_the_figures_are_those_of_the_region_report(client, world):
    for _ in range(12):
        consent.give(world.case_a1, world.ib_a, "school_care_team")
    for _ in range(6):
        consent.give(world.case_b1, world.ib_b, "school_care_team", mode="anonymous")
    login_verified(client, world.municipality_analyst)
    home = cells(client)
    report = client.get(reverse("reports:region", args=[world.region.uuid])).context["report"]
    table = report.table("consent_mode_by_unit")
    assert list(home.values()) == [12, 0, 6, 0] == table.rows[-1][1:5]
