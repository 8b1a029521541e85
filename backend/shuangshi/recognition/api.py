"""Recognition API (DESIGN §8): rounds, applications and their actions, recognitions,
evidence files, the teacher's own record, HR's confirmation queue and public verification.
Views stay thin: every write is a service call."""

from functools import cached_property
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import exceptions, mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from shuangshi.accounts.models import Role, User
from shuangshi.accounts.scope import in_school_scope, teachers_visible_to
from shuangshi.common.api import RolePermission, ScopedModelViewSet, request_user
from shuangshi.common.filtering import OrderingFilter, SearchFilter
from shuangshi.common.parsers import FormParser, JSONParser, MultiPartParser
from shuangshi.common.relations import WholeIdField
from shuangshi.qualification.schemas import Eligibility
from shuangshi.teachers.api import CertificateSerializer, EnterprisePeriodSerializer
from shuangshi.teachers.models import (
    Certificate,
    EnterprisePeriod,
    RecordStatus,
    Teacher,
    certificate_level_label,
    has_left,
)
from shuangshi.training.models import TrainingCompletion

from . import rules, selectors, services
from .evidence import accepted_types
from .filters import (
    ApplicationFilter,
    EvidenceFilter,
    PublicityFilter,
    RecognitionFilter,
    RoundFilter,
)
from .models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    EvidenceFile,
    EvidenceKind,
    Objection,
    Recognition,
    Round,
    Stage,
    Vote,
)

SIGNED_IN = [Role.PROVINCE, Role.CITY, Role.SCHOOL_HR, Role.BASE_STAFF, Role.TEACHER, Role.EXPERT]
LEVEL_CHOICES = list(rules.LEVELS)
SUMMARY_SEPARATOR = " · "


def _role(request: Request) -> str:
    return str(getattr(request.user, "role", ""))


def _only(request: Request, *roles: str) -> None:
    if _role(request) not in roles:
        raise exceptions.PermissionDenied(_("Your role may not do this."))


def _knows_panel(context: dict[str, Any]) -> bool:
    """Who reviews is the province's and the panel's to know: the province, and an expert
    (who reads only their own rounds and, in full, only those rounds' applications:
    selectors.rounds_visible_to, selectors.applications_visible_to)."""
    request = context.get("request")
    return request is not None and _role(request) in (Role.PROVINCE, Role.EXPERT)


class ScopedTeacherField(WholeIdField):
    def get_queryset(self) -> QuerySet[Teacher]:
        return teachers_visible_to(self.context["request"].user)


# --------------------------------------------------------------------------- rounds


class RoundSerializer(serializers.ModelSerializer):
    levels = serializers.ListField(
        child=serializers.ChoiceField(choices=LEVEL_CHOICES), required=False, max_length=3
    )
    # Any account is found here, so that a deactivated one or one of another role is refused
    # by the service in words (services._round_errors) rather than as an id that does not
    # exist; only an unknown id does not exist. Only the province writes rounds.
    experts = WholeIdField(many=True, required=False, queryset=User.objects.all())
    status = serializers.SerializerMethodField(
        help_text="open between opens_on and closes_on (its last day), else closed (before it "
        "opens too: phase tells the two apart)."
    )
    phase = serializers.SerializerMethodField(
        help_text="upcoming before opens_on, open through closes_on, closed after."
    )
    expert_names = serializers.SerializerMethodField(
        help_text="The assigned experts as a reader knows them (the province and the round's "
        "experts read them; empty for everyone else)."
    )
    version = serializers.IntegerField(read_only=True)

    class Meta:
        model = Round
        fields = [
            "id",
            "code",
            "name",
            "opens_on",
            "closes_on",
            "publicity_days",
            "validity_years",
            "levels",
            "rule_version",
            "experts",
            "expert_names",
            "status",
            "phase",
            "version",
        ]
        read_only_fields = ["rule_version"]
        extra_kwargs = {
            # Its form and its uniqueness whatever the case: the service (one message for
            # R2026 taken as R2026 or as r2026), after the field's own length and blank checks.
            "code": {"validators": []},
            "publicity_days": {"max_value": 90},
            "validity_years": {"min_value": 1, "max_value": 10},
        }

    @extend_schema_field(serializers.ChoiceField(choices=["open", "closed"]))
    def get_status(self, round: Round) -> str:
        return "open" if services.round_is_open(round, timezone.localdate()) else "closed"

    @extend_schema_field(serializers.ChoiceField(choices=list(rules.ROUND_PHASES)))
    def get_phase(self, round: Round) -> str:
        return rules.round_phase(round.opens_on, round.closes_on, timezone.localdate())

    def get_expert_names(self, round: Round) -> list[str]:
        if not _knows_panel(self.context):
            return []  # who reviews is the province's and the panel's to know
        return [selectors.person_name(e) for e in round.experts.all()]


