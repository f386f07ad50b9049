"""The sociale kaart: partner types, partner list (every role with partner.view), detail, create and edit."""

import pytest
from django.urls import reverse

from zorgroute.organisations.models import PartnerOrganisation, PartnerType
from zorgroute.organisations.tests.conftest import MISSING, assert_same_as_missing, last_event
from zorgroute.testing import factories as f
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db
LIST = reverse("organisations:partner-list")


def url(name, *args):
    return reverse(f"organisations:{name}", args=[getattr(a, "uuid", a) for a in args])


def partner_data(partner_type, **overrides):
    data = {
        "name": "Schoolmaatschappelijk Werk Teststreek",
        "partner_type": str(partner_type.uuid),
        "phone": "010-1234567",
        "email": "smw@example.org",
        "website": "https://smw.example.org",
        "street_address": "",
        "city": "Teststad",
        "legal_basis": "Jeugdwet art. 2.1",
        "professional_secrecy": "on",
    }
    return {**data, **overrides}


@pytest.mark.parametrize(
    "persona", ["teacher", "ib_a", "head_a", "functional_admin", "zat_member", "zorgteam_member", "zat_chair"]
)
def test_every_role_with_partner_view_sees_the_sociale_kaart(client, world, persona):
    login_verified(client, getattr(world, persona))
    response = client.get(LIST)
    assert response.status_code == 200
    assert [p.name for p in response.context["page"].object_list] == ["GGD Teststreek"]
    assert client.get(url("partner-detail", world.partner_jgz)).status_code == 200


@pytest.mark.parametrize("persona", ["parent_with_authority", "pupil_user", "nobody"])
def test_people_without_partner_view_see_an_empty_list_and_404_on_a_partner(client, world, persona):
    login_verified(client, getattr(world, persona))
    assert list(client.get(LIST).context["page"].object_list) == []
    assert_same_as_missing(client, url("partner-detail", world.partner_jgz), url("partner-detail", MISSING))


def test_anonymous_users_go_to_login(client, world):
    for target in (LIST, url("partner-detail", world.partner_jgz), url("partnertype-list", world.region)):
        response = client.get(target)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_list_filters_by_type_and_name_and_hides_inactive_partners(admin_client, world):
    other_type = f.PartnerTypeFactory(region=world.region, name="Leerplicht")
    f.PartnerFactory(region=world.region, partner_type=other_type, name="Leerplicht Teststad")
    f.PartnerFactory(region=world.region, partner_type=other_type, name="Oude Dienst", is_active=False)
    by_type = admin_client.get(LIST, {"type": str(other_type.uuid)})
    assert [p.name for p in by_type.context["page"].object_list] == ["Leerplicht Teststad"]
    by_name = admin_client.get(LIST, {"q": "ggd"})
    assert [p.name for p in by_name.context["page"].object_list] == ["GGD Teststreek"]


def test_an_outsider_does_not_see_partners_of_another_region(client, world, outsider):
    login_verified(client, outsider)
    assert list(client.get(LIST).context["page"].object_list) == []
    for name in ("partner-detail", "partner-edit"):
        assert_same_as_missing(client, url(name, world.partner_jgz), url(name, MISSING))
    assert_same_as_missing(client, url("partner-create", world.region), url("partner-create", MISSING))
    assert_same_as_missing(client, url("partnertype-list", world.region), url("partnertype-list", MISSING))


def test_the_administrator_creates_a_partner_and_free_text_stays_out_of_the_audit(admin_client, world):
    jgz_type = world.partner_jgz.partner_type
    response = admin_client.post(url("partner-create", world.region), partner_data(jgz_type))
    partner = PartnerOrganisation.objects.get(name="Schoolmaatschappelijk Werk Teststreek")
    assert response.status_code == 302 and response["Location"] == url("partner-detail", partner)
    assert partner.professional_secrecy and partner.region == world.region
    changes = last_event("partner.created").changes
    assert changes["professional_secrecy"] == {"new": True}
    assert changes["legal_basis"] == {"changed": True}
    assert "Jeugdwet" not in str(changes)


def test_a_partner_type_of_another_region_is_refused(admin_client, world):
    foreign_type = f.PartnerTypeFactory(region=world.other_region)
    response = admin_client.post(url("partner-create", world.region), partner_data(foreign_type))
    assert response.status_code == 200 and "partner_type" in response.context["form"].errors
    assert not PartnerOrganisation.objects.filter(name="Schoolmaatschappelijk Werk Teststreek").exists()


def test_a_teacher_may_see_a_partner_but_not_edit_or_create_one(client, world):
    login_verified(client, world.teacher)
    assert client.get(url("partner-edit", world.partner_jgz)).status_code == 403
    data = partner_data(world.partner_jgz.partner_type, name="Gekaapt")
    assert client.post(url("partner-edit", world.partner_jgz), data).status_code == 403
    world.partner_jgz.refresh_from_db()
    assert world.partner_jgz.name == "GGD Teststreek"
    # creating hangs under the region, which a teacher cannot see at all
    assert client.get(url("partner-create", world.region)).status_code == 404


def test_the_administrator_edits_a_partner_and_old_and_new_values_are_audited(admin_client, world):
    partner = world.partner_jgz
    data = partner_data(partner.partner_type, name=partner.name, professional_secrecy="", is_active="on")
    assert admin_client.post(url("partner-edit", partner), data).status_code == 302
    partner.refresh_from_db()
    assert partner.professional_secrecy is False and partner.email == "smw@example.org"
    changes = last_event("partner.updated").changes
    assert changes["professional_secrecy"] == {"old": True, "new": False}
    assert changes["email"] == {"changed": True}


def test_the_partner_page_shows_the_teams_its_staff_sit_in(admin_client, world):
    response = admin_client.get(url("partner-detail", world.partner_jgz))
    assert {t.name for t in response.context["teams"]} == {"Zorgteam De Regenboog", "ZAT Teststreek"}


def test_partner_types_are_listed_and_created_by_the_administrator(admin_client, world):
    response = admin_client.post(url("partnertype-create", world.region), {"name": "Wijkteam"})
    assert response.status_code == 302
    created = PartnerType.objects.get(region=world.region, name="Wijkteam")
    assert last_event("partner_type.created").target_uuid == created.uuid
    listing = admin_client.get(url("partnertype-list", world.region))
    assert {t.name for t in listing.context["partner_types"]} == {"Jeugdgezondheidszorg", "Wijkteam"}


def test_a_duplicate_partner_type_is_a_form_error(admin_client, world):
    response = admin_client.post(url("partnertype-create", world.region), {"name": "jeugdgezondheidszorg"})
    assert response.status_code == 200 and "name" in response.context["form"].errors


def test_policy_staff_see_partner_types_but_cannot_create_them(client, world):
    login_verified(client, world.municipality_analyst)
    assert client.get(url("partnertype-list", world.region)).status_code == 200
    assert client.post(url("partnertype-create", world.region), {"name": "X"}).status_code == 403
    assert not PartnerType.objects.filter(name="X").exists()


def test_the_partner_list_takes_the_same_number_of_queries_as_partners_grow(client, world):
    login_verified(client, world.teacher)

    def grow(n):
        for _ in range(n):
            f.PartnerFactory(region=world.region, partner_type=f.PartnerTypeFactory(region=world.region))

    grow(3)
    small = count_queries(client, LIST)
    grow(30)
    assert count_queries(client, LIST) == small
