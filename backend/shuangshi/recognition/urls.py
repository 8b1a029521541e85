from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("recognition-rounds", api.RoundViewSet, basename="recognition-round")
router.register(
    "recognition-applications", api.ApplicationViewSet, basename="recognition-application"
)
router.register("recognitions", api.RecognitionViewSet, basename="recognition")
router.register("evidence-files", api.EvidenceFileViewSet, basename="evidence-file")

urlpatterns = [
    path("my-record/", api.MyRecordView.as_view(), name="my-record"),
    path("record-confirmations/", api.PendingRecordsView.as_view(), name="record-confirmations"),
    # A certificate number carries its round's code, which may hold a "/" (path, not str).
    path(
        "public/verify/<path:certificate_no>/",
        api.VerifyView.as_view(),
        name="public-verify",
    ),
    path("", include(router.urls)),
]
