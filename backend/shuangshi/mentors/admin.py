from typing import Any

from django import forms
from django.contrib import admin

from shuangshi.common.admin import ServiceAdmin

from . import services
from .models import Mentor, MentorAppointment


class AppointmentForm(forms.ModelForm):
    """The admin refuses overlaps as services.appointment_create does."""

    class Meta:
        model = MentorAppointment
        fields = ["mentor", "school", "mode", "start_on", "end_on", "hours"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        mentor = data.get("mentor") or getattr(self.instance, "mentor", None)
        if mentor and data.get("school") and data.get("mode") and data.get("start_on"):
            proposed = MentorAppointment(
                pk=self.instance.pk,
                mentor=mentor,
                school=data["school"],
                mode=data["mode"],
                start_on=data["start_on"],
                end_on=data.get("end_on"),
            )
            errors = services.appointment_errors(proposed)  # the services' own rule
            if errors:
                raise forms.ValidationError(errors)
        return data


class AppointmentInline(admin.TabularInline):
    """Read-only here: appointments are written on their own page (through the service)."""

    model = MentorAppointment
    extra = 0
    fields = ("school", "mode", "start_on", "end_on", "hours", "version")
    readonly_fields = ("school", "mode", "start_on", "end_on", "hours", "version")
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False


@admin.register(Mentor)
class MentorAdmin(ServiceAdmin):
    list_display = ["name", "enterprise", "category", "title", "birth_date"]
    list_filter = ["category"]
    search_fields = ["name", "enterprise", "skills"]
    readonly_fields = ["version"]
    inlines = [AppointmentInline]
    record_arg = "mentor"
    create = services.mentor_create
    update = services.mentor_update
    delete = services.mentor_delete


@admin.register(MentorAppointment)
class MentorAppointmentAdmin(ServiceAdmin):
    form = AppointmentForm
    record_arg = "appointment"
    create = services.appointment_create
    update = services.appointment_update
    delete = services.appointment_delete
    list_display = ["mentor", "school", "mode", "start_on", "end_on", "hours"]
    list_filter = ["mode"]
    search_fields = ["mentor__name", "school__name"]
    list_select_related = ["mentor", "school"]
    raw_id_fields = ["mentor", "school"]
    readonly_fields = ["version"]
