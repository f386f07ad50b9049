"""Meetings of care teams, under "zorg/overleggen/" (namespace "forum"; the case-level pages of this app, such as
actions and the summary preview, are in urls.py under the case's URL, namespace "meetings")."""

from django.urls import path

from zorgroute.meetings import intake_views, meeting_views, series_views

app_name = "forum"

MEETING = "<str:meeting_uuid>/"
TEAM = "teams/<str:team_uuid>/"
SERIES = TEAM + "reeksen/<str:series_uuid>/"
LINE = TEAM + "samenstelling/<str:line_uuid>/"

urlpatterns = [
    path("", meeting_views.meeting_list, name="meeting-list"),
    # A team's meeting series and minimum composition: meetings/series_views.py
    path(TEAM, series_views.team_planning, name="team-planning"),
    path(TEAM + "reeksen/nieuw/", series_views.series_create, name="series-create"),
    path(SERIES, series_views.series_detail, name="series-detail"),
    path(SERIES + "wijzigen/", series_views.series_edit, name="series-edit"),
    path(SERIES + "beeindigen/", series_views.series_end, name="series-end"),
    path(SERIES + "plannen/", series_views.series_plan, name="series-plan"),
    path(TEAM + "samenstelling/nieuw/", series_views.composition_create, name="composition-create"),
    path(LINE + "wijzigen/", series_views.composition_edit, name="composition-edit"),
    path(LINE + "verwijderen/", series_views.composition_remove, name="composition-remove"),
    path("aanmeldingen/", intake_views.intake_queue, name="intake-queue"),
    path("aanmeldingen/<str:referral_uuid>/", intake_views.intake_referral, name="intake-referral"),
    path(
        "aanmeldingen/<str:referral_uuid>/pdf/", intake_views.intake_referral_pdf, name="intake-referral-pdf"
    ),
    path(MEETING, meeting_views.meeting_detail, name="meeting-detail"),
    path(MEETING + "overleg.ics", meeting_views.meeting_ics, name="meeting-ics"),
    path(MEETING + "besluitenlijst.pdf", meeting_views.meeting_decision_list, name="meeting-decision-list"),
    path(MEETING + "samenvatting/<str:case_uuid>/", meeting_views.agenda_summary, name="agenda-summary"),
    path(
        MEETING + "agenda/aanmelding/<str:referral_uuid>/",
        meeting_views.meeting_schedule,
        name="meeting-schedule",
    ),
    path(MEETING + "agenda/vervolg/", meeting_views.meeting_follow_ups, name="meeting-follow-ups"),
    path(
        MEETING + "aanwezigheid/<str:attendance_uuid>/", meeting_views.attendance_edit, name="attendance-edit"
    ),
    path(MEETING + "voorzitter-notulist/", meeting_views.meeting_roles, name="meeting-roles"),
    path(MEETING + "bespreking/<str:item_uuid>/", meeting_views.discussion_edit, name="discussion-edit"),
    path(
        MEETING + "bespreking/<str:item_uuid>/actie/",
        meeting_views.discussion_action_add,
        name="discussion-action",
    ),
    path(MEETING + "vaststellen/", meeting_views.meeting_finalise, name="meeting-finalise"),
]
