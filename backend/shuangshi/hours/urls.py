from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("teaching-hours", api.TeachingHoursViewSet, basename="teaching-hours")

urlpatterns = router.urls
