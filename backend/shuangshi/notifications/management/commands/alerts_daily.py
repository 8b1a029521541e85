from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from shuangshi.notifications import services


class Command(BaseCommand):
    help = "Create the day's alerts now (the schedule runs the same job every morning)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--on", help="Run as of this date (YYYY-MM-DD); default today.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            on = date.fromisoformat(options["on"]) if options.get("on") else None
        except ValueError:
            raise CommandError("--on: use YYYY-MM-DD") from None
        result = services.alerts_daily(on=on)
        self.stdout.write(
            f"alerts: {result['created']} created, {result['reopened']} reopened, "
            f"{result['resolved']} resolved, "
            f"{result['subjects']} subjects due"
        )
