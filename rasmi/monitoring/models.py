"""Crisis monitoring: what is said about an organisation (mentions), the surges the
detector finds in it (alerts), who hears of them (crisis contacts), and crisis mode (a
named crisis with its timeline, pinned answers, claims and posts).

Mentions keep no author: a crisis room needs what is being said and when, not who said
it. Their text is stored with identifiers (MyKad, phone numbers...) masked.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

LANGUAGE_CHOICES = [("ms", _("Bahasa Melayu")), ("en", _("English"))]


class WatchList(models.Model):
    """Terms and topics an organisation watches, besides its own names (core.names), which
    always count."""

    organisation = models.OneToOneField("registry.Organisation", on_delete=models.CASCADE,
                                        related_name="watch_list")
    terms_ms = models.JSONField(default=list, blank=True)
    terms_en = models.JSONField(default=list, blank=True)
    topics = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"watch list · {self.organisation_id}"


class MentionSource(models.TextChoices):
    INBOX = "inbox", _("Inbox message")
    POST = "post", _("Public post or comment")
    IMPORT = "import", _("Imported file")
    REPLAY = "replay", _("Replayed stream")


class Mention(models.Model):
    organisation = models.ForeignKey("registry.Organisation", on_delete=models.CASCADE,
                                     related_name="mentions")
    source = models.CharField(max_length=10, choices=MentionSource.choices)
    external_id = models.CharField(max_length=200)  # the stream's own id (the contract's "id")
    at = models.DateTimeField()
    text = models.TextField()
    topic = models.CharField(max_length=60, blank=True)
    account = models.ForeignKey("registry.SocialAccount", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "source", "external_id"],
                                    name="mention_unique_per_source"),
            models.CheckConstraint(condition=Q(source__in=MentionSource.values),
                                   name="mention_source_valid"),
        ]
        indexes = [models.Index(fields=["organisation", "at"]),
                   models.Index(fields=["organisation", "external_id"])]

    def __str__(self) -> str:
        return f"{self.source}:{self.external_id}"


class CrisisKind(models.TextChoices):
    FLOOD = "flood", _("Flood")
    OUTBREAK = "outbreak", _("Disease outbreak")
    OUTAGE = "outage", _("Service outage")
    DATA_BREACH = "data_breach", _("Data breach")
    SCAM = "scam", _("Scam wave")
    FALSE_NEWS = "false_news", _("False news")
    OTHER = "other", _("Other")


class Crisis(models.Model):
    """A named crisis. One organisation runs it, or a coordinator for several (the lead
    organisation speaks first). Active while `ended_at` is empty."""

    organisations = models.ManyToManyField("registry.Organisation", related_name="crises")
    lead_organisation = models.ForeignKey("registry.Organisation", on_delete=models.PROTECT,
                                          related_name="led_crises")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=CrisisKind.choices)
    topics = models.JSONField(default=list, blank=True)
    terms = models.JSONField(default=list, blank=True)
    # Inbox conversations on the crisis's topics or terms go to this team while it lasts.
    team = models.ForeignKey("inbox.Team", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("crisis team"))
    started_at = models.DateTimeField()
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    ended_at = models.DateTimeField(null=True, blank=True, db_index=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name_plural = "crises"
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=CrisisKind.values),
                                   name="crisis_kind_valid"),
            models.CheckConstraint(condition=Q(ended_at__isnull=True)
                                   | Q(ended_at__gte=models.F("started_at")),
                                   name="crisis_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def active(self) -> bool:
        return self.ended_at is None


class AlertKind(models.TextChoices):
    BURST = "burst", _("Burst")
    RUMOUR = "rumour", _("Rumour")


class Alert(models.Model):
    """One surge the detector reported, in the contract's fields
    (shared/contracts/monitoring: alert_id, topic, terms, started_at, detected_at, count,
    baseline, score, examples), and its kind (a burst of talk, or a rumour: near-identical
    posts spreading one claim), which the contract line leaves out."""

    organisation = models.ForeignKey("registry.Organisation", on_delete=models.CASCADE,
                                     related_name="alerts")
    alert_id = models.CharField(max_length=100)
    kind = models.CharField(max_length=10, choices=AlertKind.choices, default=AlertKind.BURST)
    topic = models.CharField(max_length=60, blank=True)
    terms = models.JSONField(default=list, blank=True)
    started_at = models.DateTimeField()
    detected_at = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField()
    baseline = models.FloatField()
    score = models.FloatField()
    examples = models.JSONField(default=list, blank=True)  # mention ids, as the detector gave
    # The same examples as stored mentions, where they are stored (for their texts).
    example_mentions = models.ManyToManyField(Mention, blank=True, related_name="alerts")
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+")
    acknowledged_at = models.DateTimeField(null=True, blank=True, db_index=True)
    crisis = models.ForeignKey(Crisis, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="alerts")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-detected_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "alert_id"],
                                    name="alert_unique_per_organisation"),
            models.CheckConstraint(condition=Q(kind__in=AlertKind.values),
                                   name="alert_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.alert_id} · {self.topic}"


class CrisisContact(models.Model):
    """A member of the organisation who hears of its alerts at once, by e-mail in their
    language (and, like all its staff, in the live banner)."""

    organisation = models.ForeignKey("registry.Organisation", on_delete=models.CASCADE,
                                     related_name="crisis_contacts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="crisis_contact_for")
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES,
                                default="ms")
    email = models.EmailField(_("e-mail"), blank=True)  # blank: the user's own address
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user__username"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"],
                                    name="crisis_contact_once"),
            models.CheckConstraint(condition=Q(language__in=["ms", "en"]),
                                   name="crisis_contact_language_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation_id}"

    @property
    def address(self) -> str:
        return self.email or self.user.email


class EventKind(models.TextChoices):
    STARTED = "started", _("Crisis mode started")
    ALERT = "alert", _("Alert")
    NOTE = "note", _("Note")
    HOLDING_STATEMENT = "holding_statement", _("Holding statement drafted")
    PINNED_ANSWER = "pinned_answer", _("Answer pinned")
    CLAIM = "claim", _("Claim")
    ENDED = "ended", _("Crisis mode ended")


class CrisisEvent(models.Model):
    """One line of the crisis timeline. `links` names what it is about by id
    ({"alert": 3, "post": 12, "claim": 5, "canned_reply": 8})."""

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(db_index=True)
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    text = models.TextField(blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    links = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [models.CheckConstraint(condition=Q(kind__in=EventKind.values),
                                              name="crisis_event_kind_valid")]

    def __str__(self) -> str:
        return f"{self.crisis_id} {self.kind} {self.at:%H:%M}"


class PinnedAnswer(models.Model):
    """One of the most asked questions of the crisis, answered once (also a canned reply
    for the inbox)."""

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="pinned")
    question_ms = models.CharField(_("question in Bahasa Melayu"), max_length=300)
    question_en = models.CharField(_("question in English"), max_length=300, blank=True)
    answer_ms = models.TextField(_("answer in Bahasa Melayu"))
    answer_en = models.TextField(_("answer in English"), blank=True)
    canned_replies = models.ManyToManyField("inbox.CannedReply", blank=True, related_name="+")
    pinned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                  on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.question_ms


class ClaimStatus(models.TextChoices):
    OPEN = "open", _("Not yet checked")
    FALSE = "false", _("False")
    TRUE = "true", _("True")
    UNCLEAR = "unclear", _("Unclear")


class ClaimCluster(models.Model):
    """Near-identical posts spreading one claim (how a rumour looks), and the
    organisation's verdict on it. Recorded by a person in the crisis room, or made from
    the detector's rumour alerts (`alerts`; a rumour that comes back joins its open
    claim)."""

    crisis = models.ForeignKey(Crisis, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="claims")
    organisation = models.ForeignKey("registry.Organisation", null=True, blank=True,
                                     on_delete=models.CASCADE, related_name="claims")
    text = models.TextField(_("what the claim says"))
    mention_ids = models.JSONField(default=list, blank=True)
    terms = models.JSONField(default=list, blank=True)  # the rumour alerts' terms
    count = models.PositiveIntegerField(default=0)  # mentions the rumour alerts counted
    alerts = models.ManyToManyField(Alert, blank=True, related_name="claims")
    status = models.CharField(max_length=10, choices=ClaimStatus.choices,
                              default=ClaimStatus.OPEN)
    clarification_ms = models.TextField(_("clarification in Bahasa Melayu"), blank=True)
    clarification_en = models.TextField(_("clarification in English"), blank=True)
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    marked_at = models.DateTimeField(null=True, blank=True)
    # What marking it false made: the inbox's canned reply and the clarification draft.
    canned_reply = models.ForeignKey("inbox.CannedReply", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    post = models.ForeignKey("publishing.Post", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(crisis__isnull=False)
                                   | Q(organisation__isnull=False),
                                   name="claim_belongs_somewhere"),
            models.CheckConstraint(condition=Q(status__in=ClaimStatus.values),
                                   name="claim_status_valid"),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class CrisisPostKind(models.TextChoices):
    HOLDING = "holding", _("Holding statement")
    CLARIFICATION = "clarification", _("Clarification")


class CrisisPost(models.Model):
    """A publishing post made from the crisis room; the post itself lives in publishing."""

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="crisis_posts")
    post = models.ForeignKey("publishing.Post", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=15, choices=CrisisPostKind.choices)
    template = models.CharField(max_length=40, blank=True)  # holding statement key
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["crisis", "post"],
                                               name="crisis_post_once")]

    def __str__(self) -> str:
        return f"{self.crisis_id} · {self.post_id}"


class DetectorState(models.Model):
    """An organisation's live surge detector between batches (core.surge's JSON state),
    so the baseline it learnt survives restarts and is shared by the workers."""

    organisation = models.OneToOneField("registry.Organisation", on_delete=models.CASCADE,
                                        related_name="detector_state")
    state = models.JSONField()
    fed_until = models.DateTimeField()  # the latest mention time it has seen
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"detector of {self.organisation_id} until {self.fed_until:%Y-%m-%d %H:%M}"
