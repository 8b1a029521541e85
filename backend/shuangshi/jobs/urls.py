from rest_framework.routers import DefaultRouter

from . import api

router = DefaultRouter()
router.register("jobs", api.JobViewSet, basename="job")

urlpatterns = router.urls
