from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "rasmi.publishing"
    verbose_name = "Publishing"
