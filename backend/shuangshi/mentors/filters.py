from datetime import date

import django_filters
from django.db.models import Q, QuerySet

from shuangshi.accounts.scope import schools_visible_to
from shuangshi.common import dates
from shuangshi.common.filtering import FilterSet, IdFilter

from .models import AppointmentMode, Mentor, MentorAppointment
from .selectors import appointments_visible_to


class MentorFilter(FilterSet):
    school = IdFilter(method="filter_school", label="Appointed at school")
    mode = django_filters.ChoiceFilter(method="filter_mode", choices=AppointmentMode.choices)
    name = django_filters.CharFilter(lookup_expr="iexact")  # a name, in any case

    class Meta:
        model = Mentor
        fields = ["category", "gender", "enterprise"]

    def filter_school(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        # Only a school the user may see: asking for another school's mentors must not
        # reveal which of one's own mentors also serve there.
        if not schools_visible_to(self.request.user).filter(pk=value).exists():
            return queryset.none()
        return queryset.filter(appointments__school_id=value).distinct()

    def filter_mode(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # By the appointments the user may see only: a mentor's mode at a school outside
        # their scope is not theirs to learn (round 30).
        seen = appointments_visible_to(self.request.user).filter(mode=value)
        return queryset.filter(pk__in=seen.values("mentor_id"))


class MentorAppointmentFilter(FilterSet):
    city = IdFilter(field_name="school__city_id")
    active_on = dates.DateFilter(method="filter_active_on", label="In force on")

    class Meta:
        model = MentorAppointment
        fields = ["mentor", "school", "mode"]

    def filter_active_on(self, queryset: QuerySet, name: str, value: date) -> QuerySet:
        return queryset.filter(start_on__lte=value).filter(
            Q(end_on__isnull=True) | Q(end_on__gte=value)
        )
