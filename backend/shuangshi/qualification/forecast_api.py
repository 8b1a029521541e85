"""GET ratios/forecast/ (DESIGN §9): monthly points if nothing changes."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from shuangshi.accounts.models import Role, User
from shuangshi.accounts.scope import schools_visible_to
from shuangshi.schools.models import School, SchoolKind

from . import forecast, reports
from .api import RatioView, _query
from .models import RatioSnapshot


class ForecastQuery(serializers.Serializer):
    school = serializers.IntegerField(required=False, min_value=1, max_value=2**62)
    city = serializers.IntegerField(required=False, min_value=1, max_value=2**62)
    months = serializers.IntegerField(required=False, min_value=1, max_value=36, default=12)


class ForecastPoint(serializers.Serializer):
    date = serializers.DateField()
    in_scope = serializers.IntegerField()
    qualified = serializers.IntegerField()
    ratio = serializers.FloatField(allow_null=True)
    meets_target = serializers.BooleanField()


class Forecast(serializers.Serializer):
    scope = serializers.CharField()
    key = serializers.IntegerField()
    points = ForecastPoint(many=True)


class ForecastView(RatioView):
    @extend_schema(
        parameters=[
            OpenApiParameter("school", int),
            OpenApiParameter("city", int),
            OpenApiParameter("months", int, description="How many month-ends (1–36, default 12)"),
        ],
        responses={200: Forecast},
    )
    def get(self, request: Request) -> Response:
        q = _query(ForecastQuery, request)
        user: User = request.user  # type: ignore[assignment]
        scope, key = reports.trend_scope(user, school=q.get("school"), city=q.get("city"))
        S = RatioSnapshot.Scope
        if scope == S.SCHOOL:
            ids: list[int] | None = [key]
        elif scope == S.CITY:
            ids = list(School.objects.filter(city_id=key).values_list("pk", flat=True))
        else:
            ids = None
        points = forecast.forecast(ids, months=q["months"])
        return Response(Forecast({"scope": scope, "key": key, "points": points}).data)


class FallingQuery(serializers.Serializer):
    city = serializers.IntegerField(required=False, min_value=1, max_value=2**62)
    kind = serializers.ChoiceField(required=False, choices=SchoolKind.choices)
    months = serializers.IntegerField(required=False, min_value=1, max_value=12, default=6)


class FallingSchool(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class FallingRow(serializers.Serializer):
    school = FallingSchool()
    below_on = serializers.DateField()


def _ref(school: School) -> dict:
    return {"id": school.pk, "code": school.code, "name": school.name}


class FallingBelowView(RatioView):
    """Schools meeting the target today that stop meeting it within `months`, soonest first."""

    @extend_schema(
        parameters=[
            OpenApiParameter("city", int),
            OpenApiParameter("kind", str, description="Only schools of this kind"),
            OpenApiParameter("months", int),
        ],
        responses={200: FallingRow(many=True)},
    )
    def get(self, request: Request) -> Response:
        q = _query(FallingQuery, request)
        user: User = request.user  # type: ignore[assignment]
        schools = schools_visible_to(user)
        if q.get("city") is not None:
            schools = schools.filter(city_id=q["city"])
        if q.get("kind") is not None:
            schools = schools.filter(kind=q["kind"])
        today = timezone.localdate()
        days = (forecast.add_months(today, q["months"]) - today).days
        if user.role == Role.PROVINCE and q.get("city") is None and q.get("kind") is None:
            found = forecast.schools_falling_below(days=days)
        else:
            ids = list(schools.values_list("pk", flat=True))
            found = {k: v for k, v in forecast.below_on(ids, days=days).items() if v}
        named = {s.pk: s for s in schools.filter(pk__in=found)}
        rows = [
            {"school": _ref(named[sid]), "below_on": on}
            for sid, on in sorted(found.items(), key=lambda item: (item[1], item[0]))
            if sid in named
        ]
        return Response(FallingRow(rows, many=True).data)
