"""Every triage label has a BM/EN name, and the SLA timers read right: running, warning
in the last fifth of the target, overdue, stopped."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import translation

from rasmi.core.triage import model
from rasmi.inbox import labels, sla

NOW = dt.datetime(2026, 5, 4, 12, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(("kind", "slugs"), [
    (labels.TOPIC, model.TOPICS), (labels.INTENT, model.INTENTS),
    (labels.LANGUAGE, model.LANGUAGES), (labels.SENTIMENT, model.SENTIMENTS)])
def test_every_slug_the_model_gives_has_a_name(kind, slugs):
    assert set(slugs) <= set(labels.BY_KIND[kind])
    with translation.override("en"):
        assert all(labels.label(kind, slug) != slug for slug in slugs if slug not in ("ms",))


def test_names_follow_the_language_and_unknown_slugs_still_read():
    with translation.override("en"):
        assert labels.label(labels.INTENT, "complaint") == "Complaint"
        assert labels.label(labels.TOPIC, "online_system") == "Online systems"
        assert labels.label(labels.TOPIC, "new_topic") == "new topic"
    with translation.override("ms"):
        assert labels.label(labels.INTENT, "complaint") == "Aduan"
        assert labels.label(labels.STATUS, "open") == "Terbuka"


def conversation(**fields):
    base = {"status": "open", "awaiting_since": None, "first_response_due": None,
            "first_response_at": None, "resolution_due": None, "resolved_at": None,
            "created_at": NOW - dt.timedelta(days=1)}
    return SimpleNamespace(**(base | fields))


def hours(n):
    return NOW + dt.timedelta(hours=n)


def test_the_reply_timer_runs_warns_in_the_last_fifth_and_goes_overdue():
    start = {"awaiting_since": hours(-10)}
    assert sla.first_response(conversation(**start, first_response_due=hours(14)),
                              NOW).state == sla.RUNNING
    warning = sla.first_response(conversation(**start, first_response_due=hours(2)), NOW)
    assert (warning.state, warning.seconds) == (sla.WARNING, 7200)  # 2 h of 12 left
    late = sla.first_response(conversation(**start, first_response_due=hours(-3)), NOW)
    assert (late.state, late.seconds, late.pressing) == (sla.OVERDUE, 3 * 3600, True)


def test_the_reply_timer_stops_at_the_first_reply_and_resolving_stops_both():
    answered = conversation(first_response_at=hours(-1), resolution_due=hours(100))
    assert sla.first_response(answered, NOW).state == sla.STOPPED
    assert sla.pressing(answered, NOW).clock == sla.RESOLUTION
    resolved = conversation(status="resolved", first_response_due=hours(-5),
                            resolution_due=hours(-1), resolved_at=hours(-2))
    assert sla.first_response(resolved, NOW).state == sla.NONE
    assert sla.resolution(resolved, NOW).state == sla.STOPPED


def test_the_pressing_timer_is_the_overdue_one_first():
    both = conversation(awaiting_since=hours(-2), first_response_due=hours(20),
                        resolution_due=hours(-1))
    pressing = sla.pressing(both, NOW)
    assert (pressing.clock, pressing.state) == (sla.RESOLUTION, sla.OVERDUE)
    snoozed = conversation(status="snoozed", first_response_due=hours(-1),
                           resolution_due=hours(50))
    assert sla.first_response(snoozed, NOW).state == sla.NONE  # snoozing pauses the reply
    assert sla.resolution(snoozed, NOW).state == sla.RUNNING
