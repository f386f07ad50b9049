"""The agreed actions and the referrals of one case, included under the case's URL
("zorg/zorgtrajecten/<case_uuid>/")."""

from django.urls import path

from zorgroute.meetings import referral_views, views

app_name = "meetings"
ACTION = "acties/<str:action_uuid>/"
REFERRAL = "aanmeldingen/<str:referral_uuid>/"

urlpatterns = [
    path("acties/nieuw/", views.action_add, name="action-add"),
    path(ACTION + "afgerond/", views.action_done, name="action-done"),
    path(ACTION + "vervallen/", views.action_cancel, name="action-cancel"),
    path("samenvatting/<str:forum_kind>/", views.summary_preview, name="summary-preview"),
    path("nazorg/<str:aftercare_uuid>/", views.aftercare_record, name="aftercare-record"),
    # Referral to a forum (aanmelding): meetings/referral_views.py
    path("aanmeldingen/nieuw/<str:forum_kind>/", referral_views.referral_start, name="referral-start"),
    path(REFERRAL, referral_views.referral_detail, name="referral-detail"),
    path(REFERRAL + "wijzigen/", referral_views.referral_edit, name="referral-edit"),
    path(REFERRAL + "indienen/", referral_views.referral_submit, name="referral-submit"),
    path(REFERRAL + "pdf/", referral_views.referral_pdf, name="referral-pdf"),
    path(REFERRAL + "sdq/<str:version>/", referral_views.referral_questionnaire, name="referral-sdq"),
]
