"""One date range for every date a client sends: 1950-01-01 to 2100-12-31.

Dates outside it are typing mistakes (0001-01-01, 9999-12-31) and some broke date
arithmetic further on (a 500). `DateField` checks every API date: `install()` (run by the
common app) makes it the field ModelSerializer builds for each model DateField, and
serializers that declare a date input use it directly. `date_param` parses a query
parameter; the importers check cells with `in_range`.
"""

from datetime import date
from typing import Any

from django.db import models
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers

EARLIEST = date(1950, 1, 1)
LATEST = date(2100, 12, 31)


def in_range(value: date) -> bool:
    return EARLIEST <= value <= LATEST


def out_of_range() -> str:
    return _("Choose a date between 1950-01-01 and 2100-12-31.")


class DateField(serializers.DateField):
    """A date between 1950-01-01 and 2100-12-31 (a 400 naming the field otherwise)."""

    def to_internal_value(self, value: Any) -> date:
        day = super().to_internal_value(value)
        if not in_range(day):
            raise serializers.ValidationError(out_of_range())
        return day


def date_param(params: Any, name: str) -> date | None:
    """Query parameter `name` as a date in range, None when absent; a 400 otherwise."""
    raw = params.get(name)
    if not raw:
        return None
    try:
        day = date.fromisoformat(str(raw))
    except ValueError:
        raise exceptions.ValidationError(
            {name: [_("Use a date in the form YYYY-MM-DD.")]}
        ) from None
    if not in_range(day):
        raise exceptions.ValidationError({name: [out_of_range()]})
    return day


def install() -> None:
    """Every ModelSerializer's date inputs get the range check."""
    serializers.ModelSerializer.serializer_field_mapping[models.DateField] = DateField
