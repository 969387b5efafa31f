"""Claims made from the detector's rumour alerts: a real detector run on the live path
(mentions stored, detector fed, alert recorded), no mock."""

import datetime as dt

import pytest

from rasmi.audit.models import AuditEntry
from rasmi.core.tests.surge_streams import CLAIM, minute, stream
from rasmi.monitoring import claims, live, services
from rasmi.monitoring.models import ClaimCluster, ClaimStatus, Crisis

pytestmark = pytest.mark.django_db
RUMOUR_START = minute(2, 14)


@pytest.fixture(autouse=True)
def fresh_detectors():
    live.forget()
    yield
    live.forget()


def rumour_rows(**options) -> list[dict]:
    """Two ordinary days of road and flood talk, then a claim spreading for three hours
    (copies with "Fwd:", emoji, two words swapped), stopped an hour after it starts."""
    mentions = stream(days=2 + 15 / 24, events=[("rumour", "flood", RUMOUR_START, 180, 30.0)],
                      **options)
    return [{"id": m.id, "time": m.time.isoformat(), "text": m.text, "topic": m.topic or ""}
            for m in mentions]


def observe(organisation, rows, batch=500):
    alerts = []
    for start in range(0, len(rows), batch):  # deliveries, as the inbox's worker gets them
        alerts += live.observe(organisation, rows[start:start + batch], source="inbox")
    return alerts


def test_a_rumour_alert_on_the_live_path_makes_its_claim_once(office):
    rows = rumour_rows()
    alerts = observe(office["org"], rows)
    rumours = [a for a in alerts if a.kind == "rumour"]
    assert len(rumours) == 1, [(a.kind, a.topic) for a in alerts]
    (alert,) = rumours
    assert "-rumour-" in alert.alert_id
    (claim,) = ClaimCluster.objects.all()
    assert list(claim.alerts.all()) == [alert]
    assert claim.organisation == office["org"] and claim.crisis is None
    assert claim.status == ClaimStatus.OPEN
    assert claim.mention_ids == alert.examples and claim.count == alert.count > 0
    assert claim.terms == alert.terms
    # Its text is one of the copies, the claim's words in it.
    assert claim.text in set(alert.example_mentions.values_list("text", flat=True))
    assert claims.same_claim(claim.text, CLAIM)
    assert AuditEntry.objects.filter(action="monitoring.claim.record").count() == 1
    # Once per alert: the alert recorded again, or its claim asked for again, adds nothing.
    fields = {"alert_id": alert.alert_id, "kind": "rumour", "topic": alert.topic,
              "terms": alert.terms, "started_at": alert.started_at.isoformat(),
              "detected_at": alert.detected_at.isoformat(), "count": alert.count,
              "baseline": alert.baseline, "score": alert.score, "examples": alert.examples}
    assert services.record_alert(office["org"], fields) == alert
    assert services.claim_from_rumour(alert) == claim
    assert ClaimCluster.objects.count() == 1 and claim.alerts.count() == 1
    claim.refresh_from_db()
    assert claim.count == alert.count  # not counted twice


def test_a_rumour_in_a_crisis_goes_to_its_room_and_can_be_marked_false(office):
    crisis = services.start_crisis(office["admin"], organisations=[], lead=office["org"],
                                   name="Banjir Kelantan", kind="flood")
    (alert,) = [a for a in observe(office["org"], rumour_rows()) if a.kind == "rumour"]
    (claim,) = crisis.claims.all()
    assert alert.crisis == crisis
    assert crisis.events.filter(kind="claim", links__claim=claim.pk).exists()
    marked = services.mark_claim(office["editor"], claim, status="false",
                                 clarification_ms="Empangan selamat. Tiada arahan pindah.")
    assert marked.status == "false" and marked.post_id and marked.canned_reply_id


def test_an_open_claim_from_before_crisis_mode_joins_the_crisis_room(office):
    (alert,) = [a for a in observe(office["org"], rumour_rows()) if a.kind == "rumour"]
    (claim,) = ClaimCluster.objects.all()
    assert claim.crisis is None
    crisis = services.start_crisis(office["admin"], organisations=[], lead=office["org"],
                                   name="Banjir Kelantan", kind="flood")  # not from the alert
    claim.refresh_from_db()
    assert claim.crisis == crisis
    # ... but not an old one, nor one already judged.
    ClaimCluster.objects.filter(pk=claim.pk).update(crisis=None)
    services.end_crisis(office["admin"], crisis)
    ClaimCluster.objects.filter(pk=claim.pk).update(
        created_at=crisis.started_at - services.CLAIMS_JOIN_CRISIS_WITHIN
        - dt.timedelta(minutes=1))
    later = services.start_crisis(office["admin"], organisations=[], lead=office["org"],
                                  name="Banjir Kelantan II", kind="flood")
    claim.refresh_from_db()
    assert claim.crisis is None and not later.claims.exists()


def test_a_rumour_that_comes_back_joins_its_open_claim(office):
    first = rumour_rows()
    observe(office["org"], first)
    (claim,) = ClaimCluster.objects.all()
    count = claim.count
    # The same claim again in other copies (another seed), replayed for the organisation
    # (a detector of its own, the same record_alert): a second rumour alert, the same
    # claim, its count and mentions grown.
    alerts = [a for a in live.replay(office["org"], rumour_rows(seed=8), run="again")
              if a.kind == "rumour"]
    assert len(alerts) == 1
    claim.refresh_from_db()
    assert ClaimCluster.objects.count() == 1
    assert claim.alerts.count() == 2 and claim.count == count + alerts[0].count
    assert AuditEntry.objects.filter(action="monitoring.claim.rumour").count() == 1


def test_the_claim_text_is_the_copy_most_like_the_others():
    copies = ["Fwd: Empangan di hulu sungai akan pecah malam ini",
              "Empangan di hulu sungai akan pecah malam ini 😱",
              "Sebarkan! di Empangan hulu sungai akan pecah malam ini tolong share",
              "Jalan ke Temerloh sesak"]
    assert claims.claim_text(copies) == "Empangan di hulu sungai akan pecah malam ini 😱"
    assert claims.claim_text([]) == "" and claims.claim_text(["  "]) == ""
    assert not claims.same_claim(copies[0], copies[3])


def test_starting_a_crisis_from_a_rumour_alert_brings_its_claim(office):
    (alert,) = [a for a in observe(office["org"], rumour_rows()) if a.kind == "rumour"]
    crisis = services.start_crisis(office["admin"], organisations=[], lead=office["org"],
                                   name="Khabar angin empangan", kind="false_news",
                                   alert=alert)
    assert list(Crisis.objects.get(pk=crisis.pk).claims.all()) == list(alert.claims.all())
