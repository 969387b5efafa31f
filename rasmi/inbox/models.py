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
    team = models.ForeignKey("Team", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="conversations")
    # What the newest messages from the public say (rolled up from Message), for routing,
    # filters and the SLA; `urgent` stays true once any message was urgent.
    intent = models.CharField(max_length=12, blank=True, db_index=True)
    language = models.CharField(max_length=8, blank=True)
    sentiment = models.CharField(max_length=8, blank=True)
    topics = models.JSONField(default=list, blank=True)
    urgent = models.BooleanField(default=False, db_index=True)
    # The SLA clock: deadlines set from the organisation's SOP when a member of the
    # public writes and nobody has answered yet; cleared by the first reply.
    awaiting_since = models.DateTimeField(null=True, blank=True)
    first_response_due = models.DateTimeField(null=True, blank=True, db_index=True)
    resolution_due = models.DateTimeField(null=True, blank=True)
    snoozed_until = models.DateTimeField(null=True, blank=True)
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
        indexes = [
            models.Index(fields=["organisation", "status", "last_message_at"]),
            # The officers' queue (inbox.selectors): found on organisation and status,
            # ordered on the next five, filtered on the last five. Covering, so the order
            # of 100,000 rows, and most filters, are read from the index alone (only a
            # topic or text search reads the rows).
            models.Index(fields=["organisation", "status", "urgent", "first_response_due",
                                 "awaiting_since", "resolution_due", "last_message_at",
                                 "intent", "language", "account", "assignee", "team"],
                         name="conversation_queue_idx"),
        ]

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
    hidden_reason = models.CharField(max_length=200, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    # Set by rasmi.inbox.classify for messages from the public (blank until classified).
    language = models.CharField(max_length=8, blank=True)
    intent = models.CharField(max_length=12, blank=True)
    sentiment = models.CharField(max_length=8, blank=True)
    topics = models.JSONField(default=list, blank=True)
    urgent = models.BooleanField(default=False)
    classified_at = models.DateTimeField(null=True, blank=True)
    # Replies sent from Rasmi: who wrote them and what became of the send.
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    send_state = models.CharField(max_length=10, blank=True)  # queued, sending, sent, failed
    send_error = models.TextField(blank=True)

    class Meta:
        ordering = ["sent_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["account", "platform_message_id"],
                                               name="message_unique_platform_id")]

    def __str__(self) -> str:
        return f"{self.direction} {self.platform_message_id}"


class Team(models.Model):
    """Officers of one organisation who work part of its inbox together."""

    organisation = models.ForeignKey("registry.Organisation", on_delete=models.CASCADE,
                                     related_name="inbox_teams")
    name = models.CharField(_("name"), max_length=100)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True,
                                     related_name="inbox_teams")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"],
                                               name="team_unique_name")]

    def __str__(self) -> str:
        return self.name


class RoutingRule(models.Model):
    """When a new conversation matches every condition set, it goes to the team or officer.

    Rules are tried in `position` order; the first match wins. A blank condition matches
    anything.
    """

    organisation = models.ForeignKey("registry.Organisation", on_delete=models.CASCADE,
                                     related_name="routing_rules")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("name"), max_length=100)
    intent = models.CharField(_("intent"), max_length=12, blank=True)
    topic = models.CharField(_("topic"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    urgent_only = models.BooleanField(_("urgent only"), default=False)
    account = models.ForeignKey("registry.SocialAccount", null=True, blank=True,
                                on_delete=models.CASCADE, related_name="+",
                                verbose_name=_("account"))
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+", verbose_name=_("team"))
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="+",
                                 verbose_name=_("officer"))
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.CheckConstraint(
            condition=Q(team__isnull=False) | Q(assignee__isnull=False),
            name="routing_rule_has_destination")]

    def __str__(self) -> str:
        return self.name


class CannedReply(models.Model):
    """A reviewed answer officers reuse, in BM and English, with {placeholders}."""

    organisation = models.ForeignKey("registry.Organisation", on_delete=models.CASCADE,
                                     related_name="canned_replies")
    title = models.CharField(_("title"), max_length=120)
    text_ms = models.TextField(_("text in Bahasa Melayu"))
    text_en = models.TextField(_("text in English"), blank=True)
    intent = models.CharField(_("intent"), max_length=12, blank=True)
    topic = models.CharField(_("topic"), max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["organisation", "title"],
                                               name="canned_reply_unique_title")]

    def __str__(self) -> str:
        return self.title


class PollCursor(models.Model):
    """Where a polling connector stopped reading one account's stream, and its backoff."""

    account = models.ForeignKey("registry.SocialAccount", on_delete=models.CASCADE,
                                related_name="poll_cursors")
    stream = models.CharField(max_length=40)  # "youtube_comments", "x_mentions"
    cursor = models.CharField(max_length=500, blank=True)  # the platform's own marker
    last_polled_at = models.DateTimeField(null=True, blank=True)
    next_poll_at = models.DateTimeField(null=True, blank=True, db_index=True)
    failures = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["account", "stream"],
                                               name="poll_cursor_unique_stream")]

    def __str__(self) -> str:
        return f"{self.account} {self.stream}"


class ComplaintRecord(models.Model):
    """A complaint exported in the shape of the Public Complaints Bureau's SISPAA form,
    tracked against the client charter (15 working days by default)."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE,
                                     related_name="complaint_records")
    reference = models.CharField(max_length=40, unique=True)
    complaint_type = models.CharField(max_length=60)
    subject = models.CharField(max_length=200)
    details = models.TextField()
    action_requested = models.TextField(blank=True)
    # Complainant details go into the record only when the person agreed.
    consent = models.BooleanField(default=False)
    complainant_name = models.CharField(max_length=200, blank=True)
    complainant_contact = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    due_on = models.DateField()
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.reference


class FeedbackCount(models.Model):
    """Pre-aggregated counts of messages from the public per organisation and hour, so
    the feedback dashboard reads a few thousand rows whatever the number of messages.

    `dimension` is one of total, intent, sentiment, language, topic, topic_sentiment
    (negative only: "flood:negative"), intent_topic (questions and complaints only:
    "question:flood"), urgent. The same cells per Malaysian day have the dimension
    prefixed "day:" and `hour` at the local midnight (rasmi.inbox.feedback).
    """

    organisation = models.ForeignKey("registry.Organisation", on_delete=models.CASCADE,
                                     related_name="+")
    hour = models.DateTimeField()
    dimension = models.CharField(max_length=20)
    value = models.CharField(max_length=60)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(
            fields=["organisation", "hour", "dimension", "value"],
            name="feedback_count_unique_cell")]
        indexes = [models.Index(fields=["organisation", "dimension", "hour"])]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.hour:%Y-%m-%d %H:00} {self.dimension}={self.value}"
