from django.contrib import admin

from .models import Certificate, EnterprisePeriod, Teacher


@admin.register(Teacher)
class TeacherAdmin(admin.ModelAdmin):
    list_display = ["name", "staff_no", "school", "employment", "course_type", "title"]
    list_filter = ["employment", "course_type", "title"]
    search_fields = ["name", "staff_no"]
    raw_id_fields = ["school"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["teacher", "kind", "level", "issued_on", "expires_on"]
    list_filter = ["kind"]
    raw_id_fields = ["teacher"]


@admin.register(EnterprisePeriod)
class EnterprisePeriodAdmin(admin.ModelAdmin):
    list_display = ["teacher", "kind", "enterprise", "start_on", "end_on"]
    list_filter = ["kind"]
    raw_id_fields = ["teacher"]
