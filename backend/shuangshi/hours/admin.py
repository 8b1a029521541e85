from django.contrib import admin

from .models import TeachingHours


@admin.register(TeachingHours)
class TeachingHoursAdmin(admin.ModelAdmin):
    list_display = ["school", "term", "major_category", "total_hours", "practical_hours"]
    list_filter = ["term"]

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False  # written through the API and the importer (one service)
