from django.urls import path

from . import api

urlpatterns = [
    path("practice-duty/", api.PracticeDutyView.as_view(), name="practice-duty"),
    path(
        "practice-duty/summary/",
        api.PracticeDutySummaryView.as_view(),
        name="practice-duty-summary",
    ),
    path(
        "practice-duty/export/", api.PracticeDutyExportView.as_view(), name="practice-duty-export"
    ),
]
