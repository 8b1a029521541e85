import django_filters
from django.db.models import Q, QuerySet

from .models import Mentor, MentorAppointment


class MentorFilter(django_filters.FilterSet):
    school = django_filters.NumberFilter(field_name="appointments__school_id", distinct=True)
    mode = django_filters.CharFilter(field_name="appointments__mode", distinct=True)

    class Meta:
        model = Mentor
        fields = ["category", "gender", "enterprise"]


class MentorAppointmentFilter(django_filters.FilterSet):
    city = django_filters.NumberFilter(field_name="school__city_id")
    active_on = django_filters.DateFilter(method="filter_active_on", label="In force on")

    class Meta:
        model = MentorAppointment
        fields = ["mentor", "school", "mode"]

    def filter_active_on(self, queryset: QuerySet, name: str, value: object) -> QuerySet:
        return queryset.filter(start_on__lte=value).filter(
            Q(end_on__isnull=True) | Q(end_on__gte=value)
        )
