"""Finalize every application whose publicity ended with no objection open (nightly)."""

from typing import Any

from django.core.management.base import BaseCommand

from shuangshi.recognition import services


class Command(BaseCommand):
    help = "Finalize the recognition applications whose publicity has ended (run nightly)."

    def handle(self, *args: Any, **options: Any) -> None:
        done = services.applications_finalize_due()
        self.stdout.write(f"finalized {done}")
