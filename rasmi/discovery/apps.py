from django.apps import AppConfig


class DiscoveryConfig(AppConfig):
    name = "rasmi.discovery"
    verbose_name = "Discovery"
