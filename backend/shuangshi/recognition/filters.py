from datetime import date
from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone

from shuangshi.common import dates
from shuangshi.common.filtering import FilterSet, IdFilter, YesNoFilter

from . import rules
from .models import Application, ApplicationStatus, EvidenceFile, Recognition, Round
from .selectors import application_school_q, recognition_status_q


def round_phase_q(phase: str, on: date) -> Q:
    """Rounds whose phase on ``on`` is ``phase`` (rules.round_phase)."""
    if phase == "upcoming":
        return Q(opens_on__gt=on)
    if phase == "open":
        return Q(opens_on__lte=on, closes_on__gte=on)
    return Q(closes_on__lt=on)


class RoundFilter(FilterSet):
    """`status` and `phase` as each round reads today (from its dates); `code` in any case,
    as a code is one whatever its case (selectors.round_code_taken)."""

    status = django_filters.ChoiceFilter(
        method="filter_status", choices=[("open", "open"), ("closed", "closed")]
    )
    phase = django_filters.ChoiceFilter(
        method="filter_phase", choices=[(p, p) for p in rules.ROUND_PHASES]
    )
    code = django_filters.CharFilter(lookup_expr="iexact")

    class Meta:
        model = Round
        fields = ["code"]

    def filter_status(self, queryset: QuerySet[Round], name: str, value: str) -> Any:
        is_open = round_phase_q("open", timezone.localdate())
        return queryset.filter(is_open) if value == "open" else queryset.exclude(is_open)

    def filter_phase(self, queryset: QuerySet[Round], name: str, value: str) -> Any:
        return queryset.filter(round_phase_q(value, timezone.localdate()))


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
    # The status as its reader reads it where the list carries ``shown_status`` (the
    # publicity lists: under objection only to the province), else the application's own.
    status = django_filters.ChoiceFilter(method="filter_status", choices=ApplicationStatus.choices)

    class Meta:
        model = Application
        fields = ["round", "teacher", "status", "level"]

    def filter_status(self, queryset: QuerySet[Application], name: str, value: str) -> Any:
        field = "shown_status" if "shown_status" in queryset.query.annotations else "status"
        return queryset.filter(**{field: value})

    def filter_school(self, queryset: QuerySet[Application], name: str, value: int) -> Any:
        return queryset.filter(application_school_q(id=value))

    def filter_city(self, queryset: QuerySet[Application], name: str, value: int) -> Any:
        return queryset.filter(application_school_q(city_id=value))


class PublicityFilter(ApplicationFilter):
    """The publicity list's filters (publicity/): by what it shows of an application, its
    round, school (and so city), level and status as its reader reads it (publicized to
    all but the province), as the applications list filters them. A bad
    value is a 400 naming the parameter (an unknown school was ignored: the whole
    province's list came back)."""

    round = IdFilter(field_name="round_id")

    class Meta:
        model = Application
        fields = ["round", "school", "city", "level", "status"]


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
        fields = ["round", "teacher", "level", "certificate_no"]

    def filter_status(self, queryset: QuerySet[Recognition], name: str, value: str) -> Any:
        return queryset.filter(recognition_status_q(value, timezone.localdate()))
