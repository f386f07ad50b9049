"""External referrals ("zorg/verwijzingen/") and the partner workspace ("partner/"), namespace "referrals"."""

from django.urls import path

from zorgroute.referrals import views

app_name = "referrals"
REFERRAL = "zorg/verwijzingen/<str:referral_uuid>/"

urlpatterns = [
    path("partner/", views.workspace, name="workspace"),
    path("zorg/verwijzingen/", views.referral_list, name="referral-list"),
    path("zorg/verwijzingen/nieuw/<str:case_uuid>/", views.referral_create, name="referral-create"),
    path(REFERRAL, views.referral_detail, name="referral-detail"),
    path(REFERRAL + "terugkoppeling/<str:kind>/", views.back_report_add, name="back-report-add"),
    path(REFERRAL + "medewerker/", views.referral_assign, name="referral-assign"),
    path(REFERRAL + "intrekken/", views.referral_withdraw, name="referral-withdraw"),
]
