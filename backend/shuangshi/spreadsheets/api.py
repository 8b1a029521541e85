"""Import, template and export endpoints (DESIGN §6). Views stay thin: services do the work."""

from datetime import date
from typing import Any

import django_filters
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_field,
)
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shuangshi.accounts.models import Role, User
from shuangshi.accounts.scope import (
    schools_visible_to,
    teachers_visible_to,
)
from shuangshi.audit import services as audit_services
from shuangshi.common.api import AsOfField, RolePermission, id_param
from shuangshi.common.filtering import FilterSet
from shuangshi.common.idnumbers import mask_id_text
from shuangshi.common.parsers import FormParser, MultiPartParser
from shuangshi.jobs.api import JobSerializer, ProgressSerializer
from shuangshi.teachers.api import TeacherViewSet
from shuangshi.teachers.filters import TeacherFilter, TeacherSearchFilter
from shuangshi.teachers.models import Teacher

from . import report_data, reports, selectors, services, workbooks
from .columns import SPECS, TEACHERS
from .importers import IMPORTERS
from .messages import english, read_errors, read_message, t
from .models import ImportJob, ImportStatus
from .reader import FileProblem

XLSX = workbooks.XLSX
BUSY_CHECKING = (
    "The file is still being checked: its marked workbook is ready when the check is done."
)
BUSY_COMMITTING = (
    "The rows are being imported: the marked workbook is ready if the import refuses them."
)


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, filename) or ""
    return response


LANG_PARAM = OpenApiParameter(
    "lang",
    str,
    description=(
        "The language to write the workbook in (zh-hans or en): a plain link sends the "
        "browser's Accept-Language, not the language the user chose in the app."
    ),
)


def _link_language(raw: str | None) -> str | None:
    """The supported language a ``?lang=`` names (``en``, ``en-US``, ``zh-Hans``), or None."""
    if not raw:
        return None
    try:
        return translation.get_supported_language_variant(raw.strip().lower())
    except LookupError:
        return None


class LinkLanguageMixin:
    """A download opened by a plain link follows ``?lang=`` (the app's language) over the
    browser's Accept-Language, which LocaleMiddleware read; an unknown one is a 400."""

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        language = _link_language(request.GET.get("lang"))
        if language is None:
            return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
            response.headers.setdefault("Content-Language", language)
            return response

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        raw = request.query_params.get("lang")
        if raw is not None and _link_language(raw) is None:
            codes = ", ".join(code for code, _name in settings.LANGUAGES)
            raise exceptions.ValidationError({"lang": [t("Use one of: %(codes)s.", codes=codes)]})


class ImportRowError(serializers.Serializer):
    """One row's error as the dry run stores it (services._error), its message in the
    reader's language."""

    row = serializers.IntegerField(help_text="The row's number in the sheet.")
    column = serializers.CharField(help_text="The column's header as written ('' if none).")
    cell = serializers.CharField(help_text="The cell's address, e.g. C5 ('' if none).")
    field = serializers.CharField(help_text="The column's field name.")
    value = serializers.CharField(help_text="The cell's content as text.")
    message = serializers.CharField()


@extend_schema_field(ImportRowError(many=True))
class ImportErrorsField(serializers.JSONField):
    """ImportJob.errors: the rows' errors (the first MAX_ERRORS), in row order."""


