import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from shuangshi.common.collector import gc_paused
from shuangshi.qualification import services
from shuangshi.qualification.generate import generate_country

from ._progress import reporter


class Command(BaseCommand):
    help = (
        "Generate a synthetic country for benchmarks: N schools across the five kinds and M "
        "teachers with certificates, enterprise periods and training completions (COPY on "
        "PostgreSQL), then evaluate everyone. Adds to what is there."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--schools", type=int, default=11000)
        parser.add_argument("--teachers", type=int, default=1300000)
        parser.add_argument("--seed", type=int, default=20231)
        parser.add_argument("--no-evaluate", action="store_true")

    def handle(self, *args: Any, **opts: Any) -> None:
        started = time.perf_counter()
        with gc_paused():
            counts = generate_country(
                schools=int(opts["schools"]),
                teachers=int(opts["teachers"]),
                seed=int(opts["seed"]),
                progress=reporter(self.stdout),
            )
        self.stdout.write(
            ", ".join(f"{k}: {v:,}" for k, v in counts.items())
            + f" in {time.perf_counter() - started:.1f}s"
        )
        if not opts["no_evaluate"]:
            started = time.perf_counter()
            n = services.qualifications_rebuild(progress=reporter(self.stdout, "evaluate"))
            self.stdout.write(f"evaluated {n:,} teachers in {time.perf_counter() - started:.1f}s")
