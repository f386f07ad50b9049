from django.urls import path

from zorgroute.cases.views import groups, signals, worklists

app_name = "cases"
urlpatterns = [
    # Signals, triage, worklists and the group review (issue 3 items 1, 6, 7). Fixed words come before any
    # "<str:case_uuid>/" pattern so they are never read as a case's UUID.
    path("werk/", worklists.my_work, name="my-work"),
    path("signaleren/<str:pupil_uuid>/", signals.signal_create, name="signal-create"),
    path("triage/", signals.signal_inbox, name="signal-inbox"),
    path("triage/<str:signal_uuid>/", signals.signal_triage, name="signal-triage"),
    path("groepen/<str:group_uuid>/", groups.group_overview, name="group-overview"),
    path("groepen/<str:group_uuid>/bespreking/", groups.group_review_record, name="group-review"),
]
