"""The quality-framework self-assessment, under "kwaliteit/" (namespace "quality")."""

from django.urls import path

from zorgroute.quality import views

app_name = "quality"

ASSESSMENT = "<str:assessment_uuid>/"
TEAM = "teams/<str:team_uuid>/"

urlpatterns = [
    path("", views.index, name="index"),
    path(TEAM + "beginnen/", views.assessment_start, name="assessment-start"),
    path(TEAM + "vergelijken/", views.team_compare, name="team-compare"),
    path(ASSESSMENT, views.assessment_detail, name="assessment"),
    path(ASSESSMENT + "reactie/", views.assessment_comment, name="assessment-comment"),
    path(ASSESSMENT + "afronden/", views.assessment_finalise, name="assessment-finalise"),
]
