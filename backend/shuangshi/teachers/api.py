import builtins
from collections.abc import Callable
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from shuangshi.accounts.models import Role
from shuangshi.accounts.scope import (
    can_see_full_id_number,
    in_school_scope,
    schools_visible_to,
    teachers_visible_to,
)
from shuangshi.audit.api import TeacherAuditActions
from shuangshi.audit.services import id_lookups_charge
from shuangshi.common.api import (
    ScopedModelViewSet,
    VersionedSerializer,
    delete_protected,
    merged_values,
    raise_errors,
    request_user,
)
from shuangshi.common.filtering import FilterBackend
from shuangshi.common.idnumbers import mask_person, normalize_id_number
from shuangshi.common.ordering import BirthYearOrderingFilter
from shuangshi.common.pagination import BoundedCountPagination
from shuangshi.common.relations import WholeIdField
from shuangshi.qualification.api import (
    levels_after_of,
    qualification_payload,
    qualification_summary,
    stored_result_of,
)
from shuangshi.qualification.schemas import QualificationResult, QualificationSummary
from shuangshi.qualification.selectors import profile_version_current

from . import selectors, services
from .filters import (
    CertificateFilter,
    EnterprisePeriodFilter,
    TeacherFilter,
    TeacherSearchFilter,
    short_search_plan,
)
from .models import Certificate, EnterprisePeriod, RecordStatus, Teacher, TeacherFact, fact_label
from .validation import (
    certificate_errors,
    period_errors,
    registered_elsewhere,
    registered_here,
    teacher_errors,
)

READ_ROLES = [Role.PROVINCE, Role.CITY, Role.SCHOOL_HR, Role.TEACHER]
WRITE_ROLES = [Role.PROVINCE, Role.SCHOOL_HR]
# A teacher may propose certificates and periods (pending until HR confirms), nothing more.
PROPOSE_ROLES = [*WRITE_ROLES, Role.TEACHER]


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


class ProposalActions:
    """Mixed into the certificate and period viewsets: teachers propose, HR confirms.

    A teacher may only create (always `pending`); confirming and rejecting is for the
    school's HR and the province (get_object() is scoped)."""

    def _refuse_teacher(self, request: Request) -> None:
        role = getattr(request.user, "role", None)
        if role == Role.TEACHER and self.action != "create":  # type: ignore[attr-defined]
            raise exceptions.PermissionDenied(_("Teachers may only propose records."))

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            self._refuse_teacher(request)

    def _proposed_data(self, serializer: Any) -> dict[str, Any]:
        data = dict(serializer.validated_data)
        if self.request.user.role == Role.TEACHER:  # type: ignore[attr-defined]
            data["status"] = RecordStatus.PENDING
        return data

    def _decide(self, request: Request, decision: str) -> Response:
        record = self.get_object()  # type: ignore[attr-defined]
        if decision == "confirm":
            record = services.record_confirm(record=record)
        else:
            body = RejectSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            record = services.record_reject(record=record, reason=body.validated_data["reason"])
        return Response(self.get_serializer(record).data)  # type: ignore[attr-defined]

    @extend_schema(request=None, filters=False)
    @action(detail=True, methods=["post"], filterset_class=None)
    def confirm(self, request: Request, pk: str | None = None) -> Response:
        return self._decide(request, "confirm")

    @extend_schema(request=RejectSerializer, filters=False)
    @action(detail=True, methods=["post"], filterset_class=None)
    def reject(self, request: Request, pk: str | None = None) -> Response:
        return self._decide(request, "reject")


class ScopedTeacherField(WholeIdField):
    """A teacher reference that only resolves to teachers the user may write."""

    def get_queryset(self) -> QuerySet[Teacher]:
        return teachers_visible_to(self.context["request"].user)


class ScopedSchoolField(WholeIdField):
    def get_queryset(self) -> QuerySet:
        return schools_visible_to(self.context["request"].user)


