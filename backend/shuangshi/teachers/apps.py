from django.apps import AppConfig


class TeachersConfig(AppConfig):
    name = "shuangshi.teachers"
    label = "teachers"
