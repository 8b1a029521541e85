"""teaching-hours/ (DESIGN §9): HR writes its own school's, the province all, the city reads."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from shuangshi.accounts.models import Role
from shuangshi.accounts.scope import in_school_scope, schools_visible_to
from shuangshi.common.api import AsOfField, ScopedModelViewSet, VersionedSerializer
from shuangshi.common.filtering import parse_id
from shuangshi.common.relations import WholeIdField
from shuangshi.qualification.engine import api_share
from shuangshi.schools.models import SchoolKind

from . import selectors, services
from .filters import TeachingHoursFilter, read_term_error
from .models import TeachingHours
from .validation import (
    HOURS_TOO_MANY,
    MAX_HOURS,
    hours_errors,
    major_category_code,
    major_category_error,
)

READ_ROLES = [Role.PROVINCE, Role.CITY, Role.SCHOOL_HR]
WRITE_ROLES = [Role.PROVINCE, Role.SCHOOL_HR]


class ScopedSchoolField(WholeIdField):
    def get_queryset(self) -> QuerySet:
        return schools_visible_to(self.context["request"].user)


class TeachingHoursSerializer(VersionedSerializer):
    school = ScopedSchoolField(required=False)
    school_name = serializers.CharField(source="school.name", read_only=True)
    practical_share = serializers.SerializerMethodField()

    class Meta:
        model = TeachingHours
        fields = [
            "id",
            "school",
            "school_name",
            "term",
            "major_category",
            "total_hours",
            "practical_hours",
            "practical_share",
            "version",
        ]
        validators: list[Any] = []  # (school, term, major) unique: the service answers 400
        # The bound of hours_errors, on the field (and in the schema), before the column's own
        # (PostgreSQL integer: 2,147,483,647; SQLite none) can turn a value into a DataError.
        extra_kwargs = {
            name: {"max_value": MAX_HOURS, "error_messages": {"max_value": HOURS_TOO_MANY}}
            for name in ("total_hours", "practical_hours")
        }

    def get_practical_share(self, row: TeachingHours) -> float | None:
        return api_share(row.practical_hours / row.total_hours) if row.total_hours else None

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict) and data.get("major_category", "") is None:
            data = {**data, "major_category": ""}  # null, like blank: the whole school's total
        return super().to_internal_value(data)

    def validate_major_category(self, value: str) -> str:
        """A category's code or name, stored as the code (DESIGN §3); blank: the whole school."""
        code = major_category_code(value)
        if code is None:
            raise serializers.ValidationError(major_category_error())
        return code

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        merged = {
            name: attrs.get(name, getattr(self.instance, name, None))
            for name in ("term", "total_hours", "practical_hours")
        }
        errors = hours_errors({k: v for k, v in merged.items() if v is not None})
        if errors:
            raise serializers.ValidationError(errors)
        if self.instance is None and "school" not in attrs:
            user = self.context["request"].user
            if user.role != Role.SCHOOL_HR:
                raise serializers.ValidationError({"school": [self.error_messages["required"]]})
            attrs["school"] = user.school
        return attrs


class SharesQuery(serializers.Serializer):
    term = serializers.CharField(required=False)
    as_of = AsOfField(required=False)
    city = serializers.IntegerField(required=False, min_value=1, max_value=2**62)
    school = serializers.IntegerField(required=False, min_value=1, max_value=2**62)
    kind = serializers.ChoiceField(required=False, choices=SchoolKind.choices)
    below_target = serializers.BooleanField(required=False, allow_null=True, default=None)

    def validate_term(self, value: str) -> str:
        """As the list's `term` filter checks it (one message for one mistake)."""
        message = read_term_error(value)
        if message:
            raise serializers.ValidationError(message)
        return value