class TeacherSerializer(VersionedSerializer):
    school = ScopedSchoolField(required=False)
    school_name = serializers.CharField(source="school.name", read_only=True)
    # qualification (issue 3): the stored result; the queryset select_related()s it.
    qualification = serializers.SerializerMethodField()
    birth_year = serializers.SerializerMethodField()
    # DESIGN §3 dated facts: school, employment, course type, title and major category
    # change from this date (default today; may be in the past). Write-only.
    effective_on = serializers.DateField(
        required=False,
        allow_null=True,  # the edit form's empty date picker: today, as when left out
        write_only=True,
        help_text="The day the changed school, employment, course type, title or major "
        "category takes effect (left out or null: today; may be in the past).",
    )

    class Meta:
        model = Teacher
        fields = [
            "id",
            "school",
            "school_name",
            "staff_no",
            "name",
            "id_number",
            "gender",
            "birth_date",
            "birth_year",
            "employment",
            "course_type",
            "major",
            "education",
            "normal_graduate",
            "title",
            "hired_on",
            "teaching_since",
            "left_on",
            "major_category",
            "effective_on",
            "version",
            "qualification",
        ]
        extra_kwargs = {
            # Reads null where the ID number is masked (then only birth_year is shown).
            "birth_date": {"allow_null": True},
            # Checked in validate(), with a message that names no other school.
            "id_number": {"validators": []},
        }

    @extend_schema_field(QualificationResult(allow_null=True))
    def get_qualification(self, teacher: Teacher) -> dict[str, Any] | None:
        return qualification_payload(teacher)

    def get_birth_year(self, teacher: Teacher) -> int:
        return teacher.birth_date.year

    def validate_id_number(self, value: str) -> str:
        return normalize_id_number(value)

    def validate_birth_date(self, value: date | None) -> date:
        if value is None:
            raise serializers.ValidationError(self.fields["birth_date"].error_messages["null"])
        return value

    def _refuse_taken_id_number(self, user: Any, number: str) -> None:
        """A registered number: at another school, say only that (and count the lookup)."""
        taken = Teacher.objects.filter(id_number=number)
        if self.instance is not None:
            taken = taken.exclude(pk=self.instance.pk)
        school_id = taken.values_list("school_id", flat=True).first()
        if school_id is None:
            return
        if user.role == Role.PROVINCE or school_id == user.school_id:
            raise serializers.ValidationError({"id_number": [registered_here()]})
        id_lookups_charge(user=user, count=1, what="teacher_create")
        raise serializers.ValidationError({"id_number": [registered_elsewhere()]})

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        user = request_user(self)
        if self.instance is None and "school" not in attrs:
            if user.role != Role.SCHOOL_HR:
                raise serializers.ValidationError({"school": [self.error_messages["required"]]})
            attrs["school"] = user.school
        raise_errors(teacher_errors(merged_values(self, attrs)))
        if attrs.get("id_number"):
            self._refuse_taken_id_number(user, attrs["id_number"])
        return attrs

    def to_representation(self, instance: Teacher) -> dict[str, Any]:
        data = super().to_representation(instance)
        user = request_user(self)
        if not can_see_full_id_number(user, instance.school_id, teacher_id=instance.pk):
            mask_person(data, id_number=instance.id_number)
        return data


