import django_filters
from django.db.models import QuerySet

from .models import Certificate, EnterprisePeriod, Teacher


class TeacherFilter(django_filters.FilterSet):
    active = django_filters.BooleanFilter(method="filter_active", label="Still employed")
    city = django_filters.NumberFilter(field_name="school__city_id")
    kind = django_filters.CharFilter(field_name="school__kind")
    # issue 3: filter on the stored qualification result
    qualification_level = django_filters.CharFilter(field_name="qualification__level")

    class Meta:
        model = Teacher
        fields = [
            "school",
            "employment",
            "course_type",
            "gender",
            "education",
            "title",
            "normal_graduate",
            "major",
        ]

    def filter_active(self, queryset: QuerySet[Teacher], name: str, value: bool) -> QuerySet:
        return queryset.filter(left_on__isnull=value)


class CertificateFilter(django_filters.FilterSet):
    expires_before = django_filters.DateFilter(field_name="expires_on", lookup_expr="lte")
    expires_after = django_filters.DateFilter(field_name="expires_on", lookup_expr="gte")
    school = django_filters.NumberFilter(field_name="teacher__school_id")

    class Meta:
        model = Certificate
        fields = ["teacher", "kind", "level", "status"]


class EnterprisePeriodFilter(django_filters.FilterSet):
    school = django_filters.NumberFilter(field_name="teacher__school_id")

    class Meta:
        model = EnterprisePeriod
        fields = ["teacher", "kind", "status"]
