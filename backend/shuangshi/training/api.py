"""Training bases, programmes and completions: thin views over selectors and services."""

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import UserRateThrottle

from shuangshi.accounts.models import Role
from shuangshi.audit.services import id_lookups_charge
from shuangshi.common import dates
from shuangshi.common.api import (
    ScopedModelViewSet,
    VersionedSerializer,
    delete_protected,
    merged_values,
    raise_errors,
    request_user,
)
from shuangshi.common.dates import DateField
from shuangshi.common.idnumbers import normalize_id_number
from shuangshi.common.relations import WholeIdField
from shuangshi.teachers.validation import person_errors

from . import selectors, services
from .filters import TrainingBaseFilter, TrainingCompletionFilter, TrainingProgramFilter
from .models import (
    BaseStatus,
    BaseStatusChange,
    TrainingBase,
    TrainingCompletion,
    TrainingProgram,
)
from .validation import (
    ProgramFacts,
    base_status_errors,
    completion_errors,
    program_errors,
    voided_completion_errors,
)

ALL_ROLES = [Role.PROVINCE, Role.CITY, Role.SCHOOL_HR, Role.BASE_STAFF]
RUNS_TRAINING = [Role.PROVINCE, Role.BASE_STAFF]


def as_of_param(request: Request) -> date:
    """`?as_of=` (default today), read as every date query parameter (dates.date_param)."""
    return dates.date_param(request.query_params, "as_of") or timezone.localdate()


# --------------------------------------------------------------------------- bases


class BaseStatusChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = BaseStatusChange
        fields = ["status", "effective_on", "reason"]
        read_only_fields = fields


class TrainingBaseSerializer(VersionedSerializer):
    city_name = serializers.CharField(source="city.name", read_only=True)
    # DESIGN §3: the status is dated. A change takes effect on effective_on (default today);
    # E_TRAINING reads the status in force on each completion's date.
    # The app's one date range (common.dates): a declared field is not the one install() maps.
    effective_on = DateField(
        required=False,
        write_only=True,
        help_text="The day a status change takes effect (default today; may be in the past).",
    )
    status_history = BaseStatusChangeSerializer(source="statuses", many=True, read_only=True)

    class Meta:
        model = TrainingBase
        fields = [
            "id",
            "code",
            "name",
            "host_name",
            "host_kind",
            "city",
            "city_name",
            "designation",
            "approved_on",
            "status",
            "effective_on",
            "status_history",
            "version",
        ]
        # Free whatever its case or width: the service (naming the code it reads as).
        extra_kwargs: dict[str, dict[str, Any]] = {"code": {"validators": []}}

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        values = merged_values(self, attrs)
        # A first activation's day is its approval date (services.base_update): either names it.
        dated = values.pop("effective_on", None) is not None and "status" in attrs
        touched = "status" in attrs or "approved_on" in attrs
        active = values.get("status") == BaseStatus.ACTIVE
        if touched and active and not values.get("approved_on") and not dated:
            raise serializers.ValidationError(
                {"approved_on": [_("An active base needs its approval date.")]}
            )
        return attrs


class BasesTargetSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    deadline = serializers.DateField()
    deadline_passed = serializers.BooleanField()
    days_left = serializers.IntegerField(allow_null=True, help_text="null once the deadline passed")


class BasesSplitSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    active = serializers.IntegerField()


class BasesProgressCityRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class BasesProgressCitySerializer(serializers.Serializer):
    city = BasesProgressCityRefSerializer()
    total = serializers.IntegerField()
    planned = serializers.IntegerField()
    active = serializers.IntegerField()
    suspended = serializers.IntegerField()


class BasesProgressSerializer(serializers.Serializer):
    """The response of /training-bases/progress/ (selectors.bases_progress)."""

    as_of = serializers.DateField()
    target = BasesTargetSerializer()
    total = serializers.IntegerField()
    active = serializers.IntegerField()
    active_on_time = serializers.IntegerField()
    remaining = serializers.IntegerField()
    met = serializers.BooleanField()
    missed = serializers.BooleanField()
    by_status = serializers.DictField(child=serializers.IntegerField())
    by_designation = serializers.DictField(child=BasesSplitSerializer())
    by_host_kind = serializers.DictField(child=BasesSplitSerializer())
    by_city = BasesProgressCitySerializer(many=True)


class BaseStatsBaseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    status = serializers.ChoiceField(choices=BaseStatus.choices)
    city = serializers.CharField(help_text="the city's name")


class BaseStatsSerializer(serializers.Serializer):
    """One base's figures (an item of /training-bases/stats/, selectors.base_stats)."""

    base = BaseStatsBaseSerializer()
    programs = serializers.IntegerField()
    programs_run = serializers.IntegerField()
    completions = serializers.IntegerField(help_text="not voided")
    teachers_trained = serializers.IntegerField(help_text="with a completion not voided")
    passed = serializers.IntegerField()
    pass_rate = serializers.FloatField(allow_null=True, help_text="null without completions")
    voided = serializers.IntegerField(
        help_text="completions the province voided (counted in none of the other figures)"
    )
    qualified_through = serializers.IntegerField()


class VoidCompletionsSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


class VoidedSerializer(serializers.Serializer):
    voided = serializers.IntegerField(help_text="how many completions were voided")


class TrainingBaseViewSet(ScopedModelViewSet):
    """Province registers bases; everyone reads them (base staff only their own)."""

    queryset = TrainingBase.objects.none()  # the schema's model; get_queryset() scopes
    serializer_class = TrainingBaseSerializer
    filterset_class = TrainingBaseFilter
    read_roles = ALL_ROLES
    write_roles = [Role.PROVINCE]
    search_fields = ["code", "name", "host_name"]
    ordering_fields = ["code", "name", "approved_on", "status"]

    def get_queryset(self) -> QuerySet[TrainingBase]:
        return (
            selectors.bases_visible_to(self.request.user)  # type: ignore[arg-type]
            .select_related("city")
            .prefetch_related("statuses")
        )

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        effective_on = data.pop("effective_on", None)
        serializer.instance = services.base_create(
            data=data,
            effective_on=effective_on,
            user=self.request.user,  # type: ignore[arg-type]
        )

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        effective_on = data.pop("effective_on", None)
        base = services.base_update(
            base=serializer.instance,
            data=data,
            effective_on=effective_on,
            user=self.request.user,  # type: ignore[arg-type]
        )
        serializer.instance = self.get_queryset().get(pk=base.pk)

    @extend_schema(request=VoidCompletionsSerializer, responses=VoidedSerializer)
    @action(detail=True, methods=["post"], url_path="void-completions")
    def void_completions(self, request: Request, pk: str | None = None) -> Response:
        """Province: void every completion this base recorded, saying why (they never count
        again; the teachers are re-evaluated)."""
        base = self.get_object()
        body = VoidCompletionsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        voided = services.base_void_completions(
            base=base,
            reason=body.validated_data["reason"],
            user=request.user,  # type: ignore[arg-type]
        )
        return Response({"voided": voided})

    def perform_destroy(self, instance: TrainingBase) -> None:
        delete_protected(
            services.base_delete,
            _("This base still has programmes or accounts."),
            base=instance,
        )

    @extend_schema(
        parameters=[OpenApiParameter("as_of", date, description="YYYY-MM-DD, default today")],
        responses=BasesProgressSerializer,
    )
    @action(detail=False, read_roles=[Role.PROVINCE, Role.CITY])
    def progress(self, request: Request) -> Response:
        """Bases by status, designation, host kind and city against the target of 20."""
        return Response(selectors.bases_progress(as_of=as_of_param(request)))

    @extend_schema(
        parameters=[OpenApiParameter("as_of", date, description="YYYY-MM-DD, default today")],
        responses=BaseStatsSerializer(many=True),  # the base list's filters apply
    )
    @action(detail=False, read_roles=[Role.PROVINCE, Role.BASE_STAFF], pagination_class=None)
    def stats(self, request: Request) -> Response:
        """Per base: programmes run, teachers trained, pass rate, teachers qualified through it."""
        bases = self.filter_queryset(self.get_queryset())
        return Response(selectors.base_stats(bases=bases, as_of=as_of_param(request)))


# --------------------------------------------------------------------------- programmes


class WritableBaseField(WholeIdField):
    """Province names any base; base staff only their own."""

    def get_queryset(self) -> QuerySet[TrainingBase]:
        user = self.context["request"].user
        if user.role == Role.PROVINCE:
            return TrainingBase.objects.all()
        return selectors.bases_visible_to(user).filter(pk=user.training_base_id)