class TeacherListSerializer(TeacherSerializer):
    """A list row: the verdict only ({level, qualified, in_scope, valid_until, level_after,
    evaluated_on}); GET /teachers/{id}/ carries the reasons and what is missing."""

    # The list's rows are selectors.TeacherRow (columns read as values); get_qualification
    # serves DRF's field on a model. No docstrings: they would be the API's descriptions.

    # The official recognition in force today (DESIGN §8), beside the computed verdict.
    recognized_level = serializers.CharField(
        read_only=True,
        allow_null=True,
        help_text="The level of the recognition in force today (the highest held); null "
        "when none is.",
    )
    recognized_valid_until = serializers.DateField(
        read_only=True, allow_null=True, help_text="The last day that recognition is valid."
    )

    class Meta(TeacherSerializer.Meta):
        fields = [*TeacherSerializer.Meta.fields, "recognized_level", "recognized_valid_until"]

    @extend_schema_field(QualificationSummary(allow_null=True))
    def get_qualification(self, teacher: Teacher) -> dict[str, Any] | None:
        return qualification_summary(teacher.pk, stored_result_of(teacher))

    def to_representation(self, instance: selectors.TeacherRow) -> dict[str, Any]:  # type: ignore[override]
        """The row written out directly, as TeacherSerializer's fields would write the
        teacher (test_list_rows_read_as_the_serializer_fields_would)."""
        t = instance
        levels = self.context.get("levels_after")
        if levels is None:  # level_after for the whole page in one read, kept in the context
            page = getattr(self.parent, "instance", None) or [t]
            read = {r.id: r.level_after for r in page if r.level_after is not None}
            version = page[0].profile_version  # read with the rows (PostgreSQL)
            if version is None:
                version = profile_version_current()  # once a page, as the date
            levels = levels_after_of(((r.id, r.verdict) for r in page), read=read, version=version)
            self.context["levels_after"] = levels
            self.context["today"] = timezone.localdate()
            self.context["profile_version"] = version
        row = {
            "id": t.id,
            "school": t.school_id,
            "school_name": t.school_name,
            "staff_no": t.staff_no,
            "name": t.name,
            "id_number": t.id_number,
            "gender": t.gender,
            "birth_date": t.birth_date.isoformat(),
            "birth_year": t.birth_date.year,
            "employment": t.employment,
            "course_type": t.course_type,
            "major": t.major,
            "education": t.education,
            "normal_graduate": t.normal_graduate,
            "title": t.title,
            "hired_on": t.hired_on.isoformat(),
            "teaching_since": t.teaching_since.isoformat(),
            "left_on": t.left_on.isoformat() if t.left_on else None,
            "major_category": t.major_category,
            "version": t.version,
            "qualification": qualification_summary(
                t.id,
                t.verdict,
                levels_after=levels,
                today=self.context.get("today"),
                version=self.context.get("profile_version"),
            ),
            "recognized_level": t.recognized_level,
            "recognized_valid_until": (
                t.recognized_valid_until.isoformat() if t.recognized_valid_until else None
            ),
        }
        if not can_see_full_id_number(request_user(self), t.school_id, teacher_id=t.id):
            mask_person(row, id_number=t.id_number)
        return row


