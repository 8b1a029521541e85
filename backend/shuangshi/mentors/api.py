"""Industry mentors and their appointments: thin views over selectors and services."""

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from shuangshi.accounts.models import Role
from shuangshi.accounts.scope import schools_visible_to
from shuangshi.audit import services as audit_services
from shuangshi.audit.api import (
    RevealResponseSerializer,
    RevealSerializer,
    RevealThrottle,
)
from shuangshi.common.api import (
    ScopedModelViewSet,
    VersionedSerializer,
    delete_protected,
    id_param,
    request_user,
)
from shuangshi.common.filtering import SearchFilter
from shuangshi.common.idnumbers import (
    InvalidIdNumber,
    mask_person,
    normalize_id_number,
    parse_id_number,
)
from shuangshi.common.ordering import BirthYearOrderingFilter
from shuangshi.common.relations import WholeIdField
from shuangshi.teachers.validation import person_errors
from shuangshi.training.api import IdLookupThrottle, IdNumberSerializer, as_of_param

from . import rules, selectors, services
from .filters import MentorAppointmentFilter, MentorFilter
from .models import Mentor, MentorAppointment
from .rules import age_on

READ_ROLES = [Role.PROVINCE, Role.CITY, Role.SCHOOL_HR]
WRITE_ROLES = [Role.PROVINCE, Role.SCHOOL_HR]


class MentorSerializer(VersionedSerializer):
    age = serializers.SerializerMethodField(
        help_text="Full years today; null where the birth date is hidden."
    )
    birth_year = serializers.SerializerMethodField()
    editable = serializers.SerializerMethodField(
        help_text="Whether this user may edit the mentor: false for school HR where another "
        "school appoints the mentor too (then the record is the province's)."
    )

    class Meta:
        model = Mentor
        fields = [
            "id",
            "name",
            "id_number",
            "gender",
            "birth_date",
            "birth_year",
            "age",
            "enterprise",
            "category",
            "title",
            "skills",
            "editable",
            "version",
        ]
        extra_kwargs = {
            # Checked in validate(), with a message that says what to do instead.
            "id_number": {"validators": []},
            "gender": {"required": False, "help_text": "Taken from the ID number if left out."},
            "birth_date": {
                "required": False,
                "allow_null": True,  # reads null where the ID number is masked
                "help_text": "Taken from the ID number if left out (or null). Reads null "
                "where the ID number is masked: then only birth_year is shown.",
            },
        }

    def get_age(self, mentor: Mentor) -> int | None:
        # The age ticks over on the birthday: where the date is hidden, so is the age.
        if not self._full(mentor):
            return None
        return age_on(mentor.birth_date, timezone.localdate())

    def get_birth_year(self, mentor: Mentor) -> int:
        return mentor.birth_date.year

    def get_editable(self, mentor: Mentor) -> bool:
        return self._full(mentor)  # who reads the full record edits it (the view's update)

    def _full(self, mentor: Mentor) -> bool:
        return selectors.mentor_full_id_visible(request_user(self), mentor)

    def validate_birth_date(self, value: Any) -> Any:
        if value is None:  # null is "left out": taken from the ID number
            raise serializers.SkipField
        return value

    def validate_id_number(self, value: str) -> str:
        return normalize_id_number(value)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        values: dict[str, Any] = {}
        if self.instance is not None:
            for field in ("id_number", "gender", "birth_date"):
                values[field] = getattr(self.instance, field)
        values.update(attrs)
        try:
            info = parse_id_number(values.get("id_number") or "")
        except InvalidIdNumber:
            info = None
        if info is not None:
            derived = {"gender": info.gender, "birth_date": info.birth_date}
            for field, value in derived.items():
                # Left out: what the ID number says (a new ID number replaces the old facts).
                if field not in attrs and ("id_number" in attrs or values.get(field) is None):
                    attrs[field] = values[field] = value
        errors = person_errors(values)
        taken = Mentor.objects.filter(id_number=values.get("id_number"))
        if self.instance is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if "id_number" not in errors and taken.exists():
            audit_services.id_lookups_charge(user=request_user(self), count=1, what="mentor_create")
            errors["id_number"] = [services.id_number_taken_message()]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    def to_representation(self, instance: Mentor) -> dict[str, Any]:
        data = super().to_representation(instance)
        # The province and the HR of the only school the mentor serves read the full number
        # and birth date; everyone else the mask and the birth year (docs/security.md).
        if not self._full(instance):
            mask_person(data, id_number=instance.id_number)
        return data


class MentorMatchSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    enterprise = serializers.CharField()


class MentorCountsSchoolSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class MentorCountsSerializer(serializers.Serializer):
    """One visible school's mentor figures (the response of /mentors/counts/)."""

    school = MentorCountsSchoolSerializer()
    as_of = serializers.DateField()
    mentors = serializers.IntegerField(help_text="mentors with an appointment in force")
    by_mode = serializers.DictField(
        child=serializers.IntegerField(), help_text="per appointment mode (a mentor can be in two)"
    )
    part_time_track = serializers.IntegerField()


class MentorViewSet(ScopedModelViewSet):
    """School HR register and edit mentors appointed at their school; the province all."""

    queryset = Mentor.objects.none()  # the schema's model; get_queryset() scopes
    serializer_class = MentorSerializer
    filterset_class = MentorFilter
    read_roles = READ_ROLES
    write_roles = WRITE_ROLES
    search_fields = ["name", "enterprise", "title", "skills"]
    ordering_fields = ["name", "enterprise", "category", "birth_date", "id"]
    filter_backends = [DjangoFilterBackend, SearchFilter, BirthYearOrderingFilter]

    def birth_year_only(self, request: Request) -> bool:
        """Only the province reads every mentor's birth date (HR lists mix masked ones in)."""
        return request.user.role != Role.PROVINCE  # type: ignore[union-attr]

    def get_queryset(self) -> QuerySet[Mentor]:
        return selectors.mentors_visible_to(self.request.user)  # type: ignore[arg-type]

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # A mentor another school appoints too is the province's record (issue 15 item 5).
        if not selectors.mentor_full_id_visible(request.user, self.get_object()):  # type: ignore[arg-type]
            raise exceptions.PermissionDenied(
                _("This mentor also serves another school: only the province edits their details.")
            )
        return super().update(request, *args, **kwargs)

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.mentor_create(
            data=serializer.validated_data,
            user=self.request.user,  # type: ignore[arg-type]
        )

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = services.mentor_update(
            mentor=serializer.instance, data=serializer.validated_data
        )

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # A mentor may serve several schools: only the province removes the record.
        if request.user.role != Role.PROVINCE:  # type: ignore[union-attr]
            raise exceptions.PermissionDenied
        return super().destroy(request, *args, **kwargs)

    def perform_destroy(self, instance: Mentor) -> None:
        delete_protected(
            services.mentor_delete, _("This mentor still has appointments."), mentor=instance
        )

    @extend_schema(request=IdNumberSerializer, responses=MentorMatchSerializer)
    @action(detail=False, methods=["post"], throttle_classes=[IdLookupThrottle])
    def lookup(self, request: Request) -> Response:
        """Find a registered mentor by exact ID number to appoint them: id, name, enterprise."""
        query = IdNumberSerializer(data=request.data)
        query.is_valid(raise_exception=True)
        audit_services.id_lookups_charge(user=request.user, count=1, what="mentors_lookup")  # type: ignore[arg-type]
        mentor = selectors.mentor_by_id_number(query.validated_data["id_number"])
        if mentor is None:
            return Response(
                {"detail": _("No mentor has this ID number.")}, status=status.HTTP_404_NOT_FOUND
            )
        return Response(MentorMatchSerializer(mentor).data)

    @extend_schema(request=RevealSerializer, responses=RevealResponseSerializer)
    @action(
        detail=True,
        methods=["post"],
        url_path="reveal-id-number",
        throttle_classes=[RevealThrottle],
        filterset_class=None,
    )
    def reveal_id_number(self, request: Request, pk: str | None = None) -> Response:
        """The full ID number, audited (province; HR of the only school the mentor serves)."""
        mentor = self.get_object()
        body = RevealSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            number = audit_services.mentor_id_number_reveal(
                user=request.user,  # type: ignore[arg-type]
                mentor=mentor,
                reason=body.validated_data["reason"],
            )
        except audit_services.RevealRefused:
            raise exceptions.PermissionDenied(
                _(
                    "Only the province and the HR of the only school a mentor serves may read "
                    "the full ID number."
                )
            ) from None
        return Response({"id_number": number}, headers={"Cache-Control": "no-store"})

    @extend_schema(
        parameters=[
            OpenApiParameter("as_of", date, description="YYYY-MM-DD, default today"),
            OpenApiParameter("school", int),
        ],
        responses=MentorCountsSerializer(many=True),
        filters=False,  # a list, but the mentor filters do not apply
    )
    @action(detail=False, pagination_class=None)
    def counts(self, request: Request) -> Response:
        """Per visible school: mentors in force, by mode, and on the part-time track."""
        as_of = as_of_param(request)
        schools = schools_visible_to(request.user).order_by("code")  # type: ignore[arg-type]
        school = id_param(request.query_params, "school")
        if school is not None:
            schools = schools.filter(pk=school)
        rows = list(schools.values("id", "code", "name"))
        counts = selectors.mentor_counts_by_school([r["id"] for r in rows], as_of)
        return Response([{"school": r, "as_of": as_of, **counts[r["id"]]} for r in rows])


