from typing import Any

from django import forms
from django.contrib import admin

from .models import Mentor, MentorAppointment
from .selectors import overlapping_appointments


class AppointmentForm(forms.ModelForm):
    """The admin refuses overlaps as services.appointment_create does."""

    class Meta:
        model = MentorAppointment
        fields = ["mentor", "school", "mode", "start_on", "end_on", "hours"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        mentor = data.get("mentor") or getattr(self.instance, "mentor", None)
        if mentor and data.get("school") and data.get("mode") and data.get("start_on"):
            clash = overlapping_appointments(
                mentor_id=mentor.pk,
                school_id=data["school"].pk,
                mode=data["mode"],
                start_on=data["start_on"],
                end_on=data.get("end_on"),
                exclude_pk=self.instance.pk,
            )
            if clash.exists():
                raise forms.ValidationError(
                    "This mentor already has an overlapping appointment in this mode here."
                )
        return data


class AppointmentInline(admin.TabularInline):
    model = MentorAppointment
    form = AppointmentForm
    extra = 0
    raw_id_fields = ["school"]
    readonly_fields = ["version"]


@admin.register(Mentor)
class MentorAdmin(admin.ModelAdmin):
    list_display = ["name", "enterprise", "category", "title", "birth_date"]
    list_filter = ["category"]
    search_fields = ["name", "enterprise", "skills"]
    readonly_fields = ["version"]
    inlines = [AppointmentInline]


@admin.register(MentorAppointment)
class MentorAppointmentAdmin(admin.ModelAdmin):
    form = AppointmentForm
    list_display = ["mentor", "school", "mode", "start_on", "end_on", "hours"]
    list_filter = ["mode"]
    search_fields = ["mentor__name", "school__name"]
    list_select_related = ["mentor", "school"]
    raw_id_fields = ["mentor", "school"]
    readonly_fields = ["version"]
