"""The live path (new inbox messages -> the organisation's detector -> alerts) and
`rasmi monitor_replay`."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from rasmi.monitoring import live
from rasmi.monitoring.demo_stream import mentions as demo_flood
from rasmi.monitoring.models import Alert, DetectorState, Mention
from rasmi.monitoring.tasks import observe_mentions
from rasmi.monitoring.tests.conftest import comments

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_detectors():
    live.forget()
    yield
    live.forget()


def test_new_messages_from_the_public_are_queued_for_the_detector(
        office, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        comments(["Air naik di Kg Tebing, banjir dah masuk rumah", "Bila kaunter buka?"])
    (queued,) = DBTaskResult.objects.filter(task_path=observe_mentions.module_path)
    organisation_id, rows = queued.args_kwargs["args"]
    assert organisation_id == office["org"].pk
    assert [r["text"] for r in rows] == ["Air naik di Kg Tebing, banjir dah masuk rumah",
                                         "Bila kaunter buka?"]
    assert rows[0]["topic"] == "flood" and rows[0]["id"].startswith(f"{office['fb'].pk}:")


def test_the_live_detector_learns_raises_once_and_keeps_its_state(office):
    rows = list(demo_flood(timezone.now()))
    for start in range(0, len(rows), 250):  # deliveries arriving over eight days
        live.observe(office["org"], rows[start:start + 250], source="inbox")
    alerts = list(Alert.objects.filter(organisation=office["org"]))
    assert [a.topic for a in alerts] == ["flood"]
    assert alerts[0].example_mentions.exists()  # its examples are stored mentions
    assert Mention.objects.filter(organisation=office["org"]).count() == len(rows)
    # Saved when it raised the alert (and at most a minute apart otherwise).
    state = DetectorState.objects.get(organisation=office["org"])
    assert alerts[0].detected_at <= state.fed_until <= dt.datetime.fromisoformat(rows[-1]["time"])
    # A worker that starts afresh reads the stored state; the same rows again (a
    # redelivery) store nothing and count nothing.
    live.forget()
    assert live.observe(office["org"], rows[-250:], source="inbox") == []
    assert Alert.objects.count() == 1


def test_mentions_far_behind_the_detector_are_stored_but_not_counted(office):
    now = timezone.now()
    live.observe(office["org"], [{"id": "n1", "time": now.isoformat(), "text": "Hai"}],
                 source="inbox")
    old = [{"id": f"o{n}", "time": (now - dt.timedelta(days=300, minutes=n)).isoformat(),
            "text": "Banjir tahun lepas teruk", "topic": "flood"} for n in range(300)]
    assert live.observe(office["org"], old, source="import") == []
    assert Mention.objects.filter(source="import").count() == 300
    assert DetectorState.objects.get().fed_until == now


def test_monitor_replay_plays_the_demo_flood_into_alerts(office):
    out = StringIO()
    call_command("monitor_replay", organisation=office["org"].code, stdout=out)
    (alert,) = Alert.objects.filter(organisation=office["org"])
    assert alert.topic == "flood" and alert.count > alert.baseline * 5
    assert alert.example_mentions.count() == len(alert.examples) > 0
    assert timezone.now() - alert.detected_at < dt.timedelta(hours=1)
    assert "1 alert(s)" in out.getvalue()
    # Played again, it is a new run: new mentions, a new alert.
    call_command("monitor_replay", organisation=office["org"].code, stdout=StringIO())
    assert Alert.objects.count() == 2


def test_monitor_replay_refuses_bad_files_and_people_who_may_not(office, tmp_path):
    stream = tmp_path / "m.jsonl"
    code = office["org"].code
    with translation.override("en"):
        stream.write_text(json.dumps({"id": "a", "time": "2026-12-01T08:00:00",
                                      "text": "Banjir"}) + "\n")
        with pytest.raises(CommandError,
                           match="line 1: time 2026-12-01T08:00:00 has no UTC offset"):
            call_command("monitor_replay", organisation=code, input=stream)
        stream.write_text("\n" + json.dumps({"id": "b", "time": "2026-12-01T08:00:00+08:00"}))
        with pytest.raises(CommandError, match="line 2: missing required field 'text'"):
            call_command("monitor_replay", organisation=code, input=stream)
        stream.write_text("{oops\n")
        with pytest.raises(CommandError, match="line 1: not valid JSON"):
            call_command("monitor_replay", organisation=code, input=stream)
    with pytest.raises(CommandError, match="cannot read"):
        call_command("monitor_replay", organisation=code, input=tmp_path / "none.jsonl")
    with pytest.raises(CommandError, match="may not run monitoring"):
        call_command("monitor_replay", organisation=code, actor=office["editor"].username)
    assert not Mention.objects.exists()
