from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "shuangshi.common"
    label = "common"

    def ready(self) -> None:
        from . import dates

        dates.install()  # one date range for every model serializer (issue 15)
