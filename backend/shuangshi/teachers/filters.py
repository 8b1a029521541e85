import django_filters
from django.db.models import QuerySet

from shuangshi.common import dates

from .models import Certificate, EnterprisePeriod, Teacher


class TeacherFilter(django_filters.FilterSet):
    active = django_filters.BooleanFilter(method="filter_active", label="Still employed")
    city = django_filters.NumberFilter(field_name="school__city_id")
    kind = django_filters.CharFilter(field_name="school__kind")
    # The level today: from the dated intervals (issue 10, never stale); before the first
    # interval build, from the stored results that still hold today.
    qualification_level = django_filters.CharFilter(method="filter_level")

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
            "major_category",
        ]

    def filter_level(self, queryset: QuerySet[Teacher], name: str, value: str) -> QuerySet:
        from shuangshi.qualification.selectors import teachers_at_level_today

        return teachers_at_level_today(queryset, value)

    def filter_active(self, queryset: QuerySet[Teacher], name: str, value: bool) -> QuerySet:
        return queryset.filter(left_on__isnull=value)


class CertificateFilter(django_filters.FilterSet):
    expires_before = dates.DateFilter(field_name="expires_on", lookup_expr="lte")
    expires_after = dates.DateFilter(field_name="expires_on", lookup_expr="gte")
    school = django_filters.NumberFilter(field_name="teacher__school_id")

    class Meta:
        model = Certificate
        fields = ["teacher", "kind", "level", "status", "field_category"]


class EnterprisePeriodFilter(django_filters.FilterSet):
    school = django_filters.NumberFilter(field_name="teacher__school_id")

    class Meta:
        model = EnterprisePeriod
        fields = ["teacher", "kind", "status"]
