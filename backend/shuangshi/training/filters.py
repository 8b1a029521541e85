import django_filters

from shuangshi.common import dates

from .models import TrainingBase, TrainingCompletion, TrainingProgram


class TrainingBaseFilter(django_filters.FilterSet):
    class Meta:
        model = TrainingBase
        fields = ["city", "host_kind", "designation", "status"]


class TrainingProgramFilter(django_filters.FilterSet):
    starts_after = dates.DateFilter(field_name="start_on", lookup_expr="gte")
    ends_before = dates.DateFilter(field_name="end_on", lookup_expr="lte")

    class Meta:
        model = TrainingProgram
        fields = ["base", "kind"]


class TrainingCompletionFilter(django_filters.FilterSet):
    base = django_filters.NumberFilter(field_name="program__base_id")
    kind = django_filters.CharFilter(field_name="program__kind")
    school = django_filters.NumberFilter(field_name="teacher__school_id")
    completed_after = dates.DateFilter(field_name="completed_on", lookup_expr="gte")
    completed_before = dates.DateFilter(field_name="completed_on", lookup_expr="lte")

    class Meta:
        model = TrainingCompletion
        fields = ["program", "teacher", "passed"]
