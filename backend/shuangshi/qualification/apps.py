from django.apps import AppConfig


class QualificationConfig(AppConfig):
    name = "shuangshi.qualification"
    label = "qualification"
