import django_filters

from shuangshi.common import dates
from shuangshi.common.filtering import FilterSet, IdFilter

from .models import ProgramKind, TrainingBase, TrainingCompletion, TrainingProgram


class TrainingBaseFilter(FilterSet):
    class Meta:
        model = TrainingBase
        fields = ["code", "city", "host_kind", "designation", "status"]


class TrainingProgramFilter(FilterSet):
    starts_after = dates.DateFilter(field_name="start_on", lookup_expr="gte")
    ends_before = dates.DateFilter(field_name="end_on", lookup_expr="lte")
    title = django_filters.CharFilter(lookup_expr="iexact")  # a name, in any case

    class Meta:
        model = TrainingProgram
        fields = ["base", "kind"]


class TrainingCompletionFilter(FilterSet):
    base = IdFilter(field_name="program__base_id")
    kind = django_filters.ChoiceFilter(field_name="program__kind", choices=ProgramKind.choices)
    school = IdFilter(field_name="teacher__school_id")
    completed_after = dates.DateFilter(field_name="completed_on", lookup_expr="gte")
    completed_before = dates.DateFilter(field_name="completed_on", lookup_expr="lte")

    class Meta:
        model = TrainingCompletion
        fields = ["program", "teacher", "passed", "certificate_no"]
