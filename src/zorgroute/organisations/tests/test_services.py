"""Services: each asserts the new state, the audit event written in the same transaction, and the DomainErrors."""

import datetime as dt

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from zorgroute.audit.models import AuditEvent
from zorgroute.core.exceptions import ConflictError, DomainError, ValidationError
from zorgroute.core.time import current_school_year, today
from zorgroute.organisations import services
from zorgroute.organisations.models import CareTeam, Group, Membership, PartnerOrganisation, School, StaffRole
from zorgroute.organisations.tests.conftest import last_event
from zorgroute.testing import factories as f

pytestmark = pytest.mark.django_db
YESTERDAY = today() - dt.timedelta(days=1)


def events():
    return list(AuditEvent.objects.order_by("seq").values_list("event", flat=True))


@pytest.fixture
def actor(world):
    return world.functional_admin


# --- regions and boards ---------------------------------------------------------------------------------------


def test_region_update_changes_and_audits_only_what_changed(world, actor):
    old_code = world.region.code
    services.region_update(actor=actor, region=world.region, name=world.region.name, code="PO 99-01")
    world.region.refresh_from_db()
    assert world.region.code == "PO 99-01"
    event = last_event("region.updated")
    assert event.changes == {"code": {"old": old_code, "new": "PO 99-01"}}
    assert (event.target_uuid, event.actor_uuid) == (world.region.uuid, actor.uuid)


def test_region_update_without_changes_writes_nothing(world, actor):
    before = AuditEvent.objects.count()
    services.region_update(actor=actor, region=world.region, name=world.region.name, code=world.region.code)
    assert AuditEvent.objects.count() == before


def test_region_update_refuses_a_name_in_use_and_leaves_the_object_untouched(world, actor):
    with pytest.raises(ConflictError) as exc:
        services.region_update(actor=actor, region=world.region, name=world.other_region.name.upper())
    assert exc.value.field == "name"
    assert world.region.name == "Samenwerkingsverband Teststreek"


def test_board_create_and_update(world, actor):
    board = services.board_create(actor=actor, name=" Stichting Nieuw ", competent_authority_number="12345")
    assert board.name == "Stichting Nieuw"
    assert last_event("board.created").target_uuid == board.uuid
    services.board_update(
        actor=actor, board=board, name="Stichting Anders", competent_authority_number="12345"
    )
    assert last_event("board.updated").changes == {
        "name": {"old": "Stichting Nieuw", "new": "Stichting Anders"}
    }
    with pytest.raises(ConflictError):
        services.board_create(actor=actor, name="stichting anders")
    with pytest.raises(ValidationError) as exc:
        services.board_create(actor=actor, name="Stichting Y", competent_authority_number="1234")
    assert exc.value.field == "competent_authority_number"


def test_a_failed_update_restores_the_object_in_memory(world, actor):
    board = world.school_a.board
    old_name = board.name
    with pytest.raises(ValidationError):
        services.board_update(actor=actor, board=board, name="Nieuwe Naam", competent_authority_number="x")
    assert board.name == old_name and board.competent_authority_number == ""
    assert last_event("board.updated") is None


# --- schools and groups ---------------------------------------------------------------------------------------


def school_kwargs(world, **overrides):
    return {
        "board": world.school_a.board,
        "name": "OBS De Vlinder",
        "brin": "07ZZ",
        "school_type": "po",
        "city": "Teststad",
        **overrides,
    }


def test_school_create_normalises_and_validates_the_brin(world, actor):
    school = services.school_create(actor=actor, region=world.region, **school_kwargs(world, brin=" 07 zz "))
    assert school.brin == "07ZZ" and school.location_code == "00"
    assert last_event("school.created").changes["brin"] == {"new": "07ZZ"}
    for bad in ("ZZ07", "123", "07ZZ01"):
        with pytest.raises(ValidationError) as exc:
            services.school_create(actor=actor, region=world.region, **school_kwargs(world, brin=bad))
        assert exc.value.field == "brin"
    with pytest.raises(ConflictError):
        services.school_create(actor=actor, region=world.region, **school_kwargs(world, name="Dubbel"))
    with pytest.raises(ValidationError) as exc:
        services.school_create(
            actor=actor, region=world.region, **school_kwargs(world, brin="08ZZ", location_code="A1")
        )
    assert exc.value.field == "location_code"
    assert School.objects.filter(region=world.region).count() == 3


