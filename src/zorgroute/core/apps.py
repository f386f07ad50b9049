from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "zorgroute.core"
    label = "core"
