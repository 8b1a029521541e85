from django.apps import AppConfig


class HoursConfig(AppConfig):
    name = "shuangshi.hours"
    label = "hours"
