"""E-mailing an alert to the crisis contacts, each in their own language, through Django's
mail backend (EMAIL_URL; the console by default, locmem in tests).

Runs once the alert's transaction has committed: a rolled-back alert mails nobody. A mail
server that is down must not lose the alert, which is already stored and in the banner;
the failure is logged for the operators.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from rasmi.inbox import labels  # noqa: I001

log = logging.getLogger(__name__)
EXAMPLES_IN_MAIL = 5
EXAMPLE_LENGTH = 280


def _lineage(organisation) -> list[int]:
    ids, current = [], organisation
    while current is not None and current.pk not in ids and len(ids) < 10:
        ids.append(current.pk)
        current = current.parent
    return ids


def recipients(alert):
    """The alert's organisation's crisis contacts, and those of the organisations above
    it (a ministry's contacts hear of its departments' alerts)."""
    from rasmi.monitoring.models import CrisisContact

    contacts = CrisisContact.objects.filter(
        organisation_id__in=_lineage(alert.organisation)).select_related("user")
    seen, found = set(), []
    for contact in contacts:
        address = contact.address
        if address and contact.user.is_active and address.lower() not in seen:
            seen.add(address.lower())
            found.append(contact)
    return found


def message_for(alert, contact) -> EmailMessage:
    examples = list(alert.example_mentions.order_by("at")[:EXAMPLES_IN_MAIL])
    link = settings.RASMI_SITE_URL.rstrip("/") + reverse("monitoring:alert", args=[alert.pk])
    with translation.override(contact.language):
        organisation = alert.organisation.name
        topic = labels.label(labels.TOPIC, alert.topic) if alert.topic else _("all mentions")
        subject = _("Rasmi alert: surge in mentions on %(topic)s for %(organisation)s") % {
            "topic": topic, "organisation": organisation}
        body = render_to_string("monitoring/email/alert.txt", {
            "alert": alert, "organisation": organisation, "topic": topic,
            "examples": [m.text[:EXAMPLE_LENGTH] for m in examples],
            "missing_examples": max(0, len(alert.examples) - len(examples)), "link": link,
            "ratio": alert.count / alert.baseline if alert.baseline else None,
        })
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=[contact.address])


def send_alert(alert_id: int) -> int:
    """E-mail one alert to its contacts; returns how many mails went out."""
    from rasmi.monitoring.models import Alert

    alert = Alert.objects.select_related("organisation", "organisation__parent").filter(
        pk=alert_id).first()
    if alert is None:
        return 0
    messages = [message_for(alert, contact) for contact in recipients(alert)]
    if not messages:
        return 0
    try:
        return get_connection().send_messages(messages) or 0
    except Exception:  # the alert stands without its mail; operators see why
        log.exception("alert %s: e-mail to crisis contacts failed", alert.pk)
        return 0
