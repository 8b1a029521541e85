from typing import Any

from django.core.management.base import BaseCommand

from shuangshi.jobs.management.commands.jobs_worker import upkeep_once


class Command(BaseCommand):
    help = "Tick the schedule and reap dead workers' jobs once (the workers do this themselves)."

    def handle(self, *args: Any, **options: Any) -> None:
        upkeep_once()
