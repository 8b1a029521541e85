from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api, forecast_api

router = SimpleRouter()
router.register("rule-profiles", api.RuleProfileViewSet, basename="rule-profile")
router.register("targets", api.TargetViewSet, basename="target")

urlpatterns = [
    path("ratios/schools/", api.SchoolRatiosView.as_view(), name="ratios-schools"),
    path("ratios/summary/", api.RatioSummaryView.as_view(), name="ratios-summary"),
    path("ratios/trend/", api.RatioTrendView.as_view(), name="ratios-trend"),
    path("ratios/candidates/", api.CandidatesView.as_view(), name="ratios-candidates"),
    path("ratios/forecast/", forecast_api.ForecastView.as_view(), name="ratios-forecast"),
    path(
        "ratios/forecast/schools/",
        forecast_api.FallingBelowView.as_view(),
        name="ratios-forecast-schools",
    ),
    *router.urls,
]
