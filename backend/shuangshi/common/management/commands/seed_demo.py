from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from shuangshi.common.demo import load_demo


class Command(BaseCommand):
    help = "Load the fictional demo data from seed/ (safe to run twice; refused in production)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not getattr(settings, "ALLOW_DEMO_DATA", False):
            raise CommandError("Demo data is refused with these settings (production).")
        result = load_demo()
        if result.skipped and not result.schools:
            self.stdout.write("Demo data already loaded; nothing changed.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {result.schools} schools, {result.teachers} teachers, "
                f"{result.accounts} accounts."
            )
        )
