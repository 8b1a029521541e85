from django.contrib import admin

from .models import Job, ScheduleRun


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Read-only: jobs are written by the workers."""

    list_display = ["id", "kind", "status", "owner", "done", "total", "created_at", "worker"]
    list_filter = ["status", "kind"]
    exclude = ["result_content"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(ScheduleRun)
class ScheduleRunAdmin(admin.ModelAdmin):
    list_display = ["entry", "slot", "job", "created_at"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