class RoundViewSet(ScopedModelViewSet):
    """Recognition rounds: the province writes, everyone signed in reads."""

    serializer_class = RoundSerializer
    read_roles = SIGNED_IN
    write_roles = [Role.PROVINCE]
    http_method_names = ["get", "post", "patch", "head", "options"]
    search_fields = ["code", "name"]
    ordering_fields = ["opens_on", "code", "id"]
    filterset_class = RoundFilter

    def get_queryset(self) -> QuerySet[Round]:
        return selectors.rounds_visible_to(self.request.user)  # type: ignore[arg-type]

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.round_create(data=serializer.validated_data)

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = services.round_update(
            round=serializer.instance, data=serializer.validated_data
        )


# --------------------------------------------------------------------------- evidence


class EvidenceFileSerializer(serializers.ModelSerializer):
    teacher = ScopedTeacherField(required=False)
    file = serializers.FileField(write_only=True)
    frozen = serializers.SerializerMethodField()
    certificate = WholeIdField(queryset=Certificate.objects.all(), required=False, allow_null=True)
    enterprise_period = WholeIdField(
        queryset=EnterprisePeriod.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = EvidenceFile
        fields = [
            "id",
            "teacher",
            "kind",
            "description",
            "file",
            "filename",
            "size",
            "sha256",
            "content_type",
            "certificate",
            "enterprise_period",
            "uploaded_by",
            "uploaded_at",
            "frozen",
        ]
        read_only_fields = [
            "filename",
            "size",
            "sha256",
            "content_type",
            "uploaded_by",
            "uploaded_at",
        ]

    def get_fields(self) -> dict[str, Any]:
        """Records to attach to resolve only within the user's scope (no probing of ids)."""
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            user = request.user
            fields["certificate"].queryset = in_school_scope(  # type: ignore[attr-defined]
                Certificate.objects.all(), user, school="teacher__school", teacher="teacher"
            )
            fields["enterprise_period"].queryset = in_school_scope(  # type: ignore[attr-defined]
                EnterprisePeriod.objects.all(), user, school="teacher__school", teacher="teacher"
            )
        return fields

    def get_frozen(self, evidence: EvidenceFile) -> bool:
        return selectors.evidence_frozen(evidence)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        user = request_user(self)
        if "teacher" not in attrs:
            if user.role != Role.TEACHER or user.teacher is None:
                raise serializers.ValidationError({"teacher": [_("This field is required.")]})
            attrs["teacher"] = user.teacher
        return attrs


class EvidenceFileViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Evidence files (PDF, JPEG, PNG), scoped like their teacher."""

    serializer_class = EvidenceFileSerializer
    permission_classes = [RolePermission]
    read_roles = [Role.PROVINCE, Role.CITY, Role.SCHOOL_HR, Role.TEACHER, Role.EXPERT]
    write_roles = [Role.PROVINCE, Role.SCHOOL_HR, Role.TEACHER]
    # The project's parsers: bounded JSON and forms (413 past the limit, 400 when nested too
    # deep), and no lone surrogates in any field (400).
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    filterset_class = EvidenceFilter
    ordering_fields = ["uploaded_at", "id"]

    def get_queryset(self) -> QuerySet[EvidenceFile]:
        return selectors.evidence_visible_to(self.request.user)  # type: ignore[arg-type]

    def perform_create(self, serializer: Any) -> None:
        data = serializer.validated_data
        serializer.instance = services.evidence_upload(
            teacher=data["teacher"],
            kind=data["kind"],
            description=data.get("description", ""),
            upload=data["file"],
            user=self.request.user,  # type: ignore[arg-type]
            certificate=data.get("certificate"),
            enterprise_period=data.get("enterprise_period"),
        )

    @extend_schema(responses={409: OpenApiTypes.OBJECT, 204: None})
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        try:
            services.evidence_delete(evidence=self.get_object(), user=request.user)  # type: ignore[arg-type]
        except services.EvidenceNotYours as refused:
            raise exceptions.PermissionDenied(str(refused)) from None
        except services.EvidenceFrozen:
            return Response(
                {"detail": _("This file belongs to a submitted application and is kept.")},
                status=status.HTTP_409_CONFLICT,
            )
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], filterset_class=None)
    def download(self, request: Request, pk: str | None = None) -> FileResponse:
        evidence = self.get_object()
        return FileResponse(
            evidence.file.open("rb"),
            as_attachment=True,
            filename=evidence.filename,
            content_type=evidence.content_type,
        )


# --------------------------------------------------------------------------- applications


class EventSerializer(serializers.ModelSerializer):
    """One step: ``actor`` is the login (null for the nightly job); ``actor_name`` the person
    as a reader knows them (selectors.person_name) and ``actor_role`` their role's code.
    The three are "" where the person is not the reader's to know: an objector to all but
    the province, an expert who voted to all but the province and the round's experts."""

    actor = serializers.CharField(source="actor.username", default=None, allow_null=True)
    actor_name = serializers.SerializerMethodField()
    actor_role = serializers.CharField(
        source="actor.role", default=None, allow_null=True, read_only=True
    )

    class Meta:
        model = ApplicationEvent
        fields = ["stage", "actor", "actor_name", "actor_role", "decision", "opinion", "at"]

    @extend_schema_field({"type": "string", "nullable": True})
    def get_actor_name(self, event: ApplicationEvent) -> str | None:
        return None if event.actor is None else selectors.person_name(event.actor)

    def to_representation(self, event: ApplicationEvent) -> dict[str, Any]:
        data = super().to_representation(event)
        request = self.context.get("request")
        if event.stage == Stage.OBJECTION and (request is None or _role(request) != Role.PROVINCE):
            # Who objected is the province's to read (kept on the event).
            data.update(actor="", actor_name="", actor_role="")
        elif event.stage == Stage.VOTE and not _knows_panel(self.context):
            # Who voted is the province's and the panel's to know (kept on the event).
            data.update(actor="", actor_name="", actor_role="")
        return data


class VoteSerializer(serializers.ModelSerializer):
    """An expert's vote: its decision, opinion and date for every reader of the application;
    who cast it (``expert``, ``expert_name``) for the province and the round's experts only
    ("" for everyone else: who reviews is the province's and the panel's to know)."""

    expert = serializers.CharField(
        source="expert.username",
        help_text="The expert's login; \"\" but to the province and the round's experts.",
    )
    expert_name = serializers.SerializerMethodField(
        help_text='The expert as a reader knows them; "" but to the province and the '
        "round's experts."
    )

    class Meta:
        model = Vote
        fields = ["expert", "expert_name", "decision", "opinion", "at"]

    def get_expert_name(self, vote: Vote) -> str:
        return selectors.person_name(vote.expert)

    def to_representation(self, vote: Vote) -> dict[str, Any]:
        data = super().to_representation(vote)
        if not _knows_panel(self.context):
            data.update(expert="", expert_name="")
        return data


class ObjectionSerializer(serializers.ModelSerializer):
    filed_by = serializers.CharField(source="filed_by.username")
    filed_by_name = serializers.SerializerMethodField()
    filed_by_role = serializers.CharField(source="filed_by.role", read_only=True)

    class Meta:
        model = Objection
        fields = [
            "id",
            "filed_by",
            "filed_by_name",
            "filed_by_role",
            "reason",
            "filed_at",
            "status",
            "resolution",
            "resolved_at",
        ]

    def get_filed_by_name(self, objection: Objection) -> str:
        return selectors.person_name(objection.filed_by)


@extend_schema_field({"$ref": "#/components/schemas/EvidenceFileKindEnum"})
class EvidenceKindField(serializers.ChoiceField):
    """An evidence file's kind, named in the schema by the enum evidence-files/ already has
    (a second serializer with the same choices would otherwise rename that enum)."""


class ApplicationEvidenceSerializer(serializers.ModelSerializer):
    """An attached file as a reviewer reads it: its name, kind and the record it backs
    (``record``: that record in words in the request's language, "" when none); the file
    itself is ``evidence-files/{id}/download/``."""

    kind = EvidenceKindField(choices=EvidenceKind.choices, read_only=True)
    record = serializers.SerializerMethodField()

    class Meta:
        model = EvidenceFile
        fields = [
            "id",
            "filename",
            "kind",
            "description",
            "content_type",
            "size",
            "certificate",
            "enterprise_period",
            "record",
        ]
        read_only_fields = fields

    def get_record(self, evidence: EvidenceFile) -> str:
        cert, period = evidence.certificate, evidence.enterprise_period
        if cert is not None:
            parts = [cert.get_kind_display(), certificate_level_label(cert.kind, cert.level)]
            return SUMMARY_SEPARATOR.join(filter(None, [*parts, cert.name]))
        if period is not None:
            parts = [period.get_kind_display(), period.enterprise, period.position]
            return SUMMARY_SEPARATOR.join(filter(None, parts))
        return ""


@extend_schema_field(Eligibility(allow_null=True))
class EligibilityField(serializers.JSONField):
    """Application.eligibility as stored: the §4 result on submission (null before)."""


class ApplicationSerializer(serializers.ModelSerializer):
    teacher = ScopedTeacherField(required=False)
    eligibility = EligibilityField(
        read_only=True, label=Application._meta.get_field("eligibility").verbose_name
    )
    level = serializers.ChoiceField(choices=LEVEL_CHOICES)
    evidence = WholeIdField(many=True, required=False, queryset=EvidenceFile.objects.all())
    round_code = serializers.CharField(source="round.code", read_only=True)
    teacher_name = serializers.CharField(source="teacher.name", read_only=True)
    # The application's school: the one that submitted it, kept when the teacher moves.
    school = serializers.IntegerField(source="applying_school.pk", read_only=True)
    school_name = serializers.CharField(source="applying_school.name", read_only=True)
    evidence_files = ApplicationEvidenceSerializer(source="evidence", many=True, read_only=True)
    history = EventSerializer(source="events", many=True, read_only=True)
    votes = VoteSerializer(many=True, read_only=True)
    recognition = serializers.SerializerMethodField()
    # The teacher has left (a leaving date today or before): the application can still be
    # returned, rejected or withdrawn, not submitted, approved or finalized (services).
    teacher_has_left = serializers.SerializerMethodField()
    version = serializers.IntegerField(required=False)

    class Meta:
        model = Application
        fields = [
            "id",
            "round",
            "round_code",
            "teacher",
            "teacher_name",
            "school",
            "school_name",
            "level",
            "statement",
            "evidence",
            "evidence_files",
            "status",
            "eligibility",
            "history",
            "votes",
            "publicity_until",
            "recognition",
            "teacher_has_left",
            "version",
        ]
        read_only_fields = ["status", "eligibility", "publicity_until"]

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {"id": {"type": "integer"}, "certificate_no": {"type": "string"}},
        }
    )
    def get_recognition(self, application: Application) -> dict[str, Any] | None:
        try:
            recognition = application.recognition  # type: ignore[attr-defined]
        except Recognition.DoesNotExist:
            return None
        return {"id": recognition.pk, "certificate_no": recognition.certificate_no}

    def get_teacher_has_left(self, application: Application) -> bool:
        return has_left(application.teacher.left_on, today=timezone.localdate())

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            evidence: Any = fields["evidence"]
            evidence.child_relation.queryset = selectors.evidence_visible_to(request.user)
        if request is not None and self.instance is not None:
            fields["round"].read_only = True  # a draft stays in its round
            fields["teacher"].read_only = True
        return fields

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs.pop("version", None)
        user = request_user(self)
        if self.instance is None and "teacher" not in attrs:
            if user.role != Role.TEACHER or user.teacher is None:
                raise serializers.ValidationError({"teacher": [_("This field is required.")]})
            attrs["teacher"] = user.teacher
        return attrs


class ReviewSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=["approve", "return", "reject"])
    opinion = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class VoteRequestSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=["approve", "reject"])
    opinion = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class ObjectionRequestSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class ResolveSerializer(serializers.Serializer):
    upheld = serializers.BooleanField()
    opinion = serializers.CharField(max_length=2000)


class PublicityRowSerializer(serializers.ModelSerializer):
    """The publicity list: name, school and level only. `status` as its reader reads it
    (``shown_status``, selectors.applications_in_publicity): under objection to the province
    alone, publicized to everyone else."""

    round_code = serializers.CharField(source="round.code")
    teacher_name = serializers.CharField(source="teacher.name")
    school_name = serializers.CharField(source="applying_school.name")

    class Meta:
        model = Application
        fields = [
            "id",
            "round",
            "round_code",
            "teacher_name",
            "school_name",
            "level",
            "publicity_until",
            "status",
        ]

    def to_representation(self, application: Application) -> dict[str, Any]:
        data = super().to_representation(application)
        data["status"] = getattr(application, "shown_status", data["status"])
        return data


class ApplicationRowSerializer(serializers.BaseSerializer):
    """A row of the applications list: the application in full when its reader reads it in
    full (``in_full``, selectors.applications_with_publicized; always so but on the list
    asked for ?status=publicized), else its publicity row (name, school and level only)."""

    def to_representation(self, application: Application) -> dict[str, Any]:
        if getattr(application, "in_full", True):
            return self._full.to_representation(application)
        return self._publicity.to_representation(application)

    @cached_property
    def _full(self) -> ApplicationSerializer:
        return ApplicationSerializer(context=self.context)

    @cached_property
    def _publicity(self) -> PublicityRowSerializer:
        return PublicityRowSerializer(context=self.context)


