from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "rasmi.audit"
    verbose_name = "Audit"
