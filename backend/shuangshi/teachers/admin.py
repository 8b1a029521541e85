from django.contrib import admin
from django.db import connections
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.text import smart_split, unescape_string_literal

from shuangshi.common.admin import ServiceAdmin

from . import services
from .filters import SEARCHED, term_condition
from .models import Certificate, EnterprisePeriod, Teacher, TeacherFact


@admin.register(Teacher)
class TeacherAdmin(ServiceAdmin):
    """Writes go through teachers.services (dated facts from today, re-evaluation)."""

    list_display = ["name", "staff_no", "school", "employment", "course_type", "title"]
    list_filter = ["employment", "course_type", "title", "major_category"]
    search_fields = list(SEARCHED)  # as the teacher list's search
    # The total of all teachers would be counted on every search (1.3M rows nationally).
    show_full_result_count = False
    raw_id_fields = ["school"]
    record_arg = "teacher"
    create = services.teacher_create
    update = services.teacher_update
    delete = services.teacher_delete
    passes_user = True

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        """The admin's own terms (quoted phrases kept whole), each matched as the teacher
        list matches it: on PostgreSQL through the search indexes (migrations 0012 and
        0013), which the admin's per-column LIKEs would not use."""
        if connections[queryset.db].vendor != "postgresql":
            return super().get_search_results(request, queryset, search_term)
        for bit in smart_split(search_term):
            if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
                bit = unescape_string_literal(bit)
            queryset = queryset.filter(term_condition(bit))
        return queryset, False


@admin.register(Certificate)
class CertificateAdmin(ServiceAdmin):
    list_display = ["teacher", "kind", "level", "field_category", "issued_on", "expires_on"]
    list_filter = ["kind", "field_category", "status"]
    raw_id_fields = ["teacher"]
    record_arg = "certificate"
    create = services.certificate_create
    update = services.certificate_update
    delete = services.certificate_delete


@admin.register(EnterprisePeriod)
class EnterprisePeriodAdmin(ServiceAdmin):
    list_display = ["teacher", "kind", "enterprise", "start_on", "end_on"]
    list_filter = ["kind", "status"]
    raw_id_fields = ["teacher"]
    record_arg = "period"
    create = services.period_create
    update = services.period_update
    delete = services.period_delete


@admin.register(TeacherFact)
class TeacherFactAdmin(admin.ModelAdmin):
    """Read-only: dated facts are written by the teacher services."""

    list_display = ["teacher", "field", "value", "effective_on", "recorded_by", "recorded_at"]
    list_filter = ["field"]
    raw_id_fields = ["teacher"]

    def has_add_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False
