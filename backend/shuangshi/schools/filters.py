from shuangshi.common.filtering import FilterSet

from .models import City, School


class CityFilter(FilterSet):
    class Meta:
        model = City
        fields = ["code"]


class SchoolFilter(FilterSet):
    class Meta:
        model = School
        fields = ["city", "kind", "code"]
