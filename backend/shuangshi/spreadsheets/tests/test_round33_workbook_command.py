"""`manage.py province_workbook --as-of`: the official workbook as on a past date."""

from datetime import date
from io import StringIO
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_the_command_writes_the_workbook_as_on_the_date_given(tmp_path: Path) -> None:
    out = StringIO()
    call_command("province_workbook", output=str(tmp_path), as_of="2026-06-30", stdout=out)
    path = tmp_path / "province-workbook-2026-06-30.xlsx"
    assert path.exists(), out.getvalue()
    sheet = openpyxl.load_workbook(path).worksheets[0]
    dated = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert dated["统计日期"].date() == date(2026, 6, 30)


@pytest.mark.parametrize("bad", ["2026-13-01", "1800-01-01"])
def test_a_bad_date_is_refused_with_the_option_named(tmp_path: Path, bad: str) -> None:
    with pytest.raises(CommandError, match="--as-of"):
        call_command("province_workbook", output=str(tmp_path), as_of=bad)
    assert not list(tmp_path.iterdir())