class ShareSchool(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class ShareRow(serializers.Serializer):
    school = ShareSchool()
    term = serializers.CharField(allow_null=True)
    total_hours = serializers.IntegerField()
    practical_hours = serializers.IntegerField()
    practical_share = serializers.FloatField(allow_null=True)
    meets_target = serializers.BooleanField(allow_null=True)


class Shares(serializers.Serializer):
    term = serializers.CharField(allow_null=True)
    target = serializers.FloatField()
    schools = ShareRow(many=True)


def _as_validation(exc: DjangoValidationError) -> serializers.ValidationError:
    return serializers.ValidationError(getattr(exc, "message_dict", {"detail": exc.messages}))


class TeachingHoursViewSet(ScopedModelViewSet):
    queryset = TeachingHours.objects.none()  # the schema's model; get_queryset() scopes
    serializer_class = TeachingHoursSerializer
    filterset_class = TeachingHoursFilter
    search_fields = ["school__name", "school__code", "term"]  # ?search= (every word matches)
    read_roles = READ_ROLES
    write_roles = WRITE_ROLES

    def get_queryset(self) -> QuerySet[TeachingHours]:
        qs = in_school_scope(
            TeachingHours.objects.select_related("school"),
            self.request.user,  # type: ignore[arg-type]
            school="school",
        )
        return qs

    def perform_create(self, serializer: Any) -> None:
        try:
            serializer.instance = services.teaching_hours_create(data=serializer.validated_data)
        except DjangoValidationError as exc:
            raise _as_validation(exc) from None

    def _update_locked(self, request: Request, version: int) -> Response:
        # The schools before the row (which the base class locks next): the order an
        # import's commit takes them in (hours.services.schools_lock, then its rows), so
        # the two never hold what the other waits for. Its school, and the one it moves to.
        ids = {self.get_object().school_id}
        moved_to = parse_id(request.data.get("school")) if isinstance(request.data, dict) else None
        if moved_to is not None:
            visible = schools_visible_to(request.user)  # type: ignore[arg-type]
            ids.update(visible.filter(pk=moved_to).values_list("pk", flat=True))
        services.schools_lock(ids)
        return super()._update_locked(request, version)

    def perform_update(self, serializer: Any) -> None:
        try:
            serializer.instance = services.teaching_hours_update(
                row=serializer.instance, data=serializer.validated_data
            )
        except DjangoValidationError as exc:
            raise _as_validation(exc) from None

    def perform_destroy(self, instance: TeachingHours) -> None:
        services.teaching_hours_delete(row=instance)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "term",
                str,
                description="2026-2027-1 (default: the latest with hours not after the term "
                "in effect on `as_of`)",
            ),
            OpenApiParameter(
                "as_of",
                date,
                description="YYYY-MM-DD, default today: without `term`, the dashboard's date "
                "chooses the term",
            ),
            OpenApiParameter("city", int),
            OpenApiParameter("school", int),
            OpenApiParameter("kind", str, description="Only schools of this kind"),
            OpenApiParameter("below_target", bool),
        ],
        responses={200: Shares},
    )
    @action(detail=False, methods=["get"])
    def shares(self, request: Request) -> Response:
        """Each school's practical share in a term against `practical_hours_share`."""
        params = {k: v for k, v in request.query_params.items() if v != ""}
        q = SharesQuery(data=params)
        q.is_valid(raise_exception=True)
        schools = schools_visible_to(request.user)  # type: ignore[arg-type]
        if q.validated_data.get("city") is not None:
            schools = schools.filter(city_id=q.validated_data["city"])
        if q.validated_data.get("school") is not None:
            schools = schools.filter(pk=q.validated_data["school"])
        if q.validated_data.get("kind") is not None:
            schools = schools.filter(kind=q.validated_data["kind"])
        data = selectors.school_shares(
            self.get_queryset(),
            schools,
            q.validated_data.get("term"),
            as_of=q.validated_data.get("as_of"),
        )
        below = q.validated_data.get("below_target")
        if below is not None:
            data["schools"] = [s for s in data["schools"] if s["meets_target"] is (not below)]
        return Response(Shares(data).data)
