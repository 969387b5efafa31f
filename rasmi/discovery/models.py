"""Candidate accounts found by discovery, citizens' reports, and the cases that carry a
candidate from "found" to "taken down"."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rasmi.registry.models import PLATFORM_CHOICES, Organisation, SocialAccount


class Source(models.TextChoices):
    FILE = "file", _("Imported file")
    SHERLOCK = "sherlock", _("Sherlock report")
    MAIGRET = "maigret", _("Maigret report")
    CITIZEN = "citizen", _("Citizen report")
    CONNECTOR = "connector", _("Platform connector")
    DEMO = "demo", _("Demonstration data")


class Label(models.TextChoices):
    OFFICIAL = "official", _("Official")
    IMPERSONATION = "impersonation", _("Impersonation")
    UNOFFICIAL = "unofficial", _("Unofficial")
    PARODY = "parody", _("Parody")
    UNRELATED = "unrelated", _("Unrelated")


class Candidate(models.Model):
    """One account on a platform, however many times and ways it was found."""

    platform = models.CharField(max_length=20, choices=PLATFORM_CHOICES)
    account_key = models.CharField(max_length=300, unique=True)
    url = models.URLField(max_length=500)
    handle = models.CharField(max_length=200)
    display_name = models.CharField(max_length=300, blank=True)
    bio = models.TextField(blank=True)
    followers = models.PositiveIntegerField(null=True, blank=True)
    verified = models.BooleanField(null=True)
    created_on = models.DateField(null=True, blank=True)
    links = models.JSONField(default=list, blank=True)
    recent_posts = models.JSONField(default=list, blank=True)
    source = models.CharField(max_length=20, choices=Source.choices)
    organisation = models.ForeignKey(Organisation, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="candidates")
    label = models.CharField(max_length=20, choices=Label.choices, blank=True)
    score = models.FloatField(default=0.0)
    reasons = models.JSONField(default=list, blank=True)
    scored_at = models.DateTimeField(null=True, blank=True)
    first_seen_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(label__in=[*Label.values, ""]),
                                   name="candidate_label_valid"),
            models.CheckConstraint(condition=Q(score__gte=0) & Q(score__lte=1),
                                   name="candidate_score_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.platform}:{self.handle}"

    def as_input(self) -> dict:
        """The candidate in the discover_score input shape, for re-scoring."""
        return {"id": str(self.pk), "platform": self.platform, "url": self.url,
                "display_name": self.display_name, "bio": self.bio,
                "followers": self.followers, "verified": self.verified,
                "created_at": self.created_on.isoformat() if self.created_on else None,
                "links": self.links, "recent_posts": self.recent_posts}


class CitizenReport(models.Model):
    """A citizen's "report this account". No name, email or address is asked or kept; the
    client fingerprint is a salted daily hash used only to stop floods."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="reports")
    note = models.CharField(max_length=500, blank=True)
    language = models.CharField(max_length=5, blank=True)
    client_hash = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"report on {self.candidate_id}"


class CaseState(models.TextChoices):
    NEW = "new", _("New")
    CONFIRMED_IMPERSONATION = "confirmed_impersonation", _("Confirmed impersonation")
    CONFIRMED_UNOFFICIAL = "confirmed_unofficial", _("Confirmed unofficial")
    DISMISSED = "dismissed", _("Dismissed")
    TAKEDOWN_REQUESTED = "takedown_requested", _("Takedown requested")
    TAKEN_DOWN = "taken_down", _("Taken down")
    STILL_LIVE = "still_live", _("Still live")


OPEN_STATES = (CaseState.NEW, CaseState.CONFIRMED_IMPERSONATION,
               CaseState.CONFIRMED_UNOFFICIAL, CaseState.TAKEDOWN_REQUESTED,
               CaseState.STILL_LIVE)


class FollowUp(models.TextChoices):
    NONE = "", _("None")
    REGISTER = "register", _("Register it (maker-checker)")
    RETIRE = "retire", _("Retire it")


class Case(models.Model):
    candidate = models.OneToOneField(Candidate, on_delete=models.CASCADE, related_name="case")
    organisation = models.ForeignKey(Organisation, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="cases")
    state = models.CharField(max_length=30, choices=CaseState.choices, default=CaseState.NEW,
                             db_index=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="discovery_cases")
    due_on = models.DateField(null=True, blank=True)
    follow_up = models.CharField(max_length=10, choices=FollowUp.choices, blank=True)
    account = models.ForeignKey(SocialAccount, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="cases")
    opened_at = models.DateTimeField(auto_now_add=True, db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    takedown_requested_at = models.DateTimeField(null=True, blank=True)
    taken_down_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    came_back = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(state__in=CaseState.values),
                                   name="case_state_valid"),
        ]

    def __str__(self) -> str:
        return f"case {self.pk} ({self.state})"


class CaseEvent(models.Model):
    """The case timeline: state changes, comments, assignments, re-checks. Also the source
    of the found / confirmed / taken-down time series."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("Opened")
        STATE = "state", _("State changed")
        COMMENT = "comment", _("Comment")
        ASSIGNED = "assigned", _("Assigned")
        RESCORED = "rescored", _("Re-scored")
        RECHECKED = "rechecked", _("Re-checked")
        REPORTED = "reported", _("Reported by a citizen")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    from_state = models.CharField(max_length=30, blank=True)
    to_state = models.CharField(max_length=30, blank=True)
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} on case {self.case_id}"

    # from_state and to_state are free text (a state may be retired), so their labels
    # come from CaseState here rather than from field choices.
    def get_from_state_display(self) -> str:
        return _state_label(self.from_state)

    def get_to_state_display(self) -> str:
        return _state_label(self.to_state)


def _state_label(value: str) -> str:
    return str(dict(CaseState.choices).get(value, value)) if value else ""
