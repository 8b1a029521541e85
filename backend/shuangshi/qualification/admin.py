from typing import Any

from django.contrib import admin, messages
from django.forms import ModelForm
from django.http import HttpRequest

from . import services
from .models import RatioSnapshot, RuleProfile, SchoolStats, Target, TeacherQualification


@admin.register(RuleProfile)
class RuleProfileAdmin(admin.ModelAdmin):
    """Adding a profile stores a new version on top of the current one and re-evaluates."""

    list_display = ["version", "note", "created_by", "created_at"]
    readonly_fields = ["version", "created_by", "created_at"]
    fields = ["values", "note", "version", "created_by", "created_at"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # versions are history: add a new one instead

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        try:
            row = services.rule_profile_update(
                values=obj.values or {},
                note=obj.note,
                user=request.user,  # type: ignore[arg-type]
            )
        except services.ProfileInvalid as exc:
            messages.error(request, f"Invalid profile: {exc.errors}")
            return
        obj.pk, obj.version = row.pk, row.version


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["code", "value", "deadline", "updated_by", "updated_at"]
    readonly_fields = ["updated_by", "updated_at"]

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        services.target_update(
            code=obj.code,
            data={"value": obj.value, "deadline": obj.deadline},
            user=request.user,  # type: ignore[arg-type]
        )


@admin.register(TeacherQualification)
class TeacherQualificationAdmin(admin.ModelAdmin):
    list_display = ["teacher_id", "school_id", "level", "in_scope", "valid_until", "evaluated_on"]
    list_filter = ["level", "in_scope"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(SchoolStats)
class SchoolStatsAdmin(admin.ModelAdmin):
    list_display = ["school", "in_scope", "qualified", "full_time", "part_time", "updated_at"]
    raw_id_fields = ["school"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(RatioSnapshot)
class RatioSnapshotAdmin(admin.ModelAdmin):
    list_display = ["month", "scope", "key", "in_scope", "qualified"]
    list_filter = ["scope", "month"]