class ApplicationRowExtension(OpenApiSerializerExtension):
    """The schema of a row: an application in full or a publicity row (anyOf: a full row
    holds every field of a publicity row too)."""

    target_class = ApplicationRowSerializer

    def map_serializer(self, auto_schema: Any, direction: Any) -> dict[str, Any]:
        shapes = (ApplicationSerializer, PublicityRowSerializer)
        return {"anyOf": [auto_schema.resolve_serializer(s, direction).ref for s in shapes]}


class ApplicationOrderingFilter(OrderingFilter):
    """Sorting by `status` sorts by the status its reader reads (``shown_status`` where the
    list carries it: the publicity lists), so that an application under objection sorts as
    the publicized ones do to everyone but the province."""

    def get_ordering(self, request: Request, queryset: QuerySet, view: Any) -> Any:
        ordering = super().get_ordering(request, queryset, view)
        if not ordering or "shown_status" not in queryset.query.annotations:
            return ordering
        shown = {"status": "shown_status", "-status": "-shown_status"}
        return [shown.get(str(term), term) for term in ordering]


class ApplicationSearchFilter(SearchFilter):
    """Applications are searched by the teacher's name and staff number; the publicity
    list (publicity/, and the list asked for ?status=publicized) by what it shows of a
    person: the teacher's name."""

    def get_search_fields(self, view: Any, request: Request) -> list[str]:
        if view.action == "publicity" or view.lists_publicized():
            return ["teacher__name"]
        return list(super().get_search_fields(view, request) or [])


