from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "rasmi.inbox"
    verbose_name = "Inbox"
