import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from rasmi.audit.models import AuditEntry
from rasmi.audit.services import PendingEntry, record, record_many, verify_chain

pytestmark = pytest.mark.django_db


def _three_entries():
    for number in range(3):
        record(None, "test.thing", object_type="thing", object_id=str(number),
               before={"n": number}, after={"n": number + 1})


def test_chain_links_each_entry_to_the_previous():
    _three_entries()
    entries = list(AuditEntry.objects.order_by("id"))
    assert entries[1].prev_hash == entries[0].hash
    assert entries[2].prev_hash == entries[1].hash
    assert verify_chain() == (3, [])
    call_command("audit_verify")


def test_entries_cannot_be_changed_or_deleted_through_the_orm():
    _three_entries()
    entry = AuditEntry.objects.first()
    entry.action = "edited"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.update(action="x")


def _raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_audit_verify_detects_an_edited_entry():
    _three_entries()
    middle = AuditEntry.objects.order_by("id")[1]
    _raw("UPDATE audit_auditentry SET actor_label = %s WHERE id = %s", ["mallory", middle.pk])
    checked, problems = verify_chain()
    assert [p.entry_id for p in problems] == [middle.pk]
    with pytest.raises(CommandError):
        call_command("audit_verify")


def test_audit_verify_detects_a_deleted_entry():
    _three_entries()
    middle = AuditEntry.objects.order_by("id")[1]
    _raw("DELETE FROM audit_auditentry WHERE id = %s", [middle.pk])
    _, problems = verify_chain()
    assert problems and "missing" in problems[0].problem


def test_audit_verify_detects_truncation_of_the_latest_entries():
    _three_entries()
    last = AuditEntry.objects.order_by("id").last()
    _raw("DELETE FROM audit_auditentry WHERE id = %s", [last.pk])
    _, problems = verify_chain()
    assert problems and "deleted" in problems[-1].problem


def test_bulk_entries_continue_the_same_chain():
    _three_entries()
    record_many(None, [PendingEntry("bulk", "thing", str(n), None, {"n": n}) for n in range(5)])
    record(None, "after.bulk", object_type="thing", object_id="x")
    assert verify_chain() == (9, [])