APPLICANT_ROLES = (Role.TEACHER, Role.SCHOOL_HR)
# What an application read in full loads beside it (its history, votes and files).
APPLICATION_PREFETCHES = (
    Prefetch("events", ApplicationEvent.objects.select_related("actor__teacher")),
    Prefetch("votes", Vote.objects.select_related("expert__teacher")),
    Prefetch("evidence", EvidenceFile.objects.select_related("certificate", "enterprise_period")),
)


class ApplicationViewSet(ScopedModelViewSet):
    """Recognition applications and the §8 review chain (one action per transition)."""

    serializer_class = ApplicationSerializer
    read_roles = SIGNED_IN
    write_roles = SIGNED_IN  # each action checks its own roles; objections are open to all
    http_method_names = ["get", "post", "patch", "head", "options"]
    filterset_class = ApplicationFilter
    filter_backends = [DjangoFilterBackend, ApplicationSearchFilter, ApplicationOrderingFilter]
    search_fields = ["teacher__name", "teacher__staff_no"]
    ordering_fields = ["id", "status", "publicity_until"]

    def lists_publicized(self) -> bool:
        """The list asked for ?status=publicized by anyone but the province (which reads
        every application in full anyway): the publicity list, open to every signed-in user
        (DESIGN §8), with the applications its reader reads in full in full."""
        return (
            self.action == "list"
            and self.request.query_params.get("status") == ApplicationStatus.PUBLICIZED
            and _role(self.request) != Role.PROVINCE
        )

    def get_queryset(self) -> QuerySet[Application]:
        if self.action == "publicity":
            return selectors.applications_in_publicity(self.request.user)  # type: ignore[arg-type]
        if _role(self.request) == Role.BASE_STAFF:
            visible = Application.objects.none()
        else:
            visible = selectors.applications_visible_to(self.request.user)  # type: ignore[arg-type]
        if self.action == "objections" and self.request.method == "POST":
            # Any application in publicity; one the reader reads otherwise is refused by the
            # service (400 on status), any other is a 404.
            return selectors.applications_to_object_to(visible)
        if self.lists_publicized():
            # The full rows' history, votes and files are loaded for them alone (list).
            return selectors.applications_with_publicized(visible)
        return visible.prefetch_related(*APPLICATION_PREFETCHES)

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        if self.action == "publicity":
            return PublicityRowSerializer
        if self.action == "list":
            return ApplicationRowSerializer
        return ApplicationSerializer

    @extend_schema(
        description="Each row is the application in full (ApplicationSerializer) when the "
        "reader reads it in full: the province every one, a school's HR (and its city) "
        "those of its schools, a teacher their own, an expert those of their rounds. "
        "?status=publicized is the publicity list, open to every signed-in user: it also "
        "holds the applications in publicity the reader does not read in full, each as a "
        "publicity row (name, school and level only; one under objection reads publicized, "
        "as only the province reads objections). Every filter applies; search then "
        "looks at the teacher's name only."
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not self.lists_publicized():
            return super().list(request, *args, **kwargs)
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = list(queryset if page is None else page)
        prefetch_related_objects([a for a in rows if a.in_full], *APPLICATION_PREFETCHES)  # type: ignore[attr-defined]
        data = self.get_serializer(rows, many=True).data
        return Response(data) if page is None else self.get_paginated_response(data)

    def _publicity_page(self, request: Request) -> Response:
        # PublicityFilter (round, school, city, level, status: a bad value is a 400),
        # ?search= (the teacher's name: the list shows nothing else to search) and
        # ?ordering= as the schema offers them (an unknown ordering is a 400).
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(PublicityRowSerializer(page, many=True).data)

    def _respond(self, application: Application) -> Response:
        fresh = self.get_queryset().filter(pk=application.pk).first()
        return Response(
            ApplicationSerializer(fresh or application, context=self.get_serializer_context()).data
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        _only(request, *APPLICANT_ROLES)  # the wrong role is a 403 whatever the body
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer: Any) -> None:
        data = serializer.validated_data
        serializer.instance = services.application_create(
            round=data["round"],
            teacher=data["teacher"],
            level=data["level"],
            statement=data.get("statement", ""),
            evidence=data.get("evidence", []),
            user=self.request.user,  # type: ignore[arg-type]
        )

    def perform_update(self, serializer: Any) -> None:
        _only(self.request, *APPLICANT_ROLES)
        serializer.instance = services.application_update(
            application=serializer.instance, data=serializer.validated_data
        )

    @extend_schema(request=None, responses=ApplicationSerializer, filters=False)
    @action(detail=True, methods=["post"], filterset_class=None)
    def submit(self, request: Request, pk: str | None = None) -> Response:
        _only(request, *APPLICANT_ROLES)
        application = services.application_submit(
            application=self.get_object(),
            user=request.user,  # type: ignore[arg-type]
        )
        return self._respond(application)

    @extend_schema(request=None, responses=ApplicationSerializer, filters=False)
    @action(detail=True, methods=["post"], filterset_class=None)
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        _only(request, *APPLICANT_ROLES)
        application = services.application_withdraw(
            application=self.get_object(),
            user=request.user,  # type: ignore[arg-type]
        )
        return self._respond(application)

    def _review(self, request: Request, review: Any) -> Response:
        application = self.get_object()  # out of scope: 404 whatever the body
        body = ReviewSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        application = review(
            application=application,
            user=request.user,
            decision=body.validated_data["decision"],
            opinion=body.validated_data["opinion"],
        )
        return self._respond(application)

    @extend_schema(request=ReviewSerializer, responses=ApplicationSerializer, filters=False)
    @action(detail=True, methods=["post"], url_path="school-review", filterset_class=None)
    def school_review(self, request: Request, pk: str | None = None) -> Response:
        _only(request, Role.SCHOOL_HR)
        return self._review(request, services.application_school_review)

    @extend_schema(request=ReviewSerializer, responses=ApplicationSerializer, filters=False)
    @action(detail=True, methods=["post"], url_path="province-review", filterset_class=None)
    def province_review(self, request: Request, pk: str | None = None) -> Response:
        _only(request, Role.PROVINCE)
        return self._review(request, services.application_province_review)

    @extend_schema(request=VoteRequestSerializer, responses=ApplicationSerializer, filters=False)
    @action(detail=True, methods=["post"], filterset_class=None)
    def votes(self, request: Request, pk: str | None = None) -> Response:
        _only(request, Role.EXPERT)
        application = self.get_object()
        body = VoteRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.application_vote(
            application=application,
            expert=request.user,  # type: ignore[arg-type]
            decision=body.validated_data["decision"],
            opinion=body.validated_data["opinion"],
        )
        return self._respond(application)

    @extend_schema(
        methods=["GET"], request=None, responses=ObjectionSerializer(many=True), filters=False
    )
    @extend_schema(
        methods=["POST"],
        request=ObjectionRequestSerializer,
        responses={201: inline_serializer("ObjectionFiled", {"id": serializers.IntegerField()})},
        filters=False,
    )
    @action(detail=True, methods=["get", "post"], filterset_class=None, pagination_class=None)
    def objections(self, request: Request, pk: str | None = None) -> Response:
        """POST: anyone signed in objects to an application in publicity. GET: the province
        reads them in full."""
        if request.method == "GET":
            _only(request, Role.PROVINCE)
            application = self.get_object()
            objections = application.objections.select_related("filed_by__teacher")
            return Response(ObjectionSerializer(objections, many=True).data)
        application = self.get_object()
        body = ObjectionRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        objection = services.application_object(
            application=application,
            user=request.user,  # type: ignore[arg-type]
            reason=body.validated_data["reason"],
        )
        return Response({"id": objection.pk}, status=status.HTTP_201_CREATED)

    @extend_schema(request=ResolveSerializer, responses=ApplicationSerializer, filters=False)
    @action(detail=True, methods=["post"], url_path="resolve-objection", filterset_class=None)
    def resolve_objection(self, request: Request, pk: str | None = None) -> Response:
        _only(request, Role.PROVINCE)
        application = self.get_object()
        body = ResolveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        application = services.application_resolve_objection(
            application=application,
            user=request.user,  # type: ignore[arg-type]
            upheld=body.validated_data["upheld"],
            opinion=body.validated_data["opinion"],
        )
        return self._respond(application)

    @extend_schema(request=None, responses=ApplicationSerializer, filters=False)
    @action(detail=True, methods=["post"], filterset_class=None)
    def finalize(self, request: Request, pk: str | None = None) -> Response:
        _only(request, Role.PROVINCE)
        application = self.get_object()
        services.application_finalize(
            application=application,
            user=request.user,  # type: ignore[arg-type]
        )
        return self._respond(application)

    @extend_schema(responses=PublicityRowSerializer(many=True))
    @action(detail=False, methods=["get"], filterset_class=PublicityFilter)
    def publicity(self, request: Request) -> Response:
        """The publicity list (公示) every signed-in user may read and object to."""
        return self._publicity_page(request)


# --------------------------------------------------------------------------- recognitions


class RecognitionSerializer(serializers.ModelSerializer):
    teacher_name = serializers.CharField(source="teacher.name", read_only=True)
    school = serializers.IntegerField(source="teacher.school_id", read_only=True)
    school_name = serializers.CharField(source="teacher.school.name", read_only=True)
    round_code = serializers.CharField(source="round.code", read_only=True)
    round_name = serializers.CharField(source="round.name", read_only=True)
    status = serializers.SerializerMethodField()

    class Meta:
        model = Recognition
        fields = [
            "id",
            "teacher",
            "teacher_name",
            "school",
            "school_name",
            "level",
            "round",
            "round_code",
            "round_name",
            "application",
            "certificate_no",
            "recognized_on",
            "valid_until",
            "status",
            "revoked_on",
            "revoke_reason",
        ]
        read_only_fields = fields

    def get_status(self, recognition: Recognition) -> str:
        return rules.recognition_status(
            recognition.valid_until, recognition.revoked_on, timezone.localdate()
        )


class RevokeSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


class GapTeacherSerializer(serializers.Serializer):
    teacher = serializers.IntegerField()
    teacher_name = serializers.CharField()
    school_name = serializers.CharField()
    level = serializers.CharField()


class LapsedSerializer(GapTeacherSerializer):
    certificate_no = serializers.CharField()
    recognition = serializers.IntegerField()


class GapsSerializer(serializers.Serializer):
    should_apply = GapTeacherSerializer(many=True)
    no_longer_qualified = LapsedSerializer(many=True)
    should_apply_total = serializers.IntegerField(
        help_text="How many should apply in all (the list holds the first `limit`)."
    )
    no_longer_qualified_total = serializers.IntegerField(
        help_text="How many no longer meet the rules in all (the list holds the first `limit`)."
    )
    limit = serializers.IntegerField(help_text="The most rows either list holds.")


class GapsQuery(serializers.Serializer):
    school = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)


class RecognitionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = RecognitionSerializer
    permission_classes = [RolePermission]
    read_roles = [Role.PROVINCE, Role.CITY, Role.SCHOOL_HR, Role.TEACHER]
    write_roles = [Role.PROVINCE]
    filterset_class = RecognitionFilter
    search_fields = ["certificate_no", "teacher__name"]
    ordering_fields = ["recognized_on", "valid_until", "certificate_no", "id"]

    def get_queryset(self) -> QuerySet[Recognition]:
        return selectors.recognitions_visible_to(self.request.user)  # type: ignore[arg-type]

    @extend_schema(parameters=[GapsQuery], responses=GapsSerializer, filters=False)
    @action(detail=False, methods=["get"], filterset_class=None, pagination_class=None)
    def gaps(self, request: Request) -> Response:
        """Who should apply (the rules say they qualify, no recognition in force) and who holds
        a recognition but no longer meets the rules (up to 200 each, by school and name, with
        the true totals beside)."""
        if _role(request) == Role.TEACHER:
            raise exceptions.PermissionDenied(_("Your role may not do this."))
        query = GapsQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = selectors.recognition_gaps(
            request.user,  # type: ignore[arg-type]
            timezone.localdate(),
            school_id=query.validated_data.get("school"),
        )
        return Response(data)

    @extend_schema(request=RevokeSerializer, responses=RecognitionSerializer, filters=False)
    @action(detail=True, methods=["post"], filterset_class=None)
    def revoke(self, request: Request, pk: str | None = None) -> Response:
        body = RevokeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        recognition = services.recognition_revoke(
            recognition=self.get_object(),
            user=request.user,  # type: ignore[arg-type]
            reason=body.validated_data["reason"],
        )
        return Response(RecognitionSerializer(recognition).data)


