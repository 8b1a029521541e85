"""Reads of teacher records that are more than a scoped queryset."""

from django.db.models import QuerySet

from .models import Teacher, TeacherFact


def teacher_facts(*, teacher: Teacher) -> QuerySet[TeacherFact]:
    """A teacher's dated facts (DESIGN §3), by field then date; who recorded each."""
    return (
        TeacherFact.objects.filter(teacher=teacher)
        .select_related("recorded_by")
        .order_by("field", "effective_on", "id")
    )
