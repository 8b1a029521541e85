from django.contrib import admin

from .models import City, School


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_en"]


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "city", "kind", "student_count"]
    list_filter = ["city", "kind"]
    search_fields = ["code", "name"]
