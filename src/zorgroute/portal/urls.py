"""The parent and pupil portal ("ouders/") and the school's page about a pupil's family logins
("leerlingen/<pupil_uuid>/ouderportaal/"; the pupils app's own patterns never match the longer path)."""

from django.urls import path

from zorgroute.portal.views import family, staff

app_name = "portal"
CASE = "ouders/traject/<str:case_uuid>/"
STAFF = "leerlingen/<str:pupil_uuid>/ouderportaal/"

urlpatterns = [
    path("ouders/", family.portal_home, name="home"),
    path(CASE, family.case_detail, name="case"),
    path(CASE + "ondertekenen/<str:plan_uuid>/", family.plan_sign, name="plan-sign"),
    path(CASE + "toestemming/<str:record_uuid>/", family.consent_answer, name="consent-answer"),
    path(CASE + "inbreng/", family.contribute, name="contribute"),
    path("ouders/<str:pupil_uuid>/", family.child_detail, name="child"),
    path("ouders/<str:pupil_uuid>/inzage/", family.access_log, name="access-log"),
    path("ouders/<str:pupil_uuid>/meekijken/", family.informing, name="informing"),
    path(STAFF, staff.family_access, name="family-access"),
    path(STAFF + "uitnodigen/leerling/", staff.invite_pupil, name="invite-pupil"),
    path(STAFF + "uitnodigen/<str:guardian_uuid>/", staff.invite_guardian, name="invite-guardian"),
    path(STAFF + "meekijken/<str:guardian_uuid>/", staff.informing_set, name="staff-informing"),
]
