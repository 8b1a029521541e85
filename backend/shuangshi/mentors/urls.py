from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("mentors", api.MentorViewSet, basename="mentor")
router.register("mentor-appointments", api.MentorAppointmentViewSet, basename="mentor-appointment")
urlpatterns = router.urls
