from django.urls import include, path
from django.views.i18n import set_language

urlpatterns = [
    path("", include("zorgroute.home.urls")),
    path("", include("zorgroute.core.urls")),
    path("account/", include("zorgroute.accounts.urls")),
    path("leerlingen/", include("zorgroute.pupils.urls")),
    path("zorg/", include("zorgroute.cases.urls")),
    path("zorg/zorgtrajecten/<str:case_uuid>/", include("zorgroute.plans.urls")),
    path("zorg/zorgtrajecten/<str:case_uuid>/", include("zorgroute.meetings.urls")),
    path("zorg/overleggen/", include("zorgroute.meetings.meeting_urls")),
    path("zorg/zorgtrajecten/<str:case_uuid>/", include("zorgroute.consents.urls")),
    path("zorg/ouderfolder/", include("zorgroute.consents.leaflet_urls")),
    path("", include("zorgroute.referrals.urls")),
    path("organisaties/", include("zorgroute.organisations.urls")),
    path("kwaliteit/", include("zorgroute.quality.urls")),
    path("zorg/rapportages/", include("zorgroute.reports.urls")),
    path("audit/", include("zorgroute.audit.urls")),
    path("", include("zorgroute.portal.urls")),
    path("taal/", set_language, name="set-language"),
]

handler404 = "zorgroute.core.views.not_found"
handler403 = "zorgroute.core.views.forbidden"
handler500 = "zorgroute.core.views.server_error"
