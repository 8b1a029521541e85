"""Round 28 (imports, every kind): DESIGN §6 — bad input gets a clear error at its row and
column, never silently lost data nor a crash.

- A formula whose saved value is an error (#N/A from a failed VLOOKUP, #DIV/0!, #REF!) was
  read as a blank cell: an optional column then imported "no expiry", "still ongoing",
  "passed", "whole school" or "still employed" without a word.
- A long number typed into a text column (a 17-digit 教师资格证 number) reached the importer
  rounded to Excel's 15 digits and was stored with the wrong digits.
- A school's term hours above 100,000, which the API stores, were refused by the import.
- A huge number in a date cell crashed the dry run read by openpyxl (large uploads).
"""

from datetime import date
from typing import Any

import pytest
from shuangshi import testing
from shuangshi.hours.models import TeachingHours
from shuangshi.mentors.models import MentorAppointment
from shuangshi.spreadsheets import services
from shuangshi.teachers.models import Certificate, EnterprisePeriod, Teacher
from shuangshi.training.models import TrainingCompletion, TrainingProgram

from .books import TEACHER_HEADERS, book, read_back, teacher_row
from .conftest import errors_at
from .xlsxfiles import with_formula_errors, with_number

CERT_HEADERS = ["身份证号", "证书类别", "等级/类型", "证书编号", "发证日期", "有效期至"]
HOURS_HEADERS = ["学期", "专业大类", "总课时", "实践教学课时"]
PROGRAMME = "新能源汽车维修技术培训"


@pytest.fixture
def program(base_a):
    return TrainingProgram.objects.create(
        base=base_a,
        title=PROGRAMME,
        kind="skill_training",
        hours=80,
        start_on=date(2024, 7, 8),
        end_on=date(2024, 8, 2),
    )


def commit(client: Any, body: dict[str, Any]) -> dict[str, Any]:
    assert body["status"] == "valid", body
    done = client.post(f"/api/v1/imports/{body['id']}/commit/").json()
    assert done["status"] == "committed", done
    return done


# ------------------------------------------------------------------ formula errors


def _sheets(teacher: Teacher) -> dict[str, tuple[str, list[list[Any]], str, str, Any]]:
    """kind → (user fixture, rows with the header, the cell to hold #N/A (written as "?"),
    its column, model)."""
    number = testing.new_id_number()
    return {
        "certificates": (
            "hr_a",
            [
                CERT_HEADERS,
                [teacher.id_number, "职业技能等级证书", "四级", "N1", date(2020, 1, 1), "?"],
            ],
            "F2",
            "有效期至",  # read as blank: never expires
            Certificate,
        ),
        "enterprise-periods": (
            "hr_a",
            [
                ["身份证号", "经历类型", "企业名称", "开始日期", "结束日期"],
                [teacher.id_number, "企业实践", "江铃汽车", date(2023, 7, 1), "?"],
            ],
            "E2",
            "结束日期",  # read as blank: still ongoing
            EnterprisePeriod,
        ),
        "mentor-appointments": (
            "hr_a",
            [
                [
                    "导师姓名",
                    "导师身份证号",
                    "所在企业",
                    "导师类别",
                    "聘任方式",
                    "聘任开始日期",
                    "学时",
                ],
                ["刘工", number, "江西铜业", "能工巧匠", "兼职授课", date(2024, 9, 1), "?"],
            ],
            "G2",
            "学时",  # read as blank: 0 hours
            MentorAppointment,
        ),
        "teaching-hours": (
            "hr_a",
            [HOURS_HEADERS, ["2026-2027-1", "?", 12000, 6600]],
            "B2",
            "专业大类",  # read as blank: the whole school's total
            TeachingHours,
        ),
        "training-completions": (
            "base_staff",
            [
                ["身份证号", "培训项目", "结业日期", "学时", "是否合格"],
                [teacher.id_number, PROGRAMME, date(2024, 8, 2), 80, "?"],
            ],
            "E2",
            "是否合格",  # read as blank: passed
            TrainingCompletion,
        ),
        "teachers": (
            "hr_a",
            [TEACHER_HEADERS, teacher_row(离职日期="?")],
            "N2",
            "离职日期",
            Teacher,
        ),
    }


KINDS = [
    "certificates",
    "enterprise-periods",
    "mentor-appointments",
    "teaching-hours",
    "training-completions",
    "teachers",
]


@pytest.mark.parametrize("kind", KINDS)
def test_a_formula_error_in_an_optional_cell_is_reported_at_its_cell_not_read_as_blank(
    api, request, school_a, program, upload, kind
):
    teacher = testing.make_teacher(school_a)
    who, rows, cell, column, model = _sheets(teacher)[kind]
    before = model.objects.count()
    client = api(request.getfixturevalue(who))
    body = upload(client, kind, with_formula_errors(book(rows), {cell: "#N/A"})).json()
    assert body["status"] == "invalid", body
    assert errors_at(body) == [(2, column)]
    error = body["errors"][0]
    assert (error["cell"], error["value"]) == (cell, "#N/A")
    assert "#N/A" in error["message"]
    assert client.post(f"/api/v1/imports/{body['id']}/commit/").status_code == 400
    assert model.objects.count() == before


def test_a_formula_error_in_a_required_cell_says_so_rather_than_required(
    api, hr_a, teacher_a, upload
):
    rows = [CERT_HEADERS, [teacher_a.id_number, "职业技能等级证书", "四级", "N1", "?", None]]
    content = with_formula_errors(book(rows), {"E2": "#DIV/0!"})
    body = upload(api(hr_a), "certificates", content).json()
    assert errors_at(body) == [(2, "发证日期")]
    assert "#DIV/0!" in body["errors"][0]["message"]


