"""django-filter's backend, skipped when a request names none of the view's filters; and the
list parameters every list shares, each a 400 naming itself when its value is not one
(DESIGN §5: `{field: [messages]}`, never a silently different list)."""

import re
from collections.abc import Iterable
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError as FormValidationError
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django_filters import filterset
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.widgets import BooleanWidget
from drf_spectacular.plumbing import get_view_model
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, fields
from rest_framework import filters as drf_filters
from rest_framework.request import Request

from shuangshi.common import dates

_ASCII_INT = re.compile(r"[0-9]{1,18}", re.ASCII)  # a bigint's range, and a short parse


def parse_id(raw: Any) -> int | None:
    """A record's id: a positive integer in ASCII digits within a bigint, else None
    (str.isdigit() also takes "²", which int() refuses)."""
    text = str(raw).strip()
    if not _ASCII_INT.fullmatch(text) or int(text) < 1:
        return None
    return int(text)


class FilterBackend(DjangoFilterBackend):
    """Building a FilterSet copies every filter and validates a form (about 2 ms of a list
    request); with none of its parameters asked for there is nothing to filter."""

    def filter_queryset(self, request: Request, queryset: QuerySet, view: Any) -> QuerySet:
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None and not (
            set(request.query_params) & set(filterset_class.base_filters)
        ):
            return queryset
        return super().filter_queryset(request, queryset, view)


class SearchFilter(drf_filters.SearchFilter):
    """DRF's search; a term it refuses (a NUL character) is a 400 naming `search`, not a
    bare list of messages. Every list's (REST_FRAMEWORK's DEFAULT_FILTER_BACKENDS), and the
    base of the lists' own search backends (teachers).

    A list whose words are not stored as its reader reads them (notifications and jobs are
    worded again in the request's language) sets ``search_condition(term) -> Q`` on its
    view: every word must meet it. ``search_fields`` still names what is searched (the
    schema offers ``search`` by it)."""

    def get_search_terms(self, request: Request) -> list[str]:
        if self.search_param not in request.query_params:
            return []  # DRF's answer, without building and running a field (every list page)
        try:
            return super().get_search_terms(request)
        except exceptions.ValidationError as error:
            raise exceptions.ValidationError({self.search_param: error.detail}) from None

    def filter_queryset(self, request: Request, queryset: QuerySet, view: Any) -> QuerySet:
        condition = getattr(view, "search_condition", None)
        if condition is None:
            return super().filter_queryset(request, queryset, view)
        for term in self.get_search_terms(request):
            queryset = queryset.filter(condition(term))
        return queryset


class OrderingFilter(drf_filters.OrderingFilter):
    """DRF's ordering; a value the list cannot sort by is a 400 naming `ordering` and the
    values it can (DRF dropped it silently: the list came back in another order than the
    one asked). `-field` and comma lists of them still sort; empty terms add nothing.
    Every list's (REST_FRAMEWORK's DEFAULT_FILTER_BACKENDS), and the base of the lists'
    own ordering backends (common.ordering.BirthYearOrderingFilter).

    An ordering asked for ends with the id unless it names it: rows that tie (imports by
    `kind`) keep one order on every page, which neither repeats nor skips them. A list read
    without `?ordering=` keeps its own order."""

    def get_ordering(self, request: Request, queryset: QuerySet, view: Any) -> Any:
        ordering = super().get_ordering(request, queryset, view)
        if ordering and not any(str(term).lstrip("-") in ("id", "pk") for term in ordering):
            return [*ordering, "pk"]
        return ordering

    def remove_invalid_fields(
        self, queryset: QuerySet, fields: Iterable[str], view: Any, request: Request
    ) -> list[str]:
        context = {"request": request}
        valid = [item[0] for item in self.get_valid_fields(queryset, view, context)]
        terms = [term for term in fields if term]
        for term in terms:
            if term.removeprefix("-") not in valid:
                raise exceptions.ValidationError(
                    {self.ordering_param: [unknown_ordering(term, valid)]}
                )
        return terms

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        """`ordering` as the values this list sorts by, each also with a leading "-", in a
        comma list: read from get_valid_fields, as remove_invalid_fields checks them (the
        schema cannot offer one the list refuses, round 48)."""
        parameters: list[dict[str, Any]] = super().get_schema_operation_parameters(view)
        model = get_view_model(view, emit_warnings=False)
        if model is None:
            return parameters
        context = {"request": getattr(view, "request", None)}
        fields = [item[0] for item in self.get_valid_fields(model.objects.none(), view, context)]
        values = [value for name in fields for value in (name, f"-{name}")]
        for parameter in parameters:
            if parameter["name"] == self.ordering_param and values:
                parameter["schema"] = {"type": "array", "items": {"type": "string", "enum": values}}
                parameter["style"] = "form"
                parameter["explode"] = False
        return parameters


def unknown_ordering(term: str, valid: list[str]) -> str:
    shown = term if len(term) <= 40 else f"{term[:40]}…"
    return _(
        "This list cannot be sorted by “%(value)s”; use one of: %(allowed)s (a leading “-” "
        "sorts in descending order)."
    ) % {"value": shown, "allowed": _list_separator().join(valid)}


def _list_separator() -> str:
    # The joiner of a list of values inside a sentence: "、" in Chinese, ", " in English.
    return pgettext("list separator", ", ")


class _IdField(forms.Field):
    """A record's id: a positive integer in ASCII digits (parse_id)."""

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        number = parse_id(value)
        if number is None:
            raise FormValidationError(fields.IntegerField.default_error_messages["invalid"])
        return number


class IdFilter(django_filters.Filter):
    """A parameter naming a record by id (`?school=3`): `1.5`, `-1` or `²` is a 400, not
    school 1 or an empty list."""

    field_class = _IdField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        schema: dict[str, Any] = {"type": "integer"}  # the schema says so (not "number")
        if self.label:
            schema["description"] = str(self.label)
        extend_schema_field(schema)(self)


class _YesNoWidget(BooleanWidget):
    """true/false/1/0 as BooleanWidget reads them; anything else is handed to the field."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        value = super().value_from_datadict(data, files, name)
        raw = data.get(name)
        return raw if value is None and raw not in (None, "") else value


class _YesNoField(forms.Field):
    widget = _YesNoWidget

    def to_python(self, value: Any) -> bool | None:
        if value is True or value is False:
            return value
        if value in self.empty_values:
            return None
        raise FormValidationError(fields.BooleanField.default_error_messages["invalid"])


class YesNoFilter(django_filters.BooleanFilter):
    """A yes/no parameter: `true`/`false` (or 1/0); `?active=maybe` is a 400, not the whole
    list."""

    field_class = _YesNoField


class FilterSet(django_filters.FilterSet):
    """The lists' filter sets: a model's yes/no field filters as YesNoFilter, and a field
    naming another record (`?teacher=`, `?school=`, `?round=`) as IdFilter.

    django-filter's default for the latter is a choice among every row of the other table:
    an id that exists nowhere was a 400 while one of another school's teachers narrowed the
    list to nothing, so the two answers told which ids exist where the caller may not look
    (round 29). An id narrows the caller's own list, whatever exists elsewhere. A date field
    (`?hired_on=`) takes a date in the range every date parameter takes (dates.DateFilter)."""

    FILTER_DEFAULTS = {
        **filterset.FILTER_FOR_DBFIELD_DEFAULTS,
        models.DateField: {"filter_class": dates.DateFilter},
        models.BooleanField: {"filter_class": YesNoFilter},
        models.ForeignKey: {"filter_class": IdFilter},
        models.OneToOneField: {"filter_class": IdFilter},
    }
