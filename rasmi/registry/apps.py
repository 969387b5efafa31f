from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "rasmi.registry"
    verbose_name = "Register"