def test_a_formula_error_outside_the_columns_read_does_not_stop_the_import(
    api, hr_a, teacher_a, upload
):
    rows = [
        [*CERT_HEADERS, "备注"],
        [teacher_a.id_number, "职业技能等级证书", "四级", "N1", date(2020, 1, 1), None, "x"],
    ]
    client = api(hr_a)
    body = upload(client, "certificates", with_formula_errors(book(rows), {"G2": "#REF!"})).json()
    assert commit(client, body)["created"] == 1
    assert Certificate.objects.get().expires_on is None


def test_the_error_workbook_shows_and_marks_the_formula_error(api, hr_a, teacher_a, upload):
    rows = [
        CERT_HEADERS,
        [teacher_a.id_number, "职业技能等级证书", "四级", "N1", date(2020, 1, 1), "?"],
    ]
    client = api(hr_a)
    body = upload(client, "certificates", with_formula_errors(book(rows), {"F2": "#N/A"})).json()
    response = client.get(f"/api/v1/imports/{body['id']}/errors/")
    assert response.status_code == 200
    ws = read_back(response.content).worksheets[0]
    assert ws["F2"].value == "#N/A"
    assert ws["F2"].fill.fgColor.rgb.endswith("FFC7CE")
    assert "有效期至" in ws.cell(2, len(CERT_HEADERS) + 1).value


# ------------------------------------------------------------------ long numbers in text


def test_a_long_certificate_number_typed_as_a_number_is_refused_not_rounded(
    api, hr_a, teacher_a, upload
):
    rows = [
        CERT_HEADERS,
        # A 教师资格证 number has 17 digits; Excel keeps 15 of a number.
        [teacher_a.id_number, "教师资格证", "中职教师资格", 20143600142000123, date(2014, 7, 1)],
    ]
    body = upload(api(hr_a), "certificates", book(rows)).json()
    assert body["status"] == "invalid", body
    assert errors_at(body) == [(2, "证书编号")]
    assert "15" in body["errors"][0]["message"]
    assert not Certificate.objects.exists()


def test_a_number_of_15_digits_keeps_every_digit(api, hr_a, teacher_a, upload):
    rows = [
        CERT_HEADERS,
        [teacher_a.id_number, "教师资格证", "中职教师资格", 123456789012345, date(2014, 7, 1)],
    ]
    client = api(hr_a)
    commit(client, upload(client, "certificates", book(rows)).json())
    assert Certificate.objects.get().number == "123456789012345"


# ------------------------------------------------------------------ teaching hours


def test_a_large_schools_term_hours_import_as_the_api_stores_them(api, hr_a, school_a, upload):
    client = api(hr_a)
    rows = [HOURS_HEADERS, ["2026-2027-1", None, 250_000, 130_000]]
    commit(client, upload(client, "teaching-hours", book(rows)).json())
    stored = TeachingHours.objects.get(school=school_a)
    assert (stored.total_hours, stored.practical_hours) == (250_000, 130_000)
    # The same figures through the API.
    response = client.post(
        "/api/v1/teaching-hours/",
        {"term": "2026-2027-2", "total_hours": 250_000, "practical_hours": 130_000},
        format="json",
    )
    assert response.status_code == 201, response.json()


def test_term_hours_past_what_the_database_holds_are_a_cell_error(api, hr_a, upload):
    rows = [HOURS_HEADERS, ["2026-2027-1", None, 3_000_000_000, 10]]
    body = upload(api(hr_a), "teaching-hours", book(rows)).json()
    assert errors_at(body) == [(2, "总课时")]
    assert not TeachingHours.objects.exists()


# ------------------------------------------------------------------ huge numbers as dates


@pytest.mark.parametrize("reader", ["calamine", "openpyxl"])
def test_a_huge_number_in_a_date_cell_is_a_cell_error_with_either_reader(
    api, hr_a, teacher_a, upload, monkeypatch, reader
):
    monkeypatch.setattr(services, "READER", reader)
    rows = [CERT_HEADERS, [teacher_a.id_number, "职业技能等级证书", "四级", "N1", "x", None]]
    content = with_number(book(rows), "E2", "1" + "0" * 400)
    body = upload(api(hr_a), "certificates", content).json()
    assert body["status"] == "invalid", body
    assert errors_at(body) == [(2, "发证日期")]


# ------------------------------------------------------------------ roles


@pytest.mark.parametrize(
    ("user", "kind"),
    [
        ("city_nc", "certificates"),
        ("base_staff", "enterprise-periods"),
        ("base_staff", "mentor-appointments"),
        ("city_nc", "teaching-hours"),
        ("base_staff", "teaching-hours"),
        ("hr_a", "training-completions"),
        ("city_nc", "teachers"),
    ],
)
def test_a_role_that_does_not_keep_a_kind_cannot_import_it(
    api, request, school_a, program, upload, user, kind
):
    teacher = testing.make_teacher(school_a)
    _who, rows, _cell, _column, model = _sheets(teacher)[kind]
    before = model.objects.count()
    response = upload(api(request.getfixturevalue(user)), kind, book(rows))
    assert response.status_code == 403
    assert model.objects.count() == before


def test_only_a_workbook_with_formula_errors_leaves_the_fast_reader(teacher_a):
    rows = [CERT_HEADERS, [teacher_a.id_number, "职业技能等级证书", "四级", "N1", "?", None]]
    assert services.reader_for(book(rows)) == "calamine"
    assert services.reader_for(with_formula_errors(book(rows), {"E2": "#N/A"})) == "openpyxl"
