"""Reports under "zorg/rapportages/" (namespace "reports")."""

from django.urls import path

from zorgroute.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.report_index, name="index"),
    path("school/<str:school_uuid>/", views.school_report, name="school"),
    path("zat/<str:region_uuid>/", views.zat_report, name="zat"),
    path("regio/<str:region_uuid>/", views.region_report, name="region"),
    path("regio/<str:region_uuid>/jaarverslag/", views.annual_report, name="annual"),
    path("school/<str:school_uuid>/download/", views.school_export, name="school-export"),
    path("zat/<str:region_uuid>/download/", views.zat_export, name="zat-export"),
    path("regio/<str:region_uuid>/download/", views.region_export, name="region-export"),
    path("regio/<str:region_uuid>/jaarverslag/download/", views.annual_export, name="annual-export"),
]
