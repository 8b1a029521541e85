"""One date range for every date a client sends: 1950-01-01 to 2100-12-31.

Dates outside it are typing mistakes (0001-01-01, 9999-12-31) and some broke date
arithmetic further on (a 500). `DateField` checks every API date: `install()` (run by the
common app) makes it the field ModelSerializer builds for each model DateField, and
serializers that declare a date input use it directly. `date_param` parses a query
parameter, `DateFilter`/`IsoDateTimeFilter` are the list filters' date parameters (a moment
is also moved to UTC: PostgreSQL refuses offsets beyond ±15:59, and a refused query would
leave the request's transaction aborted); the importers check cells with `in_range`.

Every date *query parameter* (`as_of`, `active_on`, the lists' date filters) is read by one
parser, `parse_day`: exactly YYYY-MM-DD (`format: date`), a real day. Django's parse_date
and Python 3.11's fromisoformat also take week dates (2024-W01-1), compact dates
(20240101) and 2024-1-1, and the locale's formats 2024/01/01: one endpoint took what another
refused (round 48). Dates in request bodies keep DRF's parsing.
"""

import re
from datetime import UTC, date, datetime
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError as FormValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters.fields import IsoDateTimeField
from rest_framework import exceptions, serializers

EARLIEST = date(1950, 1, 1)
LATEST = date(2100, 12, 31)


def in_range(value: date) -> bool:
    return EARLIEST <= value <= LATEST


def out_of_range() -> str:
    return _("Choose a date between 1950-01-01 and 2100-12-31.")


def wrong_form() -> str:
    return _("Use a date in the form YYYY-MM-DD.")


_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_day(raw: object) -> date:
    """A date query parameter: exactly YYYY-MM-DD and a real day (ValueError otherwise).
    The range is the caller's check (`in_range`), with its own message."""
    text = str(raw)
    if not _DAY.fullmatch(text):
        raise ValueError(text)
    return date.fromisoformat(text)


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
        day = parse_day(raw)
    except ValueError:
        raise exceptions.ValidationError({name: [wrong_form()]}) from None
    if not in_range(day):
        raise exceptions.ValidationError({name: [out_of_range()]})
    return day


class _RangedDateField(forms.DateField):
    """A list filter's date: `parse_day`'s form only, not the locale's input formats."""

    def to_python(self, value: Any) -> date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, date):
            day = value
        else:
            try:
                day = parse_day(value)
            except ValueError:
                raise FormValidationError(wrong_form(), code="invalid") from None
        if not in_range(day):
            raise FormValidationError(out_of_range(), code="out_of_range")
        return day


class _RangedIsoDateTimeField(IsoDateTimeField):
    def to_python(self, value: Any) -> datetime | None:
        moment = super().to_python(value)
        if moment is None:
            return None
        try:
            if moment.tzinfo is not None:
                # The range is of days in China (the server's zone), as every date parameter's:
                # 1950-01-01T00:00+08:00 is in it, 2101-01-01T07:59+08:00 is not.
                day = timezone.localtime(moment).date()
                moment = moment.astimezone(UTC)
            else:
                day = moment.date()
        except OverflowError:
            # A moment near the start of year 1 or the end of 9999 leaves datetime's years
            # when moved to China or UTC: far out of range, and the answer names the parameter.
            raise FormValidationError(out_of_range(), code="out_of_range") from None
        if not in_range(day):
            raise FormValidationError(out_of_range(), code="out_of_range")
        return moment


class DateFilter(django_filters.DateFilter):
    """A list filter's date parameter, between 1950-01-01 and 2100-12-31 (a 400 otherwise)."""

    field_class = _RangedDateField


class IsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    """A list filter's moment parameter (ISO 8601), in range and moved to UTC."""

    field_class = _RangedIsoDateTimeField


def install() -> None:
    """Every ModelSerializer's date inputs get the range check."""
    serializers.ModelSerializer.serializer_field_mapping[models.DateField] = DateField
