import copy
import datetime as dt
import itertools
import json

import pytest
from django.utils import timezone

from rasmi.conftest import make_account, make_user
from rasmi.monitoring import services

FLOOD_ALERT = {"alert_id": "a1", "topic": "flood", "terms": ["banjir", "air naik", "pindah"],
               "started_at": "2026-12-01T08:05:02+08:00",
               "detected_at": "2026-12-01T08:11:30+08:00", "count": 57, "baseline": 2.1,
               "score": 9.4, "examples": ["t3", "t19", "t27"]}
_ids = itertools.count(1)


@pytest.fixture
def office(orgs):
    """JPJ's people and accounts: an admin, an editor, two approvers (the first a crisis
    officer in JPJ's SOP), a viewer; a KKM editor and a MOT admin (the ministry above JPJ);
    a coordinator. Facebook and X accounts on the dry-run outbox, and a crisis team."""
    from rasmi.inbox.models import Team
    from rasmi.publishing import services as publishing
    from rasmi.publishing.models import Credential
    from rasmi.registry.services import bump_register_version

    jpj = orgs["jpj"]
    people = {
        "admin": make_user("jpj-admin", "org_admin", jpj),
        "editor": make_user("jpj-editor", "org_editor", jpj),
        "officer": make_user("jpj-officer", "org_approver", jpj),
        "approver": make_user("jpj-approver", "org_approver", jpj),
        "viewer": make_user("jpj-viewer", "viewer", jpj),
        "outsider": make_user("kkm-editor", "org_editor", orgs["kkm"]),
        "ministry_admin": make_user("mot-admin", "org_admin", orgs["mot"]),
        "coordinator": make_user("national", "coordinator", None),
    }
    fb = make_account(jpj, "https://www.facebook.com/jpjmalaysia", platform_id="100064")
    x = make_account(jpj, "https://x.com/jpjmalaysia", platform_id="200077")
    for account in (fb, x):
        Credential.objects.create(account=account, mode="dry_run")
    bump_register_version()
    publishing.save_sop(people["admin"], jpj, {}, crisis_officers=[people["officer"]])
    team = Team.objects.create(organisation=jpj, name="Bilik gerakan")
    return {"org": jpj, "kkm": orgs["kkm"], "mot": orgs["mot"], "fb": fb, "x": x,
            "team": team, **people}


def mentions(organisation, rows, source="replay"):
    from rasmi.monitoring import services

    return services.record_mentions(organisation, rows, source=source)


def flood_mentions(organisation, base: dt.datetime | None = None) -> list[dict]:
    """The contract's example ids (t3, t19, t27) among a few minutes of flood talk."""
    base = base or dt.datetime.fromisoformat("2026-12-01T08:00:00+08:00")
    rows = [{"id": f"t{n}", "time": (base + dt.timedelta(seconds=20 * n)).isoformat(),
             "text": f"Air sungai naik lagi di Kg Tebing ({n}), banjir dah masuk rumah",
             "topic": "flood"} for n in range(1, 30)]
    rows.append({"id": "t100", "time": (base + dt.timedelta(minutes=3)).isoformat(),
                 "text": "Jalan ke Kuala Krai ok tak pagi ni? Hubungi saya 012-345 6789",
                 "topic": "traffic"})
    mentions(organisation, rows)
    return rows


def alert_fields(**changes) -> dict:
    fields = copy.deepcopy(FLOOD_ALERT)
    fields.update(changes)
    return fields


def comments(texts: list[str], *, at: int = 1764061200):
    """One Meta delivery to JPJ's Page (100064) with a top-level comment per text (each
    its own conversation), processed by ingest as the webhook worker would."""
    from rasmi.inbox import ingest
    from rasmi.inbox.models import Delivery
    from rasmi.inbox.tests.conftest import payload

    body = json.loads(payload("page_comments"))
    template = body["entry"][0]["changes"][0]
    changes = []
    for offset, text in enumerate(texts):
        change = copy.deepcopy(template)
        number = next(_ids)
        change["value"].update(message=text, comment_id=f"987654321098765_{number}",
                               created_time=at + offset,
                               parent_id="100064_987654321098765")
        change["value"]["from"] = {"id": f"psid-{number}", "name": "Orang awam"}
        changes.append(change)
    body["entry"][0]["changes"] = changes
    delivery = Delivery.objects.create(source="meta", body=json.dumps(body))
    ingest.process(delivery.pk)
    return delivery


def now() -> dt.datetime:
    return timezone.now()


@pytest.fixture
def alert(office):
    """A recorded flood alert of the office's organisation, its mentions stored."""
    flood_mentions(office["org"])
    return services.record_alert(office["org"], alert_fields())
