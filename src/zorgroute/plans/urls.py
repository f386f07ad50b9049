"""The intervention log and the action plans of one case, included under the case's URL
("zorg/zorgtrajecten/<case_uuid>/", see zorgroute/urls.py).
"""

from django.urls import path

from zorgroute.plans import views

app_name = "plans"
PLAN = "plannen/<str:plan_uuid>/"

urlpatterns = [
    path("interventies/", views.intervention_list, name="intervention-list"),
    path("interventies/nieuw/", views.intervention_add, name="intervention-add"),
    path("plannen/", views.plan_list, name="plan-list"),
    path("plannen/nieuw/", views.plan_create, name="plan-create"),
    path(PLAN, views.plan_detail, name="plan-detail"),
    path(PLAN + "wijzigen/", views.plan_edit, name="plan-edit"),
    path(PLAN + "actueel-maken/", views.plan_activate, name="plan-activate"),
    path(PLAN + "instemming/", views.plan_agreement, name="plan-agreement"),
    path(PLAN + "evalueren/", views.plan_evaluate, name="plan-evaluate"),
]
