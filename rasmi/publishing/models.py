"""Publishing: an organisation's SOP, its posts and their way from draft to published.

A post goes draft -> in review -> approved -> scheduled -> published | failed. Approvals
name the post's version: an edit bumps the version, so approvals of older text no longer
count and an approved post goes back to review.
"""

from datetime import time

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rasmi.people.models import Role
from rasmi.registry.models import PLATFORM_CHOICES


class LanguagePolicy(models.TextChoices):
    MALAY_REQUIRED = "malay_required", _("Every post carries Bahasa Melayu")
    MALAY_AND_ENGLISH = "malay_and_english", _("Bahasa Melayu first, English alongside")
    ANY = "any", _("Any language the audience reads")


def default_drafter_roles() -> list[str]:
    return [Role.ORG_EDITOR.value, Role.ORG_ADMIN.value]


def default_approver_roles() -> list[str]:
    return [Role.ORG_APPROVER.value, Role.ORG_ADMIN.value]


class SopSettings(models.Model):
    """One organisation's social media SOP, as settings Rasmi enforces and renders."""

    organisation = models.OneToOneField("registry.Organisation", on_delete=models.CASCADE,
                                        related_name="sop")
    drafter_roles = models.JSONField(default=default_drafter_roles)
    approver_roles = models.JSONField(default=default_approver_roles)
    approvals_required = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(3)])
    platforms = models.JSONField(default=list, blank=True)
    language_policy = models.CharField(max_length=20, choices=LanguagePolicy.choices,
                                       default=LanguagePolicy.MALAY_REQUIRED)
    posting_start = models.TimeField(default=time(8, 0))
    posting_end = models.TimeField(default=time(22, 0))
    first_response_hours = models.PositiveSmallIntegerField(default=24)
    urgent_response_minutes = models.PositiveSmallIntegerField(default=60)
    resolution_working_days = models.PositiveSmallIntegerField(default=15)
    # Citizens' messages are anonymised this many days after their conversation ends.
    message_retention_days = models.PositiveSmallIntegerField(default=365)
    crisis_officers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True,
                                             related_name="crisis_officer_for")
    crisis_contact_note = models.TextField(blank=True)
    # The organisation's choices of checks: packs and rules switched off, its own terms.
    packs_off = models.JSONField(default=list, blank=True)
    rules_off = models.JSONField(default=list, blank=True)
    own_terms_block = models.JSONField(default=list, blank=True)
    own_terms_warn = models.JSONField(default=list, blank=True)
    # Crisis mode as far as publishing needs it (fast-track); monitoring builds on it.
    crisis_active = models.BooleanField(default=False)
    crisis_name = models.CharField(max_length=200, blank=True)
    crisis_started_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(approvals_required__gte=1)
                                   & Q(approvals_required__lte=3),
                                   name="sop_approvals_between_1_and_3"),
            models.CheckConstraint(condition=Q(posting_start__lt=models.F("posting_end")),
                                   name="sop_posting_hours_ordered"),
        ]

    def __str__(self) -> str:
        return f"SOP · {self.organisation.code}"


class PostState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")
    FAILED = "failed", _("Failed")


