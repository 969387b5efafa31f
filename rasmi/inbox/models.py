"""The shared inbox: what citizens send to official accounts, and the raw deliveries it
came in.

A delivery is stored as received before anything else happens, so nothing is lost when
the worker is down; it is processed once (`processed_at`), in the same transaction as
the messages it creates. Messages are keyed on the platform's own ids, so a repeated or
out-of-order delivery creates nothing twice.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rasmi.registry.models import PLATFORM_CHOICES


class Delivery(models.Model):
    source = models.CharField(max_length=20)  # "meta", "import", a polling connector
    body = models.TextField()  # exactly as received (signed bytes, decoded as UTF-8)
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)
    processed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    events = models.PositiveIntegerField(default=0)
    # Events for accounts that are not official in the register: not stored, only counted
    # here and logged, with the platform's account id (no message text).
    refused = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["received_at"]

    def __str__(self) -> str:
        return f"{self.source} delivery {self.pk}"


class Contact(models.Model):
    """A member of the public as a platform shows them: an id and a display name only."""

    platform = models.CharField(max_length=20, choices=PLATFORM_CHOICES)
    platform_user_id = models.CharField(max_length=100)
    name = models.CharField(max_length=200, blank=True)
    first_seen = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["platform", "platform_user_id"],
                                               name="contact_unique_platform_user")]

    def __str__(self) -> str:
        return self.name or self.platform_user_id


class ConversationKind(models.TextChoices):
    COMMENTS = "comments", _("Comment thread")
    DIRECT = "direct", _("Direct messages")


class ConversationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    PENDING = "pending", _("Pending")
    RESOLVED = "resolved", _("Resolved")
    SNOOZED = "snoozed", _("Snoozed")


class Conversation(models.Model):
    """A top-level comment with its replies, or one person's direct messages."""

    account = models.ForeignKey("registry.SocialAccount", on_delete=models.PROTECT,
                                related_name="conversations")
    organisation = models.ForeignKey("registry.Organisation", on_delete=models.PROTECT,
                                     related_name="conversations")
    kind = models.CharField(max_length=10, choices=ConversationKind.choices)
    thread_key = models.CharField(max_length=200)  # top comment id, or the sender's id
    post_id = models.CharField(max_length=200, blank=True)  # the post commented on
    contact = models.ForeignKey(Contact, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="conversations")
    status = models.CharField(max_length=10, choices=ConversationStatus.choices,
                              default=ConversationStatus.OPEN, db_index=True)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    last_message_at = models.DateTimeField(db_index=True)
    first_response_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-last_message_at"]
        constraints = [
            models.UniqueConstraint(fields=["account", "kind", "thread_key"],
                                    name="conversation_unique_thread"),
            models.CheckConstraint(condition=Q(status__in=ConversationStatus.values),
                                   name="conversation_status_valid"),
        ]
        indexes = [models.Index(fields=["organisation", "status", "last_message_at"])]

    def __str__(self) -> str:
        return f"{self.account} {self.kind} {self.thread_key}"


class Direction(models.TextChoices):
    IN = "in", _("From the public")
    OUT = "out", _("From the organisation")


class Message(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE,
                                     related_name="messages")
    account = models.ForeignKey("registry.SocialAccount", on_delete=models.PROTECT,
                                related_name="+")
    platform_message_id = models.CharField(max_length=200)
    direction = models.CharField(max_length=3, choices=Direction.choices)
    author = models.ForeignKey(Contact, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="messages")
    parent_id = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True)
    sent_at = models.DateTimeField(db_index=True)  # the platform's time
    # The platform time of the newest event applied: an older edit arriving late loses.
    event_at = models.DateTimeField()
    edited = models.BooleanField(default=False)
    deleted = models.BooleanField(default=False)
    hidden = models.BooleanField(default=False)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sent_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["account", "platform_message_id"],
                                               name="message_unique_platform_id")]

    def __str__(self) -> str:
        return f"{self.direction} {self.platform_message_id}"
