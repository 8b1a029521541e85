"""Reads of the audit history (django-auditlog's LogEntry)."""

from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from shuangshi.teachers.models import Teacher

from .registry import TEACHER_CHILDREN


def log_entries() -> QuerySet[LogEntry]:
    return LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-id")


def teacher_history(*, teacher: Teacher) -> QuerySet[LogEntry]:
    """The teacher's own entries and those of its certificates, periods and completions,
    including ones since deleted (their teacher is kept in serialized_data)."""
    children = ContentType.objects.get_for_models(
        *(apps.get_model(label) for label in TEACHER_CHILDREN)
    ).values()
    return log_entries().filter(
        Q(content_type=ContentType.objects.get_for_model(Teacher), object_id=teacher.pk)
        | Q(content_type__in=children, serialized_data__fields__teacher=teacher.pk)
    )
