"""Reads for the publishing pages: what a user may see, the calendar, warnings."""

import datetime as dt
from functools import cache

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rasmi.audit.models import AuditEntry
from rasmi.core.rules import shipped_rules
from rasmi.people import permissions
from rasmi.publishing import policy
from rasmi.publishing.models import Credential, Post, PostState
from rasmi.registry.models import AccountStatus, Organisation, SocialAccount


def visible_posts(user) -> QuerySet[Post]:
    # The SOP comes along: approval checks on a list read it for every post.
    posts = Post.objects.select_related("organisation", "organisation__sop", "author")
    scope = permissions.visible_organisations_q(user)
    return posts if scope is None else posts.filter(scope)


def draftable_organisations(user) -> list[Organisation]:
    scope = permissions.visible_organisations_q(user, field="")
    candidates = Organisation.objects.all() if scope is None else Organisation.objects.filter(
        scope)
    return [o for o in candidates.order_by("name_ms") if policy.can_draft(user, o)]


def official_accounts(organisation) -> QuerySet[SocialAccount]:
    return SocialAccount.objects.filter(organisation=organisation,
                                        status=AccountStatus.OFFICIAL).order_by("platform",
                                                                                "handle")


def waiting_for(user) -> list[Post]:
    """Posts in review that this user may approve (never their own)."""
    return [p for p in visible_posts(user).filter(state=PostState.IN_REVIEW)
            .exclude(author=user) if policy.can_approve(user, p)]


def calendar_posts(user, start: dt.datetime, end: dt.datetime) -> list[Post]:
    return list(visible_posts(user).filter(
        Q(scheduled_at__gte=start, scheduled_at__lt=end)
        | Q(published_at__gte=start, published_at__lt=end)).order_by("scheduled_at"))


HISTORY_LABELS = {
    "post.create": _("Draft written"), "post.edit": _("Edited (checks ran again)"),
    "post.submit": _("Sent for approval"), "post.approve": _("Approved"),
    "post.send_back": _("Sent back"), "post.fast_track": _("Fast-tracked in crisis mode"),
    "post.after_review": _("Reviewed after fast-track"), "post.schedule": _("Schedule set"),
    "post.retry": _("Publishing tried again"), "post.published": _("Published"),
    "post.failed": _("Publishing failed"),
}


def post_history(post: Post) -> list[dict]:
    entries = AuditEntry.objects.filter(object_type="publishing.post",
                                        object_id=str(post.pk)).order_by("at")
    return [{"at": e.at, "actor": e.actor_label,
             "label": HISTORY_LABELS.get(e.action, e.action)} for e in entries]


def expiring_credentials(user) -> list[Credential]:
    soon = timezone.now() + dt.timedelta(days=settings.TOKEN_EXPIRY_WARNING_DAYS)
    credentials = Credential.objects.select_related("account", "account__organisation").filter(
        mode="live", expires_at__lte=soon)
    scope = permissions.visible_organisations_q(user, "account__organisation")
    if scope is not None:
        credentials = credentials.filter(scope)
    return list(credentials.order_by("expires_at"))


@cache
def _guide_slugs() -> dict[str, str]:
    return {rule.id: rule.guide for rule in shipped_rules() if rule.guide}


def guide_link(rule_id: str) -> str:
    """Where the guide explains this rule ('' for an organisation's own terms)."""
    slug = _guide_slugs().get(rule_id)
    if not slug:
        return ""
    try:
        return reverse("guide:page", args=[slug]) + "#" + rule_id
    except NoReverseMatch:
        return ""
