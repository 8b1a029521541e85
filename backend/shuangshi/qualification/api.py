"""Ratios, candidates, trend, rule profiles and targets (DESIGN §5). Views stay thin."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shuangshi.accounts.models import Role, User
from shuangshi.common import dates
from shuangshi.common.api import AsOfField, RolePermission, expected_version
from shuangshi.common.pagination import Pagination, page_parameters
from shuangshi.schools.models import SchoolKind
from shuangshi.teachers.models import RecordStatus, Teacher

from . import engine, forecast, jobs, recognized, reports, schemas, selectors, services
from .models import RuleProfile, Target, TargetCode, TeacherQualification

READ_ROLES = [Role.PROVINCE, Role.CITY, Role.SCHOOL_HR]


# --------------------------------------------------------------------------- teacher field


def stored_result_of(teacher: Teacher) -> TeacherQualification | None:
    """The teacher's stored result (None before the first evaluation)."""
    try:
        return teacher.qualification  # type: ignore[attr-defined,no-any-return]
    except TeacherQualification.DoesNotExist:
        return None


def levels_after_of(
    rows: Iterable[tuple[int, reports.StoredVerdict | None]],
    *,
    read: dict[int, str] | None = None,
    version: int | None = None,
) -> dict[int, str]:
    """level_after for a list page in one read, from (teacher id, stored verdict) pairs: the
    rows whose stored result still holds (the others are evaluated afresh, level_after with
    them). ``read``: levels already read with the rows (selectors.level_after_sql), for
    the same dates; only the others are looked up."""
    today = timezone.localdate()
    if version is None:
        version = selectors.profile_version_current()
    changes = {}
    for teacher_id, stored in rows:
        if stored is None or not stored.valid_until:
            continue
        if reports.stored_holds(stored, today, version=version):
            changes[teacher_id] = stored.valid_until
    known = {tid: read[tid] for tid in changes if read and tid in read}
    known.update(selectors.levels_after({t: d for t, d in changes.items() if t not in known}))
    return known


def _level_after(teacher_id: int, valid_until: date | None, known: dict[int, str] | None) -> Any:
    """The level from ``valid_until`` on (issue 10: what is lost, and when); null with it."""
    if valid_until is None:
        return None
    if known is not None and teacher_id in known:
        return known[teacher_id]
    return selectors.levels_after({teacher_id: valid_until}).get(teacher_id)


def qualification_summary(
    teacher_id: int,
    stored: reports.StoredVerdict | TeacherQualification | None,
    *,
    levels_after: dict[int, str] | None = None,
    today: date | None = None,
    version: int | None = None,
) -> dict[str, Any] | None:
    """The verdict a list row carries: {level, qualified, in_scope, valid_until, level_after,
    evaluated_on}; ``levels_after`` from :func:`levels_after_of` for the page.

    The reasons stay with the detail (a page of 20 full results was 64 KB). Read from the
    stored result; one whose date has passed is evaluated afresh, as in the detail.
    """
    if stored is None:
        return None
    today = today or timezone.localdate()  # (a list page reads the date and version once)
    if version is None:
        version = selectors.profile_version_current()
    if not reports.stored_holds(stored, today, version=version):
        ev = reports.evaluation_today(teacher_id, today)
        stored = reports.StoredVerdict(
            ev.level,
            ev.qualified,
            ev.in_scope,
            ev.valid_until,
            changes_on=None,
            evaluated_on=today,
            profile_version=version,
        )
        levels_after = None  # the page's were read for the stored valid_until
    return {
        "level": stored.level,
        "qualified": stored.qualified,
        "in_scope": stored.in_scope,
        "valid_until": stored.valid_until.isoformat() if stored.valid_until else None,
        "level_after": _level_after(teacher_id, stored.valid_until, levels_after),
        "evaluated_on": stored.evaluated_on.isoformat(),
    }


