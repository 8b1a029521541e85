"""Round 46: a school HR's mentor-appointment import that names a mentor another school
registered (and no school appoints yet) tells whether the name matches the ID number
(a name error, or none): such a row is an ID-number lookup, counted in the user's daily
budget as the API's lookups are, and refused the same way past it. A mentor the school
may read already (registered by its own HR, or appointed there only) costs nothing."""

import io
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.test import override_settings
from openpyxl import Workbook
from shuangshi.mentors import services as mentor_services
from shuangshi.mentors.tests.conftest import appoint, make_mentor, mentor_data
from shuangshi.spreadsheets import services as imports
from shuangshi.spreadsheets.models import ImportStatus
from shuangshi.spreadsheets.reader import FileProblem

pytestmark = pytest.mark.django_db

HEADERS = ["导师姓名", "导师身份证号", "所在企业", "导师类别", "聘任方式", "聘任开始日期"]


def _book(rows: list[list[Any]], headers: list[str]) -> bytes:
    book = Workbook()
    ws = book.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _row(mentor: Any, name: str, mode: str = "teaching") -> list[Any]:
    return [name, mentor.id_number, "江铃汽车股份有限公司", "engineer", mode, "2024-09-01"]


def _validate(user: Any, rows: list[list[Any]], headers: list[str] = HEADERS) -> Any:
    return imports.import_validate(
        user=user, kind="mentor-appointments", filename="m.xlsx", content=_book(rows, headers)
    )


def _charged(user: Any) -> list[tuple[str, int]]:
    entries = LogEntry.objects.filter(actor=user, action=LogEntry.Action.ACCESS).order_by("id")
    return [
        (e.additional_data["what"], e.additional_data["count"])
        for e in entries
        if (e.additional_data or {}).get("event") == "id_lookup"
    ]


@override_settings(ID_LOOKUPS_PER_DAY=2)
def test_naming_a_mentor_another_school_registered_counts_against_the_budget(
    api, hr_a, hr_b, school_a, school_b
):
    # Registered by school B's HR, appointed nowhere.
    theirs = mentor_services.mentor_create(data=mentor_data(name="刘工"), user=hr_b)
    assert theirs.registered_by_school_id == school_b.pk
    right = _validate(hr_a, [_row(theirs, "刘工")])
    assert right.status == ImportStatus.VALID
    wrong = _validate(hr_a, [_row(theirs, "王工")])
    assert wrong.status == ImportStatus.INVALID  # the name error, as before
    assert [e["field"] for e in wrong.errors] == ["name"]
    assert _charged(hr_a) == [("mentor_appointments_import", 1)] * 2
    # Past the budget the upload is refused, as a lookup through the API is (429).
    with pytest.raises(FileProblem, match="查询已用完"):
        _validate(hr_a, [_row(theirs, "刘工")])
    lookup = api(hr_a).post("/api/v1/mentors/lookup/", {"id_number": theirs.id_number})
    assert lookup.status_code == 429


@override_settings(ID_LOOKUPS_PER_DAY=1)
def test_the_schools_own_mentors_and_the_province_cost_nothing(province, hr_a, school_a, school_b):
    registered_here = mentor_services.mentor_create(data=mentor_data(name="张工"), user=hr_a)
    appointed_here = make_mentor(name="李工")
    appoint(appointed_here, school_a)
    job = _validate(hr_a, [_row(registered_here, "张工"), _row(appointed_here, "李工", "research")])
    assert job.status == ImportStatus.VALID, job.errors
    assert _charged(hr_a) == []
    theirs = make_mentor(name="刘工")  # the province's, appointed nowhere
    for _ in range(2):
        row = [*_row(theirs, "刘工"), school_b.code]
        assert _validate(province, [row], [*HEADERS, "学校代码"]).status == ImportStatus.VALID
    assert _charged(province) == []
