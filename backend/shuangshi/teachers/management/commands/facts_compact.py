from typing import Any

from django.core.management.base import BaseCommand

from shuangshi.teachers import services


class Command(BaseCommand):
    help = (
        "Delete the dated-fact rows that only repeat a teacher's columns (the five rows every "
        "new teacher got before fields were stored only once they change). Safe to run at "
        "any time and again: evaluations and the teachers' histories stay the same."
    )

    def handle(self, *args: Any, **opts: Any) -> None:
        deleted = services.facts_compact()
        self.stdout.write(f"{deleted} dated-fact rows deleted")
