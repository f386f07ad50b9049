from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "zorgroute.home"
    label = "home"
