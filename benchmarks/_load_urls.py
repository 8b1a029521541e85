"""The app's URLs plus /bench/plain-teachers/: a plain DRF ModelViewSet on the same table
(every field, default pagination, no scoping, DRF's search over the columns the teacher list
searches), the baseline bench_load.py compares with."""

from config.urls import urlpatterns as app_urlpatterns
from django.urls import include, path
from rest_framework import pagination, routers, serializers, viewsets
from shuangshi.teachers.models import Teacher


class PlainTeacherSerializer(serializers.ModelSerializer):
    class Meta:
        model = Teacher
        fields = "__all__"


class PlainPagination(pagination.PageNumberPagination):
    page_size = 20


class PlainTeacherViewSet(viewsets.ModelViewSet):
    queryset = Teacher.objects.order_by("id")
    serializer_class = PlainTeacherSerializer
    pagination_class = PlainPagination
    search_fields = ["name", "staff_no", "major"]


router = routers.SimpleRouter()
router.register("plain-teachers", PlainTeacherViewSet, basename="plain-teacher")

urlpatterns = [path("bench/", include(router.urls)), *app_urlpatterns]
