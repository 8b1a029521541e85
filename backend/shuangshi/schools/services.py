from typing import Any

from django.db import transaction

from shuangshi.common.api import apply_changes

from .models import School


@transaction.atomic
def school_create(*, data: dict[str, Any]) -> School:
    return School.objects.create(**data)


@transaction.atomic
def school_update(*, school: School, data: dict[str, Any]) -> School:
    return apply_changes(school, data)  # type: ignore[return-value]


@transaction.atomic
def school_delete(*, school: School) -> None:
    school.delete()
