from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "shuangshi.common"
    label = "common"
