"""The parent leaflet of a region and a school's own version, for the functional administrator ("zorg/ouderfolder/")."""

from django.urls import path

from zorgroute.consents import conversation_views

app_name = "leaflets"

urlpatterns = [
    path("regio/<str:region_uuid>/", conversation_views.leaflet_region, name="leaflet-region"),
    path("scholen/<str:school_uuid>/", conversation_views.leaflet_school, name="leaflet-school"),
    path(
        "scholen/<str:school_uuid>/eigen-folder-verwijderen/",
        conversation_views.leaflet_school_remove,
        name="leaflet-school-remove",
    ),
]