class Post(models.Model):
    organisation = models.ForeignKey("registry.Organisation", on_delete=models.PROTECT,
                                     related_name="posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="posts_written")
    title = models.CharField(max_length=200)
    text = models.TextField()
    link = models.URLField(max_length=500, blank=True)
    media_type = models.CharField(max_length=10, blank=True,
                                  choices=[("image", _("Image")), ("video", _("Video"))])
    media_url = models.URLField(max_length=500, blank=True)
    media_alt_text = models.TextField(blank=True)
    # Captions are what deaf viewers need; a description alone does not make a video
    # accessible. A video without speech counts as captioned.
    media_captioned = models.BooleanField(default=False)
    # YouTube's API sets the metadata of a video already on the channel; this names it.
    youtube_video_id = models.CharField(max_length=11, blank=True)
    state = models.CharField(max_length=20, choices=PostState.choices, default=PostState.DRAFT,
                             db_index=True)
    version = models.PositiveIntegerField(default=1)
    scheduled_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # What the checker said of this version: kept so lists and the calendar need no re-check.
    verdict = models.CharField(max_length=10, default="pass")
    findings = models.JSONField(default=list, blank=True)
    justification = models.TextField(blank=True)
    review_note = models.TextField(blank=True)  # why it was sent back
    fast_tracked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="+")
    after_review_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="+")
    after_review_at = models.DateTimeField(null=True, blank=True)
    after_review_note = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=PostState.values),
                                   name="post_state_valid"),
            models.CheckConstraint(condition=~Q(state="scheduled") | Q(scheduled_at__isnull=False),
                                   name="post_scheduled_has_time"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def media(self) -> list[dict]:
        if not self.media_type:
            return []
        return [{"type": self.media_type, "url": self.media_url, "alt_text": self.media_alt_text,
                 "captions": self.media_captioned}]

    @property
    def needs_after_review(self) -> bool:
        return self.fast_tracked_by_id is not None and self.after_review_by_id is None


class TargetState(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENDING = "sending", _("Sending")
    PUBLISHED = "published", _("Published")
    FAILED = "failed", _("Failed")


class PostTarget(models.Model):
    """One official account a post goes to, with its own text when the platform needs it."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="targets")
    account = models.ForeignKey("registry.SocialAccount", on_delete=models.PROTECT,
                                related_name="post_targets")
    text = models.TextField(blank=True, help_text=_("Leave empty to use the post's text."))
    state = models.CharField(max_length=10, choices=TargetState.choices,
                             default=TargetState.PENDING)
    # Never published twice: one key per post and account, checked before every send.
    idempotency_key = models.CharField(max_length=80, unique=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error_kind = models.CharField(max_length=20, blank=True)  # connectors' ErrorKind
    last_error = models.TextField(blank=True)
    platform_post_id = models.CharField(max_length=200, blank=True)
    permalink = models.URLField(max_length=500, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "account"], name="post_target_once"),
        ]

    def __str__(self) -> str:
        return f"{self.post_id} -> {self.account}"

    @property
    def effective_text(self) -> str:
        return self.text or self.post.text


class Decision(models.TextChoices):
    APPROVE = "approve", _("Approved")
    REJECT = "reject", _("Sent back")
    FAST_TRACK = "fast_track", _("Fast-tracked in crisis mode")


class Approval(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="approvals")
    approver = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="post_approvals")
    version = models.PositiveIntegerField()
    decision = models.CharField(max_length=12, choices=Decision.choices)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["post", "approver", "version"],
                                    name="approval_once_per_version"),
        ]

    def __str__(self) -> str:
        return f"{self.post_id} v{self.version} {self.decision} by {self.approver_id}"


class CredentialMode(models.TextChoices):
    DRY_RUN = "dry_run", _("Dry run (local outbox)")
    LIVE = "live", _("Live (platform API)")


class Credential(models.Model):
    """How Rasmi posts to one official account. The token is encrypted at rest."""

    account = models.OneToOneField("registry.SocialAccount", on_delete=models.CASCADE,
                                   related_name="credential")
    mode = models.CharField(max_length=10, choices=CredentialMode.choices,
                            default=CredentialMode.DRY_RUN)
    token_encrypted = models.TextField(blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                 related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.account} · {self.mode}"


class OutboxEntry(models.Model):
    """What the dry-run connector 'published': the whole flow without a platform."""

    idempotency_key = models.CharField(max_length=80, unique=True)
    platform = models.CharField(max_length=20, choices=PLATFORM_CHOICES)
    account_key = models.CharField(max_length=300)
    text = models.TextField()
    link = models.URLField(max_length=500, blank=True)
    media = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "outbox entries"

    def __str__(self) -> str:
        return self.idempotency_key