def test_school_update_audits_old_and_new_and_free_text_as_changed_only(world, actor):
    school = world.school_a
    services.school_update(
        actor=actor,
        school=school,
        board=school.board,
        name=school.name,
        brin=school.brin,
        school_type="vo",
        city=school.city,
        street_address="Dorpsstraat 5",
        is_active=False,
    )
    school.refresh_from_db()
    assert school.school_type == "vo" and not school.is_active
    changes = last_event("school.updated").changes
    assert changes["school_type"] == {"old": "po", "new": "vo"}
    assert changes["street_address"] == {"changed": True}
    assert "Dorpsstraat" not in str(changes)


def test_group_create_update_and_conflicts(world, actor):
    year = current_school_year()
    group = services.group_create(
        actor=actor, school=world.school_a, school_year=year, name="Groep 1/2", grade=1
    )
    assert group.school == world.school_a and last_event("group.created").target_uuid == group.uuid
    with pytest.raises(ConflictError):
        services.group_create(actor=actor, school=world.school_a, school_year=year, name="GROEP 1/2")
    services.group_create(actor=actor, school=world.school_a, school_year=year + 1, name="Groep 1/2")
    with pytest.raises(ConflictError):
        services.group_update(actor=actor, group=group, name="Groep 5a")
    services.group_update(actor=actor, group=group, name="Groep 1/2 blauw", grade=2)
    group.refresh_from_db()
    assert (group.name, group.grade) == ("Groep 1/2 blauw", 2)
    assert Group.objects.filter(school=world.school_a, school_year=year).count() == 3


def test_group_teacher_add_and_remove(world, actor):
    colleague = f.UserFactory()
    with pytest.raises(ValidationError):
        services.group_teacher_add(actor=actor, group=world.group_a2, user=colleague, role="teacher")
    f.StaffRoleFactory(user=colleague, role="teacher", school=world.school_a)
    link = services.group_teacher_add(actor=actor, group=world.group_a2, user=colleague, role="mentor")
    assert link.group == world.group_a2 and link.role == "mentor"
    with pytest.raises(ConflictError):
        services.group_teacher_add(actor=actor, group=world.group_a2, user=colleague, role="teacher")
    services.group_teacher_remove(actor=actor, link=link)
    assert not world.group_a2.teacher_links.exists()
    assert events()[-2:] == ["group.teacher_added", "group.teacher_removed"]


def test_an_ended_teacher_role_does_not_allow_linking(world, actor):
    colleague = f.UserFactory()
    f.StaffRoleFactory(user=colleague, role="teacher", school=world.school_a, valid_to=YESTERDAY)
    with pytest.raises(ValidationError):
        services.group_teacher_add(actor=actor, group=world.group_a2, user=colleague, role="teacher")


# --- partners -------------------------------------------------------------------------------------------------


def test_partner_type_and_partner_create_and_update(world, actor):
    partner_type = services.partner_type_create(actor=actor, region=world.region, name="Leerplicht")
    assert last_event("partner_type.created").target_uuid == partner_type.uuid
    with pytest.raises(ConflictError):
        services.partner_type_create(actor=actor, region=world.region, name="leerplicht")
    partner = services.partner_create(
        actor=actor,
        region=world.region,
        partner_type=partner_type,
        name="Leerplicht Teststad",
        legal_basis="Leerplichtwet 1969",
    )
    assert partner.region == world.region and not partner.professional_secrecy
    assert last_event("partner.created").changes["legal_basis"] == {"changed": True}
    services.partner_update(
        actor=actor,
        partner=partner,
        partner_type=partner_type,
        name=partner.name,
        professional_secrecy=True,
        is_active=False,
    )
    partner.refresh_from_db()
    assert partner.professional_secrecy and not partner.is_active
    assert partner.legal_basis == ""  # the edit form always sends every field
    changes = last_event("partner.updated").changes
    assert changes["professional_secrecy"] == {"old": False, "new": True}


