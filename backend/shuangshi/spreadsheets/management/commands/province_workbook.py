"""Write the province workbook for today (`make reports` writes it into reports/out/)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from shuangshi.spreadsheets.report_data import province_report
from shuangshi.spreadsheets.reports import province_workbook


class Command(BaseCommand):
    help = "Write the province workbook (summary, cities, kinds, schools, bases, recruitment)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", default=".", help="Directory to write into")

    def handle(self, *args: Any, output: str, **options: Any) -> None:
        report = province_report()
        directory = Path(output)
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"province-workbook-{report.as_of.isoformat()}.xlsx"
        path.write_bytes(province_workbook(report))
        self.stdout.write(f"{path} ({len(report.schools)} schools)")
