from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from shuangshi.common.api import apply_changes

from .cities import CITIES
from .codes import check_code_free
from .models import City, School


def _code_taken(code: str) -> ValidationError:
    return ValidationError(
        {
            "code": [
                _(
                    "A school with the code “%(code)s” already exists (codes are compared "
                    "ignoring case and full- or half-width characters)."
                )
                % {"code": code}
            ]
        }
    )


def _check_code_free(code: Any, *, school: School | None = None) -> None:
    """One school per code as an import reads it (codes.code_clash)."""
    check_code_free(
        School.objects.all(), code, exclude=school.pk if school else None, taken=_code_taken
    )


@transaction.atomic
def school_create(*, data: dict[str, Any]) -> School:
    _check_code_free(data.get("code"))
    try:
        with transaction.atomic():
            return School.objects.create(**data)
    except IntegrityError:  # the same code, in any case, stored meanwhile
        raise _code_taken(str(data.get("code"))) from None


@transaction.atomic
def school_update(*, school: School, data: dict[str, Any]) -> School:
    if "code" in data and data["code"] != school.code:
        # A pair stored before the rule keeps its codes while they are sent back as they are.
        _check_code_free(data["code"], school=school)
    try:
        with transaction.atomic():
            return apply_changes(school, data)  # type: ignore[return-value]
    except IntegrityError:  # the same code, in any case, stored meanwhile
        raise _code_taken(str(data.get("code"))) from None


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
