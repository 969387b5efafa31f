"""The directory of organisations and the register of their social media accounts."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from rasmi.core.platforms import PLATFORM_CODES, PLATFORMS


class OrganisationKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    DEPARTMENT = "department", _("Department")
    AGENCY = "agency", _("Agency")
    STATUTORY_BODY = "statutory_body", _("Statutory body")
    STATE_GOVERNMENT = "state_government", _("State government")
    LOCAL_AUTHORITY = "local_authority", _("Local authority")


class Organisation(models.Model):
    code = models.SlugField(max_length=60, unique=True)
    name_ms = models.CharField(max_length=255)
    name_en = models.CharField(max_length=255)
    acronyms = models.JSONField(default=list, blank=True)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    website = models.CharField(max_length=255, blank=True)
    logo = models.ImageField(upload_to="logos/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name_ms"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=OrganisationKind.values),
                                   name="organisation_kind_valid"),
            models.CheckConstraint(condition=~Q(parent=models.F("pk")),
                                   name="organisation_not_own_parent"),
        ]

    def __str__(self) -> str:
        return f"{self.name_ms} ({self.code})"

    @property
    def name(self) -> str:
        """The name in the language of the page being shown (BM unless English)."""
        return self.name_en if (get_language() or "").startswith("en") else self.name_ms

    @property
    def other_name(self) -> str:
        return self.name_ms if self.name == self.name_en else self.name_en

    def public_dict(self) -> dict:
        return {"code": self.code, "name_ms": self.name_ms, "name_en": self.name_en}


class AccountStatus(models.TextChoices):
    PENDING = "pending", _("Pending approval")
    OFFICIAL = "official", _("Official")
    ARCHIVED = "archived", _("Archived")
    UNOFFICIAL = "unofficial", _("Unofficial")
    IMPERSONATION = "impersonation", _("Impersonation")
    PARODY = "parody", _("Parody or fan account")


class PlatformVerified(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Unknown")


PLATFORM_CHOICES = [(code, PLATFORMS[code].name) for code in PLATFORM_CODES]


class SocialAccount(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                     related_name="accounts")
    platform = models.CharField(max_length=20, choices=PLATFORM_CHOICES)
    # The canonical key from rasmi.core.links: one per account across the whole register.
    account_key = models.CharField(max_length=300, unique=True)
    canonical_url = models.URLField(max_length=500)
    handle = models.CharField(max_length=200)
    platform_id = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=20, choices=AccountStatus.choices,
                              default=AccountStatus.PENDING, db_index=True)
    platform_verified = models.CharField(max_length=10, choices=PlatformVerified.choices,
                                         default=PlatformVerified.UNKNOWN)
    official_since = models.DateField(null=True, blank=True)
    last_reviewed = models.DateField(null=True, blank=True)
    next_review_due = models.DateField(null=True, blank=True, db_index=True)
    notes = models.TextField(blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation__name_ms", "platform", "handle"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=AccountStatus.values),
                                   name="account_status_valid"),
            models.CheckConstraint(condition=Q(platform__in=list(PLATFORM_CODES)),
                                   name="account_platform_valid"),
            models.UniqueConstraint(fields=["platform", "platform_id"],
                                    condition=~Q(platform_id=""),
                                    name="account_unique_platform_id"),
            # An official account always says since when.
            models.CheckConstraint(
                condition=~Q(status="official") | Q(official_since__isnull=False),
                name="official_account_has_since"),
        ]
        indexes = [models.Index(fields=["organisation", "platform", "status"])]

    def __str__(self) -> str:
        return f"{self.platform}:{self.handle} ({self.status})"


class AccountAlias(models.Model):
    """A former address of an account. It is never official again: it may now belong to
    someone else."""

    account = models.ForeignKey(SocialAccount, on_delete=models.CASCADE, related_name="aliases")
    account_key = models.CharField(max_length=300, unique=True)
    url = models.URLField(max_length=500)
    handle = models.CharField(max_length=200)
    retired_at = models.DateTimeField(auto_now_add=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.account_key} → {self.account.account_key}"


class EvidenceKind(models.TextChoices):
    FILE = "file", _("File (screenshot, letter)")
    GOV_LINK = "gov_link", _("Link from the organisation's own gov.my site")
    ATTESTATION = "attestation", _("Attestation by the organisation's administrator")


class Evidence(models.Model):
    account = models.ForeignKey(SocialAccount, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=20, choices=EvidenceKind.choices)
    file = models.FileField(upload_to="evidence/%Y/%m/", blank=True)
    url = models.URLField(max_length=500, blank=True)
    note = models.TextField(blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                 related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=EvidenceKind.values),
                                   name="evidence_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for account {self.account_id}"


class ReviewDecision(models.TextChoices):
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    RECERTIFIED = "recertified", _("Recertified")
    STATUS_CHANGED = "status_changed", _("Status changed")


class AccountReview(models.Model):
    """Each decision on an account. Survives a rejected submission's deletion."""

    account = models.ForeignKey(SocialAccount, null=True, on_delete=models.SET_NULL,
                                related_name="reviews")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="account_reviews")
    account_key = models.CharField(max_length=300)
    url = models.URLField(max_length=500)
    decision = models.CharField(max_length=20, choices=ReviewDecision.choices)
    reason = models.TextField(blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                 related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.decision}: {self.url}"


class RegisterChange(models.Model):
    """The public change feed: what newsrooms and fact-checkers follow. Only changes a
    citizen could see (pending submissions never appear)."""

    class Kind(models.TextChoices):
        ADDED = "added", _("Added")
        STATUS_CHANGED = "status_changed", _("Status changed")
        MOVED = "moved", _("Address changed")
        REMOVED = "removed", _("Removed")

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    platform = models.CharField(max_length=20)
    account_key = models.CharField(max_length=300)
    url = models.URLField(max_length=500)
    previous_url = models.URLField(max_length=500, blank=True)
    old_status = models.CharField(max_length=20, blank=True)
    new_status = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.url}"


class RegisterVersion(models.Model):
    """One row, bumped by every write that changes a public answer; workers compare it to
    decide when to rebuild their in-memory verify index."""

    version = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"register version {self.version}"
