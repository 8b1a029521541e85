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
        "Store this month's ratio snapshot per school, per city and for the province "
        "(run monthly). --month YYYY-MM backfills a past month by evaluating at its last day."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", type=_month, default=None, action="append")

    def handle(self, *args: Any, **opts: Any) -> None:
        months = opts["month"] or [None]
        for month in months:
            n = services.ratios_snapshot(month=month)
            self.stdout.write(f"{month or 'this month'}: {n} snapshot rows")
