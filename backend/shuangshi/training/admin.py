from django.contrib import admin

from .models import TrainingBase, TrainingCompletion, TrainingProgram


@admin.register(TrainingBase)
class TrainingBaseAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "host_name", "host_kind", "city", "designation", "status"]
    list_filter = ["status", "designation", "host_kind", "city"]
    search_fields = ["code", "name", "host_name"]
    readonly_fields = ["version"]


@admin.register(TrainingProgram)
class TrainingProgramAdmin(admin.ModelAdmin):
    list_display = ["title", "base", "kind", "hours", "start_on", "end_on"]
    list_filter = ["kind", "base"]
    search_fields = ["title", "base__name"]
    list_select_related = ["base"]
    readonly_fields = ["version"]


@admin.register(TrainingCompletion)
class TrainingCompletionAdmin(admin.ModelAdmin):
    """Read-only here: completion writes must re-evaluate the teacher (use the API)."""

    list_display = ["teacher", "program", "completed_on", "hours", "passed", "certificate_no"]
    list_filter = ["passed", "program__base"]
    search_fields = ["teacher__name", "program__title", "certificate_no"]
    list_select_related = ["teacher", "program"]
    raw_id_fields = ["teacher", "program"]

    def has_add_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False
