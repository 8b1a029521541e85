"""Reads of the audit history (django-auditlog's LogEntry)."""

from typing import Any

from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from shuangshi.teachers.models import Teacher

from .registry import TEACHER_CHILDREN


def log_entries() -> QuerySet[LogEntry]:
    return LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-id")


def teacher_history(*, teacher: Teacher, user: Any = None) -> QuerySet[LogEntry]:
    """The teacher's own entries and those of its certificates, periods and completions,
    including ones since deleted (their teacher is kept in serialized_data).

    ``user``: of the teacher's recognition applications, only the entries of those the user
    may open (recognition.selectors.applications_visible_to): an application stays with the
    school that submitted it (DESIGN §8), so the HR of a school the teacher moved to does not
    read the old school's statements and review opinions here either."""
    children = ContentType.objects.get_for_models(
        *(apps.get_model(label) for label in TEACHER_CHILDREN)
    ).values()
    entries = log_entries().filter(
        Q(content_type=ContentType.objects.get_for_model(Teacher), object_id=teacher.pk)
        | Q(content_type__in=children, serialized_data__fields__teacher=teacher.pk)
    )
    if user is None:
        return entries
    from shuangshi.recognition.models import Application
    from shuangshi.recognition.selectors import applications_visible_to

    visible = applications_visible_to(user).filter(teacher=teacher).values("pk")
    return entries.exclude(  # a subquery: no statement more for the page
        Q(content_type=ContentType.objects.get_for_model(Application)) & ~Q(object_id__in=visible)
    )
