import time
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from shuangshi.qualification import services

from ._progress import reporter


class Command(BaseCommand):
    help = (
        "Re-evaluate every teacher's qualification in batches and recount the schools "
        "(nightly, and after a rule-profile change). --due only re-evaluates results whose "
        "changes_on (next change of anything) has come or whose profile is outdated."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=20000)
        parser.add_argument("--due", action="store_true", help="only results that may change")
        parser.add_argument("--on", type=date.fromisoformat, default=None, help="YYYY-MM-DD")
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="processes for a full run (default: setting QUALIFICATION_REBUILD_WORKERS or 1)",
        )
        parser.add_argument(
            "--rewrite-all",
            action="store_true",
            help="write every result even when it equals the stored one (worst case)",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        started = time.perf_counter()
        report = reporter(self.stdout, "reevaluate")
        if opts["due"]:
            n = services.qualifications_refresh_due(
                on=opts["on"], batch_size=min(int(opts["batch_size"]), 5000), progress=report
            )
        else:
            written: list[int] = []
            n = services.qualifications_rebuild(
                on=opts["on"],
                batch_size=int(opts["batch_size"]),
                progress=report,
                rewrite_all=bool(opts["rewrite_all"]),
                written=written,
                workers=opts["workers"],
            )
            self.stdout.write(f"{written[0]} stored results changed")
        elapsed = time.perf_counter() - started
        rate = n / elapsed if elapsed else 0
        self.stdout.write(f"re-evaluated {n} teachers in {elapsed:.1f}s ({rate:,.0f}/s)")