def qualification_payload(teacher: Teacher) -> dict[str, Any] | None:
    """The stored result as a teacher read carries it: {level, qualified, reasons, valid_until}.

    Read through ``select_related("qualification")`` so a list costs no extra query.
    """
    stored = stored_result_of(teacher)
    if stored is None:
        return None
    today = timezone.localdate()
    ev = reports.stored_evaluation(stored)
    version = selectors.profile_version_current()
    profile = reports.profile_for_version(version)
    if not reports.stored_holds(stored, today, version=version):
        # Never stale (DESIGN §4): a result whose date has passed is evaluated afresh.
        ev = reports.evaluation_today(teacher.pk, today)
        stored.evaluated_on = today
    return {
        "level": ev.level,
        "qualified": ev.qualified,
        "in_scope": ev.in_scope,
        "reasons": _reasons_payload(teacher, ev, profile, today),
        "valid_until": ev.valid_until.isoformat() if ev.valid_until else None,
        "level_after": _level_after(teacher.pk, ev.valid_until, None),
        "missing": [m.as_dict() for m in ev.missing],
        "evaluated_on": stored.evaluated_on.isoformat(),
        # For the 初级/中级/高级 checklist: evidence items asked for junior, and the extra
        # items intermediate and senior ask for beside enterprise practice.
        "evidence_needed": list(ev.evidence_needed),
        "practice_window_years": ev.practice_window_years,
        "recruitment": recruitment_payload(ev, profile),
    }


def _reasons_payload(
    teacher: Teacher, ev: engine.Evaluation, profile: engine.RuleProfile, on: date
) -> list[dict[str, Any]]:
    """The reasons as a teacher read carries them. A skill certificate held but outside the
    teacher's field (the E_SKILL note, DESIGN §4) is named with its kind, level and name, so
    the checklist can say which certificate is not counted (round 45); the engine's note
    (stored with the result) carries only the categories."""
    reasons = [r.as_dict() for r in ev.reasons]
    for reason in reasons:
        if reason["code"] == engine.E_SKILL and reason["note"] and not reason["met"]:
            named = _skill_certificate_outside_field(teacher, reason["params"], profile, on)
            if named is not None:
                reason["params"] = {**reason["params"], **named}
    return reasons


def _skill_certificate_outside_field(
    teacher: Teacher, note: dict[str, Any], profile: engine.RuleProfile, on: date
) -> dict[str, Any] | None:
    """The confirmed skill certificate the E_SKILL note is about: held on ``on``, at or above
    the profile's level, not in the teacher's field (``engine.skill_in_field``) and with the
    note's field category; the highest level when there are several, None when none is."""
    major = note.get("teacher_category") or None
    category = note.get("certificate_category") or None
    best: tuple[tuple[int, date], Any] | None = None
    rows = teacher.certificates.filter(  # type: ignore[attr-defined]
        status=RecordStatus.CONFIRMED,
        kind__in=[*engine.SKILL_KINDS, "one_plus_x"],
        issued_on__lte=on,
    ).filter(Q(expires_on__isnull=True) | Q(expires_on__gte=on))
    for c in rows.order_by("id"):
        rank = engine.skill_rank(c, profile)
        if rank < 0:
            continue
        if (c.field_category or None) != category or engine.skill_in_field(c, major, profile):
            continue
        key = (rank, c.issued_on)
        if best is None or key > best[0]:
            best = (key, c)
    if best is None:
        return None
    c = best[1]
    return {
        "certificate_id": c.pk,
        "certificate_kind": c.kind,
        "certificate_level": c.level,
        "certificate_name": c.name,
    }


def recruitment_payload(
    ev: engine.Evaluation, profile: engine.RuleProfile
) -> dict[str, Any] | None:
    """DESIGN §4's recruitment check as a teacher read carries it: None when it does not
    apply (hired before the profile's cut-off, or out of scope: the counts leave them out
    alike), else whether the teacher meets it and the profile's terms, so a screen can say
    in words what each of the three paths asks."""
    if not ev.in_scope or ev.recruitment_compliant is None:
        return None
    return {
        "compliant": ev.recruitment_compliant,
        "since": profile.recruitment_since.isoformat(),
        "enterprise_days": profile.recruitment_enterprise_days,
        "min_education": profile.recruitment_min_education,
    }


# --------------------------------------------------------------------------- query parameters


class AsOfQuery(serializers.Serializer):
    as_of = AsOfField(required=False)


