from django.urls import path

from zorgroute.organisations.views import careteams, partners, people, regions, schools

app_name = "organisations"

R = "regio/<str:region_uuid>/"
S = "scholen/<str:school_uuid>/"
G = S + "groepen/<str:group_uuid>/"
T = "zorgteams/<str:team_uuid>/"

urlpatterns = [
    # Regions and school boards
    path("regio/", regions.region_list, name="region-list"),
    path(R, regions.region_detail, name="region-detail"),
    path(R + "wijzigen/", regions.region_edit, name="region-edit"),
    path(R + "besturen/", regions.board_list, name="board-list"),
    path(R + "besturen/nieuw/", regions.board_create, name="board-create"),
    path(R + "besturen/<str:board_uuid>/wijzigen/", regions.board_edit, name="board-edit"),
    # Schools and groups
    path("scholen/", schools.school_list, name="school-list"),
    path(R + "scholen/nieuw/", schools.school_create, name="school-create"),
    path(S, schools.school_detail, name="school-detail"),
    path(S + "wijzigen/", schools.school_edit, name="school-edit"),
    path(S + "groepen/", schools.group_list, name="group-list"),
    path(S + "groepen/nieuw/", schools.group_create, name="group-create"),
    path(G, schools.group_detail, name="group-detail"),
    path(G + "wijzigen/", schools.group_edit, name="group-edit"),
    path(G + "leerkrachten/toevoegen/", schools.group_teacher_add, name="group-teacher-add"),
    path(
        G + "leerkrachten/<str:link_uuid>/verwijderen/",
        schools.group_teacher_remove,
        name="group-teacher-remove",
    ),
    # Sociale kaart
    path(R + "partnertypes/", partners.partnertype_list, name="partnertype-list"),
    path(R + "partnertypes/nieuw/", partners.partnertype_create, name="partnertype-create"),
    path("sociale-kaart/", partners.partner_list, name="partner-list"),
    path(R + "sociale-kaart/nieuw/", partners.partner_create, name="partner-create"),
    path("sociale-kaart/<str:partner_uuid>/", partners.partner_detail, name="partner-detail"),
    path("sociale-kaart/<str:partner_uuid>/wijzigen/", partners.partner_edit, name="partner-edit"),
    # Care teams and memberships
    path("zorgteams/", careteams.careteam_list, name="careteam-list"),
    path(R + "zorgteams/nieuw/", careteams.careteam_create, name="careteam-create"),
    path(T, careteams.careteam_detail, name="careteam-detail"),
    path(T + "wijzigen/", careteams.careteam_edit, name="careteam-edit"),
    path(T + "leden/nieuw/", careteams.membership_create, name="membership-create"),
    path(T + "leden/<str:membership_uuid>/wijzigen/", careteams.membership_edit, name="membership-edit"),
    path(T + "leden/<str:membership_uuid>/beeindigen/", careteams.membership_end, name="membership-end"),
    # Staff roles and people
    path(R + "rollen/", people.staffrole_list, name="staffrole-list"),
    path(R + "rollen/nieuw/", people.staffrole_grant, name="staffrole-grant"),
    path(R + "rollen/<str:role_uuid>/intrekken/", people.staffrole_revoke, name="staffrole-revoke"),
    path(R + "mensen/", people.person_list, name="person-list"),
    path(R + "mensen/nieuw/", people.person_create, name="person-create"),
    path(R + "mensen/<str:person_uuid>/", people.person_detail, name="person-detail"),
    path(
        R + "mensen/<str:person_uuid>/tweestaps-herstellen/", people.person_otp_reset, name="person-otp-reset"
    ),
]
