from django.urls import path

from zorgroute.accounts import views

app_name = "accounts"
urlpatterns = [
    path("inloggen/", views.ZorgrouteLoginView.as_view(), name="login"),
    path("uitloggen/", views.logout, name="logout"),
    path("tweestaps/", views.otp_verify, name="otp-verify"),
    path("tweestaps/instellen/", views.otp_setup, name="otp-setup"),
    path("bevestigen/", views.sudo, name="sudo"),
    path("mijn-account/", views.profile, name="profile"),
    path("mijn-account/herstelcodes/", views.backup_codes, name="backup-codes"),
    path("uitnodiging/<str:token>/", views.invitation_accept, name="invitation-accept"),
]