class TeacherFactSerializer(serializers.ModelSerializer):
    """One dated value: ``value`` holds from ``effective_on`` until the next row of the
    same field (the school's id for ``school``; "" for an unstated major category)."""

    value_label = serializers.SerializerMethodField()
    recorded_by = serializers.CharField(
        source="recorded_by.username", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = TeacherFact
        fields = ["field", "value", "value_label", "effective_on", "recorded_by", "recorded_at"]
        read_only_fields = fields

    def get_value_label(self, fact: TeacherFact) -> str:
        """The value in words (the school's name, the category's name, the choice label)."""
        return fact_label(fact.field, fact.value)


# Query parameters that do not narrow a list.
NOT_NARROWING = {"page", "page_size", "ordering", "format"}


class TeacherViewSet(TeacherAuditActions, ScopedModelViewSet):
    serializer_class = TeacherSerializer
    pagination_class = BoundedCountPagination
    filterset_class = TeacherFilter
    read_roles = READ_ROLES
    write_roles = WRITE_ROLES
    search_fields = ["name", "staff_no", "major"]
    ordering_fields = ["name", "staff_no", "hired_on", "birth_date", "teaching_since", "id"]
    filter_backends = [FilterBackend, TeacherSearchFilter, BirthYearOrderingFilter]

    # The bounded count's cost limit (pagination.COUNT_COST_LIMIT) for this request, when
    # the list is read from an index whose rows bound the count (short_search_plan).
    count_cost_limit: float | None = None
    # The query whose planned rows estimate a total that is not counted (TeacherSearchFilter).
    count_estimate_of: QuerySet[Any] | None = None

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        with short_search_plan(request) as from_index:
            self.count_cost_limit = float("inf") if from_index else None
            return super().list(request, *args, **kwargs)

    def birth_year_only(self, request: Request) -> bool:
        """Readers of masked ID numbers sort by birth year (all their rows are masked)."""
        role: str = getattr(request.user, "role", "")
        return role not in (Role.PROVINCE, Role.SCHOOL_HR, Role.TEACHER)

    def get_serializer_class(self) -> Any:
        return TeacherListSerializer if self.action == "list" else TeacherSerializer

    def list_total(self, request: Request) -> int | None:
        """The list's exact total without counting teacher rows, when the query narrows the
        user's scope by school or city only (selectors.teacher_total); None otherwise, and
        the pagination counts (up to a bound, then estimates)."""
        if self.action != "list":  # e.g. history/ pages audit entries, not teachers
            return None
        asked = {k: str(v) for k, v in request.query_params.items() if v != ""}
        narrowing = set(asked) - NOT_NARROWING
        role = getattr(request.user, "role", None)
        if not narrowing <= {"school", "city"} or role == Role.TEACHER:
            return None
        if not narrowing and role == Role.PROVINCE:
            return selectors.teacher_total()
        schools = schools_visible_to(request.user)  # type: ignore[arg-type]
        try:
            if "school" in narrowing:
                schools = schools.filter(pk=int(asked["school"]))
            if "city" in narrowing:
                schools = schools.filter(city_id=int(asked["city"]))
        except ValueError:
            return None
        return selectors.teacher_total(schools=schools)

    @property
    def list_rows(self) -> Callable[[QuerySet[Any]], builtins.list[selectors.TeacherRow]] | None:
        """How the pagination reads a list page's rows from the query of its ids: values,
        not three models a row (None for other paged actions: the queryset's objects)."""
        return selectors.teacher_list_rows if self.action == "list" else None

    def get_queryset(self) -> QuerySet[Teacher]:
        return teachers_visible_to(self.request.user).select_related(  # type: ignore[arg-type]
            "school", "qualification"
        )

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        data.pop("effective_on", None)  # a new teacher's values hold from hired_on
        user = self.request.user
        teacher = services.teacher_create(data=data, user=user)  # type: ignore[arg-type]
        serializer.instance = self.get_queryset().get(pk=teacher.pk)  # with its result

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        effective_on = data.pop("effective_on", None)
        teacher = services.teacher_update(
            teacher=serializer.instance,
            data=data,
            effective_on=effective_on,
            user=self.request.user,  # type: ignore[arg-type]
        )
        serializer.instance = self.get_queryset().get(pk=teacher.pk)  # the new result

    def perform_destroy(self, instance: Teacher) -> None:
        delete_protected(
            services.teacher_delete,
            _(
                "This teacher has recognition applications or recognitions, which are kept "
                "as the record of the recognition process. Record the teacher's leaving date "
                "instead."
            ),
            teacher=instance,
        )

    @extend_schema(responses=TeacherFactSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None)
    def facts(self, request: Request, pk: str | None = None) -> Response:
        """The dated history of school, employment, course type, title and major category."""
        teacher = self.get_object()
        rows = selectors.teacher_facts(teacher=teacher)
        return Response(TeacherFactSerializer(rows, many=True).data)


def _with_stored_twice(
    errors: dict[str, list[str]],
    model: type[Certificate | EnterprisePeriod],
    attrs: dict[str, Any],
    record: Certificate | EnterprisePeriod | None,
) -> dict[str, list[str]]:
    """A record refused here for its dates is also asked about by the service's duplicate
    rule (services.stored_twice_errors), so that one 400 names every field at fault. A
    record these rules pass is refused as stored twice by the service, for every writer."""
    if errors:
        for field, messages in services.stored_twice_errors(model, attrs, record).items():
            errors.setdefault(field, []).extend(messages)
    return errors


class CertificateSerializer(VersionedSerializer):
    teacher = ScopedTeacherField()

    class Meta:
        model = Certificate
        fields = [
            "id",
            "teacher",
            "kind",
            "level",
            "name",
            "field",
            "number",
            "issuer",
            "issued_on",
            "expires_on",
            "field_category",
            "status",
            "reject_reason",
            "version",
        ]
        read_only_fields = ["status", "reject_reason"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        values = merged_values(self, attrs)
        teacher: Teacher = values["teacher"]
        errors = certificate_errors(
            values, birth_date=teacher.birth_date, today=timezone.localdate()
        )
        raise_errors(_with_stored_twice(errors, Certificate, attrs, self.instance))
        return attrs


class CertificateViewSet(ProposalActions, ScopedModelViewSet):
    serializer_class = CertificateSerializer
    filterset_class = CertificateFilter
    read_roles = READ_ROLES
    write_roles = PROPOSE_ROLES
    search_fields = ["name", "number", "field", "issuer"]
    ordering_fields = ["issued_on", "expires_on", "kind", "id"]

    def get_queryset(self) -> QuerySet[Certificate]:
        return in_school_scope(
            Certificate.objects.all(),
            self.request.user,  # type: ignore[arg-type]
            school="teacher__school",
            teacher="teacher",
        )

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.certificate_create(data=self._proposed_data(serializer))

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = services.certificate_update(
            certificate=serializer.instance, data=serializer.validated_data
        )

    def perform_destroy(self, instance: Certificate) -> None:
        services.certificate_delete(certificate=instance)


class EnterprisePeriodSerializer(VersionedSerializer):
    teacher = ScopedTeacherField()
    days = serializers.SerializerMethodField()

    class Meta:
        model = EnterprisePeriod
        fields = [
            "id",
            "teacher",
            "kind",
            "enterprise",
            "credit_code",
            "position",
            "start_on",
            "end_on",
            "days",
            "status",
            "reject_reason",
            "version",
        ]
        read_only_fields = ["status", "reject_reason"]

    def get_days(self, period: EnterprisePeriod) -> int:
        """Days covered, both ends included; an ongoing period counts up to today."""
        end = period.end_on or date.today()
        return max((end - period.start_on).days + 1, 0)

    def validate_credit_code(self, value: str) -> str:
        return value.strip().upper()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        values = merged_values(self, attrs)
        teacher: Teacher = values["teacher"]
        errors = period_errors(values, birth_date=teacher.birth_date, today=timezone.localdate())
        raise_errors(_with_stored_twice(errors, EnterprisePeriod, attrs, self.instance))
        return attrs


class EnterprisePeriodViewSet(ProposalActions, ScopedModelViewSet):
    serializer_class = EnterprisePeriodSerializer
    filterset_class = EnterprisePeriodFilter
    read_roles = READ_ROLES
    write_roles = PROPOSE_ROLES
    search_fields = ["enterprise", "position"]
    ordering_fields = ["start_on", "end_on", "id"]

    def get_queryset(self) -> QuerySet[EnterprisePeriod]:
        return in_school_scope(
            EnterprisePeriod.objects.all(),
            self.request.user,  # type: ignore[arg-type]
            school="teacher__school",
            teacher="teacher",
        )

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.period_create(data=self._proposed_data(serializer))

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = services.period_update(
            period=serializer.instance, data=serializer.validated_data
        )

    def perform_destroy(self, instance: EnterprisePeriod) -> None:
        services.period_delete(period=instance)