class ImportJobSerializer(serializers.ModelSerializer):
    # A declared field (the metaclass takes it out of the class: Serializer.errors stays).
    errors = ImportErrorsField(  # type: ignore[assignment]
        read_only=True, label=ImportJob._meta.get_field("errors").verbose_name
    )
    # Counted on commit: null before.
    created = serializers.IntegerField(source="created_rows", read_only=True, allow_null=True)
    updated = serializers.IntegerField(source="updated_rows", read_only=True, allow_null=True)
    unchanged = serializers.IntegerField(source="unchanged_rows", read_only=True, allow_null=True)
    progress = serializers.SerializerMethodField(
        help_text="Rows checked or written so far by the background job (total 0: not known yet)."
    )

    class Meta:
        model = ImportJob
        fields = [
            "id", "kind", "filename", "status", "sheet", "header_row", "rows", "ready",
            "failed", "errors", "created", "updated", "unchanged", "created_at", "committed_at",
            "progress", "message", "job",
        ]  # fmt: skip
        read_only_fields = fields

    def to_representation(self, instance: ImportJob) -> dict[str, Any]:
        """The errors and the message in the reader's language, whatever the upload's was."""
        data: dict[str, Any] = super().to_representation(instance)
        if isinstance(data.get("errors"), list):
            data["errors"] = read_errors(data["errors"])
        if data.get("message"):
            data["message"] = read_message(data["message"])
        return data

    @extend_schema_field(ProgressSerializer)
    def get_progress(self, upload: ImportJob) -> dict[str, int]:
        job = upload.job
        if upload.status in (ImportStatus.QUEUED, ImportStatus.VALIDATING):
            return {"done": job.done if job else 0, "total": job.total if job else 0}
        if upload.status == ImportStatus.COMMITTING and job is not None:
            return {"done": job.done, "total": job.total or upload.rows}
        return {"done": upload.rows, "total": upload.rows}


class ImportJobListSerializer(ImportJobSerializer):
    """The list leaves out the errors (a large upload can have thousands)."""

    class Meta(ImportJobSerializer.Meta):
        fields = [f for f in ImportJobSerializer.Meta.fields if f != "errors"]
        read_only_fields = fields


class ImportCommitRefusedSerializer(ImportJobSerializer):
    """POST imports/{id}/commit/ refused: the import job as it stands, and why."""

    detail = serializers.CharField(read_only=True)
    non_field_errors = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="The same message as detail."
    )

    class Meta(ImportJobSerializer.Meta):
        fields = ["detail", "non_field_errors", *ImportJobSerializer.Meta.fields]
        read_only_fields = fields


class FileErrorSerializer(serializers.Serializer):
    file = serializers.ListField(child=serializers.CharField(), read_only=True)


class ImportUploadSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=sorted(IMPORTERS))
    file = serializers.FileField()


class ImportFilter(FilterSet):
    """?status= and ?kind= (an unknown status or kind is a 400 naming it, not ignored)."""

    status = django_filters.ChoiceFilter(choices=ImportStatus.choices)
    kind = django_filters.ChoiceFilter(choices=[(kind, kind) for kind in sorted(IMPORTERS)])

    class Meta:
        model = ImportJob
        fields = ["status", "kind"]


