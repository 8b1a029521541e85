from datetime import date
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError as FormValidationError

from shuangshi.common.filtering import FilterSet, IdFilter

from .models import TeachingHours
from .validation import major_category_code, major_category_error, term_error


def read_term_error(term: str) -> str | None:
    """What is wrong with a term a read names: the writes' form and years (term_error), but
    no bound from today, so rows stored ahead before terms were bounded stay readable."""
    return term_error(term, today=date.max)


class _TermField(forms.CharField):
    def validate(self, value: Any) -> None:
        super().validate(value)
        message = read_term_error(value) if value not in self.empty_values else None
        if message:
            raise FormValidationError(message, code="invalid")


class _MajorCategoryField(forms.CharField):
    """A category's code (41–59, or the 中职 61–79) or name, as the writes take it; the
    stored code is what the list is filtered by."""

    def clean(self, value: Any) -> str:
        text: str = super().clean(value)
        if text in self.empty_values:
            return text
        code = major_category_code(text)
        if code is None:
            raise FormValidationError(major_category_error(), code="invalid")
        return code


class TermFilter(django_filters.CharFilter):
    field_class = _TermField


class MajorCategoryFilter(django_filters.CharFilter):
    field_class = _MajorCategoryField


class TeachingHoursFilter(FilterSet):
    """Named as the fields (DESIGN §5); the scope is the viewset's, so another school's id
    finds nothing rather than saying whether it has hours. A term or a category that could
    name no row is a 400 with the writes' message (hours.validation), not an empty list."""

    school = IdFilter(field_name="school_id")
    city = IdFilter(field_name="school__city_id")
    term = TermFilter(label="2026-2027-1 (school year, then 1 or 2)")
    major_category = MajorCategoryFilter(label="A major category's code (41–59, or 61–79) or name")

    class Meta:
        model = TeachingHours
        fields = ["term", "major_category"]
