"""Who receives an alert: every active user whose scope holds the alert's subject."""

from collections import defaultdict
from collections.abc import Iterable

from shuangshi.accounts.models import Role, User


def _active() -> "object":
    return User.objects.filter(is_active=True)


def school_hr(school_ids: Iterable[int]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = defaultdict(list)
    rows = User.objects.filter(
        is_active=True, role=Role.SCHOOL_HR, school_id__in=set(school_ids)
    ).values_list("school_id", "pk")
    for school_id, user_id in rows:
        out[school_id].append(user_id)
    return out


def teachers(teacher_ids: Iterable[int]) -> dict[int, list[int]]:
    """The teacher's own account(s)."""
    out: dict[int, list[int]] = defaultdict(list)
    rows = User.objects.filter(
        is_active=True, role=Role.TEACHER, teacher_id__in=set(teacher_ids)
    ).values_list("teacher_id", "pk")
    for teacher_id, user_id in rows:
        out[teacher_id].append(user_id)
    return out


def city_users(city_ids: Iterable[int]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = defaultdict(list)
    rows = User.objects.filter(
        is_active=True, role=Role.CITY, city_id__in=set(city_ids)
    ).values_list("city_id", "pk")
    for city_id, user_id in rows:
        out[city_id].append(user_id)
    return out


def province_users() -> list[int]:
    return list(
        User.objects.filter(is_active=True, role=Role.PROVINCE).values_list("pk", flat=True)
    )
