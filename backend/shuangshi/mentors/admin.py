from django.contrib import admin

from .models import Mentor, MentorAppointment


class AppointmentInline(admin.TabularInline):
    model = MentorAppointment
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
    list_display = ["mentor", "school", "mode", "start_on", "end_on", "hours"]
    list_filter = ["mode"]
    search_fields = ["mentor__name", "school__name"]
    list_select_related = ["mentor", "school"]
    raw_id_fields = ["mentor", "school"]
    readonly_fields = ["version"]
