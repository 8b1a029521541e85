"""The bulk mechanism behind the batch services (issue 10: one write path).

Only the record types' own services call ``write_rows`` (``teachers_write_batch``,
``certificates_write_batch``, ``completions_write_batch`` …; a test scans the source for
other callers): it inserts and updates rows in bulk (COPY on PostgreSQL) and writes the
audit entries django-auditlog would have written for each save, in bulk too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from json.encoder import encode_basestring as json_string  # type: ignore[attr-defined]
from typing import Any

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Model
from django.utils import timezone

from . import bulk
from .idnumbers import mask_id_number

NOISE = {"id", "version", "created_at", "updated_at", "facts_since"}
MASKED = {"id_number"}
CHILD_TEACHER = "teacher_id"


def write_rows(
    model: type[Model],
    *,
    new: Sequence[dict[str, Any]],
    updated: Sequence[tuple[dict[str, Any], dict[str, Any]]],
    key: Sequence[str],
    actor_id: int | None = None,
    audit_data: dict[str, Any] | None = None,
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Insert ``new`` rows and apply ``updated`` (before, after) pairs (after carries the
    ``id``), then audit both. Rows are plain dicts of attribute names with every column the
    table needs (COPY applies no Django defaults).

    A pair that changes no column but NOISE is left out (no UPDATE, no new version, no audit
    entry): returns the pairs written, which alone the services' follow-ups (dated facts,
    re-evaluation) take up, so that a re-import of the same workbook writes nothing."""
    updated = changed_pairs(updated)
    bulk.insert(model, new)
    bulk.update(model, [after for _before, after in updated])
    log_bulk(model, created=new, updated=updated, key=key, actor_id=actor_id, extra=audit_data)
    return updated


