"""Audit entries for bulk imports, in django-auditlog's own format.

COPY and bulk updates send no model signals, so auditlog would not see an import. These
helpers write the same LogEntry rows auditlog writes for a save (create/update, the changed
fields, masked ID numbers, the teacher of a child record in serialized_data so a teacher's
history finds it), in bulk, with the import's owner as actor and the import job's id.
"""

from collections.abc import Sequence
from typing import Any

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils import timezone

from shuangshi.common.idnumbers import mask_id_number

from . import bulk
from .models import ImportJob

NOISE = {"id", "version", "created_at", "updated_at"}
MASKED = {"id_number"}
CHILD_TEACHER = "teacher_id"


def _text(name: str, value: Any) -> str:
    if value is None:
        return "None"
    if name in MASKED:
        return mask_id_number(str(value))
    return str(value)


def _field(name: str) -> str:
    return name[:-3] if name.endswith("_id") else name


def _entry(
    model: type[Model],
    content_type: ContentType,
    pk: int,
    changes: dict[str, list[str]],
    action: int,
    values: dict[str, Any],
    job: ImportJob,
) -> dict[str, Any]:
    """A LogEntry row as bulk.insert takes it (every column COPY needs)."""
    serialized = None
    if CHILD_TEACHER in values:
        serialized = {"fields": {"teacher": values[CHILD_TEACHER]}}
    return {
        "content_type_id": content_type.pk,
        "object_pk": str(pk),
        "object_id": pk,
        "object_repr": str(values.get("name") or values.get("number") or f"{model.__name__} {pk}"),
        "serialized_data": serialized,
        "action": action,
        "changes_text": "",
        "changes": changes,
        "actor_id": job.owner_id,
        "timestamp": timezone.now(),
        "additional_data": {"import": job.pk, "kind": job.kind},
    }


def log_bulk(
    model: type[Model],
    *,
    job: ImportJob | None,
    created: Sequence[dict[str, Any]],
    updated: Sequence[tuple[dict[str, Any], dict[str, Any]]],
    key: Sequence[str],
) -> None:
    """`created`: rows just inserted (found again by `key`); `updated`: (before, after)."""
    if job is None or not auditlog.contains(model) or not (created or updated):
        return
    content_type = ContentType.objects.get_for_model(model)
    entries: list[dict[str, Any]] = []
    if created:
        first = key[0]
        found = model._default_manager.filter(
            **{f"{first}__in": {row[first] for row in created}}
        ).values("id", *key)
        ids = {tuple(row[k] for k in key): row["id"] for row in found}
        for row in created:
            pk = ids.get(tuple(row[k] for k in key))
            if pk is None:
                continue
            changes = {
                _field(n): ["None", _text(n, v)]
                for n, v in row.items()
                if n not in NOISE and v not in (None, "")
            }
            entries.append(
                _entry(model, content_type, pk, changes, LogEntry.Action.CREATE, row, job)
            )
    for before, after in updated:
        changes = {
            _field(n): [_text(n, before.get(n)), _text(n, v)]
            for n, v in after.items()
            if n not in NOISE and before.get(n) != v
        }
        values = {**before, **after}
        entries.append(
            _entry(model, content_type, after["id"], changes, LogEntry.Action.UPDATE, values, job)
        )
    bulk.insert(LogEntry, entries)
