from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "rasmi.people"
    verbose_name = "People"
