"""GET ratios/forecast/ (DESIGN §9): monthly points if nothing changes."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from shuangshi.accounts.models import User
from shuangshi.schools.models import School

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
