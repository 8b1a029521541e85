from django.contrib import admin

from .models import AlertSettings, Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "subject", "due_on", "created_at", "read_at", "resolved_at"]
    list_filter = ["kind"]
    search_fields = ["subject", "title"]

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False


@admin.register(AlertSettings)
class AlertSettingsAdmin(admin.ModelAdmin):
    list_display = ["pk", "certificate_expiring_days", "school_falling_below_days"]

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False  # changed through the API's service (audited, versioned)
