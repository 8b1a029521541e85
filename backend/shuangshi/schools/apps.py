from django.apps import AppConfig


class SchoolsConfig(AppConfig):
    name = "shuangshi.schools"
    label = "schools"