def changed_pairs(
    updated: Sequence[tuple[dict[str, Any], dict[str, Any]]],
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """The (before, after) pairs whose ``after`` differs from ``before`` in a column other
    than NOISE, or sets a column ``before`` does not show (written, as it cannot be
    compared). Only pairs are compared: new rows pay nothing."""
    return [
        (before, after)
        for before, after in updated
        if any(n not in NOISE and (n not in before or before[n] != v) for n, v in after.items())
    ]


def _text(name: str, value: Any) -> str:
    if value is None:
        return "None"
    if name in MASKED:
        return mask_id_number(str(value))
    return value if type(value) is str else str(value)


def _field(name: str) -> str:
    return name[:-3] if name.endswith("_id") else name


def _entry(
    model: type[Model],
    content_type: ContentType,
    pk: int,
    changes: dict[str, list[str]],
    action: int,
    values: dict[str, Any],
    actor_id: int | None,
    extra: dict[str, Any] | None,
    now: Any = None,
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
        "actor_id": actor_id,
        "timestamp": now or timezone.now(),
        "additional_data": extra,
    }


# The columns of _created_lines' lines, in their order (the others take NULL).
LINE_COLUMNS = (
    "content_type_id", "object_pk", "object_id", "object_repr", "serialized_data", "action",
    "changes_text", "changes", "actor_id", "timestamp", "additional_data",
)  # fmt: skip


def _created_lines(
    model: type[Model],
    content_type: ContentType,
    created: Sequence[dict[str, Any]],
    pk_of: Callable[[dict[str, Any]], int | None],
    plan: list[tuple[str, str, bool]],
    actor_id: int | None,
    extra: dict[str, Any] | None,
    now: Any,
) -> tuple[list[str], Sequence[dict[str, Any]]]:
    """On PostgreSQL, the CREATE entries of the rows that share the first row's columns as
    lines of COPY text: the same values as _entry's dicts (the same JSON once stored), made
    without a dict, a JSON encoding and a formatter's call per value (a 10,000-row import's
    audit took about a third of its commit's Python). Returns the lines and the rows left
    for _entry (all of them elsewhere)."""
    if connection.vendor != "postgresql":
        return [], created
    columns = created[0].keys()
    name = "name" in columns
    number = "number" in columns
    child = CHILD_TEACHER in columns
    # Each audited column's JSON up to its value (`"label": ["None", `).
    heads = [(n, json_string(shown) + ': ["None", ', masked) for n, shown, masked in plan]
    action = int(LogEntry.Action.CREATE)
    # actor_id, timestamp and additional_data: the batch's own.
    after = "\t".join([
        bulk.NULL_TEXT if actor_id is None else str(int(actor_id)),
        now.isoformat(),
        bulk.NULL_TEXT if extra is None else bulk.copy_json(bulk.to_json(extra)),
    ])  # fmt: skip
    start = f"{int(content_type.pk)}\t"
    lines: list[str] = []
    rest: list[dict[str, Any]] = []
    append = lines.append
    for row in created:
        if row.keys() != columns:
            rest.append(row)
            continue
        pk = pk_of(row)
        if pk is None:
            continue
        parts = []
        for n, head, masked in heads:
            v = row[n]
            if v is None or v == "":
                continue
            text = v if type(v) is str else str(v)
            parts.append(head + json_string(mask_id_number(text) if masked else text) + "]")
        changes = bulk.copy_json("{" + ", ".join(parts) + "}")
        shown = (name and row["name"]) or (number and row["number"]) or f"{model.__name__} {pk}"
        if child:
            serialized = bulk.copy_json(bulk.to_json({"fields": {"teacher": row[CHILD_TEACHER]}}))
        else:
            serialized = bulk.NULL_TEXT
        append(
            f"{start}{pk}\t{pk}\t{bulk.copy_text(str(shown))}\t{serialized}\t{action}\t\t"
            f"{changes}\t{after}\n"
        )  # LINE_COLUMNS' order; changes_text is empty
    return lines, rest


def log_bulk(
    model: type[Model],
    *,
    created: Sequence[dict[str, Any]],
    updated: Sequence[tuple[dict[str, Any], dict[str, Any]]],
    key: Sequence[str],
    actor_id: int | None = None,
    extra: dict[str, Any] | None = None,
) -> None:
    """Audit rows just written in bulk, in django-auditlog's own format. ``created`` rows
    are found again by ``key``; ``updated`` are (before, after) pairs."""
    if not auditlog.contains(model) or not (created or updated):
        return
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()  # one moment for the batch, as one transaction writes it
    entries: list[dict[str, Any]] = []
    labels: dict[str, str] = {}  # attribute → the field name auditlog shows

    def label(name: str) -> str:
        found = labels.get(name)
        if found is None:
            found = labels[name] = _field(name)
        return found

    if created:
        if all("id" in row for row in created):
            ids = None  # inserted with their ids (bulk.next_ids)
        else:
            first = key[0]
            found = model._default_manager.filter(
                **{f"{first}__in": {row[first] for row in created}}
            ).values("id", *key)
            ids = {tuple(row[k] for k in key): row["id"] for row in found}

        def pk_of(row: dict[str, Any]) -> int | None:
            return row["id"] if ids is None else ids.get(tuple(row[k] for k in key))

        create = LogEntry.Action.CREATE
        # (attribute, label, masked) of the audited columns, in the rows' order; worked out
        # once for the rows that share the first row's columns (a batch writer's rows do).
        columns = created[0].keys()
        plan = [(n, _field(n), n in MASKED) for n in columns if n not in NOISE]
        lines, rest = _created_lines(
            model, content_type, created, pk_of, plan, actor_id, extra, now
        )
        for row in rest:
            pk = pk_of(row)
            if pk is None:
                continue
            if row.keys() == columns:
                changes = {}
                for n, shown, masked in plan:
                    v = row[n]
                    if v is None or v == "":
                        continue
                    text = v if type(v) is str else str(v)
                    changes[shown] = ["None", mask_id_number(text) if masked else text]
            else:
                changes = {
                    label(n): ["None", _text(n, v)]
                    for n, v in row.items()
                    if n not in NOISE and v is not None and v != ""
                }
            entries.append(
                _entry(model, content_type, pk, changes, create, row, actor_id, extra, now)
            )
        if lines:  # (PostgreSQL)
            bulk.insert_lines(LogEntry, LINE_COLUMNS, lines)
    for before, after in updated:
        changes = {
            label(n): [_text(n, before.get(n)), _text(n, v)]
            for n, v in after.items()
            if n not in NOISE and before.get(n) != v
        }
        values = {**before, **after}
        entries.append(
            _entry(
                model,
                content_type,
                after["id"],
                changes,
                LogEntry.Action.UPDATE,
                values,
                actor_id,
                extra,
                now,
            )
        )
    if entries:
        bulk.insert(LogEntry, entries)
