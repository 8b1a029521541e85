from typing import Any

from django import forms
from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from . import engine, selectors, services
from .models import RatioSnapshot, RuleProfile, SchoolStats, Target, TeacherQualification


class RuleProfileForm(forms.ModelForm):
    class Meta:
        model = RuleProfile
        fields = ["values", "note"]

    def clean_values(self) -> Any:
        values = self.cleaned_data.get("values")
        if not isinstance(values, dict):
            raise forms.ValidationError("Give an object of settings (changes to the current).")
        unknown = sorted(set(values) - set(engine.RuleProfile.__dataclass_fields__))
        if unknown:
            raise forms.ValidationError(f"Unknown settings: {', '.join(unknown)}")
        _version, current = selectors.profile_current()
        errors = engine.profile_errors({**current.as_dict(), **values})
        if errors:
            raise forms.ValidationError([f"{k}: {v}" for k, v in errors.items()])
        return values


@admin.register(RuleProfile)
class RuleProfileAdmin(admin.ModelAdmin):
    """Adding a profile stores a new version on top of the current one and re-evaluates."""

    form = RuleProfileForm
    list_display = ["version", "note", "created_by", "created_at"]
    readonly_fields = ["version", "created_by", "created_at"]
    fields = ["values", "note", "version", "created_by", "created_at"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # versions are history: add a new one instead

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        row = services.rule_profile_update(
            values=obj.values or {},
            note=obj.note,
            user=request.user,  # type: ignore[arg-type]
        )
        obj.pk, obj.version, obj.values = row.pk, row.version, row.values


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
