from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "rasmi.monitoring"
    verbose_name = "Monitoring"
