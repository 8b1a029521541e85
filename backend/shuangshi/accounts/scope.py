"""What each user may see. Every selector that lists rows starts from these.

A row outside the user's scope is treated exactly like a row that does not exist (404).
"""

from typing import TypeVar

from django.db.models import Model, QuerySet

from shuangshi.schools.models import School
from shuangshi.teachers.models import Teacher

from .models import Role, User

M = TypeVar("M", bound=Model)


def in_school_scope(
    queryset: QuerySet[M], user: User, *, school: str, teacher: str | None = None
) -> QuerySet[M]:
    """Keep the rows whose school (reached by the lookup path `school`) the user may see.

    Province sees all, a city user its city's schools, school HR its own school, a teacher
    their own rows (reached by the lookup path `teacher`, "pk" for teachers themselves;
    without one, nothing), and everyone else nothing.
    """
    role = getattr(user, "role", None)  # AnonymousUser (schema generation) sees nothing
    if role == Role.TEACHER and teacher is not None and user.teacher_id is not None:
        path = "pk" if teacher == "pk" else f"{teacher}_id"
        return queryset.filter(**{path: user.teacher_id})
    if role == Role.PROVINCE:
        return queryset
    if role == Role.CITY and user.city_id is not None:
        path = "city_id" if school == "pk" else f"{school}__city_id"
        return queryset.filter(**{path: user.city_id})
    if role == Role.SCHOOL_HR and user.school_id is not None:
        path = "pk" if school == "pk" else f"{school}_id"
        return queryset.filter(**{path: user.school_id})
    return queryset.none()


def scope_key(user: User) -> str:
    """What a user may see is decided by these fields: equal keys, the same scope (a job's
    file is served only under the scope it was made in, jobs.api)."""
    return ":".join(
        str(v or "")
        for v in (user.role, user.school_id, user.city_id, user.training_base_id, user.teacher_id)
    )


def schools_visible_to(user: User) -> QuerySet[School]:
    return in_school_scope(School.objects.all(), user, school="pk")


def teachers_visible_to(user: User) -> QuerySet[Teacher]:
    """Teachers a user may browse. Base staff never browse teachers (they look up by ID)."""
    return in_school_scope(Teacher.objects.all(), user, school="school", teacher="pk")


def can_see_full_id_number(
    user: User, school_id: int | None, *, teacher_id: int | None = None
) -> bool:
    """Only the province, the owning school's HR and the teacher themself read ID numbers
    unmasked."""
    if user.role == Role.PROVINCE:
        return True
    if user.role == Role.TEACHER:
        return teacher_id is not None and user.teacher_id == teacher_id
    return user.role == Role.SCHOOL_HR and school_id is not None and user.school_id == school_id
