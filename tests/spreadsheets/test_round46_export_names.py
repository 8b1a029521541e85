"""Round 46: the exports' file names and the masked reader's birth year.

My jobs listed the teacher list as `教师名单.xlsx` / `Teacher list.xlsx` (no date, a space)
beside `企业实践-2026-12-07.xlsx`: every generated export is now name-YYYY-MM-DD.xlsx. A
city reader's export showed a year under 出生日期 (the ID numbers read masked there): the
column is 出生年份 / Birth year for them."""

import io
import re
from typing import Any
from urllib.parse import unquote

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from shuangshi import testing

NAMED = re.compile(r"^\S+-\d{4}-\d{2}-\d{2}\.xlsx$")


@pytest.fixture
def staff(school_a: Any) -> Any:
    return testing.make_teacher(school_a, name="王芳")


def _job(client: Any, url: str, **headers: Any) -> dict[str, Any]:
    response = client.post(url, **headers)
    assert response.status_code == 202, response.content
    job = response.json()
    assert job["status"] == "succeeded", job
    return job


def _header(content: bytes) -> list[Any]:
    return [c.value for c in load_workbook(io.BytesIO(content)).active[1]]


@pytest.mark.parametrize(("language", "name"), [("zh-hans", "教师名单"), ("en", "teacher-list")])
def test_the_teacher_list_is_named_by_its_date_without_spaces(api, hr_a, staff, language, name):
    client = api(hr_a)
    expected = f"{name}-{timezone.localdate().isoformat()}.xlsx"
    job = _job(client, "/api/v1/exports/teachers/", HTTP_ACCEPT_LANGUAGE=language)
    assert job["result_name"] == expected
    direct = client.get("/api/v1/exports/teachers/", HTTP_ACCEPT_LANGUAGE=language)
    assert direct.status_code == 200
    assert expected in unquote(direct["Content-Disposition"])


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_export_job_names_its_file_name_dash_date(api, province, school_a, staff, language):
    client = api(province)
    for url in (
        "/api/v1/exports/teachers/",
        "/api/v1/practice-duty/export/",
        "/api/v1/exports/province/",
        f"/api/v1/exports/school/?school={school_a.pk}",
    ):
        job = _job(client, url, HTTP_ACCEPT_LANGUAGE=language)
        assert NAMED.match(job["result_name"]), (url, job["result_name"])


@pytest.mark.parametrize(
    ("language", "year", "date", "id_number"),
    [
        ("zh-hans", "出生年份", "出生日期", "身份证号"),
        ("en", "Birth year", "Birth date", "ID number"),
    ],
)
def test_a_city_reader_gets_the_birth_year_under_a_year_header(
    api, city_nc, staff, language, year, date, id_number
):
    client = api(city_nc)
    job = _job(client, "/api/v1/exports/teachers/", HTTP_ACCEPT_LANGUAGE=language)
    for content in (
        client.get(job["download"]).content,
        client.get("/api/v1/exports/teachers/", HTTP_ACCEPT_LANGUAGE=language).content,
    ):
        book = load_workbook(io.BytesIO(content))
        header = [c.value for c in book.active[1]]
        assert year in header and date not in header
        row = [c.value for c in book.active[2]]
        assert row[header.index(year)] == str(staff.birth_date.year)
        assert "*" in row[header.index(id_number)]


def test_the_school_hr_keeps_the_birth_date_column(api, hr_a, staff):
    client = api(hr_a)
    header = _header(client.get("/api/v1/exports/teachers/").content)
    assert "出生日期" in header and "出生年份" not in header


def test_a_training_base_cannot_export_the_teacher_list(api, base_staff, staff):
    assert api(base_staff).post("/api/v1/exports/teachers/").status_code == 403
    assert api(base_staff).get("/api/v1/exports/teachers/").status_code == 403