def test_partner_create_refuses_a_foreign_type_a_duplicate_name_and_a_bad_email(world, actor):
    foreign = f.PartnerTypeFactory(region=world.other_region)
    with pytest.raises(ValidationError) as exc:
        services.partner_create(actor=actor, region=world.region, partner_type=foreign, name="X")
    assert exc.value.field == "partner_type"
    with pytest.raises(ConflictError):
        services.partner_create(
            actor=actor,
            region=world.region,
            partner_type=world.partner_jgz.partner_type,
            name="ggd teststreek",
        )
    with pytest.raises(ValidationError) as exc:
        services.partner_create(
            actor=actor,
            region=world.region,
            partner_type=world.partner_jgz.partner_type,
            name="Y",
            email="geen-adres",
        )
    assert exc.value.field == "email"
    assert PartnerOrganisation.objects.count() == 1


# --- care teams and memberships -------------------------------------------------------------------------------


def test_careteam_create_checks_kind_and_school(world, actor):
    zat = services.careteam_create(actor=actor, region=world.region, kind="regional_team", name="ZAT 2")
    assert zat.school is None and last_event("careteam.created").target_uuid == zat.uuid
    with pytest.raises(ValidationError):
        services.careteam_create(
            actor=actor, region=world.region, kind="regional_team", name="Z", school=world.school_b
        )
    with pytest.raises(ValidationError):
        services.careteam_create(actor=actor, region=world.region, kind="group_review", name="G")
    with pytest.raises(ValidationError):
        services.careteam_create(
            actor=actor,
            region=world.region,
            kind="group_review",
            name="G",
            school=f.SchoolFactory(region=world.other_region),
        )
    with pytest.raises(ConflictError):
        services.careteam_create(
            actor=actor, region=world.region, kind="school_care_team", name="Z2", school=world.school_a
        )
    team = services.careteam_create(
        actor=actor, region=world.region, kind="school_care_team", name="Zorgteam B", school=world.school_b
    )
    assert team.school == world.school_b
    assert CareTeam.objects.count() == 4


def test_careteam_update_cannot_reactivate_a_second_school_care_team(world, actor):
    old = f.CareTeamFactory(
        region=world.region, school=world.school_a, kind="school_care_team", is_active=False
    )
    with pytest.raises(ConflictError):
        services.careteam_update(actor=actor, team=old, name=old.name, is_active=True)
    services.careteam_update(actor=actor, team=world.zorgteam_a, name="Zorgteam Regenboog", is_active=False)
    assert last_event("careteam.updated").changes["is_active"] == {"old": True, "new": False}


def test_membership_create_update_and_end(world, actor):
    membership = services.membership_create(
        actor=actor,
        team=world.zat,
        user=world.ib_a,
        role="on_call",
        is_fixed=False,
        valid_from=dt.date(2025, 1, 1),
        partner=world.partner_jgz,
        substitute=world.head_a,
        function="IB'er school A",
    )
    changes = last_event("membership.created").changes
    assert changes["is_fixed"] == {"new": False} and changes["function"] == {"changed": True}
    services.membership_update(
        actor=actor, membership=membership, role="member", is_fixed=True, valid_from=dt.date(2025, 1, 1)
    )
    membership.refresh_from_db()
    assert membership.partner is None and membership.substitute is None and membership.role == "member"
    services.membership_end(actor=actor, membership=membership, end_date=YESTERDAY, reason="Andere school")
    membership.refresh_from_db()
    assert membership.valid_to == YESTERDAY
    assert last_event("membership.ended").reason == "Andere school"
    with pytest.raises(ValidationError, match="al beëindigd"):
        services.membership_end(actor=actor, membership=membership, end_date=YESTERDAY, reason="Nogmaals")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"role": "on_call", "is_fixed": True}, "is_fixed"),
        ({"valid_to": dt.date(2024, 1, 1)}, "valid_to"),
        ({"substitute": "self"}, "substitute"),
        ({"partner": "foreign"}, "partner"),
    ],
)
def test_membership_create_refuses_inconsistent_input(world, actor, kwargs, field):
    if kwargs.get("substitute") == "self":
        kwargs["substitute"] = world.ib_a
    if kwargs.get("partner") == "foreign":
        kwargs["partner"] = f.PartnerFactory(region=world.other_region)
    base = {
        "actor": actor,
        "team": world.zat,
        "user": world.ib_a,
        "role": "member",
        "valid_from": dt.date(2025, 1, 1),
    }
    with pytest.raises(DomainError) as exc:
        services.membership_create(**{**base, **kwargs})
    assert exc.value.field == field
    assert not Membership.objects.filter(user=world.ib_a).exists()
    assert last_event("membership.created") is None


