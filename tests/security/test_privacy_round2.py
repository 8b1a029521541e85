"""Security round 2 (issue 15 items 2, 3, 5, 10, 11, 12; issue 14 item 9): masks that cannot
be reversed, no lookup oracles, mentors that another school cannot take over, audited
exports, masked free text, and a development server that logs no ID numbers.

Each test attacks through the public API (or the running process) as the role that would.
"""

import io
import os
import subprocess
import sys
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient
from shuangshi import testing
from shuangshi.common.idnumbers import id_check_char, mask_id_number
from shuangshi.mentors.tests.conftest import appoint, make_mentor
from shuangshi.teachers.models import Teacher
from shuangshi.training.models import TrainingProgram

from ..spreadsheets.books import book
from . import world as world_module
from .endpoints import api_endpoints

pytestmark = pytest.mark.django_db

BACKEND = Path(__file__).resolve().parents[2] / "backend"
NUMBER = "36010219850615123X"

# runserver's request handler logs through the "django.server" logger: call it as it does.
RUNSERVER_LOG = f"""
import django
django.setup()
from django.core.servers.basehttp import WSGIRequestHandler
handler = WSGIRequestHandler.__new__(WSGIRequestHandler)
handler.request = None
handler.log_date_time_string = lambda: "01/Dec/2026 15:00:00"
handler.log_message('"%s" %s %s', "GET /api/v1/teachers/?search={NUMBER} HTTP/1.1", "200", "42")
handler.log_message('"%s" %s %s', "GET /api/v1/x/?q={NUMBER} HTTP/1.1", "404", "9")
"""


