"""Reads for the monitoring pages: alerts, the banner, crises and their rooms."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from rasmi.monitoring import charts, policy
from rasmi.monitoring.models import (
    Alert,
    ClaimCluster,
    Crisis,
    CrisisContact,
    CrisisPost,
    EventKind,
    Mention,
    WatchList,
)
from rasmi.people import permissions
from rasmi.publishing.models import Post
from rasmi.publishing.policy import crisis_officer_now, sop_for
from rasmi.registry.models import Organisation

BANNER_LIMIT = 3
STREAM_LIMIT = 25


def visible_organisations(user) -> QuerySet:
    visible = permissions.visible_organisations_q(user, field="")
    rows = Organisation.objects.all() if visible is None else Organisation.objects.filter(visible)
    return rows.order_by("name_ms")


def member_organisations(user) -> list[Organisation]:
    """The organisations a person chooses between on the watch list page: theirs and those
    beneath them (coordinators, who see hundreds, choose from the full list or ?org=)."""
    return [o for o in visible_organisations(user)] if not permissions.is_coordinator(user) \
        else []


def own_organisations(user) -> list[Organisation]:
    """The organisations the person holds a role in themselves (not those beneath)."""
    return list(Organisation.objects.filter(memberships__user=user).distinct()
                .order_by("name_ms"))


def visible_alerts(user) -> QuerySet:
    visible = permissions.visible_organisations_q(user)
    alerts = Alert.objects.select_related("organisation", "acknowledged_by", "crisis")
    return alerts if visible is None else alerts.filter(visible)


def visible_watch_lists(user) -> QuerySet:
    visible = permissions.visible_organisations_q(user)
    lists = WatchList.objects.select_related("organisation").order_by("organisation__code")
    return lists if visible is None else lists.filter(visible)


def visible_claims(user) -> QuerySet:
    """Claims of the organisations the user sees, and of the crises they see."""
    claims = ClaimCluster.objects.select_related(
        "organisation", "crisis", "marked_by").prefetch_related("alerts")
    if permissions.is_coordinator(user):
        return claims
    organisations = visible_organisations(user)
    return claims.filter(Q(organisation__in=organisations)
                         | Q(crisis__organisations__in=organisations)).distinct()


def banner_alerts(user) -> tuple[int, list[Alert]]:
    """Unacknowledged alerts of the user's organisations: how many, and the newest."""
    if not permissions.is_staff_member(user):
        return 0, []
    waiting = visible_alerts(user).filter(acknowledged_at__isnull=True)
    newest = list(waiting[:BANNER_LIMIT])
    count = len(newest) if len(newest) < BANNER_LIMIT else waiting.count()
    return count, newest


def visible_crises(user) -> QuerySet:
    crises = Crisis.objects.select_related("lead_organisation", "team").prefetch_related(
        "organisations")
    if permissions.is_coordinator(user):
        return crises
    return crises.filter(organisations__in=visible_organisations(user)).distinct()


def watch_list(organisation) -> WatchList | None:
    return WatchList.objects.filter(organisation=organisation).first()


def contacts(organisation) -> list[CrisisContact]:
    return list(CrisisContact.objects.filter(organisation=organisation).select_related("user"))


def alert_trend(alert: Alert):
    start, end = charts.alert_window(alert)
    rows = Mention.objects.filter(organisation=alert.organisation, at__gte=start,
                                  at__lt=end).values_list("at", "topic")
    return charts.alert_trend(alert, rows)


def examples(alert: Alert) -> list[Mention]:
    return list(alert.example_mentions.order_by("at"))


def crisis_mentions(crisis: Crisis) -> QuerySet:
    """Mentions of the crisis's organisations on its topics or with its terms (all their
    mentions when it names neither), up to its end."""
    mentions = Mention.objects.filter(organisation__in=crisis.organisations.all())
    if crisis.ended_at:
        mentions = mentions.filter(at__lte=crisis.ended_at)
    conditions = [Q(topic__in=crisis.topics)] if crisis.topics else []
    conditions += [Q(text__icontains=term) for term in crisis.terms]
    if conditions:
        mentions = mentions.filter(reduce(or_, conditions))
    return mentions.select_related("organisation")


def latest_mentions(crisis: Crisis, limit: int = STREAM_LIMIT) -> list[Mention]:
    return list(crisis_mentions(crisis).order_by("-at", "-pk")[:limit])


@dataclass
class Link:
    label: str
    url: str


@dataclass
class TimelineRow:
    at: dt.datetime
    kind: str
    label: str
    text: str
    user: str
    links: list[Link] = field(default_factory=list)


def timeline(crisis: Crisis) -> list[TimelineRow]:
    events = list(crisis.events.select_related("user"))
    alert_ids = {e.links.get("alert") for e in events if e.links.get("alert")}
    post_ids = {e.links.get("post") for e in events if e.links.get("post")}
    alerts = {a.pk: a for a in Alert.objects.filter(pk__in=alert_ids)}
    posts = {p.pk: p for p in Post.objects.filter(pk__in=post_ids)}
    rows = []
    for event in events:
        links = []
        alert = alerts.get(event.links.get("alert"))
        if alert is not None:
            links.append(Link(_("Alert: %(topic)s, %(count)s mentions") % {
                "topic": alert.topic or _("all mentions"), "count": alert.count},
                reverse("monitoring:alert", args=[alert.pk])))
        post = posts.get(event.links.get("post"))
        if post is not None:
            links.append(Link(f"{post.title} ({post.get_state_display().lower()})",
                              reverse("publishing:detail", args=[post.pk])))
        if event.links.get("claim"):
            links.append(Link(_("Claim"), f"#claim-{event.links['claim']}"))
        label = event.get_kind_display()
        if event.kind == EventKind.CLAIM and event.links.get("status"):
            label = _("Claim judged: %(status)s") % {"status": {
                "false": _("False"), "true": _("True"), "unclear": _("Unclear")}.get(
                event.links["status"], event.links["status"])}
        text = "" if post is not None and event.text == post.title else event.text
        rows.append(TimelineRow(event.at, event.kind, str(label), text,
                                event.user.get_username() if event.user else "Rasmi", links))
    return rows


def crisis_posts(crisis: Crisis) -> list[CrisisPost]:
    return list(crisis.crisis_posts.select_related("post", "post__organisation",
                                                   "post__fast_tracked_by"))


def claims(crisis: Crisis) -> list[ClaimCluster]:
    return list(crisis.claims.select_related("marked_by", "post", "canned_reply"))


def crisis_alerts(crisis: Crisis) -> list[Alert]:
    """Alerts joined to the crisis, and any still unacknowledged of its organisations."""
    return list(Alert.objects.filter(
        Q(crisis=crisis) | Q(organisation__in=crisis.organisations.all(),
                             acknowledged_at__isnull=True)).select_related(
        "organisation", "acknowledged_by").distinct()[:100])


def can_fast_track_any(user, crisis: Crisis) -> bool:
    return any(crisis_officer_now(user, sop_for(o)) for o in crisis.organisations.all())


def officers_named(crisis: Crisis) -> bool:
    """Whether any of the crisis's organisations names a crisis officer (who alone may
    fast-track) in its SOP."""
    return any(sop_for(o).pk and sop_for(o).crisis_officers.exists()
               for o in crisis.organisations.all())


def room_permissions(user, crisis: Crisis) -> dict:
    return {"can_work": policy.can_work_crisis(user, crisis) and crisis.active,
            "can_end": policy.can_end_crisis(user, crisis) and crisis.active,
            "can_fast_track": can_fast_track_any(user, crisis)}
