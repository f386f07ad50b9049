from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "zorgroute.portal"
    label = "portal"
