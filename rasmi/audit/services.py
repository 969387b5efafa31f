"""Writing and checking the audit chain. Every service that changes data calls `record`."""

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from rasmi.audit.context import request_id_var
from rasmi.audit.models import AuditEntry, AuditHead

GENESIS = "0" * 64


def _jsonable(value: Any) -> Any:
    """Round-trip through JSON so what is hashed is exactly what the database gives back."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def entry_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    payload = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256((prev_hash + payload).encode()).hexdigest()


def _hashed_fields(entry: AuditEntry) -> dict[str, Any]:
    return {
        "at": entry.at.astimezone(UTC).isoformat(),
        "actor_id": entry.actor_id,
        "actor_label": entry.actor_label,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "before": entry.before,
        "after": entry.after,
        "request_id": entry.request_id,
    }


def actor_label(actor) -> str:
    if actor is None:
        return "system"
    return getattr(actor, "username", None) or str(actor)


@transaction.atomic
def record(actor, action: str, obj=None, *, object_type: str = "", object_id: str = "",
           before: Any = None, after: Any = None) -> AuditEntry:
    """Append one entry. Call inside the service's transaction so the change and its
    audit entry commit or roll back together."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
    entry = AuditEntry(
        at=timezone.now(),
        actor_id=getattr(actor, "pk", None),
        actor_label=actor_label(actor),
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        before=_jsonable(before),
        after=_jsonable(after),
        request_id=request_id_var.get(),
        prev_hash=head.last_hash or GENESIS,
    )
    entry.hash = entry_hash(entry.prev_hash, _hashed_fields(entry))
    entry.save()
    head.last_id, head.last_hash = entry.pk, entry.hash
    head.save(update_fields=["last_id", "last_hash"])
    return entry


@dataclass
class ChainProblem:
    entry_id: int | None
    problem: str


def verify_chain(batch_size: int = 5000) -> tuple[int, list[ChainProblem]]:
    """Walk the chain in order; return (entries checked, problems found)."""
    problems: list[ChainProblem] = []
    expected_prev = GENESIS
    checked = 0
    last_id = 0
    queryset = AuditEntry.objects.order_by("id")
    for entry in queryset.iterator(chunk_size=batch_size):
        checked += 1
        if entry.prev_hash != expected_prev:
            problems.append(ChainProblem(entry.pk, "previous entry missing or changed"))
        if entry_hash(entry.prev_hash, _hashed_fields(entry)) != entry.hash:
            problems.append(ChainProblem(entry.pk, "entry content was edited"))
        expected_prev = entry.hash
        last_id = entry.pk
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None and (head.last_id != last_id or head.last_hash != (
            expected_prev if checked else "")):
        problems.append(ChainProblem(head.last_id, "latest entries were deleted"))
    if head is None and checked:
        problems.append(ChainProblem(None, "chain head missing"))
    return checked, problems


@dataclass
class PendingEntry:
    action: str
    object_type: str
    object_id: str
    before: Any = None
    after: Any = None


@transaction.atomic
def record_many(actor, items: list[PendingEntry], batch_size: int = 2000) -> int:
    """Append many entries in one go (bulk imports): the same chain, computed in Python."""
    if not items:
        return 0
    head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
    prev = head.last_hash or GENESIS
    now, request_id = timezone.now(), request_id_var.get()
    entries = []
    for item in items:
        entry = AuditEntry(at=now, actor_id=getattr(actor, "pk", None),
                           actor_label=actor_label(actor), action=item.action,
                           object_type=item.object_type, object_id=str(item.object_id),
                           before=_jsonable(item.before), after=_jsonable(item.after),
                           request_id=request_id, prev_hash=prev)
        entry.hash = prev = entry_hash(prev, _hashed_fields(entry))
        entries.append(entry)
    AuditEntry.objects.bulk_create(entries, batch_size=batch_size)
    last = AuditEntry.objects.filter(hash=prev).values_list("id", flat=True).get()
    head.last_id, head.last_hash = last, prev
    head.save(update_fields=["last_id", "last_hash"])
    return len(entries)
