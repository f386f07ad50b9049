"""External referrals ("zorg/verwijzingen/") and the partner workspace ("partner/"), namespace "referrals"."""

from django.urls import path

from zorgroute.referrals import views

app_name = "referrals"
REFERRAL = "zorg/verwijzingen/<str:referral_uuid>/"
KINDS = "organisaties/regio/<str:region_uuid>/soorten-zorg/"

urlpatterns = [
    path("partner/", views.workspace, name="workspace"),
    path("zorg/verwijzingen/", views.referral_list, name="referral-list"),
    path("zorg/verwijzingen/nieuw/<str:case_uuid>/", views.referral_create, name="referral-create"),
    path(REFERRAL, views.referral_detail, name="referral-detail"),
    path(REFERRAL + "terugkoppeling/<str:kind>/", views.back_report_add, name="back-report-add"),
    path(REFERRAL + "medewerker/", views.referral_assign, name="referral-assign"),
    path(REFERRAL + "intrekken/", views.referral_withdraw, name="referral-withdraw"),
    # The region's kinds of care (configuration, the functional administrator)
    path(KINDS, views.care_kind_list, name="care-kind-list"),
    path(KINDS + "nieuw/", views.care_kind_edit, name="care-kind-add"),
    path(KINDS + "<str:kind_uuid>/", views.care_kind_edit, name="care-kind-edit"),
]
