from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from rest_framework import serializers, viewsets

from shuangshi.accounts.models import Role
from shuangshi.accounts.scope import schools_visible_to
from shuangshi.common.api import (
    RolePermission,
    ScopedModelViewSet,
    VersionedSerializer,
    delete_protected,
)

from . import services
from .filters import CityFilter, SchoolFilter
from .models import City, School

ALL_ROLES = [Role.PROVINCE, Role.CITY, Role.SCHOOL_HR, Role.BASE_STAFF]


class CitySerializer(serializers.ModelSerializer):
    class Meta:
        model = City
        fields = ["id", "code", "name", "name_en"]


class CityViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = City.objects.all()
    serializer_class = CitySerializer
    permission_classes = [RolePermission]
    read_roles = ALL_ROLES
    write_roles: list[str] = []
    filterset_class = CityFilter
    search_fields = ["name", "name_en", "code"]
    ordering_fields = ["code", "name"]


# The largest vocational colleges enrol a few tens of thousands; beyond this is a typing
# mistake (and past 2^31 a database error, a 500, on PostgreSQL).
MAX_STUDENTS = 200_000


class SchoolSerializer(VersionedSerializer):
    city_name = serializers.CharField(source="city.name", read_only=True)

    class Meta:
        model = School
        fields = ["id", "code", "name", "city", "city_name", "kind", "student_count", "version"]
        extra_kwargs = {
            # Free whatever its case or width: the service (naming the code it reads as).
            "code": {"validators": []},
            "student_count": {"min_value": 0, "max_value": MAX_STUDENTS},
        }


class SchoolViewSet(ScopedModelViewSet):
    serializer_class = SchoolSerializer
    filterset_class = SchoolFilter
    read_roles = [Role.PROVINCE, Role.CITY, Role.SCHOOL_HR]
    write_roles = [Role.PROVINCE]
    search_fields = ["name", "code"]
    ordering_fields = ["code", "name", "student_count", "kind"]

    def get_queryset(self) -> QuerySet[School]:
        return schools_visible_to(self.request.user).select_related("city")  # type: ignore[arg-type]

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.school_create(data=serializer.validated_data)

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = services.school_update(
            school=serializer.instance, data=serializer.validated_data
        )

    def perform_destroy(self, instance: School) -> None:
        delete_protected(
            services.school_delete,
            _(
                "This school still has teachers, accounts, mentor appointments or teaching "
                "hours, which are kept with it."
            ),
            school=instance,
        )