def test_membership_periods_may_follow_but_not_overlap(world, actor):
    first = services.membership_create(
        actor=actor,
        team=world.zat,
        user=world.ib_a,
        role="member",
        valid_from=dt.date(2024, 1, 1),
        valid_to=dt.date(2024, 12, 31),
    )
    services.membership_create(
        actor=actor, team=world.zat, user=world.ib_a, role="member", valid_from=dt.date(2025, 1, 1)
    )
    with pytest.raises(ConflictError):
        services.membership_create(
            actor=actor,
            team=world.zat,
            user=world.ib_a,
            role="member",
            valid_from=dt.date(2024, 6, 1),
            valid_to=dt.date(2024, 7, 1),
        )
    assert first.team == world.zat


def test_membership_update_cannot_shorten_the_period(world, actor):
    membership = Membership.objects.get(team=world.zat, user=world.on_call_partner)
    with pytest.raises(ValidationError) as exc:
        services.membership_update(
            actor=actor,
            membership=membership,
            role="on_call",
            is_fixed=False,
            valid_from=membership.valid_from,
            valid_to=today(),
        )
    assert exc.value.field == "valid_to"


def test_membership_end_needs_a_reason_and_a_date_within_the_period(world, actor):
    membership = Membership.objects.get(team=world.zat, user=world.on_call_partner)
    with pytest.raises(ValidationError) as exc:
        services.membership_end(actor=actor, membership=membership, end_date=today(), reason="   ")
    assert exc.value.field == "reason"
    with pytest.raises(ValidationError) as exc:
        services.membership_end(actor=actor, membership=membership, end_date=dt.date(2000, 1, 1), reason="x")
    assert exc.value.field == "end_date"
    with pytest.raises(ValidationError):
        services.membership_end(
            actor=actor, membership=membership, end_date=today() + dt.timedelta(days=60), reason="x"
        )
    with pytest.raises(ValidationError):
        services.membership_end(actor=actor, membership=membership, end_date=today(), reason="x" * 501)
    assert last_event("membership.ended") is None


# --- staff roles and people -----------------------------------------------------------------------------------


def test_staffrole_grant_sets_the_scope_the_role_needs(world, actor):
    school_role = services.staffrole_grant(
        actor=actor,
        region=world.region,
        user=world.nobody,
        role="teacher",
        school=world.school_a,
        valid_from=today(),
    )
    assert (school_role.school, school_role.region, school_role.partner) == (world.school_a, None, None)
    region_role = services.staffrole_grant(
        actor=actor, region=world.region, user=world.nobody, role="privacy_officer", valid_from=today()
    )
    assert region_role.region == world.region
    partner_role = services.staffrole_grant(
        actor=actor,
        region=world.region,
        user=world.nobody,
        role="partner_staff",
        partner=world.partner_jgz,
        valid_from=today(),
    )
    assert partner_role.partner == world.partner_jgz
    assert events()[-3:] == ["staffrole.granted"] * 3


@pytest.mark.parametrize(
    ("role", "scope", "field"),
    [
        ("teacher", {}, "school"),
        ("teacher", {"partner": "jgz", "school": "a"}, "partner"),
        ("partner_staff", {}, "partner"),
        ("partner_staff", {"partner": "jgz", "school": "a"}, "school"),
        ("functional_admin", {"school": "a"}, "role"),
        ("system_admin", {}, "role"),
        ("dictator", {}, "role"),
        ("teacher", {"school": "elsewhere"}, "school"),
        ("partner_staff", {"partner": "elsewhere"}, "partner"),
    ],
)
def test_staffrole_grant_refuses_a_scope_that_does_not_fit(world, actor, role, scope, field):
    objects = {"a": world.school_a, "jgz": world.partner_jgz}
    resolved = {}
    for key, value in scope.items():
        if value == "elsewhere":
            resolved[key] = (
                f.SchoolFactory(region=world.other_region)
                if key == "school"
                else f.PartnerFactory(region=world.other_region)
            )
        else:
            resolved[key] = objects[value]
    with pytest.raises(ValidationError) as exc:
        services.staffrole_grant(
            actor=actor, region=world.region, user=world.nobody, role=role, valid_from=today(), **resolved
        )
    assert exc.value.field == field
    assert not StaffRole.objects.filter(user=world.nobody).exists()


