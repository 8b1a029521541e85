from django.apps import AppConfig


class DutyConfig(AppConfig):
    name = "shuangshi.duty"
    label = "duty"
