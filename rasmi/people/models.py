"""Who may do what: a membership is a user's role in one organisation (or, for a
coordinator, nationally, across all organisations)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("National coordinator")
    ORG_ADMIN = "org_admin", _("Organisation administrator")
    ORG_EDITOR = "org_editor", _("Organisation editor")
    # Approves posts under the organisation's SOP (maker-checker); drafts nothing by default.
    ORG_APPROVER = "org_approver", _("Organisation approver")
    VIEWER = "viewer", _("Viewer")


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="memberships")
    organisation = models.ForeignKey("registry.Organisation", null=True, blank=True,
                                     on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"],
                                    name="membership_unique_role"),
            models.UniqueConstraint(fields=["user", "role"], condition=Q(organisation=None),
                                    name="membership_unique_national_role"),
            # A coordinator is national; every other role belongs to one organisation.
            models.CheckConstraint(
                condition=(Q(role="coordinator", organisation=None)
                           | (~Q(role="coordinator") & Q(organisation__isnull=False))),
                name="membership_scope_matches_role",
            ),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="membership_role_valid"),
        ]

    def __str__(self) -> str:
        where = self.organisation.code if self.organisation_id else "national"
        return f"{self.user} · {self.role} · {where}"