# --------------------------------------------------------------------------- public verification


class VerifyThrottle(AnonRateThrottle):
    """Per address, signed in or not: a certificate number cannot be guessed in bulk."""

    scope = "verify"

    def get_rate(self) -> str:
        return str(getattr(settings, "VERIFY_RATE", "30/min"))

    def get_cache_key(self, request: Request, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class VerifySerializer(serializers.Serializer):
    certificate_no = serializers.CharField()
    name = serializers.CharField(help_text="masked: 张*明")
    school = serializers.CharField()
    level = serializers.CharField()
    recognized_on = serializers.DateField()
    valid_until = serializers.DateField()
    status = serializers.CharField()


class VerifyView(APIView):
    """Public check of a recognition certificate (no login): masked name and nothing more."""

    permission_classes = [permissions.AllowAny]
    authentication_classes: list[type] = []
    throttle_classes = [VerifyThrottle]

    @extend_schema(responses=VerifySerializer)
    def get(self, request: Request, certificate_no: str) -> Response:
        recognition = (
            Recognition.objects.select_related("teacher__school")
            .filter(certificate_no=certificate_no[:40])
            .first()
        )
        if recognition is None:
            raise Http404
        return Response(
            {
                "certificate_no": recognition.certificate_no,
                "name": rules.mask_name(recognition.teacher.name),
                "school": recognition.teacher.school.name,
                "level": recognition.level,
                "recognized_on": recognition.recognized_on,
                "valid_until": recognition.valid_until,
                "status": rules.recognition_status(
                    recognition.valid_until, recognition.revoked_on, timezone.localdate()
                ),
            }
        )


# --------------------------------------------------------------------------- my record, HR queue


class CompletionRowSerializer(serializers.ModelSerializer):
    program_title = serializers.CharField(source="program.title")
    base_name = serializers.CharField(source="program.base.name")

    class Meta:
        model = TrainingCompletion
        fields = ["id", "program_title", "base_name", "completed_on", "hours", "passed"]


class MyRecordSerializer(serializers.Serializer):
    teacher = serializers.IntegerField()
    certificates = CertificateSerializer(many=True)
    enterprise_periods = EnterprisePeriodSerializer(many=True)
    completions = CompletionRowSerializer(many=True)
    evidence = EvidenceFileSerializer(many=True)
    evidence_max_bytes = serializers.IntegerField(
        help_text="The largest evidence file accepted, in bytes (setting EVIDENCE_MAX_MB)."
    )
    evidence_content_types = serializers.ListField(
        child=serializers.CharField(),
        help_text="The content types an evidence file may be, judged by its first bytes.",
    )


class MyRecordView(APIView):
    """A teacher's own certificates, periods, completions and files in one read (phones).
    Their record and verdict are GET teachers/{id}/; applications and recognitions their
    own lists."""

    permission_classes = [RolePermission]
    read_roles = [Role.TEACHER]
    write_roles: list[str] = []

    @extend_schema(responses=MyRecordSerializer)
    def get(self, request: Request) -> Response:
        teacher_id = request.user.teacher_id  # type: ignore[union-attr]
        if teacher_id is None:
            raise Http404
        context = {"request": request}
        completions = TrainingCompletion.objects.filter(teacher_id=teacher_id).select_related(
            "program__base"
        )
        if hasattr(TrainingCompletion, "voided"):
            completions = completions.filter(voided=False)
        return Response(
            {
                "teacher": teacher_id,
                "certificates": CertificateSerializer(
                    Certificate.objects.filter(teacher_id=teacher_id), many=True, context=context
                ).data,
                "enterprise_periods": EnterprisePeriodSerializer(
                    EnterprisePeriod.objects.filter(teacher_id=teacher_id),
                    many=True,
                    context=context,
                ).data,
                "completions": CompletionRowSerializer(completions, many=True).data,
                "evidence": EvidenceFileSerializer(
                    EvidenceFile.objects.filter(teacher_id=teacher_id),
                    many=True,
                    context=context,
                ).data,
                # What an upload may be: the web app checks a file before sending it.
                "evidence_max_bytes": services.evidence_max_bytes(),
                "evidence_content_types": accepted_types(),
            }
        )


class EvidenceBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = EvidenceFile
        fields = ["id", "filename", "content_type", "size"]


class PendingRecordSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["certificate", "enterprise_period"])
    id = serializers.IntegerField()
    teacher = serializers.IntegerField()
    teacher_name = serializers.CharField()
    # The record in words in the request's language: kind, level (its label, not its code),
    # name and number, or kind, enterprise and position; parts joined by " · ".
    summary = serializers.CharField()
    date = serializers.DateField()
    evidence = EvidenceBriefSerializer(many=True)
    # The parts of ``summary`` as codes and plain values, for a screen to word in its own
    # language: a certificate's kind and level codes, its name and number; a period's kind
    # code, enterprise and position (``level`` empty).
    kind = serializers.CharField()
    level = serializers.CharField()
    name = serializers.CharField()
    detail = serializers.CharField()


