from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from shuangshi.qualification import services


def _month(value: str) -> date:
    try:
        return date.fromisoformat(value[:7] + "-01")
    except ValueError:
        raise CommandError(f"{value!r} is not a month (YYYY-MM)") from None


class Command(BaseCommand):
    help = (
        "Store the month just ended's ratio snapshot per school, per city and for the "
        "province, as the figures stood on its last day (the schedule does it on the 1st). "
        "--month YYYY-MM backfills another month that has ended."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", type=_month, default=None, action="append")

    def handle(self, *args: Any, **opts: Any) -> None:
        months = opts["month"] or [None]
        for month in months:
            try:
                n = services.ratios_snapshot(month=month)
            except services.MonthNotEnded as error:
                raise CommandError(str(error)) from None
            self.stdout.write(f"{month or 'the month just ended'}: {n} snapshot rows")
