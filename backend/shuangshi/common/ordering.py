"""Ordering that keeps hidden birth dates hidden.

A reader who sees a person's birth year only (the ID number masked, docs/security.md) could
still sort by `birth_date` and learn who was born before whom within a year. For them,
`ordering=birth_date` sorts by the year, then by id.
"""

from typing import Any

from django.db.models import QuerySet
from django.db.models.functions import ExtractYear

from .filtering import OrderingFilter

SORT_KEY = "birth_year_sort"


class BirthYearOrderingFilter(OrderingFilter):
    """The view says who reads birth years only: `view.birth_year_only(request) -> bool`.
    An ordering the view does not offer is a 400 (common.filtering.OrderingFilter)."""

    def filter_queryset(self, request: Any, queryset: QuerySet, view: Any) -> QuerySet:
        ordering = self.get_ordering(request, queryset, view)
        if not ordering:
            return queryset
        if view.birth_year_only(request) and any(f.lstrip("-") == "birth_date" for f in ordering):
            ordering = [
                f.replace("birth_date", SORT_KEY) if f.lstrip("-") == "birth_date" else f
                for f in ordering
            ]
            queryset = queryset.annotate(**{SORT_KEY: ExtractYear("birth_date")})
        if not any(f.lstrip("-") in ("id", "pk") for f in ordering):
            ordering = [*ordering, "id"]  # ties in a stable order: pages neither skip nor repeat
        return queryset.order_by(*ordering)