class TrainingProgramSerializer(VersionedSerializer):
    base = WritableBaseField(required=False)
    base_name = serializers.CharField(source="base.name", read_only=True)

    class Meta:
        model = TrainingProgram
        fields = [
            "id",
            "base",
            "base_name",
            "title",
            "kind",
            "hours",
            "start_on",
            "end_on",
            "version",
        ]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        user = request_user(self)
        if self.instance is None and "base" not in attrs:
            if user.role != Role.BASE_STAFF:
                raise serializers.ValidationError({"base": [self.error_messages["required"]]})
            attrs["base"] = user.training_base
        bounds = None
        if self.instance is not None:
            bounds = selectors.program_completion_bounds(self.instance)
        raise_errors(program_errors(merged_values(self, attrs), bounds))
        return attrs


class TrainingProgramViewSet(ScopedModelViewSet):
    """Base staff run their base's programmes; everyone else reads."""

    queryset = TrainingProgram.objects.none()  # the schema's model; get_queryset() scopes
    serializer_class = TrainingProgramSerializer
    filterset_class = TrainingProgramFilter
    read_roles = ALL_ROLES
    write_roles = RUNS_TRAINING
    search_fields = ["title"]
    ordering_fields = ["start_on", "end_on", "title", "hours", "id"]

    def get_queryset(self) -> QuerySet[TrainingProgram]:
        return selectors.programs_visible_to(self.request.user).select_related("base")  # type: ignore[arg-type]

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.program_create(data=serializer.validated_data)

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = services.program_update(
            program=serializer.instance, data=serializer.validated_data
        )

    def perform_destroy(self, instance: TrainingProgram) -> None:
        delete_protected(
            services.program_delete,
            _("This programme has completions; delete them first."),
            program=instance,
        )


# --------------------------------------------------------------------------- completions


class WritableProgramField(WholeIdField):
    def get_queryset(self) -> QuerySet[TrainingProgram]:
        user = self.context["request"].user
        if user.role not in RUNS_TRAINING:
            return TrainingProgram.objects.none()
        return selectors.programs_visible_to(user)


class CompletionTeacherField(WholeIdField):
    def get_queryset(self) -> QuerySet:
        return selectors.completion_teachers_for(self.context["request"].user).distinct()


class TrainingCompletionSerializer(VersionedSerializer):
    program = WritableProgramField()
    program_title = serializers.CharField(source="program.title", read_only=True)
    base = serializers.IntegerField(source="program.base_id", read_only=True)
    base_name = serializers.CharField(source="program.base.name", read_only=True)
    teacher = CompletionTeacherField(required=False)
    teacher_id_number = serializers.CharField(
        write_only=True,
        required=False,
        help_text="The teacher's exact ID number (how base staff name a teacher).",
    )
    teacher_name = serializers.CharField(source="teacher.name", read_only=True)
    school = serializers.IntegerField(source="teacher.school_id", read_only=True)
    school_name = serializers.CharField(source="teacher.school.name", read_only=True)

    class Meta:
        model = TrainingCompletion
        fields = [
            "id",
            "program",
            "program_title",
            "base",
            "base_name",
            "teacher",
            "teacher_id_number",
            "teacher_name",
            "school",
            "school_name",
            "completed_on",
            "hours",
            "passed",
            "certificate_no",
            "voided",
            "void_reason",
            "version",
        ]
        read_only_fields = ["voided", "void_reason"]
        # At least 1, as the rule says (the column's own minimum, 0, let -1 read "≥ 0" and
        # then 0 read "at least 1"); the schema says it too.
        extra_kwargs = {"hours": {"min_value": 1}}
        # Once per teacher per programme is checked in validate(), after the teacher is
        # resolved from the ID number.
        validators: list[Any] = []

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        id_number = attrs.pop("teacher_id_number", None)
        if id_number:
            # A mistyped number says what is wrong with it (as the lookup does), not "no
            # teacher": the clerk would go looking for a teacher who is there.
            malformed = person_errors({"id_number": normalize_id_number(id_number)})
            if malformed:
                raise serializers.ValidationError({"teacher_id_number": malformed["id_number"]})
            id_lookups_charge(user=request_user(self), count=1, what="completion_by_id_number")
            teacher = selectors.teacher_by_id_number(id_number)
            if teacher is None:
                raise serializers.ValidationError(
                    {"teacher_id_number": [_("No teacher has this ID number.")]}
                )
            attrs["teacher"] = teacher
        if self.instance is None and "teacher" not in attrs:
            raise serializers.ValidationError(
                {"teacher_id_number": [_("Give the teacher's ID number.")]}
            )
        values = merged_values(self, attrs)
        program: TrainingProgram = values["program"]
        facts = ProgramFacts(program.hours, program.start_on, program.end_on)
        teacher = values["teacher"]
        raise_errors(
            completion_errors(values, facts, today=timezone.localdate(), left_on=teacher.left_on)
        )
        instance: TrainingCompletion | None = self.instance
        moved = instance is None or (instance.program_id, instance.completed_on) != (
            program.pk,
            values["completed_on"],
        )
        if moved:
            # Only training at a base active that day counts (DESIGN §4); a completion
            # already on record keeps being correctable in its other fields.
            on = values["completed_on"]
            raise_errors(base_status_errors(selectors.base_status_on(program.base_id, on), on))
        duplicate = TrainingCompletion.objects.filter(program=program, teacher=values["teacher"])
        if self.instance is not None:
            duplicate = duplicate.exclude(pk=self.instance.pk)
        existing = duplicate.values_list("voided", flat=True).first()
        if existing:
            # DESIGN §4: voided ones never count; logging it again would undo the void.
            raise serializers.ValidationError(voided_completion_errors("teacher"))
        if existing is not None:
            raise serializers.ValidationError(
                {"teacher": [_("This teacher already has a completion of this programme.")]}
            )
        return attrs


