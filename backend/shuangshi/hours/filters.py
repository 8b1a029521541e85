from shuangshi.common.filtering import FilterSet, IdFilter

from .models import TeachingHours


class TeachingHoursFilter(FilterSet):
    """Named as the fields (DESIGN §5); the scope is the viewset's, so another school's id
    finds nothing rather than saying whether it has hours."""

    school = IdFilter(field_name="school_id")
    city = IdFilter(field_name="school__city_id")

    class Meta:
        model = TeachingHours
        fields = ["term", "major_category"]
