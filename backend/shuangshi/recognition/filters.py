import django_filters

from shuangshi.common import dates

from .models import Application, EvidenceFile, Recognition


class EvidenceFilter(django_filters.FilterSet):
    class Meta:
        model = EvidenceFile
        fields = ["teacher", "kind", "certificate", "enterprise_period"]


class ApplicationFilter(django_filters.FilterSet):
    school = django_filters.NumberFilter(field_name="teacher__school_id")
    city = django_filters.NumberFilter(field_name="teacher__school__city_id")

    class Meta:
        model = Application
        fields = ["round", "teacher", "status", "level"]


class RecognitionFilter(django_filters.FilterSet):
    school = django_filters.NumberFilter(field_name="teacher__school_id")
    valid_until_before = dates.DateFilter(field_name="valid_until", lookup_expr="lte")
    revoked = django_filters.BooleanFilter(
        field_name="revoked_on", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Recognition
        fields = ["round", "teacher", "level"]