class IdNumberSerializer(serializers.Serializer):
    id_number = serializers.CharField(max_length=32)

    def validate_id_number(self, value: str) -> str:
        value = normalize_id_number(value)
        errors = person_errors({"id_number": value})
        if errors:
            raise serializers.ValidationError(errors["id_number"])
        return value


class TeacherMatchSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    school_name = serializers.CharField(source="school.name")


class IdLookupThrottle(UserRateThrottle):
    """Exact-ID lookups are a confirmation step, not a way to scan the ID space."""

    scope = "id_lookup"
    rate = "60/min"


class TrainingCompletionViewSet(ScopedModelViewSet):
    """Base staff log completions at their base; schools read their teachers' completions."""

    queryset = TrainingCompletion.objects.none()  # the schema's model; get_queryset() scopes
    serializer_class = TrainingCompletionSerializer
    filterset_class = TrainingCompletionFilter
    read_roles = ALL_ROLES
    write_roles = RUNS_TRAINING
    search_fields = ["teacher__name", "program__title", "certificate_no"]
    ordering_fields = ["completed_on", "hours", "id"]

    def get_queryset(self) -> QuerySet[TrainingCompletion]:
        return selectors.completions_visible_to(self.request.user).select_related(  # type: ignore[arg-type]
            "program__base", "teacher__school"
        )

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.completion_log(data=serializer.validated_data)

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = services.completion_update(
            completion=serializer.instance,
            data=serializer.validated_data,
            user=self.request.user,  # type: ignore[arg-type]
        )

    def perform_destroy(self, instance: TrainingCompletion) -> None:
        # A voided completion: only the province (403 with the reason for base staff).
        services.completion_delete(completion=instance, user=self.request.user)  # type: ignore[arg-type]

    @extend_schema(request=IdNumberSerializer, responses=TeacherMatchSerializer)
    @action(
        detail=False,
        methods=["post"],
        url_path="lookup-teacher",
        write_roles=RUNS_TRAINING,
        throttle_classes=[IdLookupThrottle],
    )
    def lookup_teacher(self, request: Request) -> Response:
        """Find one teacher by exact ID number: their id, name and school, nothing else."""
        query = IdNumberSerializer(data=request.data)
        query.is_valid(raise_exception=True)
        id_lookups_charge(user=request.user, count=1, what="lookup_teacher")  # type: ignore[arg-type]
        teacher = selectors.teacher_by_id_number(query.validated_data["id_number"])
        if teacher is None:
            return Response(
                {"detail": _("No teacher has this ID number.")}, status=status.HTTP_404_NOT_FOUND
            )
        return Response(TeacherMatchSerializer(teacher).data)