def test_staffrole_grant_refuses_overlap_and_a_period_ending_before_it_starts(world, actor):
    with pytest.raises(ConflictError):
        services.staffrole_grant(
            actor=actor,
            region=world.region,
            user=world.teacher,
            role="teacher",
            school=world.school_a,
            valid_from=today(),
        )
    with pytest.raises(ValidationError) as exc:
        services.staffrole_grant(
            actor=actor,
            region=world.region,
            user=world.teacher,
            role="school_head",
            school=world.school_a,
            valid_from=today(),
            valid_to=YESTERDAY,
        )
    assert exc.value.field == "valid_to"


def test_staffrole_revoke_ends_the_role_with_a_reason(world, actor):
    staff_role = StaffRole.objects.get(user=world.teacher)
    with pytest.raises(ValidationError):
        services.staffrole_revoke(actor=actor, staff_role=staff_role, end_date=YESTERDAY, reason="")
    services.staffrole_revoke(actor=actor, staff_role=staff_role, end_date=YESTERDAY, reason="Uit dienst")
    staff_role.refresh_from_db()
    assert staff_role.valid_to == YESTERDAY
    event = last_event("staffrole.revoked")
    assert event.reason == "Uit dienst" and event.changes["role"] == {"old": "teacher"}
    with pytest.raises(ValidationError, match="al beëindigd"):
        services.staffrole_revoke(actor=actor, staff_role=staff_role, end_date=YESTERDAY, reason="Nogmaals")


def test_earliest_immediate_end_is_yesterday_or_the_first_day():
    assert services.earliest_immediate_end(dt.date(2020, 1, 1)) == YESTERDAY
    assert services.earliest_immediate_end(today()) == today()


def test_person_create_makes_an_account_with_a_role_in_one_transaction(world, actor):
    user, password = services.person_create(
        actor=actor,
        region=world.region,
        username=" Noor ",
        first_name="Noor",
        last_name="Testvelt",
        role="school_head",
        school=world.school_b,
        valid_from=today(),
        job_title="Directeur",
    )
    assert user.username == "noor" and user.check_password(password) and user.job_title == "Directeur"
    assert StaffRole.objects.get(user=user).school == world.school_b
    assert events()[-2:] == ["user.created", "staffrole.granted"]
    with pytest.raises(ValidationError) as exc:
        services.person_create(
            actor=actor,
            region=world.region,
            username="NOOR",
            first_name="N",
            last_name="T",
            role="teacher",
            school=world.school_a,
            valid_from=today(),
        )
    assert exc.value.field == "username"
    with pytest.raises(ValidationError) as exc:
        services.person_create(
            actor=actor,
            region=world.region,
            username="zonder_school",
            first_name="Z",
            last_name="S",
            role="teacher",
            valid_from=today(),
        )
    assert exc.value.field == "school"
    assert not type(user).objects.filter(username="zonder_school").exists()


def test_person_create_rolls_back_the_account_when_the_role_fails(world, actor, monkeypatch):
    def failing_grant(**kwargs):
        raise ConflictError("boom", field="role")

    monkeypatch.setattr(services.people, "staffrole_grant", failing_grant)
    with pytest.raises(ConflictError):
        services.person_create(
            actor=actor,
            region=world.region,
            username="halve",
            first_name="H",
            last_name="V",
            role="teacher",
            school=world.school_a,
            valid_from=today(),
        )
    assert not type(actor).objects.filter(username="halve").exists()
    assert last_event("user.created") is None


def test_person_otp_reset_removes_the_devices_with_a_reason(world, actor):
    f.give_totp(world.teacher)
    with pytest.raises(ValidationError):
        services.person_otp_reset(actor=actor, user=world.teacher, reason=" ")
    with pytest.raises(ValidationError):
        services.person_otp_reset(actor=actor, user=actor, reason="Eigen telefoon kwijt")
    assert TOTPDevice.objects.filter(user=world.teacher).exists()
    services.person_otp_reset(actor=actor, user=world.teacher, reason="Telefoon kwijt")
    assert not TOTPDevice.objects.filter(user=world.teacher).exists()
    assert last_event("auth.otp_reset").reason == "Telefoon kwijt"
