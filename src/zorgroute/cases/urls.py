from django.urls import include, path

from zorgroute.cases import route_views
from zorgroute.cases.views import groups, signals, worklists

app_name = "cases"

# Route template editor of the functional administrator (issue 3 item 2).
ROUTES = "zorgroutes/regio/<str:region_uuid>/"
VERSION = ROUTES + "versies/<str:template_uuid>/"
SCHOOL = "zorgroutes/scholen/<str:school_uuid>/"

urlpatterns = [
    # Signals, triage, worklists and the group review (issue 3 items 1, 6, 7). Fixed words come before any
    # "<str:case_uuid>/" pattern so they are never read as a case's UUID.
    path("werk/", worklists.my_work, name="my-work"),
    path("werk/<slug:section>/", worklists.my_work_section, name="my-work-section"),
    path("signaleren/<str:pupil_uuid>/", signals.signal_create, name="signal-create"),
    path("triage/", signals.signal_inbox, name="signal-inbox"),
    path("triage/<str:signal_uuid>/", signals.signal_triage, name="signal-triage"),
    path("groepen/<str:group_uuid>/", groups.group_overview, name="group-overview"),
    path("groepen/<str:group_uuid>/bespreking/", groups.group_review_record, name="group-review"),
    # Route template editor (issue 3 item 2)
    path(ROUTES, route_views.route_list, name="route-list"),
    path(VERSION, route_views.route_version, name="route-version"),
    path(VERSION + "nieuwe-versie/", route_views.route_publish, name="route-publish"),
    path(VERSION + "zorgtrajecten-overzetten/", route_views.route_migrate, name="route-migrate"),
    path(SCHOOL, route_views.route_school, name="route-school"),
    path(SCHOOL + "kiezen/", route_views.route_school_choose, name="route-school-choose"),
    path(SCHOOL + "stappen/<slug:step_code>/", route_views.route_school_step, name="route-school-step"),
    # The case page and its actions (issue 3 items 3-5): cases/case_urls.py
    path("zorgtrajecten/", include("zorgroute.cases.case_urls")),
]
