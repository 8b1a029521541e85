import django_filters

from shuangshi.common.filtering import FilterSet

from .models import City, School


class CityFilter(FilterSet):
    name = django_filters.CharFilter(lookup_expr="iexact")  # a name, in any case

    class Meta:
        model = City
        fields = ["code", "name"]


class SchoolFilter(FilterSet):
    name = django_filters.CharFilter(lookup_expr="iexact")  # a name, in any case

    class Meta:
        model = School
        fields = ["city", "kind", "code", "name"]
