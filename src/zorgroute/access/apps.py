from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "zorgroute.access"
    label = "access"