class SchoolRatiosQuery(AsOfQuery):
    school = serializers.IntegerField(required=False, min_value=1, max_value=2**62)
    city = serializers.IntegerField(required=False, min_value=1)
    kind = serializers.ChoiceField(
        required=False,
        choices=[
            "higher_vocational",
            "secondary_vocational",
            "technician_college",
            "senior_technical_school",
            "technical_school",
        ],
    )
    below_target = serializers.BooleanField(required=False, allow_null=True, default=None)
    ordering = serializers.ChoiceField(
        required=False, choices=list(selectors.ORDERINGS), default="code"
    )
    # Words, each in the name or the code (spaces alone: no search), as every list's search.
    search = serializers.CharField(
        required=False, allow_blank=True, max_length=100, trim_whitespace=True
    )


class TrendQuery(serializers.Serializer):
    school = serializers.IntegerField(required=False, min_value=1)
    city = serializers.IntegerField(required=False, min_value=1)
    # A month, or a day of it (the month is kept): not trimmed, so " 2026-03 " is refused.
    start = serializers.RegexField(r"^\d{4}-\d{2}(-\d{2})?$", required=False, trim_whitespace=False)
    end = serializers.RegexField(r"^\d{4}-\d{2}(-\d{2})?$", required=False, trim_whitespace=False)
    # The dashboard's date: the series ends at its month, the last point on that day.
    as_of = AsOfField(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        for name in ("start", "end"):
            raw = attrs.get(name)
            if raw is not None:
                try:
                    attrs[name] = date.fromisoformat(raw[:7] + "-01")
                    if len(raw) > 7:
                        date.fromisoformat(raw)  # a day given must be a day (not 02-30)
                except ValueError:
                    raise serializers.ValidationError({name: [_("Use YYYY-MM.")]}) from None
                if not dates.in_range(attrs[name]):
                    raise serializers.ValidationError({name: [dates.out_of_range()]})
        return attrs


class CandidatesQuery(AsOfQuery):
    school = serializers.IntegerField(required=False, min_value=1)


def _query(serializer_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    params = {k: v for k, v in request.query_params.items() if v != ""}
    # The trend takes `from`/`to` (DESIGN §5); they are keywords in Python.
    for outer, inner in (("from", "start"), ("to", "end")):
        if outer in params:
            params[inner] = params.pop(outer)
    s = serializer_class(data=params)
    if not s.is_valid():
        names = {"start": "from", "end": "to"}
        raise serializers.ValidationError({names.get(k, k): v for k, v in s.errors.items()})
    return dict(s.validated_data)


AS_OF = OpenApiParameter("as_of", date, description="Evaluate at this date (default today).")


# --------------------------------------------------------------------------- ratios


class RatioView(APIView):
    permission_classes = [RolePermission]
    read_roles = READ_ROLES
    write_roles: list[str] = []


class SchoolRatiosView(RatioView):
    @extend_schema(
        parameters=[
            AS_OF,
            OpenApiParameter("school", int, description="One school's row (404-free: empty)"),
            OpenApiParameter("city", int),
            OpenApiParameter("kind", str),
            OpenApiParameter("below_target", bool),
            OpenApiParameter("ordering", str, enum=list(selectors.ORDERINGS)),
            OpenApiParameter("search", str, description="Part of the school's name or code"),
            *page_parameters(),  # paged by hand: the schema does not find them itself
        ],
        responses={200: schemas.SchoolRatioPage},
    )
    def get(self, request: Request) -> Response:
        q = _query(SchoolRatiosQuery, request)
        paginator = Pagination()
        user: User = request.user  # type: ignore[assignment]
        today = timezone.localdate()
        # Read once for the page: the rows, their gaps and their forecasts all use them.
        target, current = selectors.ratio_target(), selectors.profile_current()
        if selectors.is_today(q.get("as_of")) and selectors.results_current(today):
            qs = selectors.school_ratios_today(
                user,
                city=q.get("city"),
                kind=q.get("kind"),
                school=q.get("school"),
                below_target=q.get("below_target"),
                ordering=q["ordering"],
                target=target,
            )
            for word in (q.get("search") or "").split():
                qs = qs.filter(Q(name__icontains=word) | Q(code__icontains=word))
            page = paginator.paginate_queryset(qs, request, view=self)
            rows = reports.school_rows_today(
                page or [], on=today, target=target, profile=current[1]
            )
        else:
            # Another date, or stored results that have expired since the nightly run.
            all_rows = reports.school_rows_at(
                user,
                on=q.get("as_of") or today,
                city=q.get("city"),
                kind=q.get("kind"),
                school=q.get("school"),
                below_target=q.get("below_target"),
                ordering=q["ordering"],
                search=q.get("search") or "",
            )
            rows = paginator.paginate_queryset(all_rows, request, view=self) or []  # type: ignore[arg-type]
        forecast.attach_below_on(rows, target=target, current=current)
        recognized.attach_to_rows(rows, on=q.get("as_of") or today)
        return paginator.get_paginated_response(rows)


class SummaryQuery(AsOfQuery):
    city = serializers.IntegerField(required=False, min_value=1, max_value=2**62)
    kind = serializers.ChoiceField(required=False, choices=SchoolKind.choices)


class RatioSummaryView(RatioView):
    @extend_schema(
        parameters=[
            AS_OF,
            OpenApiParameter("city", int, description="Only this city's schools"),
            OpenApiParameter("kind", str, description="Only schools of this kind"),
        ],
        responses={200: schemas.RatioSummary},
    )
    def get(self, request: Request) -> Response:
        q = _query(SummaryQuery, request)
        user: User = request.user  # type: ignore[assignment]
        today = timezone.localdate()
        scope = {"city": q.get("city"), "kind": q.get("kind")}
        on = q.get("as_of") or today
        if selectors.is_today(q.get("as_of")) and selectors.results_current(today):
            data = reports.summary_today(user, **scope)
        else:
            data = reports.summary_at(user, on=on, **scope)
        return Response(recognized.attach_to_summary(data, user=user, on=on, **scope))


class RatioTrendView(RatioView):
    @extend_schema(
        parameters=[
            OpenApiParameter("school", int),
            OpenApiParameter("city", int),
            OpenApiParameter("from", str, description="YYYY-MM"),
            OpenApiParameter("to", str, description="YYYY-MM"),
            OpenApiParameter(
                "as_of",
                date,
                description="The figures as on this date: no month after its month, and "
                "that month's point is the figures on this day (as ratios/summary?as_of "
                "gives them). Default (or today, or later): up to today.",
            ),
        ],
        responses={200: schemas.RatioTrend},
    )
    def get(self, request: Request) -> Response:
        q = _query(TrendQuery, request)
        user: User = request.user  # type: ignore[assignment]
        scope, key = reports.trend_scope(user, school=q.get("school"), city=q.get("city"))
        return Response(
            reports.trend(scope, key, start=q.get("start"), end=q.get("end"), as_of=q.get("as_of"))
        )


class CandidatesView(RatioView):
    @extend_schema(
        parameters=[AS_OF, OpenApiParameter("school", int), *page_parameters()],
        responses={200: schemas.CandidatePage},
    )
    def get(self, request: Request) -> Response:
        q = _query(CandidatesQuery, request)
        user: User = request.user  # type: ignore[assignment]
        school_id = q.get("school") or user.school_id
        if school_id is None:
            raise serializers.ValidationError({"school": [_("This field is required.")]})
        if not selectors.user_may_see_school(user, school_id):
            raise Http404
        paginator = Pagination()
        today = timezone.localdate()
        if selectors.is_today(q.get("as_of")) and selectors.results_current(today, [school_id]):
            page = paginator.paginate_queryset(
                selectors.candidates_today(school_id), request, view=self
            )
            rows = reports.candidate_rows_stored(page or [])
        else:
            rows = (
                paginator.paginate_queryset(
                    reports.candidate_rows_at(school_id, on=q.get("as_of") or today),  # type: ignore[arg-type]
                    request,
                    view=self,
                )
                or []
            )
        return paginator.get_paginated_response(rows)


# --------------------------------------------------------------------------- profiles


class RuleProfileSerializer(serializers.ModelSerializer):
    created_by = serializers.CharField(
        source="created_by.username", read_only=True, default=None, allow_null=True
    )  # null for the seeded versions
    base_version = serializers.IntegerField(
        write_only=True,
        required=False,
        help_text="The version the changes were made on; a newer one stored since answers 409.",
    )

    class Meta:
        model = RuleProfile
        fields = ["version", "values", "note", "base_version", "created_by", "created_at"]
        read_only_fields = ["version", "created_by", "created_at"]

    def validate_values(self, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise serializers.ValidationError(_("Send an object of settings."))
        return value


class RuleProfileCreatedSerializer(RuleProfileSerializer):
    reevaluated = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="Teachers re-evaluated already; null while the background job (`job`) "
        "re-evaluates them.",
    )
    job = serializers.IntegerField(
        read_only=True, help_text="The background job re-evaluating everyone (GET /jobs/{id}/)."
    )

    class Meta(RuleProfileSerializer.Meta):
        fields = [*RuleProfileSerializer.Meta.fields, "reevaluated", "job"]


class CurrentProfileSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="0 before any version is stored")
    values = serializers.DictField(help_text="Every threshold in force, defaults included.")


class ProfilePreviewRequest(serializers.Serializer):
    values = serializers.DictField(help_text="Thresholds to change, as in a new profile.")
    target = serializers.DecimalField(
        max_digits=5,
        decimal_places=4,
        min_value=Decimal("0"),
        max_value=Decimal("0.9999"),
        required=False,
        help_text="A different ratio target to preview with (optional).",
    )


class PreviewSide(serializers.Serializer):
    qualified = serializers.IntegerField()
    in_scope = serializers.IntegerField()
    meets_target = serializers.BooleanField(allow_null=True)


class PreviewSchool(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    before = PreviewSide()
    after = PreviewSide()


class ProfilePreviewSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    schools = serializers.IntegerField()
    meeting_target_now = serializers.IntegerField()
    meeting_target_after = serializers.IntegerField()
    newly_meeting = serializers.IntegerField()
    newly_below = serializers.IntegerField()
    province_ratio_now = serializers.FloatField(allow_null=True)
    province_ratio_after = serializers.FloatField(allow_null=True)
    qualified_now = serializers.IntegerField()
    qualified_after = serializers.IntegerField()
    changed_schools = PreviewSchool(many=True)


class RuleProfileViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Versions of the rule thresholds. POST stores a new version and re-evaluates everyone."""

    serializer_class = RuleProfileSerializer
    permission_classes = [RolePermission]
    read_roles = READ_ROLES
    write_roles = [Role.PROVINCE]
    lookup_field = "version"
    filter_backends: list[Any] = []

    def get_queryset(self) -> Any:
        return RuleProfile.objects.select_related("created_by").order_by("-version")

    @extend_schema(request=ProfilePreviewRequest, responses=ProfilePreviewSerializer)
    @action(detail=False, methods=["post"])
    def preview(self, request: Request) -> Response:
        """How many schools would change status under these thresholds; stores nothing."""
        params = ProfilePreviewRequest(data=request.data)
        params.is_valid(raise_exception=True)
        try:
            result = services.rule_profile_preview(
                values=params.validated_data["values"],
                target=params.validated_data.get("target"),
            )
        except services.ProfileInvalid as exc:
            return Response(
                {"values": {k: [v] for k, v in exc.errors.items()}},
                status=status.HTTP_400_BAD_REQUEST,
            )
        except services.PreviewTooLarge:
            return Response(
                {
                    "non_field_errors": [
                        _(
                            "Too many teachers to preview in one request; apply the profile "
                            "and run the reevaluate command."
                        )
                    ]
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response(ProfilePreviewSerializer(result).data)

    @extend_schema(responses=CurrentProfileSerializer)
    @action(detail=False, methods=["get"])
    def current(self, request: Request) -> Response:
        version, profile = selectors.profile_current()
        return Response({"version": version, "values": profile.as_dict()})

    @extend_schema(responses={201: RuleProfileCreatedSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        base = serializer.validated_data.get("base_version")
        version, profile = selectors.profile_current()
        if base is not None and base != version:
            # Someone stored a newer version since this client read the profile.
            return Response(
                {
                    "detail": _("Someone else changed the rules; reload them and try again."),
                    "current": {"version": version, "values": profile.as_dict()},
                },
                status=status.HTTP_409_CONFLICT,
            )
        try:
            row, run = jobs.rule_profile_change(
                values=serializer.validated_data["values"],
                note=serializer.validated_data.get("note", ""),
                user=request.user,
            )
        except services.ProfileInvalid as exc:
            return Response(
                {"values": {k: [v] for k, v in exc.errors.items()}},
                status=status.HTTP_400_BAD_REQUEST,
            )
        data = dict(self.get_serializer(row).data)
        # Everyone is re-evaluated by a background job (no size limit): null until it has run
        # (ratios evaluate today's figures until then).
        run.refresh_from_db()
        data["reevaluated"] = run.result.get("evaluated") if run.status == "succeeded" else None
        data["job"] = run.pk
        return Response(data, status=status.HTTP_201_CREATED)


# --------------------------------------------------------------------------- targets


@extend_schema_field(OpenApiTypes.NUMBER)
class CurrentField(serializers.SerializerMethodField):
    """The ratio (a float) or the active bases (an integer): `number` takes both."""


class TargetSerializer(serializers.ModelSerializer):
    deadline_passed = serializers.SerializerMethodField()
    current = CurrentField(allow_null=True)
    # Until the province first edits a target: defaults, nobody, never.
    updated_by = serializers.CharField(
        source="updated_by.username", read_only=True, default=None, allow_null=True
    )
    updated_at = serializers.DateTimeField(read_only=True, allow_null=True)
    version = serializers.IntegerField(read_only=True)

    class Meta:
        model = Target
        fields = [
            "code",
            "value",
            "deadline",
            "deadline_passed",
            "current",
            "updated_by",
            "updated_at",
            "version",
        ]
        read_only_fields = ["code", "updated_at"]

    def get_deadline_passed(self, target: Target) -> bool:
        return target.deadline_passed(timezone.localdate())

    def get_current(self, target: Target) -> float | int | None:
        return self.context.get("current", {}).get(target.code)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        value = attrs.get("value")
        code = self.instance.code if self.instance else None
        if value is not None:
            if code == TargetCode.DUAL_QUALIFIED_RATIO and not 0 <= value < 1:
                raise serializers.ValidationError({"value": [_("A share between 0 and 1.")]})
            if code == TargetCode.PRACTICAL_HOURS_SHARE and not 0 <= value <= 1:
                raise serializers.ValidationError({"value": [_("A share between 0 and 1.")]})
            if code == TargetCode.TRAINING_BASES and (value < 0 or value != int(value)):
                raise serializers.ValidationError({"value": [_("A whole number.")]})
        return attrs


class TargetViewSet(viewsets.GenericViewSet):
    """The province's targets: ratio strictly above 0.60 and 20 bases by 2025-12-31."""

    serializer_class = TargetSerializer
    queryset = Target.objects.all()  # for the schema; reads go through selectors
    permission_classes = [RolePermission]
    read_roles = [Role.PROVINCE, Role.CITY, Role.SCHOOL_HR, Role.BASE_STAFF]
    write_roles = [Role.PROVINCE]
    lookup_field = "code"
    filter_backends: list[Any] = []
    pagination_class = None

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        context["current"] = reports.target_progress()
        return context

    def _target(self, code: str) -> Target:
        if code not in TargetCode.values:
            raise Http404
        return selectors.target_get(code)

    def list(self, request: Request) -> Response:
        return Response(self.get_serializer(selectors.targets_list(), many=True).data)

    def retrieve(self, request: Request, code: str) -> Response:
        return Response(self.get_serializer(self._target(code)).data)

    @transaction.atomic
    def partial_update(self, request: Request, code: str) -> Response:
        version = expected_version(request)  # the version the client read, as for records
        target = self._target(code)
        stored = Target.objects.select_for_update().filter(code=code).first()
        if version != (stored.version if stored else target.version):
            current = self.get_serializer(stored or target).data
            detail = _("Someone else changed this record; reload it and try again.")
            return Response({"detail": detail, "current": current}, status=status.HTTP_409_CONFLICT)
        serializer = self.get_serializer(target, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        target = services.target_update(
            code=code,
            data=serializer.validated_data,
            user=request.user,  # type: ignore[arg-type]
        )
        return Response(self.get_serializer(target).data)


__all__ = ["engine", "qualification_payload"]
