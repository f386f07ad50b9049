"""Consent of one case, included under the case's URL ("zorg/zorgtrajecten/<case_uuid>/")."""

from django.urls import path

from zorgroute.consents import conversation_views, views

app_name = "consents"
RECORD = "toestemming/<str:record_uuid>/"

urlpatterns = [
    path("toestemming/", views.consent_overview, name="consent-overview"),
    path("toestemming/vastleggen/", views.consent_add, name="consent-add"),
    path("toestemming/zonder-toestemming/", views.consent_override, name="consent-override"),
    path(RECORD + "antwoord/", views.consent_answer, name="consent-answer"),
    path(RECORD + "intrekken/", views.consent_withdraw, name="consent-withdraw"),
    path(RECORD + "scan/", views.consent_scan, name="consent-scan"),
    # Parent conversations and the parent leaflet (issue 4 item 5)
    path("gesprekken/", conversation_views.conversation_list, name="conversation-list"),
    path("gesprekken/vastleggen/", conversation_views.conversation_add, name="conversation-add"),
    path("folder/meegegeven/", conversation_views.leaflet_give, name="leaflet-give"),
]
