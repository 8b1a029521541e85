"""Workbooks and exports as background jobs: POST → 202 with the job → its download."""

from datetime import date

import pytest
from shuangshi import testing

from .books import read_back


@pytest.fixture
def staff(school_a, school_b):
    return [
        testing.make_teacher(school_a, name="王芳", major="电工"),
        testing.make_teacher(school_a, name="李强", left_on=date(2024, 1, 31)),
        testing.make_teacher(school_b, name="赵敏"),
    ]


def _download(client, job):
    assert job["status"] == "succeeded", job
    response = client.get(job["download"])
    assert response.status_code == 200
    return read_back(response.content)


def test_hr_exports_the_filtered_teacher_list_as_a_job(api, hr_a, hr_b, staff):
    client = api(hr_a)
    response = client.post("/api/v1/exports/teachers/?active=true")
    assert response.status_code == 202
    job = response.json()
    assert job["kind"] == "exports.teachers"
    assert job["result"] == {"rows": 1}
    sheet = _download(client, job)["教师"]
    assert [c.value for c in sheet[1]][0] == "姓名"
    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == ["王芳"]
    # The job and its file are the exporter's alone.
    assert api(hr_b).get(f"/api/v1/jobs/{job['id']}/").status_code == 404
    assert api(hr_b).get(job["download"]).status_code == 404


def test_a_bad_filter_is_a_400_at_once_not_a_failed_job(api, hr_a, staff):
    response = api(hr_a).post("/api/v1/exports/teachers/?city=notanumber")
    assert response.status_code == 400


def test_roles_without_teacher_lists_cannot_export_them(api, base_staff, staff):
    assert api(base_staff).post("/api/v1/exports/teachers/").status_code == 403


def test_the_province_workbook_is_made_by_a_job_for_the_province_only(
    api, province, hr_a, staff
):
    response = api(province).post("/api/v1/exports/province/")
    assert response.status_code == 202
    job = response.json()
    assert job["result_name"].endswith(".xlsx")
    assert _download(api(province), job).sheetnames
    assert api(hr_a).post("/api/v1/exports/province/").status_code == 403


def test_a_school_workbook_is_made_by_a_job_within_the_users_scope(
    api, hr_a, city_nc, school_b, staff
):
    response = api(hr_a).post("/api/v1/exports/school/")
    assert response.status_code == 202
    assert _download(api(hr_a), response.json()).sheetnames
    # Nanchang's city account may not see a Jiujiang school: as if it did not exist.
    assert api(city_nc).post(f"/api/v1/exports/school/?school={school_b.pk}").status_code == 404
    assert api(city_nc).post("/api/v1/exports/school/").status_code == 400
