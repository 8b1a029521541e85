from rest_framework.routers import SimpleRouter

from .api import AuditLogViewSet

router = SimpleRouter()
router.register("audit-log", AuditLogViewSet, basename="audit-log")
urlpatterns = router.urls
