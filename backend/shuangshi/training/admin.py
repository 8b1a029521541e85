from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from . import services
from .models import TrainingBase, TrainingCompletion, TrainingProgram


class _Trial(Exception):
    """Rolls back a change tried only to hear what the service says of it."""


class TrainingBaseForm(forms.ModelForm):
    """A change the service refuses (a status history out of order, completions left on
    days the base was not operating) is the form's error, not a server error at save."""

    class Meta:
        model = TrainingBase
        fields = [
            "code",
            "name",
            "host_name",
            "host_kind",
            "city",
            "designation",
            "approved_on",
            "status",
        ]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if self.errors:
            return cleaned
        try:
            with transaction.atomic():
                if self.instance.pk is None:
                    services.base_create(data=dict(cleaned))
                else:
                    data = {name: cleaned[name] for name in self.changed_data if name in cleaned}
                    fresh = TrainingBase.objects.get(pk=self.instance.pk)
                    services.base_update(base=fresh, data=data)
                raise _Trial
        except (_Trial, IntegrityError):
            pass  # a duplicate code: the form's own unique check says so
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        return cleaned


@admin.register(TrainingBase)
class TrainingBaseAdmin(admin.ModelAdmin):
    form = TrainingBaseForm
    list_display = ["code", "name", "host_name", "host_kind", "city", "designation", "status"]
    list_filter = ["status", "designation", "host_kind", "city"]
    search_fields = ["code", "name", "host_name"]
    readonly_fields = ["version"]

    def save_model(self, request, obj, form, change) -> None:  # type: ignore[no-untyped-def]
        # The one write path: status history, audit and re-evaluation live in the service.
        data = {name: form.cleaned_data[name] for name in form.changed_data}
        if change:
            fresh = TrainingBase.objects.get(pk=obj.pk)
            form.instance = services.base_update(base=fresh, data=data, user=request.user)
        else:
            data = {f: form.cleaned_data[f] for f in form.cleaned_data if f != "version"}
            form.instance = services.base_create(data=data, user=request.user)
        obj.pk = form.instance.pk

    def delete_model(self, request, obj) -> None:  # type: ignore[no-untyped-def]
        services.base_delete(base=obj)


@admin.register(TrainingProgram)
class TrainingProgramAdmin(admin.ModelAdmin):
    list_display = ["title", "base", "kind", "hours", "start_on", "end_on"]
    list_filter = ["kind", "base"]
    search_fields = ["title", "base__name"]
    list_select_related = ["base"]

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        # Moving a programme between bases changes its completions' standing: use the API.
        return ["version", "base"] if obj is not None else ["version"]


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
