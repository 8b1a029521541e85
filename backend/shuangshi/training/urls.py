from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("training-bases", api.TrainingBaseViewSet, basename="training-base")
router.register("training-programs", api.TrainingProgramViewSet, basename="training-program")
router.register(
    "training-completions", api.TrainingCompletionViewSet, basename="training-completion"
)
urlpatterns = router.urls
