from typing import Any

from django.core.management.base import BaseCommand

from shuangshi.notifications import services


class Command(BaseCommand):
    help = "Send the day's e-mail digests now (at most one per user per day)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = services.digest_daily()
        self.stdout.write(f"digests: {result['sent']} sent")
