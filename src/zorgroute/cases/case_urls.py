"""URLs of the case page and its actions, included by cases/urls.py under "zorgtrajecten/" (namespace "cases").

Plans and the intervention log of a case live under the same prefix, in plans/urls.py (namespace "plans").
"""

from django.urls import path

from zorgroute.cases.views import case_actions, case_page, case_route

CASE = "<str:case_uuid>/"

urlpatterns = [
    # Fixed words first, so they are never read as a case's UUID.
    path("leerling/<str:pupil_uuid>/", case_page.pupil_cases, name="pupil-cases"),
    path("leerling/<str:pupil_uuid>/openen/", case_page.case_open, name="case-open"),
    path(CASE, case_page.case_detail, name="case-detail"),
    path(CASE + "notitie/", case_actions.case_note_add, name="case-note-add"),
    path(CASE + "hulpvraag/", case_actions.case_package, name="case-package"),
    path(CASE + "betrokkenen/", case_actions.case_people, name="case-people"),
    path(CASE + "escaleren/", case_route.case_escalate, name="case-escalate"),
    path(CASE + "terugschalen/", case_route.case_step_back, name="case-step-back"),
    path(CASE + "overslaan/", case_route.case_skip, name="case-skip"),
    path(CASE + "afsluiten/", case_route.case_close, name="case-close"),
    path(CASE + "heropenen/", case_route.case_reopen, name="case-reopen"),
]
