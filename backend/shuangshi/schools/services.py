from typing import Any

from django.db import transaction

from shuangshi.common.api import apply_changes

from .cities import CITIES
from .models import City, School


@transaction.atomic
def school_create(*, data: dict[str, Any]) -> School:
    return School.objects.create(**data)


@transaction.atomic
def school_update(*, school: School, data: dict[str, Any]) -> School:
    return apply_changes(school, data)  # type: ignore[return-value]


@transaction.atomic
def school_delete(*, school: School) -> None:
    school.delete()


def cities_ensure() -> dict[str, City]:
    """The city units by code, recreated if missing (tests that flush tables remove them)."""
    cities = {city.code: city for city in City.objects.all()}
    for code, name, name_en in CITIES:
        if code not in cities:
            cities[code] = City.objects.create(code=code, name=name, name_en=name_en)
    return cities
