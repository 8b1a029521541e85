from shuangshi.common import dates
from shuangshi.common.filtering import FilterSet, IdFilter, YesNoFilter

from .models import Application, EvidenceFile, Recognition


class EvidenceFilter(FilterSet):
    class Meta:
        model = EvidenceFile
        fields = ["teacher", "kind", "certificate", "enterprise_period"]


class ApplicationFilter(FilterSet):
    school = IdFilter(field_name="teacher__school_id")
    city = IdFilter(field_name="teacher__school__city_id")

    class Meta:
        model = Application
        fields = ["round", "teacher", "status", "level"]


class RecognitionFilter(FilterSet):
    school = IdFilter(field_name="teacher__school_id")
    valid_until_before = dates.DateFilter(field_name="valid_until", lookup_expr="lte")
    revoked = YesNoFilter(field_name="revoked_on", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Recognition
        fields = ["round", "teacher", "level"]
