"""Round 45: the teacher sheet refuses a staff number (工号) that another current teacher of
the school holds, at the row's 工号 cell, as the API does (teachers.validation), and a later
row repeating an earlier row's number, naming the earlier row."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone
from shuangshi import testing
from shuangshi.teachers.models import Teacher

from .books import TEACHER_HEADERS, teacher_row, teachers_book
from .conftest import errors_at

pytestmark = pytest.mark.django_db

TAKEN = "Another current teacher of this school has this staff number."


def english(client: Any) -> Any:
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    return client


def test_a_row_with_a_stored_teacher_s_number_is_refused_at_its_cell(api, hr_a, school_a, upload):
    testing.make_teacher(school_a, staff_no="JX-0007")
    client = english(api(hr_a))
    body = upload(client, "teachers", teachers_book([teacher_row(工号="jx-0007")])).json()
    assert body["status"] == "invalid", body
    assert errors_at(body) == [(2, "工号")]
    assert body["errors"][0]["message"] == TAKEN
    assert Teacher.objects.count() == 1


def test_two_rows_with_one_number_refuse_the_later_naming_the_earlier(api, hr_a, upload):
    client = english(api(hr_a))
    rows = [teacher_row(工号="JX-0001"), teacher_row(), teacher_row(工号="JX-0001")]
    body = upload(client, "teachers", teachers_book(rows)).json()
    assert body["status"] == "invalid", body
    assert errors_at(body) == [(4, "工号")]
    assert body["errors"][0]["message"] == "This staff number is also in row 2 (same school)."


def test_a_departed_teacher_s_number_and_a_re_import_go_through(api, hr_a, school_a, upload):
    yesterday = timezone.localdate() - timedelta(days=1)
    testing.make_teacher(school_a, staff_no="JX-0007", left_on=yesterday)
    kept = testing.make_teacher(school_a, staff_no="JX-0008", name="李强")
    client = english(api(hr_a))
    rows = [
        teacher_row(工号="JX-0007"),
        teacher_row(
            姓名=kept.name,
            身份证号=kept.id_number,
            工号="JX-0008",
            出生日期=kept.birth_date,
            性别="男",
            入职日期=date(2010, 9, 1),
        ),
        teacher_row(工号=""),
        teacher_row(工号=""),
    ]
    body = upload(client, "teachers", teachers_book(rows)).json()
    assert body["status"] == "valid", body


def test_another_school_s_number_is_free_to_the_province(api, province, school_a, school_b, upload):
    testing.make_teacher(school_b, staff_no="JX-0007")
    client = english(api(province))
    row = teacher_row(工号="JX-0007", 学校代码=school_a.code)
    book = teachers_book([row], headers=[*TEACHER_HEADERS, "学校代码"])
    body = upload(client, "teachers", book).json()
    assert body["status"] == "valid", body
