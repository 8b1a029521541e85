"""practice-duty/ (DESIGN §9): who owes enterprise practice, per teacher and per school."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shuangshi.accounts.models import Role, User
from shuangshi.accounts.scope import schools_visible_to, teachers_visible_to
from shuangshi.audit import services as audit_services
from shuangshi.common.api import RolePermission
from shuangshi.common.pagination import Pagination, page_parameters
from shuangshi.jobs.api import JobSerializer
from shuangshi.spreadsheets.api import export_scope, xlsx_response
from shuangshi.teachers.models import Teacher

from . import selectors, services
from .exports import duty_filename, duty_workbook


class DutyQuery(serializers.Serializer):
    school = serializers.IntegerField(required=False, min_value=1, max_value=2**62)
    city = serializers.IntegerField(required=False, min_value=1, max_value=2**62)
    short = serializers.BooleanField(required=False, allow_null=True, default=None)


class DutySchoolRef(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class DutyTeacherRef(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    staff_no = serializers.CharField()
    school = DutySchoolRef()


class DutyRow(serializers.Serializer):
    teacher = DutyTeacherRef()
    days_in_window = serializers.IntegerField()
    required = serializers.IntegerField()  # type: ignore[assignment]
    short_by = serializers.IntegerField()
    window_start = serializers.DateField()
    window_end = serializers.DateField()
    lapses_on = serializers.DateField(allow_null=True)


class DutySummarySchool(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class DutySummaryRow(serializers.Serializer):
    school = DutySummarySchool()
    teachers = serializers.IntegerField()
    short = serializers.IntegerField()
    share_short = serializers.FloatField(allow_null=True)


class DutyPage(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    results = DutyRow(many=True)


PARAMS = [
    OpenApiParameter("school", int),
    OpenApiParameter("city", int),
    OpenApiParameter("short", bool, description="Only those short of the duty"),
]


LIST_PARAMS = [*PARAMS, *page_parameters()]


def _query(request: Request) -> dict[str, Any]:
    params = {k: v for k, v in request.query_params.items() if v != ""}
    s = DutyQuery(data=params)
    s.is_valid(raise_exception=True)
    return dict(s.validated_data)


class DutyView(APIView):
    permission_classes = [RolePermission]
    read_roles = [Role.PROVINCE, Role.CITY, Role.SCHOOL_HR, Role.TEACHER]
    write_roles: list[str] = []


class PracticeDutyView(DutyView):
    """Each teacher's standing; a teacher sees their own."""

    @extend_schema(parameters=LIST_PARAMS, responses={200: DutyPage})
    def get(self, request: Request) -> Response:
        q = _query(request)
        user: User = request.user  # type: ignore[assignment]
        paginator = Pagination()
        if q.get("short") is None:
            # Everyone: page the teachers first, work out the page's standings only.
            today = timezone.localdate()
            owed = selectors.owing(selectors.teachers_in(user, q), today).order_by(
                "school__code", "staff_no", "pk"
            )
            ids = [t.pk for t in paginator.paginate_queryset(owed.only("pk"), request, self) or []]
            page = selectors.standings(Teacher.objects.filter(pk__in=ids), today)
        else:
            rows = selectors.rows_in(user, q)
            page = paginator.paginate_queryset(rows, request, view=self) or []  # type: ignore[arg-type]
        return paginator.get_paginated_response(DutyRow(page, many=True).data)


class PracticeDutySummaryView(DutyView):
    read_roles = [Role.PROVINCE, Role.CITY, Role.SCHOOL_HR]

    @extend_schema(
        parameters=[OpenApiParameter("city", int)], responses={200: DutySummaryRow(many=True)}
    )
    def get(self, request: Request) -> Response:
        q = _query(request)
        user: User = request.user  # type: ignore[assignment]
        schools = schools_visible_to(user).order_by("code")
        if q.get("city") is not None:
            schools = schools.filter(city_id=q["city"])
        if q.get("school") is not None:
            schools = schools.filter(pk=q["school"])
        teachers = teachers_visible_to(user).filter(school__in=schools)
        rows = selectors.summary(teachers, list(schools), timezone.localdate())
        return Response(DutySummaryRow(rows, many=True).data)


def validated_query(params: dict[str, Any]) -> dict[str, Any]:
    """The duty lists' query parameters checked (a 400 if not), for a job started by one."""
    s = DutyQuery(data={k: v for k, v in params.items() if v != ""})
    s.is_valid(raise_exception=True)
    return dict(s.validated_data)


class PracticeDutyExportView(DutyView):
    """GET: the workbook at once. POST (same query string): a background job (DESIGN §10)
    whose download is the same workbook, in the language of the request that started it."""

    read_roles = [Role.PROVINCE, Role.CITY, Role.SCHOOL_HR]
    write_roles: list[str] = [Role.PROVINCE, Role.CITY, Role.SCHOOL_HR]  # POST starts the job

    @extend_schema(
        parameters=PARAMS, responses={(200, "application/octet-stream"): OpenApiTypes.BINARY}
    )
    def get(self, request: Request) -> HttpResponse:
        user: User = request.user  # type: ignore[assignment]
        rows = selectors.rows_in(user, _query(request))
        audit_services.export_record(
            user=user, what="practice_duty", scope=export_scope(user, request), count=len(rows),
            full_ids=0,
        )  # fmt: skip
        return xlsx_response(duty_workbook(rows), duty_filename(timezone.localdate()))

    @extend_schema(parameters=PARAMS, request=None, responses={202: JobSerializer})
    def post(self, request: Request) -> Response:
        user: User = request.user  # type: ignore[assignment]
        q = _query(request)  # bad filters are a 400 now, not a failed job later
        selectors.teachers_in(user, q)  # and a school out of scope a 404
        params = {k: v for k, v in request.query_params.items() if v != ""}
        job = services.duty_export_start(user=user, query=params, scope=export_scope(user, request))
        return Response(JobSerializer(job).data, status=status.HTTP_202_ACCEPTED)
