from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "shuangshi.common"
    label = "common"

    def ready(self) -> None:
        from . import dates, text

        dates.install()  # one date range for every model serializer (issue 15)
        text.install()  # no invisible characters in any model serializer's text (issue 15)
