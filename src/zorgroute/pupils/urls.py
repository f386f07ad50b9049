from django.urls import path

from zorgroute.pupils import views

app_name = "pupils"
urlpatterns = [
    path("", views.pupil_list, name="pupil-list"),
    path("<str:pupil_uuid>/", views.pupil_detail, name="pupil-detail"),
]
