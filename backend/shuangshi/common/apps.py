from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "shuangshi.common"
    label = "common"

    def ready(self) -> None:
        from . import dates, relations, text, unique

        dates.install()  # one date range for every model serializer (issue 15)
        text.install()  # no invisible characters in any model serializer's text (issue 15)
        unique.install()  # one wording for a duplicate unique value (round 33)
        relations.install()  # a record's id is a whole number in every relation (round 33)