class ImportViewSet(
    LinkLanguageMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Upload → dry run → errors workbook → commit. A user sees only their own imports."""

    serializer_class = ImportJobSerializer
    parser_classes = [MultiPartParser, FormParser]
    filterset_class = ImportFilter
    search_fields = ["filename"]  # ?search= (every word in the file's name)
    # Named as the list shows them (the counts are `created`… there, `created_rows`… in the
    # model: not offered, so a 400 never names a field the list does not have).
    ordering_fields = [
        "created_at",
        "committed_at",
        "filename",
        "kind",
        "status",
        "rows",
        "failed",
        "id",
    ]

    queryset = ImportJob.objects.none()  # for the schema; get_queryset scopes to the owner

    def get_serializer_class(self) -> Any:
        return ImportJobListSerializer if self.action == "list" else ImportJobSerializer

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False) or not self.request.user.is_authenticated:
            return ImportJob.objects.none()
        jobs = selectors.import_jobs_of(self.request.user).select_related("job")  # type: ignore[arg-type]
        return jobs.defer("errors") if self.action == "list" else jobs

    @extend_schema(
        request={"multipart/form-data": ImportUploadSerializer},
        responses={201: ImportJobSerializer},
    )
    def create(self, request: Request) -> Response:
        upload = ImportUploadSerializer(data=request.data)
        if not upload.is_valid():
            errors = upload.errors
            if "kind" in errors:
                kind = request.data.get("kind", "")
                errors["kind"] = [
                    t(
                        "Unknown import kind “%(kind)s”; use one of: %(kinds)s.",
                        kind=kind,
                        kinds=", ".join(sorted(IMPORTERS)),
                    )
                ]
            if "file" in errors:
                errors["file"] = [t("Choose a file to upload.")]
            raise exceptions.ValidationError(errors)
        kind, file = upload.validated_data["kind"], upload.validated_data["file"]
        user: User = request.user  # type: ignore[assignment]
        try:
            services.check_size(file.size)
            job = services.import_upload(
                user=user, kind=kind, filename=file.name or "", content=file.read()
            )
        except services.ImportRefused:
            raise exceptions.PermissionDenied() from None
        except FileProblem as exc:
            raise exceptions.ValidationError({"file": [str(exc)]}) from None
        return Response(ImportJobSerializer(job).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[LANG_PARAM],
        responses={
            (200, XLSX): OpenApiResponse(description="The marked workbook"),
            409: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="The upload is being checked or committed: `detail` says so.",
            ),
        },
    )
    @action(detail=True, methods=["get"])
    def errors(self, request: Request, pk: str | None = None) -> HttpResponse:
        job = self.get_object()
        busy = {
            ImportStatus.QUEUED: BUSY_CHECKING,
            ImportStatus.VALIDATING: BUSY_CHECKING,
            ImportStatus.COMMITTING: BUSY_COMMITTING,
        }.get(job.status)
        if busy is not None:
            # No error list yet (or the check's, about to be replaced): a workbook made now
            # would read "no errors" (round 49). Asked again once the job ends.
            return Response({"detail": t(busy)}, status=status.HTTP_409_CONFLICT)
        if job.message and not job.errors:
            # Refused as a whole (a missing column, two sheets with the header…): no cell to
            # mark. An empty "marked workbook" read as "no errors" (round 48); the reason does,
            # in the reader's language.
            raise exceptions.NotFound(detail=read_message(job.message))
        try:
            book = services.import_errors_workbook(upload=job)
        except services.MarkedWorkbookGone:  # deleted by retention (jobs.retention)
            raise exceptions.NotFound() from None
        except FileProblem as exc:
            raise exceptions.ValidationError({"file": [str(exc)]}) from None
        stem = (job.filename.rsplit(".", 1)[0] or job.kind)[:100]
        return xlsx_response(book, f"{stem}-{'errors' if english() else '错误标注'}.xlsx")

    @extend_schema(
        request=None,
        responses={
            200: ImportJobSerializer,
            400: OpenApiResponse(
                PolymorphicProxySerializer(
                    component_name="ImportCommitError",
                    serializers=[ImportCommitRefusedSerializer, FileErrorSerializer],
                    resource_type_field_name=None,
                ),
                description="Not committable (errors, or committed already): the import job "
                "as it stands with why; or the file is over the upload limits (`file`).",
            ),
        },
    )
    @action(detail=True, methods=["post"])
    def commit(self, request: Request, pk: str | None = None) -> Response:
        job = self.get_object()
        try:
            job = services.import_commit_start(job=job)
        except services.ImportNotCommittable as exc:
            data = ImportJobSerializer(exc.job).data
            # The import job as it stands, with why: `detail`, and (round 48) the API's
            # {field: [messages]} convention's `non_field_errors`.
            body = {"detail": str(exc), "non_field_errors": [str(exc)], **data}
            return Response(body, status=status.HTTP_400_BAD_REQUEST)
        except services.ImportRefused:
            raise exceptions.PermissionDenied() from None
        except FileProblem as exc:  # the limits were lowered since the upload
            raise exceptions.ValidationError({"file": [str(exc)]}) from None
        return Response(ImportJobSerializer(job).data)


def _scoped(user: User) -> bool:
    return user.role != Role.PROVINCE


def export_scope(user: User, request: Request) -> str:
    """The export's scope for its audit entry: the user's own, and the filters asked for."""
    own: str = {
        Role.CITY.value: f"city={user.city_id}",
        Role.SCHOOL_HR.value: f"school={user.school_id}",
    }.get(user.role, user.role)
    query = mask_id_text(request.query_params.urlencode())
    return f"{own} {query}".strip()[:500]


class TemplateView(LinkLanguageMixin, APIView):
    """GET /imports/templates/{kind}/: the empty workbook to fill in, in the user's language
    (English headers, choices and instructions read back as the Chinese ones do)."""

    @extend_schema(
        parameters=[LANG_PARAM],
        responses={(200, XLSX): OpenApiResponse(description="The template")},
    )
    def get(self, request: Request, kind: str) -> HttpResponse:
        if kind not in SPECS:
            raise exceptions.NotFound()
        user: User = request.user  # type: ignore[assignment]
        if user.role not in IMPORTERS[kind].roles:
            raise exceptions.PermissionDenied()
        spec = SPECS[kind]
        book = workbooks.data_workbook(
            spec, spec.template_columns(scoped=_scoped(user)), english=english()
        )
        return xlsx_response(book, workbooks.template_filename(spec))


class TeacherExportView(APIView):
    """GET /exports/teachers/?<the teacher list's filters>: the list as it re-imports.

    POST (same query string) makes it in a background job instead: 202 with the job.
    """

    permission_classes = [RolePermission]
    read_roles = [Role.PROVINCE, Role.CITY, Role.SCHOOL_HR]
    write_roles = read_roles  # POST only starts an export job
    filterset_class = TeacherFilter
    search_fields = TeacherViewSet.search_fields
    # The teacher list's filters and search. Named here, with the model (`queryset`, read by
    # nothing else), so the schema lists their parameters (extend_schema(filters=True)): an
    # APIView's are not looked for.
    filter_backends = [DjangoFilterBackend, TeacherSearchFilter]
    queryset = Teacher.objects.none()

    def _filtered(self, request: Request, user: User) -> Any:
        queryset = teachers_visible_to(user)
        for backend in self.filter_backends:
            queryset = backend().filter_queryset(request, queryset, self)
        return queryset

    @extend_schema(request=None, responses={202: JobSerializer}, filters=True)
    def post(self, request: Request) -> Response:
        """The same list as a background job (any size): its file is the job's download."""
        user: User = request.user  # type: ignore[assignment]
        self._filtered(request, user)  # bad filters are a 400 now, not a failed job later
        query = {k: request.query_params.getlist(k) for k in request.query_params}
        job = services.export_start(
            user=user,
            kind="teachers",
            params={"query": query, "scope": export_scope(user, request)},
        )
        return Response(JobSerializer(job).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        responses={(200, XLSX): OpenApiResponse(description="The teachers")}, filters=True
    )
    def get(self, request: Request) -> HttpResponse:
        user: User = request.user  # type: ignore[assignment]
        queryset = self._filtered(request, user)
        columns = selectors.teacher_export_columns(
            user=user, columns=TEACHERS.template_columns(scoped=user.role == Role.SCHOOL_HR)
        )
        tally = selectors.Tally()
        rows = selectors.teacher_export_rows(
            user=user, teachers=queryset, columns=columns, tally=tally
        )
        content = workbooks.data_workbook(TEACHERS, columns, rows, english=english())
        audit_services.export_record(
            user=user,
            what="teachers",
            scope=export_scope(user, request),
            count=tally.rows,
            full_ids=tally.full_ids,
        )
        return xlsx_response(content, workbooks.teacher_list_filename(timezone.localdate()))


class WorkbookQuery(serializers.Serializer):
    """The workbooks' date: the ratios API's ``as_of`` (same name, same range, DESIGN §4)."""

    as_of = AsOfField(required=False)


WORKBOOK_AS_OF = OpenApiParameter(
    "as_of",
    date,
    description="Every figure as on this date (default today), as the ratios API's as_of.",
)


def workbook_date(request: Request) -> date:
    """The date asked for (empty: today), checked as the ratio views check ``as_of``: a
    bad one is a 400 naming it, before any job starts."""
    raw = request.query_params.get("as_of", "")
    query = WorkbookQuery(data={"as_of": raw} if raw != "" else {})
    if not query.is_valid():
        raise exceptions.ValidationError(query.errors)
    day: date | None = query.validated_data.get("as_of")
    return day or timezone.localdate()


class ProvinceWorkbookView(APIView):
    """GET /exports/province/?as_of=: the province workbook as on a date (default today;
    province only).

    POST makes it in a background job instead: 202 with the job (its download is the file).
    """

    permission_classes = [RolePermission]
    read_roles = [Role.PROVINCE]
    write_roles = read_roles  # POST only starts the job

    @extend_schema(parameters=[WORKBOOK_AS_OF], request=None, responses={202: JobSerializer})
    def post(self, request: Request) -> Response:
        user: User = request.user  # type: ignore[assignment]
        # The job records the date, today's included: one queued over midnight keeps it.
        on = workbook_date(request)
        job = services.export_start(
            user=user,
            kind="province",
            params={"as_of": on.isoformat(), "scope": export_scope(user, request)},
        )
        return Response(JobSerializer(job).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        parameters=[WORKBOOK_AS_OF],
        responses={(200, XLSX): OpenApiResponse(description="The province workbook")},
    )
    def get(self, request: Request) -> HttpResponse:
        user: User = request.user  # type: ignore[assignment]
        report = report_data.province_report(workbook_date(request))
        content = reports.province_workbook(report)
        # It lists teachers with their full ID numbers (招聘条件不符): audited as every export.
        audit_services.export_record(
            user=user,
            what="province_workbook",
            scope=export_scope(user, request),
            count=len(report.recruitment),
            full_ids=report.full_ids,
        )
        return xlsx_response(content, reports.province_filename(report.as_of))


class SchoolWorkbookView(APIView):
    """GET /exports/school/?school=<id>&as_of=: one school's teachers and what each lacks,
    as on a date (default today).

    A school's HR gets their own school (no parameter needed); the province and city
    users name a school they may see.
    """

    permission_classes = [RolePermission]
    read_roles = [Role.PROVINCE, Role.CITY, Role.SCHOOL_HR]
    write_roles = read_roles  # POST only starts the job

    def _school(self, request: Request, user: User) -> Any:
        school_id = id_param(request.query_params, "school") or (
            user.school_id if user.role == Role.SCHOOL_HR else None
        )
        if school_id is None:
            raise exceptions.ValidationError({"school": [t("Required.")]})
        school = schools_visible_to(user).filter(pk=school_id).first()
        if school is None:
            raise exceptions.NotFound()
        return school

    @extend_schema(parameters=[WORKBOOK_AS_OF], request=None, responses={202: JobSerializer})
    def post(self, request: Request) -> Response:
        """The same workbook in a background job: 202 with the job (its download is the file)."""
        user: User = request.user  # type: ignore[assignment]
        on = workbook_date(request)
        school = self._school(request, user)
        job = services.export_start(
            user=user,
            kind="school",
            params={
                "school": school.pk,
                "scope": export_scope(user, request),
                "as_of": on.isoformat(),
            },
            title=school.name,
        )
        return Response(JobSerializer(job).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        parameters=[WORKBOOK_AS_OF],
        responses={(200, XLSX): OpenApiResponse(description="The school workbook")},
    )
    def get(self, request: Request) -> HttpResponse:
        user: User = request.user  # type: ignore[assignment]
        on = workbook_date(request)
        school = self._school(request, user)
        report = report_data.school_report(school=school, user=user, on=on)
        content = reports.school_workbook(report)
        audit_services.export_record(
            user=user,
            what="school_workbook",
            scope=export_scope(user, request),
            count=len(report.teachers),
            full_ids=report.full_ids,
        )
        return xlsx_response(
            content, reports.school_filename(school.name, report.as_of, school.kind)
        )
