from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("notifications", api.NotificationViewSet, basename="notification")

urlpatterns = [
    path("alert-settings/", api.AlertSettingsView.as_view(), name="alert-settings"),
    *router.urls,
]