def test_the_development_server_log_masks_id_numbers_under_every_settings_module():
    for module in ("local", "production", "test"):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": f"config.settings.{module}",
            "DJANGO_SECRET_KEY": "k" * 60,
            "DATABASE_URL": os.environ.get("DATABASE_URL", "sqlite:///:memory:"),
            "DJANGO_ALLOWED_HOSTS": "localhost",
        }
        result = subprocess.run(
            [sys.executable, "-c", RUNSERVER_LOG],
            cwd=BACKEND,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        log = result.stdout + result.stderr
        assert NUMBER not in log, module
        assert log.count("search=3601************3X") == 1, (module, log)
        assert "q=3601************3X" in log, module


# ---------------------------------------------------------------- item 2: the mask holds


def _candidates(masked: str, *, area: str, birth_year: int, birth_date: str | None) -> int:
    """How many valid ID numbers fit what a masked reader sees, granting them the full
    6-digit area code (the school's county is often guessable): every day of the birth
    year (or the one birth date, if shown) x every sequence, kept when the shown characters
    match."""
    days = (
        [date.fromisoformat(birth_date)]
        if birth_date
        else [
            date(birth_year, 1, 1) + timedelta(days=n)
            for n in range((date(birth_year + 1, 1, 1) - date(birth_year, 1, 1)).days)
        ]
    )
    shown = [(i, ch) for i, ch in enumerate(masked) if ch != "*"]
    count = 0
    for day in days:
        for sequence in range(1000):
            body = f"{area}{day:%Y%m%d}{sequence:03d}"
            number = body + id_check_char(body)
            count += all(number[i] == ch for i, ch in shown)
    return count


def test_a_city_reader_cannot_rebuild_a_teachers_id_number(api, city_nc, teacher_a):
    read = api(city_nc).get(f"/api/v1/teachers/{teacher_a.pk}/").json()
    assert read["birth_date"] is None
    assert read["birth_year"] == teacher_a.birth_date.year
    left = _candidates(
        read["id_number"],
        area=teacher_a.id_number[:6],
        birth_year=read["birth_year"],
        birth_date=read["birth_date"],
    )
    assert left >= 1000  # 365 days x 100 sequences / 11 check characters: about 3,300


def test_the_owning_hr_reads_the_full_birth_date(api, hr_a, teacher_a):
    read = api(hr_a).get(f"/api/v1/teachers/{teacher_a.pk}/").json()
    assert read["id_number"] == teacher_a.id_number
    assert read["birth_date"] == teacher_a.birth_date.isoformat()
    assert read["birth_year"] == teacher_a.birth_date.year


def test_the_teacher_list_hides_birth_dates_from_the_city(api, city_nc, teacher_a):
    rows = api(city_nc).get("/api/v1/teachers/").json()["results"]
    assert [(r["birth_date"], r["birth_year"]) for r in rows] == [(None, 1985)]


def test_a_city_reader_cannot_rebuild_a_mentors_id_number(api, city_nc, school_a):
    mentor = make_mentor()
    appoint(mentor, school_a)
    read = api(city_nc).get(f"/api/v1/mentors/{mentor.pk}/").json()
    assert (read["birth_date"], read["age"]) == (None, None)
    left = _candidates(
        read["id_number"],
        area=mentor.id_number[:6],
        birth_year=read["birth_year"],
        birth_date=read["birth_date"],
    )
    assert left >= 1000


def test_the_teacher_history_shows_a_city_reader_the_birth_year_only(api, city_nc, teacher_a):
    body = api(city_nc).get(f"/api/v1/teachers/{teacher_a.pk}/history/").content.decode()
    assert teacher_a.birth_date.isoformat() not in body
    assert teacher_a.id_number not in body


def test_the_city_export_carries_the_birth_year_only(api, city_nc, teacher_a):
    response = api(city_nc).get("/api/v1/exports/teachers/")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    row = [c.value for c in sheet[2]]
    assert row[header.index("出生年份")] == "1985"  # the year only, named so (round 46)
    assert row[header.index("身份证号")] == mask_id_number(teacher_a.id_number)


def _text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            return " ".join(book.read(n).decode("utf-8", "replace") for n in book.namelist())
    return content.decode("utf-8", "replace")


@pytest.mark.parametrize("role", ["city", "base_staff"])
def test_no_endpoint_shows_a_masked_reader_a_birth_date(role):
    """Every GET endpoint of the access-matrix world, as a role that reads IDs masked: no
    person's birth date appears, as text or as an Excel date serial."""
    built = world_module.build()
    school_a = Teacher.objects.get(pk=built.rows["teacher"][0]).school
    # Birth dates no template example uses.
    testing.make_teacher(school_a, name="赵敏", birth_date=date(1979, 11, 23))
    appoint(make_mentor(birth_date=date(1971, 3, 17)), school_a)
    births = {date(1979, 11, 23), date(1971, 3, 17)}
    needles = {d.isoformat() for d in births} | {f"{d:%Y%m%d}" for d in births}
    serials = {f">{(d - date(1899, 12, 30)).days}<" for d in births}  # xlsx <v>31213</v>
    client = APIClient()
    client.force_authenticate(user=built.users[role])
    for endpoint in [e for e in api_endpoints() if e.method == "GET"]:
        row = endpoint.name.rsplit("-", 1)[0]
        for key in built.rows.get(row, (None,)) if endpoint.kwargs else (None,):
            if endpoint.kwargs and key is None:
                continue
            kwargs = {endpoint.kwargs[0]: key} if endpoint.kwargs else {}
            body = _text(client.get(reverse(endpoint.name, kwargs=kwargs)))
            shown = [n for n in needles | serials if n in body]
            assert shown == [], f"{endpoint.key} shows {shown} to {role}"


# ------------------------------------------------------------- item 3: no lookup oracles

TRANSFER = "此人已在其他学校登记，请联系省级管理员办理调动。"
COMPLETION_HEADERS = ["身份证号", "姓名", "培训项目", "结业日期", "学时", "是否合格"]


def _upload(client, kind: str, rows: list[list]) -> dict:
    content = book(rows)
    response = client.post(
        "/api/v1/imports/",
        {"kind": kind, "file": SimpleUploadedFile("x.xlsx", content)},
        format="multipart",
    )
    return response


@pytest.fixture
def program(base_a):
    return TrainingProgram.objects.create(
        base=base_a,
        title="新能源汽车维修技术培训",
        kind="skill_training",
        hours=80,
        start_on=date(2024, 7, 8),
        end_on=date(2024, 8, 2),
    )


def test_a_completions_dry_run_with_a_wrong_name_never_echoes_the_stored_name(
    api, base_staff, program, teacher_b
):
    rows = [COMPLETION_HEADERS, [teacher_b.id_number, "王二", program.title, "2024-08-02", 40]]
    response = _upload(api(base_staff), "training-completions", rows)
    body = response.json()
    assert [e["message"] for e in body["errors"]] == ["姓名与身份证号不匹配。"]
    assert teacher_b.name not in response.content.decode()


def test_posting_another_schools_id_number_says_only_ask_the_province(api, hr_a, teacher_b):
    data = testing.teacher_data(hr_a.school, id_number=teacher_b.id_number, name="冒名")
    data.pop("school")
    response = api(hr_a).post("/api/v1/teachers/", data, format="json")
    assert response.status_code == 400
    assert response.json() == {"id_number": [TRANSFER]}


def test_the_own_schools_duplicate_says_it_is_registered(api, hr_a, teacher_a):
    data = testing.teacher_data(hr_a.school, id_number=teacher_a.id_number)
    data.pop("school")
    response = api(hr_a).post("/api/v1/teachers/", data, format="json")
    assert response.json() == {"id_number": ["该身份证号的教师已经登记。"]}


def test_importing_another_schools_teacher_says_only_ask_the_province(api, hr_a, teacher_b):
    from ..spreadsheets.books import TEACHER_HEADERS, teacher_row, teachers_book

    row = teacher_row(身份证号=teacher_b.id_number, 性别="男", 出生日期=teacher_b.birth_date)
    content = teachers_book([row])
    response = api(hr_a).post(
        "/api/v1/imports/",
        {"kind": "teachers", "file": SimpleUploadedFile("t.xlsx", content)},
        format="multipart",
    )
    assert [e["message"] for e in response.json()["errors"]] == [TRANSFER]
    assert teacher_b.school.name not in response.content.decode()
    assert len(TEACHER_HEADERS) == 14


def _refusal(client, response) -> str:
    """Why an upload was refused: at once (400), or by its dry run (a background job)."""
    if response.status_code == 400:
        return str(response.json())
    assert response.status_code == 201
    job = client.get(f"/api/v1/imports/{response.json()['id']}/").json()
    assert job["status"] == "invalid"
    return job["message"]


def _lookup_entries(user) -> list[dict]:
    return [
        e.additional_data
        for e in LogEntry.objects.filter(actor=user, action=LogEntry.Action.ACCESS).order_by("id")
        if (e.additional_data or {}).get("event") == "id_lookup"
    ]


@override_settings(ID_LOOKUPS_PER_DAY=4)
def test_base_staff_share_one_audited_budget_across_every_id_lookup(
    api, base_staff, program, teacher_a, teacher_b
):
    client = api(base_staff)
    lookup = "/api/v1/training-completions/lookup-teacher/"
    assert client.post(lookup, {"id_number": teacher_a.id_number}).status_code == 200
    completion = {
        "program": program.pk,
        "teacher_id_number": teacher_b.id_number,
        "completed_on": "2024-08-02",
        "hours": 40,
    }
    assert client.post("/api/v1/training-completions/", completion).status_code == 201
    # Two rows of an import: the budget is now used up ...
    rows = [COMPLETION_HEADERS] + [
        [t.id_number, "", program.title, "2024-08-02", 40] for t in (teacher_a, teacher_b)
    ]
    assert _upload(client, "training-completions", rows).status_code == 201
    # ... so every way of asking is refused, a completion by ID number included.
    assert client.post(lookup, {"id_number": teacher_a.id_number}).status_code == 429
    completion["teacher_id_number"] = teacher_a.id_number
    assert client.post("/api/v1/training-completions/", completion).status_code == 429
    assert "查询已用完" in _refusal(client, _upload(client, "training-completions", rows))
    assert [(e["what"], e["count"]) for e in _lookup_entries(base_staff)] == [
        ("lookup_teacher", 1),
        ("completion_by_id_number", 1),
        ("completions_import", 2),
    ]


@override_settings(ID_LOOKUPS_PER_DAY=2)
def test_school_hr_probing_id_numbers_runs_out_of_budget(api, hr_a, teacher_b, school_b):
    mentor = make_mentor()
    appoint(mentor, school_b)
    client = api(hr_a)
    found = client.post("/api/v1/mentors/lookup/", {"id_number": mentor.id_number})
    assert found.status_code == 200
    data = testing.teacher_data(hr_a.school, id_number=teacher_b.id_number)
    data.pop("school")
    assert client.post("/api/v1/teachers/", data, format="json").status_code == 400
    assert client.post("/api/v1/teachers/", data, format="json").status_code == 429
    probe = client.post("/api/v1/mentors/lookup/", {"id_number": mentor.id_number})
    assert probe.status_code == 429
    assert "Retry-After" in probe
    assert [e["count"] for e in _lookup_entries(hr_a)] == [1, 1]


# ------------------------------------------------ item 5 and issue 14 item 9: mentors


def test_a_school_cannot_take_over_another_schools_mentor(api, hr_a, hr_b, school_a, school_b):
    mentor = make_mentor(name="刘工")
    appoint(mentor, school_a)
    client = api(hr_b)
    appointed = client.post(
        "/api/v1/mentor-appointments/",
        {
            "mentor_id_number": mentor.id_number,
            "mode": "research",
            "start_on": "2024-09-01",
        },
    )
    assert appointed.status_code == 201
    read = client.get(f"/api/v1/mentors/{mentor.pk}/").json()
    assert read["id_number"] == mask_id_number(mentor.id_number)
    assert read["birth_date"] is None
    patch = client.patch(f"/api/v1/mentors/{mentor.pk}/", {"name": "冒名", "version": 1})
    assert patch.status_code == 403
    mentor.refresh_from_db()
    assert mentor.name == "刘工"
    # Served by two schools, the record is the province's: school A reads it masked too.
    assert api(hr_a).get(f"/api/v1/mentors/{mentor.pk}/").json()["birth_date"] is None


def test_an_appointment_import_cannot_rename_another_schools_mentor(api, hr_b, school_a):
    mentor = make_mentor(name="刘工")
    appoint(mentor, school_a)
    headers = ["导师姓名", "导师身份证号", "所在企业", "导师类别", "聘任方式", "聘任开始日期"]
    row = ["冒名", mentor.id_number, "别的公司", "企业工程技术人员", "兼职授课", "2024-09-01"]
    client = api(hr_b)
    # Round 45: another name with the mentor's ID number is refused, not filed under them,
    # and the error does not tell the stored name.
    body = _upload(client, "mentor-appointments", [headers, row]).json()
    assert body["status"] == "invalid", body
    assert [(e["row"], e["column"]) for e in body["errors"]] == [(2, "导师姓名")]
    assert "刘工" not in body["errors"][0]["message"]
    # Their name appoints them; the sheet's details are not applied to another school's mentor.
    row[0] = "刘工"
    body = _upload(client, "mentor-appointments", [headers, row]).json()
    assert body["status"] == "valid", body
    assert client.post(f"/api/v1/imports/{body['id']}/commit/").status_code == 200
    mentor.refresh_from_db()
    assert (mentor.name, mentor.enterprise) == ("刘工", "江铃汽车股份有限公司")
    assert mentor.appointments.filter(school=hr_b.school).exists()


def test_mentor_id_numbers_are_full_only_for_the_province_and_the_only_school(
    api, province, hr_a, city_nc, school_a
):
    mentor = make_mentor()
    appoint(mentor, school_a)
    url = "/api/v1/mentors/"
    assert api(province).get(url).json()["results"][0]["id_number"] == mentor.id_number
    assert api(hr_a).get(url).json()["results"][0]["id_number"] == mentor.id_number
    assert api(city_nc).get(url).json()["results"][0]["id_number"] == mask_id_number(
        mentor.id_number
    )


def test_the_mentor_reveal_is_audited_and_refused_to_a_masked_reader(
    api, province, hr_b, city_nc, school_a, school_b
):
    mentor = make_mentor()
    appoint(mentor, school_a)
    appoint(mentor, school_b, mode="research")
    url = f"/api/v1/mentors/{mentor.pk}/reveal-id-number/"
    assert api(hr_b).post(url, {"reason": "核对"}).status_code == 403
    assert api(city_nc).post(url, {"reason": "核对"}).status_code == 403
    response = api(province).post(url, {"reason": "核对 " + mentor.id_number})
    assert response.json() == {"id_number": mentor.id_number}
    entry = LogEntry.objects.get_for_object(mentor).get(action=LogEntry.Action.ACCESS)
    assert entry.actor == province
    assert entry.additional_data["reason"] == "核对 " + mask_id_number(mentor.id_number)


# ------------------------------------------------------------ item 10: exports audited


def test_every_export_is_audited_with_its_scope_and_count(api, province, hr_a, teacher_a):
    api(province).get("/api/v1/exports/teachers/?employment=full_time")
    api(hr_a).get("/api/v1/exports/school/")
    entries = [
        (e.actor, e.additional_data)
        for e in LogEntry.objects.filter(action=LogEntry.Action.ACCESS).order_by("id")
        if (e.additional_data or {}).get("event") == "export"
    ]
    assert entries == [
        (
            province,
            {
                "event": "export",
                "what": "teachers",
                "scope": "province employment=full_time",
                "count": 1,
                "full_id_numbers": 1,
            },
        ),
        (
            hr_a,
            {
                "event": "export",
                "what": "school_workbook",
                "scope": f"school={hr_a.school_id}",
                "count": 1,
                "full_id_numbers": 1,
            },
        ),
    ]


# ------------------------------------------------- item 11: ID-shaped text is masked


def test_an_id_number_typed_into_a_reveal_reason_reaches_no_city_reader(
    api, hr_a, city_nc, province, teacher_a, teacher_b
):
    typed = f"核对 {teacher_b.id_number} 与 {teacher_a.id_number[:9]} {teacher_a.id_number[9:]}"
    url = f"/api/v1/teachers/{teacher_a.pk}/reveal-id-number/"
    assert api(hr_a).post(url, {"reason": typed}).status_code == 200
    # An entry written before the fix (the reason stored as typed) is masked when read.
    LogEntry.objects.log_create(
        teacher_a,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        changes={},
        actor=hr_a,
        additional_data={"revealed": "id_number", "reason": typed},
    )
    for body in (
        api(city_nc).get(f"/api/v1/teachers/{teacher_a.pk}/history/").content.decode(),
        api(province).get("/api/v1/audit-log/").content.decode(),
    ):
        assert teacher_b.id_number not in body
        assert teacher_a.id_number[9:] not in body
        assert mask_id_number(teacher_b.id_number) in body


def test_sorting_by_birth_date_tells_a_city_reader_nothing_within_a_year(
    api, city_nc, hr_a, school_a
):
    # Created youngest first: the id order is the reverse of the birth-date order.
    made = [
        testing.make_teacher(school_a, birth_date=date(1985, month, 10)) for month in (12, 6, 1)
    ]
    url = "/api/v1/teachers/?ordering=birth_date"
    by_city = [r["id"] for r in api(city_nc).get(url).json()["results"]]
    assert by_city == [t.pk for t in made]  # by year, then by id
    by_hr = [r["id"] for r in api(hr_a).get(url).json()["results"]]
    assert by_hr == [t.pk for t in reversed(made)]