class PendingRecordsView(APIView):
    """HR's "to confirm" queue: what teachers proposed, with their files beside."""

    permission_classes = [RolePermission]
    read_roles = [Role.PROVINCE, Role.SCHOOL_HR]
    write_roles: list[str] = []

    @extend_schema(responses=PendingRecordSerializer(many=True))
    def get(self, request: Request) -> Response:
        user: User = request.user  # type: ignore[assignment]
        files = Prefetch("evidence_files", EvidenceFile.objects.order_by("id"))
        certs = (
            in_school_scope(
                Certificate.objects.filter(status=RecordStatus.PENDING),
                user,
                school="teacher__school",
            )
            .select_related("teacher")
            .prefetch_related(files)[:500]
        )
        periods = (
            in_school_scope(
                EnterprisePeriod.objects.filter(status=RecordStatus.PENDING),
                user,
                school="teacher__school",
            )
            .select_related("teacher")
            .prefetch_related(files)[:500]
        )
        rows = [
            {
                "type": "certificate",
                "id": c.pk,
                "teacher": c.teacher_id,
                "teacher_name": c.teacher.name,
                "summary": SUMMARY_SEPARATOR.join(
                    filter(
                        None,
                        [
                            c.get_kind_display(),
                            certificate_level_label(c.kind, c.level),
                            c.name,
                            c.number,
                        ],
                    )
                ),
                "date": c.issued_on,
                "evidence": EvidenceBriefSerializer(c.evidence_files.all(), many=True).data,  # type: ignore[attr-defined]
                "kind": c.kind,
                "level": c.level,
                "name": c.name,
                "detail": c.number,
            }
            for c in certs
        ] + [
            {
                "type": "enterprise_period",
                "id": p.pk,
                "teacher": p.teacher_id,
                "teacher_name": p.teacher.name,
                "summary": SUMMARY_SEPARATOR.join(
                    filter(None, [p.get_kind_display(), p.enterprise, p.position])
                ),
                "date": p.start_on,
                "evidence": EvidenceBriefSerializer(p.evidence_files.all(), many=True).data,  # type: ignore[attr-defined]
                "kind": p.kind,
                "level": "",
                "name": p.enterprise,
                "detail": p.position,
            }
            for p in periods
        ]
        return Response(rows)