class VisibleMentorField(WholeIdField):
    def get_queryset(self) -> QuerySet[Mentor]:
        return selectors.mentors_visible_to(self.context["request"].user)


class ScopedSchoolField(WholeIdField):
    def get_queryset(self) -> QuerySet:
        return schools_visible_to(self.context["request"].user)


class MentorAppointmentSerializer(VersionedSerializer):
    mentor = VisibleMentorField(required=False)
    mentor_id_number = serializers.CharField(
        write_only=True,
        required=False,
        help_text="The mentor's exact ID number (to appoint a mentor registered elsewhere).",
    )
    new_mentor = MentorSerializer(
        write_only=True,
        required=False,
        help_text="A mentor to register with this appointment (create only), in place of "
        "mentor or mentor_id_number: both are written, or neither (a refused appointment "
        "registers no mentor). Errors on its fields come keyed by the mentor's field names "
        "(name, id_number, enterprise…), beside the appointment's.",
    )
    mentor_name = serializers.CharField(source="mentor.name", read_only=True)
    school = ScopedSchoolField(required=False)
    school_name = serializers.CharField(source="school.name", read_only=True)

    class Meta:
        model = MentorAppointment
        fields = [
            "id",
            "mentor",
            "mentor_id_number",
            "new_mentor",
            "mentor_name",
            "school",
            "school_name",
            "mode",
            "start_on",
            "end_on",
            "hours",
            "version",
        ]
        extra_kwargs = {"hours": {"max_value": rules.MAX_HOURS}}

    def to_internal_value(self, data: Any) -> Any:
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError as exc:
            # The new mentor's errors on the mentor's own field names, where the form shows
            # them (the appointment's fields share none of them).
            detail: Any = exc.detail
            nested = detail.get("new_mentor") if isinstance(detail, dict) else None
            if not isinstance(nested, dict):
                raise
            flat: dict[str, list[Any]] = {
                key: list(value) for key, value in detail.items() if key != "new_mentor"
            }
            for key, messages in nested.items():
                flat.setdefault(key, []).extend(messages)
            raise serializers.ValidationError(flat) from None

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        user = request_user(self)
        if "new_mentor" in attrs:
            if self.instance is not None:
                raise serializers.ValidationError(
                    {"new_mentor": [_("A new mentor is registered with a new appointment only.")]}
                )
            if "mentor" in attrs or attrs.get("mentor_id_number"):
                raise serializers.ValidationError(
                    {"new_mentor": [_("Name a registered mentor or register a new one, not both.")]}
                )
        id_number = attrs.pop("mentor_id_number", None)
        if id_number:
            audit_services.id_lookups_charge(user=user, count=1, what="appointment_by_id_number")
            mentor = selectors.mentor_by_id_number(id_number)
            if mentor is None:
                raise serializers.ValidationError(
                    {"mentor_id_number": [_("No mentor has this ID number.")]}
                )
            attrs["mentor"] = mentor
        if self.instance is None:
            if "mentor" not in attrs and "new_mentor" not in attrs:
                raise serializers.ValidationError(
                    {"mentor": [_("Name the mentor, or give their ID number.")]}
                )
            if "school" not in attrs:
                if user.role != Role.SCHOOL_HR:
                    raise serializers.ValidationError({"school": [self.error_messages["required"]]})
                attrs["school"] = user.school
        return attrs


class MentorAppointmentViewSet(ScopedModelViewSet):
    """School HR appoint mentors to their school; overlapping appointments are refused."""

    queryset = MentorAppointment.objects.none()  # the schema's model; get_queryset() scopes
    serializer_class = MentorAppointmentSerializer
    filterset_class = MentorAppointmentFilter
    read_roles = READ_ROLES
    write_roles = WRITE_ROLES
    search_fields = ["mentor__name", "mentor__enterprise"]
    ordering_fields = ["start_on", "end_on", "hours", "id"]

    def get_queryset(self) -> QuerySet[MentorAppointment]:
        return selectors.appointments_visible_to(self.request.user).select_related(  # type: ignore[arg-type]
            "mentor", "school"
        )

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        new_mentor = data.pop("new_mentor", None)
        if new_mentor is not None:
            serializer.instance = services.appointment_create_with_mentor(
                mentor_data=new_mentor,
                data=data,
                user=self.request.user,  # type: ignore[arg-type]
            )
            return
        serializer.instance = services.appointment_create(
            data=data,
            user=self.request.user,  # type: ignore[arg-type]
        )

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = services.appointment_update(
            appointment=serializer.instance,
            data=serializer.validated_data,
            user=self.request.user,  # type: ignore[arg-type]
        )

    def perform_destroy(self, instance: MentorAppointment) -> None:
        services.appointment_delete(appointment=instance)
