"""Write the province workbook for today, or as on ``--as-of`` (`make reports` writes it into
reports/out/)."""

from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from shuangshi.common.dates import in_range, out_of_range
from shuangshi.spreadsheets.report_data import province_report
from shuangshi.spreadsheets.reports import province_workbook


class Command(BaseCommand):
    help = "Write the province workbook (summary, cities, kinds, schools, bases, recruitment)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", default=".", help="Directory to write into")
        parser.add_argument(
            "--as-of", default=None, help="The date the figures are as on (YYYY-MM-DD; today)"
        )

    def handle(self, *args: Any, output: str, as_of: str | None = None, **options: Any) -> None:
        on = None
        if as_of:
            try:
                on = date.fromisoformat(as_of)
            except ValueError:
                raise CommandError(f"--as-of: {as_of!r} is not a date (YYYY-MM-DD).") from None
            if not in_range(on):
                raise CommandError(f"--as-of: {out_of_range()}")
        report = province_report(on)
        directory = Path(output)
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"province-workbook-{report.as_of.isoformat()}.xlsx"
        path.write_bytes(province_workbook(report))
        self.stdout.write(f"{path} ({len(report.schools)} schools)")
