from django.urls import path
from rest_framework.routers import DefaultRouter

from . import api

router = DefaultRouter()
router.register("imports", api.ImportViewSet, basename="import")

urlpatterns = [
    path("imports/templates/<str:kind>/", api.TemplateView.as_view(), name="import-template"),
    path("exports/teachers/", api.TeacherExportView.as_view(), name="export-teachers"),
    path("exports/province/", api.ProvinceWorkbookView.as_view(), name="export-province"),
    path("exports/school/", api.SchoolWorkbookView.as_view(), name="export-school"),
    *router.urls,
]
