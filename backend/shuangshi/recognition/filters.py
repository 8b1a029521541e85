from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils import timezone

from shuangshi.common import dates
from shuangshi.common.filtering import FilterSet, IdFilter, YesNoFilter

from . import rules
from .models import Application, EvidenceFile, Recognition
from .selectors import application_school_q, recognition_status_q


class EvidenceFilter(FilterSet):
    class Meta:
        model = EvidenceFile
        fields = ["teacher", "kind", "certificate", "enterprise_period"]


# The levels an application asks for and a recognition holds (rules.LEVELS): an unknown
# one is a 400 naming `level`, as every enum filter answers, not an empty list.
LEVEL_CHOICES = [(level, level) for level in rules.LEVELS]


class ApplicationFilter(FilterSet):
    # The application's school: the one that submitted it (selectors.application_school_q).
    school = IdFilter(method="filter_school")
    city = IdFilter(method="filter_city")
    level = django_filters.ChoiceFilter(choices=LEVEL_CHOICES)

    class Meta:
        model = Application
        fields = ["round", "teacher", "status", "level"]

    def filter_school(self, queryset: QuerySet[Application], name: str, value: int) -> Any:
        return queryset.filter(application_school_q(id=value))

    def filter_city(self, queryset: QuerySet[Application], name: str, value: int) -> Any:
        return queryset.filter(application_school_q(city_id=value))


class PublicityFilter(ApplicationFilter):
    """The publicity list's filters (publicity/): by what it shows of an application, its
    round, school (and so city) and level, as the applications list filters them. A bad
    value is a 400 naming the parameter (an unknown school was ignored: the whole
    province's list came back)."""

    round = IdFilter(field_name="round_id")

    class Meta:
        model = Application
        fields = ["round", "school", "city", "level"]


class RecognitionFilter(FilterSet):
    school = IdFilter(field_name="teacher__school_id")
    valid_until_before = dates.DateFilter(field_name="valid_until", lookup_expr="lte")
    revoked = YesNoFilter(field_name="revoked_on", lookup_expr="isnull", exclude=True)
    level = django_filters.ChoiceFilter(choices=LEVEL_CHOICES)
    # The status as each recognition reads today (rules.recognition_status).
    status = django_filters.ChoiceFilter(
        method="filter_status", choices=[(s, s) for s in rules.RECOGNITION_STATUSES]
    )

    class Meta:
        model = Recognition
        fields = ["round", "teacher", "level"]

    def filter_status(self, queryset: QuerySet[Recognition], name: str, value: str) -> Any:
        return queryset.filter(recognition_status_q(value, timezone.localdate()))
